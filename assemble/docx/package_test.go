package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/fixtures"
	"github.com/dpakit/dpakit/templates"
)

// fixtureDocs assembles every document of every fixture deal, by
// "fixture/kind"; documents that do not apply to a deal are left out.
func fixtureDocs(t testing.TB) map[string]*document.Document {
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
	out := map[string]*document.Document{}
	for _, n := range names {
		data, err := fs.ReadFile(fixtures.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		d, err := deal.Load(data, n, profile, fixtures.Profile)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		for _, kind := range eng.Documents() {
			doc, err := eng.Assemble(d, kind)
			if errors.Is(err, assemble.ErrNotApplicable) {
				continue
			}
			if err != nil {
				t.Fatalf("%s %s: %v", n, kind, err)
			}
			out[strings.TrimSuffix(filepath.Base(n), ".yaml")+"/"+kind] = doc
		}
	}
	return out
}

func write(t testing.TB, w *Writer, d *document.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := w.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pkg is an opened .docx package.
type pkg struct {
	names []string          // in archive order
	parts map[string][]byte // by part name
}

func open(t testing.TB, data []byte) *pkg {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip archive: %v", err)
	}
	p := &pkg{parts: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc) // checks the CRC
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if _, dup := p.parts[f.Name]; dup {
			t.Fatalf("part %s twice in the archive", f.Name)
		}
		p.names = append(p.names, f.Name)
		p.parts[f.Name] = b
	}
	return p
}

// The parts Word needs for a document with the features dpakit writes,
// with their content types (ECMA-376 Part 1, 11.3 and 15.2).
var requiredParts = map[string]string{
	"/word/document.xml":   "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
	"/word/styles.xml":     "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
	"/word/numbering.xml":  "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
	"/word/settings.xml":   "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
	"/docProps/core.xml":   "application/vnd.openxmlformats-package.core-properties+xml",
	"/docProps/app.xml":    "application/vnd.openxmlformats-officedocument.extended-properties+xml",
	"/docProps/custom.xml": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
}

// The relationship each required part is reached by, from the package or
// from the main document.
var requiredRels = []struct{ source, typ, target string }{
	{"_rels/.rels", relOfficeDocument, "/word/document.xml"},
	{"_rels/.rels", relCore, "/docProps/core.xml"},
	{"_rels/.rels", relExtended, "/docProps/app.xml"},
	{"_rels/.rels", relCustom, "/docProps/custom.xml"},
	{"word/_rels/document.xml.rels", relStyles, "/word/styles.xml"},
	{"word/_rels/document.xml.rels", relNumbering, "/word/numbering.xml"},
	{"word/_rels/document.xml.rels", relSettings, "/word/settings.xml"},
}

type relationship struct {
	ID         string `xml:"Id,attr"`
	Type       string `xml:"Type,attr"`
	Target     string `xml:"Target,attr"`
	TargetMode string `xml:"TargetMode,attr"`
}

func (p *pkg) rels(t testing.TB, name string) []relationship {
	t.Helper()
	var r struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := xml.Unmarshal(p.parts[name], &r); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r.Rels
}

