package assemble

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
)

// Term is one value of the effective deal and where it came from.
type Term struct {
	// Path is the deal file's key: "breach.notice_hours".
	Path string `json:"path"`
	// Value is the value as text: "24", "yes", "FR", a list joined with
	// "; ", or "" when the term is empty.
	Value  string      `json:"value"`
	Source deal.Source `json:"source"`
	// NotApplicable says why the term does not apply to this deal, or is
	// empty when it does: the SCC, UK Addendum and Swiss terms of a
	// US-only deal (gdpr.applies: false), whose DPA has none of them, and
	// the EU selections that Part 2 of the UK Addendum replaces in a UK-only
	// deal (deal.UKOnly).
	NotApplicable string `json:"not_applicable,omitempty"`
}

// USOnlyNotApplicable is the reason a term of the SCCs, the UK Addendum or
// the Swiss terms does not apply to a US-only deal.
const USOnlyNotApplicable = "US-only deal: no EEA, UK or Swiss data, so its DPA has no SCCs, UK Addendum or Swiss terms"

// UKOnlyAuthority is the reason scc.supervisory_authority does not apply to
// a UK-only deal.
const UKOnlyAuthority = "UK-only deal (UK Data Protection Laws alone): Part 2 of the UK Addendum makes the Information Commissioner the Clause 13 authority, and no EU authority is named"

// UKOnlyLawForum is the reason the Clause 17 and 18 selections do not
// apply to a UK-only deal without the Swiss terms.
const UKOnlyLawForum = "UK-only deal (UK Data Protection Laws alone): Part 2 of the UK Addendum (Section 15(m) and (n)) makes the laws and courts of England and Wales govern Clauses 17 and 18"

// ukOnlyNotApplicable returns why the term at path does not apply to a UK
// exporter's deal under UK Data Protection Laws alone (deal.UKOnly), or
// "": the EU supervisory authority, and the Clause 17 option; the Clause
// 17 law and Clause 18 forum too unless the Swiss terms are on (they then
// govern the transfers from Switzerland).
func ukOnlyNotApplicable(d *deal.Deal, path string) string {
	switch path {
	case "scc.supervisory_authority":
		return UKOnlyAuthority
	case "scc.governing_law_option":
		return UKOnlyLawForum
	case "scc.governing_law", "scc.forum":
		if !d.Swiss.Enabled {
			return UKOnlyLawForum
		}
	}
	return ""
}

// notApplicable returns why the term at path does not apply to d, or ""
// when it does. A US-only deal keeps one SCC selection, the advance notice
// of a new sub-processor, which its sub-processor clause states (see
// deal.Defaults).
func notApplicable(d *deal.Deal, path string) string {
	if d.GDPR.On() && d.UKOnly() {
		return ukOnlyNotApplicable(d, path)
	}
	if d.GDPR.On() || path == "scc.subprocessor_notice_days" {
		return ""
	}
	for _, prefix := range []string{"scc.", "uk_addendum.", "swiss.", "controller_transfer."} {
		if strings.HasPrefix(path, prefix) {
			return USOnlyNotApplicable
		}
	}
	return ""
}

// Effective is the effective deal: what the documents of a deal are made
// from. The deviations from the vendor's standard terms come first, so a
// reviewer sees what was negotiated; then the terms negotiated in the deal
// file that its DPA does not show (a fallback without effect in this
// deal), which are no deviation; then every term, with its source.
type Effective struct {
	Deviations []SourcedDeviation `json:"deviations"`
	// WithoutEffect lists each fallback the deal negotiates that prints, in
	// this deal, the same clause as the standard (late-objection under
	// Clause 9 Option 1): negotiated, but no term of the DPA differs, so it
	// is neither a deviation nor counted as one.
	WithoutEffect []SourcedDeviation `json:"without_effect"`
	Terms         []Term             `json:"terms"`
}

// SourcedDeviation is a deviation with the source of its value.
type SourcedDeviation struct {
	Deviation
	Source deal.Source `json:"source"`
}

