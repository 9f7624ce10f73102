// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"encoding/binary"
	"hash/crc32"
	"slices"
	"sort"
	"sync"
)

// UTF8Font is a parsed TrueType font that any number of documents, in any
// number of goroutines, can add with AddUTF8FontParsed. Parsing a font
// (its tables, and a width for each of 65,536 code points) costs far more
// than most single-page documents; a program that writes many documents
// with the same fonts parses each font once with ParseUTF8Font.
//
// A UTF8Font is read-only once parsed. Each document still cuts its own
// subset of the font for the characters it uses.
type UTF8Font struct {
	data []byte
	desc FontDescType
	up   int
	ut   int
	cw   []int // read-only: shared by every document that adds the font

	mu  sync.Mutex
	ids map[string]string // font key -> generateFontID result

	// cut reads the tables every subset cut needs, once, when the first
	// document using the font is written.
	cut func() *cutTables

	subsetMu    sync.Mutex
	subsets     map[string]*utf8Subset // subset key -> subset, read-only
	subsetOrder []string               // keys of subsets, oldest first
}

// maxSubsets bounds the subsets a UTF8Font keeps: documents that use the
// same characters share one, and a font kept by a long-running program
// holds at most this many (a few tens of kilobytes each).
const maxSubsets = 16

// utf8Subset is what a document embeds of a UTF-8 font for the characters
// it uses. It depends on nothing but the font and that set of characters.
type utf8Subset struct {
	widths   []byte // the descendant font's /W entry, one line
	cidToGID []byte // the CIDToGIDMap stream, compressed
	file     []byte // the subset TrueType font, compressed
	fileSize int    // the subset's length before compression
	tag      string // six capital letters that name this subset (subsetTag)
}

// utf8Subset cuts and compresses the subset of font that the document
// uses, or takes it from the parsed font it was added from when another
// document already cut one for exactly the same characters.
func (f *Fpdf) utf8Subset(font *fontDefType) *utf8Subset {
	usedRunes := font.usedRunes
	delete(usedRunes, 0)
	// An encrypted document's streams are encrypted in place: it gets
	// subsets of its own.
	var key string
	if font.parsed != nil && !f.protect.encrypted {
		key = f.utf8SubsetKey(usedRunes)
		if sub := font.parsed.subset(key); sub != nil {
			return sub
		}
	}
	stream := font.utf8File.GenerateCutFont(usedRunes)
	sub := &utf8Subset{
		widths:   appendCIDWidths(nil, font, font.utf8File.LastRune),
		fileSize: len(stream),
		tag:      subsetTag(stream),
	}
	cidToGID := make([]byte, cidMapLen(font.utf8File.CodeSymbolDictionary, usedRunes, f.compactCIDMap))
	for cc, glyph := range font.utf8File.CodeSymbolDictionary {
		if cc != 0 {
			cidToGID[cc*2] = byte(glyph >> 8)
			cidToGID[cc*2+1] = byte(glyph & 0xFF)
		}
	}
	mem := xmem.compress(cidToGID)
	sub.cidToGID = mem.copy()
	mem.release()
	mem = xmem.compress(stream)
	sub.file = mem.copy()
	mem.release()
	if key != "" {
		font.parsed.keepSubset(key, sub)
	}
	return sub
}

// subsetJob holds the subsets of a document's UTF-8 fonts, cut on another
// goroutine while the pages are written.
type subsetJob struct {
	done chan struct{}          // closed when subs is complete
	subs map[string]*utf8Subset // font key -> subset
}

