package assemble_test

import (
	"regexp"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/fixtures"
)

// euOnlyWording is what a DPA under UK Data Protection Laws alone must never
// say: EU law, EU places and EU authorities.
var euOnlyWording = []string{
	"Member State", "EEA", "Union", "Article 3(2)", "Article 27", "Data Protection Commission",
	"Autoriteit Persoonsgegevens", "FDPIC", "FADP", "a reference in this DPA to an Article or Chapter of the GDPR",
	"the courts of the United Kingdom", "for processing subject to UK Data Protection Laws, the law of the United Kingdom",
}

// bareGDPR finds "GDPR" not preceded by "UK ".
var bareGDPR = regexp.MustCompile(`(^|[^K] |[^ ])GDPR`)

// checkNoBareGDPR fails for each citation of the GDPR that is not the UK
// GDPR's.
func checkNoBareGDPR(t *testing.T, txt string) {
	t.Helper()
	for _, loc := range bareGDPR.FindAllStringIndex(txt, -1) {
		t.Errorf("cites the EU GDPR: …%s…", txt[max(0, loc[0]-80):min(len(txt), loc[1]+40)])
	}
}

// TestCounselUKOnly reads the DPA of a London controller under UK Data
// Protection Laws alone (customer.country GB, the UK Addendum on, no EU
// supervisory authority): every legal reference is the UK GDPR's, the legal
// exceptions are UK law's, the Information Commissioner supervises, and
// Clauses 17 and 18 are England and Wales as Part 2 of the UK Addendum
// provides; no EU law, place or authority is named. The DPA used to cite the
// EU GDPR and read it as the UK GDPR, and the deal needed an EU authority.
func TestCounselUKOnly(t *testing.T) {
	dpa := renderMD(t, "uk-only", "dpa")
	checkText(t, dpa, []string{
		"as Article 28 of the UK GDPR requires, and to provide appropriate safeguards where that personal data is transferred from the United Kingdom to a country",
		"including the UK Data Protection Laws and the other laws of the United Kingdom on data protection and privacy.",
		"“UK GDPR” has the meaning given to it in section 3(10) of the Data Protection Act 2018: Regulation (EU) 2016/679 as it forms part of the law of England and Wales, Scotland and Northern Ireland, as amended by the law of the United Kingdom.",
		"have the meanings given to them in Article 4 of the UK GDPR, and “supervisory authority” means the Information Commissioner.",
		"unless Provider is required to process it by the domestic law of the United Kingdom to which Provider is subject",
		"unless that law prohibits such information on important grounds of public interest",
		"an instruction infringes the UK GDPR or other Data Protection Laws",
		"unless they are required to do otherwise by the domestic law of the United Kingdom.",
		"as required by Article 32 of the UK GDPR",
		"for the purposes of Article 28(2) of the UK GDPR and of Clause 9(a) (Option 2)",
		"their rights under Chapter III of the UK GDPR",
		"Articles 33 and 34 of the UK GDPR (to notify the Information Commissioner without undue delay and, where feasible, within 72 hours",
		"Customer’s obligations under Articles 32 to 36 of the UK GDPR",
		"prior consultation of the Information Commissioner.",
		"under Article 35 of the UK GDPR",
		"Where Customer consults the Information Commissioner under Article 36 of the UK GDPR",
		"the obligations laid down in Article 28 of the UK GDPR and in this DPA",
		"regulations under Article 45A of the UK GDPR approving transfers to the Sub-processor’s country",
		"is a Restricted Transfer from the United Kingdom (to which the UK Addendum applies as well",
		"references to the competent supervisory authority are to the Information Commissioner (Section 15(k)).",
		"The Standard Contractual Clauses are governed by the laws of England and Wales: Section 15(m) of the UK Addendum",
		"shall be resolved by the courts of England and Wales, as Section 15(n) of the UK Addendum provides",
		"before the courts of any country in the United Kingdom.",
		"| Clause 13 (supervision) | Clause 13(a) not used; the Information Commissioner (UK Addendum, Section 15(j) and (k))",
		"| Clause 17 (governing law) | The laws of England and Wales (Section 15(m) of the UK Addendum) |",
		"Not used: Section 15(j) of the UK Addendum.",
		"with the content that Article 30(2) of the UK GDPR requires.",
		"(Chapter V of the UK GDPR and, for a transfer under standard contractual clauses, Clause 14 of those standard contractual clauses, with the International Data Transfer Addendum between Provider and the Sub-processor)",
		"Articles 33 and 34 of the UK GDPR.",
		"None required (the UK or a country to which transfers are approved by regulations under Article 45A of the UK GDPR)",
		"Standard contractual clauses between Provider and the Sub-processor (Module Three) with the ICO International Data Transfer Addendum",
	}, euOnlyWording)
	checkNoBareGDPR(t, dpa)
}

