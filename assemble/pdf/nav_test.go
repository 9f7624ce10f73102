package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
)

// A reader moves through an agreement by its bookmarks and its
// cross-references. TestNavigation opens every destination, of every
// outline entry and every link annotation, of the standalone annexes of
// four fixtures whose annexes differ in shape (EU, UK and Swiss transfers;
// a processor customer under Option 1; Modules One and Two; US-only), a
// letter-size render, and a deal with the most sub-processors a deal may
// list, and checks that the text found just below the destination on its
// page is the heading it names; and that the outline is the document's
// structure. TestFixturePDFs checks the same of every fixture's DPA, from
// the one reading of each PDF its text checks use. The writer places a
// destination the same way whatever the deal, so the standalone annexes
// of the other fixtures (each reading a PDF costs two processes) would
// repeat these layouts.
func TestNavigation(t *testing.T) {
	eng, deals := fixtureDeals(t)
	type job struct {
		name string
		opts Options
		doc  *document.Document
	}
	var jobs []job
	for _, name := range []string{"example", "processor-option1-eea", "modules-1-2-bavaria", "us-ccpa"} {
		d, ok := deals[name]
		if !ok {
			t.Fatalf("fixtures/deals/%s.yaml is missing", name)
		}
		for _, kind := range eng.Documents() {
			if kind == "dpa" {
				continue // TestFixturePDFs
			}
			doc, err := eng.Assemble(d, kind)
			if err != nil {
				continue // a document that does not apply to this deal
			}
			jobs = append(jobs, job{name + "/" + kind, Options{}, doc})
		}
	}
	if len(jobs) < 9 {
		t.Fatalf("%d standalone annexes of four fixtures, want at least 9", len(jobs))
	}
	letter, err := eng.Assemble(deals["seed-001"], "dpa")
	if err != nil {
		t.Fatal(err)
	}
	jobs = append(jobs, job{"seed-001/dpa/letter", Options{Paper: "letter", ESign: "docusign"}, letter})
	big, err := eng.Assemble(withSubprocessors(deals["bench-40"], 2000), "dpa")
	if err != nil {
		t.Fatal(err)
	}
	jobs = append(jobs, job{"2000-subprocessors/dpa", Options{}, big})

	for _, r := range jobs {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			path := writeTemp(t, render(t, r.opts, r.doc))
			nav := readNavigation(t, path)
			headings := docHeadings(r.doc)
			checkOutline(t, nav, headings)
			checkLinks(t, nav, headings, r.doc)
		})
	}
}

// withSubprocessors returns a copy of d whose sub-processor list is d's
// repeated, under distinct names, to n entries.
func withSubprocessors(d *deal.Deal, n int) *deal.Deal {
	c := *d
	src := d.Subprocessors.List
	c.Subprocessors.List = make([]deal.Subprocessor, n)
	for i := range n {
		s := src[i%len(src)]
		s.Name = fmt.Sprintf("%s %d", s.Name, i+1)
		c.Subprocessors.List[i] = s
	}
	return &c
}

// heading is a heading as the PDF prints it.
type heading struct {
	level int
	id    string
	label string
	title string // number and text, as printed and bookmarked
}

func docHeadings(d *document.Document) []heading {
	var out []heading
	for _, b := range d.Blocks {
		if h, ok := b.(*document.Heading); ok {
			title := h.Text
			if h.Number != "" {
				title = headingText(h) + " " + h.Text
			}
			out = append(out, heading{level: h.Level, id: h.ID, label: h.Label, title: title})
		}
	}
	return out
}

// navigation is what a PDF offers a reader to move around: its outline,
// its link annotations, and where each word is.
type navigation struct {
	outline []outlineEntry
	links   []link
	pages   []pageWords // by page number - 1
}

type outlineEntry struct {
	title string
	depth int
	dest  dest
}

type link struct {
	page int // 1-based
	text string
	dest dest
}

// dest is an explicit /XYZ destination: a page and the top of the view,
// in points from the top of the page.
type dest struct {
	page int
	top  float64
}

type pageWords struct {
	width  float64
	height float64
	words  []word2
}

type word2 struct {
	x0, y0, x1, y1 float64
	text           string
}

