package assemble_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/mddoc"
	"github.com/dpakit/dpakit/assemble/sublist"
)

// noticeMD renders the notice to the customer of fixture for the change
// from its own list to cur, dated 1 December 2026.
func noticeMD(t *testing.T, d *deal.Deal, cur []deal.Subprocessor) string {
	t.Helper()
	date, _ := deal.ParseDate("2026-12-01")
	return noticeOf(t, d, assemble.Notice{Date: date, Changes: sublist.Diff(d.Subprocessors.List, cur)})
}

// zendesk is the sub-processor every test adds.
var zendesk = deal.Subprocessor{Name: "Zendesk, Inc.", Purpose: "Handling support requests", Location: "United States",
	Country: "US", Data: []string{"Name", "Email address", "Support request content"}, Category: "service", TransferMechanism: "dpf"}

// withAddition returns d's list with zendesk added: for a customer that
// gives specific authorisation (Clause 9(a) Option 1), with the details its
// Annex III gives (forAnnexIII).
func withAddition(d *deal.Deal) []deal.Subprocessor {
	return append(append([]deal.Subprocessor(nil), d.Subprocessors.List...), forAnnexIII(d, zendesk))
}

// forAnnexIII returns s with the details that the Annex III of a customer
// that gives specific authorisation lists (address, contact person and
// position, responsibilities), which a request to it must state; s as it
// is for any other customer.
func forAnnexIII(d *deal.Deal, s deal.Subprocessor) deal.Subprocessor {
	if d.SCC.SubprocessorOption != deal.SpecificAuthorisation {
		return s
	}
	s.Address = "989 Market Street, San Francisco, CA 94103, United States"
	s.Contact, s.ContactTitle = "Zendesk Privacy Team, privacy@zendesk.example", "Data Protection Officer"
	s.Responsibilities = "Stores and routes support tickets only"
	return s
}

// TestNoticeOption1 reads the letter to a Clause 9 Option 1 customer: a
// request for authorisation with the period to answer and what happens
// without an answer (no engagement), never an objection or "treated as
// authorised".
func TestNoticeOption1(t *testing.T) {
	d := fixtureDeal(t, "seed-004")
	if d.SCC.SubprocessorOption != deal.SpecificAuthorisation {
		t.Fatal("seed-004 no longer chooses Option 1")
	}
	txt := noticeMD(t, d, withAddition(d))
	checkText(t, txt, []string{
		"Request for specific authorisation",
		"asks for your specific prior written authorisation",
		"## 1\\. Sub-processors for which authorisation is requested",
		"| **Zendesk, Inc.**, 989 Market Street, San Francisco, CA 94103, United States | Zendesk Privacy Team, privacy@zendesk.example (Data Protection Officer) | Handling support requests. Responsibilities: Stores and routes support tickets only. | United States | Name, email address and support request content | EU-US Data Privacy Framework |",
		"Your answer is due within ten (10) days after you receive this request, as your Data Processing Agreement provides; if you receive it on the day it is dated, that is no later than **11 December 2026**.",
		"Your silence is not an authorisation: if you have not given your authorisation within that period, it has not been given, and Provider will not engage that Sub-processor for your personal data.",
		"within thirty (30) days after your refusal or the end of that period",
		"To Conceição \\& Irmãos Automação, Lda., Rua de Santa Catarina 1024, 4000-447 Porto, Portugal",
	}, []string{
		"object", "treated as authorised", "deemed", "Removals need no action", "within a reasonable period",
	})
}

// TestNoticeOption2 reads the letter to an Option 2 customer: the DPA's
// standstill while an objection is unresolved, its thirty days to resolve
// one, its deemed acceptance, and only the sections that apply.
func TestNoticeOption2(t *testing.T) {
	d := fixtureDeal(t, "seed-001")
	txt := noticeMD(t, d, withAddition(d))
	checkText(t, txt, []string{
		"Notice of changes, with the right to object",
		"## 1\\. Sub-processors to be added",
		"Your objection must be given no later than **16 December 2026**, which is fifteen (15) days after the date of this notice.",
		"If you do not object by then, the change is authorised under your general authorisation (for the personal data you process on behalf of a Controller, under the Controller’s general authorisation, given through you), as your Data Processing Agreement provides.",
		"before 31 December 2026, and, if you object in time, not while your objection is unresolved",
		"If the objection is not resolved within thirty (30) days after Provider receives it",
		"Provider binds each Sub-processor by written contract to, in substance, the same data protection obligations as those that bind Provider under your Data Processing Agreement, and to observe all the requirements of the CCPA terms of your Data Processing Agreement (Cal. Civ. Code § 1798.140(ag)(2)).",
		"Poland",
	}, []string{
		"no less protective", "within a reasonable period", "Removals need no action", "Sub-processors to be removed",
		"Other changes to existing Sub-processors", "authorisation is requested", "You act as a processor",
	})
}

