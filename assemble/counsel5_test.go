package assemble_test

import (
	"strings"
	"testing"
)

// The fifth counsel's reading (2 December 2026, evening): a customer-side
// reviewer read the Module One and Two DPA of a Bavarian controller
// (modules-1-2-bavaria), its annexes and a change notice end to end. Each
// test below is the regression test for one of the findings fixed.

// TestCounsel5DPALawIsAMemberStates checks that a DPA the GDPR governs is
// under the law of an EEA State even where the Agreement is not (Art.
// 28(3) GDPR: a contract "under Union or Member State law"): the law Clause
// 17 Option 2 names first (Customer's own), or the law named for the SCCs,
// with the courts chosen for them; and that the UK-only, the FADP-only and
// the US-only DPAs say nothing of it.
func TestCounsel5DPALawIsAMemberStates(t *testing.T) {
	for _, tc := range []struct {
		fixture, law, courts string
	}{
		// Option 2 for Module Two: Customer's own Member State.
		{"modules-1-2-bavaria", "Germany", "Germany"},
		{"processor-option1-eea", "the Netherlands", "the Netherlands"},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			checkText(t, renderMD(t, tc.fixture, "dpa"), []string{
				"this DPA is governed by the law that governs the Agreement, and the courts that have jurisdiction under the Agreement have jurisdiction over any dispute arising out of or in connection with this DPA. Where the Agreement is not governed by the law of a Member State of the European Union or of another State of the European Economic Area, this DPA is governed instead by the law of " + tc.law + ", so that the processing of Customer Personal Data is governed by a contract under Union or Member State law as Article 28(3) of the GDPR requires, and the courts of " + tc.courts + " have jurisdiction",
			}, nil)
		})
	}
	for _, fixture := range []string{"uk-only", "us-ccpa", "swiss-exporter"} {
		t.Run(fixture, func(t *testing.T) {
			checkText(t, renderMD(t, fixture, "dpa"), nil, []string{"governed instead by the law of"})
		})
	}
	t.Run("Option 1: the law named for the SCCs", func(t *testing.T) {
		d := fixtureDeal(t, "modules-1-2-bavaria")
		d.SCC.GoverningLawOption = 1
		d.SCC.GoverningLaw = "IE"
		d.SCC.Forum = "IE"
		checkText(t, dealMD(t, d, "dpa"), []string{"this DPA is governed instead by the law of Ireland,", "and the courts of Ireland have jurisdiction"}, nil)
	})
}

// TestCounsel5ProviderInformsAsController checks that, for Provider
// Controller Data, Provider keeps its own duty to inform the Data Subjects
// (Arts 13-14 GDPR; SCC Module One, Clause 8.2(a)), which Customer only
// passes on, where the DPA had put it on Customer.
func TestCounsel5ProviderInformsAsController(t *testing.T) {
	checkText(t, renderMD(t, "modules-1-2-bavaria", "dpa"), []string{
		"Customer shall transfer Provider Controller Data only where it may lawfully do so. Provider shall give the Data Subjects concerned the information that Articles 13 and 14 of the GDPR require of it as controller and, where Module One of the Standard Contractual Clauses applies to the transfer, the information that Clause 8.2 of the Standard Contractual Clauses (Module One) requires, directly or through Customer: at Provider’s request, Customer shall pass on to the Data Subjects concerned a notice that Provider provides for that purpose.",
	}, []string{"shall inform the Data Subjects concerned that the data is transferred to Provider"})
}

// TestCounsel5DefinedOnce checks that Provider Controller Data is defined
// once, in Clause 1, and that Customer Personal Data is all the data
// Provider processes for Customer, Annex I.B describing it, not only what
// Annex I.B describes.
func TestCounsel5DefinedOnce(t *testing.T) {
	md := renderMD(t, "modules-1-2-bavaria", "dpa")
	if n := strings.Count(md, "“Provider Controller Data”"); n != 1 {
		t.Errorf("“Provider Controller Data” is defined %d times, want once", n)
	}
	checkText(t, md, []string{
		"“Customer Personal Data” means the Personal Data that Provider processes on behalf of Customer in providing the Services, other than Provider Controller Data, including the Personal Data described in Part 1 of [Annex I.B](#annex-i-b).",
		"“Provider Controller Data” means the personal data of the categories, relating to the Data Subjects, described in Part 2 of [Annex I.B](#annex-i-b) that Customer transfers to Provider, while Provider processes it as a controller for the purposes described there",
		"Customer transfers to Provider the Provider Controller Data described in Part 2 of [Annex I.B](#annex-i-b), which Provider processes as a controller in its own right",
	}, nil)
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"in providing the Services, including the Personal Data described in [Annex I.B](#annex-i-b).",
	}, []string{"other than Provider Controller Data"})
}

// TestCounsel5AuditsAndSecurity checks the audit and security terms the
// reviewer found one-sided beyond what Art. 28(3)(h) and SCC Clause 8.9
// allow: Customer judges, reasonably, whether the documents suffice; an
// audit after a breach or on indications of non-compliance costs Customer
// nothing; Customer's agreement to the Security Measures does not limit
// Provider's own obligations. The fallbacks say the same.
func TestCounsel5AuditsAndSecurity(t *testing.T) {
	noCharge := "unless that audit is required by a supervisory authority, follows a Personal Data Breach or indications of non-compliance with this DPA, or reveals a material breach of this DPA by Provider."
	securityAgreed := "that agreement does not limit Provider’s obligations under this Clause or under Data Protection Laws."
	checkText(t, renderMD(t, "modules-1-2-bavaria", "dpa"), []string{
		"If, in Customer’s reasonable judgement made in good faith, that information is not sufficient to demonstrate Provider’s compliance",
		noCharge, securityAgreed,
	}, nil)
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{
		"If, in the reasonable judgement of Customer or of the Controller made in good faith, that information is not sufficient",
	}, nil)
	d := fixtureDeal(t, "example")
	d.Negotiated = map[string]string{"audits": "remote-first", "security": "customer-measures"}
	checkText(t, dealMD(t, d, "dpa"), []string{
		"If, in Customer’s reasonable judgement made in good faith, that information is not sufficient",
		noCharge, securityAgreed,
	}, nil)
}
