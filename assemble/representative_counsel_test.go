package assemble_test

import (
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/fixtures"
)

// representativeBlock is the representative of the us-representative
// fixture, as the deal gives it.
const representativeBlock = `  representative:
    name: EU Representation Services Ltd
    address: 1 Baggot Street Lower, Dublin 2, D02 X123
    country: IE
    email: rainier@eu-representation.example
    phone: +353 1 555 0100
`

// eitherOr is the Annex I.C wording of Clause 13(a) for an exporter that
// names no representative: both of its branches.
const eitherOr = "the supervisory authority of the Member State in which Customer’s representative under Article 27(1) of the GDPR is established or, where Customer need not appoint one (Article 27(2) of the GDPR), of a Member State in which the Data Subjects"

// TestCounselRepresentative reads Annex I of a US controller that the GDPR
// reaches under Article 3(2) and that has designated a representative in
// Ireland (Article 27 GDPR), naming no supervisory authority: Annex I.A
// lists the representative on a line of its own and the DPO as DPO, and
// Annex I.C says where the representative is established and names the
// Irish Data Protection Commission under Clause 13(a), without the
// either/or wording. Without the representative, Annex I.A keeps the old
// "data protection officer or representative" and Annex I.C both branches.
func TestCounselRepresentative(t *testing.T) {
	annex := renderMD(t, "us-representative", "annex-i")
	checkText(t, annex, []string{
		"- **Data protection officer:** Elena Kovač, dpo@rainier-fitness.example\n",
		"- **Representative in the Union (Article 27 GDPR):** EU Representation Services Ltd, 1 Baggot Street Lower, Dublin 2, D02 X123, Ireland, rainier@eu-representation.example, +353 1 555 0100\n",
		"Customer, as data exporter, is established in the United States, outside the EEA. As the GDPR applies to Customer’s processing of the personal data transferred (Article 3(2) of the GDPR), Customer has designated EU Representation Services Ltd as its representative in the Union under Article 27(1) of the GDPR, and that representative is established in Ireland; Clause 13(a) of the Standard Contractual Clauses therefore makes competent the supervisory authority of that Member State: the Data Protection Commission (Ireland).",
	}, []string{"Data protection officer or representative", eitherOr, "Article 27(2)"})

	// A Japanese controller with its representative in France: the CNIL.
	jp := variantMD(t, "us-representative", "annex-i",
		"  address: 1201 Third Avenue, Suite 400, Seattle, WA 98101\n  country: US\n  state: US-WA", "  address: 1-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005\n  country: JP",
		"    country: IE", "    country: FR")
	checkText(t, jp, []string{
		"is established in Japan, outside the EEA",
		"D02 X123, France, rainier@eu-representation.example", // the country printed is customer.representative.country
		"that representative is established in France; Clause 13(a) of the Standard Contractual Clauses therefore makes competent the supervisory authority of that Member State: the Commission Nationale de l’Informatique et des Libertés (CNIL).",
	}, []string{eitherOr})

	// An old deal: customer.dpo alone, the authority named.
	old := variantMD(t, "us-representative", "annex-i",
		representativeBlock, "",
		"  forum: IE", "  forum: IE\n  supervisory_authority: Data Protection Commission (Ireland)")
	checkText(t, old, []string{
		"- **Data protection officer or representative:** Elena Kovač",
		eitherOr + " whose personal data is transferred are located: the Data Protection Commission (Ireland).",
	}, []string{"Representative in the Union", "has designated"})

	// A Swiss exporter that the GDPR reaches too, with its representative.
	swiss := variantMD(t, "swiss-exporter", "annex-i",
		"  signatory: { name: Urs Meier, title: Chief Executive Officer }", "  signatory: { name: Urs Meier, title: Chief Executive Officer }\n"+representativeBlock,
		"governing_law: CH\n  forum: CH", "governing_law: IE\n  forum: IE",
		`supervisory_authority: ""`, `supervisory_authority: "Data Protection Commission (Ireland)"`)
	checkText(t, swiss, []string{
		"Insofar as the GDPR also applies to Customer’s processing of the personal data transferred (Article 3(2) of the GDPR), Customer has designated EU Representation Services Ltd as its representative in the Union under Article 27(1) of the GDPR, and that representative is established in Ireland; Clause 13(a) of the Standard Contractual Clauses therefore makes competent the supervisory authority of that Member State: the Data Protection Commission (Ireland).",
		"- **Representative in the Union (Article 27 GDPR):** EU Representation Services Ltd",
	}, []string{eitherOr})
}

