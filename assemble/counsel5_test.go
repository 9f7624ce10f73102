package assemble_test

import (
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
)

// The fifth counsel's reading (2 December 2026, evening): a customer-side
// reviewer read the Module One and Two DPA of a Bavarian controller
// (modules-1-2-bavaria), its annexes and a change notice end to end. Each
// test below is the regression test for one of the findings fixed.

// TestCounsel5DPALawIsAMemberStates checks that a DPA whose processing the
// GDPR governs is, for that processing, under the law of an EEA State even
// where the Agreement is not (Art. 28(3) GDPR: a contract "under Union or
// Member State law"), Customer's own first, with that State's courts; that
// processing under UK Data Protection Laws is likewise under the laws of
// England and Wales (Art. 28(3) UK GDPR: "under domestic law"); that the
// SCCs' and the UK Addendum's own choices and a Data Subject's forum stay
// untouched (the second reader: the switch must not reach them); and that
// a US-only DPA and a Swiss one under the FADP alone say nothing of it.
func TestCounsel5DPALawIsAMemberStates(t *testing.T) {
	const untouched = "None of this affects the law and the courts that the Standard Contractual Clauses"
	// whom is the party for whom Provider processes; a processor
	// customer's DPA is also the sub-processing contract of Article 28(4).
	article := func(whom string) string {
		if whom == "Customer" {
			return "Article 28(3)"
		}
		return "Article 28(3) and (4)"
	}
	verb := func(whom string) string {
		if whom == "Customer" {
			return "requires"
		}
		return "require"
	}
	gdpr := func(law, whom string) string {
		return "Where the Agreement is not governed by the law of a Member State of the European Union or of another State of the European Economic Area, this DPA, in so far as it governs processing of personal data to which the GDPR applies (whether the GDPR applies to Provider directly or only to " + whom + ", on whose behalf Provider processes that personal data), is governed instead by the law of " + law + ", so that that processing is governed by a contract under Union or Member State law as " + article(whom) + " of the GDPR " + verb(whom) + ", and the courts of " + law + ", instead of those under the Agreement, have exclusive jurisdiction over any dispute arising out of or in connection with this DPA as regards that processing."
	}
	uk := func(alsoGDPR bool, whom string) string {
		which, each := "to which UK Data Protection Laws apply", "whether they apply"
		if alsoGDPR {
			which += " and the GDPR does not" // one dispute, one law, one court
			each = "in each case whether the law applies"
		}
		return "Where the Agreement is not governed by the law of a part of the United Kingdom, this DPA, in so far as it governs processing of personal data " + which + " (" + each + " to Provider directly or only to " + whom + ", on whose behalf Provider processes that personal data), is governed instead by the laws of England and Wales, so that that processing is governed by a contract under domestic law as " + article(whom) + " of the UK GDPR " + verb(whom) + ", and the courts of England and Wales, instead of those under the Agreement, have exclusive jurisdiction over any dispute arising out of or in connection with this DPA as regards that processing."
	}
	for _, tc := range []struct {
		fixture      string
		want, reject []string
	}{
		// Clause 17 Option 2: Customer's own Member State.
		{"modules-1-2-bavaria", []string{"Except as the following sentences provide, this DPA is governed by the law that governs the Agreement", gdpr("Germany", "Customer"), untouched + " choose for themselves, which govern them as they provide, or the right of a Data Subject to bring proceedings before the courts of the Member State in which the Data Subject has their habitual residence (Clause 18(c) of the Standard Contractual Clauses)."}, []string{uk(false, "Customer"), uk(true, "Customer")}},
		// Option 1: the law named for the SCCs and their courts, so that one
		// incident is argued under one law before one court.
		{"processor-option2", []string{gdpr("the Netherlands", "Customer or the Controller")}, nil},
		{"example", []string{gdpr("the Netherlands", "Customer or a Controller"), uk(true, "Customer or a Controller"), untouched + " and the UK Addendum choose for themselves",
			// The same processing under both laws: one court, and the UK
			// GDPR's own requirement met too.
			"For processing subject to both the GDPR and UK Data Protection Laws, the provisions of this DPA that Article 28(3) and (4) of the UK GDPR require also bind the parties under the laws of England and Wales, enforceable before the courts that have jurisdiction over that processing under this paragraph; where the two laws lead to different results, the result more protective of the Data Subjects applies."}, nil},
		{"uk-only", []string{uk(false, "Customer"), "before the courts of any country of the United Kingdom (Section 15(n) of the UK Addendum)."}, []string{"governed by a contract under Union or Member State law", "Clause 18(c)"}},
		// The FADP sets no such requirement: the UK terms only.
		{"swiss-exporter", []string{uk(false, "Customer")}, []string{"governed by a contract under Union or Member State law"}},
		{"us-ccpa", []string{"This DPA is governed by the law that governs the Agreement, and the courts that have jurisdiction under the Agreement have jurisdiction over any dispute arising out of or in connection with this DPA.\n"}, []string{"governed instead", untouched}},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			checkText(t, renderMD(t, tc.fixture, "dpa"), tc.want, tc.reject)
		})
	}
	t.Run("a Swiss customer: the law named for the SCCs, for the GDPR's processing only", func(t *testing.T) {
		d := fixtureDeal(t, "swiss-exporter")
		d.SCC.GoverningLaw = "IE"
		d.SCC.SupervisoryAuthority = "Data Protection Commission (Ireland)"
		checkText(t, dealMD(t, d, "dpa"), []string{"this DPA, in so far as it governs processing of personal data to which the GDPR applies (whether the GDPR applies to Provider directly or only to Customer, on whose behalf Provider processes that personal data), is governed instead by the law of Ireland"}, nil)
	})
}

