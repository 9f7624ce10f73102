package assemble_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/fixtures"
)

// variantMD loads the named fixture deal with each old text of edits
// replaced by the new one (edits holds old, new pairs), lays it over the
// example profile and returns document kind as Markdown.
func variantMD(t *testing.T, fixture, kind string, edits ...string) string {
	t.Helper()
	y, profile := variantYAML(t, fixture, edits...)
	d, err := deal.Load(y, fixture+".yaml", profile, fixtures.Profile)
	if err != nil {
		t.Fatalf("%s variant: %v", fixture, err)
	}
	return dealMD(t, d, kind)
}

// variantYAML returns the named fixture deal with each old text of edits
// replaced by the new one (edits holds old, new pairs), and the example
// profile to lay it over.
func variantYAML(t *testing.T, fixture string, edits ...string) (dealYAML, profile []byte) {
	t.Helper()
	src, err := fs.ReadFile(fixtures.FS, "deals/"+fixture+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	profile, err = fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	y := string(src)
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(y, edits[i]) {
			t.Fatalf("%s has no %q to replace", fixture, edits[i])
		}
		y = strings.Replace(y, edits[i], edits[i+1], 1)
	}
	return []byte(y), profile
}

// gdprWording is what only a DPA under the GDPR says: a Swiss exporter
// under the FADP alone must read none of it.
var gdprWording = []string{
	"Union or Member State law", "Article 28 of the GDPR", "Article 28(2) of the GDPR",
	"Article 32 of the GDPR", "Articles 33 and 34 of the GDPR", "Chapter III of the GDPR",
	"Articles 32 to 36 of the GDPR", "Article 35 of the GDPR", "Article 36 of the GDPR",
	"infringes the GDPR", "meanings given to them in the GDPR", "special categories of personal data",
	"Restricted Transfer from the EEA", "the laws of the EU Member States", "transferred from the EEA",
	"on important grounds of public interest", "Article 30(2) of the GDPR",
}

// ukWording is what a Swiss exporter's DPA with the UK Addendum says, for
// the processing UK Data Protection Laws govern, in the GDPR's words (the
// UK GDPR keeps them); a DPA under the FADP alone without the Addendum
// says none of it either.
var ukWording = []string{"special categories of personal data", "on important grounds of public interest"}

// withoutUK is gdprWording less the phrases the UK GDPR shares with it.
func withoutUK() []string {
	var out []string
	for _, w := range gdprWording {
		if !slices.Contains(ukWording, w) {
			out = append(out, w)
		}
	}
	return out
}

