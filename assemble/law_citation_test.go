package assemble_test

import (
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
)

// TestCounselRecordsCiteTheDealsLaws reads Annex II's record of processing
// activities and sub-processor due diligence in a deal under each set of
// laws: they cite the GDPR (Art. 30(2); Chapter V) only where the GDPR
// applies, the FADP (Art. 12(3); Art. 16) only where the FADP does, the UK
// GDPR (Art. 30(2); Chapter V, with the UK Addendum) wherever the UK
// Addendum is on, and no law in a US-only deal. The record cited both
// laws in every deal, "where that law applies", and then never the UK
// GDPR; the due diligence left out the UK's transfer rules although a
// Restricted Transfer includes transfers from the United Kingdom.
func TestCounselRecordsCiteTheDealsLaws(t *testing.T) {
	const (
		record     = "Provider keeps an up-to-date record of the processing activities it carries out on behalf of its customers"
		diligence  = "Every prospective Sub-processor is assessed for security and privacy risks before engagement (and before its processing moves to another country)"
		transfer   = " and, where its processing would involve a Restricted Transfer, for the risks of that transfer, including the laws and practices of the country of destination ("
		documented = "); the assessment is documented."
	)
	gdpr, fadp, uk := "Article 30(2) of the GDPR", "Article 12(3) of the FADP", "Article 30(2) of the UK GDPR"
	ukOff := []string{"uk_addendum: { enabled: true, ending_party: neither }", "uk_addendum: { enabled: false }"}
	swissUKOff := []string{"uk_addendum: { enabled: true, ending_party: exporter }", "uk_addendum: { enabled: false }"}
	swissUnderGDPR := []string{`supervisory_authority: ""`, `supervisory_authority: "the Bavarian State Office for Data Protection Supervision (BayLDA)"`, "governing_law: CH\n  forum: CH", "governing_law: DE\n  forum: DE"}
	tests := []struct {
		name, fixture string
		edits         []string
		wantRecord    string
		// wantBasis is the due diligence's citation in brackets; "" for
		// the law-free wording of a US-only deal.
		wantBasis string
		not       []string
	}{
		{"GDPR alone", "seed-000", nil,
			", with the content that " + gdpr + " requires.",
			"Chapter V of the GDPR and, for a transfer under standard contractual clauses, Clause 14 of those standard contractual clauses",
			[]string{fadp, "Swiss Federal Act", "where that law applies", "UK GDPR", "UK Addendum"}},
		{"GDPR and UK", "processor-option1-eea", nil,
			", with the content that " + gdpr + " requires and, for processing subject to UK Data Protection Laws, the content that " + uk + " requires.",
			"Chapter V of the GDPR and of the UK GDPR, and, for a transfer under standard contractual clauses, Clause 14 of those standard contractual clauses, with the International Data Transfer Addendum between Provider and the Sub-processor where it applies",
			[]string{fadp, "Article 16 of the FADP"}},
		{"FADP alone", "swiss-exporter", swissUKOff,
			", with the content that " + fadp + " requires.",
			"Article 16 of the FADP and, for a transfer under standard contractual clauses, Clause 14 of those standard contractual clauses",
			[]string{gdpr, "where that law applies", "UK GDPR", "Chapter V"}},
		{"FADP and UK (a Swiss exporter's UK branch)", "swiss-exporter", nil,
			", with the content that " + fadp + " requires and, for processing subject to UK Data Protection Laws, the content that " + uk + " requires.",
			"Article 16 of the FADP, Chapter V of the UK GDPR, and, for a transfer under standard contractual clauses, Clause 14 of those standard contractual clauses, with the International Data Transfer Addendum between Provider and the Sub-processor where it applies",
			[]string{gdpr, "Chapter V of the GDPR"}},
		{"Swiss exporter also under the GDPR (Art. 3(2))", "swiss-exporter", append(append([]string(nil), swissUnderGDPR...), swissUKOff...),
			", with the content that " + gdpr + " requires and, for processing subject to the FADP, the content that " + fadp + " requires.",
			"Chapter V of the GDPR, Article 16 of the FADP and, for a transfer under standard contractual clauses, Clause 14 of those standard contractual clauses",
			[]string{"UK GDPR"}},
		{"GDPR and FADP", "seed-001", ukOff,
			", with the content that " + gdpr + " requires and, for processing subject to the FADP, the content that " + fadp + " requires.",
			"Chapter V of the GDPR, Article 16 of the FADP and, for a transfer under standard contractual clauses, Clause 14 of those standard contractual clauses",
			[]string{"UK GDPR"}},
		{"GDPR, UK and FADP", "seed-001", nil,
			", with the content that " + gdpr + " requires and, for processing subject to UK Data Protection Laws or to the FADP, the content that " + uk + " or " + fadp + " respectively requires.",
			"Chapter V of the GDPR and of the UK GDPR, Article 16 of the FADP, and, for a transfer under standard contractual clauses, Clause 14 of those standard contractual clauses, with the International Data Transfer Addendum between Provider and the Sub-processor where it applies",
			nil},
		{"US-only", "us-ccpa", nil,
			".", "",
			[]string{"GDPR", "FADP", "Swiss Federal Act", "Restricted Transfer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := variantMD(t, tt.fixture, "annex-ii", tt.edits...)
			wantDiligence := diligence + ", and the assessment is documented."
			if tt.wantBasis != "" {
				wantDiligence = diligence + transfer + tt.wantBasis + documented
			}
			checkText(t, md, []string{"- " + record + tt.wantRecord + "\n", "- " + wantDiligence + "\n"}, tt.not)
			for _, m := range []string{record, diligence} {
				if n := strings.Count(md, m); n != 1 {
					t.Errorf("the measure %q… appears %d times, want once", m[:30], n)
				}
			}
		})
	}
}

