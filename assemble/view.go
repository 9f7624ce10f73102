package assemble

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/Masterminds/sprig/v3"
	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/wording"
)

// Cross-references travel through Markdown as private-use runes around the
// target id; the deal validator rejects these runes in user text, and the
// escaper drops them, so user text can never forge one.
const (
	refOpen  = '\uE000'
	refClose = '\uE001'
	refElse  = '\uE002'
	// partMark surrounds the index of a clause's Markdown in render.parts:
	// the template's Markdown holds one such token per clause, alone in its
	// paragraph, and each clause's Markdown is parsed (and cached) apart.
	partMark = '\uE003'
)

// funcMap is the template function map: sprig's hermetic functions (no
// clock, no environment, no randomness) and dpakit's legal wording.
func funcMap() template.FuncMap {
	fm := sprig.HermeticTxtFuncMap()
	// Functions whose output is not predictable from the deal alone.
	for _, name := range []string{"env", "expandenv", "now", "date", "dateInZone", "date_in_zone", "randAlpha", "randAlphaNum", "randAscii", "randNumeric", "randBytes", "uuidv4", "genPrivateKey", "genCA", "genSelfSignedCert", "genSignedCert", "getHostByName"} {
		delete(fm, name)
	}
	fm["words"] = wording.Words
	fm["spell"] = wording.Spell
	fm["count"] = wording.Count
	fm["date"] = wording.Date
	fm["join"] = wording.Join
	fm["joinOr"] = wording.JoinOr
	fm["module"] = wording.Module
	fm["moduleShort"] = wording.ModuleShort
	fm["modules"] = wording.Modules
	fm["mechanism"] = wording.Mechanism
	fm["country"] = func(code string) (string, error) {
		if n := country.WithArticle(code); n != "" {
			return mdEscape(n), nil
		}
		return "", fmt.Errorf("country: unknown country code %q", code)
	}
	fm["countryName"] = func(code string) (string, error) {
		if n := country.Name(code); n != "" {
			return mdEscape(n), nil
		}
		return "", fmt.Errorf("countryName: unknown country code %q", code)
	}
	// place prints a location with its country's name, unless the location
	// names the country already: "eu-west-1 (Ireland)", "United States".
	fm["place"] = func(location, code string) (string, error) {
		n := country.Name(code)
		if n == "" {
			return "", fmt.Errorf("place: unknown country code %q", code)
		}
		n = mdEscape(n)
		if strings.Contains(location, n) {
			return location, nil
		}
		return location + " (" + n + ")", nil
	}
	fm["isEU"] = country.IsEU
	fm["isEEA"] = country.IsEEA
	return fm
}

// view is the data every clause and template is executed with: the deal's
// fields, with every free-text string escaped for Markdown, and the methods
// that pull in clauses, make cross-references and compute derived facts.
//
// The deal's fields are copied rather than embedded: text/template finds a
// field of an embedded struct only by a breadth-first search on every
// access, which cost an eighth of a render.
type view struct {
	Reference     string
	EffectiveDate deal.Date
	Agreement     string
	Language      string
	Customer      deal.Customer
	Provider      deal.Provider
	SCC           deal.SCC
	UKAddendum    deal.UKAddendum
	Swiss         deal.Toggle
	CCPA          deal.Toggle
	Breach        deal.Breach
	Subprocessors deal.Subprocessors
	Processing    deal.Processing
	Security      deal.Security
	Audit         deal.Audit

	// Notice is the sub-processor change being notified; nil for every
	// document but the notice.
	Notice *noticeView
	r      *render
}

// newView returns the view of d for one render.
func newView(d *deal.Deal, notice *noticeView, r *render) *view {
	e := escapeDeal(d)
	return &view{
		Reference: e.Reference, EffectiveDate: e.EffectiveDate, Agreement: e.Agreement, Language: e.Language,
		Customer: e.Customer, Provider: e.Provider, SCC: e.SCC, UKAddendum: e.UKAddendum,
		Swiss: e.Swiss, CCPA: e.CCPA, Breach: e.Breach, Subprocessors: e.Subprocessors,
		Processing: e.Processing, Security: e.Security, Audit: e.Audit,
		Notice: notice, r: r,
	}
}

