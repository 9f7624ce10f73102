package assemble_test

import (
	"testing"
)

// The fourth counsel's reading (2 December 2026): two customer-side
// reviewers read the UK-only, US-with-representative, negotiated and
// Module One DPAs end to end. Each test below is the regression test for
// one of their findings.

// TestCounsel4FallbacksKeepTheStandardTerms is the regression test for
// fallbacks that had fallen behind their standard clauses: the late
// objection dropped the UK Addendum from the sub-processor flow-down and
// printed thirty days for resolving an objection whatever the deal said;
// the telephone breach notice let Customer alone instruct Provider to
// notify a breach of a Controller's data; the Customer-measures security
// clause kept the old CCPA wording. dpakit lint now reports a fallback
// whose based_on is not its standard clause's version
// (TestLintFailsOnStaleFallback in cmd/dpakit).
func TestCounsel4FallbacksKeepTheStandardTerms(t *testing.T) {
	t.Run("late objection, UK Addendum", func(t *testing.T) {
		checkText(t, renderMD(t, "negotiated", "dpa"), []string{
			"under the Standard Contractual Clauses (and, for a transfer subject to UK Data Protection Laws, under the UK Addendum), including as regards third-party beneficiary rights",
			// The notice's date is the last day for an objection in
			// advance; a late one remains possible.
			"and the last day on which Customer may object in advance (a late objection to a new Sub-processor remaining possible as the next paragraph provides).",
		}, []string{"and the last day on which Customer may object."})
	})
	t.Run("late objection, UK law alone", func(t *testing.T) {
		d := fixtureDeal(t, "uk-only")
		d.Negotiated = map[string]string{"subprocessors": "late-objection"}
		checkText(t, dealMD(t, d, "dpa"), []string{
			"under the Standard Contractual Clauses as the UK Addendum amends them, including as regards third-party beneficiary rights",
		}, nil)
	})
	t.Run("late objection, the deal's resolution period", func(t *testing.T) {
		d := fixtureDeal(t, "negotiated")
		d.Subprocessors.ResolutionDays = 45
		checkText(t, dealMD(t, d, "dpa"), []string{
			"If they do not resolve the objection within forty-five (45) days after Provider receives it",
		}, []string{"within thirty (30) days after Provider receives it"})
	})
	t.Run("telephone breach notice, modules 2 and 3", func(t *testing.T) {
		d := fixtureDeal(t, "example")
		d.Negotiated = map[string]string{"breach": "phone-notice"}
		checkText(t, dealMD(t, d, "dpa"), []string{
			"both by telephone and in writing",
			"for Customer Personal Data that Customer processes on behalf of a Controller, by that Controller, directly or through Customer.",
		}, []string{"Personal Data Breach on Customer’s behalf unless Customer instructs it to do so"})
	})
	t.Run("telephone breach notice, US terms", func(t *testing.T) {
		d := fixtureDeal(t, "us-ccpa")
		d.Negotiated = map[string]string{"breach": "phone-notice"}
		checkText(t, dealMD(t, d, "dpa"), []string{"approximate number of Data Subjects and of personal information records concerned"}, nil)
	})
	t.Run("Customer's measures, US terms", func(t *testing.T) {
		d := fixtureDeal(t, "us-ccpa")
		d.Negotiated = map[string]string{"security": "customer-measures"}
		checkText(t, dealMD(t, d, "dpa"), []string{
			"including the reasonable security procedures and practices appropriate to the nature of the personal information that Cal. Civ. Code §§ 1798.81.5 and 1798.100(e) require",
		}, []string{"Data Protection Laws (including Cal. Civ. Code"})
	})
	// Email stays a valid channel for breach notices, but not in place of
	// the telephone call the fallback requires.
	checkText(t, renderMD(t, "negotiated", "dpa"), []string{
		"may be given by email (together with any other means that the Clause concerned requires): to Customer",
	}, nil)
}