// TestNoticeRelocation: an existing sub-processor moving from the EEA to
// the United States is notified like an addition, with the objection
// right and the same lead time, not "for your information".
func TestNoticeRelocation(t *testing.T) {
	d := fixtureDeal(t, "seed-001")
	cur := append([]deal.Subprocessor(nil), d.Subprocessors.List...)
	moved := -1
	for i, s := range cur {
		if s.Country == "IE" || s.Country == "DE" || s.Country == "NL" {
			moved = i
			break
		}
	}
	if moved < 0 {
		t.Fatal("seed-001 has no sub-processor in the EEA to move")
	}
	cur[moved].Location, cur[moved].Country, cur[moved].TransferMechanism = "US East (N. Virginia)", "US", "scc"
	txt := noticeMD(t, d, cur)
	both := noticeMD(t, d, append(cur, zendesk))
	checkText(t, both, []string{
		"You may object to the engagement of an added Sub-processor or to a move listed above, on reasonable grounds",
		"without the new Sub-processor processing your personal data or, as the case may be, without the move of the processing concerned",
		"Provider will not allow an added Sub-processor to process your personal data, nor move the processing of an existing Sub-processor to its new place, before 31 December 2026",
	}, []string{",,"})
	checkText(t, txt, []string{
		"## 1\\. Sub-processors moving to another country",
		"| **" + cur[moved].Name + "**",
		"| US East (N. Virginia) (United States) |",
		"each move is notified to you as an addition is, with the same notice period and the same right to object",
		"You may object to a move listed above",
		// A notice of moves alone speaks of no added Sub-processor.
		"Provider will not move the processing of an existing Sub-processor to its new place before 31 December 2026",
		"without the move of the processing concerned or, if it cannot reasonably do so",
	}, []string{
		"notified for your information", "Sub-processors to be added", "allow an added Sub-processor",
	})
}

// TestNoticeProcessorCustomer: a processor customer is told that the
// objection is its controller's and asked to pass the notice on.
func TestNoticeProcessorCustomer(t *testing.T) {
	d := *fixtureDeal(t, "seed-001")
	d.Customer.Role = deal.Processor
	d.SCC.Modules = []int{3}
	txt := noticeMD(t, &d, withAddition(&d))
	checkText(t, txt, []string{
		"You act as a processor on behalf of the controller or controllers for which you process the personal data concerned (the “Controller”).",
		"please pass this notice on to the Controller without delay",
	}, nil)
}

