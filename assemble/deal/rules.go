package deal

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/subproc"
	"github.com/dpakit/dpakit/assemble/suggest"
)

// CrossRule is one rule that relates several fields of a deal. Each rule is
// a small named function; CrossRules lists them all, and the README's list
// of cross-field rules is tested against that list.
type CrossRule struct {
	// Name is the rule name its problems carry, such as "eu_governing_law".
	Name string
	// Summary says in one line what the rule requires.
	Summary string
	check   func(d *Deal, report reportFunc)
}

// reportFunc records one problem: the offending value, its path, and the
// message (a format and its arguments).
type reportFunc func(value any, path, format string, args ...any)

// CrossRules returns the cross-field rules in the order their problems are
// reported, after every field problem.
func CrossRules() []CrossRule {
	return []CrossRule{
		{RuleDateRange, "the effective date lies between 2000-01-01 and 2100-12-31", checkDateRange},
		{RuleNoNexus, "gdpr.applies false only for a US-only deal: customer and provider outside the EEA, UK and Switzerland, no modules, UK Addendum, Swiss terms or controller_transfer, and the CCPA terms on", checkNoNexus},
		{RuleModulesRequired, "SCC modules are required unless gdpr.applies is false", checkModulesRequired},
		{RuleDPAModule, "module 2 or 3 is selected (this DPA governs processing on Customer's behalf); module 4 is refused; module 1 only beside them", checkDPAModule},
		{RuleRoleModules, "the customer's role fits the modules: module 2 for a controller, module 3 for a processor (alone: a customer that is the controller of some data and a processor of the rest is a controller with modules 2 and 3), module 1 only beside module 2 (a processor customer's own data as a controller needs a separate Module One arrangement)", checkRoleModules},
		{RuleControllerTransfer, "controller_transfer (Annex I.B, Part 2) exactly when module 1 is selected", checkControllerTransfer},
		{RuleSCCRequired, "Clause 17 governing law and Clause 18 forum are given unless gdpr.applies is false", checkSCCRequired},
		{RuleEUGoverningLaw, "Clause 17: the law of an EU Member State for modules 1-3 (an EEA State for an EEA EFTA exporter; Switzerland for FADP-only transfers; England and Wales (GB) alone for UK-only transfers)", checkEUGoverningLaw},
		{RuleEUForum, "Clause 18: the courts of an EU Member State for modules 1-3 (an EEA State for an EEA EFTA exporter; Switzerland for FADP-only transfers; England and Wales (GB) alone for UK-only transfers)", checkEUForum},
		{RuleGoverningLawOption, "Clause 17 Option 2 only with modules 2 and 3 and an exporter established in the EEA, and with another Member State's law as its fallback", checkGoverningLawOption},
		{RuleNoClause9, "a Clause 9 option only with module 2 or 3", checkNoClause9},
		{RuleSubprocessorOption, "a Clause 9 option (specific or general) with module 2 or 3", checkSubprocessorOption},
		{RuleNoticeDays, "a sub-processor notice period with module 2 or 3", checkNoticeDays},
		{RuleObjectionWindow, "an objection window no longer than the notice period", checkObjectionWindow},
		{RuleAnnexIII, "Clause 9 Option 1 needs a sub-processor list (Annex III)", checkAnnexIII},
		{RuleAnnexIIIDetails, "Clause 9 Option 1: each sub-processor's address, contact person, position and responsibilities (Annex III)", checkAnnexIIIDetails},
		{RuleController, "a description of the controller only for a customer that acts as processor", checkController},
		{RuleRedressBody, "a Clause 11(a) dispute resolution body named only with the option, and with its address", checkRedressBody},
		{RuleSupervisoryAuthority, "a supervisory authority for modules 1-3 (Clause 13), except for a Swiss exporter under the FADP alone and a UK exporter under UK Data Protection Laws alone (the UK Addendum on), named, not given as a country code, and never the FDPIC or the UK Information Commissioner, which the Swiss terms and the UK Addendum name", checkSupervisoryAuthority},
		{RuleRepresentative, "customer.representative (Art. 27 GDPR) only for a customer established outside the EEA whose processing the GDPR reaches (Art. 3(2)): not for an EEA customer, a US-only deal (gdpr.applies false) or a Swiss exporter under the FADP alone", checkRepresentative},
		{RuleState, "customer.state is a subdivision of customer.country, and one of the 16 Länder for Germany", checkState},
		{RuleSwissExporter, "a customer established in Switzerland needs the Swiss terms (swiss.enabled)", checkSwissExporter},
		{RuleUKExporter, "a customer established in the United Kingdom needs the UK Addendum (uk_addendum.enabled), unless the provider is established there too", checkUKExporter},
		{RuleEEAProvider, "a provider established in the EEA only with the GDPR governing the customer's processing too: not with a Swiss exporter under the FADP alone or a UK exporter under UK Data Protection Laws alone", checkEEAProvider},
		{RuleUKEndingParty, "the UK Addendum's ending party (Table 4) when it is enabled", checkUKEndingParty},
		{RuleSpecialSafeguards, "safeguards for special categories of data", checkSpecialSafeguards},
		{RuleDuplicateSubprocessor, "each sub-processor named once", checkDuplicateSubprocessor},
		{RuleTransferMechanism, "each sub-processor's transfer mechanism fits its country", checkTransferMechanisms},
		{RuleMeasures, `Annex II measures selected: "all" or a list of ids`, checkMeasuresSelected},
		{RuleMeasureID, "each measure id well formed", checkMeasureIDs},
		{RuleDuplicateMeasure, "each measure id listed once", checkDuplicateMeasures},
	}
}