// TestCounselAnnexIIIFrameworks is the regression test for Annex III
// naming the EU-US Data Privacy Framework as the safeguard of a "dpf"
// sub-processor whatever the deal's transfers: it names the framework or
// frameworks that cover them, the EU-US one for transfers under the GDPR,
// its UK Extension where the UK Addendum is on, the Swiss-US one under the
// FADP.
func TestCounselAnnexIIIFrameworks(t *testing.T) {
	const zendesk = "| **Zendesk, Inc.** | Customer support platform: handling of support tickets | United States; data hosted in Germany (Frankfurt) | Name, email address and support ticket content | "
	dpfEntry := "    - { name: \"Zendesk, Inc.\", description: Customer support platform, purpose: Handling of support tickets, location: \"United States; data hosted in Germany (Frankfurt)\", country: US, data: [Name, Email address, Support ticket content], category: service, transfer_mechanism: dpf }\n"
	tests := []struct {
		name, fixture string
		edits         []string
		want          string
	}{
		{"GDPR alone", "seed-000", nil, "EU-US Data Privacy Framework |"},
		{"GDPR with the UK Addendum", "seed-000", []string{"uk_addendum: { enabled: false }", "uk_addendum: { enabled: true, ending_party: neither }"},
			"EU-US Data Privacy Framework and its UK Extension |"},
		{"GDPR and FADP", "seed-000", []string{"swiss: { enabled: false }", "swiss: { enabled: true }"},
			"EU-US Data Privacy Framework; Swiss-US Data Privacy Framework |"},
		{"GDPR, UK and FADP", "seed-001", nil,
			"EU-US Data Privacy Framework and its UK Extension; Swiss-US Data Privacy Framework |"},
		{"FADP alone", "swiss-exporter", []string{"uk_addendum: { enabled: true, ending_party: exporter }", "uk_addendum: { enabled: false }"},
			"Swiss-US Data Privacy Framework |"},
		{"FADP alone, with a UK branch", "swiss-exporter", nil,
			"Swiss-US Data Privacy Framework; UK Extension to the EU-US Data Privacy Framework |"},
	}
	addDPF := map[string][]string{
		"seed-000":       {"\n  list:\n", "\n  list:\n" + dpfEntry},
		"seed-001":       {"  objection_days: 15\n", "  objection_days: 15\n  list:\n" + dpfEntry},
		"swiss-exporter": {"subprocessors: { objection_days: 20 }", "subprocessors:\n  objection_days: 20\n  list:\n" + dpfEntry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := variantMD(t, tt.fixture, "annex-iii", append(tt.edits, addDPF[tt.fixture]...)...)
			checkText(t, md, []string{zendesk + tt.want}, []string{"(Swiss-US for transfers from Switzerland)"})
		})
	}
}

