package assemble

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/google/go-cmp/cmp"

	// Paces the collector of this test binary (see package testgc).
	_ "github.com/dpakit/dpakit/fixtures/testgc"
)

// testLibrary is a tiny library exercising every Markdown convention.
func testLibrary(t *testing.T, extra map[string]string) *Engine {
	t.Helper()
	cl := fstest.MapFS{
		"measures.yaml": {Data: []byte("version: 1.0.0\ncategories:\n  - id: enc\n    title: Encryption\n    measures:\n      - id: tls\n        text: TLS 1.2 or higher in transit.\n      - id: aes\n        text: AES-256 at rest.\n")},
		"intro.md":      {Data: []byte("---\nid: intro\ntitle: Intro\nversion: 1.0.0\ncovers: [gdpr-28-3-a]\n---\nThis agreement is between {{.Customer.Name}} and {{.Provider.Name}}.\n")},
		"breach.md":     {Data: []byte("---\nid: breach\ntitle: Breaches\nversion: 1.2.0\ncovers: [gdpr-28-3-f]\n---\n## Breaches\n\n1. Notify within {{count .Breach.NoticeHours \"hour\"}}, see {{.Ref \"uk\"}}.\n2. The notice describes:\n   1. the nature;\n   2. the *likely* consequences:\n      1. for **Data Subjects**;\n      2. for Customer.\n3. See {{.Ref \"annex\"}} and {{.Ref \"annex-b\"}}.\n")},
		"uk.md":         {Data: []byte("---\nid: uk\ntitle: UK\nversion: 1.0.0\nwhen: .UKAddendum.Enabled\n---\n## UK Addendum\n\n1. Ending party: {{.UKAddendum.EndingParty}}.\n\n### Tables\n\n1. Table one.\n")},
		"annex.md":      {Data: []byte("---\nid: annex\ntitle: Annex\nversion: 1.0.0\n---\n## Parties {#annex-a}\n\n- {{.Customer.Name}}\n\n## Transfer {#annex-b}\n\n| Name | Data |\n|---|---|\n{{range .Subprocessors.List}}| {{.Name}} | {{join .Data}} |\n{{end}}\nSee {{.RefOr \"breach\" \"the breach terms\"}}.\n")},
	}
	tm := fstest.MapFS{
		"dpa.tmpl":   {Data: []byte("---\ntitle: Test Agreement\nversion: 1.0.0\n---\n```dpakit:title\nReference {{.Reference}}\n```\n{{.Clause \"intro\"}}\n{{.Clause \"breach\"}}\n{{.Clause \"uk\"}}\n```dpakit:signatures\nSigned.\n```\n# Annex I {#annex .newpage label=\"Annex I\" numbering=alpha}\n{{.Clause \"annex\"}}\n")},
		"annex.tmpl": {Data: []byte("---\ntitle: Annex only\nversion: 1.0.0\n---\n# Annex I {#annex label=\"Annex I\" numbering=alpha}\n{{.Clause \"annex\"}}\n")},
	}
	for name, src := range extra {
		if strings.HasSuffix(name, ".tmpl") {
			tm[name] = &fstest.MapFile{Data: []byte(src)}
		} else {
			cl[name] = &fstest.MapFile{Data: []byte(src)}
		}
	}
	eng, err := LoadEngine(cl, tm)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func testDeal() *deal.Deal {
	d := &deal.Deal{
		Reference:     "DPA-1",
		EffectiveDate: deal.Date{Time: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		Customer: deal.Customer{Name: "Müller Logistik GmbH", Country: "DE", Role: deal.Controller,
			Signatory: deal.Signatory{Name: "Jana Müller", Title: "Managing Director"}},
		Provider: deal.Provider{Name: "Kestrel Cloud, Inc.", Country: "US",
			Signatory: deal.Signatory{Name: "Dana Whitfield", Title: "General Counsel"}},
		SCC:        deal.SCC{Modules: []int{2}},
		UKAddendum: deal.UKAddendum{Enabled: true, EndingParty: "neither"},
		Breach:     deal.Breach{NoticeHours: 48},
		Subprocessors: deal.Subprocessors{List: []deal.Subprocessor{
			{Name: "AWS", Data: []string{"Logs", "Names"}},
		}},
		Security: deal.Security{Measures: deal.Measures{All: true}},
	}
	return d
}

// outline returns the document as one line per block, for comparisons.
func outline(doc *document.Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case *document.TitleBlock:
			out = append(out, "TITLE "+b.Title+" / "+b.Subtitle)
		case *document.Heading:
			out = append(out, strings.Repeat("#", b.Level)+" ["+b.Number+"|"+b.Label+"|"+b.ID+"] "+b.Text)
		case *document.Paragraph:
			s := strings.Repeat("  ", b.Indent) + b.Marker + " "
			for _, r := range b.Runs {
				switch {
				case r.Ref != "":
					s += "<" + r.Text + ">"
				case r.Bold:
					s += "**" + r.Text + "**"
				case r.Italic:
					s += "*" + r.Text + "*"
				default:
					s += r.Text
				}
			}
			out = append(out, s)
		case *document.Table:
			row := func(cells []document.Cell) string {
				var s []string
				for _, c := range cells {
					s = append(s, document.PlainText(c.Runs))
				}
				return "|" + strings.Join(s, "|") + "|"
			}
			out = append(out, "TABLE "+row(b.Header))
			for _, r := range b.Rows {
				out = append(out, "TABLE "+row(r))
			}
		case *document.SignatureBlock:
			out = append(out, "SIGN "+document.PlainText(b.Intro)+" "+b.Parties[0].Party+" / "+b.Parties[1].Party)
		}
	}
	return out
}