// checkDateRange: effective dates outside 2000-2100 are typing mistakes.
func checkDateRange(d *Deal, report reportFunc) {
	if t := d.EffectiveDate; !t.IsZero() && (t.Before(minDate) || t.After(maxDate)) {
		report(t.String(), "effective_date", "%s is outside the accepted range 2000-01-01 to 2100-12-31", t)
	}
}

// checkModulesRequired: a deal with an EEA, UK or Swiss nexus selects SCC
// modules.
func checkModulesRequired(d *Deal, report reportFunc) {
	if d.GDPR.On() && len(d.SCC.Modules) == 0 {
		report(d.SCC.Modules, "scc.modules",
			"is required: the SCC modules, 2 for a controller customer and 3 for a processor (or gdpr.applies: false for a deal with no EEA, UK or Swiss nexus)")
	}
}

// dpaModuleProblem reports whether the modules cannot carry this DPA at
// all (module 4, or neither module 2 nor 3); the role and Module One rules
// then stay silent rather than repeat it.
func dpaModuleProblem(s SCC) bool {
	return validModules(s.Modules) && (s.HasModule(4) || (!s.HasModule(2) && !s.HasModule(3)))
}

// checkDPAModule: this DPA governs processing that Provider performs on
// Customer's behalf (GDPR Art. 28), so module 2 or 3 is selected. Module
// Four is refused: Customer would process data as Provider's processor and
// this DPA has no terms binding it as such. Module One alone would make
// Provider a controller of all the data, which is no DPA at all.
func checkDPAModule(d *Deal, report reportFunc) {
	scc := d.SCC
	if !dpaModuleProblem(scc) {
		return
	}
	if scc.HasModule(4) {
		report(scc.Modules, "scc.modules",
			"%s", module4Message)
		return
	}
	report(scc.Modules, "scc.modules",
		"%s selected without module 2 or 3; this DPA governs processing Provider performs on Customer's behalf, which needs module 2 (controller customer) or 3 (processor customer). Add module 1 beside module 2 only for personal data Provider receives as a controller in its own right, described in controller_transfer", modulesPhrase(scc.Modules))
}

// module4Message is the refusal of Module Four. In this DPA Customer is the
// data exporter; Module Four has a processor export to its controller, so
// selected here it would make Customer Provider's processor. The transfer
// that Module Four does serve in a vendor's DPA runs the other way, from a
// provider in the EEA back to a customer outside it, with Provider as the
// exporter, and dpakit does not assemble it.
const module4Message = "module 4 (processor to controller) cannot be selected: in this DPA Customer is the data exporter and Provider the data importer, and under Module Four the exporter is a processor sending personal data to its controller, so Customer would be Provider's processor, the reverse of the processing this DPA governs. Select module 2 (controller customer) or 3 (processor customer). A transfer the other way, from a Provider established in the EEA to a Customer outside it (Customer Personal Data returned to Customer or made available to it there), needs a safeguard of its own with Provider as the data exporter unless an adequacy decision covers Customer (Module Four for a controller customer, Module Three for a processor customer, where the GDPR does not reach Customer; for a Customer it reaches under Article 3(2), the 2021 clauses are not designed, Decision (EU) 2021/914, recital 7, and they are at most a stop-gap), which dpakit does not assemble: agree it separately"