// TestCounsel5ProviderInformsAsController checks that, for Provider
// Controller Data, Provider keeps its own duty to inform the Data Subjects
// (Arts 13-14 GDPR; SCC Module One, Clause 8.2(a)), which Customer only
// passes on, by means and in a time of its choosing, at Provider's cost
// and responsibility, where the DPA had put the duty on Customer.
func TestCounsel5ProviderInformsAsController(t *testing.T) {
	checkText(t, renderMD(t, "modules-1-2-bavaria", "dpa"), []string{
		"Customer shall transfer Provider Controller Data only where it may lawfully do so. Provider shall give the Data Subjects concerned the information that Articles 13 and 14 of the GDPR require of it as controller and, where Module One of the Standard Contractual Clauses applies to the transfer, the information that Clause 8.2 of the Standard Contractual Clauses (Module One) requires, directly or through Customer. At Provider’s request, Customer shall pass on to the Data Subjects concerned, by reasonable means of its choice and within a reasonable time, a notice that Provider provides for that purpose, at Provider’s cost; Provider alone is responsible for the content of that notice and for giving the information in time, and Customer need not pass on a notice that is inaccurate or inconsistent with its own information to the Data Subjects, but shall then tell Provider so promptly.",
	}, []string{"shall inform the Data Subjects concerned that the data is transferred to Provider"})
}

