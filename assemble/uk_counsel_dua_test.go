package assemble_test

import "testing"

// TestCounselUKOnlyArticle45A reads the UK-only DPA as UK counsel did after
// the Data (Use and Access) Act 2025 (s. 85 and Sch. 7, in force 5 February
// 2026), which replaced Article 45 UK GDPR and the adequacy regulations of
// section 17A of the Data Protection Act 2018 with regulations under
// Article 45A approving transfers: Recital (B), 1.1(h), 12.1 and Annex III
// cite Article 45A, and no longer "adequacy regulations" or section 17A
// except where the Restricted Transfer definition names the regulations made
// before the Act.
func TestCounselUKOnlyArticle45A(t *testing.T) {
	dpa := renderMD(t, "uk-only", "dpa")
	checkText(t, dpa, []string{
		"transferred from the United Kingdom to a country to which transfers are not approved by regulations under Article 45A of the UK GDPR.",
		"to which Chapter V of the UK GDPR applies that is not approved by regulations under Article 45A of the UK GDPR (including regulations made under section 17A of the Data Protection Act 2018 before the Data (Use and Access) Act 2025, which have effect as if made under Article 45A)",
		"or regulations under Article 45A of the UK GDPR approving transfers to the Sub-processor’s country)",
		"None required (the UK or a country to which transfers are approved by regulations under Article 45A of the UK GDPR)",
	}, []string{
		"adequacy regulations under section 17A",
		"not recognised under the Data Protection Laws that govern the transfer as ensuring an adequate level of protection",
		"to a country that does not ensure an adequate level of protection",
		"covered by UK adequacy regulations",
	})
	// A provider outside the UK: 12.3 states the approval, not adequacy.
	dpa = variantMD(t, "uk-only", "dpa", "scc:\n", "provider:\n  name: Kestrel Cloud KK\n  address: 1-1 Marunouchi, Chiyoda-ku, Tokyo\n  country: JP\nscc:\n")
	checkText(t, dpa, []string{"Provider is established in Japan, a country to which transfers are approved by regulations under Article 45A of the UK GDPR."},
		[]string{"covered by adequacy regulations", "that is not recognised as adequate"})
}

// TestCounselUKOnlyClause13NotUsed: Section 15(j) of the UK Addendum says
// Clause 13(a) and Part C of Annex I are not used, and Section 15(k) makes
// references to the competent supervisory authority references to the
// Information Commissioner. 12.2(e), 12.2(h), the selections table and
// Annex I.C say so; the DPA used to have Annex I.C record the Information
// Commissioner as the Clause 13 authority. With Swiss terms beside it,
// Annex I.C still names the FDPIC for transfers from Switzerland.
func TestCounselUKOnlyClause13NotUsed(t *testing.T) {
	dpa := renderMD(t, "uk-only", "dpa")
	checkText(t, dpa, []string{
		"*Clause 13 (supervision).* Clause 13(a) and Part C of Annex I are not used (Section 15(j) of the UK Addendum); references to the competent supervisory authority are to the Information Commissioner (Section 15(k)).",
		"[Annex I.A](#annex-i-a) and [Annex I.B](#annex-i-b) complete Annex I of the Appendix (its Part C is not used: Section 15(j) of the UK Addendum)",
		"Not used: Section 15(j) of the UK Addendum. The Information Commissioner supervises compliance with the Standard Contractual Clauses, as the UK Addendum amends them, for the transfers under the UK Addendum (Section 15(k)).",
	}, []string{
		"the competent supervisory authority is the Information Commissioner, as [Annex I.C](#annex-i-c) records",
		"[Annex I.B](#annex-i-b) and [Annex I.C](#annex-i-c) complete Annex I",
		"the supervisory authority competent under Clause 13 of the Standard Contractual Clauses is the Information Commissioner",
	})
	swiss := variantMD(t, "uk-only", "dpa", "swiss: { enabled: false }", "swiss: { enabled: true }",
		"governing_law: GB\n  forum: GB", "governing_law: CH\n  forum: CH")
	checkText(t, swiss, []string{
		"For the transfers under the UK Addendum, not used: Section 15(j) of the UK Addendum.",
		"the competent supervisory authority is the Federal Data Protection and Information Commissioner (FDPIC)",
		"and [Annex I.C](#annex-i-c) completes its Part C for a transfer from Switzerland",
	}, nil)
	// An EU deal with the UK Addendum says the same of its UK transfers.
	eu := renderMD(t, "example", "annex-i")
	checkText(t, eu, []string{"For the Standard Contractual Clauses as the UK Addendum amends them for the transfers that UK Data Protection Laws govern, this Part C of Annex I is not used (Section 15(j) of the UK Addendum): the UK Information Commissioner supervises compliance with them (Section 15(k))"},
		[]string{"Insofar as a transfer is governed by UK Data Protection Laws, the competent supervisory authority is the UK Information Commissioner"})
}

