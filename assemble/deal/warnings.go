package deal

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/subproc"
	"github.com/dpakit/dpakit/assemble/suggest"
)

// Rule names of the warnings. A warning is a Problem that does not make a
// deal invalid: the DPA can be rendered and signed, but a lawyer reading it
// should know what the warning says.
const (
	// WarnNoRestrictedTransfer: the provider is established in the EEA or
	// in a country with an EU adequacy decision, so sending Customer
	// Personal Data to it is no restricted transfer and the SCCs apply only
	// if and when one arises.
	WarnNoRestrictedTransfer = "no_restricted_transfer"
	// WarnUndescribedData: a sub-processor processes a category of personal
	// data that Annex I.B (processing.data_categories) does not describe.
	WarnUndescribedData = "subprocessor_data_not_in_annex_i_b"
	// WarnSwissAdequacy: in a deal under both the GDPR and the FADP, a
	// sub-processor's transfer mechanism ("none", "adequacy") fits the EU's
	// adequacy decisions but not the Swiss Federal Council's list, so
	// personal data from Switzerland needs another safeguard. (Under the
	// FADP alone the same mismatch is a problem, rule
	// transfer_mechanism_country.)
	WarnSwissAdequacy = "swiss_adequacy"
)

// Warnings returns what a lawyer signing the DPA for d should be told
// although d is valid, in a fixed order: first the warning about the
// transfer, then the one about a customer outside the EEA without an
// Article 27 representative (or, with one, about a supervisory authority
// of another country), then those about a contact person without a
// position in Annex I.A (customer, then provider), then the one about
// courts of the SCCs (scc.forum) other than those of their governing law,
// then one per Swiss adequacy mismatch, then
// one per UK adequacy mismatch of a Swiss exporter with the UK Addendum, then
// one per sub-processor whose address is in a country that needs a
// safeguard although it processes where none is needed, then one per
// sub-processor in Canada relying on its partial adequacy finding, then
// one per undescribed sub-processor data category, in list
// order, then the one about deletion deadlines in processing.retention,
// then one per purpose of Annex I.B that only refers to the contract,
// then those about the CCPA business purposes, then the one about
// a German customer's Land, then one per party address that ends with its
// country's name, then the one about the audit period, then one per rider
// that refers to a clause of the DPA by its number. Each warning is a
// Problem with Path, Rule (one of the Warn* constants) and Message; File
// and Line are set only by LoadWithWarnings.
// Warnings never fail: it reads d as it is (call it on a defaulted deal)
// and returns nil when there is nothing to say. It works on an invalid
// deal too, so a form can show warnings next to problems.
func Warnings(d *Deal) []Problem {
	if d == nil {
		return nil
	}
	var ws []Problem
	if w, ok := transferWarning(d); ok {
		ws = append(ws, w)
	}
	if w, ok := transferBackWarning(d); ok {
		ws = append(ws, w)
	}
	ws = append(ws, representativeWarnings(d)...)
	ws = append(ws, exporterAuthorityWarnings(d)...)
	ws = append(ws, contactWarnings(d)...)
	ws = append(ws, forumWarnings(d)...)
	ws = append(ws, redressWarnings(d)...)
	ws = append(ws, ListWarnings(d, d.Subprocessors.List, listPrefix)...)
	ws = append(ws, undescribedData(d)...)
	ws = append(ws, retentionWarnings(d)...)
	ws = append(ws, purposeWarnings(d)...)
	ws = append(ws, ccpaWarnings(d)...)
	ws = append(ws, landWarnings(d)...)
	ws = append(ws, addressWarnings(d)...)
	ws = append(ws, auditWarnings(d)...)
	ws = append(ws, riderWarnings(d)...)
	return ws
}

