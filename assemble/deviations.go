package assemble

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/sublist"
	"github.com/dpakit/dpakit/assemble/wording"
)

// Deviation is one term of a deal that differs from the vendor's standard
// terms (its profile).
type Deviation struct {
	// Path is the deal file's key of the term, such as "breach.notice_hours".
	Path string `json:"path"`
	// Text says what was negotiated in plain English, with the standard in
	// brackets: "breach notice 36 hours (standard 48)".
	Text string `json:"text"`
}

// Standard returns the standard terms a deal is measured against: the
// profile completed with the deal's own parties and dates (the customer,
// reference, effective date and agreement are never standard) and with
// deal.Defaults applied, so a default that depends on the customer (SCC
// modules from its role, the supervisory authority from its country) is
// the standard for that customer. Neither argument is modified; a nil
// profile stands for a profile that sets nothing.
func Standard(profile, d *deal.Deal) *deal.Deal {
	var std deal.Deal
	if profile != nil {
		std = *profile
	}
	std.Customer = d.Customer
	std.Reference = d.Reference
	std.EffectiveDate = d.EffectiveDate
	std.Agreement = d.Agreement
	// Defaults replaces slices rather than writing into them, but copy the
	// ones it may fill so the profile's stay untouched whatever it does.
	std.SCC.Modules = slices.Clone(std.SCC.Modules)
	std.Security.Measures.IDs = slices.Clone(std.Security.Measures.IDs)
	deal.Defaults(&std)
	return &std
}

// Deviations lists the terms of d that differ from the vendor's standard
// terms, in the order of the deal file, each in plain English with the
// standard value, so that a reviewer sees at a glance what was negotiated:
//
//	breach notice 36 hours (standard 48)
//	governing law of the SCCs (Clause 17) and, where the Agreement is not under an EEA State's law, of this DPA (Clause 19) for processing under the GDPR: Germany (standard the Netherlands)
//	sub-processors added: Hetzner Online GmbH
//
// d is a defaulted deal (deal.Load returns one); profile is the vendor
// profile as deal.Load returns it on its own (decoded and defaulted; its
// problems, such as the missing customer, do not matter here), or nil. The
// standard is Standard(profile, d). The customer's details, the reference,
// the effective date and the agreement are the deal's own and never
// deviations. A field the describers below do not know (one added to the
// deal format later) is still listed, by its path. Each negotiated
// fallback and each rider is a deviation of its own, except a fallback
// that prints, in d, the same DPA as the standard (see
// negotiatedDeviations): no term of the DPA differs there. The library's Annex
// II catalogue counts the measures a deal leaves out, and its fallbacks say
// what each negotiated fallback changes; a nil library is allowed.
func Deviations(profile, d *deal.Deal, lib *Library) []Deviation {
	devs, _ := deviations(profile, d, lib, nil)
	return devs
}

// deviations returns the deviations of d (see Deviations) and, apart, the
// negotiated terms of d that differ from the standard's in the deal file
// but not in its DPA (see negotiatedDeviations), which are no deviation.
// dpa, if not nil, is d's DPA already assembled, which numbers the clause
// a deviation names without assembling it again.
func deviations(profile, d *deal.Deal, lib *Library, dpa *document.Document) (out, withoutEffect []Deviation) {
	var catalog Catalog
	if lib != nil {
		catalog = lib.Catalog()
	}
	std := Standard(profile, d)
	// The DPA is assembled for the number of its law clause only when a
	// deviation names it, and then once.
	dpaClause := sync.OnceValue(func() string { return dpaClauseLabel(d, lib, dpa, dpaLawClause) })
	walkTerms(reflect.ValueOf(d).Elem(), reflect.ValueOf(std).Elem(), "", func(path string, got, want reflect.Value) {
		switch path {
		case "negotiated": // one deviation per clause, with what it changes
			devs, none := negotiatedDeviations(d, got.Interface().(map[string]string), want.Interface().(map[string]string), lib)
			out, withoutEffect = append(out, devs...), append(withoutEffect, none...)
			return
		case "riders": // one per rider
			out = append(out, riderDeviations(got.Interface().([]deal.Rider))...)
			return
		}
		if !d.GDPR.On() && euOnlyTerm(path) {
			return // a US-only DPA has no such term: gdpr.applies says so once
		}
		if text, ok := dealTermText(d, std, path, got, want, dpaClause); ok {
			if text != "" {
				out = append(out, Deviation{Path: path, Text: text})
			}
			return
		}
		if text := describeDeviation(path, got, want, d.TransferLaws(), catalog, lib); text != "" {
			out = append(out, Deviation{Path: path, Text: text})
		}
	})
	if dv, ok := forumDeviation(d, std, dpaClause); ok {
		out = insertInFileOrder(out, dv, d)
	}
	return out, withoutEffect
}

