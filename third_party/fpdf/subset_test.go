package fpdf

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"
)

// subsetDoc writes a one-page document in two styles of DejaVu, added by
// add, showing text; protect encrypts it.
func subsetDoc(t testing.TB, add func(pdf *Fpdf), text string, protect bool) []byte {
	t.Helper()
	pdf := New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	pdf.SetCatalogSort(true)
	if protect {
		pdf.SetProtection(CnProtectPrint, "user", "owner")
	}
	add(pdf)
	pdf.AddPage()
	pdf.SetFont("dejavu", "", 14)
	pdf.MultiCell(0, 6, text, "", "J", false)
	pdf.SetFont("dejavu", "B", 12)
	pdf.Cell(0, 6, "Bold: "+text)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSubsetsShared checks that documents using exactly the same
// characters of a parsed font share one subset, that every document is
// byte for byte what a font parsed for it alone gives, encrypted documents
// included, and that a font keeps at most maxSubsets subsets.
func TestSubsetsShared(t *testing.T) {
	regularTTF, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		t.Fatal(err)
	}
	boldTTF, err := os.ReadFile("font/DejaVuSansCondensed-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	regular, err := ParseUTF8Font(regularTTF)
	if err != nil {
		t.Fatal(err)
	}
	bold, err := ParseUTF8Font(boldTTF)
	if err != nil {
		t.Fatal(err)
	}
	parsed := func(pdf *Fpdf) {
		pdf.AddUTF8FontParsed("dejavu", "", regular)
		pdf.AddUTF8FontParsed("dejavu", "B", bold)
	}
	fresh := func(pdf *Fpdf) {
		pdf.AddUTF8FontFromBytes("dejavu", "", regularTTF)
		pdf.AddUTF8FontFromBytes("dejavu", "B", boldTTF)
	}
	texts := []string{
		"The quick brown fox jumps over the lazy dog.",
		"Ελληνικά, Русский, Český — «quoted» ½ € ﬁ",
		"The quick brown fox jumps over the lazy dog!", // one character more
	}
	want := make(map[string][]byte)
	for _, text := range texts {
		want[text] = subsetDoc(t, fresh, text, false)
	}
	// In an order that reuses subsets, with encrypted documents (whose
	// streams are encrypted in place) in between, and concurrently.
	order := []int{0, 1, 0, 2, 0, 1, 2, 2}
	var wg sync.WaitGroup
	for round := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, ti := range order {
				text := texts[ti]
				if (i+round)%3 == 0 {
					enc := subsetDoc(t, parsed, text, true)
					if wantEnc := subsetDoc(t, fresh, text, true); !bytes.Equal(enc, wantEnc) {
						t.Errorf("encrypted document %q differs from one with a freshly parsed font", text)
					}
				}
				if got := subsetDoc(t, parsed, text, false); !bytes.Equal(got, want[text]) {
					t.Errorf("round %d, document %d (%q): differs from one with a freshly parsed font", round, i, text)
				}
			}
		}()
	}
	wg.Wait()
	if n := len(regular.subsets); n != len(texts) {
		t.Errorf("regular font keeps %d subsets after documents with %d sets of characters, want %d", n, len(texts), len(texts))
	}

	// A document whose subset is kept costs far fewer allocations than one
	// that cuts it.
	kept := testing.AllocsPerRun(5, func() { subsetDoc(t, parsed, texts[0], false) })
	var n int
	cut := testing.AllocsPerRun(5, func() {
		n++
		subsetDoc(t, parsed, fmt.Sprintf("%s %d", texts[0], n), false) // new digits, new subset
	})
	if kept > cut*3/4 {
		t.Errorf("a document with a kept subset: %.0f allocations, one cutting its subset %.0f; want at most three quarters", kept, cut)
	}
	t.Logf("allocations per document: %.0f with kept subsets, %.0f cutting them", kept, cut)

	for i := range 3 * maxSubsets {
		subsetDoc(t, parsed, fmt.Sprint(i*7919), false)
	}
	if n := len(regular.subsets); n != maxSubsets || len(regular.subsetOrder) != maxSubsets {
		t.Errorf("after %d documents with different characters the font keeps %d subsets (%d in order), want %d", 3*maxSubsets, n, len(regular.subsetOrder), maxSubsets)
	}
	// The newest are kept.
	if got := subsetDoc(t, parsed, texts[1], false); !bytes.Equal(got, want[texts[1]]) {
		t.Errorf("document %q after evictions differs from one with a freshly parsed font", texts[1])
	}
}

func BenchmarkSubset(b *testing.B) {
	ttf, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		b.Fatal(err)
	}
	font, err := ParseUTF8Font(ttf)
	if err != nil {
		b.Fatal(err)
	}
	add := func(pdf *Fpdf) {
		pdf.AddUTF8FontParsed("dejavu", "", font)
		pdf.AddUTF8FontParsed("dejavu", "B", font)
	}
	text := "The quick brown fox jumps over the lazy dog. «Grüße» — 1½ € …"
	b.Run("kept", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			subsetDoc(b, add, text, false)
		}
	})
	b.Run("cut", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			// One more letter each time, from 400: never a kept subset.
			i++
			subsetDoc(b, add, text+string(rune(0x100+i%400)), false)
		}
	})
}