// TestCounsel5DefinedOnce checks that Provider Controller Data is defined
// once, in Clause 1, without defining itself through "Data Subject"; that
// where Module One applies Customer Personal Data is all the other personal
// data Provider processes in connection with the Services, as Clauses 2.3
// and 12.1 say; and that Annex I.B describes Customer Personal Data
// ("including"), not bounds it.
func TestCounsel5DefinedOnce(t *testing.T) {
	md := renderMD(t, "modules-1-2-bavaria", "dpa")
	if n := strings.Count(md, "“Provider Controller Data”"); n != 1 {
		t.Errorf("“Provider Controller Data” is defined %d times, want once", n)
	}
	checkText(t, md, []string{
		"“Customer Personal Data” means all Personal Data, including the Personal Data described in Part 1 of [Annex I.B](#annex-i-b), that Customer or its users provide to Provider, or that Provider collects or generates for Customer, in connection with the Services, except to the extent that it is Provider Controller Data.",
		"“Provider Controller Data” means personal data of the categories described in Part 2 of [Annex I.B](#annex-i-b), about the categories of data subjects described there, that Customer transfers to Provider or that Provider collects from those data subjects in connection with the Services, to the extent that Provider processes it as a controller for the purposes described there",
		"Customer transfers to Provider the Provider Controller Data described in Part 2 of [Annex I.B](#annex-i-b), which Provider processes as a controller in its own right",
		"including any personal data of the categories described in Part 2 of [Annex I.B](#annex-i-b) that is processed for any other purpose, is Customer Personal Data",
		// 2.1 reaches what 2.3 and 12.1 call Customer Personal Data.
		"This DPA applies to all processing of Customer Personal Data by Provider and, as [Clause 12](#controller-data) provides, of Provider Controller Data, to the extent that Data Protection Laws apply to that processing, whether they apply to Provider directly or only to Customer, on whose behalf Provider processes Customer Personal Data.",
	}, []string{"any data of those categories"})
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"“Customer Personal Data” means the Personal Data that Provider processes on behalf of Customer in providing the Services, including the Personal Data described in [Annex I.B](#annex-i-b); Personal Data that Customer (or anyone on its behalf) provides to Provider for processing in providing the Services, or that Provider collects on Customer’s behalf, remains Customer Personal Data even where Provider processes it in breach of this DPA, but Customer Personal Data does not include the business contact details of Customer’s personnel that Customer gives Provider to conclude and administer the Agreement and invoice Customer, in so far as Provider processes them for those purposes and to meet its own legal obligations, for which Provider is itself responsible under Data Protection Laws; the same details processed in providing the Services (for example, in user accounts) remain Customer Personal Data.",
	}, []string{"other than Provider Controller Data"})
}