// TestCounselUSOnlyPersonalInformation is the regression test for the
// GDPR's "personal data" in a US-only deal: its DPA, annexes and change
// notice speak of "personal information", the CCPA's term (Cal. Civ. Code
// § 1798.140(v)); "personal data" remains only in the recital that no
// personal data subject to EEA, UK or Swiss law is processed, and in the
// DPA's defined terms (Customer Personal Data, Personal Data Breach).
func TestCounselUSOnlyPersonalInformation(t *testing.T) {
	d := fixtureDeal(t, "us-ccpa")
	sentry := deal.Subprocessor{Name: "Sentry (Functional Software, Inc.)", Purpose: "Error monitoring of the platform",
		Location: "United States", Country: "US", Data: []string{"IP address", "Usage logs"}, Category: "service", TransferMechanism: "none"}
	docs := map[string]string{
		"dpa":      renderMD(t, "us-ccpa", "dpa"),
		"annex-i":  renderMD(t, "us-ccpa", "annex-i"),
		"annex-ii": renderMD(t, "us-ccpa", "annex-ii"),
		"notice":   noticeMD(t, d, append(append([]deal.Subprocessor(nil), d.Subprocessors.List...), sentry)),
	}
	allowed := []string{
		"No personal data subject to the data protection laws of the EEA, the United Kingdom or Switzerland is processed",
		"protected as personal information (or, under some State laws, personal data) under Data Protection Laws",
	}
	for name, md := range docs {
		t.Run(name, func(t *testing.T) {
			rest := md
			for _, a := range allowed {
				rest = strings.ReplaceAll(rest, a, "")
			}
			checkText(t, rest, nil, []string{"personal data", "Personal data"})
		})
	}
	checkText(t, docs["notice"], []string{
		"A “Sub-processor” is any service provider, contractor or other person, including any affiliate of Provider, that Provider engages to process your personal information in providing the Services",
		"| Sub-processor | Purpose | Location | Personal information it will process |",
		"on reasonable grounds relating to the protection of personal information",
		"not using the Sub-processor for your personal information",
	}, nil)
	checkText(t, docs["dpa"], []string{
		"In providing the Services, Provider processes personal information on Customer’s behalf.",
		"approximate number of Data Subjects and of personal information records concerned",
		"**Categories of Data Subjects whose personal information is processed**",
		"**Categories of personal information processed**",
		"The Services collect and process only the categories of Customer Personal Data described in [Annex I.B](#annex-i-b)",
		"prompt notification of Personal Data Breaches.",
	}, nil)
}

// TestCounselNoRepresentativeWarning is the regression test for a customer
// outside the EEA, subject to the GDPR under its Article 3(2), that names
// no Article 27 representative: the deal is valid, but validation warns
// (no_eu_representative) and names customer.representative, the field to
// fill, even when customer.dpo is given; with a representative there, and
// for a Swiss exporter under the FADP alone or an EEA customer, it does
// not. No fixture draws the warning.
func TestCounselNoRepresentativeWarning(t *testing.T) {
	uk := []string{
		"  address: Bahnhofstrasse 40, 8001 Zürich\n  country: CH", "  address: 10 Finsbury Square, London EC2A 1AF\n  country: GB",
		`supervisory_authority: ""`, `supervisory_authority: "the Data Protection Commission (Ireland)"`,
		"governing_law: CH\n  forum: CH", "governing_law: IE\n  forum: IE",
		"swiss: { enabled: true }", "swiss: { enabled: false }",
	}
	swiss32 := []string{
		`supervisory_authority: ""`, `supervisory_authority: "the Bavarian State Office for Data Protection Supervision (BayLDA)"`,
		"governing_law: CH\n  forum: CH", "governing_law: DE\n  forum: DE",
	}
	signatory := "  signatory: { name: Urs Meier, title: Chief Executive Officer }"
	rep := signatory + "\n  representative: { name: EU Representative Ltd, address: \"1 Baggot Street, Dublin 2\", country: IE, email: rep@eu-rep.example }"
	dpo := signatory + "\n  dpo: { name: EU Representative GmbH, email: rep@eu-rep.example }"
	for _, tt := range []struct {
		name  string
		edits []string
		want  bool
	}{
		{"UK customer under Art. 3(2), no representative", uk, true},
		{"UK customer with its representative", append(append([]string(nil), uk...), signatory, rep), false},
		{"UK customer with only a DPO", append(append([]string(nil), uk...), signatory, dpo), true},
		{"Swiss customer under Art. 3(2), no representative", swiss32, true},
		{"Swiss customer under the FADP alone", nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ws, err := loadVariant(t, "swiss-exporter", tt.edits...)
			if err != nil {
				t.Fatalf("the deal is invalid: %v", err)
			}
			var got *deal.Problem
			for i := range ws {
				if ws[i].Rule == deal.WarnNoRepresentative {
					got = &ws[i]
				}
			}
			if (got != nil) != tt.want {
				t.Fatalf("no_eu_representative warned = %t, want %t (warnings %v)", got != nil, tt.want, ws)
			}
			if got != nil && (got.Path != "customer.representative" || !strings.Contains(got.Message, "names no representative in the Union (Article 27 GDPR): give the representative's name, address, Member State (country) and email in customer.representative")) {
				t.Errorf("warning = %s: %s; want it at customer.representative, naming the field", got.Path, got.Message)
			}
		})
	}
	for name, d := range fixtureDeals(t) {
		for _, w := range deal.Warnings(d) {
			if w.Rule == deal.WarnNoRepresentative {
				t.Errorf("fixture %s: %s", name, w.Message)
			}
		}
	}
}