// checkRoleModules: a controller customer exports under module 2 (and, for
// Provider Controller Data, module 1), a processor customer under module 3.
// A processor customer is the controller of its own business data (Art.
// 4(7) GDPR) and may well send some to Provider as a controller, but this
// DPA supports Module One only beside Module Two, for a controller
// customer: such data needs a separate Module One arrangement.
func checkRoleModules(d *Deal, report reportFunc) {
	scc := d.SCC
	if dpaModuleProblem(scc) {
		return
	}
	switch {
	case d.Customer.Role == Controller && scc.HasModule(3) && !scc.HasModule(2):
		report(scc.Modules, "scc.modules",
			"module 3 is for a processor exporting to a (sub-)processor, but the customer is a controller; a controller customer needs module 2 (controller to processor)")
	case d.Customer.Role == Processor && scc.HasModule(2):
		report(scc.Modules, "scc.modules",
			"module 2 is for a controller exporting to a processor, but the customer is a processor; a processor customer needs module 3 alone (processor to processor). A customer that is the controller of some of the data and a processor of the rest is customer.role: controller with modules 2 and 3")
	case d.Customer.Role == Processor && scc.HasModule(1):
		report(scc.Modules, "scc.modules",
			"module 1 cannot be selected with module 3: dpakit supports Module One only beside Module Two, for a controller customer (customer.role: controller). For a processor customer select module 3 alone, and cover any personal data it sends Provider as a controller in its own right (its own business data) in a separate Module One arrangement")
	}
}

// checkControllerTransfer: Module One has its own description of the data
// Provider receives as a controller (Annex I.B, Part 2), and only Module
// One has one.
func checkControllerTransfer(d *Deal, report reportFunc) {
	if dpaModuleProblem(d.SCC) || !d.GDPR.On() {
		return // reported by dpa_module or no_gdpr_nexus
	}
	switch own := d.SCC.HasModule(1); {
	case own && d.ControllerTransfer == nil:
		report(nil, "controller_transfer",
			"is required when module 1 is selected: describe the personal data Provider receives as a controller (data subjects, data categories, frequency, nature, purposes, retention), which Annex I.B sets out apart from the processing on Customer's behalf")
	case !own && d.ControllerTransfer != nil:
		report(nil, "controller_transfer",
			"must be left out unless module 1 is selected: without it Provider receives no personal data as a controller under this DPA")
	}
}

// checkSCCRequired: Clauses 17 and 18 need a country.
func checkSCCRequired(d *Deal, report reportFunc) {
	if !d.GDPR.On() {
		return
	}
	if d.SCC.GoverningLaw == "" {
		report("", "scc.governing_law",
			"is required: the country whose law governs the Standard Contractual Clauses (Clause 17)")
	}
	if d.SCC.Forum == "" {
		report("", "scc.forum",
			"is required: the country whose courts resolve disputes under the Standard Contractual Clauses (Clause 18)")
	}
}

// checkEUGoverningLaw: Clause 17 of modules 1-3 requires the law of an EU
// Member State (see lawPlaceAllowed for the EEA EFTA and Swiss cases).
func checkEUGoverningLaw(d *Deal, report reportFunc) {
	if c := d.SCC.GoverningLaw; needsMemberState(d.SCC) && country.Valid(c) && !lawPlaceAllowed(c, d) {
		if d.UKOnly() {
			report(c, "scc.governing_law", "%q cannot govern the Standard Contractual Clauses of a UK exporter under UK Data Protection Laws alone (customer.country GB, the UK Addendum on, no scc.supervisory_authority): %s", c, ukLawPlaceHint(d, "17", "laws"))
			return
		}
		report(c, "scc.governing_law", "%q is not an EU Member State; Clause 17 requires one for modules 1-3%s: %s", c, lawPlaceHint(d), memberStateHint(d))
	}
}

// checkEUForum: Clause 18 of modules 1-3 requires the courts of an EU
// Member State (see lawPlaceAllowed).
func checkEUForum(d *Deal, report reportFunc) {
	if c := d.SCC.Forum; needsMemberState(d.SCC) && country.Valid(c) && !lawPlaceAllowed(c, d) {
		if d.UKOnly() {
			report(c, "scc.forum", "%q cannot be the forum of the Standard Contractual Clauses of a UK exporter under UK Data Protection Laws alone (customer.country GB, the UK Addendum on, no scc.supervisory_authority): %s", c, ukLawPlaceHint(d, "18", "courts"))
			return
		}
		report(c, "scc.forum", "%q is not an EU Member State; Clause 18 requires one for modules 1-3%s: %s", c, lawPlaceHint(d), memberStateHint(d))
	}
}

