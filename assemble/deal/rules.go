package deal

import (
	"fmt"
	"strings"

	"github.com/dpakit/dpakit/assemble/country"
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
		{RuleRoleModules, "the customer's role fits the modules: module 2 for a controller, module 3 for a processor", checkRoleModules},
		{RuleEUGoverningLaw, "Clause 17: the law of an EU Member State for modules 1-3", checkEUGoverningLaw},
		{RuleEUForum, "Clause 18: the courts of an EU Member State for modules 1-3", checkEUForum},
		{RuleGoverningLawOption, "Clause 17 Option 2 only with modules 2 and 3", checkGoverningLawOption},
		{RuleNoClause9, "a Clause 9 option only with module 2 or 3", checkNoClause9},
		{RuleSubprocessorOption, "a Clause 9 option (specific or general) with module 2 or 3", checkSubprocessorOption},
		{RuleNoticeDays, "a sub-processor notice period with module 2 or 3", checkNoticeDays},
		{RuleObjectionWindow, "an objection window no longer than the notice period", checkObjectionWindow},
		{RuleAnnexIII, "Clause 9 Option 1 needs a sub-processor list (Annex III)", checkAnnexIII},
		{RuleAnnexIIIDetails, "Clause 9 Option 1: each sub-processor's address, contact person, position and responsibilities (Annex III)", checkAnnexIIIDetails},
		{RuleController, "a description of the controller only for a customer that acts as processor", checkController},
		{RuleRedressBody, "a Clause 11(a) dispute resolution body named only with the option, and with its address", checkRedressBody},
		{RuleSupervisoryAuthority, "a supervisory authority for modules 1-3 (Clause 13)", checkSupervisoryAuthority},
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

// checkRoleModules: a controller customer exports under module 2, a
// processor customer under module 3.
func checkRoleModules(d *Deal, report reportFunc) {
	scc := d.SCC
	switch {
	case d.Customer.Role == Controller && scc.HasModule(3) && !scc.HasModule(2):
		report(scc.Modules, "scc.modules",
			"module 3 is for a processor exporting to a (sub-)processor, but the customer is a controller; a controller customer needs module 2 (controller to processor)")
	case d.Customer.Role == Processor && scc.HasModule(2) && !scc.HasModule(3):
		report(scc.Modules, "scc.modules",
			"module 2 is for a controller exporting to a processor, but the customer is a processor; a processor customer needs module 3 (processor to processor)")
	}
}

// checkEUGoverningLaw: Clause 17 of modules 1-3 requires the law of an EU
// Member State.
func checkEUGoverningLaw(d *Deal, report reportFunc) {
	if c := d.SCC.GoverningLaw; hasClause13(d.SCC) && country.Valid(c) && !country.IsEU(c) {
		report(c, "scc.governing_law", "%q is not an EU Member State; Clause 17 requires one for modules 1-3", c)
	}
}

// checkEUForum: Clause 18 of modules 1-3 requires the courts of an EU
// Member State.
func checkEUForum(d *Deal, report reportFunc) {
	if c := d.SCC.Forum; hasClause13(d.SCC) && country.Valid(c) && !country.IsEU(c) {
		report(c, "scc.forum", "%q is not an EU Member State; Clause 18 requires one for modules 1-3", c)
	}
}

// checkGoverningLawOption: Clause 17 Option 2 exists only in modules 2 and 3.
func checkGoverningLawOption(d *Deal, report reportFunc) {
	scc := d.SCC
	if scc.GoverningLawOption != 2 {
		return
	}
	for _, m := range []int{1, 4} {
		if scc.HasModule(m) {
			report(scc.GoverningLawOption, "scc.governing_law_option",
				"Option 2 of Clause 17 (the law of the exporter's Member State) exists only for modules 2 and 3; it cannot be chosen while module %d is selected", m)
			return
		}
	}
}

// checkNoClause9: a Clause 9 option makes no sense without Clause 9.
func checkNoClause9(d *Deal, report reportFunc) {
	scc := d.SCC
	if scc.SubprocessorOption != "" && !hasClause9(scc) && validModules(scc.Modules) {
		report(string(scc.SubprocessorOption), "scc.subprocessor_option",
			"must be empty: only modules 2 and 3 have Clause 9 (sub-processors), and %s selected", modulesPhrase(scc.Modules))
	}
}

// checkSubprocessorOption: Clause 9(a) needs one of its two options.
func checkSubprocessorOption(d *Deal, report reportFunc) {
	if hasClause9(d.SCC) && d.SCC.SubprocessorOption == "" {
		report("", "scc.subprocessor_option", "is required when module 2 or 3 is selected (Clause 9(a)): specific or general")
	}
}

// checkNoticeDays: Clause 9(a) needs a notice period.
func checkNoticeDays(d *Deal, report reportFunc) {
	if hasClause9(d.SCC) && d.SCC.SubprocessorNoticeDays < 1 {
		report(d.SCC.SubprocessorNoticeDays, "scc.subprocessor_notice_days",
			"is required when module 2 or 3 is selected: the number of days' advance notice of a new sub-processor (Clause 9(a))")
	}
}

// checkObjectionWindow: the objection window (under Option 1, the period to
// decide on authorisation) closes before a new sub-processor may start.
func checkObjectionWindow(d *Deal, report reportFunc) {
	n, o := d.SCC.SubprocessorNoticeDays, d.Subprocessors.ObjectionDays
	if n >= 1 && o > n && d.SCC.SubprocessorOption == SpecificAuthorisation && hasClause9(d.SCC) {
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
	if d.SCC.SubprocessorOption == SpecificAuthorisation && hasClause9(d.SCC) && len(d.Subprocessors.List) == 0 {
		report(d.Subprocessors.List, "subprocessors.list",
			`must list the sub-processors when scc.subprocessor_option is "specific": Clause 9(a) Option 1 authorises those listed in Annex III`)
	}
}

// checkSupervisoryAuthority: Clause 13 and Annex I.C name the competent
// supervisory authority. Blank text is the line rule's to report.
func checkSupervisoryAuthority(d *Deal, report reportFunc) {
	if !hasClause13(d.SCC) || d.SCC.SupervisoryAuthority != "" {
		return
	}
	if c := d.Customer.Country; country.Valid(c) && !country.IsEEA(c) {
		report("", "scc.supervisory_authority",
			"is required when the customer (data exporter) is established outside the EEA (Clause 13(a))")
		return
	}
	report("", "scc.supervisory_authority", "is required for modules 1-3 (Clause 13 and Annex I.C)")
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
			report(id, fmt.Sprintf("security.measures[%d]", i), "%s is listed twice (also at security.measures[%d])", quote(id), j)
			continue
		}
		first[id] = i
	}
}

// modulesPhrase writes "module 1 is" or "modules 1 and 4 are".
func modulesPhrase(mods []int) string {
	s := make([]string, len(mods))
	for i, m := range mods {
		s[i] = fmt.Sprint(m)
	}
	if len(s) == 1 {
		return "module " + s[0] + " is"
	}
	return "modules " + strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1] + " are"
}

// checkAnnexIIIDetails: under Clause 9 Option 1 the SCC Annex III lists,
// for each sub-processor, its address, a contact person's name, position
// and contact details, and a description of the processing with a clear
// delimitation of responsibilities.
func checkAnnexIIIDetails(d *Deal, report reportFunc) {
	if d.SCC.SubprocessorOption != SpecificAuthorisation || !hasClause9(d.SCC) {
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
