package assemble_test

import (
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/fixtures"
	"github.com/google/go-cmp/cmp"
)

// profileDeal loads the example profile on its own (it has no customer,
// so it is not valid as a deal, but it decodes).
func profileDeal(t *testing.T) *deal.Deal {
	t.Helper()
	data, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	p, err := deal.Load(data, fixtures.Profile, nil, "")
	if p == nil {
		t.Fatal(err)
	}
	return p
}

func TestDeviations(t *testing.T) {
	profile := profileDeal(t)
	lib := engine(t).Library()
	catalog := lib.Catalog()
	base := fixtureDeal(t, "example")
	baseline := assemble.Deviations(profile, base, lib)
	if !slices.Contains(baseline, assemble.Deviation{Path: "scc.modules", Text: "SCC modules: Module Two and Module Three (standard Module Two)"}) {
		t.Errorf("the example deal's deviations %v lack its modules", baseline)
	}
	// The built-in fallback is listed as approved only while Legal's
	// approval covers its text (TestFallbackApproval checks both wordings).
	fb, ok := lib.Fallback("breach", "phone-notice")
	if !ok {
		t.Fatal("no fallback breach.phone-notice")
	}
	phoneNotice := "approved fallback phone-notice"
	if fb.Unapproved() {
		phoneNotice = "fallback phone-notice, " + fb.ApprovalText()
	}
	tests := []struct {
		name   string
		change func(d *deal.Deal)
		want   []assemble.Deviation
	}{
		{"negotiated terms", func(d *deal.Deal) {
			d.SCC.Modules = []int{2}
			d.Breach.NoticeHours = 36
			d.SCC.GoverningLaw, d.SCC.Forum = "DE", "IE"
			d.SCC.SubprocessorOption = deal.SpecificAuthorisation
			d.UKAddendum.Enabled = false
			d.Subprocessors.ObjectionDays = 30
			d.Audit.FrequencyMonths = 6
			d.Negotiated = map[string]string{"breach": "phone-notice"}
			d.Riders = []deal.Rider{{After: "breach", Title: "Breach Drills", Text: "Provider runs a breach drill every year."}}
		}, []assemble.Deviation{
			{"scc.subprocessor_option", "sub-processor authorisation (SCC Clause 9): specific prior authorisation (Option 1) (standard general written authorisation (Option 2))"},
			{"scc.governing_law", "governing law " + sccAndDPA("Clause 17", "Clause 19") + ": Germany (standard the Netherlands)"},
			{"scc.forum", "courts " + sccAndDPA("Clause 18", "Clause 19") + ": Ireland (standard the Netherlands)"},
			{"uk_addendum.enabled", "UK Addendum not included (standard included)"},
			{"breach.notice_hours", "breach notice 36 hours (standard 48)"},
			// Under Option 1 the customer authorises: the period is no
			// objection window (tenth/eleventh counsel's reading).
			{"subprocessors.objection_days", "period to give or refuse specific prior authorisation of a new sub-processor 30 days, no answer being no authorisation (standard: an objection window of 15 days under Option 2)"},
			{"security.extra", `Annex II additional measures: adds "Encryption: Customer content is encrypted at rest under keys specific to Customer, which Provider rotates at least every 90 days."`},
			{"audit.frequency_months", "audits at most once every 6 months (standard 12)"},
			{"negotiated.breach", "clause breach: " + phoneNotice + " (Provider notifies a Personal Data Breach by telephone to Customer's contact as well as in writing, within the same deadline) (standard text otherwise)"},
			{"riders[0]", `special term (rider) "Breach Drills" after clause breach, not in the standard: "Provider runs a breach drill every year."`},
		}},
		{"governing law changed, the standard's courts kept", func(d *deal.Deal) {
			d.SCC.Modules = []int{2}
			d.SCC.GoverningLaw = "DE"
			d.Breach.NoticeHours = 36
		}, []assemble.Deviation{
			{"scc.governing_law", "governing law " + sccAndDPA("Clause 17", "Clause 19") + ": Germany (standard the Netherlands)"},
			{"scc.forum", "courts " + sccAndDPA("Clause 18", "Clause 19") + ": the Netherlands as in the standard, though the law of Germany now governs both (standard: the law and the courts of the Netherlands)"},
			{"breach.notice_hours", "breach notice 36 hours (standard 48)"},
		}},
		// Under Clause 17 Option 2 the customer's own law governs (for an
		// EEA EFTA customer too, Protocol 1 to the EEA Agreement):
		// scc.governing_law is only the fallback, and the customer's own
		// courts follow its law.
		{"Option 2 for a Norwegian customer", func(d *deal.Deal) {
			d.SCC.Modules = []int{2}
			d.Customer.Country, d.Customer.Address = "NO", "Karl Johans gate 1, 0154 Oslo"
			d.SCC.GoverningLawOption, d.SCC.GoverningLaw, d.SCC.Forum = 2, "SE", "NO"
			d.SCC.SupervisoryAuthority = "Norwegian Data Protection Authority (Datatilsynet)"
		}, []assemble.Deviation{
			{"scc.governing_law", "governing law (SCC Clause 17 Option 2): the law of Norway, Customer's own State; where it allows no third-party beneficiary rights, the law of Sweden (standard the Netherlands)"},
			{"scc.governing_law_option", "SCC Clause 17 Option 2 (standard Option 1)"},
			// The customer's own law governs the DPA too, not scc.governing_law;
			// the courts of Norway hear the DPA's disputes.
			{"scc.forum", "courts " + sccAndDPA("Clause 18", "Clause 19") + ": Norway (standard the Netherlands)"},
		}},
		{"Option 1 advance request", func(d *deal.Deal) {
			d.SCC.Modules = []int{2}
			d.SCC.SubprocessorOption = deal.SpecificAuthorisation
			d.SCC.SubprocessorNoticeDays = 20
		}, []assemble.Deviation{
			{"scc.subprocessor_option", "sub-processor authorisation (SCC Clause 9): specific prior authorisation (Option 1) (standard general written authorisation (Option 2))"},
			{"scc.subprocessor_notice_days", "advance request for authorisation of a new sub-processor 20 days (standard 30 days)"},
		}},
		{"governing law and courts changed together", func(d *deal.Deal) {
			d.SCC.Modules = []int{2}
			d.SCC.GoverningLaw, d.SCC.Forum = "DE", "DE"
		}, []assemble.Deviation{
			{"scc.governing_law", "governing law " + sccAndDPA("Clause 17", "Clause 19") + ": Germany (standard the Netherlands)"},
			{"scc.forum", "courts " + sccAndDPA("Clause 18", "Clause 19") + ": Germany (standard the Netherlands)"},
		}},
		// Table 4 is named as the DPA names it, not by its code (a form
		// walkthrough saw `"both" may end it (standard "neither")`).
		{"UK Addendum ending party", func(d *deal.Deal) {
			d.SCC.Modules = []int{2}
			d.UKAddendum.EndingParty = "both"
		}, []assemble.Deviation{
			{"uk_addendum.ending_party", "UK Addendum Table 4: either party may end it (standard: neither party)"},
		}},
		// A list's order is no term: the same entries, reordered, are no
		// deviation.
		{"the same lists reordered", func(d *deal.Deal) {
			d.SCC.Modules = []int{2}
			d.Processing.DataCategories = slices.Clone(d.Processing.DataCategories)
			slices.Reverse(d.Processing.DataCategories)
			d.Subprocessors.List = slices.Clone(d.Subprocessors.List)
			slices.Reverse(d.Subprocessors.List)
		}, nil},
		{"lists and measures", func(d *deal.Deal) {
			d.SCC.Modules = []int{2}
			d.Subprocessors.List = append(d.Subprocessors.List[:1:1], deal.Subprocessor{Name: "Hetzner Online GmbH", Country: "DE"})
			d.Subprocessors.List[0].Location = "EU (Germany), eu-central-1"
			d.Security.Measures = deal.Measures{IDs: []string{catalog.Categories[0].Measures[0].ID}}
			d.Processing.DataCategories = append(slices.Clone(base.Processing.DataCategories[1:]), "Telephone number")
			d.Provider.Signatory.Name = "Alex Reed"
		}, []assemble.Deviation{
			{"provider.signatory.name", `provider signatory name: "Alex Reed" (standard "Dana Whitfield")`},
			{"subprocessors.list", "sub-processors: added Hetzner Online GmbH (Germany); removed Papertrail (SolarWinds Worldwide, LLC); Amazon Web Services EMEA SARL changed (location)"},
			{"processing.data_categories", `processing data categories: adds "Telephone number"; leaves out "` + base.Processing.DataCategories[0] + `"`},
			{"security.measures", "Annex II measures: leaves out 80 catalogue measures"},
			{"security.extra", `Annex II additional measures: adds "Encryption: Customer content is encrypted at rest under keys specific to Customer, which Provider rotates at least every 90 days."`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := *base
			d.Subprocessors.List = append([]deal.Subprocessor(nil), base.Subprocessors.List...)
			tt.change(&d)
			// The example deal deviates from the profile already (modules,
			// extra measures, ...): compare what the change adds.
			got := withoutBaseline(assemble.Deviations(profile, &d, lib), baseline, tt.want)
			// The measures text names the first few ids; compare its start.
			for i := range got {
				if got[i].Path == "security.measures" && len(got[i].Text) > len("Annex II measures: leaves out 80 catalogue measures") {
					got[i].Text = got[i].Text[:len("Annex II measures: leaves out 80 catalogue measures")]
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Deviations (-want +got):\n%s", diff)
			}
		})
	}
}

// sccAndDPA is how a deviation names a choice of the SCCs (their
// sccClause) that also governs the DPA, in its dpaClause.
func sccAndDPA(sccClause, dpaClause string) string {
	return "of the SCCs (" + sccClause + ") and, where the Agreement is not under an EEA State's law, of this DPA (" + dpaClause + ") for processing under the GDPR"
}

func TestStandardLeavesProfileAlone(t *testing.T) {
	profile := profileDeal(t)
	before := deal.Hash(profile)
	d := fixtureDeal(t, "example")
	std := assemble.Standard(profile, d)
	if deal.Hash(profile) != before {
		t.Error("Standard modified the profile")
	}
	if std.Customer.Name != d.Customer.Name || len(std.SCC.Modules) != 1 || std.SCC.Modules[0] != 2 {
		t.Errorf("standard for a controller customer: customer %q, modules %v; want the deal's customer and [2]", std.Customer.Name, std.SCC.Modules)
	}
}

// withoutBaseline drops from got the deviations the unchanged deal already
// has, except at the paths want names.
func withoutBaseline(got, baseline, want []assemble.Deviation) []assemble.Deviation {
	wanted := map[string]bool{}
	for _, w := range want {
		wanted[w.Path] = true
	}
	var out []assemble.Deviation
	for _, g := range got {
		if !wanted[g.Path] && slices.Contains(baseline, g) {
			continue
		}
		out = append(out, g)
	}
	return out
}

// TestDeviationsUSOnly is the regression test for a US-only deal measured
// against a profile under the GDPR: its deviations listed every SCC
// selection, the UK Addendum and the Swiss terms its DPA does not have
// ("SCC Clause 17 Option 0 (standard Option 1)", "courts (SCC Clause 18)
// of none", "gdpr applies: no (standard none)"). It lists one deviation,
// the US-only DPA, and no term of the EU's, except the advance notice of a
// new sub-processor, which its sub-processor clause promises too.
func TestDeviationsUSOnly(t *testing.T) {
	devs := assemble.Deviations(profileDeal(t), fixtureDeal(t, "us-ccpa"), engine(t).Library())
	want := assemble.Deviation{Path: "gdpr.applies", Text: "a US-only DPA (no EEA, UK or Swiss data, so no SCCs, UK Addendum or Swiss terms); the standard is a DPA under the GDPR, with the SCCs"}
	if len(devs) == 0 || devs[0] != want {
		t.Errorf("first deviation %v, want %v", devs, want)
	}
	for _, dv := range devs {
		if strings.HasPrefix(dv.Path, "scc.") || strings.HasPrefix(dv.Path, "uk_addendum.") || strings.HasPrefix(dv.Path, "swiss.") || strings.Contains(dv.Text, "SCC Clause") {
			t.Errorf("a US-only deal's deviation names a term its DPA does not have: %v", dv)
		}
	}
	d := *fixtureDeal(t, "us-ccpa")
	d.SCC.SubprocessorNoticeDays = 45
	if !slices.Contains(assemble.Deviations(profileDeal(t), &d, nil), assemble.Deviation{Path: "scc.subprocessor_notice_days", Text: "advance notice of a new sub-processor 45 days (standard 30 days)"}) {
		t.Error("a US-only deal's advance notice of a new sub-processor is not listed")
	}
}

// TestDeviationsSubprocessorChangesFollowLaws is the regression test for a
// US-only deal's sub-processor deviation naming "transfer mechanism" among
// a sub-processor's changed fields, although its DPA, change notice and
// workbook state none: the changed fields are those the deal's laws
// (deal.TransferLaws) have the DPA state, so a US-only list that differs
// from the standard only in transfer mechanisms is no deviation, while a
// deal under the GDPR still lists the change.
func TestDeviationsSubprocessorChangesFollowLaws(t *testing.T) {
	profile := profileDeal(t)
	standard := func(edit func([]deal.Subprocessor) []deal.Subprocessor) []deal.Subprocessor {
		return edit(slices.Clone(profile.Subprocessors.List))
	}
	papertrailNone := func(l []deal.Subprocessor) []deal.Subprocessor { l[1].TransferMechanism = "none"; return l }
	tests := []struct {
		name, fixture string
		list          []deal.Subprocessor // nil: the fixture's own list
		want          string              // the subprocessors.list deviation; "" for none
	}{
		{"US-only, its own list", "us-ccpa", nil,
			"sub-processors: added Amazon Web Services, Inc. (the United States); removed Amazon Web Services EMEA SARL; Papertrail (SolarWinds Worldwide, LLC) changed (address, contact, contact title, responsibilities)"},
		{"US-only, the standard list but for a transfer mechanism", "us-ccpa", standard(papertrailNone), ""},
		{"US-only, reordered, and a transfer mechanism", "us-ccpa", standard(func(l []deal.Subprocessor) []deal.Subprocessor {
			l = papertrailNone(l)
			slices.Reverse(l)
			return l
		}), ""}, // the same sub-processors in another order differ in no term
		{"US-only, a transfer mechanism and a purpose", "us-ccpa", standard(func(l []deal.Subprocessor) []deal.Subprocessor {
			l = papertrailNone(l)
			l[1].Purpose = "Storage of system logs"
			return l
		}), "sub-processors: Papertrail (SolarWinds Worldwide, LLC) changed (purpose)"},
		// The safeguard is named before and after, as the deal's laws
		// name it: a new restricted transfer's safeguard is the material
		// fact.
		{"controller under the GDPR", "example", standard(papertrailNone),
			"sub-processors: Papertrail (SolarWinds Worldwide, LLC) changed (transfer mechanism Standard contractual clauses between Provider and the Sub-processor (Module Three) with the ICO International Data Transfer Addendum and the Swiss adaptations → None required (EEA or adequate country))"},
		{"processor under the GDPR", "processor-option2", standard(func(l []deal.Subprocessor) []deal.Subprocessor { l[1].TransferMechanism = "dpf"; return l }),
			"sub-processors: Papertrail (SolarWinds Worldwide, LLC) changed (transfer mechanism Standard contractual clauses between Provider and the Sub-processor (Module Three) → EU-US Data Privacy Framework)"},
		{"a move to another country", "example", standard(func(l []deal.Subprocessor) []deal.Subprocessor {
			l[0].Country = "US"
			return l
		}), "sub-processors: Amazon Web Services EMEA SARL changed (country Ireland → the United States)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := *fixtureDeal(t, tt.fixture)
			if tt.list != nil {
				d.Subprocessors.List = tt.list
			}
			var got string
			for _, dv := range assemble.Deviations(profile, &d, nil) {
				if dv.Path == "subprocessors.list" {
					got = dv.Text
				}
				if tt.want == "" && strings.Contains(dv.Text, "transfer mechanism") {
					t.Errorf("a US-only deal's deviation names a transfer mechanism: %v", dv)
				}
			}
			if got != tt.want {
				t.Errorf("sub-processor deviation %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDeviationsNameMeasuresByText: the deviation of an Annex II
// selection names the measures it leaves out or adds by their wording, as
// the DPA gives them, not by their catalogue ids; a long list names three
// and counts the rest.
func TestDeviationsNameMeasuresByText(t *testing.T) {
	profile := profileDeal(t)
	lib := engine(t).Library()
	var ids []string
	text := map[string]string{}
	for _, c := range lib.Catalog().Categories {
		for _, m := range c.Measures {
			ids = append(ids, m.ID)
			text[m.ID] = m.Text
		}
	}
	without := func(leave ...string) []string {
		return slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return slices.Contains(leave, id) })
	}
	tests := []struct {
		name     string
		measures deal.Measures
		want     string
	}{
		{"one left out", deal.Measures{IDs: without("enc-endpoints")},
			`Annex II measures: leaves out 1 catalogue measure ("` + text["enc-endpoints"] + `") (standard: the whole catalogue)`},
		{"two left out", deal.Measures{IDs: without("enc-endpoints", "enc-secrets")},
			`Annex II measures: leaves out 2 catalogue measures ("` + text["enc-endpoints"] + `" and "` + text["enc-secrets"] + `") (standard: the whole catalogue)`},
		{"all but one left out", deal.Measures{IDs: ids[:1]},
			`Annex II measures: leaves out ` + strconv.Itoa(len(ids)-1) + ` catalogue measures ("` + text[ids[1]] + `", "` + text[ids[2]] + `", "` + text[ids[3]] + `" and ` + strconv.Itoa(len(ids)-4) + ` more) (standard: the whole catalogue)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fixtureDeal(t, "example")
			d.Security.Measures = tt.measures
			var got string
			for _, dev := range assemble.Deviations(profile, d, lib) {
				if dev.Path == "security.measures" {
					got = dev.Text
				}
			}
			if got != tt.want {
				t.Errorf("deviation\n%s\nwant\n%s", got, tt.want)
			}
			if strings.Contains(got, "enc-") {
				t.Errorf("the deviation names a measure by its id: %s", got)
			}
		})
	}
}

// TestDeviationsUKOnlyLawAndCourts: a UK exporter's SCCs are governed by
// the laws, and go to the courts, of England and Wales, as Section 15(m)
// and (n) of the UK Addendum fix: no deviation names "the United Kingdom"
// (which has no single law), and without the Swiss terms the deal's
// scc.governing_law and scc.forum are no deviation at all; with them, they
// choose the law and courts for transfers from Switzerland.
func TestDeviationsUKOnlyLawAndCourts(t *testing.T) {
	profile := profileDeal(t)
	lib := engine(t).Library()
	uk := fixtureDeal(t, "uk-only")
	for _, dv := range assemble.Deviations(profile, uk, lib) {
		if dv.Path == "scc.governing_law" || dv.Path == "scc.forum" || strings.Contains(dv.Text, "the United Kingdom") {
			t.Errorf("the UK-only deal's deviations list %s: %s", dv.Path, dv.Text)
		}
	}
	uk.Swiss.Enabled = true
	got := map[string]string{}
	for _, dv := range assemble.Deviations(profile, uk, lib) {
		got[dv.Path] = dv.Text
	}
	if uk.SCC.GoverningLaw == "GB" && got["scc.governing_law"] != "law for transfers from Switzerland (SCC Clause 17) England and Wales (standard the Netherlands)" {
		t.Errorf("with the Swiss terms, scc.governing_law is %q", got["scc.governing_law"])
	}
}

// TestDeviationModuleOneData: the Module One data a deal adds (Annex I.B,
// Part 2) is described in words, not as a dump of its fields.
func TestDeviationModuleOneData(t *testing.T) {
	profile := profileDeal(t)
	d := fixtureDeal(t, "modules-1-2-bavaria")
	for _, dv := range assemble.Deviations(profile, d, engine(t).Library()) {
		if dv.Path != "controller_transfer" {
			continue
		}
		want := `Module One: personal data Provider receives as a controller in its own right (Annex I.B, Part 2): data subjects "Customer's account administrators" and "Customer's billing and procurement contacts"; data categories "Name", `
		if !strings.HasPrefix(dv.Text, want) || !strings.HasSuffix(dv.Text, ` (standard none)`) || strings.Contains(dv.Text, "[") {
			t.Errorf("the Module One deviation reads %q", dv.Text)
		}
		return
	}
	t.Error("no deviation for the Module One data")
}

// TestFallbackNoEffect: a fallback that prints, in its deal, the same DPA
// as the standard clause (late-objection under Clause 9 Option 1) draws
// fallback_no_effect; under Option 2, where it changes the clause, it
// does not.
func TestFallbackNoEffect(t *testing.T) {
	e := engine(t)
	for _, tc := range []struct {
		option deal.SubprocessorOption
		want   bool
	}{{deal.GeneralAuthorisation, false}, {deal.SpecificAuthorisation, true}} {
		d := fixtureDeal(t, "negotiated")
		d.SCC.SubprocessorOption = tc.option
		var got []string
		for _, w := range e.DealWarnings(d) {
			if w.Rule == assemble.WarnFallbackNoEffect {
				got = append(got, w.Path)
			}
		}
		if want := []string{"negotiated.subprocessors"}; tc.want != slices.Equal(got, want) || !tc.want && len(got) > 0 {
			t.Errorf("Clause 9 %s: fallback_no_effect at %v, want it at negotiated.subprocessors only: %t", tc.option, got, tc.want)
		}
	}
}

// TestDeviationOfARecordQuotedOnce: a record left out (the provider's DPO)
// names the standard's values each in quotes once.
func TestDeviationOfARecordQuotedOnce(t *testing.T) {
	profile := profileDeal(t)
	d := fixtureDeal(t, "example")
	d.Provider.DPO = nil
	for _, dv := range assemble.Deviations(profile, d, nil) {
		if dv.Path == "provider.dpo" {
			if want := `provider dpo: none (standard "Tomás Ortega", "dpo@kestrel.example")`; dv.Text != want {
				t.Errorf("%q, want %q", dv.Text, want)
			}
			return
		}
	}
	t.Error("no deviation for the provider's DPO left out")
}

// TestDeviationPeriodsInWords: the deletion and resolution periods are
// named by what they time, not by their field names.
func TestDeviationPeriodsInWords(t *testing.T) {
	profile := profileDeal(t)
	d := fixtureDeal(t, "example")
	d.Deletion.Days, d.Deletion.BackupDays, d.Subprocessors.ResolutionDays = 10, 45, 20
	want := map[string]string{
		"deletion.days":                 "return or deletion of the data within 10 days after the end of the Services or, if later, the choice to return or delete it (without a choice, the end of the period for making it) (standard 30)",
		"deletion.backup_days":          "copies in backups deleted within 45 days after that deletion (standard 90)",
		"subprocessors.resolution_days": "period to agree on a solution after an objection to (or a refusal of) a new sub-processor, before Provider must do without it or let Customer terminate, 20 days (standard 30)",
	}
	for _, dv := range assemble.Deviations(profile, d, nil) {
		if w, ok := want[dv.Path]; ok {
			if dv.Text != w {
				t.Errorf("%s: %q, want %q", dv.Path, dv.Text, w)
			}
			delete(want, dv.Path)
		}
	}
	for path := range want {
		t.Errorf("no deviation at %s", path)
	}
}

// TestDeviationsFallbackWithoutEffect is the regression test for a
// fallback that prints, in its deal, the same DPA as the standard
// (late-objection under Clause 9 Option 1, which fallback_no_effect warns
// of): the deviations, and so explain, the manifest and the form's
// preview, listed and counted it as "fallback late-objection ... (standard
// text otherwise)". It is no deviation; Explain lists it apart, as
// negotiated but without effect. Under Option 2, where it changes the
// clause, it stays a deviation; a deal that leaves out a profile's
// standard fallback where that fallback has no effect deviates in nothing
// either.
func TestDeviationsFallbackWithoutEffect(t *testing.T) {
	lib := engine(t).Library()
	const noEffect = "clause subprocessors: fallback late-objection, negotiated but without effect in this deal: standard text"
	tests := []struct {
		name            string
		option          deal.SubprocessorOption
		deal, standard  map[string]string // negotiated in the deal, in the profile
		wantDeviation   bool
		wantWithoutText string // "" when Explain lists nothing without effect
	}{
		{"Option 1: no effect", deal.SpecificAuthorisation, map[string]string{"subprocessors": "late-objection"}, nil, false, noEffect},
		{"Option 2: a deviation", deal.GeneralAuthorisation, map[string]string{"subprocessors": "late-objection"}, nil, true, ""},
		{"Option 1: the standard's fallback left out", deal.SpecificAuthorisation, nil, map[string]string{"subprocessors": "late-objection"}, false,
			"clause subprocessors: standard text, negotiated but without effect in this deal: the same text as the standard fallback late-objection"},
		{"Option 2: the standard's fallback left out", deal.GeneralAuthorisation, nil, map[string]string{"subprocessors": "late-objection"}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			profile := profileDeal(t)
			profile.Negotiated = tt.standard
			d := fixtureDeal(t, "processor-option1-eea")
			d.SCC.SubprocessorOption, d.Negotiated = tt.option, tt.deal
			var got []assemble.Deviation
			for _, dv := range assemble.Deviations(profile, d, lib) {
				if dv.Path == "negotiated.subprocessors" {
					got = append(got, dv)
				}
			}
			if (len(got) > 0) != tt.wantDeviation {
				t.Errorf("deviations at negotiated.subprocessors: %v, want one: %t", got, tt.wantDeviation)
			}
			texts := assemble.DeviationTexts(profile, d, lib)
			if n := slices.IndexFunc(texts, func(s string) bool { return strings.HasPrefix(s, "clause subprocessors:") }); (n >= 0) != tt.wantDeviation {
				t.Errorf("manifest deviations %q, want one for the clause: %t", texts, tt.wantDeviation)
			}
			x := &deal.Explained{Deal: d, Profile: profile}
			e := assemble.Explain(x, lib)
			var without []string
			for _, dv := range e.WithoutEffect {
				without = append(without, dv.Text)
			}
			if want := []string{tt.wantWithoutText}; tt.wantWithoutText == "" && len(without) > 0 || tt.wantWithoutText != "" && !slices.Equal(without, want) {
				t.Errorf("Explain's without effect: %q, want %q", without, tt.wantWithoutText)
			}
			if len(e.Deviations) != len(assemble.Deviations(profile, d, lib)) {
				t.Errorf("Explain counts %d deviations, Deviations %d", len(e.Deviations), len(assemble.Deviations(profile, d, lib)))
			}
		})
	}
}

// TestDeviationsLawAndCourtsOfTheDPA is the regression test for the SCCs'
// governing law and courts listed as the SCCs' alone ("governing law (SCC
// Clause 17) France (standard the Netherlands)") where the DPA's own law
// clause takes the same law and courts, for processing under the GDPR,
// when the Agreement is not under an EEA State's law (.DPALaw,
// .DPAForum): the deviation says so and names that clause by the number
// this deal's DPA gives it, after the clauses it leaves out and the
// riders it adds; a Swiss exporter under the FADP alone, whose DPA keeps
// the Agreement's law, is listed as before; without a library the clause
// is named by its id.
func TestDeviationsLawAndCourtsOfTheDPA(t *testing.T) {
	lib := engine(t).Library()
	tests := []struct {
		name    string
		fixture string
		change  func(d *deal.Deal)
		noLib   bool
		want    []assemble.Deviation
	}{
		// The example DPA's General Provisions are Clause 19; without the UK
		// Addendum, the Swiss terms and the CCPA terms (Clauses 13, 14 and
		// 16) they are Clause 16.
		{"three clauses left out", "example", func(d *deal.Deal) {
			d.SCC.GoverningLaw, d.SCC.Forum = "FR", "FR"
			d.UKAddendum.Enabled, d.Swiss.Enabled, d.CCPA.Enabled = false, false, false
		}, false, []assemble.Deviation{
			{"scc.governing_law", "governing law " + sccAndDPA("Clause 17", "Clause 16") + ": France (standard the Netherlands)"},
			{"scc.forum", "courts " + sccAndDPA("Clause 18", "Clause 16") + ": France (standard the Netherlands)"},
		}},
		{"a rider after the definitions", "example", func(d *deal.Deal) {
			d.SCC.GoverningLaw, d.SCC.Forum = "FR", "IE"
			d.Riders = []deal.Rider{{After: "definitions", Title: "Order of Signature", Text: "The parties sign in counterparts."}}
		}, false, []assemble.Deviation{
			{"scc.governing_law", "governing law " + sccAndDPA("Clause 17", "Clause 20") + ": France (standard the Netherlands)"},
			{"scc.forum", "courts " + sccAndDPA("Clause 18", "Clause 20") + ": Ireland (standard the Netherlands)"},
		}},
		{"no library", "example", func(d *deal.Deal) {
			d.SCC.GoverningLaw, d.SCC.Forum = "FR", "FR"
		}, true, []assemble.Deviation{
			{"scc.governing_law", "governing law " + sccAndDPA("Clause 17", "clause general") + ": France (standard the Netherlands)"},
			{"scc.forum", "courts " + sccAndDPA("Clause 18", "clause general") + ": France (standard the Netherlands)"},
		}},
		{"Swiss exporter under the FADP alone", "swiss-exporter", func(*deal.Deal) {}, false, []assemble.Deviation{
			{"scc.governing_law", "governing law (SCC Clause 17) Switzerland (standard the Netherlands)"},
			{"scc.forum", "courts (SCC Clause 18) of Switzerland (standard the Netherlands)"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fixtureDeal(t, tt.fixture)
			tt.change(d)
			l := lib
			if tt.noLib {
				l = nil
			}
			var got []assemble.Deviation
			for _, dv := range assemble.Deviations(profileDeal(t), d, l) {
				if dv.Path == "scc.governing_law" || dv.Path == "scc.forum" {
					got = append(got, dv)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Deviations (-want +got):\n%s", diff)
			}
			if tt.noLib {
				return
			}
			// Given the deal's DPA already assembled, as a batch row has it,
			// the texts name the same clause.
			dpa, err := engine(t).Assemble(d, "dpa")
			if err != nil {
				t.Fatal(err)
			}
			given := assemble.DeviationTextsOf(profileDeal(t), d, l, dpa)
			for _, w := range tt.want {
				if !slices.Contains(given, w.Text) {
					t.Errorf("given the DPA, the texts lack %q:\n%s", w.Text, strings.Join(given, "\n"))
				}
			}
		})
	}
}

// TestDPALawClauseIsTheOneNamed: the clause the deviations of the law and
// courts name, by its number in this deal's DPA, is the one that gives the
// DPA the SCCs' law and courts (the only clause that names France and
// Ireland in the DPA of a deal that chooses them for the SCCs), so that a
// clause moved or renumbered in the library cannot leave the deviations
// naming another.
func TestDPALawClauseIsTheOneNamed(t *testing.T) {
	e := engine(t)
	d := fixtureDeal(t, "example")
	d.SCC.GoverningLaw, d.SCC.Forum = "FR", "IE"
	d.Riders = []deal.Rider{{After: "definitions", Title: "Order of Signature", Text: "The parties sign in counterparts."}}
	doc, err := e.Assemble(d, "dpa")
	if err != nil {
		t.Fatal(err)
	}
	var named string
	for _, dv := range assemble.Deviations(profileDeal(t), d, e.Library()) {
		if dv.Path == "scc.governing_law" {
			_, rest, _ := strings.Cut(dv.Text, "of this DPA (")
			named, _, _ = strings.Cut(rest, ")")
		}
	}
	text := clauseText(doc, named)
	if named == "" || !strings.Contains(text, "France") || !strings.Contains(text, "Ireland") {
		t.Errorf("the deviation names %q, whose text does not choose France and Ireland:\n%s", named, text)
	}
}

// clauseText returns the text of the paragraphs of the numbered clause of
// doc labelled label ("Clause 19"), up to the next clause.
func clauseText(doc *document.Document, label string) string {
	var b strings.Builder
	in := false
	for _, blk := range doc.Blocks {
		switch blk := blk.(type) {
		case *document.Heading:
			if blk.Level <= 2 {
				in = blk.Level == 2 && blk.Label == label
			}
		case *document.Paragraph:
			if in {
				b.WriteString(document.PlainText(blk.Runs) + "\n")
			}
		}
	}
	return b.String()
}
