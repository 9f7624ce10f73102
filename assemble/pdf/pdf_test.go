package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dpakit/dpakit/assemble/document"
	"github.com/google/go-cmp/cmp"

	// Paces the collector of this test binary (see package testgc).
	_ "github.com/dpakit/dpakit/fixtures/testgc"
)

var (
	longWord    = strings.Repeat("Unbroken", 62) + "Tail" // 500 characters, no space
	longAddress = "Building 7, Floor 3, " + strings.Repeat("Ulica Piotrkowska 104/106 lokal 12 ", 8) + "90-926 Łódź, Poland"
)

func runs(text string) []document.Run { return []document.Run{{Text: text}} }

// sampleDoc returns a DPA-like Document with clauses numbered clauses and a
// sub-processor table of rows rows.
func sampleDoc(clauses, rows int) *document.Document {
	d := &document.Document{Meta: document.Meta{
		Kind:          "dpa",
		Title:         "Data Processing Agreement",
		ShortTitle:    "Data Processing Agreement",
		Subject:       "Data processing agreement under Article 28 GDPR",
		Reference:     "DPA-2026-0042",
		EffectiveDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		Parties: []document.Party{
			{Role: "Customer", Name: "Łódź Sp. z o.o.", Address: longAddress, Country: "PL"},
			{Role: "Provider", Name: "Müller Logistik GmbH", Address: "Hafenstraße 1, 20457 Hamburg", Country: "DE"},
		},
		Author:         "Müller Logistik GmbH",
		DealHash:       "9f2c4e1b7a3d5f60a1b2c3d4e5f60718293a4b5c6d7e8f9012345678abcdef01",
		Template:       "dpa@3.1.0",
		LibraryVersion: "2026.11",
		Clauses:        []document.ClauseUse{{ID: "definitions", Version: "2.0.0"}, {ID: "breach", Version: "1.4.2"}},
	}}
	add := func(b ...document.Block) { d.Blocks = append(d.Blocks, b...) }
	add(&document.TitleBlock{
		Title:    "Data Processing Agreement",
		Subtitle: "pursuant to Article 28(3) of Regulation (EU) 2016/679",
		Lines: [][]document.Run{
			{{Text: "This Data Processing Agreement (reference DPA-2026-0042) is made on 1 March 2026 between:"}},
			{{Text: "(1) "}, {Text: "Łódź Sp. z o.o.", Bold: true}, {Text: ", a company registered in Poland whose registered office is at " + longAddress + " (the "}, {Text: "Customer", Bold: true}, {Text: "); and"}},
			{{Text: "(2) "}, {Text: "Müller Logistik GmbH", Bold: true}, {Text: ", Hafenstraße 1, 20457 Hamburg, Germany (the "}, {Text: "Provider", Bold: true}, {Text: ")."}},
		},
	})
	add(&document.Heading{Level: 1, Text: "Agreement", ID: "agreement", Label: "the Agreement"})
	sentence := "The Provider shall process the Personal Data only on documented instructions from the Customer, including with regard to transfers of Personal Data to a third country or an international organisation, unless required to do so by Union or Member State law to which the Provider is subject. "
	for c := 1; c <= clauses; c++ {
		num := strconv.Itoa(c)
		add(&document.Heading{Level: 2, Number: num, Text: clauseTitle(c), ID: "clause-" + num, Label: "Clause " + num})
		add(&document.Paragraph{Indent: 1, Marker: num + ".1", Runs: []document.Run{
			{Text: "In this Clause, "}, {Text: "Personal Data Breach", Bold: true}, {Text: " means a breach of security as defined in "},
			{Text: "Article 4(12) GDPR", Italic: true}, {Text: ". " + sentence},
		}})
		add(&document.Paragraph{Indent: 1, Marker: num + ".2", Runs: []document.Run{{Text: "Subject to "}, {Text: "Clause 1", Ref: "clause-1"}, {Text: ", the Provider shall:"}}})
		for i, m := range []string{"(a)", "(b)", "(c)"} {
			add(&document.Paragraph{Indent: 2, Marker: m, Runs: runs(strings.Repeat("ensure that persons authorised to process the Personal Data have committed themselves to confidentiality; ", i+1))})
		}
		add(&document.Paragraph{Indent: 3, Marker: "(i)", Runs: runs("notify the Customer without undue delay, and in any event within 48 hours, of becoming aware of it;")})
		add(&document.Paragraph{Indent: 3, Marker: "(ii)", Runs: runs("assist the Customer, see https://example.com/dpa for the procedure.")})
		add(&document.Paragraph{Indent: 1, Marker: "•", Runs: []document.Run{{Text: "Contact: "}, {Text: "privacy@example.com", URL: "mailto:privacy@example.com"}, {Text: "."}}})
		if c == 3 {
			add(&document.Paragraph{Indent: 1, Runs: runs("Registered address: " + longAddress + " Identifier: " + longWord + " end of identifier.")})
		}
		if c == 5 {
			add(&document.Heading{Level: 3, Number: "5.3", Text: "Notification", ID: "clause-5-3", Label: "Clause 5.3"})
			add(&document.Paragraph{Indent: 1, Runs: runs(sentence + sentence)})
		}
	}
	add(&document.Heading{Level: 1, Text: "Annex III: List of Sub-processors", ID: "annex-3", Label: "Annex III", NewPage: true})
	t := &document.Table{
		Header: []document.Cell{{Runs: runs("No.")}, {Runs: runs("Sub-processor")}, {Runs: runs("Address")}, {Runs: runs("Processing")}},
		Align:  []document.Align{document.AlignRight, document.AlignLeft, document.AlignLeft, document.AlignLeft},
	}
	names := []string{"Société Générale", "Ærø ApS", "Müller Logistik GmbH", "Łódź Sp. z o.o."}
	for r := 1; r <= rows; r++ {
		addr := "Rue de la Paix 12, 75002 Paris, France"
		if r == 7 {
			addr = longAddress
		}
		proc := "Hosting and storage"
		if r == 9 {
			proc = longWord
		}
		t.Rows = append(t.Rows, []document.Cell{
			{Runs: runs(strconv.Itoa(r))},
			{Runs: []document.Run{{Text: names[r%len(names)], Bold: true}, {Text: fmt.Sprintf(" row-%03d", r)}}},
			{Runs: runs(addr)},
			{Runs: runs(proc)},
		})
	}
	add(t)
	add(&document.SignatureBlock{
		Intro: runs("Signed by the duly authorised representatives of the parties:"),
		Parties: []document.SignatureParty{
			{Role: "Customer", Party: "Łódź Sp. z o.o.", Name: "Zofia Wójcik", Title: "Prezes Zarządu", Index: 1},
			{Role: "Provider", Party: "Müller Logistik GmbH", Name: "Jörg Müller", Title: "Geschäftsführer", Index: 2},
		},
	})
	return d
}