// TestCounsel5AuditsAndSecurity checks the audit and security terms the
// readers found one-sided beyond what Art. 28(3)(h) and SCC Clause 8.9
// allow: indications of non-compliance, a breach, a supervisory authority
// or the law are each a ground for an audit in their own right, as is
// documentation that Customer (or, for its data, a Controller) reasonably
// judges insufficient; such an audit costs Customer nothing; Customer only
// confirms it has reviewed the Security Measures, which is no admission
// that they suffice. The fallbacks say the same.
func TestCounsel5AuditsAndSecurity(t *testing.T) {
	grounds := "where there are indications of non-compliance with this DPA, in connection with a Personal Data Breach, or where a supervisory authority or Data Protection Laws require"
	// Every audit beyond the first in a period has one of those grounds,
	// so none is charged: the costs paragraph says only who bears what.
	noCharge := "Each party bears its own costs of an audit. Provider shall promptly remedy any non-compliance an audit reveals."
	first := "Before any audit other than one in connection with a Personal Data Breach, one on indications of non-compliance with this DPA, or one required by a supervisory authority or by Data Protection Laws, Customer"
	reviewed := "Customer confirms that it has reviewed the Security Measures described in [Annex II](#annex-ii). That confirmation is not an admission that they are sufficient, does not relieve Provider of its own, continuing obligation to assess the risk of the processing described in [Annex I.B](#annex-i-b) and to keep the Security Measures appropriate to it, and does not limit Provider’s liability or the remedies of Customer"
	checkText(t, renderMD(t, "modules-1-2-bavaria", "dpa"), []string{
		"An audit or inspection of the processing of Customer Personal Data may be conducted, on site or remotely, where, in Customer’s reasonable judgement made in good faith, that information is not sufficient to demonstrate Provider’s compliance with this DPA, " + grounds + " it.",
		noCharge, first, reviewed + ".",
		// Customer may use what an audit finds to enforce the DPA, not
		// only to verify it.
		"They may be used only to verify and enforce compliance with this DPA, the Standard Contractual Clauses and Data Protection Laws, including to exercise rights and remedies under them and under the Agreement, and may be disclosed to a supervisory authority, to Customer’s professional advisers and auditors bound by duties of confidentiality, and as the law or legal proceedings require.",
		// An audit plan Provider will not agree does not stop an audit.
		"and the parties shall agree the audit plan in good faith before it begins; failing agreement within ten (10) Business Days of the notice or, if earlier, by the day before the audit is to begin (or promptly, where shorter notice is given as this Clause allows), Customer’s reasonable plan applies.",
	}, []string{"Security Measures provide a level of security appropriate", "Provider may charge Customer its reasonable costs, at rates agreed in advance, for any audit", "after a Personal Data Breach"})
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{
		"where, in the reasonable judgement of Customer or of the Controller made in good faith, that information is not sufficient",
		reviewed + " or of the Controller.",
	}, nil)
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"where, in the reasonable judgement of Customer (or, for Customer Personal Data that Customer processes on behalf of a Controller, of that Controller) made in good faith, that information is not sufficient",
	}, nil)
	d := fixtureDeal(t, "example")
	d.Negotiated = map[string]string{"audits": "remote-first", "security": "customer-measures"}
	checkText(t, dealMD(t, d, "dpa"), []string{
		"that information is not sufficient to demonstrate Provider’s compliance with this DPA, " + grounds + " an audit, Customer (for itself or on a Controller’s instructions), or a Controller for the Customer Personal Data processed on its behalf, may require a remote audit",
		"An audit or inspection on site may be required instead of, or after, a remote audit where, in the reasonable judgement of Customer (or, for Customer Personal Data that Customer processes on behalf of a Controller, of that Controller) made in good faith, a remote audit would not enable",
		"a remote audit would not enable, or has not enabled, Provider’s compliance with this DPA to be verified, where indications of non-compliance with this DPA or a Personal Data Breach cannot properly be examined remotely, or where a supervisory authority or Data Protection Laws require it.",
		// Nor does a remote audit's scope Provider will not agree.
		"within the proposed scope, as the parties may adjust it in good faith; failing agreement within five (5) Business Days of the notice or, if earlier, by the day before the remote audit is to begin (or promptly, where shorter notice is given as this Clause allows), the reasonable scope proposed in the notice by whoever required the remote audit (Customer, for itself or on a Controller’s instructions, or the Controller) applies.",
		noCharge, first, reviewed,
	}, []string{"Provider may charge Customer its reasonable costs, at rates agreed in advance, for any audit", "after a Personal Data Breach"})
}

// TestRemoteFirstAuditNinthReading is the regression test for the ninth
// counsel's reading of the remote-first audit fallback: a Controller that
// requires a remote audit itself has its own scope apply when Provider will
// not agree one; an audit on site may be required where a remote audit
// would not do (not only after one has failed); and the remote notice is
// never longer than the on-site notice.
func TestRemoteFirstAuditNinthReading(t *testing.T) {
	d := fixtureDeal(t, "processor-option2")
	d.Negotiated = map[string]string{"audits": "remote-first"}
	d.Audit.NoticeDays = 14
	checkText(t, dealMD(t, d, "dpa"), []string{
		"the reasonable scope proposed in the notice by whoever required the remote audit (Customer, for itself or on the Controller’s instructions, or the Controller) applies.",
		"An audit or inspection on site may be required instead of, or after, a remote audit where, in the reasonable judgement of Customer or of the Controller made in good faith, a remote audit would not enable, or has not enabled, Provider’s compliance with this DPA to be verified,",
		"by written notice given at least ten (10) Business Days or fourteen (14) days, whichever is shorter, in advance, with its proposed scope.",
	}, []string{"may be conducted only if", "scope that Customer proposes"})
	d.Audit.NoticeDays = 30
	checkText(t, dealMD(t, d, "dpa"), []string{"by written notice given at least ten (10) Business Days in advance, with its proposed scope."}, []string{"whichever is shorter, in advance"})
}

