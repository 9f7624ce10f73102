package assemble_test

import (
	"strings"
	"testing"
)

// The sixth counsel's readings (2 December 2026): a processor customer's
// counsel (Module Three) and a reading of the US, Swiss and UK-only DPAs.

// TestCounsel6ReachesAProviderNotBoundDirectly checks that the DPA, and the
// switch of its law to an EEA State's, reach processing that Data Protection
// Laws govern only through Customer (or the Controller): the SCCs apply
// precisely because a third-country importer's processing may not be
// subject to the GDPR itself. A processor customer's DPA is also the
// sub-processing contract of Article 28(4).
func TestCounsel6ReachesAProviderNotBoundDirectly(t *testing.T) {
	for _, tc := range []struct {
		fixture, whom, article string
	}{
		{"processor-option2", "Customer or the Controller", "Article 28(3) and (4) of the GDPR"},
		{"example", "Customer or a Controller", "Article 28(3) and (4) of the GDPR"},
		{"modules-1-2-bavaria", "Customer", "Article 28(3) of the GDPR"},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			checkText(t, renderMD(t, tc.fixture, "dpa"), []string{
				"to the extent that Data Protection Laws apply to that processing, whether they apply to Provider directly or only to " + tc.whom + ", on whose behalf Provider processes Customer Personal Data.",
				"in so far as it governs processing of personal data to which the GDPR applies (whether the GDPR applies to Provider directly or only to " + tc.whom + ", on whose behalf Provider processes that personal data)",
				"as " + tc.article,
			}, []string{"processing subject to the GDPR, is governed"})
		})
	}
}

// TestCounsel6DefinitionsNotCircular checks that Data Protection Laws are
// the laws on personal data under the Agreement, not those that apply to
// "Customer Personal Data" (which is defined through Personal Data, which
// is defined through Data Protection Laws); that data Provider misuses
// stays Customer Personal Data; and that a Controller is a controller, not
// a "third party" (which Article 4(10) GDPR defines as neither).
func TestCounsel6DefinitionsNotCircular(t *testing.T) {
	for name := range fixtureDeals(t) {
		t.Run(name, func(t *testing.T) {
			md := renderMD(t, name, "dpa")
			checkText(t, md, nil, []string{
				"apply to the processing of Customer Personal Data under the Agreement",
				"means each third party",
			})
			if !strings.Contains(md, "“Data Protection Laws” means all laws on data protection and privacy that apply to the processing of personal ") {
				t.Error("Data Protection Laws are not defined by the processing of personal data (information) under the Agreement")
			}
		})
	}
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{
		// A law that binds only the Controller is one of them, as 2.1 needs.
		"whether they bind either party, a Sub-processor or the Controller on whose behalf the processing is carried out, including",
		"Personal Data that Customer (or anyone on its behalf) provides to Provider for processing in providing the Services, or that Provider collects on Customer’s behalf, remains Customer Personal Data even where Provider processes it in breach of this DPA, but Customer Personal Data does not include the business contact details of Customer’s personnel",
	}, nil)
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"“Controller” means each controller, other than Customer, on whose behalf Customer processes Customer Personal Data as processor.",
	}, nil)
}