// startSubsets starts cutting and compressing the subsets of the
// document's UTF-8 fonts on another goroutine. A subset depends only on the
// characters the pages used, which are known once the last page is drawn,
// so the work overlaps compressing and writing the pages; putfonts takes
// the subsets with preparedSubset. The goroutine reads only copies of the
// font definitions and what nothing else touches until putfonts: each
// font's used characters and cutter, and the parsed font's subset cache,
// which has its own lock.
func (f *Fpdf) startSubsets() {
	var keys []string
	for key, font := range f.fonts {
		if font.Tp == "UTF8" {
			keys = append(keys, key)
		}
	}
	if len(keys) == 0 {
		return
	}
	sort.Strings(keys) // the order fonts enter a parsed font's subset cache
	defs := make([]fontDefType, len(keys))
	for i, key := range keys {
		defs[i] = f.fonts[key]
	}
	job := &subsetJob{done: make(chan struct{}), subs: make(map[string]*utf8Subset, len(keys))}
	f.subsets = job
	go func() {
		defer close(job.done)
		for i, key := range keys {
			job.subs[key] = f.utf8Subset(&defs[i])
		}
	}()
}

// preparedSubset returns the subset of the UTF-8 font under key that
// startSubsets cut, waiting for it, or cuts it now if none was started.
func (f *Fpdf) preparedSubset(key string, font *fontDefType) *utf8Subset {
	if job := f.subsets; job != nil {
		<-job.done
		if sub, ok := job.subs[key]; ok {
			return sub
		}
	}
	return f.utf8Subset(font)
}

// subsetTag returns the six capital letters that name a font subset in a
// document that tags its subsets (SetSubsetTags): a hash of the subset's
// font program, so that the same subset always gets the same tag and two
// different subsets of a font almost surely get different ones.
func subsetTag(program []byte) string {
	n := crc32.ChecksumIEEE(program) // 32 bits: more than the 26^6 tags
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + n%26)
		n /= 26
	}
	return string(tag)
}

// utf8SubsetKey is the key under which the document's subset for
// usedRunes is kept: subsetKey's, with one varint more (a zero) when the
// document writes compact CIDToGIDMaps. subsetKey writes varints in pairs
// and varints delimit themselves, so a key with an odd number of them is
// never a plain one.
func (f *Fpdf) utf8SubsetKey(usedRunes map[int]int) string {
	key := subsetKey(usedRunes)
	if f.compactCIDMap {
		key += "\x00"
	}
	return key
}

// cidMapLen is the length in bytes of a CIDToGIDMap: two bytes for each of
// the 65,536 code points or, when compact, for each up to the highest code
// the document's text writes in the font (usedRunes, whether the font has
// a glyph for it or not: the text's codes never exceed 0xFFFF) or the subset
// maps (codeToGlyph).
func cidMapLen(codeToGlyph, usedRunes map[int]int, compact bool) int {
	if !compact {
		return 256 * 256 * 2
	}
	last := 0
	for cc := range codeToGlyph {
		last = max(last, cc)
	}
	for r := range usedRunes {
		last = max(last, min(r, 0xFFFF))
	}
	return (last + 1) * 2
}

