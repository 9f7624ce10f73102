package deal

import (
	"github.com/dpakit/dpakit/assemble/subproc"
	"strings"
)

// The sub-processor vocabulary and list rules live in package subproc,
// which the list importer shares without this package's dependencies; the
// names below keep them part of the deal's API.

// Subprocessor is one entry of the sub-processor list (Annex III and the
// workbook).
type Subprocessor = subproc.Subprocessor

// Choice is one code of a closed set with its label and the other words
// that an imported sheet may use for it.
type Choice = subproc.Choice

// Sub-processor categories.
const (
	CategoryInfrastructure = subproc.CategoryInfrastructure
	CategoryService        = subproc.CategoryService
)

// Transfer mechanisms.
const (
	TransferNone     = subproc.TransferNone
	TransferAdequacy = subproc.TransferAdequacy
	TransferSCC      = subproc.TransferSCC
	TransferDPF      = subproc.TransferDPF
	TransferBCR      = subproc.TransferBCR
)

// Laws are the data protection laws that govern a deal's restricted
// transfers, which decide how a transfer mechanism is named (see
// subproc.Laws and (*Deal).TransferLaws).
type Laws = subproc.Laws

// TransferLaws returns the data protection laws that govern d's restricted
// transfers: the GDPR for every deal with an EEA, UK or Swiss nexus except
// a Swiss exporter's under the FADP alone and a UK exporter's under UK Data
// Protection Laws alone (EUGDPRApplies), UK Data Protection Laws with the
// UK Addendum, the FADP with the Swiss terms; none without such a nexus
// (gdpr.applies: false). The templates' .GDPRApplies and .FADPApplies are
// its GDPR and FADP.
func (d *Deal) TransferLaws() Laws {
	if !d.GDPR.On() {
		return Laws{}
	}
	return Laws{GDPR: d.EUGDPRApplies(), UK: d.UKAddendum.Enabled, FADP: d.Swiss.Enabled, UKExporter: d.UKOnly()}
}

// Categories returns the sub-processor categories in drop-list order.
func Categories() []Choice { return subproc.Categories() }

// TransferMechanisms returns the transfer mechanisms in drop-list order.
func TransferMechanisms() []Choice { return subproc.TransferMechanisms() }

// Codes returns the codes of choices, in order.
func Codes(choices []Choice) []string { return subproc.Codes(choices) }

// Labels returns the labels of choices, in order.
func Labels(choices []Choice) []string { return subproc.Labels(choices) }

// Label returns the label of code among choices, and false for an unknown
// code.
func Label(choices []Choice, code string) (string, bool) { return subproc.Label(choices, code) }

// CategoryLabel spells out a category code; an unknown code is returned as
// it is.
func CategoryLabel(code string) string { return subproc.CategoryLabel(code) }

// TransferLabel spells out a transfer mechanism code; an unknown code is
// returned as it is.
func TransferLabel(code string) string { return subproc.TransferLabel(code) }

// MatchChoice finds the code that s names among choices (see
// subproc.MatchChoice).
func MatchChoice(choices []Choice, s string) (string, bool) { return subproc.MatchChoice(choices, s) }

// FoldWords lower-cases s and turns every run of characters other than
// letters and digits into one space, trimmed.
func FoldWords(s string) string { return subproc.FoldWords(s) }

// NameKey is the key by which two entries name the same sub-processor (see
// subproc.NameKey).
func NameKey(name string) string { return subproc.NameKey(name) }

// listPrefix is the path of a deal's sub-processor list.
const listPrefix = "subprocessors.list"

// ListRules returns the list rules as this Validator applies them (with
// its printable check) to the list of deal d, for the importer to check a
// sheet's rows by: d decides where the data comes from (see listOrigin). A
// nil d stands for a deal under the GDPR.
func (v *Validator) ListRules(d *Deal) subproc.Rules {
	rules := subproc.Rules{Printable: v.printable}
	if d != nil {
		rules.Origin = listOrigin(d)
	}
	return rules
}

