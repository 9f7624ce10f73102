package assemble

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/dpakit/dpakit/assemble/deal"
)

// Field is one value of the deal a clause can print or test, for clause
// authors: `dpakit clauses fields` lists them.
type Field struct {
	// Template is how a clause writes it: ".Customer.Name". A field of a
	// list element is written inside {{range}}: ".Subprocessors.List[].Name"
	// is {{range .Subprocessors.List}}{{.Name}}{{end}}.
	Template string
	// Path is the deal file's key: "customer.name".
	Path string
	// Type is the value's type as docs/deal-format.md names it.
	Type string
	// Meaning is what the field means for the DPA (docs/deal-format.md).
	Meaning string
	// Example is the field's value in the example deal, "" when it has none.
	Example string
	// Within is set for the fields of an optional mapping: a clause
	// prints them inside {{with .Customer.DPO}} ... {{end}}.
	Within string
}

// Fields returns every field of the deal a clause can use, in the order of
// the deal file, each with its value in example (a defaulted deal; nil for
// no examples).
func Fields(example *deal.Deal) []Field {
	var out []Field
	var ex reflect.Value
	if example != nil {
		ex = reflect.ValueOf(example).Elem()
	}
	walkFields(reflect.TypeFor[deal.Deal](), ex, "", "", "", &out)
	return out
}

// inView reports whether a top-level deal field is template data: the
// negotiated fallbacks and riders are the engine's, not the clauses'.
func inView(name string) bool {
	_, ok := reflect.TypeFor[view]().FieldByName(name)
	return ok
}

var (
	fieldDateType     = reflect.TypeFor[deal.Date]()
	fieldMeasuresType = reflect.TypeFor[deal.Measures]()
)

func walkFields(t reflect.Type, v reflect.Value, tmpl, path, within string, out *[]Field) {
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !sf.IsExported() || (path == "" && !inView(sf.Name)) {
			continue
		}
		ft := sf.Type
		fv := structField(v, i)
		optional := ft.Kind() == reflect.Pointer
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
			if fv.IsValid() {
				fv = derefOrInvalid(fv)
			}
		}
		p := joinKey(path, name)
		f := Field{Template: tmpl + "." + sf.Name, Path: p, Type: deal.TypeName(ft), Meaning: deal.FieldMeaning(p), Within: within}
		switch {
		case ft.Kind() == reflect.Struct && ft != fieldDateType && ft != fieldMeasuresType:
			*out = append(*out, f)
			inner := within
			if optional {
				inner = f.Template
			}
			walkFields(ft, fv, f.Template, p, inner, out)
			continue
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && ft.Elem() != fieldDateType:
			f.Example = listExample(fv)
			*out = append(*out, f)
			var first reflect.Value
			if fv.IsValid() && fv.Len() > 0 {
				first = fv.Index(0)
			}
			walkFields(ft.Elem(), first, f.Template+"[]", p+"[]", within, out)
			continue
		}
		f.Example = example(fv)
		*out = append(*out, f)
	}
}

func structField(v reflect.Value, i int) reflect.Value {
	if !v.IsValid() {
		return reflect.Value{}
	}
	return v.Field(i)
}

func derefOrInvalid(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return reflect.Value{}
		}
		return v.Elem()
	}
	return v
}