// RestrictedTransfer reports whether sending Customer Personal Data from
// the customer to the provider is a restricted transfer under the GDPR: the
// provider is established in a country that is neither in the EEA nor
// covered by an EU adequacy decision for every recipient there (Commission
// Implementing Decision (EU) 2021/914, Art. 1(1) and recital 7: the SCCs
// are for an importer whose processing is not subject to the GDPR). The
// answer does not depend on where the customer is established: a customer
// outside the EEA that is subject to the GDPR exports too. For a Swiss
// exporter under the FADP alone the question is the FADP's: the provider's
// country is not on the Swiss Federal Council's list (country.SwissAdequate);
// for a UK exporter under UK Data Protection Laws alone it is the UK's: the
// provider's country is neither the United Kingdom nor covered by UK
// adequacy regulations (country.UKAdequate).
func RestrictedTransfer(d *Deal) bool {
	c := d.Provider.Country
	switch {
	case d.FADPOnly():
		return country.Valid(c) && !country.SwissAdequate(c)
	case d.UKOnly():
		return country.Valid(c) && !country.UKAdequate(c)
	}
	return country.Valid(c) && !country.IsEEA(c) && !subproc.Adequate(c)
}

// ListWarnings returns the warnings deal d gives of list as the
// sub-processor list of its customer's DPA, with paths below prefix
// ("subprocessors.list" for d's own list, "list" for a list file's): the
// transfer mechanisms that fit the law by which the list's transfers are
// judged (rule transfer_mechanism_country) but not the other law of the
// deal's transfers, the Swiss one (WarnSwissAdequacy) and then the UK's
// (WarnUKAdequacy), each in list order, then those of sub-processors whose
// address is in a country that needs a safeguard although they process
// where none is needed (WarnEstablishedAbroad), then those of sub-processors
// in Canada that rely on its adequacy finding, which covers only PIPEDA
// (WarnPartialAdequacy). Warnings gives them for d's own
// list; a change notice gives them for its new list, and the workbook
// export for the list it writes, so that neither says "None required"
// where the customer's DPA would be warned.
func ListWarnings(d *Deal, list []Subprocessor, prefix string) []Problem {
	ws := append(swissAdequacyWarnings(d, list, prefix), ukAdequacyWarnings(d, list, prefix)...)
	ws = append(ws, establishedAbroadWarnings(d, list, prefix)...)
	return append(ws, partialAdequacyWarnings(d, list, prefix)...)
}

// ListWarningRules returns the rule names of the warnings ListWarnings
// gives, in its order.
func ListWarningRules() []string {
	return []string{WarnSwissAdequacy, WarnUKAdequacy, WarnEstablishedAbroad, WarnPartialAdequacy}
}

// swissAdequacyWarnings warns, in a deal under both the GDPR and the FADP
// (or a UK exporter's under UK Data Protection Laws and the FADP, judged by
// the UK's adequacy regulations: see listOrigin), about each sub-processor
// of list whose mechanism the EU's (or the UK's) adequacy decisions allow but the Swiss Federal Council's list does not: one mechanism per
// sub-processor cannot state both, and the data from Switzerland needs a
// safeguard (Art. 16(2) FADP, such as the SCCs as the FDPIC recognised
// them).
func swissAdequacyWarnings(d *Deal, list []Subprocessor, prefix string) []Problem {
	if !d.GDPR.On() || !d.Swiss.Enabled || d.FADPOnly() {
		return nil
	}
	eu := map[string]bool{}
	for _, p := range (subproc.Rules{Origin: listOrigin(d)}).TransferProblems(list, prefix) {
		eu[p.Path] = true
	}
	// "adequacy" for a sub-processor in Switzerland stands for the data
	// from elsewhere; the data from Switzerland needs no safeguard there.
	skipAtHome(eu, subproc.FromSwitzerland, list, prefix)
	from := "the EEA"
	if d.UKOnly() {
		from = "the United Kingdom"
	}
	var ws []Problem
	for _, p := range subproc.SwissTransfers(list, prefix) {
		if eu[p.Path] {
			continue
		}
		ws = append(ws, Problem{Path: p.Path, Rule: WarnSwissAdequacy, Message: p.Message +
			" for personal data from Switzerland; as a sub-processor has one transfer mechanism for all its data, write that one, which serves the data from " + from + " as well"})
	}
	return ws
}