// optionTwoLaw reports whether the SCCs of d are governed under Clause 17
// Option 2 by the law of the customer's own EEA State, so that
// scc.governing_law names only the law that applies where the customer's
// allows no third-party beneficiary rights (and Module One's, which has no
// Option 2).
func optionTwoLaw(d *deal.Deal) bool {
	return d.GDPR.On() && !d.UKOnly() && d.SCC.GoverningLawOption == 2 && deal.SCCLaw(d) == d.Customer.Country
}

// fallbackLawText describes a changed scc.governing_law under Clause 17
// Option 2: it names the law that governs (the customer's own) before the
// fallback the term sets, so that no reader takes the fallback for the law
// of the SCCs.
func fallbackLawText(d *deal.Deal, got, want string) string {
	text := fmt.Sprintf("governing law (SCC Clause 17 Option 2): the law of %s, Customer's own State; where it allows no third-party beneficiary rights, the law of %s",
		countryText(d.Customer.Country), countryText(got))
	if d.SCC.HasModule(1) {
		text += ", which also governs for Module One (Option 1)"
	}
	return text + fmt.Sprintf(" (standard %s)", countryText(want))
}

// dealTermText describes the terms whose meaning depends on the rest of
// the deal d (std is the standard it is measured against): the Clause 9
// periods under Option 1, where the customer authorises rather than
// objects; the fallback law under Clause 17 Option 2; the law and courts
// of a UK exporter's SCCs, which the UK Addendum fixes; the law and courts
// of the SCCs where they also govern the DPA itself (see sccLawGovernsDPA,
// sccForumGovernsDPA), whose clause dpaClause names. It returns false for
// any other term, and "" for a term that is no deviation in d.
func dealTermText(d, std *deal.Deal, path string, got, want reflect.Value, dpaClause func() string) (string, bool) {
	specific := asksAuthorisation(d)
	switch {
	case path == "subprocessors.objection_days" && specific:
		return fmt.Sprintf("period to give or refuse specific prior authorisation of a new sub-processor %s, no answer being no authorisation (%s)",
			plural(int(got.Int()), "day"), standardPeriod(std, int(want.Int()))), true
	case path == "scc.subprocessor_notice_days" && specific:
		return fmt.Sprintf("advance request for authorisation of a new sub-processor %s (standard %s)", daysText(int(got.Int())), daysText(int(want.Int()))), true
	case path == "scc.governing_law" && optionTwoLaw(d):
		return fallbackLawText(d, got.String(), want.String()), true
	case (path == "scc.governing_law" || path == "scc.forum") && d.UKOnly():
		if !d.Swiss.Enabled {
			return "", true // Section 15(m) and (n) of the UK Addendum fix both
		}
		what := "law for transfers from Switzerland (SCC Clause 17)"
		if path == "scc.forum" {
			what = "courts for transfers from Switzerland (SCC Clause 18)"
		}
		return fmt.Sprintf("%s %s (standard %s)", what, placeText(got.String()), placeText(want.String())), true
	case path == "scc.governing_law" && sccLawGovernsDPA(d):
		return fmt.Sprintf("governing law %s: %s (standard %s)", alsoDPA("Clause 17", dpaClause()), countryText(got.String()), countryText(want.String())), true
	case path == "scc.forum" && sccForumGovernsDPA(d):
		return fmt.Sprintf("courts %s: %s (standard %s)", alsoDPA("Clause 18", dpaClause()), countryText(got.String()), countryText(want.String())), true
	}
	return "", false
}

// dpaLawClause is the id of the clause in which the DPA chooses its own
// law and courts (.DPALaw, .DPAForum) for processing under the GDPR where
// the Agreement is not under an EEA State's law.
const dpaLawClause = "general"

