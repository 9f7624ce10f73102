package fpdf_test

import (
	"bytes"
	"os"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"codeberg.org/go-pdf/fpdf/internal/example"
)

// utf8Doc writes a two-page document in two styles of a UTF-8 font, added
// by add, with text.
func utf8Doc(t testing.TB, add func(pdf *fpdf.Fpdf), text string) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	pdf.SetCatalogSort(true)
	add(pdf)
	for range 2 {
		pdf.AddPage()
		pdf.SetFont("dejavu", "", 14)
		pdf.MultiCell(0, 6, text, "", "J", false)
		pdf.SetFont("dejavu", "B", 12)
		pdf.Cell(0, 6, "Ελληνικά, Русский, Český: "+text[:20])
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readFont(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(example.FontFile(name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAddUTF8FontParsed checks that a font parsed once and added to many
// documents, concurrently, gives each document exactly the bytes that
// parsing the font for it gives.
func TestAddUTF8FontParsed(t *testing.T) {
	regularTTF := readFont(t, "DejaVuSansCondensed.ttf")
	boldTTF := readFont(t, "DejaVuSansCondensed-Bold.ttf")
	fromBytes := func(pdf *fpdf.Fpdf) {
		pdf.AddUTF8FontFromBytes("dejavu", "", regularTTF)
		pdf.AddUTF8FontFromBytes("dejavu", "B", boldTTF)
	}
	regular, err := fpdf.ParseUTF8Font(regularTTF)
	if err != nil {
		t.Fatal(err)
	}
	bold, err := fpdf.ParseUTF8Font(boldTTF)
	if err != nil {
		t.Fatal(err)
	}
	parsed := func(pdf *fpdf.Fpdf) {
		pdf.AddUTF8FontParsed("dejavu", "", regular)
		pdf.AddUTF8FontParsed("dejavu", "B", bold)
	}
	texts := []string{
		"Grüße aus Zürich — «quotes», œuvre, ĳ, ẞ and ﬁ ligatures. ",
		"Привет, мир! Καλημέρα κόσμε. Příliš žluťoučký kůň úpěl ďábelské ódy. ",
		"Plain ASCII text, repeated to fill several lines of the page. ",
	}
	var wg sync.WaitGroup
	for i, text := range texts {
		text := string(bytes.Repeat([]byte(text), 20))
		want := utf8Doc(t, fromBytes, text)
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if got := utf8Doc(t, parsed, text); !bytes.Equal(got, want) {
					t.Errorf("text %d: the document with the parsed font differs from AddUTF8FontFromBytes's (%d vs %d bytes)", i, len(got), len(want))
				}
			}()
		}
	}
	wg.Wait()
}

func TestParseUTF8FontError(t *testing.T) {
	if _, err := fpdf.ParseUTF8Font([]byte("not a font, but long enough to read a header")); err == nil {
		t.Error("ParseUTF8Font accepted data that is not a TrueType font")
	}
}

// BenchmarkAddUTF8Font compares adding a UTF-8 font to a new document by
// parsing it (FromBytes) and by reusing a parsed one (Parsed).
func BenchmarkAddUTF8Font(b *testing.B) {
	ttf := readFont(b, "DejaVuSansCondensed.ttf")
	b.Run("FromBytes", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			pdf := fpdf.New("P", "mm", "A4", "")
			pdf.AddUTF8FontFromBytes("dejavu", "", ttf)
		}
	})
	b.Run("Parsed", func(b *testing.B) {
		font, err := fpdf.ParseUTF8Font(ttf)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			pdf := fpdf.New("P", "mm", "A4", "")
			pdf.AddUTF8FontParsed("dejavu", "", font)
		}
	})
}