// TestCounselSwissLawFADPOnly reads the DPA of a Swiss controller whose
// transfers the FADP alone governs: every legal reference is Swiss (Art. 9
// FADP for the processor, Art. 8 for security, Art. 24 for breaches
// notified to the FDPIC as soon as possible, Arts 25 ff. for data
// subjects' rights, Swiss law for the legal exceptions), and none is the
// GDPR's.
func TestCounselSwissLawFADPOnly(t *testing.T) {
	dpa := renderMD(t, "swiss-exporter", "dpa")
	checkText(t, dpa, []string{
		"as Article 9 of the FADP provides (and, for processing subject to UK Data Protection Laws, Article 28 of the UK GDPR requires), and to provide appropriate safeguards where that personal data is transferred from the United Kingdom or Switzerland to a country",
		"“Data Protection Laws” means all laws on data protection and privacy that apply to the processing of personal data under the Agreement, whether they bind either party or a Sub-processor, including the FADP and the UK Data Protection Laws.",
		"sensitive personal data within the meaning of Article 5(c) of the FADP",
		"unless Provider is required to process it by Swiss law to which Provider is subject",
		"an instruction infringes the FADP or other Data Protection Laws",
		"unless they are required to do otherwise by Swiss law",
		"as required by Article 8 of the FADP and Articles 1 to 3 of the Data Protection Ordinance",
		"for the purposes of Article 9(3) of the FADP, of Article 28(2) of the UK GDPR and of Clause 9(a) (Option 2)",
		"to exercise their rights under the FADP (Articles 25 to 29 and 32)",
		"have reviewed by a natural person, a decision based exclusively on automated processing (Article 21(2) of the FADP)",
		"its own obligations under Article 24 of the FADP (to notify the FDPIC as soon as possible of a breach of data security that is likely to result in a high risk",
		"Customer’s obligations under Articles 8 and 22 to 24 of the FADP",
		"a data protection impact assessment under Article 22 of the FADP",
		"Where Customer consults the FDPIC under Article 23 of the FADP",
		"do not apply to the extent that Swiss law to which Provider is subject",
		"the obligations laid down in Article 9 of the FADP, in Article 28 of the UK GDPR and in this DPA",
		"the Swiss Federal Council’s finding that the Sub-processor’s country provides an adequate level of protection, under Article 16(1) of the FADP",
		"is a Restricted Transfer from Switzerland, or from the United Kingdom (to which the UK Addendum applies as well, as [Clause 13](#uk-addendum) of this DPA provides), the Standard Contractual Clauses are incorporated into this DPA by reference and apply to that transfer (to a transfer from Switzerland, with the adaptations set out in",
		"notifications under Article 24 of the FADP and, for processing subject to UK Data Protection Laws, Articles 33 and 34 of the UK GDPR.",
		"consultations with the FDPIC and the Information Commissioner.",
		"None required (adequate under the FADP and UK Data Protection Laws)",
		// The UK Addendum's processing is the UK GDPR's (counsel's fifth
		// reading: these spoke of the FADP alone).
		"have the meanings given to them in Article 5 of the FADP (for processing subject to UK Data Protection Laws, in Article 4 of the UK GDPR), and “supervisory authority” means the FDPIC",
		"(including data on administrative or criminal proceedings and sanctions), or, for processing subject to UK Data Protection Laws, with special categories of personal data or personal data relating to criminal convictions and offences within the meaning of Articles 9 and 10 of the UK GDPR, except as described",
		"unless that law prohibits such information (in the case of the law of the United Kingdom, on important grounds of public interest).",
		"binding corporate rules under Article 16(2)(e) of the FADP or, for a transfer subject to UK Data Protection Laws, approved under Article 47 of the UK GDPR",
		"**Sensitive data (within the meaning of Article 5(c) of the FADP and, for processing subject to UK Data Protection Laws, special categories of personal data) processed and transferred",
	}, append([]string{"“EEA” means"}, withoutUK()...))
	// Without the Addendum, the FADP alone: none of the GDPR's words.
	alone := variantMD(t, "swiss-exporter", "dpa", "uk_addendum: { enabled: true, ending_party: exporter }", "uk_addendum: { enabled: false }")
	checkText(t, alone, []string{
		"have the meanings given to them in Article 5 of the FADP, and “supervisory authority” means the FDPIC",
		"(such as binding corporate rules under Article 16(2)(e) of the FADP, or a certification under Article 12 of the Data Protection Ordinance together with binding and enforceable commitments of the importer)",
	}, append([]string{"“EEA” means", "UK GDPR"}, gdprWording...))
}