// TestCounsel6DataSubjectsForum checks that the forum the DPA leaves
// untouched is the SCCs' own: the Member State of habitual residence
// (Clause 18(c)), read to include Switzerland where the FADP applies, and
// any UK country for transfers under the UK Addendum.
func TestCounsel6DataSubjectsForum(t *testing.T) {
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"the right of a Data Subject to bring proceedings before the courts of the Member State in which the Data Subject has their habitual residence (Clause 18(c) of the Standard Contractual Clauses, read with [Clause 14](#swiss) for a Data Subject habitually resident in Switzerland) or, for transfers under the UK Addendum, before the courts of any country of the United Kingdom (Section 15(n) of the UK Addendum).",
	}, []string{"the country where the Data Subject habitually resides"})
	// Tenth reading: a UK exporter under UK law alone whose transfers from
	// Switzerland the Swiss terms cover keeps the Swiss Data Subjects'
	// courts too, as the Swiss clause provides.
	uk := fixtureDeal(t, "uk-only")
	uk.Swiss.Enabled = true
	checkText(t, dealMD(t, uk, "dpa"), []string{
		"the right of a Data Subject to bring proceedings before the courts of any country of the United Kingdom (Section 15(n) of the UK Addendum) or, for a Data Subject habitually resident in Switzerland, before the courts of Switzerland (Clause 18(c) of the Standard Contractual Clauses, read with [Clause 14](#swiss)).",
	}, nil)
	checkText(t, renderMD(t, "uk-only", "dpa"), []string{
		"the right of a Data Subject to bring proceedings before the courts of any country of the United Kingdom (Section 15(n) of the UK Addendum).",
	}, []string{"habitually resident in Switzerland"})
}

// TestCounsel6ObjectionStands checks that an unresolved objection keeps the
// new Sub-processor away from the data until it is withdrawn or a solution
// agreed: a customer that does not terminate has not accepted the change.
func TestCounsel6ObjectionStands(t *testing.T) {
	const customer = "The objection remains unresolved until Customer withdraws it in writing or the parties agree in writing on a solution; it does not lapse because Customer does not terminate the Services."
	const controller = "The objection remains unresolved until Customer withdraws it in writing on the Controller’s behalf or the parties (Customer acting on the Controller’s behalf) agree in writing on a solution; it does not lapse because the Services are not terminated."
	checkText(t, renderMD(t, "example", "dpa"), []string{customer}, nil)
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{controller}, nil)
	for _, name := range []string{"example", "processor-option2"} {
		d := fixtureDeal(t, name)
		d.Negotiated = map[string]string{"subprocessors": "late-objection"}
		want := customer
		if name == "processor-option2" {
			want = controller
		}
		// A late objection's leave to continue ends with the period to
		// resolve it (the second reading: otherwise it never ended).
		checkText(t, dealMD(t, d, "dpa"), []string{want, "For a late objection, the previous paragraph lets the Sub-processor’s processing continue only until the end of the period for resolving the objection and, where Provider has by then notified Customer that it cannot reasonably continue without the Sub-processor, for no more than thirty (30) days after that notice, unless the objection has been withdrawn or resolved."}, nil)
		d = fixtureDeal(t, name)
		checkText(t, noticeMD(t, d, withAddition(d)), []string{"An objection remains unresolved until you withdraw it in writing"}, nil)
	}
}

// TestCounsel6BusinessPurposesCoverAnnexIB checks that the US fixture's
// CCPA clause, outside whose Business Purposes it forbids any processing,
// covers the support tickets its Annex I.B describes, and that the
// Business Purposes stay the deal's own: adding Annex I.B's purposes to
// them (tried, then undone after the second reading) brought in generic
// and wider ones ("Technical support" beside "Technical support requested
// by Customer"). A deal that leaves a purpose uncovered is warned of
// (deal.WarnPurposeNotBusiness).
func TestCounsel6BusinessPurposesCoverAnnexIB(t *testing.T) {
	md := renderMD(t, "us-ccpa", "dpa")
	_, clause, ok := strings.Cut(md, "limited and specified Business Purposes:")
	if !ok {
		t.Fatal("no Business Purposes")
	}
	clause, _, _ = strings.Cut(clause, "Provider shall not:")
	checkText(t, clause, []string{"Detecting security incidents", "Technical support requested by Customer for those services"},
		[]string{"under the Agreement"})
	_, clause, _ = strings.Cut(renderMD(t, "example", "dpa"), "limited and specified Business Purposes:")
	clause, _, _ = strings.Cut(clause, "Provider shall not:")
	checkText(t, clause, []string{"Technical support requested by Customer"}, []string{"(d)"})
}

