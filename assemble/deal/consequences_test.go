package deal

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// loadEdited loads the example deal with the replacements applied (old,
// new, old, new ...) and returns its problems as "path: message" lines.
func loadEdited(t *testing.T, edits ...string) []string {
	t.Helper()
	data := readExample(t)
	for i := 0; i+1 < len(edits); i += 2 {
		if !bytes.Contains(data, []byte(edits[i])) {
			t.Fatalf("the example deal has no %q", edits[i])
		}
		data = bytes.Replace(data, []byte(edits[i]), []byte(edits[i+1]), 1)
	}
	_, err := Load(data, "deal.yaml", nil, "")
	if err == nil {
		return nil
	}
	ve, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("Load: %v", err)
	}
	var lines []string
	for _, p := range ve.Problems {
		lines = append(lines, p.String())
	}
	return lines
}

// TestNoKnockOnProblems: a problem with a field other fields derive from is
// reported once, at its source.
func TestNoKnockOnProblems(t *testing.T) {
	tests := []struct {
		name  string
		edits []string
		want  []string
	}{
		{"bad customer country: no supervisory authority problem",
			[]string{"country: DE", "country: Germny", `supervisory_authority: ""`, ""},
			[]string{`customer.country: "Germny" is not an ISO 3166-1 alpha-2 country code (such as "DE" or "US")`}},
		{"bad role: no modules problem",
			[]string{"role: controller", "role: controler", "modules: [2, 3]", ""},
			[]string{`customer.role: "controler" is not allowed (want controller or processor); did you mean "controller"?`}},
		{"bad governing law: no problem with the forum derived from it",
			[]string{"governing_law: NL", "governing_law: US", "forum: NL", ""},
			[]string{`scc.governing_law: "US" is not an EU Member State; Clause 17 requires one for modules 1-3: write its ISO code, such as "DE" (Germany, the customer's country)`}},
		{"a forum given explicitly is checked all the same",
			[]string{"governing_law: NL", "governing_law: US", "forum: NL", "forum: US"},
			[]string{
				`scc.governing_law: "US" is not an EU Member State; Clause 17 requires one for modules 1-3: write its ISO code, such as "DE" (Germany, the customer's country)`,
				`scc.forum: "US" is not an EU Member State; Clause 18 requires one for modules 1-3: write its ISO code, such as "DE" (Germany, the customer's country)`,
			}},
		{"a customer outside the EEA still needs an authority",
			[]string{"country: DE", "country: CA", `supervisory_authority: ""`, ""},
			[]string{"scc.supervisory_authority: is required when the customer (data exporter) is established outside the EEA (Clause 13(a)): the authority of the Member State where its Article 27 representative is established, or where the data subjects are; with customer.representative (Article 27 GDPR) given, it defaults to the authority of the representative's Member State"}},
		{"a key in the wrong section: no 'required' where it belongs",
			[]string{"  objection_days: 15 ", "", "  docking_clause: false", "  docking_clause: false\n  objection_days: 15"},
			[]string{"scc.objection_days: unknown field here: objection_days belongs in subprocessors (subprocessors.objection_days)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, loadEdited(t, tt.edits...)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStructureAndRulesInOneRun: decoding problems do not hide the rule
// problems of the rest of the deal, and both are listed in the order of
// the file.
func TestStructureAndRulesInOneRun(t *testing.T) {
	got := loadEdited(t,
		"effective_date: 2026-12-01", "effective_date: 2027-02-30",
		"uk_addendum: { enabled: true, ending_party: neither }", "uk_addendum: off",
		"notice_hours: 48", "notice_hours: 96",
		"country: DE", "country: France",
	)
	want := []string{
		`effective_date: "2027-02-30" is not a date: February 2027 has only 28 days`,
		`customer.country: "France" is not a country code; did you mean "FR" (France)?`,
		`uk_addendum: want a mapping such as { enabled: false }, not "off"`,
		"breach.notice_hours: must be at most 72 (the controller itself has 72 hours to notify its supervisory authority)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestMissingProviderSaidOnce: a deal loaded without the profile that
// supplies its provider gets one problem for the section, not one per
// field.
func TestMissingProviderSaidOnce(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/deals/seed-001.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Load(data, "seed-001.yaml", nil, "")
	want := []Problem{{Path: "provider", Rule: RuleSectionMissing,
		Message: "is missing; it needs name, address, country, contact (name, email) and signatory (name, title)"}}
	if diff := cmp.Diff(want, problems(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	// A provider that is there but incomplete gets its fields' problems,
	// and one for each nested section it leaves out.
	_, err = Load(append(data, "provider: {name: \"Kestrel Cloud, Inc.\"}\n"...), "seed-001.yaml", nil, "")
	want = []Problem{
		{Path: "provider.contact", Rule: RuleSectionMissing, Message: "is missing; it needs name and email"},
		{Path: "provider.signatory", Rule: RuleSectionMissing, Message: "is missing; it needs name and title"},
		{Path: "provider.address", Rule: "required", Message: "is required: registered address, without the country"},
		{Path: "provider.country", Rule: "required", Message: "is required: country of establishment"},
	}
	diffProblems(t, want, problems(t, err))
}

// BenchmarkLoadWithMistakes loads a deal with decoding and rule problems:
// the lenient decode, the pruning and the consequence filters.
func BenchmarkLoadWithMistakes(b *testing.B) {
	data := readExample(b)
	for _, r := range [][2]string{
		{"effective_date: 2026-12-01", "effective_date: 2027-02-30"},
		{"uk_addendum: { enabled: true, ending_party: neither }", "uk_addendum: off"},
		{"country: DE", "country: France"},
		{"role: controller", "role: Controller"},
		{"governing_law: NL", "governing_law: USA"},
	} {
		data = bytes.Replace(data, []byte(r[0]), []byte(r[1]), 1)
	}
	v := NewValidator(Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Load(data, "deal.yaml", nil, ""); err == nil {
			b.Fatal("no problems")
		}
	}
}

// BenchmarkLoadExplained loads the 40-sub-processor deal over the example
// profile with the sources of its values, as `dpakit render` and the API
// do; BenchmarkLoadWithWarnings without them, for comparison.
func BenchmarkLoadExplained(b *testing.B) {
	deal, profile := readBench40(b)
	v := NewValidator(Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := v.LoadExplained(deal, "bench-40.yaml", profile, "profile.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadWithWarnings(b *testing.B) {
	deal, profile := readBench40(b)
	v := NewValidator(Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := v.LoadWithWarnings(deal, "bench-40.yaml", profile, "profile.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

// readBench40 reads the 40-sub-processor deal and the example profile.
func readBench40(b *testing.B) (deal, profile []byte) {
	b.Helper()
	deal, err := os.ReadFile("../../fixtures/deals/bench-40.yaml")
	if err != nil {
		b.Fatal(err)
	}
	profile, err = os.ReadFile("../../fixtures/profile.yaml")
	if err != nil {
		b.Fatal(err)
	}
	return deal, profile
}

// TestMissingNestedSectionSaidOnce: a nested section that neither file
// gives (a party's contact or signatory) gets one problem naming what it
// needs, at the line of the party's key, not one per field; one that is
// there but incomplete gets its fields' problems.
func TestMissingNestedSectionSaidOnce(t *testing.T) {
	profile, err := os.ReadFile("../../fixtures/profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const head = "effective_date: 2026-12-01\nagreement: Services Agreement\ncustomer:\n  name: Acme SAS\n  address: 1 rue de la Paix, 75002 Paris\n  country: FR\n  role: controller\n"
	const contact = "  contact: { name: Jean Dupont, title: DPO, email: jean@acme.example }\n"
	const signatory = "  signatory: { name: Jean Martin, title: CEO }\n"
	noSignatory := bytes.Replace(profile, []byte("  signatory: { name: Dana Whitfield, title: General Counsel }\n"), nil, 1)
	if bytes.Equal(noSignatory, profile) {
		t.Fatal("the profile's provider has no signatory line to delete")
	}
	tests := []struct {
		name    string
		deal    string
		profile []byte
		want    []string // "file:line: path: message"
	}{
		{"customer without signatory", head + contact, profile,
			[]string{"deal.yaml:3: customer.signatory: is missing; it needs name and title"}},
		{"customer without contact", head + signatory, profile,
			[]string{"deal.yaml:3: customer.contact: is missing; it needs name and email"}},
		{"customer without either", head, profile,
			[]string{
				"deal.yaml:3: customer.contact: is missing; it needs name and email",
				"deal.yaml:3: customer.signatory: is missing; it needs name and title",
			}},
		{"signatory there but incomplete", head + contact + "  signatory: { name: Jean Martin }\n", profile,
			[]string{":0: customer.signatory.title: is required: the signatory's position"}},
		{"provider without contact and signatory, no profile",
			head + contact + signatory + "provider:\n  name: Kestrel Cloud\n  address: 400 Market Street, Orlando\n  country: US\n" +
				"processing: {data_subjects: [Users], data_categories: [Names], frequency: continuous, nature: Hosting, purposes: [Hosting], retention: For the term}\n" +
				"scc: {governing_law: NL, subprocessor_notice_days: 30}\nbreach: {notice_hours: 48}\nsubprocessors: {objection_days: 15}\n",
			nil,
			[]string{
				"deal.yaml:10: provider.contact: is missing; it needs name and email",
				"deal.yaml:10: provider.signatory: is missing; it needs name and title",
			}},
		{"a profile's provider without a signatory", head + contact + signatory,
			noSignatory,
			[]string{"profile.yaml:4: provider.signatory: is missing; it needs name and title"}},
		{"no customer at all: the top-level section, without a line",
			"effective_date: 2026-12-01\nagreement: Services Agreement\n", profile,
			[]string{":0: customer: is missing; it needs name, address, country, role, contact (name, email) and signatory (name, title)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load([]byte(tt.deal), "deal.yaml", tt.profile, "profile.yaml")
			var got []string
			for _, p := range problems(t, err) {
				got = append(got, fmt.Sprintf("%s:%d: %s", p.File, p.Line, p))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