// checkGoverningLawOption: Clause 17 Option 2 (the law of the Member State
// where the exporter is established, or failing third-party beneficiary
// rights there the law of "another EU Member State", scc.governing_law)
// exists in modules 2 and 3 and applies
// to them even beside module 1 (which then takes Option 1 with the named
// law); it needs an exporter established in a Member State (an EEA EFTA
// State counts, see lawPlaceAllowed).
func checkGoverningLawOption(d *Deal, report reportFunc) {
	scc := d.SCC
	if scc.GoverningLawOption != 2 || dpaModuleProblem(scc) || !d.GDPR.On() {
		return
	}
	c := d.Customer.Country
	switch {
	case !scc.Clause9():
		report(scc.GoverningLawOption, "scc.governing_law_option",
			"Option 2 of Clause 17 (the law of the exporter's Member State) exists only for modules 2 and 3, and %s selected", modulesPhrase(scc.Modules))
	case country.Valid(c) && !country.IsEEA(c):
		report(scc.GoverningLawOption, "scc.governing_law_option",
			"Option 2 of Clause 17 applies the law of the EU Member State where the data exporter is established, and the customer is established in %s (%s), outside the EU; use Option 1 with scc.governing_law", country.WithArticle(c), c)
	case scc.GoverningLaw != "" && scc.GoverningLaw == c:
		report(scc.GoverningLaw, "scc.governing_law",
			"with Option 2 of Clause 17 (scc.governing_law_option), scc.governing_law names the fallback: the law of another EU Member State that allows third-party beneficiary rights, for the case where the law of the customer's own Member State does not; it cannot be the customer's own country %s. Name another Member State, or choose Option 1 to have the law of %s govern", suggest.Quote(c), country.WithArticle(c))
	}
}

// lawPlaceAllowed reports whether the law or courts of c may be chosen
// under Clauses 17 and 18 for modules 1-3 in deal d:
//
//   - an EU Member State, always;
//   - an EEA State, for an exporter established in an EEA EFTA State
//     (Iceland, Liechtenstein, Norway): the GDPR and the SCC decision apply
//     there through the EEA Agreement, whose Protocol 1 reads references to
//     EU Member States as including the EFTA States;
//   - Switzerland, for a Swiss exporter whose transfers the FADP alone
//     governs (no GDPR authority named), as the FDPIC's recognition of the
//     SCCs allows;
//   - for a UK exporter under UK Data Protection Laws alone (UKOnly), the
//     United Kingdom (England and Wales) only, as Part 2 of the UK
//     Addendum provides, and Swiss or EU law beside it where the Swiss
//     terms are on (see ukLawPlaceAllowed).
func lawPlaceAllowed(c string, d *Deal) bool {
	switch {
	case d.UKOnly():
		return ukLawPlaceAllowed(c, d)
	case country.IsEU(c):
		return true
	case country.IsEFTAEEA(d.Customer.Country) && country.IsEEA(c):
		return true
	case c == "CH" && d.FADPOnly():
		return true
	}
	return false
}

// lawPlaceHint adds to a governing-law message what else a deal of this
// kind may choose.
func lawPlaceHint(d *Deal) string {
	switch {
	case d.UKOnly():
		return ""
	case country.IsEFTAEEA(d.Customer.Country):
		return " or, for an exporter in an EEA EFTA State, an EEA State"
	case d.Customer.Country == "CH" && !d.FADPOnly():
		return " (Swiss law and courts only for transfers governed by the FADP alone, that is without scc.supervisory_authority)"
	}
	return ""
}

// FADPOnly reports whether the customer is a Swiss exporter whose transfers
// are governed by the FADP alone: no GDPR authority is named for it.
func (d *Deal) FADPOnly() bool {
	return d.Customer.Country == "CH" && d.SCC.SupervisoryAuthority == ""
}

// checkSwissExporter: a Swiss exporter's transfers need the FDPIC
// adaptations of the SCCs (swiss.enabled).
func checkSwissExporter(d *Deal, report reportFunc) {
	if d.Customer.Country == "CH" && d.GDPR.On() && !d.Swiss.Enabled {
		report(false, "swiss.enabled",
			"must be true when the customer (data exporter) is established in Switzerland: its transfers are governed by the FADP, under which the SCCs apply only with the FDPIC's adaptations")
	}
}

// checkUKExporter: a customer established in the United Kingdom exports
// under UK Data Protection Laws (UK GDPR, Chapter V), under which the EU
// SCCs serve as a safeguard only with the ICO's International Data Transfer
// Addendum (s. 119A Data Protection Act 2018); the UK Addendum also brings
// the DPA's references to the UK GDPR. A provider established in the United
// Kingdom receives no restricted transfer from it.
func checkUKExporter(d *Deal, report reportFunc) {
	if d.Customer.Country == "GB" && d.Provider.Country != "GB" && d.GDPR.On() && !d.UKAddendum.Enabled {
		report(false, "uk_addendum.enabled",
			"must be true when the customer (data exporter) is established in the United Kingdom: its transfers are governed by UK Data Protection Laws, under which the SCCs serve as a safeguard only with the UK Addendum")
	}
}