// TestCounselUKOnlyWithSwissTerms reads the DPA of a UK exporter under UK
// Data Protection Laws alone that has the Swiss terms on for its Swiss
// establishment: UK law first, the FADP beside it for the transfers from
// Switzerland, and no EU law but the FDPIC's adaptations, which speak of
// the SCCs' own "GDPR" and "Member State".
func TestCounselUKOnlyWithSwissTerms(t *testing.T) {
	dpa := variantMD(t, "uk-only", "dpa", "swiss: { enabled: false }", "swiss: { enabled: true }",
		"governing_law: GB\n  forum: GB", "governing_law: CH\n  forum: CH")
	checkText(t, dpa, []string{
		"the domestic law of the United Kingdom to which Provider is subject (or, for processing subject to the FADP, by Swiss law)",
		"Article 28 of the UK GDPR requires and, for processing subject to the FADP, Article 9 of the FADP provides",
		"and for a transfer from Switzerland the parties choose the law of Switzerland.",
		"A dispute about a transfer from Switzerland shall be resolved by the courts of Switzerland",
		"or from Switzerland, the Standard Contractual Clauses are incorporated",
		"references to the competent supervisory authority are to the Information Commissioner (Section 15(k)). For a transfer from Switzerland, the competent supervisory authority is the FDPIC",
		"insofar as the transfer is governed by UK Data Protection Laws, the Information Commissioner remains competent for it",
	}, []string{"Union or Member State law", "Article 3(2)", "also governed by the GDPR", "Article 28 of the GDPR"})
}

// TestCounselUKWithEUAuthorityUnchanged: a UK exporter that names an EU
// supervisory authority (the EU GDPR reaches it under Article 3(2)) keeps
// the EU reading: the GDPR cited, and 1.3 reading it as the UK GDPR too.
func TestCounselUKWithEUAuthorityUnchanged(t *testing.T) {
	dpa := variantMD(t, "uk-only", "dpa", `supervisory_authority: ""`, `supervisory_authority: "Data Protection Commission (Ireland)"`,
		"governing_law: GB\n  forum: GB", "governing_law: IE\n  forum: IE")
	checkText(t, dpa, []string{"Article 28 of the GDPR", "Article 3(2) of the GDPR", "a reference in this DPA to an Article or Chapter of the GDPR is also a reference"},
		[]string{"governed by the laws of England and Wales: Section 15(m)"})
}

// TestUKOnlyAnnexes reads the UK-only annexes on their own: Annex I.C names
// the Information Commissioner and no EU authority; Annex III judges
// adequacy as the UK does.
func TestUKOnlyAnnexes(t *testing.T) {
	annexI := renderMD(t, "uk-only", "annex-i")
	checkText(t, annexI, []string{"Not used: Section 15(j) of the UK Addendum. The Information Commissioner supervises compliance with the Standard Contractual Clauses, as the UK Addendum amends them, for the transfers under the UK Addendum (Section 15(k))."}, euOnlyWording)
	checkNoBareGDPR(t, annexI)
	annexIII := renderMD(t, "uk-only", "annex-iii")
	checkText(t, annexIII, []string{"None required (the UK or a country to which transfers are approved by regulations under Article 45A of the UK GDPR)"}, []string{"EEA or adequate country"})
}