// skipAtHome marks in skip the transfer-mechanism paths of the entries of
// list (below prefix) that give "adequacy" for the country the data of
// origin o comes from (subproc.Origin.AdequacyAtHome): in a deal under two
// laws, such a mechanism stands for the data under the other law, and
// the data of o needs no safeguard there, so no adequacy warning is due.
func skipAtHome(skip map[string]bool, o subproc.Origin, list []Subprocessor, prefix string) {
	for i, s := range list {
		if o.AdequacyAtHome(s) {
			skip[fmt.Sprintf("%s[%d].transfer_mechanism", prefix, i)] = true
		}
	}
}

// transferWarning warns when no restricted transfer takes place between the
// parties although the DPA incorporates the SCCs.
func transferWarning(d *Deal) (Problem, bool) {
	c := d.Provider.Country
	if !country.Valid(c) || RestrictedTransfer(d) || len(d.SCC.Modules) == 0 {
		return Problem{}, false
	}
	where := "in the EEA"
	switch {
	case d.FADPOnly():
		where = "a country the Swiss Federal Council lists as adequate"
	case d.UKOnly() && c == "GB":
		where = "the customer's own country"
	case d.UKOnly() && !country.IsEEA(c):
		where = "a country to which regulations under Article 45A of the UK GDPR approve transfers"
	case !country.IsEEA(c):
		where = "a country with an EU adequacy decision"
	}
	return Problem{Path: "provider.country", Rule: WarnNoRestrictedTransfer, Message: fmt.Sprintf(
		"no restricted transfer takes place: the provider is established in %s (%s), so the Standard Contractual Clauses apply only if and when a restricted transfer from the customer to the provider arises, and the scc selections stand for that case",
		country.WithArticle(c), where)}, true
}

// WarnTransferBack: the provider is established in the EEA and the customer
// outside it, in a country no EU adequacy decision covers for every
// recipient. Whenever Provider returns Customer Personal Data to Customer,
// or Customer reaches it from there, an EU processor transfers personal
// data to a third country (EDPB Guidelines 05/2021): a transfer with
// Provider as the data exporter, which this DPA's SCCs (Customer as the
// exporter) do not cover. It needs a safeguard of its own (Module Four for
// a controller customer, Module Three for a processor customer; the 2021
// SCCs are not designed for an importer the GDPR already reaches under its
// Article 3(2), Decision (EU) 2021/914, recital 7), which dpakit does not
// assemble.
const WarnTransferBack = "transfer_back_to_customer"

// transferBackWarning warns of the transfer from a provider in the EEA back
// to a customer outside it (WarnTransferBack).
func transferBackWarning(d *Deal) (Problem, bool) {
	p, c := d.Provider.Country, d.Customer.Country
	if !d.EUGDPRApplies() || !country.IsEEA(p) || !country.Valid(c) || country.IsEEA(c) || subproc.Adequate(c) {
		return Problem{}, false
	}
	module := "Module Four"
	if d.Customer.Role == Processor {
		module = "Module Three"
	}
	covered := "an adequacy decision covers Customer"
	if c == "US" {
		covered += " (the EU-US Data Privacy Framework, for a company certified under it)"
	}
	return Problem{Path: "customer.country", Rule: WarnTransferBack, Message: fmt.Sprintf(
		"the provider is established in %s, in the EEA, and the customer in %s: whenever Provider returns Customer Personal Data to Customer or Customer reaches it from there, Provider transfers it out of the EEA as the data exporter, which this DPA's Standard Contractual Clauses (Customer as the exporter) do not cover; unless %s, that transfer needs an Article 46 safeguard of its own, agreed separately and not assembled by dpakit: as this DPA treats the GDPR as reaching Customer under its Article 3(2), the 2021 clauses are not designed for Customer as importer (Decision (EU) 2021/914, recital 7) and none for that case have been adopted; %s of the Standard Contractual Clauses, with Provider as the data exporter, is the usual stop-gap, on legal advice",
		country.WithArticle(p), country.WithArticle(c), covered, module)}, true
}

// undescribedData warns once about each sub-processor data category that
// Annex I.B does not describe, at its first use, naming every sub-processor
// that processes it. A category counts as described when each of its
// significant words (ignoring case, a plural "s" and words such as "and",
// "of" or "data") appears in one of processing.data_categories: "First
// name" is described by "First and last name, email address", "IP
// addresses" by "IP address". An entry that refers to Annex I.B itself
// ("All categories described in Annex I.B") is described by definition.
func undescribedData(d *Deal) []Problem {
	return UndescribedData(d, d.Subprocessors.List, listPrefix, nil)
}