// sccLawGovernsDPA reports whether the law d chooses for the SCCs
// (scc.governing_law) also governs its DPA, where the Agreement is not
// under an EEA State's law, as its law clause (dpaLawClause) provides with
// the same condition (dpaLaw): not under Clause 17 Option 2, where the law
// of the customer's own State governs both and scc.governing_law is only
// the SCCs' fallback.
func sccLawGovernsDPA(d *deal.Deal) bool {
	return d.SCC.GoverningLaw != "" && !ownStateLaw(d.SCC, d.Customer.Country) &&
		dpaLaw(d.TransferLaws(), d.SCC, d.Customer.Country) == d.SCC.GoverningLaw
}

// sccForumGovernsDPA reports whether the courts d chooses for the SCCs
// (scc.forum) also hear the disputes about its DPA where its law clause
// gives the DPA a law of its own (dpaLaw, dpaForum).
func sccForumGovernsDPA(d *deal.Deal) bool {
	laws := d.TransferLaws()
	return d.SCC.Forum != "" && dpaLaw(laws, d.SCC, d.Customer.Country) != "" &&
		dpaForum(laws, d.SCC, d.Customer.Country) == d.SCC.Forum
}

// alsoDPA says that a choice of the SCCs (their sccClause) also governs
// the DPA, in its dpaClause ("Clause 19"), with the condition under which
// the DPA's law clause applies: "of the SCCs (Clause 17) and, where the
// Agreement is not under an EEA State's law, of this DPA (Clause 19) for
// processing under the GDPR".
func alsoDPA(sccClause, dpaClause string) string {
	return fmt.Sprintf("of the SCCs (%s) and, where the Agreement is not under an EEA State's law, of this DPA (%s) for processing under the GDPR",
		sccClause, dpaClause)
}

// dpaClauseLabel returns how the DPA of d names its clause id ("Clause
// 19"), as the assembled DPA numbers it (a rider before it, or a clause
// the deal leaves out, renumbers it); when the DPA does not assemble or
// has no such heading, the clause's title; without a library, its id.
// dpa, if not nil, is d's DPA already assembled.
func dpaClauseLabel(d *deal.Deal, lib *Library, dpa *document.Document, id string) string {
	if lib == nil {
		return "clause " + id
	}
	doc, err := dpa, error(nil)
	if doc == nil {
		doc, err = lib.lookup().Assemble(d, DPATemplate)
	}
	if err == nil {
		for _, b := range doc.Blocks {
			if h, ok := b.(*document.Heading); ok && h.ID == id && h.Label != "" {
				return h.Label
			}
		}
	}
	if c, ok := lib.Clause(id); ok {
		return c.Title
	}
	return "clause " + id
}

// standardPeriod words the standard's value of subprocessors.objection_days
// for a deal under Clause 9 Option 1: the same kind of period when the
// standard is Option 1 too, else the objection window it is.
func standardPeriod(std *deal.Deal, days int) string {
	if asksAuthorisation(std) {
		return fmt.Sprintf("standard %d", days)
	}
	return fmt.Sprintf("standard: an objection window of %s under Option 2", plural(days, "day"))
}

// placeText names the law or courts of a country as a contract chooses
// them: England and Wales for the United Kingdom, which has no single law.
func placeText(code string) string {
	if code == "GB" {
		return "England and Wales"
	}
	return countryText(code)
}

// forumDeviation lists the courts of SCC Clause 18 when the deal keeps the
// standard's (scc.forum is no deviation) but no longer the law they
// followed: the standard's courts and law are one country's, and the
// deal's law (deal.SCCLaw) is another's. Without it a reviewer would see
// only the new governing law and not that the disputes stay with the
// standard's courts; where those courts also hear the disputes about the
// DPA (sccForumGovernsDPA), it says so, naming the DPA's clause.
func forumDeviation(d, std *deal.Deal, dpaClause func() string) (Deviation, bool) {
	law, forum, differs := deal.ForumDiffers(d)
	if !differs || forum != std.SCC.Forum {
		return Deviation{}, false
	}
	if _, _, stdDiffers := deal.ForumDiffers(std); stdDiffers || deal.SCCLaw(std) != std.SCC.Forum {
		return Deviation{}, false
	}
	text := fmt.Sprintf("courts (SCC Clause 18) of %s as in the standard, though the law of %s now governs the SCCs",
		countryText(forum), countryText(law))
	if sccForumGovernsDPA(d) {
		governs := "the SCCs"
		if dpaLaw(d.TransferLaws(), d.SCC, d.Customer.Country) == law {
			governs = "both"
		}
		text = fmt.Sprintf("courts %s: %s as in the standard, though the law of %s now governs %s",
			alsoDPA("Clause 18", dpaClause()), countryText(forum), countryText(law), governs)
	}
	return Deviation{Path: "scc.forum", Text: text + fmt.Sprintf(" (standard: the law and the courts of %s)", countryText(std.SCC.Forum))}, true
}