func TestAssembleNumbering(t *testing.T) {
	eng := testLibrary(t, nil)
	doc, err := eng.Assemble(testDeal(), "dpa")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"TITLE Test Agreement / Reference DPA-1",
		" This agreement is between Müller Logistik GmbH and Kestrel Cloud, Inc..",
		"## [1|Clause 1|breach] Breaches",
		"  1.1 Notify within forty-eight (48) hours, see <Clause 2>.",
		"  1.2 The notice describes:",
		"    (a) the nature;",
		"    (b) the *likely* consequences:",
		"      (i) for **Data Subjects**;",
		"      (ii) for Customer.",
		"  1.3 See <Annex I> and <Annex I.B>.",
		"## [2|Clause 2|uk] UK Addendum",
		"  2.1 Ending party: neither.",
		"### [2.1|Clause 2.1|] Tables",
		"  2.1.1 Table one.",
		"SIGN Signed. Müller Logistik GmbH / Kestrel Cloud, Inc.",
		"# [|Annex I|annex] Annex I",
		"## [A|Annex I.A|annex-a] Parties",
		"  • Müller Logistik GmbH",
		"## [B|Annex I.B|annex-b] Transfer",
		"TABLE |Name|Data|",
		"TABLE |AWS|Logs and Names|",
		" See <Clause 1>.",
	}
	if diff := cmp.Diff(want, outline(doc)); diff != "" {
		t.Errorf("outline (-want +got):\n%s", diff)
	}
	wantClauses := []document.ClauseUse{
		{ID: "intro", Version: "1.0.0", Title: "Intro"}, {ID: "breach", Version: "1.2.0", Title: "Breaches"}, {ID: "uk", Version: "1.0.0", Title: "UK"}, {ID: "annex", Version: "1.0.0", Title: "Annex"},
	}
	if diff := cmp.Diff(wantClauses, doc.Meta.Clauses); diff != "" {
		t.Errorf("clauses (-want +got):\n%s", diff)
	}
	if !doc.Blocks[len(doc.Blocks)-6].(*document.Heading).NewPage {
		t.Error("annex heading lost its .newpage class")
	}
}

func TestAssembleWhenAndRefOr(t *testing.T) {
	eng := testLibrary(t, nil)
	d := testDeal()
	d.UKAddendum.Enabled = false
	// breach refers to the uk clause, which is now absent: a library error.
	_, err := eng.Assemble(d, "dpa")
	if !errors.Is(err, ErrLibrary) || !strings.Contains(err.Error(), `cross-reference to "uk"`) {
		t.Fatalf("err = %v, want a cross-reference error", err)
	}
	// The standalone annex has no breach clause: RefOr prints its fallback.
	doc, err := eng.Assemble(testDeal(), "annex")
	if err != nil {
		t.Fatal(err)
	}
	got := outline(doc)
	if last := got[len(got)-1]; last != " See the breach terms." {
		t.Errorf("last block = %q, want the RefOr fallback", last)
	}
}