// dealMD renders document kind of d as Markdown.
func dealMD(t *testing.T, d *deal.Deal, kind string) string {
	t.Helper()
	doc, err := engine(t).Assemble(d, kind)
	if err != nil {
		t.Fatalf("Assemble %s: %v", kind, err)
	}
	var b bytes.Buffer
	if err := mddoc.New().Write(&b, doc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestResolutionDaysOneValue: the period to resolve an objection (Option
// 2) or a refusal (Option 1) is subprocessors.resolution_days, stated
// alike by the DPA's sub-processor clause and by the change notice, so
// changing it changes both.
func TestResolutionDaysOneValue(t *testing.T) {
	tests := []struct {
		fixture   string
		dpa, note string
	}{
		{"seed-001",
			"If they do not resolve the objection within forty-five (45) days after Provider receives it",
			"If the objection is not resolved within forty-five (45) days after Provider receives it"},
		{"seed-004",
			"If they do not agree on a solution within forty-five (45) days after the refusal or the end of the period for deciding",
			"within forty-five (45) days after your refusal or the end of that period"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			d := fixtureDeal(t, tt.fixture)
			if d.Subprocessors.ResolutionDays != 30 {
				t.Errorf("default resolution_days = %d, want 30", d.Subprocessors.ResolutionDays)
			}
			d.Subprocessors.ResolutionDays = 45
			old := []string{"thirty (30) days after Provider receives", "thirty (30) days after the refusal", "thirty (30) days after your refusal"}
			checkText(t, dealMD(t, d, "dpa"), []string{tt.dpa}, old)
			checkText(t, noticeMD(t, d, withAddition(d)), []string{tt.note}, old)
		})
	}
}

// TestNoticeDetailDropped: a detail that the new list no longer gives
// reads "Not given" in the table of other changes.
func TestNoticeDetailDropped(t *testing.T) {
	d := fixtureDeal(t, "seed-001")
	d.Subprocessors.List = append([]deal.Subprocessor(nil), d.Subprocessors.List...)
	d.Subprocessors.List[0].Address = "1 Example Street, Dublin"
	cur := append([]deal.Subprocessor(nil), d.Subprocessors.List...)
	cur[0].Address = ""
	checkText(t, noticeMD(t, d, cur), []string{"| Address | 1 Example Street, Dublin | Not given |"}, []string{"| none |"})
}

// TestNoticeRelocationSwissExporter: for a Swiss exporter under the FADP
// alone, a sub-processor moving from the EEA to Switzerland brings the
// data home and is a change of details, while a move to the United States
// is notified like an addition.
func TestNoticeRelocationSwissExporter(t *testing.T) {
	d := fixtureDeal(t, "swiss-exporter")
	if !d.FADPOnly() {
		t.Fatal("the swiss-exporter fixture is no longer under the FADP alone")
	}
	moved := -1
	for i, s := range d.Subprocessors.List {
		if s.Country == "IE" || s.Country == "DE" || s.Country == "NL" {
			moved = i
			break
		}
	}
	if moved < 0 {
		t.Fatal("swiss-exporter has no sub-processor in the EEA to move")
	}
	home := append([]deal.Subprocessor(nil), d.Subprocessors.List...)
	home[moved].Location, home[moved].Country, home[moved].TransferMechanism = "Zurich", "CH", "none"
	checkText(t, noticeMD(t, d, home), []string{"Zurich"}, []string{"moving to another country", "You may object to a move"})
	abroad := append([]deal.Subprocessor(nil), d.Subprocessors.List...)
	abroad[moved].Location, abroad[moved].Country, abroad[moved].TransferMechanism = "US East (N. Virginia)", "US", "scc"
	checkText(t, noticeMD(t, d, abroad), []string{"Sub-processors moving to another country", "You may object to a move listed above"}, nil)
}

// TestNoticeOption1Relocation reads the request to an Option 1 customer
// whose only change is a move abroad: every part of it speaks of the move,
// none of engaging a new Sub-processor; with an addition as well, of both.
func TestNoticeOption1Relocation(t *testing.T) {
	d := fixtureDeal(t, "seed-004")
	moved := -1
	for i, s := range d.Subprocessors.List {
		if country.IsEEA(s.Country) {
			moved = i
			break
		}
	}
	if moved < 0 {
		t.Fatal("seed-004 has no sub-processor in the EEA to move")
	}
	cur := append([]deal.Subprocessor(nil), d.Subprocessors.List...)
	cur[moved].Location, cur[moved].Country, cur[moved].TransferMechanism = "US East (N. Virginia)", "US", "scc"
	checkText(t, noticeMD(t, d, cur), []string{
		"for the changes of location set out below",
		"for each move listed above",
		"Provider will not move the processing of an existing Sub-processor to its new place unless and until you have authorised it in writing",
		"it has not been given, and Provider will not make that move.",
		"Once Provider has made a move you have authorised, it will confirm the move to you in writing",
		"continue to provide the Services without the move of the processing concerned or",
	}, []string{"engagement of", "engage that", "engaged a", "without that Sub-processor"})
	checkText(t, noticeMD(t, d, append(cur, forAnnexIII(d, zendesk))), []string{
		"for the engagement of the Sub-processors and the changes of location set out below",
		"for each Sub-processor and each move listed above",
		"Provider will not engage that Sub-processor for your personal data or make that move.",
		"Once Provider has engaged a Sub-processor, or made a move, you have authorised, it will confirm the engagement or the move to you in writing",
		"without that Sub-processor processing your personal data or, as the case may be, without the move of the processing concerned",
	}, nil)
}

// TestNoticeChangedMechanismNamedForLaws is the regression test for the
// notice's "Other changes" table naming a changed transfer mechanism as
// under the GDPR alone ("EU-US Data Privacy Framework") for a Swiss
// exporter whose Annex III and whose notice's additions name the Swiss-US
// framework: the change is named for the deal's laws, as everywhere else;
// and a US-only deal, which states no transfer mechanism, is told of no
// such change.
func TestNoticeChangedMechanismNamedForLaws(t *testing.T) {
	toDPF := func(d *deal.Deal) []deal.Subprocessor {
		cur := append([]deal.Subprocessor(nil), d.Subprocessors.List...)
		for i := range cur {
			if cur[i].Country == "US" {
				cur[i].TransferMechanism = "dpf"
				cur[i].Purpose += " and alerts"
			}
		}
		return cur
	}
	papertrail := "| **Papertrail (SolarWinds Worldwide, LLC)** | Transfer mechanism | Standard contractual clauses between Provider and the Sub-processor (Module Three) with the ICO International Data Transfer Addendum and the Swiss adaptations | "
	swiss := fixtureDeal(t, "swiss-exporter")
	checkText(t, noticeMD(t, swiss, toDPF(swiss)), []string{papertrail + "Swiss-US Data Privacy Framework; UK Extension to the EU-US Data Privacy Framework |"}, nil)
	example := fixtureDeal(t, "example")
	checkText(t, noticeMD(t, example, toDPF(example)), []string{papertrail + "EU-US Data Privacy Framework"}, nil)
	us := fixtureDeal(t, "us-ccpa")
	checkText(t, noticeMD(t, us, toDPF(us)), []string{"| **Papertrail (SolarWinds Worldwide, LLC)** | Purpose | Storage and search of system logs | Storage and search of system logs and alerts |"},
		[]string{"Transfer mechanism", "Data Privacy Framework"})
}

// BenchmarkAssembleNotice assembles the change notice to the example
// customer for one added sub-processor, as `dpakit notice` and each row of
// a batch of notices do: the letter and, for the number of the customer's
// sub-processor clause that it cites, the customer's DPA.
func BenchmarkAssembleNotice(b *testing.B) {
	eng := engine(b)
	d := fixtureDeals(b)["example"]
	date, _ := deal.ParseDate("2026-12-01")
	n := assemble.Notice{Date: date, Changes: sublist.Diff(d.Subprocessors.List, withAddition(d))}
	b.Run("assembling the DPA", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := eng.AssembleNotice(d, n); err != nil {
				b.Fatal(err)
			}
		}
	})
	// A batch row that makes the DPA too, and lint, give the notice that DPA.
	dpa, err := eng.Assemble(d, "dpa")
	if err != nil {
		b.Fatal(err)
	}
	n.DPA = dpa
	b.Run("given the DPA", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := eng.AssembleNotice(d, n); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestNoticeGivenTheDPA checks that a notice given the customer's DPA is,
// for every fixture, the notice that finds the clause number itself, and
// that it cites the number the given DPA prints.
func TestNoticeGivenTheDPA(t *testing.T) {
	eng := engine(t)
	date, _ := deal.ParseDate("2026-12-01")
	for name, d := range fixtureDeals(t) {
		n := assemble.Notice{Date: date, Changes: sublist.Diff(d.Subprocessors.List, withAddition(d))}
		alone, err := eng.AssembleNotice(d, n)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		dpa, err := eng.Assemble(d, "dpa")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n.DPA = dpa
		given, err := eng.AssembleNotice(d, n)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var a, g bytes.Buffer
		if err := mddoc.New().Write(&a, alone); err != nil {
			t.Fatal(err)
		}
		if err := mddoc.New().Write(&g, given); err != nil {
			t.Fatal(err)
		}
		if a.String() != g.String() {
			t.Errorf("%s: the notice given the DPA differs from the notice alone", name)
		}
		label := ""
		for _, b := range dpa.Blocks {
			if h, ok := b.(*document.Heading); ok && h.ID == "subprocessors" {
				label = h.Label
			}
		}
		if label == "" || !strings.Contains(g.String(), "("+label+")") {
			t.Errorf("%s: the notice does not cite %q, the DPA's sub-processor clause", name, label)
		}
		// A DPA that numbers the clause otherwise is read, not ignored.
		renumbered := *dpa
		renumbered.Blocks = slices.Clone(dpa.Blocks)
		for i, b := range renumbered.Blocks {
			if h, ok := b.(*document.Heading); ok && h.ID == "subprocessors" {
				c := *h
				c.Label = "Clause 99"
				renumbered.Blocks[i] = &c
			}
		}
		n.DPA = &renumbered
		doc, err := eng.AssembleNotice(d, n)
		if err != nil {
			t.Fatal(err)
		}
		var r bytes.Buffer
		if err := mddoc.New().Write(&r, doc); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(r.String(), "(Clause 99)") {
			t.Errorf("%s: the notice does not cite the clause number of the DPA it was given", name)
		}
	}
}

// TestNoticeDeadlineAsTheDPAWordsIt reads every fixture's letter for the
// deadline's wording. The DPA gives a period ("within … days") for a notice
// given under the Agreement's notice provisions; a letter saying the answer
// "must reach Provider" would set a receipt rule the DPA does not.
func TestNoticeDeadlineAsTheDPAWordsIt(t *testing.T) {
	for name, d := range fixtureDeals(t) {
		t.Run(name, func(t *testing.T) {
			txt := noticeMD(t, d, withAddition(d))
			checkText(t, txt, nil, []string{"must reach Provider", "reach Provider by", "reach Provider no later"})
			if d.Subprocessors.ObjectionDays > 0 && !strings.Contains(txt, "must be given no later than") && !strings.Contains(txt, "is due within") {
				t.Errorf("the letter states no deadline for the answer:\n%s", txt)
			}
		})
	}
}
