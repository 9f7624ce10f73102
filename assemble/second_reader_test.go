package assemble_test

import (
	"strings"
	"testing"
)

// The findings of a second reader (EU/Swiss privacy counsel) of the
// fixtures' documents, each read as that reader would read it.

// TestSwissExporterWithUKScopesTheSwissAdaptations: a Swiss exporter with
// the UK Addendum incorporates the SCCs for transfers from Switzerland and
// from the UK; the Swiss adaptations of Clause 14 attach to the Swiss
// transfers only, as they do in any other deal.
func TestSwissExporterWithUKScopesTheSwissAdaptations(t *testing.T) {
	dpa := renderMD(t, "swiss-exporter", "dpa")
	checkText(t, dpa, []string{
		"or from the United Kingdom (to which the UK Addendum applies as well, as [Clause 13](#uk-addendum) of this DPA provides), the Standard Contractual Clauses are incorporated into this DPA by reference and apply to that transfer (to a transfer from Switzerland, with the adaptations set out in [Clause 14](#swiss) of this DPA), with Customer as “data exporter”",
	}, []string{
		"apply to that transfer with the adaptations",
	})
	d := *fixtureDeal(t, "swiss-exporter")
	d.UKAddendum.Enabled = false
	alone := dealMD(t, &d, "dpa")
	checkText(t, alone, []string{
		"is a Restricted Transfer from Switzerland, the Standard Contractual Clauses are incorporated into this DPA by reference and apply to that transfer with the adaptations set out in [Clause 13](#swiss) of this DPA, with Customer",
	}, []string{"United Kingdom (to which"})
}

// TestSecurityRiskNotionFollowsTheLaw: the risk weighed by the security
// clause and Annex II is the Swiss one (to the personality or fundamental
// rights of the Data Subjects) under the FADP alone, both where both laws
// apply, and the GDPR's alone under the GDPR alone; the negotiated
// security clause weighs the same risk, and without either law (a US-only
// deal) the risk to the privacy and security of the Data Subjects.
func TestSecurityRiskNotionFollowsTheLaw(t *testing.T) {
	swiss := "to the personality or fundamental rights of the Data Subjects"
	gdpr := "for the rights and freedoms of natural persons"
	both := gdpr + " and, under the FADP, " + swiss
	tests := []struct {
		fixture   string
		want, not string
	}{
		{"swiss-exporter", "severity " + swiss + " and, under the UK GDPR, " + gdpr + ", Provider shall", "severity " + swiss + ", Provider"},
		{"example", "severity " + both + ", Provider shall", "severity " + gdpr + ", Provider"},
		{"processor-option2", "severity " + gdpr + ", Provider shall", swiss},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			checkText(t, renderMD(t, tt.fixture, "dpa"), []string{tt.want}, []string{tt.not})
			annex := renderMD(t, tt.fixture, "annex-ii")
			intro := "and the risks " + tt.want[len("severity "):len(tt.want)-len(", Provider shall")] + ". Provider may update them"
			checkText(t, annex, []string{intro}, []string{tt.not})
			d := *fixtureDeal(t, tt.fixture)
			d.Negotiated = map[string]string{"security": "customer-measures"}
			checkText(t, dealMD(t, &d, "dpa"), []string{tt.want}, []string{tt.not})
		})
	}
	d := *fixtureDeal(t, "us-ccpa")
	d.Negotiated = map[string]string{"security": "customer-measures"}
	checkText(t, dealMD(t, &d, "dpa"), []string{"severity to the privacy and security of Data Subjects, Provider shall"}, []string{gdpr, swiss})
}

// TestProcessorAnnexIINamesTheDPAsInstructions: a processor customer's
// Annex II speaks of the documented instructions its DPA provides for (the
// Controller's, as Customer communicates them), never of "Customer's
// instructions".
func TestProcessorAnnexIINamesTheDPAsInstructions(t *testing.T) {
	for _, f := range []string{"processor-option2", "processor-option1-eea"} {
		t.Run(f, func(t *testing.T) {
			for _, kind := range []string{"dpa", "annex-i", "annex-ii"} {
				checkText(t, renderMD(t, f, kind), nil, []string{"Customer’s instructions", "Customer's instructions"})
			}
			checkText(t, renderMD(t, f, "annex-ii"), []string{
				"processed only for the purposes described in Annex I.B, on the documented instructions that this DPA provides for, and is kept apart",
			}, nil)
		})
	}
}

// TestAnnexICOutsideTheEEA is the regression test for Annex I.C of a
// customer established outside the EEA that the GDPR reaches under its
// Article 3(2): it said Customer "is subject to the GDPR for the transfer",
// where Article 3(2) makes the GDPR apply to the customer's processing, and
// spoke of "data subjects" beside the DPA's defined Data Subjects.
func TestAnnexICOutsideTheEEA(t *testing.T) {
	d := *fixtureDeal(t, "example")
	d.Customer.Country, d.Customer.Address = "GB", "10 Finsbury Square, London EC2A 1AF, United Kingdom"
	d.SCC.SupervisoryAuthority = "the Data Protection Commission (Ireland)"
	checkText(t, dealMD(t, &d, "annex-i"), []string{
		"Customer, as data exporter, is established in the United Kingdom, outside the EEA. As the GDPR applies to Customer’s processing of the personal data transferred (Article 3(2) of the GDPR), Clause 13(a) of the Standard Contractual Clauses makes competent the supervisory authority of the Member State in which Customer’s representative under Article 27(1) of the GDPR is established",
		"of a Member State in which the Data Subjects whose personal data is transferred are located: the Data Protection Commission (Ireland).",
	}, []string{"subject to the GDPR for the transfer", "the data subjects whose"})
}

// TestFlowDownOneStandard is the regression test for Annex II and the
// sub-processor clause stating two standards for a Sub-processor's
// contract: "in substance, the same data protection obligations" (Article
// 28(4) GDPR, Clause 9(b) of the SCCs) in the clause, "at least as
// protective" in Annex II. Both now state the first.
func TestFlowDownOneStandard(t *testing.T) {
	const same = "in substance, the same data protection obligations as those that bind Provider under this DPA"
	for _, fixture := range []string{"example", "us-ccpa", "swiss-exporter"} {
		dpa := renderMD(t, fixture, "dpa")
		if n := strings.Count(dpa, same); n < 2 {
			t.Errorf("%s: %q appears %d times, want it in the sub-processor clause and in Annex II", fixture, same, n)
		}
		if strings.Contains(dpa, "at least as protective as those in this DPA") {
			t.Errorf("%s: Annex II still states another standard for a Sub-processor's contract", fixture)
		}
	}
}

// TestAnnexIIModuleOne is the regression test for Annex II of a deal with
// Module One: Clause 13.2(h) makes it Module One's Annex II too, and the
// DPA protects Provider Controller Data with the Security Measures, yet the
// Annex spoke only of Customer Personal Data. A deal without Module One
// says nothing of it.
func TestAnnexIIModuleOne(t *testing.T) {
	const both = "The measures in this Annex that secure personal data equally protect the Provider Controller Data described in Part 2 of"
	if dpa := renderMD(t, "modules-1-2-bavaria", "annex-ii"); !strings.Contains(dpa, both) {
		t.Errorf("Module One's Annex II does not extend the measures to Provider Controller Data")
	}
	if dpa := renderMD(t, "example", "annex-ii"); strings.Contains(dpa, "Provider Controller Data") {
		t.Errorf("Annex II of a deal without Module One speaks of Provider Controller Data")
	}
}
