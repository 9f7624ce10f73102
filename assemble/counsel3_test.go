package assemble_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/sublist"
)

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
		"Customer’s obligations under Article 8 of the FADP and, for processing subject to UK Data Protection Laws, Article 32 of the UK GDPR by providing",
		"for the purposes of Article 9(3) of the FADP, of Article 28(2) of the UK GDPR and of Clause 9(a) (Option 2)",
		"or the FDPIC so requires), Articles 33 and 34 of the UK GDPR and other Data Protection Laws.",
		"Customer’s obligations under Articles 8 and 22 to 24 of the FADP and, for processing subject to UK Data Protection Laws, Articles 32 to 36 of the UK GDPR:",
		"consultation of the FDPIC or, for processing subject to UK Data Protection Laws, prior consultation of the Information Commissioner.",
		"a data protection impact assessment under Article 22 of the FADP or Article 35 of the UK GDPR",
		"Where Customer consults the FDPIC under Article 23 of the FADP, or the Information Commissioner under Article 36 of the UK GDPR,",
		"its transfers from Switzerland being governed by the FADP alone (the GDPR not applying to them), the parties choose Swiss law",
		"as the UK Addendum amends them for transfers that UK Data Protection Laws govern, the Standard Contractual Clauses are governed by the laws of England and Wales",
	}, []string{
		"under Articles 8 and 22 to 24 of the FADP:",
		"its transfers being governed by the FADP alone",
	})
	annex := renderMD(t, "swiss-exporter", "annex-ii")
	checkText(t, annex, []string{
		"its own notifications under Article 24 of the FADP and, for processing subject to UK Data Protection Laws, Articles 33 and 34 of the UK GDPR.",
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
	d := *fixtureDeal(t, "swiss-exporter")
	d.UKAddendum.Enabled = false
	dpa := dealMD(t, &d, "dpa")
	checkText(t, dpa, []string{
		"severity to the personality or fundamental rights of the Data Subjects, Provider shall",
		"under Articles 8 and 22 to 24 of the FADP: the security of processing",
		"for the purposes of Article 9(3) of the FADP and of Clause 9(a) (Option 2)",
		"the parties choose Swiss law, as the FDPIC permits for such transfers.",
	}, []string{"UK GDPR", "the Information Commissioner", "England and Wales", "rights and freedoms of natural persons"})
}

// TestCounsel3Option1RequestStatesAnnexIII is the regression test for a
// request for specific authorisation (Clause 9(a) Option 1) that named an
// added sub-processor without its address, contact person or
// responsibilities: the customer's DPA requires each request to state the
// sub-processor's name and address, and its Annex III, which the
// authorisation updates, gives all four. Such a request is now refused,
// naming the list entry's field and the rule; a complete one prints the
// sub-processor as Annex III will, and the earliest date it may start.
func TestCounsel3Option1RequestStatesAnnexIII(t *testing.T) {
	d := fixtureDeal(t, "processor-option1-eea")
	bare := deal.Subprocessor{Name: "Functional Software, Inc. (Sentry)", Purpose: "Collection and analysis of application errors",
		Location: "United States", Country: "US", Data: []string{"Employee names and identifiers"}, Category: "service", TransferMechanism: "dpf"}
	cur := append(append([]deal.Subprocessor(nil), d.Subprocessors.List...), bare)
	date, _ := deal.ParseDate("2026-12-01")
	ch := sublist.Diff(d.Subprocessors.List, cur)
	_, err := engine(t).AssembleNotice(d, assemble.Notice{Date: date, Changes: ch})
	if !errors.Is(err, deal.ErrInvalid) || !strings.Contains(err.Error(), `"Functional Software, Inc. (Sentry)": address is required in a request for specific authorisation`) {
		t.Errorf("AssembleNotice of a request without the address = %v, want a deal.ErrInvalid naming the address", err)
	}
	ps := assemble.RequestProblems(d, ch, cur, "new.yaml", "list")
	var got []string
	for _, p := range ps {
		got = append(got, p.Path+" "+p.Rule)
	}
	n := len(d.Subprocessors.List)
	want := []string{}
	for _, f := range []string{"address", "contact", "contact_title", "responsibilities"} {
		want = append(want, fmt.Sprintf("list[%d].%s %s", n, f, deal.RuleAnnexIIIDetails))
	}
	if !slices.Equal(got, want) {
		t.Errorf("RequestProblems = %v, want %v", got, want)
	}
	// An Option 2 customer's notice asks for no authorisation.
	if ps := assemble.RequestProblems(fixtureDeal(t, "seed-001"), ch, cur, "new.yaml", "list"); ps != nil {
		t.Errorf("Option 2: %v", ps)
	}

	txt := noticeMD(t, d, append(append([]deal.Subprocessor(nil), d.Subprocessors.List...), forAnnexIII(d, bare)))
	checkText(t, txt, []string{
		"| Sub-processor and address | Contact person (position) | Processing and responsibilities | Location | Personal data it will process | Transfer mechanism |",
		"| **Functional Software, Inc. (Sentry)**, 989 Market Street, San Francisco, CA 94103, United States | Zendesk Privacy Team, privacy@zendesk.example (Data Protection Officer) | Collection and analysis of application errors. Responsibilities: Stores and routes support tickets only. |",
		"Even once authorised, no Sub-processor listed above will begin to process the personal data you process for the Controller before **31 December 2026**, thirty (30) days after the date of this request",
	}, nil)

	// A move abroad is asked for like an addition, so the moved entry
	// needs the same details; with them, the request states its address.
	moved := append([]deal.Subprocessor(nil), d.Subprocessors.List...)
	moved[0].Location, moved[0].Country, moved[0].TransferMechanism = "US East (N. Virginia)", "US", "scc"
	checkText(t, noticeMD(t, d, moved), []string{"| **" + moved[0].Name + "**, " + moved[0].Address + " |"}, nil)
	moved[0].Address = ""
	if ps := assemble.RequestProblems(d, sublist.Diff(d.Subprocessors.List, moved), moved, "new.yaml", "list"); len(ps) != 1 || ps[0].Path != "list[0].address" {
		t.Errorf("a move without the address: %v, want list[0].address", ps)
	}

	// A contact without contact details (counsel's reading of the
	// notices): a name alone does not give Annex III's "contact details",
	// whether the sub-processor is asked for or only changed.
	named := forAnnexIII(d, bare)
	named.Contact = "Legal Team"
	withNamed := append(append([]deal.Subprocessor(nil), d.Subprocessors.List...), named)
	ps = assemble.RequestProblems(d, sublist.Diff(d.Subprocessors.List, withNamed), withNamed, "new.yaml", "list")
	if len(ps) != 1 || ps[0].Path != fmt.Sprintf("list[%d].contact", n) || !strings.Contains(ps[0].Message, "gives a name but no contact details") {
		t.Errorf("an added sub-processor with a name for contact: %v", ps)
	}
	changed := append([]deal.Subprocessor(nil), d.Subprocessors.List...)
	changed[0].Contact = "Data Protection Team"
	ps = assemble.RequestProblems(d, sublist.Diff(d.Subprocessors.List, changed), changed, "new.yaml", "list")
	if len(ps) != 1 || ps[0].Path != "list[0].contact" || !strings.Contains(ps[0].Message, "which this change updates") {
		t.Errorf("a contact that loses its details: %v", ps)
	}
	phone := append([]deal.Subprocessor(nil), d.Subprocessors.List...)
	phone[0].Contact = "Data Protection Team, +352 26 12 34"
	if ps := assemble.RequestProblems(d, sublist.Diff(d.Subprocessors.List, phone), phone, "new.yaml", "list"); ps != nil {
		t.Errorf("a contact with a telephone number: %v", ps)
	}
}

// TestCounsel3Option1PeriodFromReceipt: the period for deciding runs, as
// the DPA's sub-processor clause says, from the request's receipt; the
// date printed is the one it gives if the request arrives the day it is
// dated.
func TestCounsel3Option1PeriodFromReceipt(t *testing.T) {
	d := fixtureDeal(t, "processor-option1-eea")
	checkText(t, noticeMD(t, d, withAddition(d)), []string{
		"within fourteen (14) days after you receive this request, as your Data Processing Agreement provides; if you receive it on the day it is dated, that is no later than **15 December 2026**.",
	}, []string{"which is fourteen (14) days after the date of this request", "by 15 December 2026"})
	checkText(t, dealMD(t, d, "dpa"), []string{"within fourteen (14) days after receiving the request"}, nil)
}

// TestCounsel3Option2SilenceAuthorises: under Option 2 a controller
// customer's silence leaves the change authorised under its general
// authorisation, as its DPA words it (Art. 28(2) GDPR), not "accepted".
func TestCounsel3Option2SilenceAuthorises(t *testing.T) {
	// A controller customer (Modules 1 and 2).
	c := fixtureDeal(t, "modules-1-2-bavaria")
	checkText(t, noticeMD(t, c, withAddition(c)), []string{"If you do not object by then, the change is authorised under your general authorisation, as your Data Processing Agreement provides."}, []string{"Controller’s general authorisation"})
	// A customer with Modules 2 and 3: for the data it processes for a
	// Controller, the authorisation is the Controller's.
	d := fixtureDeal(t, "example")
	checkText(t, noticeMD(t, d, withAddition(d)), []string{
		"If you do not object by then, the change is authorised under your general authorisation (for the personal data you process on behalf of a Controller, under the Controller’s general authorisation, given through you), as your Data Processing Agreement provides.",
	}, []string{"treated as having accepted"})
	checkText(t, dealMD(t, d, "dpa"), []string{"the change is authorised under the general authorisation"}, nil)
}

// TestCounsel3ModuleOneActivitiesAfterProfile is the regression test for
// Annex I.A of a Modules 1+2 deal whose profile gives provider.activities:
// they replaced the Module One-aware default, so nothing named Provider's
// processing as a controller, which Annex I.A asks for every module. The
// Module One part now follows the activities given, on both sides.
func TestCounsel3ModuleOneActivitiesAfterProfile(t *testing.T) {
	d := *fixtureDeal(t, "modules-1-2-bavaria")
	if d.Provider.Activities == "" {
		t.Fatal("the profile no longer gives provider.activities")
	}
	d.Customer.Activities = "Operation of an analytics platform for industrial clients"
	checkText(t, dealMD(t, &d, "annex-i"), []string{
		"**Activities relevant to the data transferred:** " + d.Provider.Activities + "; under Module One, the processing of the Provider Controller Data as a separate controller described in Part 2 of [Annex I.B](#annex-i-b)",
		"**Activities relevant to the data transferred:** Operation of an analytics platform for industrial clients; under Module One, the transfer of the Provider Controller Data to Provider as a separate controller (Part 2 of [Annex I.B](#annex-i-b))",
	}, nil)
	// Without Module One the activities stand alone.
	checkText(t, renderMD(t, "example", "annex-i"), nil, []string{"under Module One"})
}

// TestCounsel3USOnlyRegulator is the regression test for a US-only DPA
// speaking of "supervisory authorities", the GDPR's term of art, in its
// breach and audit clauses: it speaks of regulators, as its assistance
// clause does, and defines the word; and Clause 12.9 binds a sub-processor
// "to observe all the requirements" of the CCPA clause, as Cal. Civ. Code
// § 1798.140(ag)(2) words it. An EU deal keeps its supervisory
// authorities.
func TestCounsel3USOnlyRegulator(t *testing.T) {
	dpa := renderMD(t, "us-ccpa", "dpa")
	checkText(t, dpa, []string{
		"a “regulator” is the California Privacy Protection Agency, the Attorney General of California or any other authority that enforces Data Protection Laws.",
		"Provider shall not notify any regulator or Data Subject of a Personal Data Breach",
		"or where a regulator or Data Protection Laws require it.",
		"may be disclosed to a regulator",
		"Where a regulator or Data Protection Laws require an audit, where there are indications of non-compliance with this DPA, or in connection with a Personal Data Breach, shorter notice may be given",
		"under a written contract that binds it to observe all the requirements of this Clause (Cal. Civ. Code § 1798.140(ag)(2))",
	}, []string{"supervisory authorit", "no less protective"})
	d := *fixtureDeal(t, "us-ccpa")
	d.Negotiated = map[string]string{"audits": "remote-first", "breach": "phone-notice", "liability": "data-protection-cap"}
	checkText(t, dealMD(t, &d, "dpa"), nil, []string{"supervisory authorit"})
	checkText(t, renderMD(t, "example", "dpa"), []string{"Provider shall not notify any supervisory authority or Data Subject"}, []string{"regulator"})
}