// checkPackage checks what Word checks when it opens a package: every part
// well-formed XML with a content type, [Content_Types].xml first, every
// required part present and related, every relationship target present,
// every r:id in the document defined, every internal hyperlink's bookmark
// present, every numbering instance defined.
func checkPackage(t *testing.T, p *pkg) {
	t.Helper()
	if p.names[0] != "[Content_Types].xml" {
		t.Errorf("first part is %s, want [Content_Types].xml", p.names[0])
	}
	for _, n := range p.names {
		if err := wellFormed(p.parts[n]); err != nil {
			t.Errorf("%s is not well-formed XML: %v", n, err)
		}
	}
	var ct struct {
		Defaults []struct {
			Extension   string `xml:"Extension,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName    string `xml:"PartName,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(p.parts["[Content_Types].xml"], &ct); err != nil {
		t.Fatal(err)
	}
	types := map[string]string{}
	for _, o := range ct.Overrides {
		types[o.PartName] = o.ContentType
		if _, ok := p.parts[strings.TrimPrefix(o.PartName, "/")]; !ok {
			t.Errorf("content type for %s, which is not in the package", o.PartName)
		}
	}
	defaults := map[string]bool{}
	for _, d := range ct.Defaults {
		defaults[d.Extension] = true
	}
	for _, n := range p.names {
		if n == "[Content_Types].xml" {
			continue
		}
		if _, ok := types["/"+n]; !ok && !defaults[strings.TrimPrefix(path.Ext(n), ".")] {
			t.Errorf("part %s has no content type", n)
		}
	}
	for name, want := range requiredParts {
		if got := types[name]; got != want {
			t.Errorf("content type of %s = %q, want %q", name, got, want)
		}
	}
	related := map[[2]string]bool{}
	for _, src := range []string{"_rels/.rels", "word/_rels/document.xml.rels"} {
		base := "/"
		if strings.HasPrefix(src, "word/") {
			base = "/word/"
		}
		ids := map[string]bool{}
		for _, r := range p.rels(t, src) {
			if ids[r.ID] {
				t.Errorf("%s: relationship id %s twice", src, r.ID)
			}
			ids[r.ID] = true
			if r.TargetMode == "External" {
				continue
			}
			target := path.Join(base, r.Target)
			related[[2]string{src, r.Type + " " + target}] = true
			if _, ok := p.parts[strings.TrimPrefix(target, "/")]; !ok {
				t.Errorf("%s: %s points at missing part %s", src, r.ID, target)
			}
		}
		if src == "word/_rels/document.xml.rels" {
			for _, id := range attrValues(p.parts["word/document.xml"], "r:id") {
				if !ids[id] {
					t.Errorf("document.xml refers to relationship %s, which %s does not define", id, src)
				}
			}
		}
	}
	for _, r := range requiredRels {
		if !related[[2]string{r.source, r.typ + " " + r.target}] {
			t.Errorf("%s lacks the relationship %s → %s", r.source, path.Base(r.typ), r.target)
		}
	}
	checkBookmarks(t, p.parts["word/document.xml"])
	checkNumbering(t, p.parts["word/document.xml"], p.parts["word/numbering.xml"])
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// attrValues returns every value of an attribute (by its prefixed name as
// written) in document order.
func attrValues(b []byte, name string) []string {
	re := regexp.MustCompile(` ` + regexp.QuoteMeta(name) + `="([^"]*)"`)
	var out []string
	for _, m := range re.FindAllSubmatch(b, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

var bookmarkName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,39}$`)

// checkBookmarks checks that every internal hyperlink names a bookmark that
// exists, and that bookmarks are valid Word names, unique and closed.
func checkBookmarks(t *testing.T, doc []byte) {
	t.Helper()
	names := map[string]bool{}
	for _, n := range attrValues(doc, "w:name") {
		if !bookmarkName.MatchString(n) {
			t.Errorf("bookmark name %q is not a valid Word bookmark name", n)
		}
		if names[n] {
			t.Errorf("bookmark %q twice", n)
		}
		names[n] = true
	}
	starts := regexp.MustCompile(`<w:bookmarkStart w:id="(\d+)"`).FindAllSubmatch(doc, -1)
	ends := regexp.MustCompile(`<w:bookmarkEnd w:id="(\d+)"`).FindAllSubmatch(doc, -1)
	if len(starts) != len(ends) || len(starts) != len(names) {
		t.Errorf("%d bookmark starts, %d ends, %d names", len(starts), len(ends), len(names))
	}
	for _, a := range attrValues(doc, "w:anchor") {
		if !names[a] {
			t.Errorf("hyperlink to bookmark %q, which does not exist", a)
		}
	}
}

// checkNumbering checks that every numbering instance a paragraph uses is
// defined, and its abstract definition too.
func checkNumbering(t *testing.T, doc, numbering []byte) {
	t.Helper()
	var n struct {
		Abstract []struct {
			ID string `xml:"abstractNumId,attr"`
		} `xml:"abstractNum"`
		Nums []struct {
			ID       string `xml:"numId,attr"`
			Abstract struct {
				Val string `xml:"val,attr"`
			} `xml:"abstractNumId"`
		} `xml:"num"`
	}
	if err := xml.Unmarshal(numbering, &n); err != nil {
		t.Fatal(err)
	}
	abstract := map[string]bool{}
	for _, a := range n.Abstract {
		abstract[a.ID] = true
	}
	nums := map[string]bool{"0": true}
	for _, num := range n.Nums {
		nums[num.ID] = true
		if !abstract[num.Abstract.Val] {
			t.Errorf("num %s uses abstractNum %s, which is not defined", num.ID, num.Abstract.Val)
		}
	}
	for _, m := range regexp.MustCompile(`<w:numId w:val="(\d+)"/>`).FindAllSubmatch(doc, -1) {
		if !nums[string(m[1])] {
			t.Errorf("paragraph uses numbering %s, which is not defined", m[1])
		}
	}
}

// literalNumber is a number written as text before a tab: what the writer
// does only when Word's numbering could not reproduce the Document's.
var literalNumber = regexp.MustCompile(`<w:t xml:space="preserve">(\d+(\.\d+)*\.?|\([a-z]+\)|\([A-Z]+\)|[A-Z]\.)</w:t></w:r><w:r><w:tab/>`)

// TestFixturePackages writes every document of every fixture and checks the
// package as Word would, that the numbering is Word's own (no literal "1.1"
// before a numbered paragraph), and that the same Document gives the same
// bytes.
func TestFixturePackages(t *testing.T) {
	t.Parallel()
	docs := fixtureDocs(t)
	w, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(docs))
	for k := range docs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Run(k, func(t *testing.T) {
			d := docs[k]
			data := write(t, w, d)
			p := open(t, data)
			checkPackage(t, p)
			doc := p.parts["word/document.xml"]
			if m := literalNumber.FindSubmatch(doc); m != nil {
				t.Errorf("number %q written as text, not as Word numbering", m[1])
			}
			if n := countMarked(d); n > 0 && !bytes.Contains(doc, []byte("<w:numPr>")) {
				t.Errorf("%d numbered paragraphs but no w:numPr", n)
			}
			if again := write(t, w, d); !bytes.Equal(again, data) {
				t.Error("the same Document gave different bytes")
			}
			w2, _ := New(Options{})
			if other := write(t, w2, d); !bytes.Equal(other, data) {
				t.Error("a second Writer gave different bytes")
			}
			checkText(t, d, doc)
			checkFields(t, d, doc)
		})
	}
}

// refField matches a cross-reference's REF field and its cached result.
var refField = regexp.MustCompile(`<w:fldSimple w:instr=" REF (\w+) \\w \\h "><w:r>(?:<w:rPr>.*?</w:rPr>)?<w:t xml:space="preserve">([^<]*)</w:t></w:r></w:fldSimple>`)

// checkFields checks every cross-reference of d to a heading Word numbers:
// it is a REF field to the heading's bookmark, whose paragraph Word numbers
// (a w:numPr), and whose cached result is the heading's number; and every
// REF field is one of them, so that updating the fields in Word changes no
// number.
func checkFields(t *testing.T, d *document.Document, doc []byte) {
	t.Helper()
	numberOf := map[string]string{} // bookmark name → heading number
	names := bookmarkNames(d)
	n := newNumberer()
	_, numbered := number(&n, d)
	for id, h := range numbered {
		numberOf[names[id]] = h.Number
	}
	want := 0
	for _, b := range d.Blocks {
		p, ok := b.(*document.Paragraph)
		if !ok {
			continue
		}
		for _, r := range p.Runs {
			if h := numbered[r.Ref]; h != nil && strings.HasSuffix(r.Text, h.Number) {
				want++
			}
		}
	}
	fields := refField.FindAllSubmatch(doc, -1)
	if n := bytes.Count(doc, []byte(" REF ")); n != len(fields) {
		t.Errorf("%d REF fields, %d of them in the expected form", n, len(fields))
	}
	if len(fields) < want {
		t.Errorf("%d REF fields for %d cross-references to headings Word numbers", len(fields), want)
	}
	for _, f := range fields {
		name, cached := string(f[1]), string(f[2])
		if numberOf[name] == "" {
			t.Errorf("REF field to %q, which is not a heading Word numbers", name)
			continue
		}
		if cached != numberOf[name] {
			t.Errorf("REF %s shows %q, the heading's number is %q", name, cached, numberOf[name])
		}
		start := bytes.Index(doc, []byte(`w:name="`+name+`"/>`))
		if start < 0 {
			t.Errorf("REF field to bookmark %q, which does not exist", name)
			continue
		}
		para := doc[bytes.LastIndex(doc[:start], []byte("<w:p>")):start]
		if !bytes.Contains(para, []byte("<w:numPr>")) || bytes.Contains(para, []byte(`<w:numId w:val="0"/>`)) {
			t.Errorf("REF field to %q, whose paragraph Word does not number", name)
		}
	}
}

func countMarked(d *document.Document) int {
	n := 0
	for _, b := range d.Blocks {
		if p, ok := b.(*document.Paragraph); ok && p.Marker != "" {
			n++
		}
	}
	return n
}

// checkText checks that every heading's and paragraph's text is in
// document.xml, in order: the DOCX says what the Document says.
func checkText(t *testing.T, d *document.Document, doc []byte) {
	t.Helper()
	text := docText(doc)
	at := 0
	for _, b := range d.Blocks {
		var s string
		switch b := b.(type) {
		case *document.Heading:
			s = b.Text
		case *document.Paragraph:
			s = document.PlainText(b.Runs)
		default:
			continue
		}
		s = strings.Join(strings.Fields(s), " ")
		if s == "" {
			continue
		}
		i := strings.Index(text[at:], s)
		if i < 0 {
			t.Errorf("text missing or out of order: %.80q", s)
			return
		}
		at += i + len(s)
	}
}

// docText returns the text of document.xml's runs, paragraphs separated by
// newlines and white space folded.
func docText(doc []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var b strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if tok.Name.Local == "p" {
				b.WriteString("\n")
			}
		case xml.CharData:
			if inText {
				b.Write(tok)
			}
		}
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}

// TestProperties checks the document properties and the page size.
func TestProperties(t *testing.T) {
	t.Parallel()
	docs := fixtureDocs(t)
	d := docs["example/dpa"]
	if d == nil {
		t.Fatal("no example DPA")
	}
	for _, tc := range []struct{ paper, size string }{
		{"", `<w:pgSz w:w="11906" w:h="16838"/>`},
		{"a4", `<w:pgSz w:w="11906" w:h="16838"/>`},
		{"letter", `<w:pgSz w:w="12240" w:h="15840"/>`},
	} {
		w, err := New(Options{Paper: tc.paper})
		if err != nil {
			t.Fatal(err)
		}
		p := open(t, write(t, w, d))
		if !bytes.Contains(p.parts["word/document.xml"], []byte(tc.size)) {
			t.Errorf("paper %q: page size is not %s", tc.paper, tc.size)
		}
		core := string(p.parts["docProps/core.xml"])
		for _, want := range []string{
			"<dc:title>" + d.Meta.Title + "</dc:title>",
			"<dc:creator>" + d.Meta.Author + "</dc:creator>",
			"<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + d.Meta.EffectiveDate.Format("2006-01-02") + "T00:00:00Z</dcterms:created>",
		} {
			if !strings.Contains(core, want) {
				t.Errorf("core.xml lacks %s:\n%s", want, core)
			}
		}
		custom := string(p.parts["docProps/custom.xml"])
		for _, want := range []string{
			`name="DPA Reference"><vt:lpwstr>` + d.Meta.Reference + `<`,
			`name="Deal Hash"><vt:lpwstr>` + d.Meta.DealHash + `<`,
		} {
			if !strings.Contains(custom, want) {
				t.Errorf("custom.xml lacks %s", want)
			}
		}
	}
	if _, err := New(Options{Paper: "a5"}); err == nil || !strings.Contains(err.Error(), `unknown paper "a5" (want a4, letter)`) {
		t.Errorf("New(a5) error = %v", err)
	}
}

// TestEscaping writes a Document whose every kind of text holds markup,
// entities, quotes and characters XML cannot carry, and reads the text back.
func TestEscaping(t *testing.T) {
	hostile := `<w:p>&amp; "q" 'a' ]]> Ж ☃ ` + "\x01\uFFFE" + ` end`
	want := `<w:p>&amp; "q" 'a' ]]> Ж ☃ ` + "\uFFFD\uFFFD" + ` end`
	d := &document.Document{
		Meta: document.Meta{Title: hostile, Reference: hostile, Author: hostile, DealHash: hostile, Parties: []document.Party{{Name: hostile}}},
		Blocks: []document.Block{
			&document.TitleBlock{Title: hostile, Subtitle: hostile, Lines: [][]document.Run{{{Text: hostile}}}},
			&document.Heading{Level: 2, Number: "1", Text: hostile, ID: `a"b<c>`},
			&document.Paragraph{Runs: []document.Run{{Text: hostile, Bold: true}, {Text: "see", Ref: `a"b<c>`}, {Text: "site", URL: `https://x.example/?a=1&b="2"`}}},
			&document.Table{Header: []document.Cell{{Runs: []document.Run{{Text: hostile}}}}, Rows: [][]document.Cell{{{Runs: []document.Run{{Text: hostile}}}}}},
			&document.SignatureBlock{Parties: []document.SignatureParty{{Role: hostile, Party: hostile, Name: hostile, Title: hostile}}},
		},
	}
	w, _ := New(Options{})
	p := open(t, write(t, w, d))
	for _, n := range p.names {
		if err := wellFormed(p.parts[n]); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
	}
	text := docText(p.parts["word/document.xml"])
	if got := strings.Count(text, want); got < 6 {
		t.Errorf("hostile text read back %d times, want at least 6:\n%s", got, text)
	}
	checkBookmarks(t, p.parts["word/document.xml"])
	rels := p.rels(t, "word/_rels/document.xml.rels")
	found := false
	for _, r := range rels {
		if r.Target == `https://x.example/?a=1&b="2"` && r.TargetMode == "External" {
			found = true
		}
	}
	if !found {
		t.Errorf("external link not related as written: %+v", rels)
	}
}