// readNavigation reads the outline and links of the PDF at path with qpdf
// and its words' positions with pdftotext -bbox.
func readNavigation(t *testing.T, path string) *navigation {
	t.Helper()
	var q struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		Outlines []qpdfOutline `json:"outlines"`
		QPDF     []map[string]json.RawMessage
	}
	if err := json.Unmarshal([]byte(tool(t, "qpdf", "--json=2", "--json-key=pages", "--json-key=outlines", "--json-key=qpdf", path)), &q); err != nil {
		t.Fatal(err)
	}
	if len(q.QPDF) < 2 {
		t.Fatal("qpdf --json: no objects")
	}
	objects := q.QPDF[1]
	pageOf := map[string]int{}
	for i, p := range q.Pages {
		pageOf[p.Object] = i + 1
	}
	nav := &navigation{pages: readWords(t, path)}
	if len(nav.pages) != len(q.Pages) {
		t.Fatalf("pdftotext found %d pages, qpdf %d", len(nav.pages), len(q.Pages))
	}
	toDest := func(what string, raw []any) dest {
		if len(raw) != 5 || raw[1] != "/XYZ" {
			t.Fatalf("%s: destination %v is not [page /XYZ left top zoom]", what, raw)
		}
		ref, _ := raw[0].(string)
		page, ok := pageOf[ref]
		if !ok {
			t.Fatalf("%s: destination %v is not a page (pages are %v)", what, raw, q.Pages)
		}
		top, _ := raw[3].(float64)
		return dest{page: page, top: nav.pages[page-1].height - top}
	}
	var walk func(entries []qpdfOutline, depth int)
	walk = func(entries []qpdfOutline, depth int) {
		for _, e := range entries {
			nav.outline = append(nav.outline, outlineEntry{title: e.Title, depth: depth, dest: toDest("bookmark "+strconv.Quote(e.Title), e.Dest)})
			walk(e.Kids, depth+1)
		}
	}
	walk(q.Outlines, 0)
	for i, p := range q.Pages {
		var obj struct {
			Value struct {
				Annots []struct {
					Subtype string    `json:"/Subtype"`
					Rect    []float64 `json:"/Rect"`
					Dest    []any     `json:"/Dest"`
				} `json:"/Annots"`
			} `json:"value"`
		}
		if err := json.Unmarshal(objects["obj:"+p.Object], &obj); err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
		for _, a := range obj.Value.Annots {
			if a.Subtype != "/Link" || a.Dest == nil {
				continue // external links and the manifest's attachment
			}
			what := fmt.Sprintf("link on page %d at %v", i+1, a.Rect)
			l := link{page: i + 1, dest: toDest(what, a.Dest)}
			h := nav.pages[i].height
			l.text = nav.pages[i].textIn(a.Rect[0], h-a.Rect[1], a.Rect[2], h-a.Rect[3])
			nav.links = append(nav.links, l)
		}
	}
	return nav
}

type qpdfOutline struct {
	Title string        `json:"title"`
	Dest  []any         `json:"dest"`
	Kids  []qpdfOutline `json:"kids"`
}

// readWords returns the words of each page of the PDF at path, with their
// boxes, as pdftotext -bbox finds them.
func readWords(t *testing.T, path string) []pageWords {
	t.Helper()
	return parseBBox(tool(t, "pdftotext", "-bbox", path, "-"))
}

// parseBBox reads pdftotext -bbox output: a <page width=".." height="..">
// line opens each page, and each word is a line <word xMin=".." yMin=".."
// xMax=".." yMax="..">text</word>.
func parseBBox(out string) []pageWords {
	var pages []pageWords
	for line := range strings.Lines(out) {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "<page "):
			pages = append(pages, pageWords{width: attr(line, "width"), height: attr(line, "height")})
		case strings.HasPrefix(line, "<word ") && len(pages) > 0:
			_, rest, _ := strings.Cut(line, ">")
			text, _, _ := strings.Cut(rest, "</word>")
			p := &pages[len(pages)-1]
			p.words = append(p.words, word2{
				x0: attr(line, "xMin"), y0: attr(line, "yMin"), x1: attr(line, "xMax"), y1: attr(line, "yMax"),
				text: html.UnescapeString(text),
			})
		}
	}
	return pages
}

