package fpdf_test

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestDestinations checks that every outline entry and every internal link
// points at the page object of the page it was set on, whatever objects
// (here: attachments) precede the pages in the file.
func TestDestinations(t *testing.T) {
	attachment := fpdf.Attachment{Content: []byte("hello"), Filename: "hello.txt"}
	tests := []struct {
		name  string
		setup func(pdf *fpdf.Fpdf)
	}{
		{"no attachments", func(*fpdf.Fpdf) {}},
		{"document attachments", func(pdf *fpdf.Fpdf) {
			pdf.SetAttachments([]fpdf.Attachment{attachment, {Content: []byte("{}"), Filename: "b.json"}})
		}},
		{"annotation attachment", func(pdf *fpdf.Fpdf) {
			a := attachment
			pdf.AddAttachmentAnnotation(&a, 10, 10, 20, 20)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pdf := fpdf.New("P", "pt", "A4", "")
			pdf.SetCompression(false)
			pdf.SetFont("Helvetica", "", 12)
			const pages = 4
			links := make([]int, pages+1)
			for p := 1; p <= pages; p++ {
				links[p] = pdf.AddLink()
			}
			for p := 1; p <= pages; p++ {
				pdf.AddPage()
				if p == 1 {
					tt.setup(pdf)
				}
				pdf.Bookmark("Page "+strconv.Itoa(p), 0, 100)
				pdf.SetLink(links[p], 100, p)
				// A link on each page to the page after it (the last to the first).
				pdf.Link(50, 50, 100, 20, links[p%pages+1])
			}
			var buf bytes.Buffer
			if err := pdf.Output(&buf); err != nil {
				t.Fatal(err)
			}
			out := buf.Bytes()
			kids := pageObjects(t, out)
			if len(kids) != pages {
				t.Fatalf("got %d pages in /Kids, want %d", len(kids), pages)
			}
			// In file order: the pages' link annotations, then the outline.
			var want []int
			for p := 1; p <= pages; p++ {
				want = append(want, kids[p%pages])
			}
			for p := 0; p < pages; p++ {
				want = append(want, kids[p])
			}
			got := destinations(out)
			if !equalInts(got, want) {
				t.Errorf("/Dest page objects = %v, want %v (pages are objects %v)", got, want, kids)
			}
		})
	}
}

var (
	kidsRE = regexp.MustCompile(`/Kids \[((?:\d+ 0 R ?)*)\]`)
	refRE  = regexp.MustCompile(`(\d+) 0 R`)
	destRE = regexp.MustCompile(`/Dest \[(\d+) 0 R`)
)

// pageObjects returns the object numbers of the pages, in page order.
func pageObjects(t *testing.T, pdf []byte) []int {
	t.Helper()
	m := kidsRE.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no /Kids array")
	}
	var out []int
	for _, r := range refRE.FindAllSubmatch(m[1], -1) {
		n, _ := strconv.Atoi(string(r[1]))
		out = append(out, n)
	}
	return out
}

// destinations returns the page object of every /Dest, in file order.
func destinations(pdf []byte) []int {
	var out []int
	for _, m := range destRE.FindAllSubmatch(pdf, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		out = append(out, n)
	}
	return out
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
