// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

// TestSubsetsCutWhilePagesWritten writes a many-page document in two
// UTF-8 fonts: Output cuts both subsets on another goroutine while it
// writes the pages (run it with -race), takes them from there, and gives
// the same bytes every time and the same bytes as a document whose fonts
// were parsed by AddUTF8FontFromBytes. TestTextOperators checks that such
// documents are still byte for byte v0.12.0's.
func TestSubsetsCutWhilePagesWritten(t *testing.T) {
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
	write := func(addFonts func(*Fpdf)) (*Fpdf, []byte) {
		pdf := New("P", "pt", "A4", "")
		pdf.SetCatalogSort(true)
		pdf.SetCreationDate(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
		pdf.SetModificationDate(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
		addFonts(pdf)
		for page := range 20 {
			pdf.AddPage()
			pdf.SetFont("dejavu", "", 11)
			pdf.MultiCell(0, 14, strings.Repeat("Ελληνικά, Русский, Český — «quoted» ½ € ﬁ. ", 10+page), "", "J", false)
			pdf.SetFont("dejavu", "B", 11)
			pdf.MultiCell(0, 14, strings.Repeat("The quick brown fox jumps over the lazy dog. ", 10), "", "L", false)
		}
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return pdf, buf.Bytes()
	}
	parsed := func(pdf *Fpdf) {
		pdf.AddUTF8FontParsed("dejavu", "", regular)
		pdf.AddUTF8FontParsed("dejavu", "B", bold)
	}
	fresh := func(pdf *Fpdf) {
		pdf.AddUTF8FontFromBytes("dejavu", "", regularTTF)
		pdf.AddUTF8FontFromBytes("dejavu", "B", boldTTF)
	}
	pdf, want := write(fresh)
	if pdf.subsets == nil || len(pdf.subsets.subs) != 2 {
		t.Fatalf("Output did not cut the two UTF-8 subsets while writing the pages: %+v", pdf.subsets)
	}
	for i := range 3 {
		if _, got := write(parsed); !bytes.Equal(got, want) {
			t.Fatalf("document %d differs from the one with fonts parsed by AddUTF8FontFromBytes", i)
		}
	}
}