func ExampleWriter_Write() {
	d := &document.Document{Blocks: []document.Block{
		&document.Heading{Level: 2, Number: "1", Text: "Definitions", ID: "definitions"},
		&document.Paragraph{Marker: "1.1", Indent: 1, Runs: []document.Run{{Text: "In this DPA, see "}, {Text: "Clause 1", Ref: "definitions"}, {Text: "."}}},
	}}
	w, _ := New(Options{Paper: "a4"})
	var buf bytes.Buffer
	if err := w.Write(&buf, d); err != nil {
		fmt.Println(err)
		return
	}
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	for _, f := range zr.File[:4] {
		fmt.Println(f.Name)
	}
	// Output:
	// [Content_Types].xml
	// _rels/.rels
	// word/document.xml
	// docProps/core.xml
}

// TestDesignationsKeepTheirNumbers checks that Word cannot break a line
// between a designation and its number: in the example DPA every "Article
// 28", "Clause 6", "Annex I.B" and "§ 1798.140" is joined by a no-break
// space, the prefix of a cross-reference's REF field too.
func TestDesignationsKeepTheirNumbers(t *testing.T) {
	t.Parallel()
	w, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := open(t, write(t, w, fixtureDocs(t)["example/dpa"])).parts["word/document.xml"]
	broken := regexp.MustCompile(`(Article|Clause|Annex|§) (\d|I)`).FindAll(doc, 5)
	if len(broken) > 0 {
		t.Errorf("designations Word may part from their numbers: %q", broken)
	}
	for _, want := range []string{"Article\u00a028", "Annex\u00a0I.", "Clause\u00a0</w:t></w:r><w:fldSimple w:instr=\" REF "} {
		if !bytes.Contains(doc, []byte(want)) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
}

// TestWordLayout checks the example DPA's document.xml for what a lawyer
// editing it in Word relies on: a lettered annex section in the Annex
// Heading style, not in Heading 2 (which is linked to the clauses'
// numbering); Annex I.B's run-in headings in the Subheading style; the
// paragraph that introduces a table kept with it; the cover block ended
// by a rule; signature and date lines ruled by a tab leader, not typed
// underscores.
func TestWordLayout(t *testing.T) {
	t.Parallel()
	w, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := string(open(t, write(t, w, fixtureDocs(t)["example/dpa"])).parts["word/document.xml"])
	paraOf := func(text string) string {
		i := strings.Index(doc, ">"+text+"<")
		if i < 0 {
			t.Fatalf("document.xml lacks %q", text)
		}
		return doc[strings.LastIndex(doc[:i], "<w:p>"):i]
	}
	for _, tc := range []struct{ text, style string }{
		{"List of Parties", "AnnexHeading"},
		{"Description of the Processing and Transfer", "AnnexHeading"},
		{"Categories of Data Subjects whose personal data is processed and transferred", "Subheading"},
		{"Frequency of the transfer", "Subheading"},
		{"Definitions and Interpretation", "Heading2"},
	} {
		if p := paraOf(tc.text); !strings.Contains(p, `<w:pStyle w:val="`+tc.style+`"/>`) {
			t.Errorf("%q is not in the %s style: %s", tc.text, tc.style, p)
		}
	}
	const table = `<w:tbl><w:tblPr><w:tblStyle w:val="DPATable"/>`
	intros := 0
	for at := 0; ; {
		i := strings.Index(doc[at:], table)
		if i < 0 {
			break
		}
		i += at
		at = i + len(table)
		before := doc[strings.LastIndex(doc[:i], "<w:p>"):i]
		if strings.Contains(before, `"TableGap"`) {
			continue // a table after a table
		}
		intros++
		if !strings.Contains(before, "<w:keepNext/>") && !regexp.MustCompile(`"(Heading[123]|AnnexHeading|Subheading)"`).MatchString(before) {
			t.Errorf("a table's introduction is not kept with it: %.200s", before)
		}
	}
	if intros < 3 {
		t.Errorf("%d tables with an introduction, want at least 3", intros)
	}
	if !strings.Contains(doc, `<w:pStyle w:val="TitleRule"/>`) {
		t.Error("the cover block is not ended by its rule")
	}
	if strings.Contains(doc, "___") {
		t.Error("a line to sign on is typed underscores")
	}
	if n := strings.Count(doc, `<w:tab w:val="right" w:leader="underscore"`); n != 4 {
		t.Errorf("%d ruled signature and date lines, want 4", n)
	}
}

// TestColumnWidths checks that a column too narrow for its longest word
// (an e-mail address) is widened at the others' expense, the total kept.
func TestColumnWidths(t *testing.T) {
	cell := func(s string) document.Cell { return document.Cell{Runs: []document.Run{{Text: s}}} }
	long := strings.Repeat("A long description of the processing the sub-processor performs. ", 3)
	tbl := &document.Table{
		Header: []document.Cell{cell("Sub-processor"), cell("Processing"), cell("Location")},
		Rows: [][]document.Cell{
			{cell("AWS, privacy: aws-EU-privacy@amazon.example"), cell(long), cell(long)},
		},
	}
	const total = 9070
	got := columnWidths(tbl, 3, total)
	if sum := got[0] + got[1] + got[2]; sum != total {
		t.Errorf("widths %v add up to %d, want %d", got, sum, total)
	}
	if want := len("aws-EU-privacy@amazon.example")*tableCharWidth + 2*cellMargin; got[0] < want {
		t.Errorf("first column %d twips, want at least %d for the address", got[0], want)
	}
	if d := got[1] - got[2]; d < -2 || d > 2 {
		t.Errorf("the two long columns gave up unequal shares: %v", got)
	}
	// By length alone (43 characters against 60 and 60, each plus 8) the
	// first column would have 2,473 twips, too few for the address.
	if byLength := total * (43 + 8) / (43 + 8 + 68 + 68); got[0] <= byLength {
		t.Errorf("first column %d twips, no wider than the %d its length gives", got[0], byLength)
	}
}

// TestListBulletStyles checks that the List Bullet styles carry the bullets'
// numbering, as the clause styles carry the clauses': a lawyer who applies
// "List Bullet" in Word to a new paragraph gets a bullet, not a plain
// indented paragraph; and that the document's bullets use that same list.
func TestListBulletStyles(t *testing.T) {
	t.Parallel()
	w, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := open(t, write(t, w, fixtureDocs(t)["example/dpa"]))
	styles, numbering, doc := string(p.parts["word/styles.xml"]), string(p.parts["word/numbering.xml"]), string(p.parts["word/document.xml"])
	for style, ilvl := range map[string]string{"ListBullet": "0", "ListBullet2": "1"} {
		i := strings.Index(styles, `w:styleId="`+style+`"`)
		if i < 0 {
			t.Fatalf("no %s style", style)
		}
		def := styles[i : i+strings.Index(styles[i:], "</w:style>")]
		if !strings.Contains(def, `<w:numPr><w:ilvl w:val="`+ilvl+`"/><w:numId w:val="2"/></w:numPr>`) {
			t.Errorf("%s is not linked to the bullets' list at level %s: %s", style, ilvl, def)
		}
	}
	if !strings.Contains(numbering, `<w:num w:numId="2"><w:abstractNumId w:val="`+strconv.Itoa(absBullets)+`"/>`) {
		t.Errorf("w:num 2 is not the bullets' list:\n%s", numbering)
	}
	bullets := 0
	for _, para := range strings.Split(doc, "<w:p>") {
		if strings.Contains(para, `<w:pStyle w:val="ListBullet`) {
			bullets++
			if !strings.Contains(para, `<w:numId w:val="2"/>`) {
				t.Errorf("a bullet outside the bullets' list: %s", para)
			}
		}
	}
	if bullets == 0 {
		t.Error("the example DPA has no bulleted paragraph")
	}
}