// TestUKOnlyNotice reads a change notice to the UK-only customer: a
// certified US sub-processor is covered by the UK Extension to the EU-US
// Data Privacy Framework, a move to the United Kingdom is no move abroad,
// and a move to India is one outside the United Kingdom and the EEA (the
// letter said only "outside the EEA").
func TestUKOnlyNotice(t *testing.T) {
	d := fixtureDeal(t, "uk-only")
	n := noticeMD(t, d, withAddition(d))
	checkText(t, n, []string{"Zendesk, Inc.", "UK Extension to the EU-US Data Privacy Framework"}, []string{"EU-US Data Privacy Framework and", "Member State", "Union"})
	checkNoBareGDPR(t, n)
	moved := append([]deal.Subprocessor(nil), d.Subprocessors.List...)
	moved[1].Country, moved[1].Location, moved[1].TransferMechanism = "GB", "United Kingdom", "none"
	n = noticeMD(t, d, moved)
	checkText(t, n, nil, []string{"Sub-processors moving to another country"})
	moved[1].Country, moved[1].Location, moved[1].TransferMechanism = "IN", "India", "scc"
	n = noticeMD(t, d, moved)
	checkText(t, n, []string{"Sub-processors moving to another country",
		"creates or changes a transfer of your personal data to a country outside the United Kingdom and the EEA"}, nil)
}

// TestCounselUKOnlyRolesAndFallbacks reads the UK-only DPA of a processor
// customer (Module Three), of a controller that is also a processor
// (Modules Two and Three), and with every negotiated fallback: each speaks
// the UK GDPR and no EU law, place or authority.
func TestCounselUKOnlyRolesAndFallbacks(t *testing.T) {
	for _, tt := range []struct {
		name  string
		edits []string
		want  []string
	}{
		{"processor customer", []string{"role: controller", "role: processor\n  controller: the clients of Thameside Analytics Ltd", "modules: [2]", "modules: [3]"},
			[]string{"to notify the Controller without undue delay, as Article 33(2) of the UK GDPR requires", "as Article 28(4) of the UK GDPR requires", "Where the Controller consults the Information Commissioner under Article 36 of the UK GDPR"}},
		{"mixed roles", []string{"modules: [2]", "modules: [2, 3]"},
			[]string{"without undue delay (Article 33(2) of the UK GDPR)", "(Article 28(4) of the UK GDPR)"}},
		{"negotiated fallbacks", []string{"subprocessors: { objection_days: 20 }", "subprocessors: { objection_days: 20 }\nnegotiated:\n  breach: phone-notice\n  audits: remote-first\n  subprocessors: late-objection\n  security: customer-measures\n  liability: data-protection-cap"},
			[]string{"as required by Article 32 of the UK GDPR", "Article 28 of the UK GDPR and in this DPA", "Articles 33 and 34 of the UK GDPR (to notify the Information Commissioner", "for the purposes of Article 28(2) of the UK GDPR"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dpa := variantMD(t, "uk-only", "dpa", tt.edits...)
			checkText(t, dpa, tt.want, euOnlyWording)
			checkNoBareGDPR(t, dpa)
		})
	}
}