// TestMeasuresCiteAnnexesAsReferences is the regression test for the Word
// review's finding that Annex II's measures cited "Annex I.B" as plain text
// where every other mention is a cross-reference (a link in the PDF and
// HTML, a REF field in Word): a catalogue measure's, and a deal's extra
// measure's, mention of an annex is a reference to it in the DPA, and text
// in a standalone Annex II, which does not hold Annex I.B.
func TestMeasuresCiteAnnexesAsReferences(t *testing.T) {
	d := fixtureDeal(t, "example")
	d.Security.Extra = append(d.Security.Extra, deal.Measure{Category: "Access control", Text: "Access follows the roles set out in Annex I.B and Annex III."})
	checkText(t, dealMD(t, d, "dpa"), []string{
		"The Services collect and process only the categories of Customer Personal Data described in [Annex I.B](#annex-i-b);",
		"Access follows the roles set out in [Annex I.B](#annex-i-b) and [Annex III](#annex-iii).",
	}, []string{"described in Annex I.B"})
	checkText(t, dealMD(t, d, "annex-ii"), []string{
		"The Services collect and process only the categories of Customer Personal Data described in Annex I.B;",
		"Access follows the roles set out in Annex I.B and Annex III.",
	}, nil)
}

// TestCounsel5LateObjection is the regression test for the reading of the
// negotiated DPA: the late-objection window ran from a start date that
// Provider gave only on request; who judged the "serious risk" that stops
// the processing was unsaid; and a Sub-processor dropped after a late
// objection kept the data. Provider now notifies the start and the window
// runs from that notice (the change notice says so); the objection states
// the reasonable view of serious risk; the data is deleted. A rider's
// period after the Agreement survives.
func TestCounsel5LateObjection(t *testing.T) {
	dpa := renderMD(t, "negotiated", "dpa")
	checkText(t, dpa, []string{
		"Provider shall notify Customer, in the manner of the previous paragraph, of the date on which each new Sub-processor begins to process Customer Personal Data.",
		"Customer may also object to a new Sub-processor within thirty (30) days after that notice,",
		"unless the objection states Customer’s reasonable view that the processing puts Customer Personal Data at serious risk.",
		"Where, after a late objection, a Sub-processor no longer processes Customer Personal Data, Provider shall ensure that it deletes the Customer Personal Data it holds within ",
		"as does any provision (including one of a rider or schedule the parties have added to this DPA) that sets a period running after the end of the Agreement or of the processing, for that period.",
	}, []string{"On Customer’s request, Provider shall tell Customer the date"})
	// The telephone-notice fallback says which notice must describe the
	// breach.
	checkText(t, dpa, []string{"The written notice shall, to the extent the information is then available to Provider, describe the following, and the telephone call shall give as much of it as Provider then knows:"}, nil)
	d := fixtureDeal(t, "negotiated")
	checkText(t, noticeMD(t, d, withAddition(d)), []string{
		"within thirty (30) days after Provider notifies you that an added Sub-processor has begun to process",
		"Provider will send you that notice when the Sub-processor begins.",
	}, []string{"on request, the date"})
}

// TestCounsel5AgreedMeasuresMarked is the regression test for the reading
// of the negotiated DPA that found the customer's own key-management
// measure, which the customer-measures fallback forbids Provider to weaken,
// listed in Annex II among the measures Provider may update: under that
// fallback Annex II marks each measure agreed for Customer; without it, no
// measure is marked.
func TestCounsel5AgreedMeasuresMarked(t *testing.T) {
	const mark = "This measure was agreed specifically with Customer: Provider may not withdraw or weaken it without Customer’s prior written consent."
	checkText(t, renderMD(t, "negotiated", "annex-ii"), []string{"in its own key management service. " + mark}, nil)
	d := fixtureDeal(t, "negotiated")
	delete(d.Negotiated, "security")
	checkText(t, dealMD(t, d, "annex-ii"), []string{"in its own key management service."}, []string{mark})
}