// checkEEAProvider: a provider established in the EEA processes under the
// GDPR (Art. 3(1)), whose Art. 28(3) requires a contract under Union or
// Member State law binding it (EDPB Guidelines 3/2018, section 2(b)); the
// DPA that dpakit assembles for a UK exporter under UK Data Protection Laws
// alone, or a Swiss exporter under the FADP alone, is under the law of
// England and Wales or Switzerland, names the UK or Swiss authority alone
// and provides for none of Provider's own obligations under the GDPR, so
// it cannot serve such a provider.
func checkEEAProvider(d *Deal, report reportFunc) {
	p := d.Provider.Country
	if !d.GDPR.On() || !country.IsEEA(p) || !(d.UKOnly() || d.FADPOnly()) {
		return
	}
	law := "UK Data Protection Laws alone (the UK Addendum on and no scc.supervisory_authority)"
	if d.FADPOnly() {
		law = "the Swiss FADP alone (no scc.supervisory_authority)"
	}
	report(p, "provider.country",
		"is in the EEA (%s), but the customer's processing is governed by %s: a processor established in the EEA is bound by the GDPR (Article 3(1)), including its Article 28(3), and dpakit's DPA for that case, under %s law and naming %s alone, provides neither for Provider's obligations under the GDPR nor for the competent EEA supervisory authority. If the GDPR also reaches the customer's processing (Article 3(2)), name the EU supervisory authority in scc.supervisory_authority; otherwise dpakit cannot assemble this DPA: one that binds Provider as the GDPR requires is needed",
		country.WithArticle(p), law, map[bool]string{true: "Swiss", false: "English"}[d.FADPOnly()], map[bool]string{true: "the FDPIC", false: "the Information Commissioner"}[d.FADPOnly()])
}

// checkState: customer.state lies in customer.country; for Germany it is
// one of the Länder, whose authority supervises the customer.
func checkState(d *Deal, report reportFunc) {
	s := d.Customer.State
	if s == "" || subdivisionProblem(s) != "" || !country.Valid(d.Customer.Country) {
		return
	}
	switch {
	case s[:2] != d.Customer.Country:
		report(s, "customer.state",
			"%s is a subdivision of %s, not of customer.country %s", suggest.Quote(s), country.WithArticle(s[:2]), suggest.Quote(d.Customer.Country))
	case d.Customer.Country == "DE" && !country.IsGermanLand(s):
		report(s, "customer.state",
			"%s is not one of the 16 German Länder (DE-BW, DE-BY, DE-BE, DE-BB, DE-HB, DE-HH, DE-HE, DE-MV, DE-NI, DE-NW, DE-RP, DE-SL, DE-SN, DE-ST, DE-SH, DE-TH)", suggest.Quote(s))
	}
}

// checkNoNexus: a deal that says gdpr.applies: false has nothing that
// depends on EU, UK or Swiss law, and the CCPA terms apply.
func checkNoNexus(d *Deal, report reportFunc) {
	if d.GDPR.On() {
		return
	}
	const why = "gdpr.applies is false (a deal with no EEA, UK or Swiss nexus has no SCC section)"
	for _, p := range []struct{ who, c string }{{"customer", d.Customer.Country}, {"provider", d.Provider.Country}} {
		if country.IsEEA(p.c) || p.c == "GB" || p.c == "CH" {
			report(false, "gdpr.applies",
				"cannot be false: the %s is established in %s, so EU, UK or Swiss data protection law applies to the processing", p.who, country.WithArticle(p.c))
		}
	}
	for _, f := range []struct {
		path string
		on   bool
	}{
		{"scc.modules", len(d.SCC.Modules) > 0},
		{"uk_addendum.enabled", d.UKAddendum.Enabled},
		{"swiss.enabled", d.Swiss.Enabled},
		{"controller_transfer", d.ControllerTransfer != nil},
	} {
		if f.on {
			report(nil, f.path, "must be left out: %s", why)
		}
	}
	if d.Customer.Role == Processor {
		report(d.Customer.Role, "customer.role",
			"must be controller when gdpr.applies is false: a US-only DPA is between a business and its service provider under the CCPA")
	}
	if !d.CCPA.Enabled {
		report(false, "ccpa.enabled",
			"must be true when gdpr.applies is false: without EU, UK or Swiss law the CCPA service-provider terms are the law this DPA implements")
	}
}