// TestCounsel6Audits checks the audit clause from the side of whoever
// audits: the three grounds read as three; the party that is to audit (a
// processor customer or its Controller) first reviews the documents and
// has its reasonable plan apply; Provider answers inquiries (SCC Clause
// 8.9(a)); business hours do not delay an audit after a breach or one a
// supervisory authority requires; only Provider's own information is its
// confidential information, and the Controller's advisers may see it; a
// controller customer acting for others provides the information to the
// Controller (SCC Clause 8.9(c): "shall"), and under the remote-first
// fallback the Controller keeps its own audit right.
func TestCounsel6Audits(t *testing.T) {
	const inquiries = "Provider shall deal promptly and adequately with inquiries from Customer"
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{
		"Before any audit other than one in connection with a Personal Data Breach, one on indications of non-compliance with this DPA, or one required by a supervisory authority or by Data Protection Laws, Customer or the Controller, whichever is to conduct or mandate the audit (Customer, where it audits on the Controller’s instructions), shall first seek",
		inquiries + " or the Controller (made through Customer or directly, once Customer has identified the Controller to Provider in writing) about the processing of Customer Personal Data under this DPA.",
		"the reasonable plan proposed in the notice by whoever is to conduct or mandate the audit (Customer, for itself or on the Controller’s instructions, or the Controller) applies.",
		"during Provider’s normal business hours (unless an audit in connection with a Personal Data Breach, or one that a supervisory authority or Data Protection Laws require, cannot reasonably wait until then)",
		"The information that Provider provides or makes available under this Clause (including what an auditor obtains during an audit or inspection), and audit reports to the extent that they disclose it, are Provider’s confidential information under the Agreement.",
		"to Customer’s and the Controller’s professional advisers and auditors bound by duties of confidentiality",
	}, []string{"Customer and the Controller shall first seek", "All information and reports received under this Clause", "Customer’s reasonable plan applies"})
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"Customer shall provide that information, in so far as it concerns that data, to that Controller",
		inquiries + " or a Controller (made through Customer or directly, once Customer has identified that Controller to Provider in writing)",
	}, []string{"Customer may pass that information on"})
	checkText(t, renderMD(t, "us-ccpa", "dpa"), []string{
		inquiries + " about the processing of Customer Personal Data under this DPA.",
		"or one that a regulator or Data Protection Laws require, cannot reasonably wait until then",
	}, nil)
	d := fixtureDeal(t, "processor-option2")
	d.Negotiated = map[string]string{"audits": "remote-first"}
	checkText(t, dealMD(t, d, "dpa"), []string{
		"Customer (for itself or on the Controller’s instructions) or the Controller may require a remote audit",
		inquiries,
	}, []string{"All information and reports received under this Clause"})
}

