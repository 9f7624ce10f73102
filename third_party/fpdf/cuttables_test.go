package fpdf

import (
	"bytes"
	"maps"
	"os"
	"testing"
)

// TestCutTablesShared checks that a parsed UTF8Font reads its cmap and loca
// tables once for every subset it cuts, and that a subset cut with those
// shared tables is byte for byte the subset the font cuts for itself.
func TestCutTablesShared(t *testing.T) {
	ttf, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		t.Fatal(err)
	}
	font, err := ParseUTF8Font(ttf)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := font.cut(), font.cut(); a == nil || a != b {
		t.Fatalf("font.cut() = %p then %p, want the same tables twice", a, b)
	}
	runeSets := []string{
		"Hello, World!",
		"Grüße — «Ελληνικά» Русский ½ € ﬁ",
		"abcdefghijklmnopqrstuvwxyz0123456789",
		"",
	}
	cut := func(shared bool, s string) ([]byte, map[int]int) {
		utf := newUTF8Font(&fileReader{array: ttf})
		if shared {
			utf.cutTables = font.cut
		}
		used := makeSubsetRange(57)
		for _, r := range s {
			used[int(r)] = int(r)
		}
		delete(used, 0)
		return utf.GenerateCutFont(used), utf.CodeSymbolDictionary
	}
	// Twice through, so that later cuts run on tables earlier cuts used.
	for range 2 {
		for _, s := range runeSets {
			want, wantDict := cut(false, s)
			got, gotDict := cut(true, s)
			if !bytes.Equal(got, want) {
				t.Errorf("subset for %q: %d bytes with shared tables, %d bytes without, and they differ", s, len(got), len(want))
			}
			if !maps.Equal(gotDict, wantDict) {
				t.Errorf("subset for %q: rune -> glyph map differs with shared tables", s)
			}
		}
	}

	// Reading the cmap builds a map entry and a slice for every character
	// the font has: with shared tables a cut no longer does.
	own := testing.AllocsPerRun(5, func() { cut(false, runeSets[0]) })
	shared := testing.AllocsPerRun(5, func() { cut(true, runeSets[0]) })
	if shared > own/2 {
		t.Errorf("cutting a subset: %.0f allocations with shared tables, %.0f without; want fewer than half", shared, own)
	}
	t.Logf("allocations per cut: %.0f own tables, %.0f shared", own, shared)
}