// subdivisionProblem explains why s is not an ISO 3166-2 subdivision code
// ("DE-BY", "US-NY"), or returns "".
func subdivisionProblem(s string) string {
	cc, sub, ok := strings.Cut(s, "-")
	valid := ok && country.Valid(cc) && len(sub) >= 1 && len(sub) <= 3
	for _, r := range sub {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			valid = false
		}
	}
	if !valid {
		return suggest.Quote(s) + ` is not an ISO 3166-2 subdivision code (the country code, a hyphen and up to three capital letters or digits, such as "DE-BY" for Bavaria)`
	}
	return ""
}

// checkNoClause9: a Clause 9 option makes no sense without Clause 9. Not
// while the modules themselves are refused (dpa_module: module 4, or
// module 1 alone): the fix is module 2 or 3, which needs the option, so
// telling the user to remove it would send them after the wrong field.
func checkNoClause9(d *Deal, report reportFunc) {
	scc := d.SCC
	if scc.SubprocessorOption != "" && !scc.Clause9() && validModules(scc.Modules) && !dpaModuleProblem(scc) {
		report(string(scc.SubprocessorOption), "scc.subprocessor_option",
			"must be empty: only modules 2 and 3 have Clause 9 (sub-processors), and %s selected", modulesPhrase(scc.Modules))
	}
}

// checkSubprocessorOption: Clause 9(a) needs one of its two options.
func checkSubprocessorOption(d *Deal, report reportFunc) {
	if d.SCC.Clause9() && d.SCC.SubprocessorOption == "" {
		report("", "scc.subprocessor_option", "is required when module 2 or 3 is selected (Clause 9(a)): specific or general")
	}
}

// checkNoticeDays: Clause 9(a) needs a notice period.
func checkNoticeDays(d *Deal, report reportFunc) {
	if d.SCC.Clause9() && d.SCC.SubprocessorNoticeDays < 1 {
		report(d.SCC.SubprocessorNoticeDays, "scc.subprocessor_notice_days",
			"is required, at least 1, when module 2 or 3 is selected: the number of days' advance notice of a new sub-processor (Clause 9(a))")
	}
}

// checkObjectionWindow: the objection window (under Option 1, the period to
// decide on authorisation) closes before a new sub-processor may start.
func checkObjectionWindow(d *Deal, report reportFunc) {
	n, o := d.SCC.SubprocessorNoticeDays, d.Subprocessors.ObjectionDays
	if n >= 1 && o > n && d.SCC.SubprocessorOption == SpecificAuthorisation && d.SCC.Clause9() {
		report(o, "subprocessors.objection_days",
			"%d days to give or refuse authorisation is longer than the %d days in advance in which the provider must ask for it (scc.subprocessor_notice_days); the decision would fall due after the proposed sub-processor was to start", o, n)
		return
	}
	if n >= 1 && o > n {
		report(o, "subprocessors.objection_days",
			"%d days is longer than the %d-day advance notice (scc.subprocessor_notice_days); a new sub-processor could start before the objection window closes", o, n)
	}
}

// checkAnnexIII: Clause 9 Option 1 authorises the sub-processors listed in
// Annex III, so the list must not be empty.
func checkAnnexIII(d *Deal, report reportFunc) {
	if d.SCC.SubprocessorOption == SpecificAuthorisation && d.SCC.Clause9() && len(d.Subprocessors.List) == 0 {
		report(d.Subprocessors.List, "subprocessors.list",
			`must list the sub-processors when scc.subprocessor_option is "specific": Clause 9(a) Option 1 authorises those listed in Annex III`)
	}
}