// UndescribedData is the WarnUndescribedData check of the entries of list
// (a list file's, whose path is prefix: "list") against the Annex I.B of
// d, for the entries keep accepts (nil accepts all): a change notice warns
// of the sub-processors it adds or changes whose data the customer's
// Annex I.B does not describe.
func UndescribedData(d *Deal, list []Subprocessor, prefix string, keep func(Subprocessor) bool) []Problem {
	described := make([]map[string]bool, 0, len(d.Processing.DataCategories))
	for _, c := range d.Processing.DataCategories {
		set := map[string]bool{}
		for _, w := range categoryWords(c) {
			set[w] = true
		}
		described = append(described, set)
	}
	type use struct {
		path, category string
		by             []string
	}
	var order []string
	uses := map[string]*use{}
	for i, s := range list {
		if keep != nil && !keep(s) {
			continue
		}
		for j, c := range s.Data {
			words := categoryWords(c)
			if isDescribed(c, words, described) {
				continue
			}
			key := strings.Join(words, " ")
			u, ok := uses[key]
			if !ok {
				u = &use{path: fmt.Sprintf("%s[%d].data[%d]", prefix, i, j), category: c}
				uses[key] = u
				order = append(order, key)
			}
			if !slices.Contains(u.by, s.Name) {
				u.by = append(u.by, s.Name)
			}
		}
	}
	ws := make([]Problem, 0, len(order))
	for _, key := range order {
		u := uses[key]
		ws = append(ws, Problem{Path: u.path, Rule: WarnUndescribedData, Message: fmt.Sprintf(
			"%s is not among the categories of personal data that Annex I.B describes (processing.data_categories), yet %s %s it; add it there, or describe it with the same words",
			suggest.Quote(u.category), someNames(u.by), verb(len(u.by), "processes", "process"))})
	}
	return ws
}

// isDescribed reports whether a category with the given significant words
// is described by one of the word sets of Annex I.B.
func isDescribed(category string, words []string, described []map[string]bool) bool {
	if len(words) == 0 || strings.Contains(strings.ToLower(category), "annex i.b") {
		return true
	}
	for _, set := range described {
		all := true
		for _, w := range words {
			if !set[w] {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// minorWords carry no meaning of their own in a data category.
var minorWords = map[string]bool{
	"a": true, "an": true, "and": true, "or": true, "of": true, "the": true, "for": true,
	"in": true, "on": true, "to": true, "with": true, "by": true, "from": true, "data": true,
	"other": true, "such": true, "as": true, "including": true, "e": true, "g": true,
}

// categoryWords returns the significant words of a data category, lower
// case, without a plural "s".
func categoryWords(s string) []string {
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := fields[:0]
	for _, w := range fields {
		switch {
		case len(w) > 4 && strings.HasSuffix(w, "sses"):
			w = strings.TrimSuffix(w, "es") // addresses
		case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
			w = strings.TrimSuffix(w, "s")
		}
		if !minorWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// namesShown is how many sub-processors a warning names before it counts
// the rest: a category used by hundreds of them gives one readable line.
const namesShown = 5

// someNames quotes the names and joins them as andList does, naming at
// most namesShown: "\"A\", \"B\", \"C\", \"D\", \"E\" and 7 others".
func someNames(names []string) string {
	shown := namesShown
	if len(names) == namesShown+1 {
		shown++ // "and 1 other" would save nothing
	}
	quoted := make([]string, 0, shown+1)
	for _, n := range names[:min(len(names), shown)] {
		quoted = append(quoted, suggest.Quote(n))
	}
	if rest := len(names) - len(quoted); rest > 0 {
		quoted = append(quoted, fmt.Sprintf("%d %s", rest, verb(rest, "other", "others")))
	}
	return andList(quoted)
}

// andList writes "a", "a and b", "a, b and c".
func andList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// verb picks the singular or plural form for n subjects.
func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
