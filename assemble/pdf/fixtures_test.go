package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/wording"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/fixtures"
	"github.com/dpakit/dpakit/templates"
)

// fixtureDeals loads every fixture deal over the example profile.
func fixtureDeals(t testing.TB) (*assemble.Engine, map[string]*deal.Deal) {
	t.Helper()
	eng, err := assemble.LoadEngine(clauses.FS, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	profile, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(fixtures.FS, "deals/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixture deals: %v", err)
	}
	out := map[string]*deal.Deal{}
	v := deal.NewValidator(deal.Options{Printable: Covers})
	for _, n := range names {
		data, err := fs.ReadFile(fixtures.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		d, err := v.Load(data, n, profile, fixtures.Profile)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		out[strings.TrimSuffix(filepath.Base(n), ".yaml")] = d
	}
	return eng, out
}

var space = regexp.MustCompile(`\s+`)

// flat collapses all white space, so text wrapped across lines or table
// cells still matches.
func flat(s string) string { return space.ReplaceAllString(s, " ") }

// TestFixturePDFs renders the DPA of every fixture and checks, in the text
// pdftotext extracts, what legal staff check before sending it: the parties,
// every selected option, the breach hours, the objection window, every
// sub-processor, the page footers and the signature blocks; that every
// bookmark and every cross-reference opens at the heading it names (as
// TestNavigation checks for other documents); and that the file is
// structurally sound, carries its manifest and renders the same bytes
// twice. The text and the navigation come from one reading of the PDF.
func TestFixturePDFs(t *testing.T) {
	eng, deals := fixtureDeals(t)
	w, err := New(Options{ToolVersion: "test", Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	for name, d := range deals {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			doc, err := eng.Assemble(d, "dpa")
			if err != nil {
				t.Fatal(err)
			}
			var a, b bytes.Buffer
			if err := w.Write(&a, doc); err != nil {
				t.Fatal(err)
			}
			if err := w.Write(&b, doc); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two renders of the same deal differ")
			}
			path := writeTemp(t, a.Bytes())
			tool(t, "qpdf", "--check", path)
			nav := readNavigation(t, path)
			headings := docHeadings(doc)
			checkOutline(t, nav, headings)
			checkLinks(t, nav, headings, doc)
			pages := make([]string, len(nav.pages))
			for i := range nav.pages {
				pages[i] = nav.pages[i].text()
			}
			all := strings.Join(pages, " ")
			checkWholeAddressesAndDates(t, nav, knownAddresses(t))

			want := []string{
				d.Customer.Name, d.Provider.Name, d.Agreement,
				wording.Count(d.Breach.NoticeHours, "hour"),
				d.Customer.Signatory.Name, d.Customer.Signatory.Title,
				d.Provider.Signatory.Name, d.Provider.Signatory.Title,
				"Annex I", "Annex II",
			}
			if d.GDPR.On() {
				// A US-only deal has no SCC section and no Schedule 1.
				want = append(want, "Schedule 1")
				mods, _ := wording.Modules(d.SCC.Modules)
				want = append(want, strings.Split(mods, " and ")...)
			}
			if d.SCC.HasModule(2) || d.SCC.HasModule(3) {
				want = append(want, "Annex III",
					wording.Count(d.Subprocessors.ObjectionDays, "day"),
					wording.Count(d.SCC.SubprocessorNoticeDays, "day"))
				// Schedule 1 names the chosen Clause 9(a) option and not the
				// other: "Option 1" and "Option 2" alone appear in every DPA.
				chosen, other := "Option 2 (general written authorisation)", "Option 1 (specific prior authorisation)"
				if d.SCC.SubprocessorOption == deal.SpecificAuthorisation {
					chosen, other = other, chosen
				}
				want = append(want, chosen)
				if strings.Contains(all, other) {
					t.Errorf("the PDF text names the Clause 9(a) option not chosen: %q", other)
				}
				for _, s := range d.Subprocessors.List {
					if !inOrder(all, s.Name) {
						t.Errorf("the PDF text lacks sub-processor %q", s.Name)
					}
				}
			}
			if d.GDPR.On() {
				want = append(want, "the law of "+country.WithArticle(d.SCC.GoverningLaw))
			}
			for _, s := range want {
				if !strings.Contains(all, flat(s)) {
					t.Errorf("the PDF text lacks %q", s)
				}
			}
			optional := []struct {
				on   bool
				word string
			}{{d.UKAddendum.Enabled, "UK Addendum"}, {d.Swiss.Enabled, "FDPIC"}, {d.CCPA.Enabled, "CCPA"}}
			for _, o := range optional {
				if got := strings.Contains(all, o.word); got != o.on {
					t.Errorf("%q in the text = %v, want %v", o.word, got, o.on)
				}
			}
			if n := strings.Count(all, "Signature:"); n != 2 {
				t.Errorf("%d signature lines, want 2", n)
			}
			for i, p := range pages {
				footer := fmt.Sprintf("Page %d of %d", i+1, len(pages))
				if !strings.Contains(p, footer) {
					t.Errorf("page %d lacks %q", i+1, footer)
				}
				if !strings.Contains(p, d.Reference) {
					t.Errorf("page %d lacks the reference %q", i+1, d.Reference)
				}
			}
			if len(pages) < 10 {
				t.Errorf("%d pages, want a full agreement", len(pages))
			}

			dir := t.TempDir()
			tool(t, "pdfdetach", "-saveall", "-o", dir, path)
			raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
			if err != nil {
				t.Fatalf("manifest.json not attached: %v", err)
			}
			var m struct {
				DealHash string `json:"deal_hash"`
				Clauses  []struct{ ID, Version string }
			}
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatalf("manifest: %v", err)
			}
			if m.DealHash != deal.Hash(d) || len(m.Clauses) != len(doc.Meta.Clauses) {
				t.Errorf("manifest = %+v, want hash %s and %d clauses", m, deal.Hash(d), len(doc.Meta.Clauses))
			}
		})
	}
}