// checkSupervisoryAuthority: Clause 13 and Annex I.C name the competent
// supervisory authority. Blank text is the line rule's to report.
func checkSupervisoryAuthority(d *Deal, report reportFunc) {
	if a := d.SCC.SupervisoryAuthority; namesFDPIC(a) {
		report(a, "scc.supervisory_authority",
			"%s names the FDPIC, which is not a supervisory authority under the GDPR: the Swiss terms (swiss.enabled) name it for transfers governed by the FADP. Leave scc.supervisory_authority empty for a Swiss exporter that the GDPR does not reach, or name the EU authority of the Member State where its Article 27 representative is established", suggest.Quote(a))
		return
	}
	if a := d.SCC.SupervisoryAuthority; namesICO(a) {
		report(a, "scc.supervisory_authority",
			"%s names the UK Information Commissioner, which is not a supervisory authority under the EU GDPR: the UK Addendum names it for transfers under UK Data Protection Laws. Leave scc.supervisory_authority empty for a UK exporter that the EU GDPR does not reach (with uk_addendum.enabled, the DPA then speaks UK law only), or name the EU authority of the Member State where its Article 27 representative is established", suggest.Quote(a))
		return
	}
	if a := strings.TrimSpace(d.SCC.SupervisoryAuthority); len(a) == 2 && country.Valid(strings.ToUpper(a)) {
		code := strings.ToUpper(a)
		example := ""
		if name := country.SupervisoryAuthority(code); name != "" {
			example = ", such as " + suggest.Quote(name) + " for " + country.WithArticle(code)
		}
		report(d.SCC.SupervisoryAuthority, "scc.supervisory_authority",
			"%s is a country code, not an authority: Clause 13 and Annex I.C name the competent supervisory authority, so give its name and seat%s", suggest.Quote(d.SCC.SupervisoryAuthority), example)
		return
	}
	if !hasClause13(d.SCC) || d.SCC.SupervisoryAuthority != "" || d.Customer.Country == "CH" {
		return // a Swiss exporter names one only where the GDPR applies to it
	}
	if d.UKOnly() && d.Customer.Representative == nil {
		return // a UK exporter too: without one, the Information Commissioner (UK Addendum)
	}
	if r := d.Customer.Representative; r != nil && r.Country == "DE" {
		report("", "scc.supervisory_authority",
			"is required when the customer's representative in the Union is established in Germany (customer.representative.country): Clause 13(a) makes competent the supervisory authority of the German Land in which the representative is established (section 40 BDSG), such as the %s for Bavaria; name it", country.LandAuthority("DE-BY"))
		return
	}
	if c := d.Customer.Country; country.Valid(c) && !country.IsEEA(c) {
		hint := ""
		switch p := d.Provider.Country; {
		case country.IsEEA(p):
			hint = fmt.Sprintf("; a customer whose own processing the GDPR does not reach cannot have this DPA with a provider established in the EEA (%s): the GDPR binds Provider as a processor (Article 3(1)), and this DPA treats the GDPR as applying to Customer under Article 3(2)", country.WithArticle(p))
			if !subproc.Adequate(c) {
				hint += "; and Provider's transfers of Customer Personal Data to Customer (returning it, or Customer's access to it there) need a safeguard of their own with Provider as the data exporter unless an adequacy decision covers Customer (such as the EU-US Data Privacy Framework for a certified US company): Module Four for a controller customer, Module Three for a processor customer, which dpakit does not assemble"
			}
		case c == "GB" && !d.UKAddendum.Enabled:
			hint = "; a UK customer whose processing the EU GDPR does not reach needs none: set uk_addendum.enabled and leave scc.supervisory_authority empty, and the DPA speaks UK Data Protection Laws alone, with the Information Commissioner (also where the provider is in the United Kingdom and the UK Addendum then governs no transfer)"
		}
		report("", "scc.supervisory_authority",
			"is required when the customer (data exporter) is established outside the EEA (Clause 13(a)): the authority of the Member State where its Article 27 representative is established, or where the data subjects are; with customer.representative (Article 27 GDPR) given, it defaults to the authority of the representative's Member State%s", hint)
		return
	}
	report("", "scc.supervisory_authority", "is required for modules 1-3 (Clause 13 and Annex I.C)")
}

// namesFDPIC reports whether an authority's name is the Swiss Federal Data
// Protection and Information Commissioner's, in English or by its German,
// French or Italian abbreviation.
func namesFDPIC(authority string) bool {
	a := strings.ToLower(authority)
	if strings.Contains(a, "federal data protection and information commissioner") {
		return true
	}
	for _, w := range strings.FieldsFunc(a, func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "fdpic", "edöb", "pfpdt", "ifpdt":
			return true
		}
	}
	return false
}

// checkUKEndingParty: Table 4 of the UK Addendum names who may end it.
func checkUKEndingParty(d *Deal, report reportFunc) {
	if d.UKAddendum.Enabled && d.UKAddendum.EndingParty == "" {
		report("", "uk_addendum.ending_party",
			"is required when the UK Addendum is enabled (Table 4): importer, exporter or neither")
	}
}

// checkSpecialSafeguards: Annex I.B states the safeguards for sensitive data.
func checkSpecialSafeguards(d *Deal, report reportFunc) {
	if len(d.Processing.SpecialCategories) > 0 && d.Processing.SpecialSafeguards == "" {
		report("", "processing.special_safeguards",
			"is required when processing.special_categories lists sensitive data: Annex I.B must state the restrictions or safeguards applied to it")
	}
	if t := d.ControllerTransfer; t != nil && len(t.SpecialCategories) > 0 && t.SpecialSafeguards == "" {
		report("", "controller_transfer.special_safeguards",
			"is required when controller_transfer.special_categories lists sensitive data: Annex I.B must state the restrictions or safeguards applied to it")
	}
}

