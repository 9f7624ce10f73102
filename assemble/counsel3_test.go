package assemble_test

import "testing"

// TestCounsel3SwissExporterUKGDPR reads the DPA of a Swiss exporter under
// the FADP alone with the UK Addendum: recital (B) puts its UK branch's data
// under Article 28 of the UK GDPR, and no GDPR article is there for Clause
// 1.3 to map, so the clauses name the UK GDPR's Article 32 (security),
// Articles 32 to 36 (assistance), 33 and 34 (breaches), 35 and 36 and the
// Information Commissioner (impact assessments, prior consultation) and
// Article 28(2) (sub-processors) beside the FADP's (UK GDPR Art. 28(3)(c),
// (d) and (f)), and the Swiss-law choice covers transfers from Switzerland
// only (UK Addendum Part 2).
func TestCounsel3SwissExporterUKGDPR(t *testing.T) {
	dpa := renderMD(t, "swiss-exporter", "dpa")
	checkText(t, dpa, []string{
		"to the personality or fundamental rights of the Data Subjects and, under the UK GDPR, for the rights and freedoms of natural persons",
		"as required by Article 8 of the FADP and Articles 1 to 3 of the Data Protection Ordinance and, for processing subject to UK Data Protection Laws, Article 32 of the UK GDPR.",
		"Customer’s obligations under Article 8 of the FADP and Article 32 of the UK GDPR by providing",
		"for the purposes of Article 9(3) of the FADP, of Article 28(2) of the UK GDPR and of Clause 9(a) (Option 2)",
		"or the FDPIC so requires), Articles 33 and 34 of the UK GDPR and other Data Protection Laws.",
		"Customer’s obligations under Articles 8 and 22 to 24 of the FADP and, for processing subject to UK Data Protection Laws, Articles 32 to 36 of the UK GDPR:",
		"consultation of the FDPIC or, for processing subject to UK Data Protection Laws, prior consultation of the Information Commissioner.",
		"a data protection impact assessment under Article 22 of the FADP or Article 35 of the UK GDPR",
		"Where Customer consults the FDPIC under Article 23 of the FADP, or the Information Commissioner under Article 36 of the UK GDPR,",
		"its transfers from Switzerland being governed by the FADP alone (the GDPR not applying to them), the parties choose Swiss law",
		"transfers to which the UK Addendum applies are governed by the laws of England and Wales",
	}, []string{
		"under Articles 8 and 22 to 24 of the FADP:",
		"its transfers being governed by the FADP alone",
	})
	annex := renderMD(t, "swiss-exporter", "annex-ii")
	checkText(t, annex, []string{
		"its own notifications under Article 24 of the FADP and Articles 33 and 34 of the UK GDPR.",
		"consultations with the FDPIC and the Information Commissioner.",
	}, nil)

	// A Swiss processor customer under the FADP alone with the UK Addendum
	// passes on the UK GDPR's Article 33(2) notice too.
	proc := variantMD(t, "swiss-exporter", "dpa", "role: controller", "role: processor", "modules: [2]", "modules: [3]")
	checkText(t, proc, []string{
		"as soon as possible, as Article 24(3) of the FADP requires (and, for processing subject to UK Data Protection Laws, without undue delay, as Article 33(2) of the UK GDPR requires)",
		"Article 24 of the FADP and Articles 33 and 34 of the UK GDPR",
		"Article 28(2) and (4) of the UK GDPR",
	}, nil)
}

// TestCounsel3MixedRolesRequestAuthorisation reads Annex II of a Modules 2+3
// deal: for Customer Personal Data that Customer processes on behalf of a
// Controller, a Data Subject's request is answered only with the
// Controller's authorisation (SCC Module Three Clause 10(a); DPA 7.3).
func TestCounsel3MixedRolesRequestAuthorisation(t *testing.T) {
	annex := renderMD(t, "example", "annex-ii")
	checkText(t, annex, []string{
		"are not answered by Provider without Customer’s authorisation (or, for Customer Personal Data that Customer processes on behalf of a Controller, the Controller’s);",
	}, nil)
	// A controller customer with Module Two alone has no Controller to name.
	ch := renderMD(t, "swiss-exporter", "annex-ii")
	checkText(t, ch, []string{"are not answered by Provider without Customer’s authorisation;"}, []string{"the Controller’s)"})
}

// TestCounsel3SwissExporterWithoutUKCitesNoUKLaw: the same Swiss exporter
// without the UK Addendum reads the FADP alone, with no UK GDPR article and
// no UK sentence in Clause 12.2(f).
func TestCounsel3SwissExporterWithoutUKCitesNoUKLaw(t *testing.T) {
	d := *fixtureDeals(t)["swiss-exporter"]
	d.UKAddendum.Enabled = false
	dpa := dealMD(t, &d, "dpa")
	checkText(t, dpa, []string{
		"severity to the personality or fundamental rights of the Data Subjects, Provider shall",
		"under Articles 8 and 22 to 24 of the FADP: the security of processing",
		"for the purposes of Article 9(3) of the FADP and of Clause 9(a) (Option 2)",
		"the parties choose Swiss law, as the FDPIC permits for such transfers.",
	}, []string{"UK GDPR", "the Information Commissioner", "England and Wales", "rights and freedoms of natural persons"})
}