func joinKey(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// example formats a value of the example deal for a one-line listing.
func example(v reflect.Value) string {
	if !v.IsValid() {
		return ""
	}
	switch x := v.Interface().(type) {
	case deal.Date:
		return x.String()
	case deal.Measures:
		if x.All {
			return "all"
		}
		return strings.Join(x.IDs, ", ")
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range v.Len() {
			parts[i] = fmt.Sprint(v.Index(i).Interface())
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case reflect.Map:
		keys := v.MapKeys()
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprintf("%v: %v", k.Interface(), v.MapIndex(k).Interface())
		}
		sort.Strings(parts)
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v.Interface())
}

func listExample(v reflect.Value) string {
	if !v.IsValid() {
		return ""
	}
	if v.Len() == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", v.Len())
}

// Condition is a named question about the deal that clauses test with
// {{if}}, or a method they call, computed once per render.
type Condition struct {
	// Template is how a clause writes it: ".ProcessorCustomer",
	// `.HasModule 2`, `.Clause "breach"`.
	Template string
	Meaning  string
	// Example is what it prints for the example deal, "" for the methods
	// that take an argument.
	Example string
}

// conditionDocs documents every named condition and method of the template
// data; TestConditionsDocumented keeps it complete.
func conditionDocs() []Condition {
	return []Condition{
		{Template: ".ProcessorCustomer", Meaning: "the customer acts as processor for third-party controllers (customer.role: processor); write that branch from its perspective (Module Three)"},
		{Template: ".MixedRoles", Meaning: "a controller customer that may also act as processor for others (modules 2 and 3 together)"},
		{Template: ".RestrictedTransfer", Meaning: "sending the data to the provider is a restricted transfer (provider outside the EEA and not in an adequate country); when false the SCCs apply only if one arises"},
		{Template: ".EU", Meaning: "EU, UK or Swiss data protection law applies to the deal (false only with gdpr.applies: false, which has no SCC section, Schedule 1 or Annex I.C)"},
		{Template: ".PersonalData", Meaning: `the law's term for personal data in running text: "personal data", or "personal information" (the CCPA's term) in a deal without an EEA, UK or Swiss nexus (.EU false)`},
		{Template: ".SwissExporter", Meaning: "the customer (data exporter) is established in Switzerland"},
		{Template: ".UKExporter", Meaning: "the customer is established in the United Kingdom and the GDPR governs its processing too (its Article 3(2)): each of its transfers is governed by both laws, the SCCs serving the GDPR as they stand and UK Data Protection Laws as the UK Addendum amends them"},
		{Template: ".ThirdCountryExporter", Meaning: "the customer is established outside the EEA, Switzerland and the United Kingdom and the GDPR governs its processing (its Article 3(2)): it exports from its own country"},
		{Template: ".ExporterCountry", Meaning: `the customer's country for running text: "the United States"`},
		{Template: ".FADPOnly", Meaning: "a Swiss exporter for which no GDPR supervisory authority is named: its transfers are governed by the FADP alone"},
		{Template: ".UKOnly", Meaning: "a UK exporter with the UK Addendum for which no EU supervisory authority is named: its transfers are governed by UK Data Protection Laws alone, the SCCs as the UK Addendum amends them"},
		{Template: ".GDPRName", Meaning: "the GDPR a clause cites: \"the UK GDPR\" for a UK exporter under UK Data Protection Laws alone (.UKOnly), else \"the GDPR\""},
		{Template: ".GDPRApplies", Meaning: "the EU GDPR applies to the processing: .EU, except for a Swiss exporter under the FADP alone (.FADPOnly) and a UK exporter under UK Data Protection Laws alone (.UKOnly), whose clauses speak Swiss or UK law"},
		{Template: ".DPALaw", Meaning: "the EEA State (country code) whose law governs the DPA, for processing subject to the GDPR, where the Agreement's law is not an EEA State's (Art. 28(3) GDPR: a contract under Union or Member State law), following the SCCs: Customer's own under Clause 17 Option 2, else the SCCs' law if an EEA State's, else Customer's if in the EEA; empty where none is or the EU GDPR does not govern the deal"},
		{Template: ".DPAForum", Meaning: "the EEA State (country code) whose courts hear disputes about the DPA where .DPALaw governs it: the SCCs' forum (Clause 18) if an EEA State, else .DPALaw"},
		{Template: ".UKDPALaw", Meaning: "UK Data Protection Laws govern some of the processing (a UK exporter, or the UK Addendum on): where the Agreement's law is not that of a part of the UK, the DPA is governed by the laws of England and Wales for the processing those laws govern and the GDPR does not (Art. 28(3) UK GDPR: a contract under domestic law)"},
		{Template: ".FADPApplies", Meaning: "the Swiss FADP governs some of the processing (the Swiss terms are on); with .GDPRApplies a clause names both laws, each for its part"},
		{Template: ".ExportPlaces", Meaning: `the places of export the DPA covers, for running text: "the EEA, the United Kingdom or Switzerland"; "Switzerland" for a Swiss exporter, whichever law governs the transfer; the customer's own country and the EEA for a .ThirdCountryExporter`},
		{Template: ".Authority", Meaning: `the supervisory authority of SCC Clause 13 for use inside a sentence ("the Dutch Data Protection Authority (...)")`},
		{Template: ".AuthorityName", Meaning: "the supervisory authority of SCC Clause 13 as a name standing alone (a table cell)"},
		{Template: ".Clause9", Meaning: "Clause 9 of the SCCs (sub-processors) applies: module 2 or 3 is selected"},
		{Template: ".AnnexIII", Meaning: "the DPA lists the sub-processors in an Annex III, each with the processing it performs, which the authorisation covers and no more: wherever Clause 9 applies, and for a profile or list read without a customer (no role, no modules), as in any GDPR customer's DPA; a change notice gives the right to object to a wider processing as to an addition"},
		{Template: ".Clause13", Meaning: "Clause 13 and Annex I.C apply: module 1, 2 or 3 is selected"},
		{Template: ".Specific", Meaning: "Clause 9 Option 1: specific prior authorisation of each sub-processor"},
		{Template: ".General", Meaning: "Clause 9 Option 2: general written authorisation with notice and objection"},
		{Template: ".Measures", Meaning: "the Annex II measures the deal selects, grouped by catalogue category ({{range .Measures}}{{.Title}}{{range .Measures}}...{{end}}{{end}})"},
		{Template: `.Safeguard "dpf"`, Meaning: `a sub-processor's transfer mechanism code named for the laws that govern the deal's transfers: "dpf" is the EU-US Data Privacy Framework, with its UK Extension where the UK Addendum is on and the Swiss-US Data Privacy Framework where the FADP governs; under the FADP alone "none" and "adequacy" refer to the Swiss Federal Council's list`},
		{Template: `.HasModule 2`, Meaning: "whether SCC module 2 is selected (any module number)"},
		{Template: `.Negotiates "subprocessors" "late-objection"`, Meaning: "whether the deal selects that fallback of that clause (negotiated:), for a document that must speak the negotiated terms"},
		{Template: `.Clause "breach"`, Meaning: "prints the clause with that id here, numbered in this document (templates use it to order the clauses)"},
		{Template: `.Ref "breach"`, Meaning: `a cross-reference to a clause or annex heading by its id, printed as its label ("Clause 8", "Annex I.B"), whatever number it has in this deal`},
		{Template: `.RefOr "breach" "the breach terms"`, Meaning: "a cross-reference, or the fallback text where the heading is not in the document (a standalone annex)"},
		{Template: `.DPARef "breach"`, Meaning: `a reference to a clause of this DPA followed by "of this DPA", for sentences where "Clause N" could be read as a clause of the SCCs`},
		{Template: `.DPARefOr "deletion" "the Data Processing Agreement"`, Meaning: `DPARef, or the fallback text where the clause is not in the document (a standalone annex): for the annexes, which also form the SCCs' Appendix`},
		{Template: ".Notice", Meaning: "in the notice template only: the change to the sub-processor list being notified"},
	}
}

// Conditions returns the named conditions and methods of the template data,
// with their values for the example deal.
func (e *Engine) Conditions(example *deal.Deal) []Condition {
	out := conditionDocs()
	if example == nil {
		return out
	}
	v := newView(example, nil, &render{lib: e.lib, seen: map[string]bool{}})
	for i, c := range out {
		name, _, _ := strings.Cut(strings.TrimPrefix(c.Template, "."), " ")
		switch name {
		case "Clause", "Ref", "RefOr", "DPARef", "DPARefOr", "Measures", "Notice":
			continue // they print a clause, a reference or a list
		}
		var b strings.Builder
		t, err := template.New("c").Parse("{{" + c.Template + "}}")
		if err == nil && t.Execute(&b, v) == nil {
			out[i].Example = strings.ReplaceAll(b.String(), `\`, "") // Markdown escapes
		}
	}
	return out
}

// Helper is one function clauses call for legal style, with an example.
type Helper struct {
	Name    string
	Meaning string
	// Example is template source; Result is what it prints, computed by
	// running it, so the listing cannot drift from the code.
	Example string
	Result  string
}

// Helpers returns dpakit's template functions with an example each. The
// allow-listed functions of the sprig library (upper, lower, trim, ...)
// follow with their names only, in SprigFunctions.
func Helpers() []Helper {
	hs := []Helper{
		{"spell", "a number in words with the figure, as contracts write it", `{{spell 48}}`, ""},
		{"words", "a number in words only", `{{words 15}}`, ""},
		{"count", "a number of things, in words, with the noun in the right number", `{{count 30 "day"}}`, ""},
		{"date", "a date in words, day month year", `{{date .EffectiveDate}}`, ""},
		{"join", `a list of text joined with commas and "and"`, `{{join .Processing.DataCategories}}`, ""},
		{"joinOr", `a list of text joined with commas and "or"`, `{{joinOr .Processing.DataSubjects}}`, ""},
		{"joinInline", `list items inside a sentence or table cell, joined with "and": later items start in lower case, except names, abbreviations and the DPA's defined terms`, `{{joinInline (splitList ";" "Name;Email address;IP address;Customer content")}}`, ""},
		{"lowerInitial", "text that continues a sentence (after a colon): its first word in lower case, except a name, an abbreviation or a defined term", `{{lowerInitial "Hosting of the platform"}}`, ""},
		{"sentence", "text ended as a sentence: a full stop added unless it ends in one (or in ? or !)", `{{sentence "Hosting of the platform"}}`, ""},
		{"addressee", "a party's contact inside a sentence: a person's name as it is, a team, office or position with \"the\", a name written with its own article (\"The Privacy Office\") with it once, in lower case (not in a salutation or a list of contact details)", `{{addressee "The Privacy Office"}}`, ""},
		{"salutation", "the greeting of a letter to a party's contact, without its comma: \"Dear\" and the name, a leading \"The\" (any case) dropped; \"Dear Customer\" without a name", `{{salutation "The Privacy Office"}}`, ""},
		{"module", "an SCC module by number, with its description", `{{module 2}}`, ""},
		{"moduleShort", "an SCC module by number", `{{moduleShort 3}}`, ""},
		{"modules", "the selected SCC modules, joined", `{{modules .SCC.Modules}}`, ""},
		{"roles", `a party's role ("exporter" or "importer") under the selected SCC modules, once for the modules in which it is the same`, `{{roles "exporter" .SCC.Modules}}`, ""},
		{"mechanism", "a transfer mechanism code in words, as under the GDPR alone (a sub-processor's is named for the deal's laws by .Safeguard)", `{{mechanism "scc"}}`, ""},
		{"country", "a country by ISO code, with the article where English uses one", `{{country "NL"}}`, ""},
		{"countryName", "a country by ISO code, without the article", `{{countryName "NL"}}`, ""},
		{"place", "a location with its country, unless it names it already", `{{place "eu-west-1" "IE"}}`, ""},
		{"isEU", "whether an ISO country code is an EU Member State", `{{isEU "NO"}}`, ""},
		{"isEEA", "whether an ISO country code is in the EEA", `{{isEEA "NO"}}`, ""},
	}
	example := &view{
		EffectiveDate: deal.Date{Time: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		SCC:           deal.SCC{Modules: []int{2, 3}},
		Processing: deal.Processing{DataCategories: []string{"names", "e-mail addresses", "IP addresses"},
			DataSubjects: []string{"customers", "employees"}},
	}
	fm := funcMap()
	for i, h := range hs {
		t, err := template.New(h.Name).Funcs(fm).Parse(h.Example)
		if err != nil {
			hs[i].Result = "error: " + err.Error()
			continue
		}
		var b strings.Builder
		if err := t.Execute(&b, example); err != nil {
			hs[i].Result = "error: " + err.Error()
			continue
		}
		hs[i].Result = strings.ReplaceAll(b.String(), `\`, "")
	}
	return hs
}

// SprigFunctions returns the names of the general-purpose template
// functions (from the sprig library) a clause may use, sorted.
func SprigFunctions() []string {
	var names []string
	for name := range allowedFuncs() {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