// TestCounsel4SCCParagraphCitesTheDPAsClauses is the regression test for
// "as Clause 13 provides" in the opening sentence of the paragraph that
// says its numbered clauses are those of the SCCs: a reader took it for
// SCC Clause 13, which that same paragraph says is not used for UK
// transfers. dpakit lint now checks the whole paragraph, the words before
// its marker included.
func TestCounsel4SCCParagraphCitesTheDPAsClauses(t *testing.T) {
	checkText(t, renderMD(t, "uk-only", "dpa"), []string{
		"is a Restricted Transfer from the United Kingdom (to which the UK Addendum applies as well, as [Clause 13](#uk-addendum) of this DPA provides)",
	}, []string{"as [Clause 13](#uk-addendum) provides"})
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"or from the United Kingdom (to which the UK Addendum applies as well, as [Clause 13](#uk-addendum) of this DPA provides)",
	}, nil)
}

// TestCounsel4TransferInstructionNamesThePlaces is the regression test for
// Clause 12.1 instructing transfers to "the places ... described in Annex
// I.B", which names no place: the instruction now names Provider's
// country and the annex that lists each Sub-processor's location.
func TestCounsel4TransferInstructionNamesThePlaces(t *testing.T) {
	checkText(t, renderMD(t, "us-representative", "dpa"), []string{
		"Customer instructs Provider to transfer Customer Personal Data to the United States, where Provider is established and from where it provides the Services, and, for each of its Sub-processors, to the country or countries where that Sub-processor processes Customer Personal Data, as [Annex III](#annex-iii) lists them for it or, for a Sub-processor engaged, or a move of a Sub-processor’s processing made, later in accordance with [Clause 6](#subprocessors), as Provider’s notice states them, provided that",
	}, []string{"as described in [Annex I.B](#annex-i-b) and [Annex III](#annex-iii)"})
	checkText(t, renderMD(t, "us-ccpa", "dpa"), nil, []string{"to the places from which Provider and its Sub-processors provide the Services"})
}

// TestCounsel4UKAutomatedDecisions is the regression test for a UK-only
// DPA that listed "the right not to be subject to a decision based solely
// on automated processing" among the UK GDPR's rights: the Data (Use and
// Access) Act 2025 replaced Article 22 with Articles 22A to 22D.
func TestCounsel4UKAutomatedDecisions(t *testing.T) {
	checkText(t, renderMD(t, "uk-only", "dpa"), []string{
		"the rights and safeguards that Articles 22A to 22D of the UK GDPR give in respect of significant decisions based solely on automated processing",
	}, []string{"the right not to be subject to a decision based solely on automated processing"})
	checkText(t, renderMD(t, "us-representative", "dpa"), []string{
		"the right not to be subject to a decision based solely on automated processing",
	}, []string{"22A"})
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"the right not to be subject to, or to have reviewed by a natural person, a decision based solely on automated processing",
	}, []string{"22A"})
}

// TestCounsel4ModuleOneAndTwoKeptApart is the regression test for the
// Module One deal's bleeding sets: Module Two "applied" to every transfer,
// the Provider Controller Data included; Clause 13.3 cited SCC Clauses 8.9
// and 9(c) with no module, though Module One's 8.9 holds no audit and it
// has no Clause 9; Annex II made every measure, the processor's deletion
// and instructions included, Module One's measures; and Clause 2.3 could
// be read as calling Customer the controller in its own right.
func TestCounsel4ModuleOneAndTwoKeptApart(t *testing.T) {
	checkText(t, renderMD(t, "modules-1-2-bavaria", "dpa"), []string{
		"Module Two (controller to processor) applies to the transfer of Customer Personal Data described in Part 1 of [Annex I.B](#annex-i-b).",
		"Where Clause 8.9 of the Standard Contractual Clauses (Module Two, for Customer Personal Data) applies, audits under it",
		"and where Clause 9(c) of the Standard Contractual Clauses (Module Two) applies",
		"Module One only for Provider Controller Data (Part 2 of [Annex I.B](#annex-i-b)), Module Two only for Customer Personal Data (Part 1)",
		"The only personal data that Provider receives from Customer and processes as a controller in its own right is",
		"The measures by which Provider follows Customer’s instructions or assists Customer, and those on the return and deletion of Customer Personal Data, do not apply to that data",
	}, []string{"Module Two (controller to processor) applies."})
	// Without Module One, the SCC paragraph needs no module label.
	checkText(t, renderMD(t, "us-representative", "dpa"), []string{
		"Module Two (controller to processor) applies.",
		"Where Clause 8.9 of the Standard Contractual Clauses applies",
	}, nil)
}

