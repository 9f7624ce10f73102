// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"testing"
)

// TestCompactCIDToGIDMap cuts the subset of a font for the same text with
// and without SetCompactCIDToGIDMap: the compact map ends at the highest
// character the text writes, one the font has no glyph for included (a
// reader may draw a CID beyond the end as any glyph), and maps every CID it
// holds to the same glyph as the full map, whose other entries are all
// glyph 0; a document keeps the two kinds of subset apart when they share a
// parsed font.
func TestCompactCIDToGIDMap(t *testing.T) {
	ttf, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		t.Fatal(err)
	}
	font, err := ParseUTF8Font(ttf)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"Grüße — «Ελληνικά» ½ € ﬁ", "Grüße 中 (not in the font)"} {
		t.Run(text, func(t *testing.T) { checkCompactMap(t, font, text) })
	}
}

func checkCompactMap(t *testing.T, font *UTF8Font, text string) {
	cidMap := func(compact bool) []byte {
		pdf := New("P", "pt", "A4", "")
		pdf.SetCompactCIDToGIDMap(compact)
		pdf.AddUTF8FontParsed("dejavu", "", font)
		pdf.AddPage()
		pdf.SetFont("dejavu", "", 11)
		pdf.Cell(0, 14, text)
		if err := pdf.Output(io.Discard); err != nil {
			t.Fatal(err)
		}
		def := pdf.fonts[getFontKey("dejavu", "")]
		sub := font.subset(pdf.utf8SubsetKey(used(&def)))
		if sub == nil {
			t.Fatalf("compact=%v: no subset kept", compact)
		}
		r, err := zlib.NewReader(bytes.NewReader(sub.cidToGID))
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	full, compact := cidMap(false), cidMap(true)
	if len(full) != 65536*2 {
		t.Fatalf("full map: %d bytes, want %d", len(full), 65536*2)
	}
	last := 0
	for _, r := range text {
		last = max(last, int(r))
	}
	if len(compact) != (last+1)*2 {
		t.Errorf("compact map: %d bytes, want %d (up to U+%04X)", len(compact), (last+1)*2, last)
	}
	if !bytes.Equal(full[:len(compact)], compact) {
		t.Error("the compact map differs from the full map where both are defined")
	}
	for i, b := range full[len(compact):] {
		if b != 0 {
			t.Fatalf("the full map has glyph data at byte %d, beyond the compact map", len(compact)+i)
		}
	}
	for _, r := range text {
		if r == ' ' || r == '中' {
			continue
		}
		if compact[2*r] == 0 && compact[2*r+1] == 0 {
			t.Errorf("U+%04X maps to glyph 0", r)
		}
	}
}

// used is the runes the document recorded for def, without rune 0, as
// utf8Subset keys them.
func used(def *fontDefType) map[int]int {
	runes := map[int]int{}
	for r, v := range def.usedRunes {
		if r != 0 {
			runes[r] = v
		}
	}
	return runes
}
