// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// jsonFontID is generateFontID as fpdf v0.12.0 computed it, through
// encoding/json.
func jsonFontID(fdt fontDefType) string {
	fdt.File = ""
	b, err := json.Marshal(&fdt)
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%x", sha1.Sum(b))
}

// TestGenerateFontIDMatchesJSON checks that the font id, computed without
// reflection, is the one json.Marshal gives, for the core and TrueType
// font definitions shipped in font/, for parsed UTF-8 fonts, and for
// definitions whose strings need JSON escaping.
func TestGenerateFontIDMatchesJSON(t *testing.T) {
	var defs []fontDefType
	jsons, err := filepath.Glob("font/*.json")
	if err != nil || len(jsons) == 0 {
		t.Fatalf("no font definitions in font/: %v", err)
	}
	for _, name := range jsons {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var def fontDefType
		if err := json.Unmarshal(b, &def); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		defs = append(defs, def)
	}
	for _, name := range []string{"font/DejaVuSansCondensed.ttf", "font/DejaVuSansCondensed-Bold.ttf"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		font, err := ParseUTF8Font(b)
		if err != nil {
			t.Fatal(err)
		}
		defs = append(defs, fontDefType{Tp: "UTF8", Name: "dejavu", Desc: font.desc, Up: font.up, Ut: font.ut, Cw: font.cw})
	}
	defs = append(defs,
		fontDefType{},
		fontDefType{Tp: "Type1", Name: `<odd> & "quoted" \ name`, Enc: "cp1252", Diff: "128 /Euro 130 /quotesinglbase", File: "x.z", Size1: 1, Size2: -2, OriginalSize: 3, N: 4, DiffN: 5},
		fontDefType{Name: "bad utf-8 \xff\xfe, tab\t, line\u2028", Cw: []int{}, Desc: FontDescType{Ascent: -1, FontBBox: fontBoxType{-5, -6, 7, 8}, MissingWidth: 600}},
	)
	for i, def := range defs {
		got, err := generateFontID(def)
		if err != nil {
			t.Fatalf("definition %d (%q): %v", i, def.Name, err)
		}
		if want := jsonFontID(def); got != want {
			t.Errorf("definition %d (%q): id %s, want %s (json.Marshal's)", i, def.Name, got, want)
		}
	}
}

// BenchmarkGenerateFontID measures the id of a UTF-8 font's definition,
// whose width table has 65,536 entries.
func BenchmarkGenerateFontID(b *testing.B) {
	data, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		b.Fatal(err)
	}
	font, err := ParseUTF8Font(data)
	if err != nil {
		b.Fatal(err)
	}
	def := fontDefType{Tp: "UTF8", Name: "dejavu", Desc: font.desc, Up: font.up, Ut: font.ut, Cw: font.cw}
	b.Run("Writer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := generateFontID(def); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("JSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			jsonFontID(def)
		}
	})
}