// TestCounsel4DefinedTermsWhereDefined is the regression test for Clause
// 1.2 saying the preamble defines "Agreement" and "Effective Date", which
// the Background's recitals define.
func TestCounsel4DefinedTermsWhereDefined(t *testing.T) {
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"have the meanings given to them in the preamble and the Background.",
	}, nil)
}

// TestCounsel4ScheduleIntroductionsCiteTheDPA is the regression test for
// the introductions of Schedule 1.A and 1.B, which cited "Clause 12" and
// "Clause 13" bare in the paragraph that says numbered clauses are SCC
// clauses (SCC Clause 12 is liability, 13 supervision).
func TestCounsel4ScheduleIntroductionsCiteTheDPA(t *testing.T) {
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"The parties have made the following selections under the Standard Contractual Clauses, as incorporated by [Clause 12](#transfers) of this DPA.",
		"Part 1 of the UK Addendum is completed as follows, as provided in [Clause 13](#uk-addendum) of this DPA.",
	}, nil)
}

// TestCounsel4MixedRolesScopedToTheController is the regression test for
// the terms of a deal with modules 2 and 3 that still gave Customer what
// belongs to the Controller for its data: the choice between return and
// deletion (Art. 28(3)(g)), the impact assessment and prior consultation
// (Arts 35-36), and the suspension after a notice that local laws no
// longer allow compliance (SCC Clause 14(f), Module Three), which cited
// SCC Clause 16.
func TestCounsel4MixedRolesScopedToTheController(t *testing.T) {
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"at Customer’s choice (or, for Customer Personal Data that Customer processes on behalf of a Controller, that Controller’s choice as communicated by Customer), return all",
		"Customer may make or communicate that choice by written notice",
		"Where Customer (or, for Customer Personal Data that Customer processes on behalf of a Controller, that Controller) carries out a data protection impact assessment",
		"Where Customer (or such a Controller) consults a supervisory authority",
		"(Customer forwarding the notice to each Controller concerned). Customer shall then suspend the transfer where no appropriate safeguards can be ensured or where the Controller concerned (for its data) or the competent supervisory authority so instructs, and may suspend it in other cases (for a Controller’s data, in consultation with that Controller); it may also terminate the affected Services. Where the Standard Contractual Clauses apply to the transfer, Clauses 14(f) and 16(d) and (e) of the Standard Contractual Clauses govern the suspension and any termination.",
		// Government requests go to whoever decides on the data.
		"Provider shall first try to redirect the requesting authority to request the data directly from Customer (or, for Customer Personal Data that Customer processes on behalf of a Controller, from that Controller).",
	}, []string{"terminate the affected Services in accordance with Clause 16 of the Standard Contractual Clauses", "(and, where it applies, Clause 16)"})
	checkText(t, renderMD(t, "processor-option1-eea", "dpa"), []string{
		"(Customer forwarding the notice to the Controller). Customer shall then suspend the transfer where no appropriate safeguards can be ensured or where the Controller or the competent supervisory authority so instructs, and may suspend it in other cases in consultation with the Controller; it may also terminate",
		"Provider shall first try to redirect the requesting authority to request the data directly from the Controller (or from Customer on the Controller’s behalf).",
	}, nil)
	// Clause 9(a) Option 2 of Module Three informs the controller.
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{
		"Provider shall inform the Controller, through Customer, in writing of any intended addition or replacement of sub-processors at least thirty (30) days in advance",
	}, nil)
}

