package sublist

import (
	"context"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/subproc"
)

// TestImportRealSpreadsheet reads a list as a German user's Excel saves it
// (";"-separated, country names in German, data categories separated by
// commas, a sub-processor under Binding Corporate Rules, one description
// left empty): every value comes out as the deal format writes it, and the
// empty description is noted.
func TestImportRealSpreadsheet(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/lists/customer-sheet.csv")
	if err != nil {
		t.Fatal(err)
	}
	got, notes, err := NewReader(subproc.Rules{}).ImportNotes(context.Background(), data, "customer-sheet.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []deal.Subprocessor{
		{Name: "Hetzner Online GmbH", Description: "Data centre operator", Purpose: "Hosting of the production environment",
			Location: "Falkenstein", Country: "DE", Data: []string{"Name", "E-mail address", "IP address"},
			Category: "infrastructure", TransferMechanism: "none", Website: "https://www.hetzner.com"},
		{Name: "Scaleway SAS", Description: "Object storage", Purpose: "Encrypted backups", Location: "Paris", Country: "FR",
			Data: []string{"All customer content"}, Category: "infrastructure", TransferMechanism: "none", Website: "https://www.scaleway.com"},
		{Name: "Zendesk, Inc.", Description: "Customer support platform", Purpose: "Handling of support tickets",
			Location: "United States", Country: "US", Data: []string{"Name", "E-mail address", "Support ticket contents"},
			Category: "service", TransferMechanism: "dpf", Website: "https://www.zendesk.com"},
		{Name: "Infosys Limited", Purpose: "Second-level support from the Infosys group", Location: "Bengaluru", Country: "IN",
			Data: []string{"Device logs, statuses and progress", "Support ticket contents"}, Category: "service",
			TransferMechanism: "bcr", Website: "https://www.infosys.com"},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Import (-want +got):\n%s", diff)
	}
	wantNotes := []string{"no description in row 5: 1 of 4 sub-processors have no description; Annex III shows their purpose alone"}
	if diff := cmp.Diff(wantNotes, notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	// The same list typed by hand in the deal format: no false changes.
	if ch := Diff(want, got); !ch.Empty() {
		t.Errorf("Diff against the same list = %+v", ch)
	}
}

func TestSplitData(t *testing.T) {
	tests := map[string][]string{
		"Name, Email, IP address":                        {"Name", "Email", "IP address"},
		"Name; Email; IP address":                        {"Name", "Email", "IP address"},
		"Name\nEmail":                                    {"Name", "Email"},
		"Device logs, statuses and progress; IP address": {"Device logs, statuses and progress", "IP address"},
		"Device logs, statuses and progress;":            {"Device logs, statuses and progress"},
		"Name,, Email ,":                                 {"Name", "Email"},
		"":                                               nil,
		"Usage logs":                                     {"Usage logs"},
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, splitData(in), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("splitData(%q) (-want +got):\n%s", in, diff)
		}
	}
}

// TestImportNotesWhatItFilledIn: a sheet without Category, Location,
// Transfer mechanism or Description columns imports, and each thing the
// import filled in is noted.
func TestImportNotesWhatItFilledIn(t *testing.T) {
	csv := "Name,Purpose,Country\nAWS,Hosting,IE\nOVH,Backups,FR\n"
	list, notes, err := NewReader(subproc.Rules{}).ImportNotes(context.Background(), []byte(csv), "x.csv")
	if err != nil || len(list) != 2 {
		t.Fatalf("ImportNotes = %v, %v", list, err)
	}
	want := []string{
		`no Category column: all 2 sub-processors were imported as "service"; mark those that host or store the service's data as "infrastructure"`,
		"no Location column: each location is the country's name",
		`no Transfer mechanism column: the sub-processors in the EEA were imported with "none" (none required)`,
		"no Description column: 2 of 2 sub-processors have no description; Annex III shows their purpose alone",
	}
	if diff := cmp.Diff(want, notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}