// Explain returns the effective deal of a loaded deal: its deviations from
// the profile it was laid over (see Deviations; none when it was laid over
// no profile, since there is then no standard to measure against), each
// with the source of its value, apart from them the fallbacks it
// negotiates without effect in its DPA, and every term of the deal in the order of
// the deal file, each that does not apply to this deal marked with why.
// `dpakit explain` prints it; the form app and the manifest
// show the same deviations.
func Explain(x *deal.Explained, lib *Library) Effective {
	e := Effective{Deviations: []SourcedDeviation{}, WithoutEffect: []SourcedDeviation{}}
	if x.Profile != nil {
		devs, none := deviations(x.Profile, x.Deal, lib, nil)
		e.Deviations = append(e.Deviations, sourced(x.Sources, devs)...)
		e.WithoutEffect = append(e.WithoutEffect, sourced(x.Sources, none)...)
	}
	walkTermValues(reflect.ValueOf(x.Deal).Elem(), "", func(path string, v reflect.Value) {
		t := Term{Path: path, Value: termValue(v), Source: x.Sources[path], NotApplicable: notApplicable(x.Deal, path)}
		if t.Source == (deal.Source{}) && t.Value != "" {
			t.Source = deal.SourceOf(x.Sources, path)
		}
		e.Terms = append(e.Terms, t)
	})
	return e
}

// sourced gives each deviation the source of its value.
func sourced(sources map[string]deal.Source, devs []Deviation) []SourcedDeviation {
	out := make([]SourcedDeviation, len(devs))
	for i, dv := range devs {
		out[i] = SourcedDeviation{dv, deal.SourceOf(sources, dv.Path)}
	}
	return out
}

// DeviationTexts returns the deviations of d from profile as the lines the
// manifest records; nil without a profile.
func DeviationTexts(profile, d *deal.Deal, lib *Library) []string {
	return DeviationTextsOf(profile, d, lib, nil)
}

// DeviationTextsOf is DeviationTexts given d's DPA already assembled (or
// nil), as a batch row that makes the DPA has it: a deviation that names a
// clause of the DPA by its number then costs no second assembly.
func DeviationTextsOf(profile, d *deal.Deal, lib *Library, dpa *document.Document) []string {
	if profile == nil {
		return nil
	}
	devs, _ := deviations(profile, d, lib, dpa)
	var out []string
	for _, dv := range devs {
		out = append(out, dv.Text)
	}
	return out
}

// walkTermValues calls f for every term of v: each text, number, switch,
// date and list, and each mapping of the negotiated fallbacks, in field
// order; the fields of an optional mapping only when it is given.
func walkTermValues(v reflect.Value, path string, f func(string, reflect.Value)) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !sf.IsExported() {
			continue
		}
		fv := v.Field(i)
		p := joinKey(path, name)
		if fv.Kind() == reflect.Pointer {
			if fv.IsNil() {
				continue
			}
			fv = fv.Elem()
		}
		if fv.Kind() == reflect.Struct && fv.Type() != fieldDateType && fv.Type() != fieldMeasuresType {
			walkTermValues(fv, p, f)
			continue
		}
		f(p, fv)
	}
}

// termValue writes a term's value as text.
func termValue(v reflect.Value) string {
	switch x := v.Interface().(type) {
	case deal.Date:
		return x.String()
	case deal.Measures:
		if x.All {
			return "all"
		}
		return strings.Join(x.IDs, "; ")
	case []deal.Subprocessor:
		names := make([]string, len(x))
		for i, s := range x {
			names[i] = s.Name
		}
		return entries(len(x)) + strings.Join(names, "; ")
	case []deal.Rider:
		titles := make([]string, len(x))
		for i, r := range x {
			titles[i] = fmt.Sprintf("%q after %s", r.Title, r.After)
		}
		return entries(len(x)) + strings.Join(titles, "; ")
	case []deal.Measure:
		texts := make([]string, len(x))
		for i, m := range x {
			texts[i] = m.Category + ": " + m.Text
		}
		return entries(len(x)) + strings.Join(texts, "; ")
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		if v.Bool() {
			return "yes"
		}
		return "no"
	case reflect.Int:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range v.Len() {
			parts[i] = fmt.Sprint(v.Index(i).Interface())
		}
		return strings.Join(parts, "; ")
	case reflect.Map:
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + v.MapIndex(reflect.ValueOf(k)).String()
		}
		return strings.Join(parts, "; ")
	}
	return fmt.Sprint(v.Interface())
}

// entries introduces a list of mappings by its length: "2 entries: ".
func entries(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "1 entry: "
	}
	return strconv.Itoa(n) + " entries: "
}