// TestCounsel4CCPATerms is the regression test for the CCPA clause: it
// did not reach personal information Customer processes as a service
// provider for a Controller that is a business, though Cal. Civ. Code
// § 1798.140(ag)(2) requires Customer to bind Provider to every
// requirement; it cited § 7051(a)(9) (stop and remediate) for the notice
// duty of § 7051(a)(8); it forbade combining but not updating (§
// 7051(a)(5)); and it tied the specific Business Purposes to Annex I.B's
// generic ones. Annex II called Provider a controller in a US-only DPA.
func TestCounsel4CCPATerms(t *testing.T) {
	mixed := renderMD(t, "example", "dpa")
	checkText(t, mixed, []string{
		"and Customer is a business in respect of it or processes it, as a service provider or contractor, on behalf of a Controller that is a business.",
		"For that personal information, Provider acts as Customer’s service provider (or, for personal information that Customer processes on behalf of a Controller, as the next sentence provides)",
		"For personal information that Customer processes on behalf of a Controller, Customer engages Provider to assist it in processing that personal information for the Controller’s business purposes, as Cal. Civ. Code § 1798.140(ag)(2) (or, where Customer is a contractor, § 1798.140(j)(2)) provides, and Provider is bound by the requirements of this Clause",
	}, nil)
	us := renderMD(t, "us-ccpa", "dpa")
	for _, txt := range []string{mixed, us} {
		checkText(t, txt, []string{
			"(Cal. Code Regs. tit. 11, § 7051(a)(8))",
			"combine or update Customer Personal Data with personal information that Provider receives",
			"only for the following limited and specified Business Purposes:",
		}, []string{"§ 7051(a)(9)", "Business Purposes, as further described in"})
	}
	checkText(t, us, nil, []string{"processes it, as a service provider or contractor", "holds as controller"})
	checkText(t, renderMD(t, "us-ccpa", "annex-ii"), []string{"the data Provider processes for its own business purposes"}, []string{"as controller"})
}

// TestCounsel4SwissUKQualified is the regression test for a Swiss
// exporter under the FADP with the UK Addendum whose security and breach
// assistance cited the UK GDPR as if it governed all processing.
func TestCounsel4SwissUKQualified(t *testing.T) {
	checkText(t, renderMD(t, "swiss-exporter", "dpa"), []string{
		"Article 8 of the FADP and, for processing subject to UK Data Protection Laws, Article 32 of the UK GDPR",
	}, []string{"Article 8 of the FADP and Article 32 of the UK GDPR"})
}

// TestCounsel4AnnexesCiteTheDPA is the regression test for the annexes,
// which also form the SCCs' Appendix, citing the DPA's clauses by bare
// number: "as provided in Clause 13" beside the statement that SCC Clause
// 13 is not used. In the DPA they now read "Clause N of this DPA"
// (DPARefOr); a standalone annex, which has no clauses, names the Data
// Processing Agreement as before.
func TestCounsel4AnnexesCiteTheDPA(t *testing.T) {
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"supervises compliance with them (Section 15(k)), as provided in [Clause 13](#uk-addendum) of this DPA.",
		"returned or deleted in accordance with [Clause 10](#deletion) of this DPA:",
		"Option 2) of the Standard Contractual Clauses and [Clause 6](#subprocessors) of this DPA.",
	}, []string{"as provided in [Clause 13](#uk-addendum).", "in accordance with [Clause 10](#deletion):"})
	checkText(t, renderMD(t, "example", "annex-ii"), []string{
		"Provider may update them as provided in the Data Processing Agreement, but not",
	}, []string{"of this DPA"})
}