// insertInFileOrder inserts dv into out, a list of deviations of d in the
// order of the deal file, at its term's place.
func insertInFileOrder(out []Deviation, dv Deviation, d *deal.Deal) []Deviation {
	before := map[string]bool{}
	done := false
	walkTermValues(reflect.ValueOf(d).Elem(), "", func(path string, _ reflect.Value) {
		if path == dv.Path {
			done = true
		}
		if !done {
			before[path] = true
		}
	})
	i := 0
	for i < len(out) && before[out[i].Path] {
		i++
	}
	return slices.Insert(out, i, dv)
}

// euOnlyTerm reports whether the term at path exists only in a DPA under
// EU, UK or Swiss law: the SCC selections, the UK Addendum and the Swiss
// terms. A US-only deal (gdpr.applies: no) has none of them, so their
// values are no deviation; the advance notice of a new sub-processor
// (scc.subprocessor_notice_days) is kept, as its sub-processor clause
// promises it too.
func euOnlyTerm(path string) bool {
	if path == "scc.subprocessor_notice_days" {
		return false
	}
	for _, p := range []string{"scc.", "uk_addendum.", "swiss."} {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// gdprText says whether a deal is under EU, UK or Swiss law (gdpr.applies
// unset or true) or a US-only deal.
func gdprText(applies *bool) string {
	if applies == nil || *applies {
		return "a DPA under the GDPR, with the SCCs"
	}
	return "a US-only DPA (no EEA, UK or Swiss data, so no SCCs, UK Addendum or Swiss terms)"
}

// ownTerms are the deal's own details, never compared with the profile.
var ownTerms = map[string]bool{
	"reference": true, "effective_date": true, "agreement": true, "customer": true,
}

// wholeTerms are structs and lists compared as one term.
var wholeTerms = map[string]bool{
	"subprocessors.list": true, "security.measures": true,
}

// walkTerms calls f for every term (a leaf field, a list, or one of
// wholeTerms) whose values in got and want differ.
func walkTerms(got, want reflect.Value, path string, f func(path string, got, want reflect.Value)) {
	if got.Kind() == reflect.Struct && !wholeTerms[path] && got.Type() != reflect.TypeFor[deal.Date]() {
		t := got.Type()
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if name == "" || name == "-" || !t.Field(i).IsExported() {
				continue
			}
			p := name
			if path != "" {
				p = path + "." + name
			}
			if ownTerms[p] {
				continue
			}
			walkTerms(got.Field(i), want.Field(i), p, f)
		}
		return
	}
	if got.Kind() == reflect.Pointer {
		if got.IsNil() && want.IsNil() {
			return
		}
		if !got.IsNil() && !want.IsNil() && got.Elem().Kind() == reflect.Struct {
			walkTerms(got.Elem(), want.Elem(), path, f)
			return
		}
	}
	if !sameTerm(got, want) {
		f(path, got, want)
	}
}

// sameTerm compares two values of a term; nil and empty lists are the same.
func sameTerm(a, b reflect.Value) bool {
	if a.Kind() == reflect.Slice && a.Len() == 0 && b.Len() == 0 {
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

// describeDeviation says in plain English how the term at path differs.
func describeDeviation(path string, got, want reflect.Value, laws deal.Laws, catalog Catalog, lib *Library) string {
	g, w := got.Interface(), want.Interface()
	switch path {
	case "gdpr.applies":
		// Both texts are phrases, one with brackets: "(standard ...)" after
		// them would read as a second aside.
		return gdprText(g.(*bool)) + "; the standard is " + gdprText(w.(*bool))
	case "scc.modules":
		return fmt.Sprintf("SCC modules: %s (standard %s)", modulesText(g.([]int)), modulesText(w.([]int)))
	case "scc.docking_clause":
		return "docking clause (SCC Clause 7) " + includedText(g.(bool)) + " (standard " + includedText(w.(bool)) + ")"
	case "scc.subprocessor_option":
		return fmt.Sprintf("sub-processor authorisation (SCC Clause 9): %s (standard %s)",
			optionText(g.(deal.SubprocessorOption)), optionText(w.(deal.SubprocessorOption)))
	case "scc.subprocessor_notice_days":
		return fmt.Sprintf("advance notice of a new sub-processor %s (standard %s)", daysText(g.(int)), daysText(w.(int)))
	case "scc.redress_body":
		return "independent dispute resolution body (SCC Clause 11) " + offeredText(g.(bool)) + " (standard " + offeredText(w.(bool)) + ")"
	case "scc.governing_law":
		return fmt.Sprintf("governing law (SCC Clause 17) %s (standard %s)", countryText(g.(string)), countryText(w.(string)))
	case "scc.governing_law_option":
		return fmt.Sprintf("SCC Clause 17 Option %d (standard Option %d)", g.(int), w.(int))
	case "scc.forum":
		return fmt.Sprintf("courts (SCC Clause 18) of %s (standard %s)", countryText(g.(string)), countryText(w.(string)))
	case "scc.supervisory_authority":
		return fmt.Sprintf("supervisory authority (SCC Clause 13) %s (standard %s)", orNone(g.(string)), orNone(w.(string)))
	case "uk_addendum.enabled":
		return "UK Addendum " + includedText(g.(bool)) + " (standard " + includedText(w.(bool)) + ")"
	case "uk_addendum.ending_party":
		return fmt.Sprintf("UK Addendum Table 4: %s may end it (standard: %s)", endingParty(g.(string)), endingParty(w.(string)))
	case "swiss.enabled":
		return "Swiss FADP adaptations " + includedText(g.(bool)) + " (standard " + includedText(w.(bool)) + ")"
	case "ccpa.enabled":
		return "CCPA/CPRA service-provider terms " + includedText(g.(bool)) + " (standard " + includedText(w.(bool)) + ")"
	case "breach.notice_hours":
		return fmt.Sprintf("breach notice %s (standard %d)", plural(g.(int), "hour"), w.(int))
	case "subprocessors.objection_days":
		return fmt.Sprintf("objection window for a new sub-processor %s (standard %d)", plural(g.(int), "day"), w.(int))
	case "subprocessors.list":
		return listChanges(g.([]deal.Subprocessor), w.([]deal.Subprocessor), laws)
	case "security.measures":
		return measuresText(g.(deal.Measures), w.(deal.Measures), catalog)
	case "ccpa.business_purposes":
		return labelled("CCPA business purposes", stringsChanges(g.([]string), w.([]string)))
	case "security.extra":
		return extraMeasuresText(g.([]deal.Measure), w.([]deal.Measure))
	case "audit.frequency_months":
		return fmt.Sprintf("audits at most once every %s (standard %d)", plural(g.(int), "month"), w.(int))
	case "audit.notice_days":
		return fmt.Sprintf("audit notice %s (standard %d)", plural(g.(int), "day"), w.(int))
	case "controller_transfer":
		return controllerTransferText(g.(*deal.Processing), w.(*deal.Processing))
	case "deletion.days":
		return fmt.Sprintf("return or deletion of the data within %s after the end of the Services or, if later, the choice to return or delete it (without a choice, the end of the period for making it) (standard %d)", plural(g.(int), "day"), w.(int))
	case "deletion.backup_days":
		return fmt.Sprintf("copies in backups deleted within %s after that deletion (standard %d)", plural(g.(int), "day"), w.(int))
	case "subprocessors.resolution_days":
		return fmt.Sprintf("period to agree on a solution after an objection to (or a refusal of) a new sub-processor, before Provider must do without it or let Customer terminate, %s (standard %d)", plural(g.(int), "day"), w.(int))
	}
	label := termLabel(path)
	if got.Kind() == reflect.Slice && got.Type().Elem().Kind() == reflect.String {
		return labelled(label, stringsChanges(g.([]string), w.([]string)))
	}
	if got.Kind() == reflect.Slice && got.Type().Elem().Kind() == reflect.Struct {
		return fmt.Sprintf("%s: %d entries (standard %d)", label, got.Len(), want.Len())
	}
	return fmt.Sprintf("%s: %s (standard %s)", label, valueText(got), valueText(want))
}

// termLabel turns a deal path into words: "provider.signatory.name" is
// "provider signatory name".
func termLabel(path string) string {
	return strings.NewReplacer(".", " ", "_", " ").Replace(path)
}

// valueText prints a leaf value for a deviation.
func valueText(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			return "yes"
		}
		return "no"
	case reflect.Int:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.String:
		return orNone(v.String())
	case reflect.Pointer:
		if v.IsNil() {
			return "none"
		}
		return valueText(v.Elem())
	}
	if d, ok := v.Interface().(deal.Date); ok {
		return orNone(d.String())
	}
	if v.Kind() == reflect.Struct {
		var parts []string
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && !v.Field(i).IsZero() {
				parts = append(parts, valueText(v.Field(i)))
			}
		}
		if len(parts) == 0 {
			return "none"
		}
		return strings.Join(parts, ", ") // each part quoted already
	}
	return fmt.Sprint(v.Interface())
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return `"` + s + `"`
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func daysText(n int) string {
	if n == 0 {
		return "none"
	}
	return plural(n, "day")
}

func includedText(b bool) string {
	if b {
		return "included"
	}
	return "not included"
}

func offeredText(b bool) string {
	if b {
		return "offered"
	}
	return "not offered"
}

func countryText(code string) string {
	if n := country.WithArticle(code); n != "" {
		return n
	}
	return orNone(code)
}

func modulesText(ms []int) string {
	if len(ms) == 0 {
		return "none"
	}
	s, err := wording.Modules(ms)
	if err != nil {
		return fmt.Sprint(ms)
	}
	return s
}

func optionText(o deal.SubprocessorOption) string {
	switch o {
	case deal.SpecificAuthorisation:
		return "specific prior authorisation (Option 1)"
	case deal.GeneralAuthorisation:
		return "general written authorisation (Option 2)"
	case "":
		return "none"
	}
	return string(o)
}

// listChanges describes a sub-processor list that differs from the
// standard one: who is added, removed and changed. The changed fields are
// those the deal's DPA states: under laws without restricted transfers (a
// US-only deal) a sub-processor's transfer mechanism is not among them, as
// its DPA, change notice and workbook state none, and a list that differs
// from the standard only there is no deviation ("").
func listChanges(got, want []deal.Subprocessor, laws deal.Laws) string {
	ch := sublist.Diff(want, got)
	var parts []string
	if len(ch.Added) > 0 {
		added := make([]string, len(ch.Added))
		for i, sp := range ch.Added {
			added[i] = sp.Name + " (" + whereAndHow(sp.Country, sp.TransferMechanism, laws) + ")"
		}
		parts = append(parts, "added "+wording.Join(added))
	}
	if len(ch.Removed) > 0 {
		parts = append(parts, "removed "+wording.Join(subNames(ch.Removed)))
	}
	for _, c := range ch.Changed {
		var fields []string
		for _, f := range c.Fields {
			switch {
			case f.Field == "transfer_mechanism" && !laws.Restricted():
			case f.Field == "country":
				fields = append(fields, fmt.Sprintf("country %s → %s", countryText(f.Old), countryText(f.New)))
			case f.Field == "transfer_mechanism":
				fields = append(fields, fmt.Sprintf("transfer mechanism %s → %s", laws.TransferLabel(f.Old), laws.TransferLabel(f.New)))
			default:
				fields = append(fields, strings.ReplaceAll(f.Field, "_", " "))
			}
		}
		if len(fields) > 0 {
			parts = append(parts, c.Name+" changed ("+strings.Join(fields, ", ")+")")
		}
	}
	if len(parts) > 0 {
		return "sub-processors: " + strings.Join(parts, "; ")
	}
	return "" // the same sub-processors, in another order: no term differs
}

// endingParty names the parties a UK Addendum's Table 4 lets end it, as
// the DPA does.
func endingParty(code string) string {
	switch code {
	case "importer":
		return "the importer (Provider)"
	case "exporter":
		return "the exporter (Customer)"
	case "both":
		return "either party"
	case "neither":
		return "neither party"
	}
	return orNone(code)
}

// whereAndHow names where an added sub-processor processes and, for a deal
// with restricted transfers, the safeguard of the transfer: "India;
// Binding Corporate Rules".
func whereAndHow(code, mechanism string, laws deal.Laws) string {
	if !laws.Restricted() || mechanism == "" {
		return countryText(code)
	}
	return countryText(code) + "; " + laws.TransferLabel(mechanism)
}

func subNames(list []deal.Subprocessor) []string {
	names := make([]string, len(list))
	for i, s := range list {
		names[i] = s.Name
	}
	return names
}

// controllerTransferText describes the Module One data of a deal (Annex
// I.B, Part 2), which Provider receives as a controller in its own right,
// given where the standard has none, or left out. (Where both have it,
// each of its fields that differs is a deviation of its own.)
func controllerTransferText(got, want *deal.Processing) string {
	const what = "Module One: personal data Provider receives as a controller in its own right (Annex I.B, Part 2)"
	if got == nil {
		return what + ": none (standard: as the profile describes it)"
	}
	text := fmt.Sprintf("%s: data subjects %s; data categories %s; purposes %s; retention %q",
		what, quotedJoin(got.DataSubjects), quotedJoin(got.DataCategories), quotedJoin(got.Purposes), got.Retention)
	if want != nil {
		return text
	}
	return text + " (standard none)"
}

// quotedJoin joins items in quotes: "a", "b" and "c".
func quotedJoin(items []string) string {
	q := make([]string, len(items))
	for i, it := range items {
		q[i] = `"` + it + `"`
	}
	return wording.Join(q)
}

// labelled prefixes changes with the label of its term, or returns "" when
// there are none.
func labelled(label, changes string) string {
	if changes == "" {
		return ""
	}
	return label + ": " + changes
}

// stringsChanges describes a list of texts by what it adds and leaves out,
// or returns "" when it has the same entries: their order is no term of
// the agreement (each list is a description, not a ranking).
func stringsChanges(got, want []string) string {
	var added, left []string
	for _, s := range got {
		if !slices.Contains(want, s) {
			added = append(added, `"`+s+`"`)
		}
	}
	for _, s := range want {
		if !slices.Contains(got, s) {
			left = append(left, `"`+s+`"`)
		}
	}
	var parts []string
	if len(added) > 0 {
		parts = append(parts, "adds "+wording.Join(added))
	}
	if len(left) > 0 {
		parts = append(parts, "leaves out "+wording.Join(left))
	}
	return strings.Join(parts, "; ")
}

// measuresText describes an Annex II selection that differs from the
// standard one.
func measuresText(got, want deal.Measures, catalog Catalog) string {
	var all []string
	text := map[string]string{}
	for _, c := range catalog.Categories {
		for _, m := range c.Measures {
			all = append(all, m.ID)
			text[m.ID] = m.Text
		}
	}
	ids := func(m deal.Measures) []string {
		if m.All {
			return all
		}
		return m.IDs
	}
	g, w := ids(got), ids(want)
	var left []string
	for _, id := range w {
		if !slices.Contains(g, id) {
			left = append(left, id)
		}
	}
	var added []string
	for _, id := range g {
		if !slices.Contains(w, id) {
			added = append(added, id)
		}
	}
	std := "standard: the selected measures"
	if want.All {
		std = "standard: the whole catalogue"
	}
	var parts []string
	if len(left) > 0 {
		parts = append(parts, "leaves out "+plural(len(left), "catalogue measure")+" ("+measureTexts(left, text)+")")
	}
	if len(added) > 0 {
		parts = append(parts, "adds "+plural(len(added), "catalogue measure")+" ("+measureTexts(added, text)+")")
	}
	if len(parts) == 0 {
		return "Annex II measures: the same measures, selected by id (" + std + ")"
	}
	return "Annex II measures: " + strings.Join(parts, "; ") + " (" + std + ")"
}

// extraMeasuresText describes deal-specific Annex II measures that differ
// from the standard ones.
func extraMeasuresText(got, want []deal.Measure) string {
	text := func(ms []deal.Measure) []string {
		out := make([]string, len(ms))
		for i, m := range ms {
			out[i] = m.Category + ": " + m.Text
		}
		return out
	}
	return labelled("Annex II additional measures", stringsChanges(text(got), text(want)))
}

// negotiatedDeviations lists, one a clause, the approved fallbacks d uses
// in place of the standard's (got against want: the standard text, or the
// profile's own fallback), each with what it changes when the library
// knows it, and the profile's fallbacks d does not use. A fallback that
// prints, in d, the same clause as the standard's (late-objection under
// Clause 9 Option 1, see sameClause) is no deviation: the DPA is the
// standard's there, and listing it would tell the reviewer of a concession
// the customer does not have. It is returned apart, in withoutEffect.
// Without a library every differing clause is a deviation.
func negotiatedDeviations(d *deal.Deal, got, want map[string]string, lib *Library) (devs, withoutEffect []Deviation) {
	ids := slices.Sorted(maps.Keys(got))
	for _, id := range slices.Sorted(maps.Keys(want)) {
		if _, ok := got[id]; !ok {
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		if want[id] == got[id] {
			continue
		}
		path := "negotiated." + id
		if lib != nil && sameClause(lib, Limits{}, d, id, got[id], want[id]) {
			withoutEffect = append(withoutEffect, Deviation{Path: path, Text: noEffectText(id, got[id], want[id])})
			continue
		}
		devs = append(devs, Deviation{Path: path, Text: fallbackText(id, got[id], want[id], lib)})
	}
	return devs, withoutEffect
}

// fallbackText describes the fallback got of the clause id, which a deal
// uses where the standard uses want ("" for the standard text), or, when
// got is "", the standard text a deal uses where the standard uses the
// fallback want.
func fallbackText(id, got, want string, lib *Library) string {
	if got == "" {
		return fmt.Sprintf("clause %s: standard text (standard fallback %s)", id, want)
	}
	text := fmt.Sprintf("clause %s: approved fallback %s", id, got)
	if fb, ok := lib.fallback(id, got); ok {
		if fb.Unapproved() {
			text = fmt.Sprintf("clause %s: fallback %s, %s", id, got, fb.ApprovalText())
		}
		text += " (" + strings.TrimSuffix(fb.Changes, ".") + ")"
	}
	if want != "" {
		return text + " (standard fallback " + want + ")"
	}
	return text + " (standard text otherwise)"
}

// noEffectText describes a fallback of the clause id that a deal
// negotiates (got, or the standard text for "") but that prints, in that
// deal, the same clause as the standard's (want, or the standard text for
// ""): what a reviewer needs is that the DPA reads as the standard there.
func noEffectText(id, got, want string) string {
	what := "fallback " + got
	if got == "" {
		what = "standard text"
	}
	std := "standard text"
	if want != "" {
		std = "the same text as the standard fallback " + want
	}
	return fmt.Sprintf("clause %s: %s, negotiated but without effect in this deal: %s", id, what, std)
}

// riderDeviations lists, one a rider, the special terms agreed for the
// deal alone.
func riderDeviations(riders []deal.Rider) []Deviation {
	out := make([]Deviation, len(riders))
	for i, r := range riders {
		out[i] = Deviation{Path: fmt.Sprintf("riders[%d]", i),
			Text: fmt.Sprintf("special term (rider) %q after clause %s, not in the standard: %s", r.Title, r.After, quotedParagraphs(r.Paragraphs()))}
	}
	return out
}

// quotedParagraphs quotes each paragraph of a rider, as its reviewer must
// read every word of it: "First." / "Second."
func quotedParagraphs(paras []string) string {
	q := make([]string, len(paras))
	for i, p := range paras {
		q[i] = `"` + p + `"`
	}
	return strings.Join(q, " / ")
}

// measureTexts names up to three catalogue measures by their wording,
// quoted, as a reader of the DPA knows them (an id the catalogue does not
// have by the id), and says how many more there are.
func measureTexts(ids []string, text map[string]string) string {
	const n = 3
	var out []string
	for _, id := range ids[:min(len(ids), n)] {
		if t, ok := text[id]; ok {
			out = append(out, `"`+t+`"`)
		} else {
			out = append(out, id)
		}
	}
	if len(ids) > n {
		out = append(out, fmt.Sprintf("%d more", len(ids)-n))
	}
	return wording.Join(out)
}