// TestCounselUKOnlyNoRestrictedTransfer reads the UK-only DPA with a
// provider in Japan, to which UK regulations under Article 45A UK GDPR
// approve transfers (made under s. 17A DPA 2018 before 2026): no Restricted
// Transfer, so neither the SCCs nor the UK Addendum apply to the transfer
// to it (the DPA named only the SCCs).
func TestCounselUKOnlyNoRestrictedTransfer(t *testing.T) {
	dpa := variantMD(t, "uk-only", "dpa", "scc:\n", "provider:\n  name: Kestrel Cloud KK\n  address: 1-1 Marunouchi, Chiyoda-ku, Tokyo\n  country: JP\nscc:\n")
	checkText(t, dpa, []string{
		"Provider is established in Japan, a country to which transfers are approved by regulations under Article 45A of the UK GDPR.",
		"the Standard Contractual Clauses and the UK Addendum do not apply to it",
		"They apply only if and to the extent that a Restricted Transfer from Customer to Provider takes place in connection with the Services;",
	}, euOnlyWording)
	checkNoBareGDPR(t, dpa)
}

// TestUKOnlyOption1NoticeCitesUKGDPR: an Option 1 request to a UK-only
// customer cites Article 28(2) and (4) of the UK GDPR, not the GDPR's (it
// named the EU GDPR for every customer outside the FADP alone).
func TestUKOnlyOption1NoticeCitesUKGDPR(t *testing.T) {
	y, profile := variantYAML(t, "uk-only", "subprocessor_option: general", "subprocessor_option: specific")
	d, err := deal.Load(y, "uk-only.yaml", profile, fixtures.Profile)
	if err != nil {
		t.Fatalf("uk-only with Option 1: %v", err)
	}
	n := noticeMD(t, d, withAddition(d))
	checkText(t, n, []string{"Article 28(2) and (4) of the UK GDPR"}, []string{"Article 28(2) and (4) of the GDPR"})
	checkNoBareGDPR(t, n)
}

// TestCounselUKOnlySubprocessorSafeguard: for a transfer under UK Data
// Protection Laws, standard contractual clauses with a Sub-processor are a
// safeguard only with the ICO's Addendum (or the ICO's IDTA instead), and
// the flow-down names the SCCs as the Addendum amends them, as Annex III
// already did; in an EU deal with the Addendum, for its UK transfers.
func TestCounselUKOnlySubprocessorSafeguard(t *testing.T) {
	checkText(t, renderMD(t, "uk-only", "dpa"), []string{
		"(such as the International Data Transfer Agreement, or standard contractual clauses between Provider and the Sub-processor with the International Data Transfer Addendum, each issued by the Information Commissioner under section 119A of the Data Protection Act 2018, or regulations under Article 45A",
		"under the Standard Contractual Clauses as the UK Addendum amends them, including as regards third-party beneficiary rights",
	}, nil)
	// An EU deal with the Addendum: the same for its UK transfers.
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"(such as standard contractual clauses between Provider and the Sub-processor (for a transfer subject to UK Data Protection Laws, with the International Data Transfer Addendum issued by the Information Commissioner under section 119A of the Data Protection Act 2018, or the International Data Transfer Agreement instead), or an adequacy decision",
		"under the Standard Contractual Clauses (and, for a transfer subject to UK Data Protection Laws, under the UK Addendum), including as regards third-party beneficiary rights",
	}, []string{"under the Standard Contractual Clauses as the UK Addendum amends them, including"})
	// Without the Addendum, neither.
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{
		"(such as standard contractual clauses between Provider and the Sub-processor, or an adequacy decision",
		"under the Standard Contractual Clauses, including as regards third-party beneficiary rights",
	}, []string{"International Data Transfer"})
}

// TestCounselSeveralControllers: a processor customer's deal that names
// its controllers in the plural ("the employers that use ...") defines
// "Controller" so that each of them is "the Controller" for its own data,
// as the clauses that speak of "the Controller's authorisation" need.
func TestCounselSeveralControllers(t *testing.T) {
	checkText(t, renderMD(t, "processor-option1-eea", "dpa"), []string{
		"being the controller or controllers on whose behalf Customer processes Customer Personal Data as processor, and, where there are several, each of them for the Customer Personal Data processed on its behalf.",
	}, nil)
}