// TestCounsel4SecondReading is the regression test for what a second
// reader found in the first three parts' own wording: the notice to a
// customer with the late objection called its deadline final; the
// transfer instruction left out every Sub-processor engaged after the
// Effective Date (and all of them with an empty list); a processor
// customer's CCPA clause hedged its role and called Provider a service
// provider of a customer that is no business, citing only the service
// providers' rule; updating was forbidden the wrong way round; the
// Controller's impact assessment was measured by Customer's needs; Module
// Three's objection in a mixed deal was Customer's; the Annex II breach
// measure of a Swiss processor exporter with UK transfers lacked the UK
// timing; Modules Two and Three beside Module One had no Part of Annex
// I.B; a UK exporter with Swiss transfers flowed down only the UK form.
func TestCounsel4SecondReading(t *testing.T) {
	t.Run("late objection in the notice", func(t *testing.T) {
		d := fixtureDeal(t, "negotiated")
		checkText(t, noticeMD(t, d, withAddition(d)), []string{
			"after the date of this notice, for an objection in advance (a later objection to an added Sub-processor remaining possible as the next paragraph describes).",
			"You may also object within thirty (30) days after Provider notifies you that an added Sub-processor has begun to process your personal data, on reasonable grounds relating to the protection of personal data that you could not have known by 16 December 2026",
		}, nil)
		std := fixtureDeal(t, "example")
		checkText(t, noticeMD(t, std, withAddition(std)), nil, []string{"before the change takes effect", "may also object within thirty", "a later objection remaining possible"})
		// A processor customer's Controller objects, late too.
		proc := fixtureDeal(t, "processor-option2")
		proc.Negotiated = map[string]string{"subprocessors": "late-objection"}
		checkText(t, noticeMD(t, proc, withAddition(proc)), []string{
			"in writing by the date below (a later objection to an added Sub-processor remaining possible as described below).",
			"The Controller may also object, by notice in writing that you give on its behalf, within thirty (30) days",
		}, nil)
	})
	t.Run("later Sub-processors in the transfer instruction", func(t *testing.T) {
		d := fixtureDeal(t, "example")
		d.Subprocessors.List = nil
		checkText(t, dealMD(t, d, "dpa"), []string{
			"and, for each of its Sub-processors, to the country or countries where that Sub-processor processes Customer Personal Data, as [Annex III](#annex-iii) lists them for it or, for a Sub-processor engaged, or a move of a Sub-processor’s processing made, later in accordance with [Clause 6](#subprocessors), as Provider’s notice states them",
		}, nil)
		checkText(t, renderMD(t, "processor-option1-eea", "dpa"), []string{"as Provider’s request for authorisation states them"}, nil)
	})
	t.Run("CCPA for a processor customer", func(t *testing.T) {
		d := fixtureDeal(t, "processor-option2")
		d.CCPA.Enabled = true
		checkText(t, dealMD(t, d, "dpa"), []string{
			"includes personal information of consumers protected by the CCPA that Customer processes, as a service provider or contractor, on behalf of a Controller that is a business. Customer engages Provider to assist it in processing that personal information for the Controller’s business purposes, as Cal. Civ. Code § 1798.140(ag)(2) (or, where Customer is a contractor, § 1798.140(j)(2)) provides, and Provider is bound by the requirements of this Clause;",
			"as Cal. Civ. Code § 1798.140(ag)(2) (or, where Customer is a contractor, § 1798.140(j)(2)) provides, and Provider is bound by the requirements of this Clause",
			"the terms on which Provider assists Customer, itself a service provider or contractor of a business, under the CCPA",
		}, []string{"Customer is a business in respect of it", "Provider acts as Customer’s service provider"})
	})
	t.Run("the Controller's impact assessment", func(t *testing.T) {
		checkText(t, renderMD(t, "example", "dpa"), []string{"that Customer (or that Controller) reasonably needs, to the extent that neither Customer nor that Controller otherwise has access to it."}, nil)
	})
	t.Run("modules one, two and three", func(t *testing.T) {
		d := fixtureDeal(t, "modules-1-2-bavaria")
		d.SCC.Modules = []int{1, 2, 3}
		checkText(t, dealMD(t, d, "dpa"), []string{
			"For the transfer of Customer Personal Data described in Part 1 of [Annex I.B](#annex-i-b), Module Two (controller to processor) applies where Customer acts as controller",
		}, nil)
	})
	t.Run("UK exporter with Swiss transfers", func(t *testing.T) {
		d := fixtureDeal(t, "uk-only")
		d.Swiss.Enabled = true
		checkText(t, dealMD(t, d, "dpa"), []string{
			"under the Standard Contractual Clauses as the UK Addendum amends them (or, for a transfer subject to the FADP, as [Clause",
		}, nil)
	})
	t.Run("mixed roles breach measure", func(t *testing.T) {
		checkText(t, renderMD(t, "example", "annex-ii"), []string{
			"with the information it needs as processor for its notification to the Controller, and as controller for its own notifications under",
		}, []string{"or, as processor, for its notification to the Controller"})
	})
}

