package clauses_test

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/fixtures"
	"github.com/dpakit/dpakit/templates"

	// Paces the collector of this test binary (see package testgc).
	_ "github.com/dpakit/dpakit/fixtures/testgc"
)

// gdpr283 are the requirements of Article 28(3) GDPR that every DPA must cover.
var gdpr283 = []string{
	"gdpr-28-3-scope", "gdpr-28-3-a", "gdpr-28-3-b", "gdpr-28-3-c", "gdpr-28-3-d",
	"gdpr-28-3-e", "gdpr-28-3-f", "gdpr-28-3-g", "gdpr-28-3-h", "gdpr-28-3-infringing-instruction",
}

var (
	engOnce sync.Once
	eng     *assemble.Engine
	engErr  error
)

func engine(t testing.TB) *assemble.Engine {
	t.Helper()
	engOnce.Do(func() { eng, engErr = assemble.LoadEngine(clauses.FS, templates.FS) })
	if engErr != nil {
		t.Fatalf("LoadEngine: %v", engErr)
	}
	return eng
}

func profile(t testing.TB) []byte {
	t.Helper()
	b, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// text returns the document as plain text, one block a line, with the
// numbers and markers the reader sees.
func text(doc *document.Document) string {
	var b strings.Builder
	line := func(parts ...string) {
		b.WriteString(strings.TrimSpace(strings.Join(parts, " ")))
		b.WriteByte('\n')
	}
	for _, blk := range doc.Blocks {
		switch x := blk.(type) {
		case *document.Heading:
			line(x.Number, x.Text)
		case *document.Paragraph:
			line(x.Marker, document.PlainText(x.Runs))
		case *document.Table:
			var cells []string
			for _, c := range x.Header {
				cells = append(cells, document.PlainText(c.Runs))
			}
			line(strings.Join(cells, " | "))
			for _, r := range x.Rows {
				cells = cells[:0]
				for _, c := range r {
					cells = append(cells, document.PlainText(c.Runs))
				}
				line(strings.Join(cells, " | "))
			}
		case *document.TitleBlock:
			line(x.Title)
			line(x.Subtitle)
			for _, l := range x.Lines {
				line(document.PlainText(l))
			}
		case *document.SignatureBlock:
			line(document.PlainText(x.Intro))
			for _, p := range x.Parties {
				line(p.Role, p.Party, p.Name, p.Title)
			}
		}
	}
	return b.String()
}

// combo is one set of deal options.
type combo struct {
	modules  []int
	option9  string // specific | general | "" (no Clause 9)
	option17 int
	uk       bool
	swiss    bool
	ccpa     bool
	docking  bool
	redress  bool
}

// processor reports whether the combination's customer acts as processor
// (module 3 without module 2).
func (c combo) processor() bool { return c.has(3) && !c.has(2) }

// eeaProvider reports whether the combination places the provider in the
// EEA (no restricted transfer): a quarter of the combinations, each module
// set included.
func (c combo) eeaProvider() bool { return c.docking && c.redress }

// namedController reports whether a processor customer's deal describes
// its controller (customer.controller).
func (c combo) namedController() bool { return c.processor() && c.uk }

func (c combo) has(m int) bool {
	for _, x := range c.modules {
		if x == m {
			return true
		}
	}
	return false
}

func (c combo) clause9() bool  { return c.has(2) || c.has(3) }
func (c combo) clause13() bool { return c.has(1) || c.has(2) || c.has(3) }

func (c combo) String() string {
	return fmt.Sprintf("m%v/c9=%s/c17=%d/uk=%t/ch=%t/ccpa=%t/dock=%t/redress=%t",
		c.modules, c.option9, c.option17, c.uk, c.swiss, c.ccpa, c.docking, c.redress)
}

// yaml writes the deal for the combination, laid over the example profile.
// The notice and objection periods are unusual numbers, so their wording
// can be found in the text.
func (c combo) yaml() string {
	role := "controller"
	if c.has(3) && !c.has(2) {
		role = "processor"
	}
	law, forum := "NL", "FR"
	controller := ""
	if c.eeaProvider() {
		controller += "provider: { name: Kestrel Cloud Ireland Limited, address: \"1 Grand Canal Square, Dublin 2\", country: IE }\n"
	}
	customerController := ""
	if c.namedController() {
		customerController = "\n  controller: the companies of the Müller group that use Customer's logistics platform"
	}
	if c.has(1) {
		controller += `controller_transfer:
  data_subjects: [Customer's account administrators]
  data_categories: [Name, Business email address]
  frequency: continuous
  nature: Storage of business contact details in Provider's customer-relationship system
  purposes: [Managing Provider's contractual relationship with Customer]
  retention: For the term of the Agreement
`
	}
	mods := make([]string, len(c.modules))
	for i, m := range c.modules {
		mods[i] = fmt.Sprint(m)
	}
	return fmt.Sprintf(`effective_date: 2026-12-01
agreement: Master Subscription Agreement dated 1 March 2026
customer:
  name: Müller Logistik GmbH
  address: Hafenstraße 12, 20457 Hamburg
  country: DE
  role: %s%s
  contact: { name: Jana Müller, email: privacy@mueller-logistik.example }
  signatory: { name: Jana Müller, title: Managing Director }
scc:
  modules: [%s]
  docking_clause: %t
  subprocessor_option: "%s"
  subprocessor_notice_days: 27
  redress_body: %t
  governing_law: %s
  governing_law_option: %d
  forum: %s
uk_addendum: { enabled: %t }
swiss: { enabled: %t }
ccpa: { enabled: %t }
breach: { notice_hours: 36 }
subprocessors: { objection_days: 13 }
audit: { frequency_months: 18, notice_days: 21 }
%s`, role, customerController, strings.Join(mods, ", "), c.docking, c.option9, c.redress, law, c.option17, forum, c.uk, c.swiss, c.ccpa, controller)
}

func combos() []combo {
	var out []combo
	for _, mods := range [][]int{{2}, {3}, {2, 3}, {1, 2}, {1, 2, 3}} {
		c := combo{modules: mods}
		opts9 := []string{""}
		if c.clause9() {
			opts9 = []string{"specific", "general"}
		}
		opts17 := []int{1, 2}
		for _, o9 := range opts9 {
			for _, o17 := range opts17 {
				for bits := 0; bits < 32; bits++ {
					out = append(out, combo{
						modules: mods, option9: o9, option17: o17,
						uk: bits&1 != 0, swiss: bits&2 != 0, ccpa: bits&4 != 0,
						docking: bits&8 != 0, redress: bits&16 != 0,
					})
				}
			}
		}
	}
	return out
}

// wording is a phrase whose presence in the DPA must match a selection.
type wording struct {
	name   string
	phrase string
	want   func(c combo) bool
}

var wordings = []wording{
	// Counsel's reading (issue 14): each role and option says what it must, and only then.
	{"no restricted transfer", "is therefore not a Restricted Transfer", func(c combo) bool { return c.eeaProvider() }},
	{"Controller described", "“Controller” means the companies of the Müller group", func(c combo) bool { return c.namedController() }},
	{"Controller generic", "“Controller” means each controller on whose behalf", func(c combo) bool { return c.processor() && !c.namedController() }},
	{"Controller for mixed roles", "“Controller” means each controller, other than Customer, on whose behalf", func(c combo) bool { return !c.processor() && c.has(3) }},
	{"controller duties stay with the Controller", "The Controller remains responsible for the obligations", func(c combo) bool { return c.processor() }},
	{"controller customer's own duties", "for the lawfulness of the processing it instructs", func(c combo) bool { return !c.processor() }},
	{"controller customer's own duties, scoped in mixed roles", "is responsible, for Customer Personal Data of which it is the controller, for the lawfulness", func(c combo) bool { return !c.processor() && c.has(3) }},
	{"Controller's instructions", "The instructions are those of the Controller, as Customer communicates them", func(c combo) bool { return c.processor() }},
	{"Controller's authorisation", "The Controller has given, through Customer, its", func(c combo) bool { return c.processor() }},
	{"Controller objects", "The Controller may object", func(c combo) bool { return c.processor() && c.option9 == "general" }},
	{"Customer objects", "Customer may object", func(c combo) bool { return !c.processor() && c.option9 == "general" }},
	{"Option 1 silence is no authorisation", "the authorisation has not been given", func(c combo) bool { return c.option9 == "specific" }},
	{"Option 1 engagement confirmed", "it shall confirm the engagement (or the move or wider processing) to Customer in writing", func(c combo) bool { return c.option9 == "specific" }},
	{"Option 1 reasonable grounds only for a controller", "shall not refuse it without reasonable grounds", func(c combo) bool { return c.option9 == "specific" && !c.processor() && !c.has(3) }},
	{"Option 1 reasonable grounds, mixed roles: Customer's own data alone", "so far as it concerns Customer Personal Data of which Customer is the controller, without reasonable grounds", func(c combo) bool { return c.option9 == "specific" && !c.processor() && c.has(3) }},
	{"breach notice to the Controller", "Provider shall also notify the Controller directly", func(c combo) bool { return c.processor() }},
	{"redress body designated", "Provider shall designate that body", func(c combo) bool { return c.redress }},
	{"no sole point of contact", "sole point of contact", func(c combo) bool { return false }},
	{"no Not stated", "Not stated", func(c combo) bool { return false }},
	{"Clause 7 docking included", "The optional docking clause in Clause 7 applies", func(c combo) bool { return c.docking }},
	{"Clause 7 docking omitted", "The optional docking clause in Clause 7 does not apply", func(c combo) bool { return !c.docking }},
	{"Clause 9 Option 1", "Option 1 (specific prior authorisation) applies", func(c combo) bool { return c.option9 == "specific" }},
	{"Clause 9 Option 2", "Option 2 (general written authorisation) applies", func(c combo) bool { return c.option9 == "general" }},
	{"Clause 9 not applicable", "| Not applicable (Module", func(c combo) bool { return !c.clause9() }},
	{"Clause 9 period, Option 1", "requests submitted at least twenty-seven (27) days in advance", func(c combo) bool { return c.option9 == "specific" }},
	{"Clause 9 period, Option 2", "changes notified at least twenty-seven (27) days in advance", func(c combo) bool { return c.option9 == "general" }},
	{"sub-processor notice", "at least twenty-seven (27) days", func(c combo) bool { return true }},
	{"Annex III", "Annex III completes Annex III of the Appendix", func(c combo) bool { return c.clause9() }},
	{"objection window", "thirteen (13) days", func(c combo) bool { return true }},
	{"Clause 11 redress applies", "The optional provision in Clause 11(a) applies", func(c combo) bool { return c.redress }},
	{"Clause 11 redress omitted", "The optional provision in Clause 11(a) does not apply", func(c combo) bool { return !c.redress }},
	{"Clause 13 / Annex I.C", "Annex I.C", func(c combo) bool { return c.clause13() }},
	{"Clause 17 Option 1", "Option 1 applies", func(c combo) bool { return c.option17 == 1 || c.has(1) }},
	{"Clause 17 Option 1 law", "Option 1 applies: the Standard Contractual Clauses are governed by the law of the Netherlands", func(c combo) bool { return c.option17 == 1 || c.has(1) }},
	{"Clause 17 Option 2", "Option 2 applies: the Standard Contractual Clauses are governed by the law of the EU Member State in which Customer is established", func(c combo) bool { return c.option17 == 2 && !c.has(1) }},
	{"Clause 17 Option 2 beside Module One", "the Standard Contractual Clauses are governed by the law of the EU Member State in which Customer is established; where that law does not allow for third-party beneficiary rights, they are governed by the law of the Netherlands. For Module One, which has no such option, Option 1 applies", func(c combo) bool { return c.option17 == 2 && c.has(1) }},
	{"Clause 17 Option 2 fallback", "they are governed by the law of the Netherlands", func(c combo) bool { return c.option17 == 2 }},
	{"Clause 18 forum", "resolved by the courts of France", func(c combo) bool { return c.clause13() }},
	{"Clause 18 habitual residence", "Member State in which the Data Subject has their habitual residence", func(c combo) bool { return c.clause13() }},
	{"Module Two", "Module Two (controller to processor) applies", func(c combo) bool { return c.has(2) }},
	{"Module Three", "Module Three (processor to processor) applies", func(c combo) bool { return c.has(3) }},
	{"Module One", "Module One (controller to controller) applies", func(c combo) bool { return c.has(1) }},
	{"Module Four never", "Module Four", func(c combo) bool { return false }},
	{"Module One data", "Provider Controller Data", func(c combo) bool { return c.has(1) }},
	{"Annex I.B Part 2", "Part 2: Provider Controller Data (Module One)", func(c combo) bool { return c.has(1) }},
	{"FDPIC", "FDPIC", func(c combo) bool { return c.swiss }},
	{"Swiss FADP", "Federal Act on Data Protection of 25 September 2020", func(c combo) bool { return c.swiss }},
	{"CCPA", "CCPA", func(c combo) bool { return c.ccpa }},
	{"CCPA audit every 12 months", "at least once in every twelve (12) months", func(c combo) bool { return c.ccpa }},
	{"UK Addendum", "UK Addendum", func(c combo) bool { return c.uk }},
	{"UK Table 4", "Which parties may end the UK Addendum as set out in its Section 19: neither party.", func(c combo) bool { return c.uk }},
	{"breach hours", "within thirty-six (36) hours", func(c combo) bool { return true }},
	{"audit frequency", "once in any period of eighteen (18) months", func(c combo) bool { return true }},
	{"audit notice", "at least twenty-one (21) days in advance", func(c combo) bool { return true }},
	{"supervisory authority", "the Hamburg Commissioner for Data Protection and Freedom of Information (HmbBfDI)", func(c combo) bool { return c.clause13() }},
}

// sloppy returns up to n typographical faults that template conditions
// tend to leave in txt, in order: "<no value>", "{{", "}}", two spaces,
// white space before , . ; or :, white space inside parentheses, ",,", two
// full stops (not an ellipsis), ";.", and "the the" or "a a" as
// words. It is a plain scan: one pass, no regular expression.
func sloppy(txt string, n int) []string {
	var found []string
	for i := 0; i < len(txt) && len(found) < n; i++ {
		if m := sloppyAt(txt, i); m != "" {
			found = append(found, m)
			i += len(m) - 1
		}
	}
	return found
}

// sloppyAt returns the fault that starts at txt[i], or "". It switches
// on the byte, since it is called for every byte of every DPA of every
// combination.
func sloppyAt(txt string, i int) string {
	rest := txt[i:]
	next := byte(0)
	if len(rest) > 1 {
		next = rest[1]
	}
	switch c := txt[i]; c {
	case '<':
		if strings.HasPrefix(rest, "<no value>") {
			return "<no value>"
		}
	case '{', '}', ',':
		if next == c {
			return rest[:2]
		}
	case ';':
		if next == '.' {
			return rest[:2]
		}
	case ' ', '\t', '\n', '\r', '\f':
		if next == ' ' && c == ' ' || next != 0 && strings.IndexByte(",.;:)", next) >= 0 {
			return rest[:2]
		}
	case '(':
		if isSpace(next) {
			return rest[:2]
		}
	case '.':
		if next == '.' && (i == 0 || txt[i-1] != '.') && (len(rest) == 2 || rest[2] != '.') {
			return rest[:min(3, len(rest))]
		}
	case 't', 'a':
		if i > 0 && isWord(txt[i-1]) {
			return ""
		}
		for _, w := range []string{"the the", "a a"} {
			if strings.HasPrefix(rest, w) && (len(rest) == len(w) || !isWord(rest[len(w)])) {
				return w
			}
		}
	}
	return ""
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// TestSloppy checks the scan for typographical faults on each of them and
// on clean text.
func TestSloppy(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"A clean sentence (with words), and an ellipsis... The end.", nil},
		{"<no value> and {{x}}", []string{"<no value>", "{{", "}}"}},
		{"two  spaces", []string{"  "}},
		{"space , comma; space . stop", []string{" ,", " ."}},
		{"( inside ) and x,, and x;. end..", []string{"( ", " )", ",,", ";.", ".."}},
		{"two.. stops", []string{".. "}},
		{"the the end, a a word; bathe the; a about", []string{"the the", "a a"}},
	} {
		if got := sloppy(tc.in, 10); !slices.Equal(got, tc.want) {
			t.Errorf("sloppy(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCombinations(t *testing.T) {
	e := engine(t)
	prof := profile(t)
	for _, c := range combos() {
		t.Run(c.String(), func(t *testing.T) {
			t.Parallel()
			d, err := deal.Load([]byte(c.yaml()), "deal.yaml", prof, fixtures.Profile)
			if err != nil {
				t.Fatalf("deal.Load: %v", err)
			}
			doc, err := e.Assemble(d, "dpa")
			if err != nil {
				t.Fatalf("Assemble: %v", err)
			}
			txt := text(doc)
			for _, w := range wordings {
				if got, want := strings.Contains(txt, w.phrase), w.want(c); got != want {
					t.Errorf("%s: contains %q = %t, want %t", w.name, w.phrase, got, want)
				}
			}
			if m := sloppy(txt, 5); m != nil {
				for _, s := range m {
					i := strings.Index(txt, s)
					t.Errorf("sloppy text %q in …%s…", s, txt[max(0, i-60):min(len(txt), i+60)])
				}
			}
			if missing := e.Library().Uncovered(doc, gdpr283); len(missing) > 0 {
				t.Errorf("DPA does not cover %v", missing)
			}
			kinds := []string{"annex-i", "annex-ii"}
			if c.clause9() {
				kinds = append(kinds, "annex-iii")
			}
			for _, k := range kinds {
				if _, err := e.Assemble(d, k); err != nil {
					t.Errorf("Assemble %s: %v", k, err)
				}
			}
		})
	}
}

// TestFixtures assembles every document of every example deal.
func TestFixtures(t *testing.T) {
	e := engine(t)
	prof := profile(t)
	names, err := fs.Glob(fixtures.FS, "deals/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			src, err := fs.ReadFile(fixtures.FS, name)
			if err != nil {
				t.Fatal(err)
			}
			d, err := deal.Load(src, name, prof, fixtures.Profile)
			if err != nil {
				t.Fatalf("deal.Load: %v", err)
			}
			var dpaDoc *document.Document
			for _, k := range []string{"dpa", "annex-i", "annex-ii", "annex-iii"} {
				if k == "annex-iii" && !d.SCC.HasModule(2) && !d.SCC.HasModule(3) {
					continue
				}
				doc, err := e.Assemble(d, k)
				if err != nil {
					t.Fatalf("Assemble %s: %v", k, err)
				}
				if k == "dpa" {
					dpaDoc = doc
				}
				txt := text(doc)
				for _, m := range sloppy(txt, 1) {
					i := strings.Index(txt, m)
					t.Errorf("%s: sloppy text %q in …%s…", k, m, txt[max(0, i-60):min(len(txt), i+len(m)+60)])
				}
			}
			if missing := e.Library().Uncovered(dpaDoc, gdpr283); len(missing) > 0 {
				t.Errorf("DPA does not cover %v", missing)
			}
		})
	}
}

// TestDefinedTermsUsed checks that every term the definitions clause
// defines is used elsewhere in the DPA, for a deal with every option on.
func TestDefinedTermsUsed(t *testing.T) {
	e := engine(t)
	src, err := fs.ReadFile(fixtures.FS, "deals/seed-001.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := deal.Load(src, "seed-001.yaml", profile(t), fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := e.Assemble(d, "dpa")
	if err != nil {
		t.Fatal(err)
	}
	txt := text(doc)
	def := regexp.MustCompile(`“([^”]+)” means`)
	defs := def.FindAllStringSubmatch(txt, -1)
	if len(defs) < 15 {
		t.Fatalf("found only %d definitions", len(defs))
	}
	for _, m := range defs {
		term := m[1]
		// Count uses outside the definition itself.
		uses := strings.Count(txt, term) - strings.Count(txt, "“"+term+"”")
		if uses < 1 {
			t.Errorf("“%s” is defined but never used", term)
		}
	}
}

// TestSelectedMeasures checks that a deal listing measure ids gets exactly
// those measures in Annex II, with its extra measures.
func TestSelectedMeasures(t *testing.T) {
	e := engine(t)
	src, err := fs.ReadFile(fixtures.FS, "deals/seed-004.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := deal.Load(src, "seed-004.yaml", profile(t), fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := e.Assemble(d, "annex-ii")
	if err != nil {
		t.Fatal(err)
	}
	txt := text(doc)
	cat := e.Library().Catalog()
	selected := map[string]bool{}
	for _, id := range d.Security.Measures.IDs {
		selected[id] = true
	}
	for _, c := range cat.Categories {
		for _, m := range c.Measures {
			// seed-004 is under the GDPR alone.
			if got := strings.Contains(txt, m.TextFor(deal.Laws{GDPR: true})); got != selected[m.ID] {
				t.Errorf("measure %s in Annex II = %t, want %t", m.ID, got, selected[m.ID])
			}
		}
	}
	// A value prints its apostrophes as typographic ones ("customer’s").
	straight := strings.ReplaceAll(txt, "’", "'")
	for _, x := range d.Security.Extra {
		if !strings.Contains(straight, x.Text) {
			t.Errorf("extra measure %q missing", x.Text)
		}
	}
}

// TestCatalogue checks the size and style of the Annex II catalogue.
func TestCatalogue(t *testing.T) {
	cat := engine(t).Library().Catalog()
	if len(cat.Categories) < 12 {
		t.Errorf("%d categories, want at least 12", len(cat.Categories))
	}
	n := 0
	for _, c := range cat.Categories {
		for _, m := range c.Measures {
			n++
			texts := []string{m.Text}
			for _, v := range m.Variants() {
				texts = append(texts, v.Text)
			}
			for _, tx := range texts {
				if !strings.HasSuffix(tx, ".") {
					t.Errorf("measure %s: text %q does not end with a full stop", m.ID, tx)
				}
				if strings.ContainsAny(tx, "\"'") {
					t.Errorf("measure %s: use typographic quotes and apostrophes in %q", m.ID, tx)
				}
			}
		}
	}
	if n < 40 {
		t.Errorf("%d measures, want at least 40", n)
	}
}