// TestCounselUKAddendumHierarchy: for the transfers it covers, the UK
// Addendum prevails over the SCCs unless they give data subjects greater
// protection (UK Addendum Part 2, Hierarchy), in every deal with the
// Addendum; 17.1 used to rank the SCCs above it. A deal without the
// Addendum keeps the SCCs first.
func TestCounselUKAddendumHierarchy(t *testing.T) {
	// "Their terms" could be read as the Addendum's: the SCCs' terms win
	// where they protect data subjects more.
	want := "they prevail in this order: first, for the transfers to which it applies, the UK Addendum, which prevails over the Standard Contractual Clauses as Part 2 of the UK Addendum (Hierarchy) provides (except where, and insofar as, the terms of the Standard Contractual Clauses give Data Subjects greater protection), and the Standard Contractual Clauses"
	for f, then := range map[string]string{
		"uk-only": "; then this DPA",
		// The Swiss adaptations rank with the SCCs they adapt.
		"example":        " (for a transfer subject to the FADP, with the adaptations set out in [Clause 14](#swiss)); then this DPA",
		"swiss-exporter": " (for a transfer subject to the FADP, with the adaptations set out in [Clause 14](#swiss)); then this DPA",
	} {
		checkText(t, renderMD(t, f, "dpa"), []string{want + then}, []string{"first the Standard Contractual Clauses and, for transfers to which it applies, the UK Addendum", "their terms give"})
	}
	checkText(t, variantMD(t, "example", "dpa", "uk_addendum: { enabled: true", "uk_addendum: { enabled: false"),
		[]string{"they prevail in this order: first the Standard Contractual Clauses (for a transfer subject to the FADP, with the adaptations set out in [Clause 13](#swiss)); then this DPA"}, []string{"Hierarchy"})
}

// TestCounselOtherMechanismExamples: 12.5's examples are safeguards, not
// adequacy: binding corporate rules, and an approved certification with the
// importer's binding and enforceable commitments (Art. 46(2)(f) GDPR and UK
// GDPR; under the FADP, Art. 16(2)(e) and Art. 12 DPO). It used to speak of
// "a certification covered by adequacy regulations" (or an adequacy
// decision).
func TestCounselOtherMechanismExamples(t *testing.T) {
	for _, tt := range []struct{ fixture, want string }{
		{"uk-only", "(such as binding corporate rules approved under Article 47, or an approved certification mechanism under Article 46(2)(f) of the UK GDPR together with binding and enforceable commitments of the importer)"},
		{"example", "(such as binding corporate rules approved under Article 47, or an approved certification mechanism under Article 46(2)(f) of the GDPR together with binding and enforceable commitments of the importer)"},
		{"swiss-exporter", "(such as binding corporate rules under Article 16(2)(e) of the FADP or, for a transfer subject to UK Data Protection Laws, approved under Article 47 of the UK GDPR, or a certification under Article 12 of the Data Protection Ordinance or, for such a transfer, an approved certification mechanism under Article 46(2)(f) of the UK GDPR, together with binding and enforceable commitments of the importer)"},
	} {
		checkText(t, renderMD(t, tt.fixture, "dpa"), []string{tt.want}, []string{"a certification covered by"})
	}
}

// TestCounselUKDataProtectionLawsDefinition: "UK Data Protection Laws"
// takes the UK Addendum's own meaning wherever the DPA defines it; it used
// to mean only the UK GDPR and the Data Protection Act 2018.
func TestCounselUKDataProtectionLawsDefinition(t *testing.T) {
	for _, f := range []string{"uk-only", "example", "swiss-exporter"} {
		checkText(t, renderMD(t, f, "dpa"),
			[]string{"“UK Data Protection Laws” means all laws relating to data protection, the processing of personal data, privacy and/or electronic communications in force from time to time in the United Kingdom, including the UK GDPR and the Data Protection Act 2018."},
			[]string{"“UK Data Protection Laws” means the UK GDPR and the Data Protection Act 2018."})
	}
}
