package fpdf_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// textDoc draws s with Text and with CellFormat in every alignment, in
// colour and not, underlined and struck out, in a core font and a UTF-8
// font, left to right and right to left, and returns the uncompressed PDF.
func textDoc(t testing.TB, s string) []byte {
	t.Helper()
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.SetCreationDate(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	pdf.SetCatalogSort(true)
	pdf.AddUTF8FontFromBytes("dejavu", "", readFont(t, "DejaVuSansCondensed.ttf"))
	pdf.AddPage()
	for _, font := range []string{"helvetica", "dejavu"} {
		for _, rtl := range []bool{false, true} {
			if rtl {
				pdf.RTL()
			} else {
				pdf.LTR()
			}
			for _, style := range []string{"", "U", "S"} {
				for _, gray := range []int{0, 128} {
					pdf.SetFont(font, style, 10.5)
					pdf.SetTextColor(gray, gray, gray)
					pdf.Text(72.5, 100, s)
					for _, align := range []string{"L", "C", "R", "J", "LT", "RB", "CA"} {
						pdf.SetXY(70.87, 200.123)
						pdf.CellFormat(400, 14, s, "", 0, align, false, 0, "")
					}
				}
			}
		}
	}
	pdf.SetFont("dejavu", "", 12)
	pdf.SetWordSpacing(1.5)
	pdf.SetXY(70, 300)
	pdf.CellFormat(300, 14, s, "1", 1, "L", true, 0, "")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestTextOperators pins the bytes Text and CellFormat write, so that
// building them without fmt cannot change them. The hashes were taken from
// fpdf v0.12.0 as released.
func TestTextOperators(t *testing.T) {
	tests := []struct{ text, sha256 string }{
		{"Hello, World!", "cb1432b3dfe3dab45368960e6d8e532a5cb6c866254d2258eab45f32d3c17e02"},
		{`Escapes: (a) \b\ c)(`, "655acadba13f8b32d7c5877a98a035de232880e9d732dd0be7fb58bd96b8beee"},
		{"Grüße — «Ελληνικά» Русский ½ € ﬁ  double  spaces ", "e22daeaaa5b0776faa862d64cdfa35e0dc97ab9421de7b972349ab8433fe2622"},
		{"line\rbreak and tab\tand ĉ( )\\ end", "04654b766d0567dcda832c55458fb4bc0ae7dbadcfb77321f0fd6c8150fbf3b8"},
		{"", "70eeefd680d969a2686a32686cc5721119f8dd54a09311e78a44a2404ddd4d9c"},
	}
	for _, tt := range tests {
		got := fmt.Sprintf("%x", sha256.Sum256(textDoc(t, tt.text)))
		if got != tt.sha256 {
			t.Errorf("%q: sha256 %s, want %s", tt.text, got, tt.sha256)
		}
	}
}

func BenchmarkCellFormatJustified(b *testing.B) {
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("dejavu", "", readFont(b, "DejaVuSansCondensed.ttf"))
	pdf.AddPage()
	pdf.SetFont("dejavu", "", 10.5)
	const line = "The Provider shall notify the Customer without undue delay of any breach"
	b.ReportAllocs()
	for b.Loop() {
		pdf.SetXY(70.87, 100)
		pdf.CellFormat(450, 10.5, line, "", 0, "J", false, 0, "")
		pdf.Text(70.87, 120, line)
	}
}