// TestCounsel6InstructionsAndSurvival checks that a processor customer
// tells its Controller of an infringing instruction immediately (Art.
// 28(3), last subparagraph), that a confirmation comes from the Controller
// and cannot oblige Provider to break the law, and that the breach and
// audit clauses outlive the Agreement while the data does, beside the
// periods a rider sets ("a rider's included" was neither English nor
// defined).
func TestCounsel6InstructionsAndSurvival(t *testing.T) {
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{
		"Where the instruction is the Controller’s, Customer shall inform the Controller immediately.",
		"until it is confirmed (where the instruction is the Controller’s, by the Controller, through Customer), withdrawn or changed in writing; a confirmation does not oblige Provider to process Customer Personal Data in a way that Provider reasonably and in good faith considers would infringe Data Protection Laws, provided that it gives Customer its reasons in writing. In that case Provider is treated as unable to comply with the instruction, and the next paragraph applies.",
	}, []string{"inform the Controller without delay"})
	// Modules 2 and 3 together: the same for a Controller's instruction.
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"until it is confirmed (where the instruction is a Controller’s, by that Controller, through Customer), withdrawn or changed in writing; a confirmation does not oblige Provider to process Customer Personal Data in a way that Provider reasonably and in good faith considers would infringe Data Protection Laws, provided that it gives Customer its reasons in writing. In that case Provider is treated as unable to comply with the instruction, and the next paragraph applies.",
		"Where the instruction is a Controller’s, Customer shall inform the Controller immediately.",
	}, []string{"inform the Controller without delay", "until Customer confirms"})
	checkText(t, renderMD(t, "uk-only", "dpa"), []string{"until it is confirmed by Customer, withdrawn or changed in writing; a confirmation does not oblige Provider"}, nil)
	for name := range fixtureDeals(t) {
		t.Run(name, func(t *testing.T) {
			checkText(t, renderMD(t, name, "dpa"), []string{
				"as does any provision (including one of a rider or schedule the parties have added to this DPA) that sets a period",
				"(#breach) continues to apply while Provider or any Sub-processor holds Customer Personal Data and, afterwards, to any Personal Data Breach of it, whenever discovered.", "(#audits) continues to apply while Provider or any Sub-processor holds Customer Personal Data and, for twelve (12) months after Provider certifies its deletion, to verifying its return and deletion and to audits in connection with a Personal Data Breach of it.",
			}, []string{"a rider’s included"})
		})
	}
}

// TestCounsel6ShorterRetentionPrevails checks that the DPA says how a
// retention period the deal states in Annex I.B and the deletion clause's
// deadlines fit together (seed-001's Annex I.B deletes log data within 30
// days after the Agreement ends, while Clause 10 allows 30 days to choose,
// 30 to delete and 90 for backups): a deletion Annex I.B sets during the
// term happens then, and Annex I.B does not shorten the periods after the
// end (the second reading: "a shorter period applies" would have taken a
// Controller's time to choose return, Art. 28(3)(g)); a deal without a
// retention period gets no such sentence.
func TestCounsel6ShorterRetentionPrevails(t *testing.T) {
	const shorter = "Where [Annex I.B](#annex-i-b) provides for Customer Personal Data to be deleted during the term of the Agreement (such as at the end of a retention period), Provider shall delete it within thirty (30) days after that time, and copies in backups as this paragraph provides; [Annex I.B](#annex-i-b) does not shorten the periods for return and deletion after the end of the Services that this Clause sets."
	d := fixtureDeal(t, "seed-001")
	if d.Processing.Retention == "" {
		t.Fatal("seed-001 states no retention period any more")
	}
	checkText(t, dealMD(t, d, "dpa"), []string{shorter}, nil)
	d.Processing.Retention = ""
	checkText(t, dealMD(t, d, "dpa"), nil, []string{"does not shorten the periods"})
}

// TestCounsel6FlowDownOfTransferredData checks that every Sub-processor of
// data transferred to Provider under the SCCs is bound to the SCCs'
// obligations, third-party beneficiary rights included (SCC Clause 9(b)),
// not only one whose own processing is a Restricted Transfer: AWS in
// Ireland processes what a US provider received under the SCCs.
func TestCounsel6FlowDownOfTransferredData(t *testing.T) {
	want := "where the Sub-processor processes Customer Personal Data that has been transferred under the Standard Contractual Clauses, or its processing involves a Restricted Transfer, under the Standard Contractual Clauses"
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{want}, nil)
	d := fixtureDeal(t, "processor-option2")
	d.Negotiated = map[string]string{"subprocessors": "late-objection"}
	checkText(t, dealMD(t, d, "dpa"), []string{want}, nil)
}