// render is the state of one Assemble call.
type render struct {
	lib   *Library
	used  []*Clause
	seen  map[string]bool
	depth int
	// parts holds each included clause's Markdown; the template's output
	// refers to them by index.
	parts []part
}

// part is the Markdown one clause produced in one render.
type part struct {
	clause *Clause
	md     string
}

// Clause renders the clause with the given id for the deal, records its
// Markdown in the render's parts and returns a token standing for it in
// its own paragraph; it returns "" when the clause's when condition does
// not hold for the deal.
func (v *view) Clause(id string) (string, error) {
	c, ok := v.r.lib.clauses[id]
	if !ok {
		return "", fmt.Errorf("no clause with id %q in the library", id)
	}
	if c.when != nil {
		var b strings.Builder
		if err := c.when.Execute(&b, v); err != nil {
			return "", fmt.Errorf("%s: when: %w", c.FileName(), err)
		}
		if b.Len() == 0 {
			return "", nil
		}
	}
	if v.r.depth > 8 {
		return "", fmt.Errorf("%s: clauses include each other too deeply", c.FileName())
	}
	v.r.depth++
	var b strings.Builder
	b.Grow(len(c.Source) + len(c.Source)/4)
	b.WriteString("\n\n")
	err := c.body.Execute(&b, v)
	v.r.depth--
	if err != nil {
		return "", err
	}
	b.WriteString("\n\n")
	if !v.r.seen[id] {
		v.r.seen[id] = true
		v.r.used = append(v.r.used, c)
	}
	v.r.parts = append(v.r.parts, part{clause: c, md: b.String()})
	return "\n\n" + string(partMark) + strconv.Itoa(len(v.r.parts)-1) + string(partMark) + "\n\n", nil
}

// Ref returns a cross-reference to the heading with the given id; it is
// resolved to that heading's label ("Clause 8", "Annex II") once the whole
// document is numbered.
func (v *view) Ref(id string) string {
	return string(refOpen) + id + string(refClose)
}

// RefOr is Ref for a heading that may be absent from the document (a
// standalone annex has no body clauses): then the fallback text is printed
// instead.
func (v *view) RefOr(id, fallback string) string {
	return string(refOpen) + id + string(refElse) + fallback + string(refClose)
}

// HasModule reports whether SCC module m is selected.
func (v *view) HasModule(m int) bool { return v.SCC.HasModule(m) }

// Clause9 reports whether Clause 9 (and so a sub-processor option) applies:
// module 2 or 3 is selected.
func (v *view) Clause9() bool { return v.HasModule(2) || v.HasModule(3) }

// Clause13 reports whether Clause 13 and Annex I.C apply: any of modules 1-3.
func (v *view) Clause13() bool { return v.HasModule(1) || v.HasModule(2) || v.HasModule(3) }

// OnlyModule4 reports whether module 4 is the only module selected.
func (v *view) OnlyModule4() bool { return len(v.SCC.Modules) == 1 && v.HasModule(4) }

// Specific reports whether Clause 9 Option 1 (specific prior authorisation)
// is selected.
func (v *view) Specific() bool {
	return v.Clause9() && v.SCC.SubprocessorOption == deal.SpecificAuthorisation
}

// General reports whether Clause 9 Option 2 (general written authorisation)
// is selected.
func (v *view) General() bool {
	return v.Clause9() && v.SCC.SubprocessorOption == deal.GeneralAuthorisation
}

// MeasureGroup is one category of Annex II with its selected measures.
type MeasureGroup struct {
	ID       string
	Title    string
	Measures []string
}

