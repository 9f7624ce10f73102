package sublist

import (
	"bytes"
	"encoding/json"
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