// listOrigin returns where the data deal d's sub-processors receive comes
// from, from which their transfer mechanisms are judged: no restricted
// transfer without an EEA, UK or Swiss nexus (gdpr.applies: false), so any
// mechanism, "none" included, fits any country; Switzerland for a Swiss
// exporter under the FADP alone; the United Kingdom for a UK exporter under
// UK Data Protection Laws alone (with the Swiss terms on too, regulations
// under Article 45A UK GDPR still decide, and swissAdequacyWarnings warns where
// the Swiss list differs); else the EEA.
func listOrigin(d *Deal) subproc.Origin {
	switch {
	case !d.GDPR.On():
		return subproc.NoRestrictedTransfer
	case d.FADPOnly():
		return subproc.FromSwitzerland
	case d.UKOnly():
		return subproc.FromUK
	}
	return subproc.FromEEA
}

// ValidateList checks a sub-processor list on its own (a list file, the
// list of a profile) by exactly the rules a deal's subprocessors.list must
// meet: every entry's fields, unique names, and transfer mechanisms that fit
// the country. d is the deal whose customer the list serves and decides,
// as for its own list, whether transfer mechanisms are judged (a deal with
// gdpr.applies: false has no restricted transfers); a nil d judges them as
// for a deal under the GDPR. Problem paths start with prefix ("list" gives
// "list[3].country"); file names the file for messages.
func (v *Validator) ValidateList(d *Deal, list []Subprocessor, file, prefix string) error {
	found := v.ListRules(d).Check(list, prefix)
	if len(found) == 0 {
		return nil
	}
	problems := make([]Problem, len(found))
	for i, p := range found {
		problems[i] = Problem{File: file, Path: p.Path, Rule: p.Rule, Message: p.Message}
	}
	out := newValidationError(problems)
	out.File = file
	return out
}

// listFieldProblems checks the fields of each entry of d's list.
func (v *Validator) listFieldProblems(d *Deal) []Problem {
	var ps []Problem
	for _, p := range v.ListRules(d).Entries(d.Subprocessors.List, listPrefix) {
		if p.Message == subproc.EmptyEntry {
			p.Message = emptyEntry(p.Path) // with what the list holds
		}
		ps = append(ps, Problem{Path: p.Path, Rule: p.Rule, Message: p.Message})
	}
	return ps
}

// reportList reports the problems of a list rule.
func reportList(ps []subproc.Problem, report reportFunc) {
	for _, p := range ps {
		report("", p.Path, "%s", p.Message)
	}
}

// checkDuplicateSubprocessor: each sub-processor is named once (names
// compared as NameKey does).
func checkDuplicateSubprocessor(d *Deal, report reportFunc) {
	reportList(subproc.Duplicates(d.Subprocessors.List, listPrefix), report)
}

// checkTransferMechanisms: each sub-processor's transfer mechanism fits its
// country, judged from where the data comes from (see listOrigin): a Swiss
// exporter under the FADP alone by the Swiss Federal Council's list of
// adequate countries (country.SwissAdequate), a UK exporter under UK Data
// Protection Laws alone by regulations under Article 45A UK GDPR
// approving transfers (country.UKAdequate), a deal without an EEA, UK or
// Swiss nexus not at all, every other deal by the EU's list, a deal under
// both laws being warned where the Swiss list differs (WarnSwissAdequacy).
func checkTransferMechanisms(d *Deal, report reportFunc) {
	rules := subproc.Rules{Origin: listOrigin(d)}
	reportList(rules.TransferProblems(d.Subprocessors.List, listPrefix), report)
}

// ContactHasDetails reports whether a sub-processor's contact (free text:
// "AWS EMEA Privacy Team, aws-EU-privacy@amazon.example") gives contact
// details beside the name: an email address, or a telephone number (six
// digits or more). Annex III under Clause 9(a) Option 1 gives a contact
// person's name, position and contact details; a name alone gives none.
func ContactHasDetails(contact string) bool {
	if strings.Contains(contact, "@") {
		return true
	}
	digits := 0
	for _, r := range contact {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits >= 6
}