// Measures returns the Annex II measures selected by the deal, grouped by
// catalogue category in catalogue order, with the deal's extra measures
// added to the category of the same title or, failing that, in categories
// of their own after the catalogue's.
func (v *view) Measures() []MeasureGroup {
	cat := v.r.lib.catalog
	selected := map[string]bool{}
	for _, id := range v.Security.Measures.IDs {
		selected[id] = true
	}
	groups := make([]MeasureGroup, 0, len(cat.Categories)+len(v.Security.Extra))
	index := map[string]int{}
	for _, c := range cat.Categories {
		g := MeasureGroup{ID: c.ID, Title: c.Title}
		for _, m := range c.Measures {
			if v.Security.Measures.All || selected[m.ID] {
				g.Measures = append(g.Measures, m.Text)
			}
		}
		index[strings.ToLower(mdEscape(c.Title))] = len(groups)
		groups = append(groups, g)
	}
	for _, x := range v.Security.Extra {
		key := strings.ToLower(x.Category)
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, MeasureGroup{Title: x.Category})
		}
		groups[i].Measures = append(groups[i].Measures, x.Text)
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g.Measures) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// anchorFirstHeading gives a clause that opens with a clause heading (##),
// after any lines of template actions only, the clause id as that heading's
// anchor, unless the author gave it one. It runs once, on the clause source,
// when the library loads.
func anchorFirstHeading(md, id string) string {
	i := 0
	for i < len(md) {
		end := strings.IndexByte(md[i:], '\n')
		if end < 0 {
			end = len(md) - i
		}
		line := strings.TrimSpace(md[i : i+end])
		switch {
		case line == "" || isActionLine(line):
			i += end + 1
			continue
		case !strings.HasPrefix(line, "## ") || strings.Contains(line, "{#"):
			return md
		}
		return md[:i+end] + " {#" + id + "}" + md[i+end:]
	}
	return md
}

// isActionLine reports whether a line holds only template actions, such as
// a comment or a variable assignment written before the clause heading.
func isActionLine(line string) bool {
	return strings.HasPrefix(line, "{{") && strings.HasSuffix(line, "}}")
}

// mdEscape makes s literal Markdown text: every ASCII punctuation character
// is backslash-escaped, line breaks and tabs become spaces, and the
// cross-reference runes are dropped.
func mdEscape(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && (isPunct(c) || c < ' ') {
			n++
		}
	}
	if n == 0 && !strings.ContainsAny(s, string([]rune{refOpen, refClose, refElse, partMark})) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + n)
	for _, r := range s {
		switch {
		case r == refOpen || r == refClose || r == refElse || r == partMark:
		case r < ' ' || r == 0x7f:
			b.WriteByte(' ')
		case r < utf8.RuneSelf && isPunct(byte(r)):
			b.WriteByte('\\')
			b.WriteByte(byte(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

var (
	dateType     = reflect.TypeFor[deal.Date]()
	measuresType = reflect.TypeFor[deal.Measures]()
)

// escapeDeal returns a copy of d whose free-text strings are escaped for
// Markdown. Fields validated to a closed set (enumerations, country codes,
// references) are copied as they are so templates can compare them.
func escapeDeal(d *deal.Deal) deal.Deal {
	var out deal.Deal
	escapeValue(reflect.ValueOf(&out).Elem(), reflect.ValueOf(d).Elem())
	return out
}

func escapeValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.String:
		dst.SetString(mdEscape(src.String()))
	case reflect.Struct:
		// Dates and measure ids (validated to [a-z0-9-]) are not free text.
		if src.Type() == dateType || src.Type() == measuresType {
			dst.Set(src)
			return
		}
		t := src.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if closedSet(f.Tag.Get("validate")) {
				dst.Field(i).Set(src.Field(i))
				continue
			}
			escapeValue(dst.Field(i), src.Field(i))
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			escapeValue(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		escapeValue(p.Elem(), src.Elem())
		dst.Set(p)
	default:
		dst.Set(src)
	}
}

// closedSet reports whether a validate tag restricts a string to values that
// need no escaping.
func closedSet(tag string) bool {
	return strings.Contains(tag, "oneof=") || strings.Contains(tag, "country") || strings.Contains(tag, "docref")
}