// TestCounselUKCustomerCitesUKGDPR is the regression test for a UK
// customer's DPA citing only the EU GDPR: where the UK Addendum is on, the
// recital names Article 28 of the UK GDPR beside Article 28 of the GDPR,
// Clause 11.1 the obligations of Article 28 of the UK GDPR, and the
// interpretation clause reads every GDPR article the DPA cites as also
// citing the UK GDPR's for processing subject to UK Data Protection Laws. A
// Swiss exporter under the FADP alone names Article 28 of the UK GDPR
// beside Article 9 of the FADP; a deal without the UK Addendum cites no UK
// law.
func TestCounselUKCustomerCitesUKGDPR(t *testing.T) {
	const (
		recitalGDPR = "as Article 28 of the GDPR (and, for processing subject to UK Data Protection Laws, Article 28 of the UK GDPR) requires and Article 9 of the FADP provides, and to provide"
		recitalFADP = "as Article 9 of the FADP provides (and, for processing subject to UK Data Protection Laws, Article 28 of the UK GDPR requires), and to provide"
		reading     = "For processing subject to UK Data Protection Laws, a reference in this DPA to an Article or Chapter of the GDPR is also a reference to the corresponding provision of the UK GDPR (in the Standard Contractual Clauses, the UK Addendum determines how such references are read)."
		auditsGDPR  = "obligations laid down in Article 28 of the GDPR, in Article 28 of the UK GDPR, in Article 9 of the FADP and in this DPA"
		auditsFADP  = "obligations laid down in Article 9 of the FADP, in Article 28 of the UK GDPR and in this DPA"
	)
	ukCustomer := []string{
		"  country: DE                       # ISO 3166-1 alpha-2", "  country: GB",
		"address: Hafenstraße 12, 20457 Hamburg", "address: 10 Dock Street, London E1 8JN",
		`supervisory_authority: ""`, `supervisory_authority: "Data Protection Commission (Ireland)"`,
	}
	tests := []struct {
		name, fixture string
		edits         []string
		want, not     []string
	}{
		{"UK customer with the UK Addendum", "example", ukCustomer,
			[]string{recitalGDPR, reading, auditsGDPR}, []string{"as Article 28 of the GDPR requires"}},
		{"Swiss exporter under the FADP alone, with a UK branch", "swiss-exporter", nil,
			[]string{recitalFADP, auditsFADP}, []string{reading}},
		{"EU deal without the UK Addendum", "seed-000", nil,
			[]string{"as Article 28 of the GDPR requires, and to provide", "obligations laid down in Article 28 of the GDPR and in this DPA"},
			[]string{"UK GDPR", "UK Data Protection Laws"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkText(t, variantMD(t, tt.fixture, "dpa", tt.edits...), tt.want, tt.not)
		})
	}
}

// TestCounselAnnexIIISubprocessorSCCs is the regression test for Annex
// III naming an "scc" sub-processor's safeguard "Standard Contractual
// Clauses", the DPA's defined term for the clauses between Customer and
// Provider: it names the standard contractual clauses between Provider and
// the Sub-processor (Module Three), with the ICO International Data
// Transfer Addendum where the UK Addendum is on and the Swiss adaptations
// where the FADP governs; the notice names them alike.
func TestCounselAnnexIIISubprocessorSCCs(t *testing.T) {
	const module3 = "| Standard contractual clauses between Provider and the Sub-processor (Module Three)"
	tests := []struct {
		fixture string
		edits   []string
		want    string
	}{
		{"seed-000", nil, module3 + " |"},
		{"seed-000", []string{"uk_addendum: { enabled: false }", "uk_addendum: { enabled: true, ending_party: neither }"}, module3 + " with the ICO International Data Transfer Addendum |"},
		{"swiss-exporter", []string{"uk_addendum: { enabled: true, ending_party: exporter }", "uk_addendum: { enabled: false }"}, module3 + " with the Swiss adaptations |"},
		{"seed-001", nil, module3 + " with the ICO International Data Transfer Addendum and the Swiss adaptations |"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			md := variantMD(t, tt.fixture, "annex-iii", tt.edits...)
			checkText(t, md, []string{tt.want}, []string{"| Standard Contractual Clauses |"})
		})
	}
	d := fixtureDeal(t, "seed-000")
	added := append(append([]deal.Subprocessor(nil), d.Subprocessors.List...), deal.Subprocessor{Name: "Papertrail (SolarWinds Worldwide, LLC)",
		Purpose: "Storage and search of system logs", Location: "United States", Country: "US", Data: []string{"Usage logs"},
		Category: "service", TransferMechanism: "scc"})
	checkText(t, noticeMD(t, d, added), []string{module3 + " |"}, []string{"| Standard Contractual Clauses |"})
}