// inOrder reports whether every word of phrase appears in text in order,
// with at most a few other words between two of them: pdftotext reads a
// table row line by line across its cells, so a name wrapped inside its
// cell comes out interleaved with its neighbours' first lines.
func inOrder(text, phrase string) bool {
	words := strings.Fields(text)
	for i, w := range words {
		// A name is followed by its address in the same cell: "Atlas),".
		words[i] = strings.TrimRight(w, ",;:")
	}
	want := strings.Fields(phrase)
	for i, w := range want {
		want[i] = strings.TrimRight(w, ",;:")
	}
	if len(want) == 0 {
		return true
	}
	for start := range words {
		if words[start] != want[0] {
			continue
		}
		i, k := start+1, 1
		for k < len(want) && i < len(words) && i-start < 12*len(want) {
			if words[i] == want[k] {
				k++
			}
			i++
		}
		if k == len(want) {
			return true
		}
	}
	return false
}

// TestFixtureAnnexes renders the standalone annexes of the example deal.
func TestFixtureAnnexes(t *testing.T) {
	eng, deals := fixtureDeals(t)
	d := deals["example"]
	w, err := New(Options{ToolVersion: "test", Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[string][]string{
		"annex-i":   {"Annex I", "List of Parties", d.Customer.Name, d.Processing.Retention},
		"annex-ii":  {"Annex II", "ISO/IEC 27001", "AES-256"},
		"annex-iii": {"Annex III", "Sub-processor", "Transfer"},
	} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			doc, err := eng.Assemble(d, kind)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := w.Write(&buf, doc); err != nil {
				t.Fatal(err)
			}
			path := writeTemp(t, buf.Bytes())
			tool(t, "qpdf", "--check", path)
			all := flat(strings.Join(pageTexts(t, path), " "))
			for _, s := range want {
				if !strings.Contains(strings.ToLower(all), strings.ToLower(flat(s))) {
					t.Errorf("%s lacks %q", kind, s)
				}
			}
			if kind == "annex-iii" {
				for _, s := range d.Subprocessors.List {
					if !inOrder(all, s.Name) || !inOrder(strings.ToLower(all), strings.ToLower(s.Purpose)) { // a purpose after a description starts in lower case
						t.Errorf("annex-iii lacks sub-processor %q (%s)", s.Name, s.Purpose)
					}
				}
			}
		})
	}
}

// BenchmarkRenderPDF renders the example DPA with every annex and 40
// sub-processors (fixtures/deals/bench-40.yaml). Target: under 15 ms.
func BenchmarkRenderPDF(b *testing.B) {
	eng, deals := fixtureDeals(b)
	d, ok := deals["bench-40"]
	if !ok {
		b.Fatal("fixtures/deals/bench-40.yaml is missing")
	}
	doc, err := eng.Assemble(d, "dpa")
	if err != nil {
		b.Fatal(err)
	}
	w, err := New(Options{ToolVersion: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Write(&buf, doc); err != nil {
		b.Fatal(err)
	}
	pages := bytes.Count(buf.Bytes(), []byte("/Type /Page\n"))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := w.Write(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkRenderPDFNewCharacters is BenchmarkRenderPDF with one more
// character in each of the four styles, a different one every render, so
// that no earlier render used the same characters: every font subset is
// cut and compressed anew (fpdf keeps the subsets it cut for documents
// with exactly the same characters), as for a customer whose name or
// address brings a letter the rest of the agreement lacks.
func BenchmarkRenderPDFNewCharacters(b *testing.B) {
	eng, deals := fixtureDeals(b)
	d, ok := deals["bench-40"]
	if !ok {
		b.Fatal("fixtures/deals/bench-40.yaml is missing")
	}
	doc, err := eng.Assemble(d, "dpa")
	if err != nil {
		b.Fatal(err)
	}
	w, err := New(Options{ToolVersion: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	// 400 printable letters beyond Latin-1, more than fpdf keeps subsets of.
	var letters []rune
	for r := rune(0x100); len(letters) < 400 && r < 0x2000; r++ {
		if w.Covers(r) {
			letters = append(letters, r)
		}
	}
	if len(letters) < 400 {
		b.Fatalf("the fonts print only %d letters from U+0100", len(letters))
	}
	blocks := doc.Blocks[:len(doc.Blocks):len(doc.Blocks)]
	var buf bytes.Buffer
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s := string(letters[i%len(letters)])
		i++
		d := *doc
		d.Blocks = append(blocks, &document.Paragraph{Runs: []document.Run{
			{Text: s}, {Text: s, Bold: true}, {Text: s, Italic: true}, {Text: s, Bold: true, Italic: true},
		}})
		buf.Reset()
		if err := w.Write(&buf, &d); err != nil {
			b.Fatal(err)
		}
	}
}
