package deal

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	// Paces the collector of this test binary (see package testgc).
	_ "github.com/dpakit/dpakit/fixtures/testgc"
)

// splitExample splits the example into a profile (the vendor's keys) and a
// deal (the rest).
func splitExample(t testing.TB) (profile, deal []byte) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(readExample(t), &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	vendor := map[string]bool{"provider": true, "subprocessors": true, "security": true, "audit": true, "breach": true}
	p := &yaml.Node{Kind: yaml.MappingNode}
	d := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i < len(root.Content); i += 2 {
		dst := d
		if vendor[root.Content[i].Value] {
			dst = p
		}
		dst.Content = append(dst.Content, root.Content[i], root.Content[i+1])
	}
	pb, err := yaml.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	db, err := yaml.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return pb, db
}

func TestLoadWithProfile(t *testing.T) {
	profile, deal := splitExample(t)
	got, err := Load(deal, "deal.yaml", profile, "profile.yaml")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if diff := cmp.Diff(exampleDeal(t), got); diff != "" {
		t.Errorf("deal over profile differs from the whole example (-want +got):\n%s", diff)
	}
}

func TestMerge(t *testing.T) {
	profile := []byte(`
scc: {docking_clause: true, subprocessor_notice_days: 30, governing_law: IE, modules: [2, 3]}
uk_addendum: {enabled: true, ending_party: exporter}
audit: {frequency_months: 24, notice_days: 60}
agreement: Terms of Service
subprocessors:
  objection_days: 14
  list:
    - {name: A, country: IE}
    - {name: B, country: US}
provider: {name: Kestrel, dpo: {name: DPO, email: dpo@kestrel.example}}
`)
	deal := []byte(`
scc: {docking_clause: false, modules: [2]}
uk_addendum: {enabled: false}
audit: {notice_days: 0}
agreement: ""
subprocessors:
  list:
    - {name: C, country: DE}
provider: {dpo: null}
reference: DPA-1
`)
	pn, err := parse(profile, "profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dn, err := parse(deal, "deal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	profileBefore, dealBefore := encode(t, pn), encode(t, dn)
	got, err := decode(merge(pn, dn))
	if err != nil {
		t.Fatal(err)
	}
	want := &Deal{
		Reference: "DPA-1",
		SCC: SCC{
			DockingClause:          false, // false in the deal beats true in the profile
			Modules:                []int{2},
			SubprocessorNoticeDays: 30, // kept from the profile: mappings merge
			GoverningLaw:           "IE",
		},
		UKAddendum: UKAddendum{Enabled: false, EndingParty: "exporter"},
		// 0 in the deal beats 60 in the profile.
		Audit: Audit{FrequencyMonths: 24, NoticeDays: 0},
		// The deal's list replaces the profile's.
		Subprocessors: Subprocessors{ObjectionDays: 14, List: []Subprocessor{{Name: "C", Country: "DE"}}},
		// null in the deal removes the profile's DPO.
		Provider: Provider{Name: "Kestrel"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged (-want +got):\n%s", diff)
	}
	if !bytes.Equal(profileBefore, encode(t, pn)) || !bytes.Equal(dealBefore, encode(t, dn)) {
		t.Error("Merge modified its inputs")
	}
	if merge(nil, dn) != dn || merge(pn, nil) != pn {
		t.Error("Merge with a nil side should return the other side")
	}
}

func encode(t *testing.T, n *yaml.Node) []byte {
	t.Helper()
	b, err := yaml.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadReportsBothFiles(t *testing.T) {
	_, err := Load([]byte("customer: {contcat: x}\n"), "deal.yaml", []byte("audit:\n  notice_days: soon\n"), "profile.yaml")
	// The problems a line locates come first, in the order of the files:
	// the deal's (the customer, which lacks its signatory, and the mistyped
	// key on the same line), then the profile's.
	want := []Problem{
		{File: "deal.yaml", Line: 1, Path: "customer.signatory", Rule: RuleSectionMissing, Message: "is missing; it needs name and title"},
		{File: "deal.yaml", Line: 1, Path: "customer.contcat", Rule: "unknown_field", Message: `unknown field (did you mean "contact"?)`},
		{File: "profile.yaml", Line: 2, Path: "audit.notice_days", Rule: "type", Message: `"soon" is not a whole number`},
	}
	got := problems(t, err)
	if len(got) < len(want) {
		t.Fatalf("problems = %v", got)
	}
	if diff := cmp.Diff(want, got[:len(want)]); diff != "" {
		t.Errorf("located problems first (-want +got):\n%s", diff)
	}
	// The rule problems of what did decode follow in the same run, but
	// none about customer.contact (the mistyped key) or audit.notice_days
	// (the value that did not decode).
	var paths []string
	for _, p := range got[len(want):] {
		paths = append(paths, p.Path)
		if strings.HasPrefix(p.Path, "customer.contact") || p.Path == "audit.notice_days" {
			t.Errorf("knock-on problem reported: %v", p)
		}
	}
	if !slices.Contains(paths, "agreement") || !slices.Contains(paths, "customer.name") {
		t.Errorf("rule problems missing: %v", paths)
	}
	var ve *ValidationError
	if errors.As(err, &ve) && ve.File != "" {
		t.Errorf("File = %q, want \"\" for problems in two files", ve.File)
	}
	wantText := "customer.signatory: is missing; it needs name and title\ncustomer.contcat: unknown field (did you mean \"contact\"?)\naudit.notice_days: \"soon\" is not a whole number\n"
	if !strings.HasPrefix(err.Error(), wantText) {
		t.Errorf("Error() = %q, want it to start %q", err.Error(), wantText)
	}
}

func TestLoadEmptyProfile(t *testing.T) {
	_, err := Load(readExample(t), "deal.yaml", []byte{}, "profile.yaml")
	if got, want := err.Error(), "profile.yaml: empty document"; got != want {
		t.Errorf("Load(empty profile) = %q, want %q", got, want)
	}
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.File != "profile.yaml" {
		t.Errorf("error %#v should name profile.yaml", err)
	}
}

// TestLoadLocatesProblems checks that a rule broken by the merged deal is
// traced to the file that supplied the value.
func TestLoadLocatesProblems(t *testing.T) {
	profile, deal := splitExample(t)
	deal = bytes.Replace(deal, []byte("language: en"), []byte("language: fr"), 1)
	profile = bytes.Replace(profile, []byte("notice_hours: 48"), []byte("notice_hours: 96"), 1)
	d, err := Load(deal, "deal.yaml", profile, "profile.yaml")
	if d == nil {
		t.Fatal("Load returned no deal with a validation error")
	}
	got := problems(t, err)
	want := []Problem{
		{File: "deal.yaml", Path: "language", Rule: "oneof", Message: `"fr" is not supported (only "en" for now)`},
		{File: "profile.yaml", Path: "breach.notice_hours", Rule: "max", Message: "must be at most 72 (the controller itself has 72 hours to notify its supervisory authority)"},
	}
	if diff := cmp.Diff(want, got, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Line" }, cmp.Ignore())); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	for _, p := range got {
		if p.Line == 0 {
			t.Errorf("%s: no line", p)
		}
	}
}

func TestSourceOneFile(t *testing.T) {
	n, err := parse(readExample(t), "deal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, value string
	}{
		{"customer.country", "DE"},
		{"subprocessors.list[1].country", "US"},
		{"subprocessors.list[1].data[2]", "Logging data"},
		{"scc.modules[1]", "3"},
		{"subprocessors.list[2].country", ""},
		{"customer.country[0]", ""},
		{"nope", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := ""
		if x, fromDeal, exact := source(n, nil, tt.path); exact {
			if !fromDeal {
				t.Errorf("source(%q): from the profile, but there is none", tt.path)
			}
			got = x.Value
		}
		if got != tt.value {
			t.Errorf("source(%q) = %q, want %q", tt.path, got, tt.value)
		}
	}
}

// TestSourceDealOverProfile checks where a value of a deal laid over a
// profile comes from: mappings given by both files are looked into in
// both, and a list the deal gives replaces the profile's whole, so a
// problem in the deal's list never points into the profile's.
func TestSourceDealOverProfile(t *testing.T) {
	profile := `provider:
  name: Kestrel
  country: US
subprocessors:
  list:
    - name: AWS
      transfer_mechanism: scc
`
	deal := `provider:
  country: IE
subprocessors:
  list:
    - name: Papertrail
      country: US
`
	pn, err := parse([]byte(profile), "profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dn, err := parse([]byte(deal), "deal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path     string
		fromDeal bool
		line     int // 0: no node
		exact    bool
	}{
		{"provider.name", false, 2, true},
		{"provider.country", true, 2, true},
		{"subprocessors.list[0].name", true, 5, true},
		// The profile's first item has a transfer mechanism; the deal's,
		// which replaces it, has none: the problem is at the deal's item.
		{"subprocessors.list[0].transfer_mechanism", true, 5, false},
		{"subprocessors.list[1].name", false, 0, false},
		{"customer.name", false, 0, false},
	}
	for _, tt := range tests {
		n, fromDeal, exact := source(dn, pn, tt.path)
		line := 0
		if n != nil {
			line = n.Line
		}
		if line != tt.line || exact != tt.exact || (n != nil && fromDeal != tt.fromDeal) {
			t.Errorf("source(%q) = line %d, from the deal %v, exact %v; want line %d, from the deal %v, exact %v",
				tt.path, line, fromDeal, exact, tt.line, tt.fromDeal, tt.exact)
		}
	}
}

// TestProblemInDealsOwnList is the regression test of a deal that gives
// its own sub-processor list with a field left out: the problem named the
// profile's file and line, where the profile's list (which the deal's
// replaces) has the field.
func TestProblemInDealsOwnList(t *testing.T) {
	// The example, whose list items all have a transfer mechanism, serves
	// as the profile.
	profile := readExample(t)
	deal := []byte(`subprocessors:
  list:
    - name: Papertrail (SolarWinds Worldwide, LLC)
      description: Log management service
      purpose: Storage and search of system logs
      location: United States
      country: US
      data: [IP address, Browser information, Logging data]
      category: service
`)
	_, err := NewValidator(Options{}).Load(deal, "deal.yaml", profile, "profile.yaml")
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Load: %v, want a validation error", err)
	}
	found := false
	for _, p := range ve.Problems {
		if !strings.HasPrefix(p.Path, "subprocessors.list[0].transfer_mechanism") {
			continue
		}
		found = true
		if p.File != "deal.yaml" {
			t.Errorf("%s: in %s:%d, want the deal's list item (deal.yaml)", p.Path, p.File, p.Line)
		}
	}
	if !found {
		t.Fatalf("no problem with subprocessors.list[0].transfer_mechanism: %v", ve.Problems)
	}
}

func TestComplete(t *testing.T) {
	d := exampleDeal(t)
	d.Reference, d.SCC.Forum = "", ""
	if err := NewValidator(Options{}).Complete(d); err != nil {
		t.Fatalf("Complete: %v", err)
	}
	if d.Reference != "DPA-20261201-MULLER-LOGISTIK" || d.SCC.Forum != "NL" {
		t.Errorf("Complete did not apply defaults: reference %q, forum %q", d.Reference, d.SCC.Forum)
	}
	if err := NewValidator(Options{}).Complete(nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("Complete(nil) = %v, want ErrInvalid", err)
	}
}

// TestRoundTrip checks that a loaded deal, written out as YAML, as JSON or
// in canonical form, loads back to the same deal.
func TestRoundTrip(t *testing.T) {
	d := exampleDeal(t)
	d.Subprocessors.List[0].Added = d.EffectiveDate
	d.Security.Measures = Measures{IDs: []string{"enc", "mfa"}}
	asYAML, err := yaml.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	asJSON, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"yaml": asYAML, "json": asJSON, "canonical": Canonical(d)} {
		t.Run(name, func(t *testing.T) {
			got, err := Load(data, "deal."+name, nil, "")
			if err != nil {
				t.Fatalf("Load: %v\n%s", err, data)
			}
			if Hash(got) != Hash(d) {
				t.Errorf("round trip changed the deal:\n%s\n%s", Canonical(d), Canonical(got))
			}
		})
	}
}

func TestEmptyDateAndMeasures(t *testing.T) {
	n, err := parse([]byte("subprocessors: {list: [{added: \"\"}]}\nsecurity: {measures: \"\"}\n"), "deal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := decode(n)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Subprocessors.List[0].Added.IsZero() || d.Security.Measures.All || d.Security.Measures.IDs != nil {
		t.Errorf("decoded %+v, %+v", d.Subprocessors.List[0].Added, d.Security.Measures)
	}
}
