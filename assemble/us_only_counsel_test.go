package assemble_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
)

// TestCounselUSOnlyNoTransfer is the regression test for the EU transfer
// vocabulary in a US-only deal (gdpr.applies: false), which makes no
// restricted transfer: Annex I said the data is "processed and
// transferred", named the "Activities relevant to the data transferred"
// and the "Frequency of the transfer" (the SCCs' Annex I wording), and
// Annex II assessed Sub-processors for "transfer risks". The business
// discloses personal information to its service provider (Cal. Civ. Code §
// 1798.140(ag)(1)), as the DPA's CCPA clause says, so the US-only DPA and
// annexes speak of the processing and of disclosure; the one transfer left
// is the technical one of bulk data (imports and exports). An EU deal keeps
// the SCCs' wording, and its Annex II assesses the risks of a Restricted
// Transfer under the law it is under.
func TestCounselUSOnlyNoTransfer(t *testing.T) {
	bulk := "Bulk transfers of Customer Personal Data (imports, exports and migrations)"
	transfer := regexp.MustCompile(`(?i)transfer|data exporter|data importer|Standard Contractual Clauses|SCCs?\b`)
	for _, kind := range []string{"dpa", "annex-i", "annex-ii"} {
		t.Run(kind, func(t *testing.T) {
			md := renderMD(t, "us-ccpa", kind)
			if loc := transfer.FindStringIndex(strings.ReplaceAll(md, bulk, "")); loc != nil {
				rest := strings.ReplaceAll(md, bulk, "")
				t.Errorf("the US-only %s speaks of transfers: …%s…", kind, rest[max(0, loc[0]-120):min(len(rest), loc[1]+80)])
			}
		})
	}
	checkText(t, renderMD(t, "us-ccpa", "annex-i"), []string{
		"## B. Description of the Processing\n",
		"- **Activities relevant to the processing:** Use of the Services provided by Provider under the Agreement, in the course of which Customer discloses Customer Personal Data to Provider for processing on its behalf\n",
		"- **Activities relevant to the processing:** Provision of a cloud network-security and log-analytics service",
		"**Categories of Data Subjects whose personal information is processed**",
		"**Sensitive personal information (within the meaning of the CCPA) processed, and the restrictions or safeguards applied**",
		"**Frequency of the processing**",
		"**Purposes of the processing**",
		"**Processing by Sub-processors**\n\nProvider discloses Customer Personal Data to the Sub-processors authorised under the Data Processing Agreement.",
	}, nil)
	checkText(t, renderMD(t, "us-ccpa", "annex-ii"), []string{
		"- Every prospective Sub-processor is assessed for security and privacy risks before engagement (and before its processing moves to another country), and the assessment is documented.\n",
	}, nil)

	checkText(t, renderMD(t, "seed-000", "annex-i"), []string{
		"## B. Description of the Processing and Transfer",
		"- **Activities relevant to the data transferred:** ",
		"**Categories of personal data processed and transferred**",
		"**Frequency of the transfer**",
		"**Transfers to Sub-processors**",
	}, nil)
	for fixture, cites := range map[string]string{
		"seed-000":       "(Chapter V of the GDPR and, for a transfer under standard contractual clauses, Clause 14 of those standard contractual clauses)",
		"swiss-exporter": "(Article 16 of the FADP, Chapter V of the UK GDPR, and, for a transfer under standard contractual clauses, Clause 14 of those standard contractual clauses, with the International Data Transfer Addendum between Provider and the Sub-processor where it applies)",
		"seed-001":       "(Chapter V of the GDPR and of the UK GDPR, Article 16 of the FADP, and, for a transfer under standard contractual clauses, Clause 14 of those standard contractual clauses, with the International Data Transfer Addendum between Provider and the Sub-processor where it applies)",
	} {
		checkText(t, renderMD(t, fixture, "annex-ii"), []string{
			"- Every prospective Sub-processor is assessed for security and privacy risks before engagement (and before its processing moves to another country) and, where its processing would involve a Restricted Transfer, for the risks of that transfer, including the laws and practices of the country of destination " + cites + "; the assessment is documented.\n",
		}, nil)
	}
}

// TestCounselContactNamedInSentence is the regression test for a party's
// contact named without its article inside a sentence ("notices ... to
// Provider, to Privacy Team at privacy@...", "by notice in writing to
// Privacy Team at ..."): a team, office or position takes "the" there, a
// person's name does not, in every fixture's DPA and change notice; a
// salutation, the sign-off and Annex I's list of contact details name it
// as it stands.
func TestCounselContactNamedInSentence(t *testing.T) {
	bare := regexp.MustCompile(`(to|another,|telephone) Privacy Team\b`)
	for name, d := range fixtureDeals(t) {
		dpa := dealMD(t, d, "dpa")
		if loc := bare.FindStringIndex(dpa); loc != nil {
			t.Errorf("%s: the DPA names the contact without its article: …%s…", name, dpa[max(0, loc[0]-80):min(len(dpa), loc[1]+40)])
		}
		if d.Provider.Contact.Name == "Privacy Team" {
			checkText(t, dpa, []string{
				"unless Provider designates another, the Privacy Team at " + d.Provider.Contact.Email + ")",
				"to Customer, to " + d.Customer.Contact.Name + " at " + d.Customer.Contact.Email + "; and to Provider, to the Privacy Team at " + d.Provider.Contact.Email,
				"**Contact person’s name, position and contact details:** Privacy Team,",
			}, nil)
		}
		sentry := deal.Subprocessor{Name: "Sentry (Functional Software, Inc.)", Purpose: "Error monitoring of the platform",
			Location: "EU (Germany)", Country: "DE", Data: []string{"IP address"}, Category: "service", TransferMechanism: "none"}
		notice := noticeMD(t, d, append(append([]deal.Subprocessor(nil), d.Subprocessors.List...), forAnnexIII(d, sentry)))
		if loc := bare.FindStringIndex(notice); loc != nil {
			t.Errorf("%s: the notice names the contact without its article: …%s…", name, notice[max(0, loc[0]-80):min(len(notice), loc[1]+40)])
		}
		checkText(t, notice, []string{"in writing to the Privacy Team at ", "Dear " + d.Customer.Contact.Name + ",", ", Privacy Team ("}, nil)
	}
}