// TestCounselSwissLawProcessorFADPOnly: a Swiss processor customer under
// the FADP alone notifies its controller of a breach as soon as possible
// (Art. 24(3) FADP), and its sub-processor terms cite Art. 9(3) FADP.
func TestCounselSwissLawProcessorFADPOnly(t *testing.T) {
	dpa := variantMD(t, "swiss-exporter", "dpa", "role: controller", "role: processor", "modules: [2]", "modules: [3]")
	checkText(t, dpa, []string{
		"shall notify the Controller as soon as possible of any Personal Data Breach of which Provider notifies it, as Article 24(3) of the FADP (and, for processing subject to UK Data Protection Laws, Article 33(2) of the UK GDPR, without undue delay) requires",
		// Art. 9(1)(a) FADP is no flow-down of obligations: it confines
		// Provider to what the Controller itself may do; the UK GDPR's
		// Art. 28(4) is the flow-down for UK processing (twelfth reading).
		"so that Provider processes Customer Personal Data only as the Controller itself may, as Article 9(1)(a) of the FADP requires, and, for processing subject to UK Data Protection Laws, is bound by the same data protection obligations as Customer, as Article 28(4) of the UK GDPR requires.",
		"for the purposes of Article 9(3) of the FADP, of Article 28(2) and (4) of the UK GDPR and of Clause 9(a) (Option 2)",
		"to notify the Controller as soon as possible, as Article 24(3) of the FADP requires (and, for processing subject to UK Data Protection Laws, without undue delay, as Article 33(2) of the UK GDPR requires), and to enable the Controller to meet its obligations under Article 24 of the FADP and Articles 33 and 34 of the UK GDPR",
		"to exercise their rights under the FADP (Articles 25 to 29 and 32)",
		"the obligations under Articles 8 and 22 to 24 of the FADP",
	}, append([]string{"Article 28(4) of the GDPR", "Article 33(2) of the GDPR", "bound by the same data protection obligations as Customer, as Article 9(1)(a)"}, withoutUK()...))
	alone := variantMD(t, "swiss-exporter", "dpa", "role: controller", "role: processor", "modules: [2]", "modules: [3]",
		"uk_addendum: { enabled: true, ending_party: exporter }", "uk_addendum: { enabled: false }")
	checkText(t, alone, []string{
		"so that Provider processes Customer Personal Data only as the Controller itself may, as Article 9(1)(a) of the FADP requires.",
	}, []string{"Article 28(4)"})
}

// TestCounselSwissLawBoth reads the DPA of a Polish customer whose deal
// also covers transfers from Switzerland: each legal reference names the
// GDPR and, for processing subject to it, the FADP.
func TestCounselSwissLawBoth(t *testing.T) {
	dpa := renderMD(t, "seed-001", "dpa")
	checkText(t, dpa, []string{
		"as Article 28 of the GDPR (and, for processing subject to UK Data Protection Laws, Article 28 of the UK GDPR) requires and Article 9 of the FADP provides",
		"transferred from the EEA, the United Kingdom or Switzerland",
		"**Sensitive data (special categories of personal data and, for processing subject to the FADP, sensitive personal data within the meaning of Article 5(c) of the FADP) processed and transferred, and the restrictions or safeguards applied**",
		"Union or Member State law to which Provider is subject (or, for processing subject to the FADP, by Swiss law, and for processing subject to UK Data Protection Laws, by the law of the United Kingdom)",
		"on important grounds of public interest", "Article 30(2) of the GDPR",
		"an instruction infringes the GDPR, the FADP or other Data Protection Laws",
		"Union or Member State law (or, for processing subject to the FADP, Swiss law, and for processing subject to UK Data Protection Laws, the law of the United Kingdom)",
		"as required by Article 32 of the GDPR and, for processing subject to the FADP, Article 8 of the FADP",
		"for the purposes of Article 28(2) of the GDPR, of Article 9(3) of the FADP and of Clause 9(a) (Option 2)",
		"Chapter III of the GDPR, Articles 21(2), 25 to 29 and 32 of the FADP",
		"Articles 33 and 34 of the GDPR, Article 24 of the FADP and other Data Protection Laws",
		"Articles 32 to 36 of the GDPR and Articles 8 and 22 to 24 of the FADP",
		"under Article 35 of the GDPR or Article 22 of the FADP",
		"the obligations laid down in Article 28 of the GDPR, in Article 28 of the UK GDPR, in Article 9 of the FADP and in this DPA",
		"Restricted Transfer from the EEA or from Switzerland",
		"an adequacy decision covering the Sub-processor or, for a transfer from Switzerland, the Swiss Federal Council’s finding",
		"“supervisory authority” includes the FDPIC",
	}, []string{"by Swiss law to which Provider is subject", "an instruction infringes the FADP or"})
	checkText(t, renderMD(t, "bench-40", "annex-iii"), []string{
		"| EU-US Data Privacy Framework and its UK Extension; Swiss-US Data Privacy Framework |",
	}, nil)
}

