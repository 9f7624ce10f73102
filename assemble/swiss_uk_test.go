package assemble_test

import (
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
)

// TestSwissExporterUKAddendumForumAndLaw is the regression test for a
// Swiss exporter under the FADP alone with the UK Addendum whose 12.2(g)
// and Schedule 1.A sent every dispute under the SCCs to the Swiss courts
// and named only Swiss law, though the UK Addendum's Mandatory Clauses
// (Part 2, Section 15(m) and (n)) give transfers under it the laws and the
// courts of England and Wales, as 12.2(f) already said.
func TestSwissExporterUKAddendumForumAndLaw(t *testing.T) {
	d := fixtureDeal(t, "swiss-exporter")
	if !d.FADPOnly() || !d.UKAddendum.Enabled {
		t.Fatal("swiss-exporter is no longer under the FADP alone with the UK Addendum")
	}
	checkText(t, renderMD(t, "swiss-exporter", "dpa"), []string{
		"Any dispute arising from the Standard Contractual Clauses shall be resolved by the courts of Switzerland; disputes arising from the Standard Contractual Clauses as the UK Addendum amends them, for transfers that UK Data Protection Laws govern, are resolved by the courts of England and Wales, as [Clause 13](#uk-addendum) of this DPA provides.",
		"| Clause 17 (governing law) | Option 1: the law of Switzerland; as the UK Addendum amends them for transfers that UK Data Protection Laws govern, the laws of England and Wales, as [Clause 13](#uk-addendum) of this DPA provides |",
		"(in Switzerland, for Data Subjects there); as the UK Addendum amends them for transfers that UK Data Protection Laws govern, the courts of England and Wales, as [Clause 13](#uk-addendum) of this DPA provides |",
	}, []string{
		"| Clause 17 (governing law) | Option 1: the law of Switzerland |",
		"shall be resolved by the courts of Switzerland. A Data Subject",
	})
	// Without the UK Addendum the Swiss choice stands alone.
	checkText(t, variantMD(t, "swiss-exporter", "dpa", "uk_addendum: { enabled: true", "uk_addendum: { enabled: false"), nil,
		[]string{"courts of England and Wales", "section 17A"})
}

// TestSwissExporterUKAddendumAdequacyLabel is the regression test for the
// same deal's Annex III, notice and 12.1, which named only the Swiss
// Federal Council's adequacy list (Art. 16(1) FADP) for a sub-processor
// needing no safeguard, though the data of the UK establishment reaches
// it under regulations under Article 45A UK GDPR (formerly s. 17A DPA 2018).
func TestSwissExporterUKAddendumAdequacyLabel(t *testing.T) {
	const label = "None required (adequate under the FADP and UK Data Protection Laws)"
	checkText(t, renderMD(t, "swiss-exporter", "annex-iii"), []string{label},
		[]string{"None required (Switzerland or a country listed as adequate by the Swiss Federal Council)"})
	checkText(t, renderMD(t, "swiss-exporter", "dpa"), []string{
		"under Article 16(1) of the FADP, or, for a transfer from the United Kingdom, regulations under Article 45A of the UK GDPR approving transfers to the Sub-processor’s country",
	}, nil)
	d := fixtureDeal(t, "swiss-exporter")
	de := deal.Subprocessor{Name: "Better Stack GmbH", Purpose: "Uptime monitoring", Location: "EU (Germany)", Country: "DE",
		Data: []string{"IP address"}, Category: "service", TransferMechanism: "none"}
	cur := append(append([]deal.Subprocessor(nil), d.Subprocessors.List...), forAnnexIII(d, de))
	checkText(t, noticeMD(t, d, cur), []string{label}, nil)
}
