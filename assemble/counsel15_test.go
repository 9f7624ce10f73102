package assemble_test

import "testing"

// The fifteenth counsel's reading (3 December 2026): a second reader on
// Swiss and UK deals. Each test rejects the wording that reading found
// wrong.

// ukUnderGDPR are the edits that make the UK-only fixture a UK customer
// whose processing the GDPR reaches too (its Article 3(2)), with a
// representative in Ireland.
var ukUnderGDPR = []string{
	"  signatory: { name: James Whitfield, title: Managing Director }\n",
	"  signatory: { name: James Whitfield, title: Managing Director }\n  representative: { name: EU Rep Services Ltd, address: \"1 Baggot Street Lower, Dublin 2\", country: IE, email: rep@eurep.example }\n",
	"governing_law: GB", "governing_law: IE",
	"forum: GB", "forum: IE",
	`supervisory_authority: ""`, "supervisory_authority: Data Protection Commission (Ireland)",
}

// TestCounsel15UKExporterUnderBothLaws: a UK customer that the GDPR
// reaches under its Article 3(2) transfers from the United Kingdom, each
// transfer under both laws; its DPA had the SCCs serve a "Restricted
// Transfer from the EEA" it does not make and put every transfer under
// English law (the UK Addendum's), so that the Irish law, courts and
// authority it chose governed nothing. The SCCs now serve the GDPR as
// they stand, under the law chosen for them, and UK Data Protection Laws
// as the UK Addendum amends them.
func TestCounsel15UKExporterUnderBothLaws(t *testing.T) {
	md := variantMD(t, "uk-only", "dpa", ukUnderGDPR...)
	checkText(t, md, []string{
		"is a Restricted Transfer from the United Kingdom that UK Data Protection Laws govern and, Customer being subject to the GDPR under its Article 3(2), the GDPR also governs (the UK Addendum applies to it as well, as [Clause 13](#uk-addendum) of this DPA provides), the Standard Contractual Clauses are incorporated",
		// The UK Addendum's precedence, law, courts and authority reach
		// only the purposes of UK Data Protection Laws (a second reader).
		"prevail over this DPA and the Agreement for transfers to which the UK Addendum applies, for the purposes of UK Data Protection Laws.",
		"and the Information Commissioner is the competent supervisory authority for those purposes. For the purposes of the GDPR, the same transfers remain under the Standard Contractual Clauses as [Clause 12](#transfers) of this DPA completes them, without the amendments of the UK Addendum, with the law, the courts and the supervisory authority chosen there.",
		"first, for the transfers to which it applies and for the purposes of UK Data Protection Laws, the UK Addendum, which prevails",
		"as the UK Addendum amends them for the purposes of those laws (for the purposes of the GDPR, as this Clause completes them, without those amendments).",
		"For the purposes of the GDPR, the Standard Contractual Clauses apply to that transfer as this paragraph completes them, without the amendments of the UK Addendum, which apply to it for the purposes of UK Data Protection Laws only.",
		"Option 1 applies: the Standard Contractual Clauses are governed by the law of Ireland. As the UK Addendum amends them for transfers that UK Data Protection Laws govern, the Standard Contractual Clauses are governed by the laws of England and Wales, as [Clause 13](#uk-addendum) of this DPA provides; for the purposes of the GDPR they remain governed by the law chosen in this subparagraph.",
		"For the purposes of the GDPR, the same transfers remain under the supervision of the authority named above.",
	}, []string{"Restricted Transfer from the EEA", "Transfers to which the UK Addendum applies are governed", "and the Information Commissioner is the competent supervisory authority.\n"})
	annex := variantMD(t, "uk-only", "annex-i", ukUnderGDPR...)
	checkText(t, annex, []string{"Data Protection Commission (Ireland)", "this Part C of Annex I is not used (Section 15(j) of the UK Addendum)"}, nil)
	// An EEA customer with the UK Addendum has no such sentence.
	checkText(t, renderMD(t, "example", "dpa"), []string{"Restricted Transfer from the EEA or from Switzerland, or from the United Kingdom"},
		[]string{"without the amendments of the UK Addendum", "remain under the supervision of the authority named above", "for the purposes of UK Data Protection Laws, the UK Addendum"})
}

// TestCounsel15SwissProcessorLiableToController: a Swiss processor
// customer with the UK Addendum had Provider liable for its Sub-processors
// to Customer alone, though its UK processing falls under Article 28(4) of
// the UK GDPR, which the same DPA invokes; the FADP alone has no such rule.
func TestCounsel15SwissProcessorLiableToController(t *testing.T) {
	proc := []string{"role: controller", "role: processor\n  controller: the fiduciary clients for whom Customer keeps accounts and payroll records", "modules: [2]", "modules: [3]"}
	checkText(t, variantMD(t, "swiss-exporter", "dpa", proc...), []string{
		"as if they were Provider’s own and, for processing subject to UK Data Protection Laws, is so liable to the Controller as well, as Article 28(4) of the UK GDPR provides,",
	}, nil)
	noUK := append(proc, "uk_addendum: { enabled: true", "uk_addendum: { enabled: false")
	checkText(t, variantMD(t, "swiss-exporter", "dpa", noUK...), []string{"as if they were Provider’s own, and shall notify Customer"}, []string{"so liable to the Controller"})
}

// TestCounsel15PlainReferences: the return clause's "subject to paragraph
// 4", right after a citation of the SCCs' Clause 16, read as the SCCs'
// paragraph; and Annex I.C spoke of "the Clauses", a term the DPA never
// defines.
func TestCounsel15PlainReferences(t *testing.T) {
	md := renderMD(t, "swiss-exporter", "dpa")
	checkText(t, md, []string{
		"paragraph 4 of this Clause applies to that data only to the extent that Clause 16(d) of the Standard Contractual Clauses allows",
		"the UK Information Commissioner supervises compliance with them (Section 15(k))",
	}, []string{"subject to paragraph 4 to the extent", "compliance with the Clauses"})
	checkText(t, renderMD(t, "uk-only", "annex-i"), []string{"supervises compliance with the Standard Contractual Clauses, as the UK Addendum amends them,"}, []string{"compliance with the Clauses"})
}