// TestCounselSwissLawGDPROnly is the control: a deal without Swiss data
// names the GDPR alone, as before.
func TestCounselSwissLawGDPROnly(t *testing.T) {
	dpa := renderMD(t, "seed-000", "dpa")
	checkText(t, dpa, []string{
		"Union or Member State law to which Provider is subject",
		"as Article 28 of the GDPR requires, and",
		"Chapter III of the GDPR and the corresponding provisions",
		"Articles 32 to 36 of the GDPR:",
		"the obligations laid down in Article 28 of the GDPR and in this DPA",
		"Restricted Transfer from the EEA, the Standard",
	}, []string{"FADP", "FDPIC", "Swiss law", "Switzerland", "Swiss-US"})
}

// TestCounselSwissAdequacy: for a Swiss exporter under the FADP alone,
// adequacy is the Swiss Federal Council's (Annex 1 DPO): a provider in
// Monaco receives no restricted transfer, and a certified US sub-processor
// is covered by the Swiss-US Data Privacy Framework, not the EU-US one.
func TestCounselSwissAdequacy(t *testing.T) {
	dpa := variantMD(t, "swiss-exporter", "dpa",
		"scc:\n", "provider: { country: MC }\nscc:\n",
		"subprocessors: { objection_days: 20 }", `subprocessors:
  objection_days: 20
  list:
    - { name: Certified Mail Inc., purpose: Email delivery, location: United States, country: US, data: [Email address], category: service, transfer_mechanism: dpf }
    - { name: London Backup Ltd, purpose: Backup storage, location: London, country: GB, data: [Customer content], category: infrastructure, transfer_mechanism: none }`)
	checkText(t, dpa, []string{
		"Provider is established in Monaco, a country that is listed by the Swiss Federal Council as providing an adequate level of protection (Annex 1 to the Data Protection Ordinance).",
		"| Swiss-US Data Privacy Framework; UK Extension to the EU-US Data Privacy Framework |", // the UK branch's data: the UK Extension
	}, []string{"| EU-US Data Privacy Framework", "European Commission has adopted an adequacy decision"})
}

// loadVariant loads the named fixture deal with each old text of edits
// replaced by the new one and returns the deal's warnings and its error.
func loadVariant(t *testing.T, fixture string, edits ...string) ([]deal.Problem, error) {
	t.Helper()
	y, profile := variantYAML(t, fixture, edits...)
	_, ws, err := deal.NewValidator(deal.Options{}).LoadWithWarnings(y, fixture+".yaml", profile, fixtures.Profile)
	return ws, err
}

