package assemble_test

import (
	"regexp"
	"strings"
	"testing"

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
		"- Every prospective Sub-processor is assessed for security and privacy risks before engagement, and the assessment is documented.\n",
	}, nil)

	checkText(t, renderMD(t, "seed-000", "annex-i"), []string{
		"## B. Description of the Processing and Transfer",
		"- **Activities relevant to the data transferred:** ",
		"**Categories of personal data processed and transferred**",
		"**Frequency of the transfer**",
		"**Transfers to Sub-processors**",
	}, nil)
	for fixture, cites := range map[string]string{
		"seed-000":       "(Chapter V of the GDPR and Clause 14 of the Standard Contractual Clauses)",
		"swiss-exporter": "(Article 16 of the FADP and Clause 14 of the Standard Contractual Clauses)",
		"seed-001":       "(Chapter V of the GDPR, Article 16 of the FADP and Clause 14 of the Standard Contractual Clauses)",
	} {
		checkText(t, renderMD(t, fixture, "annex-ii"), []string{
			"- Every prospective Sub-processor is assessed for security and privacy risks before engagement and, where its processing would involve a Restricted Transfer, for the risks of that transfer, including the laws and practices of the country of destination " + cites + "; the assessment is documented.\n",
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
		notice := noticeMD(t, d, append(append([]deal.Subprocessor(nil), d.Subprocessors.List...), sentry))
		if loc := bare.FindStringIndex(notice); loc != nil {
			t.Errorf("%s: the notice names the contact without its article: …%s…", name, notice[max(0, loc[0]-80):min(len(notice), loc[1]+40)])
		}
		checkText(t, notice, []string{"in writing to the Privacy Team at ", "Dear " + d.Customer.Contact.Name + ",", ", Privacy Team ("}, nil)
	}
}