func clauseTitle(c int) string {
	if c == 4 {
		return "Übermittlung personenbezogener Daten – Łódź"
	}
	return fmt.Sprintf("Clause title number %d on processing", c)
}

func render(t testing.TB, opts Options, d *document.Document) []byte {
	t.Helper()
	w, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dpa.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// tool runs a command-line tool, skipping the test when it is not installed.
func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skipf("-short leaves out the tests that run other programs (%s)", name)
	}
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("DPAKIT_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not installed (apt-get install poppler-utils qpdf): %v", name, err)
		}
		t.Skipf("%s not installed (apt-get install poppler-utils qpdf): %v", name, err)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// pageTexts returns the text of each page, with pdftotext's layout mode off.
func pageTexts(t *testing.T, path string) []string {
	t.Helper()
	txt := tool(t, "pdftotext", "-enc", "UTF-8", path, "-")
	pages := strings.Split(txt, "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

func TestText(t *testing.T) {
	d := sampleDoc(12, 200)
	path := writeTemp(t, render(t, Options{ToolVersion: "1.2.3"}, d))
	pages := pageTexts(t, path)
	n := len(pages)
	if n < 10 {
		t.Fatalf("got %d pages, want at least 10", n)
	}
	all := strings.Join(pages, "\n")
	for _, s := range []string{"Łódź Sp. z o.o.", "Müller Logistik GmbH", "Société Générale", "Übermittlung personenbezogener Daten – Łódź", "Ærø ApS", "Zofia Wójcik", "Jörg Müller", "Geschäftsführer", "Personal Data Breach", "Article 4(12) GDPR", "Annex III: List of Sub-processors"} {
		if !strings.Contains(all, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	for i, p := range pages {
		want := fmt.Sprintf("Page %d of %d", i+1, n)
		if !strings.Contains(p, want) {
			t.Errorf("page %d lacks footer %q", i+1, want)
		}
		if !strings.Contains(p, "Reference DPA-2026-0042") {
			t.Errorf("page %d lacks the reference", i+1)
		}
		if hasHeader := strings.Contains(p, "Data Processing Agreement") && strings.Contains(p, "Łódź Sp. z o.o."); i > 0 && !hasHeader {
			t.Errorf("page %d lacks the running header", i+1)
		}
	}
	for r := 1; r <= 200; r++ {
		if s := fmt.Sprintf("row-%03d", r); !strings.Contains(all, s) {
			t.Errorf("table row %s missing", s)
		}
	}
	// The header row is repeated on every page the table continues on.
	tablePages := 0
	for _, p := range pages {
		if strings.Contains(p, "row-") {
			tablePages++
			if !strings.Contains(p, "Sub-processor") || !strings.Contains(p, "Processing") {
				t.Errorf("a table page lacks the header row:\n%.300s", p)
			}
		}
	}
	if tablePages < 2 {
		t.Errorf("table spans %d pages, want several", tablePages)
	}
	// Long unbroken strings are wrapped, not lost: all their characters are there.
	if got := strings.Count(strings.ReplaceAll(all, "\n", ""), "Unbroken"); got < 62*2 {
		t.Errorf("found %d pieces of the long word, want %d", got, 62*2)
	}
}

// TestInsidePage checks that every word lies inside the page's margins.
func TestInsidePage(t *testing.T) {
	t.Parallel()
	long := sampleDoc(12, 60)
	long.Meta.Parties[0].Name = "Łódź " + longWord
	sig := long.Blocks[len(long.Blocks)-1].(*document.SignatureBlock)
	sig.Parties[0].Party = longAddress
	sig.Parties[1].Name = longWord
	tall := sampleDoc(1, 3)
	tbl := tall.Blocks[len(tall.Blocks)-2].(*document.Table)
	tbl.Rows[1][2].Runs = runs(strings.Repeat("A very tall cell that does not fit on one page. ", 400) + "End of tall cell.")
	for _, tt := range []struct {
		name  string
		paper string
		d     *document.Document
	}{
		{"a4", "a4", sampleDoc(12, 60)},
		{"letter", "letter", sampleDoc(12, 60)},
		{"long names", "a4", long},
		{"tall row", "a4", tall},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, render(t, Options{Paper: tt.paper, ESign: "adobe"}, tt.d))
			checkInside(t, path)
		})
	}
	t.Run("tall row text", func(t *testing.T) {
		path := writeTemp(t, render(t, Options{}, tall))
		pages := pageTexts(t, path)
		n := 0
		for _, f := range strings.Fields(strings.Join(pages, " ")) {
			if f == "very" {
				n++
			}
		}
		if n != 400 {
			t.Errorf("found %d sentences of the tall cell, want 400", n)
		}
		for i, p := range pages[1:] {
			if strings.Contains(p, "A very tall cell") && !strings.Contains(p, "Sub-processor") {
				t.Errorf("page %d continues the table without its header row", i+2)
			}
		}
	})
}

// checkInside checks with pdftotext -bbox that every word lies inside the
// page's margins, and body words inside the body.
func checkInside(t *testing.T, path string) {
	t.Helper()
	words := 0
	for _, p := range readWords(t, path) {
		pw, ph := p.width, p.height
		for _, w := range p.words {
			words++
			x0, y0, x1, y1 := w.x0, w.y0, w.x1, w.y1
			if x0 < marginX-1 || x1 > pw-marginX+1 || y0 < 20 || y1 > ph-20 {
				t.Errorf("word %.40q at (%.1f,%.1f)-(%.1f,%.1f) is outside the margins of a %.0fx%.0f page", w.text, x0, y0, x1, y1, pw, ph)
			}
			if y0 > headerY+10 && y1 < ph-footerGap-12 && (y0 < marginTop-2 || y1 > ph-marginBottom+2) {
				t.Errorf("body word %.40q at y %.1f-%.1f is outside the body", w.text, y0, y1)
			}
		}
	}
	if words < 500 {
		t.Errorf("found %d words, want many", words)
	}
}

func TestStructure(t *testing.T) {
	d := sampleDoc(12, 40)
	path := writeTemp(t, render(t, Options{ToolVersion: "1.2.3"}, d))
	if out := tool(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	info := tool(t, "pdfinfo", path)
	for _, want := range []string{
		"Title:           Data Processing Agreement",
		"Subject:         Data processing agreement under Article 28 GDPR",
		"Author:          Müller Logistik GmbH",
		"Keywords:        DPA-2026-0042 9f2c4e1b",
		"Creator:         dpakit 1.2.3",
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	// Every font is embedded as a subset with a Unicode map, and named as
	// a subset (TAG+name), as pdffonts reads them.
	fonts := strings.Split(strings.TrimSpace(tool(t, "pdffonts", path)), "\n")
	if len(fonts) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", strings.Join(fonts, "\n"))
	}
	fontLine := regexp.MustCompile(`^[A-Z]{6}\+utf8\S+\s+CID TrueType\s+Identity-H\s+yes yes yes\s`)
	for _, line := range fonts[2:] {
		if !fontLine.MatchString(line) {
			t.Errorf("pdffonts: %q is not an embedded, tagged subset with a Unicode map", line)
		}
	}
	if list := tool(t, "pdfdetach", "-list", path); !strings.Contains(list, "manifest.json") {
		t.Errorf("pdfdetach -list:\n%s", list)
	}
	dir := t.TempDir()
	tool(t, "pdfdetach", "-saveall", "-o", dir, path)
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("manifest: %v\n%s", err, b)
	}
	want := map[string]any{
		"tool_version":    "1.2.3",
		"template":        "dpa@3.1.0",
		"library_version": "2026.11",
		"deal_hash":       d.Meta.DealHash,
		"reference":       "DPA-2026-0042",
		"clauses":         []any{map[string]any{"id": "definitions", "version": "2.0.0"}, map[string]any{"id": "breach", "version": "1.4.2"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("manifest (-want +got):\n%s", diff)
	}
	if !bytes.HasPrefix(b, []byte("{\n  \"tool_version\"")) {
		t.Errorf("manifest field order: %s", b)
	}
	// Outline: one entry per level-1 and level-2 heading.
	var outline struct {
		Outlines []struct {
			Title string
			Kids  []struct{ Title string }
		}
	}
	if err := json.Unmarshal([]byte(tool(t, "qpdf", "--json", "--json-key=outlines", path)), &outline); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, o := range outline.Outlines {
		titles = append(titles, o.Title)
		for _, k := range o.Kids {
			titles = append(titles, "  "+k.Title)
		}
	}
	wantTitles := []string{"Agreement"}
	for c := 1; c <= 12; c++ {
		wantTitles = append(wantTitles, fmt.Sprintf("  %d. %s", c, clauseTitle(c)))
	}
	wantTitles = append(wantTitles, "Annex III: List of Sub-processors")
	if diff := cmp.Diff(wantTitles, titles); diff != "" {
		t.Errorf("outline (-want +got):\n%s", diff)
	}
	raw := tool(t, "qpdf", "--qdf", "--object-streams=disable", path, "-")
	if n := strings.Count(raw, "/Subtype /Link"); n < 24 {
		t.Errorf("found %d link annotations, want at least 24", n)
	}
}

func TestLetter(t *testing.T) {
	path := writeTemp(t, render(t, Options{Paper: "letter"}, sampleDoc(3, 5)))
	if info := tool(t, "pdfinfo", path); !strings.Contains(info, "Page size:       612 x 792 pts (letter)") {
		t.Errorf("pdfinfo:\n%s", info)
	}
}

// testDate is the PDF date of renders that must be reproducible.
var testDate = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

func TestDeterministic(t *testing.T) {
	// Its second of sleep overlaps the other parallel tests.
	t.Parallel()
	w, err := New(Options{ESign: "docusign", ToolVersion: "1.0.0", Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := w.Write(&a, sampleDoc(12, 40)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // a render on the next second gives the same bytes
	if err := w.Write(&b, sampleDoc(12, 40)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renders of the same Document with the same date differ")
	}
}

// TestDates checks the PDF's creation and modification dates: the date
// given, in UTC, whatever the effective date; the time of the render
// without one.
func TestDates(t *testing.T) {
	d := sampleDoc(2, 3)
	given := time.Date(2027, 2, 3, 4, 5, 6, 0, time.FixedZone("CET", 3600))
	info := tool(t, "pdfinfo", "-isodates", writeTemp(t, render(t, Options{Date: given}, d)))
	for _, want := range []string{"CreationDate: 2027-02-03T03:05:06", "ModDate: 2027-02-03T03:05:06"} {
		if !strings.Contains(flat(info), want) {
			t.Errorf("with Date %v, pdfinfo lacks %q:\n%s", given, want, info)
		}
	}
	before := time.Now().UTC().Truncate(time.Second)
	info = tool(t, "pdfinfo", "-isodates", writeTemp(t, render(t, Options{}, d)))
	after := time.Now().UTC()
	m := regexp.MustCompile(`CreationDate:\s+(\S+?)(Z|[+-]\d\d:\d\d)?\n`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("no CreationDate:\n%s", info)
	}
	got, err := time.Parse("2006-01-02T15:04:05", m[1])
	if err != nil || got.Before(before) || got.After(after) {
		t.Errorf("without a Date, CreationDate is %s (%v), want the time of the render (%s to %s)", m[1], err, before, after)
	}
	if d.Meta.EffectiveDate.Year() == got.Year() && d.Meta.EffectiveDate.YearDay() == got.YearDay() {
		t.Skip("the effective date is today: cannot tell them apart")
	}
}

func TestConcurrent(t *testing.T) {
	w, err := New(Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	want := render(t, Options{Date: testDate}, sampleDoc(4, 10))
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			var buf bytes.Buffer
			err := w.Write(&buf, sampleDoc(4, 10))
			if err == nil && !bytes.Equal(buf.Bytes(), want) {
				err = fmt.Errorf("concurrent render differs")
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestESign(t *testing.T) {
	tests := []struct {
		esign string
		want  []string
	}{
		{"docusign", []string{`\s1\`, `\n1\`, `\d1\`, `\s2\`, `\n2\`, `\d2\`}},
		{"adobe", []string{"{{Sig_es_:signer1:signature}}", "{{Dte_es_:signer1:date}}", "{{Sig_es_:signer2:signature}}", "{{Dte_es_:signer2:date}}"}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run("esign="+tt.esign, func(t *testing.T) {
			pages := pageTexts(t, writeTemp(t, render(t, Options{ESign: tt.esign}, sampleDoc(2, 3))))
			last := pages[len(pages)-1]
			for _, s := range tt.want {
				if !strings.Contains(last, s) {
					t.Errorf("last page lacks anchor %q:\n%s", s, last)
				}
			}
			if tt.esign == "" && (strings.Contains(last, `\s1\`) || strings.Contains(last, "{{")) {
				t.Errorf("anchors without an e-signature provider:\n%s", last)
			}
			// The signature block is kept whole on one page.
			for _, s := range []string{"Signed by the duly authorised", "Zofia Wójcik", "Jörg Müller", "Signature:", "Date:"} {
				if !strings.Contains(last, s) {
					t.Errorf("last page lacks %q", s)
				}
			}
		})
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		opts Options
		err  string
	}{
		{Options{Paper: "a5"}, `unknown paper "a5" (want a4, letter)`},
		{Options{ESign: "hellosign"}, `unknown e-signature provider "hellosign" (want docusign, adobe, or none)`},
		{Options{Paper: "letter", ESign: "adobe"}, ""},
		{Options{}, ""},
	}
	for _, tt := range tests {
		_, err := New(tt.opts)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.err {
			t.Errorf("New(%+v) = %q, want %q", tt.opts, got, tt.err)
		}
	}
}

func TestCovers(t *testing.T) {
	w, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		r    rune
		want bool
	}{
		{'Ł', true}, {'ó', true}, {'ß', true}, {'Æ', true}, {'€', true}, {'§', true}, {'•', true}, {'„', true}, {'–', true},
		{'☃', false}, {'😀', false}, {'\n', false}, {0x85, false}, {'✓', false},
	} {
		if got := Covers(tt.r); got != tt.want {
			t.Errorf("Covers(%q) = %v, want %v", tt.r, got, tt.want)
		}
		if got := w.Covers(tt.r); got != tt.want {
			t.Errorf("Writer.Covers(%q) = %v, want %v", tt.r, got, tt.want)
		}
	}
}

func TestErrors(t *testing.T) {
	w, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		meta   document.Meta
		blocks []document.Block
		err    string
	}{
		{"unprintable customer", document.Meta{Parties: []document.Party{{Name: "Snow\u0001"}}}, nil, `write pdf: meta.parties[0].name: character U+0001 '\x01' cannot be printed with the embedded fonts`},
		{"unprintable", document.Meta{}, []document.Block{&document.Paragraph{Runs: runs("Snow ☃ man")}}, `write pdf: paragraph "Snow ☃ man": character U+2603 '☃' cannot be printed with the embedded fonts`},
		{"emoji in table", document.Meta{}, []document.Block{&document.Table{Header: []document.Cell{{Runs: runs("A😀")}}}}, `write pdf: table cell "A😀": character U+1F600 '😀' cannot be printed with the embedded fonts`},
		{"dangling ref", document.Meta{}, []document.Block{&document.Paragraph{Runs: []document.Run{{Text: "Clause 9", Ref: "nowhere"}}}}, `write pdf: cross-reference to unknown heading "nowhere"`},
		{"nil block", document.Meta{}, []document.Block{nil}, `write pdf: block 0 is nil`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := w.Write(&buf, &document.Document{Meta: tt.meta, Blocks: tt.blocks})
			if err == nil || err.Error() != tt.err {
				t.Errorf("Write = %v, want %q", err, tt.err)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes despite the error", buf.Len())
			}
		})
	}
}

// TestKeepWithNext checks that no heading ends a page.
func TestKeepWithNext(t *testing.T) {
	w, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Vary the text before the headings so that they land at every height.
	for pad := 0; pad < 40; pad += 3 {
		d := sampleDoc(0, 0)
		d.Blocks = d.Blocks[:2]
		d.Blocks = append(d.Blocks, &document.Paragraph{Runs: runs(strings.Repeat("Filler words for a paragraph. ", pad))})
		for c := 1; c <= 12; c++ {
			d.Blocks = append(d.Blocks, &document.Heading{Level: 2, Number: strconv.Itoa(c), Text: "Heading"},
				&document.Paragraph{Indent: 1, Marker: fmt.Sprintf("%d.1", c), Runs: runs(strings.Repeat("Body text of the clause. ", 20))})
		}
		fs, err := sharedFonts()
		if err != nil {
			t.Fatal(err)
		}
		l := &layout{fs: fs, width: w.pageW - 2*marginX, bodyH: w.pageH - marginTop - marginBottom, opts: &w.opts, headIDs: map[string]bool{}}
		if err := l.blocks(d.Blocks); err != nil {
			t.Fatal(err)
		}
		pages := paginate(l.units, l.bodyH)
		for pi, page := range pages {
			lastU := l.units[page[len(page)-1].u]
			if lastU.keepNext && pi < len(pages)-1 {
				t.Errorf("pad %d: page %d ends with a unit that must stay with the next", pad, pi+1)
			}
			for _, pl := range page {
				if pl.y+l.units[pl.u].h > l.bodyH+0.01 {
					t.Errorf("pad %d: page %d overflows: unit at %.1f+%.1f > %.1f", pad, pi+1, pl.y, l.units[pl.u].h, l.bodyH)
				}
			}
		}
	}
}

// TestPNG renders a sample to /tmp/dpakit-pdf-png for looking at; it only
// runs with DPAKIT_PNG=1.
func TestPNG(t *testing.T) {
	if os.Getenv("DPAKIT_PNG") == "" {
		t.Skip("set DPAKIT_PNG=1 to render PNGs into /tmp/dpakit-pdf-png")
	}
	dir := "/tmp/dpakit-pdf-png"
	os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, "sample.pdf")
	if err := os.WriteFile(path, render(t, Options{ESign: os.Getenv("DPAKIT_ESIGN")}, sampleDoc(12, 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	tool(t, "pdftoppm", "-png", "-r", "60", path, filepath.Join(dir, "page"))
}

// BenchmarkRenderPDFSynthetic renders a hand-built 17-page Document (26
// clauses, a 40-row table); BenchmarkRenderPDF renders the real example DPA.
func BenchmarkRenderPDFSynthetic(b *testing.B) {
	w, err := New(Options{ToolVersion: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	d := sampleDoc(26, 40)
	var buf bytes.Buffer
	if err := w.Write(&buf, d); err != nil {
		b.Fatal(err)
	}
	pages := bytes.Count(buf.Bytes(), []byte("/Type /Page\n"))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := w.Write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkRenderPDFOnePage shows fpdf's fixed cost per document (fonts,
// output) on a one-page Document.
func BenchmarkRenderPDFOnePage(b *testing.B) {
	w, err := New(Options{ToolVersion: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	d := sampleDoc(1, 0)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := w.Write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadFonts measures what the first render of a process pays once:
// parsing the four embedded fonts for fpdf and working out which runes they
// cover and how wide each is.
func BenchmarkLoadFonts(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadFonts(); err != nil {
			b.Fatal(err)
		}
	}
}