// TestSwissAdequacyRule: a Swiss exporter under the FADP alone is judged
// by the Swiss Federal Council's list: "adequacy" for Japan (an EU
// adequacy decision, not on the Swiss list) is refused, naming the field
// and the list, and "none" for Monaco (on the Swiss list, without an EU
// decision) is accepted; a deal under both laws is warned about Japan;
// and a provider in Monaco receives no restricted transfer from a Swiss
// exporter, which validate says in the Swiss terms.
func TestSwissAdequacyRule(t *testing.T) {
	list := func(country, mechanism string) string {
		return "subprocessors:\n  objection_days: 20\n  list:\n    - { name: Sub One, purpose: Hosting, location: Somewhere, country: " +
			country + ", data: [Customer content], category: infrastructure, transfer_mechanism: " + mechanism + " }"
	}
	_, err := loadVariant(t, "swiss-exporter", "subprocessors: { objection_days: 20 }", list("JP", "adequacy"))
	if err == nil || !strings.Contains(err.Error(), `subprocessors.list[0].transfer_mechanism: "adequacy" is only for Switzerland or a country that the Swiss Federal Council lists as adequate (Annex 1 to the Data Protection Ordinance), and Japan (JP) is not listed`) {
		t.Errorf("Japan with adequacy for a Swiss exporter: err = %v, want the Swiss list rule", err)
	}
	if _, err := loadVariant(t, "swiss-exporter", "subprocessors: { objection_days: 20 }", list("MC", "none")); err != nil {
		t.Errorf("Monaco with none for a Swiss exporter: %v", err)
	}
	_, err = loadVariant(t, "swiss-exporter", "subprocessors: { objection_days: 20 }", list("US", "none"))
	if err == nil || !strings.Contains(err.Error(), `or "dpf" if it is certified under the Swiss-US Data Privacy Framework`) {
		t.Errorf("United States with none for a Swiss exporter: err = %v, want the Swiss-US hint", err)
	}

	ws, err := loadVariant(t, "seed-001", "subprocessors:\n  objection_days: 15\n", list("JP", "adequacy")+"\n")
	if err != nil {
		t.Fatalf("Japan with adequacy under the GDPR and the FADP: %v", err)
	}
	if !hasWarning(ws, deal.WarnSwissAdequacy, "subprocessors.list[0].transfer_mechanism",
		"Japan (JP) is not listed, so a transfer from Switzerland needs a safeguard; use \"scc\" for personal data from Switzerland") {
		t.Errorf("warnings = %v, want swiss_adequacy for Japan", ws)
	}

	ws, err = loadVariant(t, "swiss-exporter", "scc:\n", "provider: { country: MC }\nscc:\n")
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(ws, deal.WarnNoRestrictedTransfer, "provider.country", "the provider is established in Monaco (a country the Swiss Federal Council lists as adequate)") {
		t.Errorf("warnings = %v, want no_restricted_transfer in the Swiss terms", ws)
	}
}

// hasWarning reports whether ws has a warning of the rule at path whose
// message contains says.
func hasWarning(ws []deal.Problem, rule, path, says string) bool {
	for _, w := range ws {
		if w.Rule == rule && w.Path == path && strings.Contains(w.Message, says) {
			return true
		}
	}
	return false
}

// TestCounselSwissLawArticle32: a Swiss exporter that the GDPR also
// governs (Art. 3(2); its representative's authority named) reads both
// laws, and the SCCs are incorporated for its transfers from Switzerland
// under either law, not for transfers "from the EEA" it does not make.
func TestCounselSwissLawArticle32(t *testing.T) {
	dpa := variantMD(t, "swiss-exporter", "dpa",
		`supervisory_authority: ""`, `supervisory_authority: "Data Protection Commission (Ireland)"`,
		"governing_law: CH", "governing_law: IE", "forum: CH", "forum: IE")
	checkText(t, dpa, []string{
		"is a Restricted Transfer from Switzerland, whether the FADP alone governs it or, Customer being subject to the GDPR under its Article 3(2), the GDPR as well, or from the United Kingdom (to which the UK Addendum applies as well, as [Clause 13](#uk-addendum) of this DPA provides), the Standard Contractual Clauses are incorporated into this DPA by reference and apply to that transfer (to a transfer from Switzerland, with the adaptations set out in",
		"Union or Member State law to which Provider is subject (or, for processing subject to the FADP, by Swiss law",
		"as Article 28 of the GDPR (and, for processing subject to UK Data Protection Laws, Article 28 of the UK GDPR) requires and Article 9 of the FADP provides",
		"Articles 33 and 34 of the GDPR, Article 24 of the FADP",
		"unless they are required to do otherwise by Union or Member State law (or, for processing subject to the FADP, Swiss law, and for processing subject to UK Data Protection Laws, the law of the United Kingdom).",
		"“supervisory authority” includes the FDPIC; for processing subject to UK Data Protection Laws, it includes the UK Information Commissioner)",
		"Insofar as the GDPR also applies to Customer’s processing of the personal data transferred (Article 3(2) of the GDPR), Clause 13(a) of the Standard Contractual Clauses makes competent the supervisory authority of the Member State in which Customer’s representative under Article 27(1) of the GDPR is established or, where Customer need not appoint one (Article 27(2) of the GDPR), of a Member State in which the Data Subjects whose personal data is transferred are located: the Data Protection Commission (Ireland).",
		"(including access from another country) from the United Kingdom or Switzerland to a country or international organisation that is not recognised under the Data Protection Laws that govern the transfer as ensuring",
		"where that personal data is transferred from the United Kingdom or Switzerland to a country",
		", or from the United Kingdom (to which the UK Addendum applies as well, as [Clause 13](#uk-addendum) of this DPA provides), the Standard Contractual Clauses are incorporated",
	}, []string{"Restricted Transfer from the EEA", "by Swiss law to which Provider is subject", "from the EEA, the United Kingdom or Switzerland", "the place of export"})
}