// TestExplainRepresentativeAuthority checks that explain says where the
// supervisory authority of the us-representative fixture comes from: the
// representative's Member State, not the customer's country.
func TestExplainRepresentativeAuthority(t *testing.T) {
	y, profile := variantYAML(t, "us-representative")
	x, ws, err := deal.NewValidator(deal.Options{}).LoadExplained(y, "us-representative.yaml", profile, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if w.Rule == deal.WarnNoRepresentative || w.Rule == deal.WarnRepresentativeAuthority {
			t.Errorf("warning %s: %s", w.Rule, w.Message)
		}
	}
	var found bool
	for _, term := range assemble.Explain(x, nil).Terms {
		if term.Path != "scc.supervisory_authority" {
			continue
		}
		found = true
		want := deal.Source{Origin: deal.Derived, From: "customer.representative.country"}
		if term.Value != "Data Protection Commission (Ireland)" || term.Source != want {
			t.Errorf("scc.supervisory_authority = %q from %+v, want the Data Protection Commission (Ireland) from %+v", term.Value, term.Source, want)
		}
	}
	if !found {
		t.Error("explain lists no scc.supervisory_authority")
	}
}

// TestCounselThirdCountryExporter reads the DPA of a US controller that the
// GDPR reaches under Article 3(2): its transfers to Provider are made from
// the United States, and a "Restricted Transfer from the EEA" would never
// occur, leaving the SCCs, Clause 13 and Annex I.C without effect. The
// recital, the definition and the incorporation name the United States
// and never the EEA as the place of export; with the UK Addendum on, the
// UK transfers are the same exporter's under the UK GDPR, not transfers
// "from the United Kingdom".
func TestCounselThirdCountryExporter(t *testing.T) {
	const incorporation = "is a Restricted Transfer from the United States, Customer being subject to the GDPR under its Article 3(2)"
	dpa := renderMD(t, "us-representative", "dpa")
	checkText(t, dpa, []string{
		// Only data whose processing the GDPR governs: the place of export
		// alone does not make a transfer restricted (EDPB Guidelines
		// 05/2021, the first criterion).
		"where that personal data, to the extent that the GDPR governs its processing (Customer being subject to the GDPR under its Article 3(2)), is transferred from the United States or the EEA to a country that does not ensure an adequate level of protection.",
		// Onward transfers from the EEA (a Sub-processor there, accessed
		// from elsewhere) are Restricted Transfers too; one from the
		// United States into the EEA is not.
		"(including access from another country), where the GDPR governs the processing of that personal data (Customer being subject to the GDPR under its Article 3(2)), from the United States or the EEA to a country outside the EEA, or to an international organisation, that is not recognised",
		incorporation + ", the Standard Contractual Clauses are incorporated into this DPA by reference",
	}, []string{"Restricted Transfer from the EEA", "Restricted Transfer from the United Kingdom"})

	uk := variantMD(t, "us-representative", "dpa",
		"uk_addendum: { enabled: false }", "uk_addendum: { enabled: true, ending_party: neither }")
	checkText(t, uk, []string{
		incorporation + " (or, for a transfer that UK Data Protection Laws govern, to the UK GDPR under its Article 3(2); the UK Addendum then applies as well, as",
	}, []string{"Restricted Transfer from the EEA", "or from the United Kingdom"})
}