// TestCounselUSOnlySecurityRisk is the regression test for the GDPR's risk
// standard in a US-only deal: its security clause and Annex II weighed
// "the risks ... for the rights and freedoms of natural persons" (Art.
// 32(1) GDPR). Under US law the measures are the reasonable security
// procedures and practices appropriate to the nature of the personal
// information (Cal. Civ. Code §§ 1798.81.5(b), 1798.100(e)), weighed
// against the risks to the privacy and security of the Data Subjects. And
// with no Annex III, Annex I.B's "services described against its name"
// pointed to nothing: it now states each Sub-processor's services.
func TestCounselUSOnlySecurityRisk(t *testing.T) {
	us := renderMD(t, "us-ccpa", "dpa")
	checkText(t, us, []string{
		"as well as the risks of varying likelihood and severity to the privacy and security of Data Subjects, Provider shall implement",
		"as required by Data Protection Laws, including the reasonable security procedures and practices appropriate to the nature of the personal information that Cal. Civ. Code §§ 1798.81.5 and 1798.100(e) require.",
		"and the risks to the privacy and security of Data Subjects, so as to maintain the reasonable security procedures and practices appropriate to the nature of the personal information that Cal. Civ. Code §§ 1798.81.5 and 1798.100(e) require. Provider may update them",
		"are the services described against its name below, performed for the purposes above",
		"- **Amazon Web Services, Inc.**, US East (N. Virginia), us-east-1 (United States): infrastructure service provider (hosting of the platform and its databases).\n",
	}, []string{"rights and freedoms"})
	checkText(t, renderMD(t, "seed-000", "dpa"), []string{
		"as well as the risks of varying likelihood and severity for the rights and freedoms of natural persons, Provider shall implement",
		"and the risks for the rights and freedoms of natural persons. Provider may update them",
		"are the services described against its name in [Annex III](#annex-iii)",
	}, []string{"privacy and security of Data Subjects"})
}

// TestCounselContactWithArticle is the regression test for a contact named
// with its article ("The Privacy Office"): the change notice greeted it
// "Dear The Privacy Office," and the sentences that name it could read
// "to the The Privacy Office". The greeting drops the article, a sentence
// names it once in lower case, and the lists of contact details keep the
// name as the deal gives it; in a controller's, a processor's and a
// US-only deal alike.
func TestCounselContactWithArticle(t *testing.T) {
	for _, fixture := range []string{"example", "processor-option2", "us-ccpa"} {
		t.Run(fixture, func(t *testing.T) {
			d := *fixtureDeal(t, fixture)
			d.Customer.Contact.Name = "The Privacy Office"
			d.Provider.Contact.Name = "THE Legal Department"
			sentry := deal.Subprocessor{Name: "Sentry (Functional Software, Inc.)", Purpose: "Error monitoring of the platform",
				Location: "EU (Germany)", Country: "DE", Data: []string{"IP address"}, Category: "service", TransferMechanism: "none"}
			notice := noticeMD(t, &d, append(append([]deal.Subprocessor(nil), d.Subprocessors.List...), sentry))
			checkText(t, notice, []string{"Dear Privacy Office,", "in writing to the Legal Department at ", ", THE Legal Department ("},
				[]string{"Dear The", "the The", "the THE", "the the"})
			dpa := dealMD(t, &d, "dpa")
			checkText(t, dpa, []string{
				"to Customer, to the Privacy Office at " + d.Customer.Contact.Email,
				"unless Provider designates another, the Legal Department at " + d.Provider.Contact.Email,
				"**Contact person’s name, position and contact details:** The Privacy Office,",
			}, []string{"the The", "the THE", "the the"})
		})
	}
}

// TestUSOnlyHasNoAnnexIII is the regression test for the reason given when
// Annex III of a US-only deal is asked for: it said only that the deal
// selects no SCC module with Clause 9, which reads as a missing selection;
// a US-only DPA has no SCCs and names its sub-processors elsewhere.
func TestUSOnlyHasNoAnnexIII(t *testing.T) {
	d := fixtureDeal(t, "us-ccpa")
	_, err := engine(t).Assemble(d, "annex-iii")
	if !errors.Is(err, assemble.ErrNotApplicable) {
		t.Fatalf("Assemble(us-ccpa, annex-iii) = %v, want ErrNotApplicable", err)
	}
	for _, want := range []string{"US-only deal", "Annex I.B"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the reason %q does not say %q", err, want)
		}
	}
}

// TestCounselCCPAInabilityNotice: the CCPA regulations require the
// contract to have the service provider notify the business no later than
// five business days after it determines that it can no longer meet its
// obligations (Cal. Code Regs. tit. 11, § 7051(a)(8)); "without undue
// delay" alone is an open standard that falls short of it.
func TestCounselCCPAInabilityNotice(t *testing.T) {
	checkText(t, renderMD(t, "us-ccpa", "dpa"), []string{
		"Provider shall notify Customer in writing without undue delay, and in any event within five (5) Business Days after it determines that it can no longer meet its obligations under the CCPA (Cal. Code Regs. tit. 11, § 7051(a)(8)).",
		"“Business Day” means",
	}, nil)
}