// lines returns the page's words in reading order, one space between two
// words on the same line and a line break where a word starts lower on the
// page than the one before it, so that a phrase wrapped from one line to
// the next can be told from one kept on a line.
func (p *pageWords) lines() string {
	var b strings.Builder
	for i, w := range p.words {
		switch {
		case i == 0:
		case w.y0 > p.words[i-1].y0+1:
			b.WriteByte('\n')
		default:
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// attr returns the number in the attribute name="..." of a pdftotext
// -bbox line, or 0.
func attr(line, name string) float64 {
	_, v, ok := strings.Cut(line, " "+name+`="`)
	if !ok {
		return 0
	}
	v, _, _ = strings.Cut(v, `"`)
	f, _ := strconv.ParseFloat(v, 64)
	return f
}

// text returns the page's words in reading order, one space between two:
// pdftotext's text of the page with its white space made single spaces.
func (p *pageWords) text() string {
	s := make([]string, len(p.words))
	for i, w := range p.words {
		s[i] = w.text
	}
	return strings.Join(s, " ")
}

// textIn returns the words that overlap the box, in reading order, without
// the punctuation that pdftotext keeps with a word ("Clause 8," is a link
// on "Clause 8").
func (p *pageWords) textIn(x0, y0, x1, y1 float64) string {
	const inset = 0.5
	x0, x1 = min(x0, x1)+inset, max(x0, x1)-inset
	y0, y1 = min(y0, y1), max(y0, y1)
	var s []string
	for _, w := range p.words {
		if w.x1 > x0 && w.x0 < x1 && (w.y0+w.y1)/2 >= y0 && (w.y0+w.y1)/2 <= y1 {
			s = append(s, w.text)
		}
	}
	return strings.Trim(strings.Join(s, " "), ".,;:()[] ")
}

// below returns the text of the first lines below top: what a reader sees
// first when a destination opens.
func (p *pageWords) below(top float64) string {
	var s []string
	for _, w := range p.words {
		if w.y0 >= top-1 && w.y0 < top+45 {
			s = append(s, w.text)
		}
	}
	return strings.Join(s, " ")
}

// checkOutline checks that the outline lists the document's headings in
// order, nested as the document is (each entry under the last heading of a
// lower level), and that each entry opens at its heading.
func checkOutline(t *testing.T, nav *navigation, headings []heading) {
	t.Helper()
	if len(nav.outline) != len(headings) {
		t.Errorf("the outline has %d entries, the document %d headings", len(nav.outline), len(headings))
	}
	var open []int // levels of the enclosing headings
	for i, e := range nav.outline {
		if i >= len(headings) {
			break
		}
		h := headings[i]
		for len(open) > 0 && open[len(open)-1] >= h.level {
			open = open[:len(open)-1]
		}
		if e.title != h.title || e.depth != len(open) {
			t.Errorf("outline entry %d is %q at depth %d, want %q at depth %d", i+1, e.title, e.depth, h.title, len(open))
		}
		open = append(open, h.level)
		if got := nav.pages[e.dest.page-1].below(e.dest.top); !strings.HasPrefix(flat(got), flat(e.title)) {
			t.Errorf("bookmark %q opens page %d at %.0f pt, where the text is %.80q", e.title, e.dest.page, e.dest.top, got)
		}
	}
	if len(nav.outline) > 0 && (nav.outline[0].depth != 0 || nav.outline[0].dest.page != 1) {
		t.Errorf("the first bookmark %q opens page %d at depth %d, want page 1 at the top level", nav.outline[0].title, nav.outline[0].dest.page, nav.outline[0].depth)
	}
}

// checkLinks checks that every cross-reference opens at the heading it
// names: the text of the link is (part of) the label of a heading that
// starts just below the destination. A label broken across two lines makes
// two links, each with part of it.
func checkLinks(t *testing.T, nav *navigation, headings []heading, d *document.Document) {
	t.Helper()
	refs := 0
	for _, b := range d.Blocks {
		if p, ok := b.(*document.Paragraph); ok {
			for _, r := range p.Runs {
				if r.Ref != "" {
					refs++
				}
			}
		}
	}
	if refs > 0 && len(nav.links) < refs {
		t.Errorf("found %d internal links, want at least the %d cross-references of the document's paragraphs", len(nav.links), refs)
	}
	for _, l := range nav.links {
		got := flat(nav.pages[l.dest.page-1].below(l.dest.top))
		ok := false
		for _, h := range headings {
			if h.id != "" && strings.Contains(h.label, l.text) && strings.HasPrefix(got, flat(h.title)) {
				ok = true
				break
			}
		}
		if !ok || l.text == "" {
			t.Errorf("the link %q on page %d opens page %d at %.0f pt, where the text is %.80q: not the heading it names", l.text, l.page, l.dest.page, l.dest.top, got)
		}
	}
}

// TestKeepTogether shifts the example DPA's parts down a line at a time, so that
// every label and every lead-in lands at the foot of a page in some
// render, and checks that no page ends with a label paragraph (such as
// "Frequency of the transfer" in Annex I.B, whose content follows) or with
// a paragraph ending in a colon (a lead-in whose list follows). Each
// render's page ends are read from the writer's own pagination; for the
// first renders they are also read back from the PDF with pdftotext, and
// must be the same lines, so that the pagination checked is the one
// printed.
func TestKeepTogether(t *testing.T) {
	t.Parallel()
	eng, deals := fixtureDeals(t)
	doc, err := eng.Assemble(deals["example"], "dpa")
	if err != nil {
		t.Fatal(err)
	}
	var enders []string // paragraphs a page must not end with, without white space
	labels, leadIns := 0, 0
	for _, b := range doc.Blocks {
		p, ok := b.(*document.Paragraph)
		if !ok {
			continue
		}
		text := strings.TrimSpace(document.PlainText(p.Runs))
		switch {
		case isLabel(p):
			labels++
		case strings.HasSuffix(text, ":"):
			leadIns++
		default:
			continue
		}
		enders = append(enders, noSpace(text))
	}
	if labels < 5 || leadIns < 3 {
		t.Fatalf("the example has %d labels and %d lead-ins: the test needs a document with both", labels, leadIns)
	}
	w, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	const shifts, printed = 24, 2
	for shift := range shifts {
		// Filler before the agreement and at the top of each part that
		// starts a page (the schedule and the annexes).
		d := *doc
		filler := &document.Paragraph{Runs: runs(strings.Repeat("Filler. ", 13*shift))}
		d.Blocks = []document.Block{filler}
		for _, b := range doc.Blocks {
			d.Blocks = append(d.Blocks, b)
			if h, ok := b.(*document.Heading); ok && h.NewPage {
				d.Blocks = append(d.Blocks, filler)
			}
		}
		pdfBytes, ends := paginated(t, w, &d)
		if shift < printed {
			pages := readWords(t, writeTemp(t, pdfBytes))
			if len(pages) != len(ends) {
				t.Fatalf("shift %d: the PDF has %d pages, the pagination %d", shift, len(pages), len(ends))
			}
			for pi, p := range pages {
				if got := noSpace(p.lastBodyLine()); got != ends[pi] {
					t.Fatalf("shift %d: page %d ends with %q in the PDF, %q in the pagination", shift, pi+1, got, ends[pi])
				}
			}
		}
		for pi, last := range ends[:len(ends)-1] {
			for _, e := range enders {
				if last != "" && strings.HasSuffix(e, last) {
					t.Errorf("shift %d: page %d ends with %q, which must stay with what follows it", shift, pi+1, e)
				}
			}
		}
	}
}

// lastLine returns the text of the lowest line of the last unit of page
// that holds text (a signature block or a table row holds several lines; a
// rule holds none).
func lastLine(l *layout, page []placement) string {
	for i := len(page) - 1; i >= 0; i-- {
		u := l.units[page[i].u]
		ops := l.ops[u.op0:u.op1]
		bottom := math.Inf(-1)
		for _, o := range ops {
			if o.kind == opText {
				bottom = max(bottom, o.y)
			}
		}
		var b strings.Builder
		for _, o := range ops {
			if o.kind == opText && o.y > bottom-1 {
				b.WriteString(o.text)
			}
		}
		if b.Len() > 0 {
			return b.String()
		}
	}
	return ""
}

// noSpace returns s without white space: a line as laid out and as
// pdftotext reads it back differ only in the spaces between pieces of text.
func noSpace(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// paginated renders d and returns the PDF with, for each page, the text of
// the last line of its body as the writer laid it out, without white
// space.
func paginated(t *testing.T, w *Writer, d *document.Document) ([]byte, []string) {
	t.Helper()
	sc := getScratch()
	defer putScratch(sc)
	if err := w.render(sc, d); err != nil {
		t.Fatal(err)
	}
	var ends []string
	for _, page := range sc.pages {
		ends = append(ends, noSpace(lastLine(&sc.l, page)))
	}
	return bytes.Clone(sc.out.Bytes()), ends
}

// lastBodyLine returns the text of the lowest line above the footer.
func (p *pageWords) lastBodyLine() string {
	bottom := 0.0
	for _, w := range p.words {
		if w.y1 < p.height-marginBottom+2 {
			bottom = max(bottom, w.y0)
		}
	}
	var s []string
	for _, w := range p.words {
		if w.y0 > bottom-1 && w.y0 < bottom+1 {
			s = append(s, w.text)
		}
	}
	return strings.Join(s, " ")
}
