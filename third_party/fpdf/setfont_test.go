package fpdf

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestSetFontOperator checks that SetFont writes the operator fpdf
// v0.12.0 wrote with fmt, for sizes that round every way, and that
// switching fonts on a page no longer allocates.
func TestSetFontOperator(t *testing.T) {
	ttf, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		t.Fatal(err)
	}
	font, err := ParseUTF8Font(ttf)
	if err != nil {
		t.Fatal(err)
	}
	pdf := New("P", "pt", "A4", "")
	pdf.AddUTF8FontParsed("dejavu", "", font)
	pdf.AddPage()
	var want strings.Builder
	for _, size := range []float64{10.5, 12, 8.125, 8.135, 0.005, 10.499999, 72.345, 1e-9, 1000.999} {
		for _, family := range []string{"helvetica", "dejavu"} {
			pdf.SetFont(family, "", size)
			fmt.Fprintf(&want, "BT /F%s %.2f Tf ET\n", pdf.currentFont.i, size)
		}
	}
	if got := pdf.pages[1].String(); !strings.HasSuffix(got, want.String()) {
		t.Errorf("SetFont wrote\n%s\nwant it to end with\n%s", got, want.String())
	}
	allocs := testing.AllocsPerRun(100, func() {
		pdf.SetFont("dejavu", "", 10.5)
		pdf.SetFont("helvetica", "", 8.5)
	})
	if allocs > 0 {
		t.Errorf("switching fonts: %.1f allocations, want 0", allocs)
	}
}