// TestCounsel6SwissAndUKTerms checks the Swiss DPA's terms: "EEA" spelled
// out where the DPA defines no EEA; the UK GDPR as amended by UK law (so
// that the Data (Use and Access) Act 2025's amendments apply); an authority
// includes its successor (the Information Commission); and a Swiss
// exporter whom the GDPR comes to reach has its Clause 13 authority set by
// its Article 27 representative, not by an agreement to complete Annex I.C.
func TestCounsel6SwissAndUKTerms(t *testing.T) {
	md := renderMD(t, "swiss-exporter", "dpa")
	checkText(t, md, []string{
		"to a recipient in a country outside Switzerland, the United Kingdom and the European Economic Area",
		"by virtue of section 3 of the European Union (Withdrawal) Act 2018 and as amended by the law of the United Kingdom (section 3(10) of the Data Protection Act 2018).",
		"a reference to a supervisory authority, including one named in this DPA, includes any body that succeeds to its functions (such as the Information Commission, which succeeds the Information Commissioner).",
		"the supervisory authority competent under Clause 13 for those transfers is that of the Member State in which Customer’s representative under Article 27(1) of the GDPR is established or, where Article 27(2) of the GDPR exempts Customer from designating one, that of a Member State in which Data Subjects whose personal data is transferred are located; Customer shall notify Provider of that Member State without delay, and the parties shall record it in this Annex.",
	}, []string{"the parties shall complete this Annex", "the United Kingdom and the EEA"})
	if strings.Contains(md, "EEA") && !strings.Contains(md, "“EEA”") {
		t.Error("the DPA says “EEA” without defining it")
	}
}

// TestCounsel6USBreachImmediately checks that a US-only DPA's outer limit
// for breach notice does not read as leave to wait where State law requires
// a person that maintains data it does not own to notify the owner
// immediately (Cal. Civ. Code § 1798.82(b)), in the standard clause and in
// the telephone-notice fallback; an EEA deal does not cite it.
func TestCounsel6USBreachImmediately(t *testing.T) {
	const want = "Provider shall notify Customer without undue delay, and in any event within seventy-two (72) hours, after becoming aware of a Personal Data Breach, or sooner where a law applicable to Provider requires it (Cal. Civ. Code § 1798.82(b), for example, requires notice immediately following the discovery of a breach it covers)."
	checkText(t, renderMD(t, "us-ccpa", "dpa"), []string{want}, nil)
	d := fixtureDeal(t, "us-ccpa")
	d.Negotiated = map[string]string{"breach": "phone-notice"}
	checkText(t, dealMD(t, d, "dpa"), []string{"or sooner where a law applicable to Provider requires it (Cal. Civ. Code § 1798.82(b), for example, requires notice immediately following the discovery of a breach it covers)"}, nil)
	// Californian data in an EEA deal with the CCPA terms on too.
	checkText(t, renderMD(t, "example", "dpa"), []string{"or sooner where a law applicable to Provider requires it (Cal. Civ. Code § 1798.82(b), for example, requires notice immediately following the discovery of a breach it covers)"}, nil)
	checkText(t, renderMD(t, "uk-only", "dpa"), nil, []string{"1798.82(b)"})
}

// TestCounsel6OtherStatesLaws checks that a US-only DPA serves the other
// States' processor terms as well as the CCPA's (the customer was a Texas
// business: Tex. Bus. & Com. Code § 541.104 requires the processor to give
// information showing compliance with that chapter and to help with data
// protection assessments): compliance information under Data Protection
// Laws, assistance with those assessments, and "controller" and
// "processor" as those laws use them.
func TestCounsel6OtherStatesLaws(t *testing.T) {
	checkText(t, renderMD(t, "us-ccpa", "dpa"), []string{
		"all information necessary to demonstrate compliance with the obligations laid down in Data Protection Laws (including the CCPA) for service providers and processors and in this DPA",
		"the risk assessments and cybersecurity audits that the CCPA regulations require of a business, and the data protection assessments that the laws of other States require of a controller.",
		"Customer as a business is referred to as the “controller” and Provider as its service provider as the “processor” (terms that, where the law of another State that uses them applies, also have the meanings that law gives them)",
	}, []string{"obligations laid down in the CCPA and in this DPA"})
}