func TestAssembleEscapesUserText(t *testing.T) {
	eng := testLibrary(t, nil)
	for _, name := range []string{"{{.}}", "*Acme* | <b>bold</b> & co", "[x](http://evil) _y_ `z`", "# Heading", "1. Not a list", "\\back\\slash", "AT&amp;T"} {
		d := testDeal()
		d.Customer.Name = name
		d.Subprocessors.List[0].Name = name
		doc, err := eng.Assemble(d, "dpa")
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		got := outline(doc)
		if want := " This agreement is between " + name + " and Kestrel Cloud, Inc.."; got[1] != want {
			t.Errorf("paragraph = %q, want %q", got[1], want)
		}
		if want := "TABLE |" + name + "|Logs and Names|"; !contains(got, want) {
			t.Errorf("table row %q missing in %q", want, got)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAssembleUnknownDocument(t *testing.T) {
	eng := testLibrary(t, nil)
	_, err := eng.Assemble(testDeal(), "docx")
	if !errors.Is(err, ErrUnknownDocument) || err.Error() != `unknown document "docx" (want annex, dpa)` {
		t.Errorf("err = %v", err)
	}
}

func TestCheckDealMeasures(t *testing.T) {
	eng := testLibrary(t, nil)
	d := testDeal()
	d.Security.Measures = deal.Measures{IDs: []string{"tls", "nope"}}
	_, err := eng.Assemble(d, "dpa")
	var ve *deal.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Path != "security.measures[1]" {
		t.Fatalf("err = %v, want one problem at security.measures[1]", err)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, src, want string
	}{
		{"template typo", "typo.md", "---\nid: typo\ntitle: T\nversion: 1.0.0\n---\n## T\n\n{{.Customer.Nmae}\n", "clauses/typo.md:8"},
		{"bad front matter key", "bad.md", "---\nid: bad\ntitle: T\nversion: 1.0.0\nwhn: x\n---\nx\n", "field whn not found"},
		{"id mismatch", "other.md", "---\nid: another\ntitle: T\nversion: 1.0.0\n---\nx\n", `does not match the file name`},
		{"bad version", "v.md", "---\nid: v\ntitle: T\nversion: one\n---\nx\n", `version "one" must be MAJOR.MINOR.PATCH`},
		{"no front matter", "nf.md", "## Hello\n", "missing front matter"},
		{"bad when", "w.md", "---\nid: w\ntitle: T\nversion: 1.0.0\nwhen: .A (\n---\nx\n", "when"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic: %v", r)
				}
			}()
			_, err := tryLoad(t, map[string]string{tt.file: tt.src})
			if err == nil || !errors.Is(err, ErrLibrary) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func tryLoad(t *testing.T, extra map[string]string) (*Engine, error) {
	t.Helper()
	cl := fstest.MapFS{"measures.yaml": {Data: []byte("version: 1.0.0\ncategories: []\n")}}
	for n, s := range extra {
		cl[n] = &fstest.MapFile{Data: []byte(s)}
	}
	tm := fstest.MapFS{"dpa.tmpl": {Data: []byte("---\ntitle: T\nversion: 1.0.0\n---\n")}}
	return LoadEngine(cl, tm)
}

func TestMissingKeyFailsAtRender(t *testing.T) {
	eng := testLibrary(t, map[string]string{
		"typo.md":   "---\nid: typo\ntitle: T\nversion: 1.0.0\n---\n## T\n\n{{.Customer.Nmae}}\n",
		"typo.tmpl": "---\ntitle: T\nversion: 1.0.0\n---\n{{.Clause \"typo\"}}\n",
	})
	_, err := eng.Assemble(testDeal(), "typo")
	if err == nil || !strings.Contains(err.Error(), "clauses/typo.md:8") || !strings.Contains(err.Error(), "Nmae") {
		t.Errorf("err = %v, want it to name clauses/typo.md:8 and the field", err)
	}
}

func TestMeasuresGrouping(t *testing.T) {
	eng := testLibrary(t, map[string]string{
		"m.md":   "---\nid: m\ntitle: M\nversion: 1.0.0\n---\n{{range .Measures}}### {{.Title}}\n\n{{range .Measures}}- {{.}}\n{{end}}\n{{end}}",
		"m.tmpl": "---\ntitle: M\nversion: 1.0.0\n---\n# Annex II {#annex-ii numbering=none}\n{{.Clause \"m\"}}\n",
	})
	d := testDeal()
	d.Security.Measures = deal.Measures{IDs: []string{"aes"}}
	d.Security.Extra = []deal.Measure{{Category: "encryption", Text: "Keys in an HSM."}, {Category: "Staff", Text: "Training *yearly*."}}
	doc, err := eng.Assemble(d, "m")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"# [|Annex II|annex-ii] Annex II",
		"### [|Encryption|] Encryption",
		"  • AES-256 at rest.",
		"  • Keys in an HSM.",
		"### [|Staff|] Staff",
		"  • Training *yearly*.",
	}
	if diff := cmp.Diff(want, outline(doc)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestConcurrentAssemble(t *testing.T) {
	eng := testLibrary(t, nil)
	first, err := eng.Assemble(testDeal(), "dpa")
	if err != nil {
		t.Fatal(err)
	}
	want := outline(first)
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			for j := 0; j < 20; j++ {
				doc, err := eng.Assemble(testDeal(), "dpa")
				if err == nil && !cmp.Equal(want, outline(doc)) {
					err = errors.New("concurrent render differs")
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// TestViewCoversDeal guards the view's copy of the deal: every field of
// deal.Deal must have a field of the same name and type in view, or
// templates would lose access to it.
func TestViewCoversDeal(t *testing.T) {
	vt := reflect.TypeFor[view]()
	dt := reflect.TypeFor[deal.Deal]()
	// The negotiated fallbacks and the riders are the engine's to apply,
	// not data for clauses (see render).
	engineOnly := map[string]bool{"Negotiated": true, "Riders": true}
	for i := 0; i < dt.NumField(); i++ {
		f := dt.Field(i)
		if engineOnly[f.Name] {
			continue
		}
		vf, ok := vt.FieldByName(f.Name)
		if !ok || vf.Type != f.Type {
			t.Errorf("view lacks deal field %s %s", f.Name, f.Type)
		}
	}
}

// TestCatalogByLaw checks the by_law wording of a measure: the loader
// accepts it only with a text for each law key (the GDPR, the FADP or
// both, each with or without UK Data Protection Laws), and TextFor picks
// the text for the laws a deal is under, the law-free text for a deal
// under none. The loader knew no UK key, so a UK deal got the GDPR's text;
// nor a key for UK Data Protection Laws alone (a UK-only deal).
func TestCatalogByLaw(t *testing.T) {
	const head = "version: 1.0.0\ncategories:\n  - id: acc\n    title: Accountability\n    measures:\n      - id: rec\n        text: Records.\n"
	const all = "gdpr: G., fadp: F., gdpr+fadp: GF., uk: U., gdpr+uk: GU., uk+fadp: UF., gdpr+uk+fadp: GUF."
	tests := []struct {
		name, byLaw, wantErr string
	}{
		{"all seven", "        by_law: {" + all + "}\n", ""},
		{"UK keys missing", "        by_law: {gdpr: G., fadp: F., gdpr+fadp: GF.}\n", `measure "rec": by_law: "uk" needs a text`},
		{"UK-only key missing", "        by_law: {gdpr: G., fadp: F., gdpr+fadp: GF., gdpr+uk: GU., uk+fadp: UF., gdpr+uk+fadp: GUF.}\n", `measure "rec": by_law: "uk" needs a text`},
		{"blank", "        by_law: {gdpr: G., fadp: F., gdpr+fadp: GF., uk: U., gdpr+uk: GU., uk+fadp: \" \", gdpr+uk+fadp: GUF.}\n", `by_law: "uk+fadp" needs a text`},
		{"unknown key", "        by_law: {" + all + ", eu: E.}\n", `by_law: "eu" is not a law key (want gdpr, fadp, gdpr+fadp, uk, gdpr+uk, uk+fadp, gdpr+uk+fadp)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng, err := tryLoad(t, map[string]string{"measures.yaml": head + tt.byLaw,
				"c.md": "---\nid: c\ntitle: C\nversion: 1.0.0\n---\nText.\n"})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			m := eng.Library().Catalog().Categories[0].Measures[0]
			for _, c := range []struct {
				laws deal.Laws
				want string
			}{
				{deal.Laws{GDPR: true}, "G."},
				{deal.Laws{FADP: true}, "F."},
				{deal.Laws{GDPR: true, FADP: true}, "GF."},
				{deal.Laws{UK: true, UKExporter: true}, "U."},
				{deal.Laws{GDPR: true, UK: true}, "GU."},
				{deal.Laws{UK: true, FADP: true}, "UF."},
				{deal.Laws{GDPR: true, UK: true, FADP: true}, "GUF."},
				{deal.Laws{}, "Records."},
			} {
				if got := m.TextFor(c.laws); got != c.want {
					t.Errorf("TextFor(%+v) = %q, want %q", c.laws, got, c.want)
				}
			}
			var names []string
			for _, v := range m.Variants() {
				names = append(names, v.Laws)
			}
			if got, want := strings.Join(names, "; "), "GDPR; FADP; GDPR and FADP; UK GDPR; GDPR and UK GDPR; UK GDPR and FADP; GDPR, UK GDPR and FADP"; got != want {
				t.Errorf("Variants name the laws %q, want %q", got, want)
			}
		})
	}
}