// TestCounsel12SwissModuleOne: a Swiss exporter under the FADP alone with
// Module One cited the FADP's duty to inform alone, though its UK branch's
// data is under UK law (the UK Addendum is on), and the GDPR's breach test
// ("rights and freedoms of natural persons") for data the FADP governs.
func TestCounsel12SwissModuleOne(t *testing.T) {
	const controllerTransfer = `subprocessors: { objection_days: 20 }
controller_transfer:
  data_subjects: [Customer's account administrators]
  data_categories: [Name, Business email address]
  special_categories: []
  frequency: continuous
  nature: Storage of business contact details in Provider's customer-relationship system
  purposes: [Managing Provider's contractual relationship with Customer]
  retention: For the term of the Agreement`
	withUK := variantMD(t, "swiss-exporter", "dpa", "modules: [2]", "modules: [1, 2]", "subprocessors: { objection_days: 20 }", controllerTransfer)
	checkText(t, withUK, []string{
		"informing Data Subjects as Articles 19 and 20 of the FADP (and, for processing subject to UK Data Protection Laws, Articles 13 and 14 of the UK GDPR) require",
		"likely to result in a risk to the personality or fundamental rights of the Data Subjects (for Provider Controller Data subject to UK Data Protection Laws, to the rights and freedoms of natural persons),",
	}, nil)
	alone := variantMD(t, "swiss-exporter", "dpa", "modules: [2]", "modules: [1, 2]", "subprocessors: { objection_days: 20 }", controllerTransfer,
		"uk_addendum: { enabled: true, ending_party: exporter }", "uk_addendum: { enabled: false }")
	checkText(t, alone, []string{
		"informing Data Subjects as Articles 19 and 20 of the FADP require",
		"likely to result in a risk to the personality or fundamental rights of the Data Subjects,",
	}, []string{"Articles 13 and 14", "rights and freedoms of natural persons"})
}

// TestCounsel13USExporterUKData: a US customer subject to the GDPR and
// the UK GDPR by their Article 3(2) (an EU representative, the UK
// Addendum on) had a "Restricted Transfer" limited to data the GDPR
// governs, so the SCCs and the UK Addendum, which the transfers clause
// incorporates for UK-governed transfers, reached no UK data at all
// (thirteenth counsel's reading).
func TestCounsel13USExporterUKData(t *testing.T) {
	dpa := variantMD(t, "us-representative", "dpa", "uk_addendum: { enabled: false }", "uk_addendum: { enabled: true, ending_party: neither }")
	checkText(t, dpa, []string{
		"where the GDPR governs the processing of that personal data (Customer being subject to the GDPR under its Article 3(2)) or UK Data Protection Laws govern it (Customer being subject to the UK GDPR under its Article 3(2)),",
		"to a country outside the EEA (for personal data that UK Data Protection Laws govern, outside the United Kingdom), or to an international organisation,",
		"to the extent that the GDPR governs its processing (Customer being subject to the GDPR under its Article 3(2)) or UK Data Protection Laws govern it (Customer being subject to the UK GDPR under its Article 3(2)),",
	}, nil)
	without := renderMD(t, "us-representative", "dpa")
	checkText(t, without, []string{"where the GDPR governs the processing of that personal data (Customer being subject to the GDPR under its Article 3(2)),"},
		[]string{"UK Data Protection Laws govern it"})
}