// TestCounsel6OneControllersData checks that a customer processing for
// several controllers can have one Controller's data returned or deleted
// when it stops processing for that Controller, while the Services go on
// (Art. 28(3)(g): after the end of the services relating to processing for
// that controller), and that a customer acting only for itself gets no such
// sentence.
func TestCounsel6OneControllersData(t *testing.T) {
	const want = "Where Customer ceases to process personal data on behalf of a Controller while the Services continue, Provider shall likewise, on Customer’s written notice, return or delete the Customer Personal Data processed on that Controller’s behalf"
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{want}, nil)
	checkText(t, renderMD(t, "example", "dpa"), []string{want}, nil)
	checkText(t, renderMD(t, "uk-only", "dpa"), nil, []string{"ceases to process personal data on behalf of a Controller"})
}

// TestCounsel6VendorReading checks the balance the vendor's reading of the
// day's wording asked for, each without taking back what the law requires:
// an unresolved objection still keeps the Sub-processor away, but either
// party may end the Services affected 30 days after Provider says it
// cannot go on without the change; Provider's duties under Data Protection
// Laws are those the laws place on it, a requirement binding only the
// customer (or its Controller) reaching Provider through the DPA or
// instructions; a Controller that audits itself first accepts the audit
// rules; the yearly limit counts each Controller's audits apart; direct inquiries
// come from a Controller Customer has named; audit rights outlive deletion
// by twelve months; one Controller's data is identified by Customer.
func TestCounsel6VendorReading(t *testing.T) {
	const exit = "If the Services affected have not been terminated within thirty (30) days after Provider’s notice that it cannot reasonably continue without the change, either party may terminate them by written notice to the other without penalty, with the same refund. From that notice until the Services affected are terminated, Provider is not in breach of the Agreement for not providing a part of them that it cannot reasonably provide without the change, and the fees for that part are reduced accordingly; Provider’s obligations under this DPA continue unchanged."
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{
		exit,
		"Where this DPA requires Provider to comply with Data Protection Laws, it refers to the requirements that those laws place on a processor (sub-processor) in Provider’s position, whether or not they apply to Provider directly; a requirement that binds only Customer or the Controller binds Provider as this DPA or Customer’s documented instructions express it.",
		"Customer shall ensure that a Controller that conducts an audit itself, or mandates an auditor, complies with this paragraph and the next and, if Provider so requests, confirms this to Provider in writing before the audit begins; Provider shall not delay an audit in connection with a Personal Data Breach, or one that a supervisory authority or Data Protection Laws require, while awaiting that confirmation.",
		"Audits may take place once in any period of twelve (12) months on Customer’s own account and once in that period for the Customer Personal Data of each Controller (whether that Controller conducts or mandates the audit or Customer conducts it on that Controller’s instructions), but not more often, except where",
		"Customer shall identify that data in its notice (for example by account or workspace) and may delete it itself using the functions of the Services; Provider remains responsible for deleting the remaining copies, including those in backups, as this Clause provides.",
	}, nil)
	checkText(t, renderMD(t, "us-ccpa", "dpa"), []string{
		exit,
		"it refers to the requirements that those laws place on a service provider or processor in Provider’s position, whether or not they apply to Provider directly; a requirement that binds only Customer binds Provider as this DPA or Customer’s documented instructions express it.",
		"but Customer Personal Data does not include the business contact details of Customer’s personnel that Customer gives Provider to conclude and administer the Agreement",
	}, []string{"A Controller that conducts an audit itself", "by whomever conducted"})
	d := fixtureDeal(t, "example")
	checkText(t, noticeMD(t, d, withAddition(d)), []string{
		"it does not lapse because you do not terminate the Services. If the Services affected have not been terminated within thirty (30) days after Provider tells you that it cannot reasonably continue without the change, either party may terminate them by written notice without penalty, and Provider will refund the fees as described above.",
	}, nil)
}