// checkMeasuresSelected: Annex II needs at least one measure.
func checkMeasuresSelected(d *Deal, report reportFunc) {
	if m := d.Security.Measures; !m.All && len(m.IDs) == 0 {
		report("", "security.measures", `is required: "all", or a list of measure ids`)
	}
}

// checkMeasureIDs: each measure id is a short token of letters, digits and
// - _ . /.
func checkMeasureIDs(d *Deal, report reportFunc) {
	for i, id := range d.Security.Measures.IDs {
		if msg := measureIDProblem(id); msg != "" {
			report(id, fmt.Sprintf("security.measures[%d]", i), "%s", msg)
		}
	}
}

// checkDuplicateMeasures: each well-formed measure id is listed once.
func checkDuplicateMeasures(d *Deal, report reportFunc) {
	first := map[string]int{}
	for i, id := range d.Security.Measures.IDs {
		if measureIDProblem(id) != "" {
			continue
		}
		if j, dup := first[id]; dup {
			report(id, fmt.Sprintf("security.measures[%d]", i), "%s is listed twice (also at security.measures[%d])", suggest.Quote(id), j)
			continue
		}
		first[id] = i
	}
}

// modulesPhrase writes "module 1 is", "modules 1 and 4 are" or, for no
// modules, "no module is".
func modulesPhrase(mods []int) string {
	s := make([]string, len(mods))
	for i, m := range mods {
		s[i] = fmt.Sprint(m)
	}
	switch len(s) {
	case 0:
		return "no module is"
	case 1:
		return "module " + s[0] + " is"
	}
	return "modules " + strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1] + " are"
}

// checkAnnexIIIDetails: under Clause 9 Option 1 the SCC Annex III lists,
// for each sub-processor, its address, a contact person's name, position
// and contact details, and a description of the processing with a clear
// delimitation of responsibilities.
func checkAnnexIIIDetails(d *Deal, report reportFunc) {
	if d.SCC.SubprocessorOption != SpecificAuthorisation || !d.SCC.Clause9() {
		return
	}
	for i, s := range d.Subprocessors.List {
		for _, f := range []struct{ key, value, what string }{
			{"address", s.Address, "its address"},
			{"contact", s.Contact, "a contact person's name and contact details"},
			{"contact_title", s.ContactTitle, "the contact person's position"},
			{"responsibilities", s.Responsibilities, "the delimitation of its responsibilities"},
		} {
			if strings.TrimSpace(f.value) == "" {
				report("", fmt.Sprintf("subprocessors.list[%d].%s", i, f.key),
					`is required when scc.subprocessor_option is "specific": Annex III under Clause 9(a) Option 1 gives, for each sub-processor, %s`, f.what)
			}
		}
		if strings.TrimSpace(s.Contact) != "" && !ContactHasDetails(s.Contact) {
			report(s.Contact, fmt.Sprintf("subprocessors.list[%d].contact", i),
				`gives a name but no contact details (an email address or a telephone number): Annex III under Clause 9(a) Option 1 gives, for each sub-processor, a contact person's name and contact details`)
		}
	}
}

// checkController: only a customer that acts as processor has a controller
// to describe.
func checkController(d *Deal, report reportFunc) {
	if d.Customer.Controller != "" && d.Customer.Role == Controller && !d.SCC.HasModule(3) {
		report(d.Customer.Controller, "customer.controller",
			"must be empty: it describes the controller on whose behalf a processor customer acts, and this customer is a controller (customer.role) without module 3")
	}
}

// checkRedressBody: the Clause 11(a) body is named only when the option
// applies, and then with its address.
func checkRedressBody(d *Deal, report reportFunc) {
	scc := d.SCC
	switch {
	case !scc.RedressBody && (scc.RedressBodyName != "" || scc.RedressBodyAddress != ""):
		path := "scc.redress_body_name"
		if scc.RedressBodyName == "" {
			path = "scc.redress_body_address"
		}
		report("", path, "must be empty unless scc.redress_body is true (the optional provision of Clause 11(a))")
	case scc.RedressBodyName != "" && scc.RedressBodyAddress == "":
		report("", "scc.redress_body_address", "is required when scc.redress_body_name names the dispute resolution body: data subjects need to know where to complain")
	case scc.RedressBodyName == "" && scc.RedressBodyAddress != "":
		report("", "scc.redress_body_name", "is required when scc.redress_body_address is given")
	}
}
