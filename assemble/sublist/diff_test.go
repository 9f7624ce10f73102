package sublist

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dpakit/dpakit/assemble/deal"
)

func TestDiff(t *testing.T) {
	old := loadFixture(t, "seed000.yaml")[:4]
	new := append([]deal.Subprocessor{}, old...)
	new[0].Location = "EU (Germany) eu-central-1"
	new[0].Country = "DE"
	new[0].Name = "AMAZON, INC."
	new = append(new[:1], new[2:]...) // Heroku removed
	new = append(new, deal.Subprocessor{Name: "Okta", Purpose: "User authentication.", Location: "United States",
		Country: "US", Category: "service", TransferMechanism: "dpf"})
	new[2].Data = []string{"Recipient email address"}

	c := Diff(old, new)
	var text bytes.Buffer
	if err := c.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	wantText := `1 added, 1 removed, 2 changed

Added
  + Okta: User authentication. (United States, dpf)

Removed
  - Heroku

Changed
  ~ AMAZON, INC.
      name: "Amazon, Inc." -> "AMAZON, INC."
      location: "EU (Ireland) eu-west-1" -> "EU (Germany) eu-central-1"
      country: "IE" -> "DE"
  ~ Email Server
      data: "" -> "Recipient email address"
`
	if diff := cmp.Diff(wantText, text.String()); diff != "" {
		t.Errorf("WriteText (-want +got):\n%s", diff)
	}

	js, err := json.Marshal(Diff(old[:1], old[:1]))
	if err != nil {
		t.Fatal(err)
	}
	if string(js) != `{"added":[],"removed":[],"changed":[]}` {
		t.Errorf("no changes JSON = %s", js)
	}
	js, _ = json.Marshal(c.Changed[1].Fields)
	if want := `[{"field":"data","old":"","new":"Recipient email address"}]`; string(js) != want {
		t.Errorf("change fields JSON = %s\nwant %s", js, want)
	}
	// The change carries the matched pair.
	if ch := c.Changed[0]; !cmp.Equal(ch.Before, old[0]) || !cmp.Equal(ch.After, new[0]) {
		t.Errorf("Changed[0] pair = %+v -> %+v; want the old and new entries", ch.Before, ch.After)
	}

	var none bytes.Buffer
	_ = Diff(old, old).WriteText(&none)
	if none.String() != "No changes.\n" {
		t.Errorf("no changes = %q", none.String())
	}
	// Order: same inputs, same output.
	if !cmp.Equal(Diff(old, new), c) {
		t.Error("Diff is not deterministic")
	}
}

// TestDiffMatchesByNameKey checks that entries whose names differ only in
// spacing and case are matched, and that the change carries both entries:
// the notice printed "none" as the old location of "AWS " renamed "AWS".
func TestDiffMatchesByNameKey(t *testing.T) {
	old := []deal.Subprocessor{{Name: "AWS ", Purpose: "Hosting", Location: "EU (Ireland)", Country: "IE", Category: "infrastructure", TransferMechanism: "none"}}
	cur := []deal.Subprocessor{{Name: "AWS", Purpose: "Hosting", Location: "EU (Frankfurt)", Country: "DE", Category: "infrastructure", TransferMechanism: "none"}}
	c := Diff(old, cur)
	if len(c.Added) != 0 || len(c.Removed) != 0 || len(c.Changed) != 1 {
		t.Fatalf("Diff = %+v; want one change", c)
	}
	ch := c.Changed[0]
	if ch.Before.Location != "EU (Ireland)" || ch.After.Location != "EU (Frankfurt)" {
		t.Errorf("pair = %q -> %q", ch.Before.Location, ch.After.Location)
	}
	if got := ch.FieldNames(); !cmp.Equal(got, []string{"name", "location", "country"}) {
		t.Errorf("fields = %v", got)
	}
}

// TestComparedFieldsCoverEntry walks the fields of the list entry: each
// must be compared by Diff (and so carried over by ApplyTo), so a field
// added to subproc.Subprocessor cannot be forgotten. contact_title and
// responsibilities were once not compared, and a change of them (Annex III
// content a specific authorisation rests on) gave "the lists are the same".
func TestComparedFieldsCoverEntry(t *testing.T) {
	// notCompared are the entry's fields Diff deliberately ignores (none).
	notCompared := map[string]bool{}
	keys := map[string]bool{}
	for _, f := range comparedFields() {
		if keys[f.key] {
			t.Errorf("field %q compared twice", f.key)
		}
		keys[f.key] = true
	}
	typ := reflect.TypeOf(deal.Subprocessor{})
	for i := range typ.NumField() {
		key, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
		if key == "" || key == "-" {
			t.Errorf("field %s has no yaml key", typ.Field(i).Name)
			continue
		}
		if !keys[key] && !notCompared[key] {
			t.Errorf("field %s (%q) is neither compared by Diff nor listed as deliberately not compared", typ.Field(i).Name, key)
		}
		delete(keys, key)
	}
	for k := range keys {
		t.Errorf("compared field %q is not a field of the entry", k)
	}
}

// TestDiffAnnexIIIDetails: a change of only the contact person's position
// or of the delimitation of responsibilities is a change, reported under
// its deal file key.
func TestDiffAnnexIIIDetails(t *testing.T) {
	base := deal.Subprocessor{Name: "Zendesk", Purpose: "Support", Location: "United States", Country: "US",
		Category: "service", TransferMechanism: "dpf", ContactTitle: "Data Protection Officer",
		Responsibilities: "Stores and routes support tickets only"}
	for _, tc := range []struct {
		field string
		edit  func(*deal.Subprocessor)
	}{
		{"contact_title", func(s *deal.Subprocessor) { s.ContactTitle = "General Counsel" }},
		{"responsibilities", func(s *deal.Subprocessor) { s.Responsibilities = "Reads payroll records" }},
	} {
		after := base
		tc.edit(&after)
		c := Diff([]deal.Subprocessor{base}, []deal.Subprocessor{after})
		if len(c.Changed) != 1 || !cmp.Equal(c.Changed[0].FieldNames(), []string{tc.field}) {
			t.Errorf("%s: Diff = %+v; want one change of %s", tc.field, c, tc.field)
		}
	}
}
