// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"encoding/json"
	"os"
	"testing"
)

// TestParseUTF8FontWidths checks the width table of a parsed font against
// the font definition that makefont wrote from the same file
// (font/DejaVuSansCondensed.json, cp1252, whose codes 32 to 126 are ASCII):
// the table is built from the dictionaries that parseTables fills,
// whatever their initial size.
func TestParseUTF8FontWidths(t *testing.T) {
	b, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		t.Fatal(err)
	}
	font, err := ParseUTF8Font(b)
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile("font/DejaVuSansCondensed.json")
	if err != nil {
		t.Fatal(err)
	}
	var def fontDefType
	if err := json.Unmarshal(js, &def); err != nil {
		t.Fatal(err)
	}
	for r := 32; r < 127; r++ {
		if got, want := font.cw[r], def.Cw[r]; got != want {
			t.Errorf("width of %q = %d, want %d (makefont's)", rune(r), got, want)
		}
	}
}

// BenchmarkParseUTF8Font measures parsing DejaVu Sans Condensed.
func BenchmarkParseUTF8Font(b *testing.B) {
	data, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseUTF8Font(data); err != nil {
			b.Fatal(err)
		}
	}
}
