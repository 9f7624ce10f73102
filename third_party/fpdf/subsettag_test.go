// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"os"
	"regexp"
	"testing"
)

// TestSubsetTags writes a document in two UTF-8 fonts with and without
// SetSubsetTags: tagged, each font's Type0 and CID font names and its
// descriptor's font name are TAG+name with the same six capital letters,
// the two fonts' tags differ, and a second render gives the same tags;
// untagged, the names are fpdf's own.
func TestSubsetTags(t *testing.T) {
	regular, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		t.Fatal(err)
	}
	bold, err := os.ReadFile("font/DejaVuSansCondensed-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	write := func(tags bool) []byte {
		pdf := New("P", "pt", "A4", "")
		pdf.SetSubsetTags(tags)
		pdf.AddUTF8FontFromBytes("dejavu", "", regular)
		pdf.AddUTF8FontFromBytes("dejavu", "B", bold)
		pdf.AddPage()
		pdf.SetFont("dejavu", "", 11)
		pdf.Cell(0, 14, "Grüße — «Ελληνικά»")
		pdf.SetFont("dejavu", "B", 11)
		pdf.Cell(0, 14, "Bold")
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	names := regexp.MustCompile(`/(?:BaseFont|FontName) /(?:([A-Z]{6})\+)?(utf8dejavu[A-Z]*)`)
	tagsOf := func(doc []byte) map[string]string {
		tags := map[string]string{} // font name -> tag
		for _, m := range names.FindAllSubmatch(doc, -1) {
			font, tag := string(m[2]), string(m[1])
			if prev, ok := tags[font]; ok && prev != tag {
				t.Errorf("%s is named with tags %q and %q", font, prev, tag)
			}
			tags[font] = tag
		}
		if n := len(names.FindAll(doc, -1)); n != 6 {
			t.Errorf("%d font names, want 6 (Type0, CID font and descriptor of two fonts)", n)
		}
		return tags
	}
	tagged := tagsOf(write(true))
	if len(tagged) != 2 || tagged["utf8dejavu"] == "" || tagged["utf8dejavuB"] == "" || tagged["utf8dejavu"] == tagged["utf8dejavuB"] {
		t.Errorf("tags = %v, want a tag for each font, different", tagged)
	}
	if again := tagsOf(write(true)); again["utf8dejavu"] != tagged["utf8dejavu"] || again["utf8dejavuB"] != tagged["utf8dejavuB"] {
		t.Errorf("a second render tags %v, the first %v", again, tagged)
	}
	for font, tag := range tagsOf(write(false)) {
		if tag != "" {
			t.Errorf("untagged, %s is named with tag %q", font, tag)
		}
	}
}

// BenchmarkSubsetTag hashes a 40 KB font program, about the size of one
// of dpakit's subsets, into its tag.
func BenchmarkSubsetTag(b *testing.B) {
	program := bytes.Repeat([]byte("font program "), 40000/13)
	for b.Loop() {
		subsetTag(program)
	}
}
