package deal

import (
	"os"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSources checks where each value of a deal laid over a profile comes
// from: what explain prints beside every term.
func TestSources(t *testing.T) {
	profile := []byte(`provider: {name: "Kestrel Cloud, Inc.", country: US}
swiss: {enabled: true}
breach: {notice_hours: 48}
scc: {governing_law: NL, subprocessor_notice_days: 30}
`)
	deal := []byte(`effective_date: 2026-12-01
customer: {name: Müller Logistik GmbH, country: DE, role: controller}
breach: {notice_hours: 24}
scc: {forum: null}
`)
	v := NewValidator(Options{})
	x, _, _ := v.LoadExplained(deal, "deal.yaml", profile, "profile.yaml")
	if x == nil {
		t.Fatal("no deal")
	}
	got := x.Sources
	if x.Profile == nil || x.Profile.Breach.NoticeHours != 48 || x.Profile.Customer.Name != "" {
		t.Errorf("Profile = %+v, want the profile as decoded", x.Profile)
	}
	for path, want := range map[string]Source{
		"customer.name":             {Origin: FromDeal},
		"breach.notice_hours":       {Origin: FromDeal},
		"swiss.enabled":             {Origin: FromProfile},
		"scc.governing_law":         {Origin: FromProfile},
		"scc.forum":                 {Origin: Derived, From: "scc.governing_law"},
		"scc.modules":               {Origin: Derived, From: "customer.role"},
		"scc.supervisory_authority": {Origin: Derived, From: "customer.country"},
		"reference":                 {Origin: Derived, From: "customer.name and effective_date"},
		"scc.governing_law_option":  {Origin: FromDefault},
		"audit.frequency_months":    {Origin: FromDefault},
	} {
		if diff := cmp.Diff(want, got[path]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", path, diff)
		}
	}
	// A null in the deal over a record the profile gives (its DPO) sets it
	// aside: the deal's doing, not the profile's.
	px, _, _ := v.LoadExplained(append(append([]byte(nil), deal...), "provider: {dpo: null}\n"...), "deal.yaml",
		[]byte("provider: {name: \"Kestrel Cloud, Inc.\", country: US, dpo: {name: Tomás Ortega, email: dpo@kestrel.example}}\n"), "profile.yaml")
	if px == nil || px.Deal.Provider.DPO != nil || px.Sources["provider.dpo"].Origin != FromDeal || SourceOf(px.Sources, "provider.dpo.name").Origin != FromDeal {
		t.Errorf("a DPO the deal sets aside with null: %+v", px)
	}
	if _, ok := got["uk_addendum.enabled"]; ok {
		t.Error("uk_addendum.enabled has a source, though nothing set it")
	}
	if s := SourceOf(got, "subprocessors.list[2].name"); s != (Source{}) {
		t.Errorf("SourceOf an unset list = %+v", s)
	}
	if x, _, _ := v.LoadExplained(deal, "deal.yaml", nil, ""); x == nil || x.Profile != nil || x.Sources["breach.notice_hours"].Origin != FromDeal {
		t.Errorf("without a profile: %+v", x)
	}
	if x, _, err := v.LoadExplained([]byte("customer: [\n"), "bad.yaml", nil, ""); x != nil || err == nil {
		t.Errorf("a deal that does not parse: %v, %v", x, err)
	}
}

// TestEmptyGivenValueIsFilledIn is the regression test for explain
// crediting to the deal a value that the deal left empty and Defaults
// filled in (the example deal's scc.supervisory_authority: "", shown as
// "deal" though derived from customer.country): an empty value a file
// gives is a request for the default, sourced as a value not given.
func TestEmptyGivenValueIsFilledIn(t *testing.T) {
	v := NewValidator(Options{})
	base := "effective_date: 2026-12-01\ncustomer: {name: Müller Logistik GmbH, country: DE, role: controller}\n"
	tests := []struct {
		name, deal, path string
		want             Source
	}{
		{"an empty authority", `scc: {supervisory_authority: ""}`, "scc.supervisory_authority", Source{Origin: Derived, From: "customer.country"}},
		{"no modules", "scc: {modules: []}", "scc.modules", Source{Origin: Derived, From: "customer.role"}},
		{"an empty forum", `scc: {governing_law: NL, forum: ""}`, "scc.forum", Source{Origin: Derived, From: "scc.governing_law"}},
		{"an empty reference", `reference: ""`, "reference", Source{Origin: Derived, From: "customer.name and effective_date"}},
		{"an authority given", `scc: {supervisory_authority: "Commission nationale de l'informatique et des libertés (CNIL)"}`, "scc.supervisory_authority", Source{Origin: FromDeal}},
		{"modules given", "scc: {modules: [2]}", "scc.modules", Source{Origin: FromDeal}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, _, _ := v.LoadExplained([]byte(base+tt.deal+"\n"), "deal.yaml", nil, "")
			if x == nil {
				t.Fatal("no deal")
			}
			if diff := cmp.Diff(tt.want, SourceOf(x.Sources, tt.path)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.path, diff)
			}
		})
	}
}

// TestSourcesOfExample checks the sources of every fixture deal against the
// example profile: every value of the loaded deal has one.
func TestSourcesOfExample(t *testing.T) {
	deal, err := os.ReadFile("../../fixtures/deals/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	profile, err := os.ReadFile("../../fixtures/profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	x, _, err := NewValidator(Options{}).LoadExplained(deal, "example.yaml", profile, "profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, got := x.Deal, x.Sources
	var zero Deal
	n := 0
	diffPaths(reflect.ValueOf(&zero).Elem(), reflect.ValueOf(d).Elem(), "", func(p string, _ reflect.Value) {
		n++
		if SourceOf(got, p).Origin == "" {
			t.Errorf("%s has a value but no source", p)
		}
	})
	if n < 40 {
		t.Errorf("only %d values compared", n)
	}
}
