package pdf

import (
	"embed"
	"fmt"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
)

// The fonts are "Dpakit Serif": Liberation Serif 2.1.5 (SIL Open Font
// License 1.1, see fonts/LICENSE) cut down by fonts/subset.sh to the Latin,
// Greek and Cyrillic scripts and common symbols, and renamed because
// "Liberation" is a Reserved Font Name. They keep TrueType outlines so that
// fpdf can subset them again for each PDF, and glyph widths and hinting are
// unchanged. fpdf parses each font once per process (fpdf.ParseUTF8Font)
// but cuts a subset of each font for every document, at a cost that grows
// with the glyph count, which is why they are subset.
//
//go:embed fonts/DpakitSerif-Regular.ttf fonts/DpakitSerif-Bold.ttf fonts/DpakitSerif-Italic.ttf fonts/DpakitSerif-BoldItalic.ttf fonts/LICENSE
var fontFS embed.FS

// style is a font style: an index into fontFiles and fontStyles.
type style uint8

const (
	regular style = iota
	bold
	italic
	boldItalic
	numStyles
)

func styleOf(b, i bool) style {
	s := regular
	if b {
		s |= bold
	}
	if i {
		s |= italic
	}
	return s
}

const fontFamily = "serif"

var (
	fontFiles  = [numStyles]string{"fonts/DpakitSerif-Regular.ttf", "fonts/DpakitSerif-Bold.ttf", "fonts/DpakitSerif-Italic.ttf", "fonts/DpakitSerif-BoldItalic.ttf"}
	fontStyles = [numStyles]string{"", "B", "I", "BI"}
)

// fontSet is what every render shares: the TTF bytes, which runes all four
// styles can print, and each rune's advance width. It is read-only after
// loadFonts, so any number of renders may use it at once.
type fontSet struct {
	ttf [numStyles][]byte
	// parsed holds each style parsed by fpdf once, for every render to add.
	parsed [numStyles]*fpdf.UTF8Font
	// covered has bit r set when every style has a glyph for rune r (BMP only).
	covered [1 << 16 / 64]uint64
	// width[s][r] is rune r's advance in style s, in 1/1000 em, exactly as
	// fpdf measures it (GetStringSymbolWidth), so our line breaks agree with
	// what fpdf draws.
	width [numStyles][]uint16
}

func loadFonts() (*fontSet, error) {
	fs := &fontSet{}
	var parsed [numStyles]*sfnt.Font
	for s := range numStyles {
		b, err := fontFS.ReadFile(fontFiles[s])
		if err != nil {
			return nil, fmt.Errorf("read font: %w", err)
		}
		f, err := sfnt.Parse(b)
		if err != nil {
			return nil, fmt.Errorf("parse font %s: %w", fontFiles[s], err)
		}
		fs.ttf[s], parsed[s] = b, f
		if fs.parsed[s], err = fpdf.ParseUTF8Font(b); err != nil {
			return nil, fmt.Errorf("parse font %s for fpdf: %w", fontFiles[s], err)
		}
	}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 1<<16; r++ {
		if (r >= 0x7f && r < 0xa0) || (r >= 0xd800 && r < 0xe000) {
			continue // controls and surrogates
		}
		ok := true
		for _, f := range parsed {
			gi, err := f.GlyphIndex(&buf, r)
			if err != nil || gi == 0 {
				ok = false
				break
			}
		}
		if ok {
			fs.covered[r/64] |= 1 << (r % 64)
		}
	}

	// Ask fpdf for the widths once, so measuring never needs an fpdf instance.
	p := fpdf.New("P", "pt", "A4", "")
	for s := range numStyles {
		p.AddUTF8FontParsed(fontFamily, fontStyles[s], fs.parsed[s])
		p.SetFont(fontFamily, fontStyles[s], 10)
		w := make([]uint16, 1<<16)
		for r := rune(0x20); r < 1<<16; r++ {
			if fs.covers(r) {
				w[r] = uint16(p.GetStringSymbolWidth(string(r)))
			}
		}
		fs.width[s] = w
	}
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("load fonts into fpdf: %w", err)
	}
	return fs, nil
}

// sharedFonts loads the embedded fonts' coverage and metrics once per
// process: they are derived from constant embedded files and never change.
var sharedFonts = sync.OnceValues(loadFonts)

// Covers reports whether the embedded fonts can print r in every style
// (regular, bold, italic, bold italic). Control characters and runes
// outside the Basic Multilingual Plane are never covered. Validators use it
// to reject input that Writer.Write would refuse.
func Covers(r rune) bool {
	fs, err := sharedFonts()
	return err == nil && fs.covers(r)
}

func (fs *fontSet) covers(r rune) bool {
	return r >= 0 && r < 1<<16 && fs.covered[r/64]&(1<<(r%64)) != 0
}

// measure returns the width of s in style st at size pt, in points.
func (fs *fontSet) measure(st style, size float64, s string) float64 {
	w := fs.width[st]
	n := 0
	for _, r := range s {
		if r < 1<<16 {
			n += int(w[r])
		}
	}
	return float64(n) * size / 1000
}