// subsetKey encodes the runes a document recorded for a font (rune ->
// rune, or -> 0 for the runes every subset has), which decide its subset.
func subsetKey(usedRunes map[int]int) string {
	keys := make([]int, 0, len(usedRunes))
	for r := range usedRunes {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	b := make([]byte, 0, 3*len(keys))
	for _, r := range keys {
		b = binary.AppendVarint(b, int64(r))
		b = binary.AppendVarint(b, int64(usedRunes[r]))
	}
	return string(b)
}

// subset returns the subset kept under key, or nil.
func (font *UTF8Font) subset(key string) *utf8Subset {
	font.subsetMu.Lock()
	defer font.subsetMu.Unlock()
	return font.subsets[key]
}

// keepSubset keeps sub under key, dropping the oldest subset kept when
// there are maxSubsets already.
func (font *UTF8Font) keepSubset(key string, sub *utf8Subset) {
	font.subsetMu.Lock()
	defer font.subsetMu.Unlock()
	if _, ok := font.subsets[key]; ok {
		return
	}
	if font.subsets == nil {
		font.subsets = map[string]*utf8Subset{}
	}
	if len(font.subsetOrder) == maxSubsets {
		delete(font.subsets, font.subsetOrder[0])
		font.subsetOrder = append(font.subsetOrder[:0], font.subsetOrder[1:]...)
	}
	font.subsets[key] = sub
	font.subsetOrder = append(font.subsetOrder, key)
}

// ParseUTF8Font parses the TrueType font in b for use with
// AddUTF8FontParsed. b must not be modified afterwards.
func ParseUTF8Font(b []byte) (*UTF8Font, error) {
	reader := fileReader{readerPosition: 0, array: b}
	utf8File := newUTF8Font(&reader)
	if err := utf8File.parseFile(); err != nil {
		return nil, err
	}
	font := &UTF8Font{
		data: b,
		desc: FontDescType{
			Ascent:       int(utf8File.Ascent),
			Descent:      int(utf8File.Descent),
			CapHeight:    utf8File.CapHeight,
			Flags:        utf8File.Flags,
			FontBBox:     utf8File.Bbox,
			ItalicAngle:  utf8File.ItalicAngle,
			StemV:        utf8File.StemV,
			MissingWidth: round(utf8File.DefaultWidth),
		},
		up: int(round(utf8File.UnderlinePosition)),
		ut: round(utf8File.UnderlineThickness),
		cw: utf8File.CharWidths,
	}
	font.cut = sync.OnceValue(font.readCutTables)
	return font, nil
}

// readCutTables reads the font's cmap and loca tables as GenerateCutFont
// does, or returns nil when the font has no Unicode cmap.
func (font *UTF8Font) readCutTables() *cutTables {
	utf := newUTF8Font(&fileReader{readerPosition: 0, array: font.data})
	utf.skip(4)
	utf.generateTableDescriptions()
	utf.SeekTable("head")
	utf.skip(50)
	locaFormat := utf.readUint16()
	utf.SeekTable("maxp")
	utf.skip(4)
	numSymbols := utf.readUint16()
	if !utf.readCutTables(locaFormat, numSymbols) {
		return nil
	}
	return &cutTables{charSymbol: utf.charSymbolDictionary, symbolPosition: utf.symbolPosition}
}

// AddUTF8FontParsed adds font, parsed by ParseUTF8Font, to the document
// under familyStr and styleStr. It is AddUTF8FontFromBytes without parsing
// the font again: the document is byte for byte the same.
func (f *Fpdf) AddUTF8FontParsed(familyStr, styleStr string, font *UTF8Font) {
	if f.err != nil {
		return
	}
	f.addUTF8FontParsed(getFontKey(fontFamilyEscape(familyStr), styleStr), font)
}

func (f *Fpdf) addUTF8FontParsed(fontkey string, font *UTF8Font) {
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	var sbarr map[int]int
	if f.aliasNbPagesStr == "" {
		sbarr = makeSubsetRange(57)
	} else {
		sbarr = makeSubsetRange(32)
	}
	def := fontDefType{
		Tp:   "UTF8",
		Name: fontkey,
		Desc: font.desc,
		Up:   font.up,
		Ut:   font.ut,
		Cw:   font.cw,
		// Cutting the subset moves a reader through the font, so every
		// document has its own.
		utf8File:  &utf8FontFile{fileReader: &fileReader{readerPosition: 0, array: font.data}, cutTables: font.cut},
		usedRunes: sbarr,
		usedBits:  new(runeSet),
		parsed:    font,
	}
	def.i = font.id(def)
	f.fonts[fontkey] = def
}

// id returns generateFontID(def) for def made from font, computed once per
// font key: it JSON-encodes the whole width table.
func (font *UTF8Font) id(def fontDefType) string {
	font.mu.Lock()
	defer font.mu.Unlock()
	if id, ok := font.ids[def.Name]; ok {
		return id
	}
	id, _ := generateFontID(def)
	if font.ids == nil {
		font.ids = map[string]string{}
	}
	font.ids[def.Name] = id
	return id
}

// runeSet is a set of runes of the Basic Multilingual Plane.
type runeSet [1 << 16 / 64]uint64