// TestCounsel4StandaloneAnnexesAndRequest is the regression test for the
// reading of the standalone annexes and of an Option 1 request: Annex II
// let Provider delete Customer Personal Data on its own schedule; it cited
// the customer's SCCs for assessing a Sub-processor's transfer; Annex III
// made Provider "responsible for the Services as a whole" rather than
// liable for each Sub-processor; Annex I.C said "this Annex is not used"
// of the UK transfers, which disapply only its Part C; a US-only annex
// named a "Data protection officer" and left out California's security
// standard; and the request for authorisation said nothing of the
// obligations the Sub-processor takes on.
func TestCounsel4StandaloneAnnexesAndRequest(t *testing.T) {
	annexII := renderMD(t, "example", "annex-ii")
	checkText(t, annexII, []string{
		"Customer Personal Data, including any logs that contain it, is kept and deleted only as Annex I.B and the deletion terms agreed with Customer provide;",
		"Clause 14 of those standard contractual clauses",
	}, []string{"retention schedule for each category of Customer Personal Data", "Clause 14 of the Standard Contractual Clauses"})
	checkText(t, renderMD(t, "processor-option1-eea", "annex-iii"), []string{
		"Provider remains fully liable to Customer for the performance of each Sub-processor’s obligations, as the sub-processor clause of the Data Processing Agreement provides.",
	}, []string{"responsible for the Services as a whole"})
	checkText(t, renderMD(t, "example", "annex-i"), []string{"For the Standard Contractual Clauses as the UK Addendum amends them for the transfers that UK Data Protection Laws govern, this Part C of Annex I is not used (Section 15(j) of the UK Addendum)"}, []string{"this Annex is not used"})
	checkText(t, renderMD(t, "us-ccpa", "annex-i"), nil, []string{"Data protection officer"})
	checkText(t, renderMD(t, "us-ccpa", "annex-ii"), []string{
		"so as to maintain the reasonable security procedures and practices appropriate to the nature of the personal information that Cal. Civ. Code §§ 1798.81.5 and 1798.100(e) require",
		"### Data portability and deletion",
	}, []string{"erasure"})
	d := fixtureDeal(t, "processor-option1-eea")
	checkText(t, noticeMD(t, d, withAddition(d)), []string{
		"Provider binds each Sub-processor by written contract to, in substance, the same data protection obligations as those that bind Provider under your Data Processing Agreement.",
	}, nil)
}

// TestCounsel4FourthReading is the regression test for the last reading:
// Clause 6 gave no notice (or request) for a Sub-processor's move that
// creates a Restricted Transfer, though the transfer instruction and the
// notices rely on one; an onward transfer to the EEA read as a Restricted
// Transfer; and a US-only DPA called the same person a privacy officer in
// Annex I.A and a data protection officer in its notices clause.
func TestCounsel4FourthReading(t *testing.T) {
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"of any intended move of an existing Sub-processor’s processing to another country outside the EEA, and of any intended extension of an existing Sub-processor’s processing beyond the processing that [Annex III](#annex-iii) describes for it (other categories of personal data, or another purpose, description or responsibilities), at least thirty (30) days before the new Sub-processor begins to process Customer Personal Data (or the move or extension takes effect)",
		"to a recipient in a country outside the EEA, the United Kingdom and Switzerland, or to an international organisation, where that country or organisation is not so recognised",
	}, nil)
	checkText(t, renderMD(t, "processor-option1-eea", "dpa"), []string{
		"another purpose or other responsibilities), and before it processes Customer Personal Data in a country outside the EEA that [Annex III](#annex-iii) does not list for it, by a move or otherwise",
	}, nil)
	checkText(t, renderMD(t, "us-ccpa", "dpa"), []string{"with a copy to its privacy officer"}, []string{"with a copy to its data protection officer", "Restricted Transfer"})
}
