package fpdf

import (
	"os"
	"strconv"
	"testing"
)

// TestPageBufferStartsWithRoom checks that a new page's content starts
// with the room the previous page took, so that writing a page like the
// one before it does not grow its buffer again and again.
func TestPageBufferStartsWithRoom(t *testing.T) {
	lines := make([]string, 60)
	for i := range lines {
		lines[i] = "Line " + strconv.Itoa(i) + " of a page much like the one before it"
	}
	ttf, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		t.Fatal(err)
	}
	font, err := ParseUTF8Font(ttf)
	if err != nil {
		t.Fatal(err)
	}
	doc := func(n2 int) *Fpdf {
		pdf := New("P", "pt", "A4", "")
		pdf.AddUTF8FontParsed("dejavu", "", font)
		pdf.SetFont("dejavu", "", 10)
		for _, n := range []int{300, n2} {
			pdf.AddPage()
			for i := range n {
				pdf.Text(72, 72+float64(i%60)*12, lines[i%len(lines)])
			}
		}
		return pdf
	}
	pdf := doc(300)
	if prev, c := pdf.pages[1].Len(), pdf.pages[2].Cap(); c < prev {
		t.Errorf("page 2's buffer has room for %d bytes, want at least page 1's %d", c, prev)
	}
	// Allocations for writing page 2: the same document minus those of one
	// whose page 2 is empty. A buffer grown from nothing to ~20 KB doubles
	// about nine times.
	full := testing.AllocsPerRun(5, func() { doc(300) })
	empty := testing.AllocsPerRun(5, func() { doc(0) })
	if grow := full - empty; grow > 1 {
		t.Errorf("writing a page like the one before took %.0f allocations, want at most 1", grow)
	}
}
