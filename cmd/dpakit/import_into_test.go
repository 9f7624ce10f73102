package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportIntoProfile: --into replaces the list inside a copy of the
// example profile, keeping its comments, and the profile still serves a
// deal; the notes on what the sheet left out go to standard error.
func TestImportIntoProfile(t *testing.T) {
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile.yaml")
	orig, err := os.ReadFile(exampleProfilePath)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(profile, orig, 0o644)
	code, out, errs := dpakit(t, "", "subprocessors", "import", "../../fixtures/lists/customer-sheet.csv", "--into", profile)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	wantErr := profile + ": list of 4 sub-processors put in place (4 added, 2 removed, 0 changed)\n" +
		"note: no description in row 5: 1 of 4 sub-processors have no description; Annex III shows their purpose alone\n"
	if errs != wantErr {
		t.Errorf("stderr %q, want %q", errs, wantErr)
	}
	got, _ := os.ReadFile(profile)
	for _, keep := range []string{"# The example vendor profile: Kestrel Cloud, Inc.'s defaults", "  objection_days: 15", "- name: Infosys Limited", "transfer_mechanism: bcr"} {
		if !strings.Contains(string(got), keep) {
			t.Errorf("profile lacks %q", keep)
		}
	}
	if code, _, errs := dpakit(t, "", "render", "../../fixtures/deals/seed-001.yaml", "--profile", profile, "--doc", "annex-iii", "--format", "md"); code != 0 {
		t.Errorf("render over the updated profile: exit %d: %s", code, errs)
	}
	// A failed import leaves the profile untouched.
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("Name,Purpose,Country,Category\nMarsCo,Mining,Mars,Service\n"), 0o644)
	if code, _, _ := dpakit(t, "", "subprocessors", "import", bad, "--into", profile); code != 2 {
		t.Errorf("bad sheet: exit %d, want 2", code)
	}
	if again, _ := os.ReadFile(profile); string(again) != string(got) {
		t.Error("a failed import changed the profile")
	}
	if code, _, errs := dpakit(t, "", "subprocessors", "import", bad, "--into", profile, "-o", filepath.Join(dir, "x.yaml")); code != 2 || !strings.Contains(errs, "not both") {
		t.Errorf("-o with --into: exit %d, stderr %q", code, errs)
	}
}

// TestImportUSOnly: a sheet of US sub-processors without a Transfer
// mechanism column is refused as a list under the GDPR, and imported with
// "none" for a US-only customer, named with --deal or being the file the
// list goes into; the message names where "none" holds.
func TestImportUSOnly(t *testing.T) {
	dir := t.TempDir()
	sheet := filepath.Join(dir, "us.csv")
	os.WriteFile(sheet, []byte("Name,Purpose,Country,Category\nAcme Hosting Inc.,Hosting,United States,Infrastructure\nBeta Mail LLC,Email delivery,US,Service\n"), 0o644)
	usDeal := "../../fixtures/deals/us-ccpa.yaml"
	code, _, errs := dpakit(t, "", "subprocessors", "import", sheet, "-o", filepath.Join(dir, "eu.yaml"))
	if code != 2 || !strings.Contains(errs, "United States is outside the EEA: a transfer mechanism is required") {
		t.Errorf("as under the GDPR: exit %d, stderr %q", code, errs)
	}
	out := filepath.Join(dir, "us.yaml")
	if code, _, errs := dpakit(t, "", "subprocessors", "import", sheet, "--deal", usDeal, "-o", out); code != 0 {
		t.Fatalf("--deal us-ccpa.yaml: exit %d: %s", code, errs)
	}
	if got, _ := os.ReadFile(out); strings.Count(string(got), "transfer_mechanism: none") != 2 {
		t.Errorf("list for a US-only customer:\n%s", got)
	}
	target := filepath.Join(dir, "us-deal.yaml")
	orig, err := os.ReadFile(usDeal)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(target, orig, 0o644)
	if code, _, errs := dpakit(t, "", "subprocessors", "import", sheet, "--into", target); code != 0 {
		t.Fatalf("--into a US-only deal: exit %d: %s", code, errs)
	}
	if code, _, errs := dpakit(t, "", "validate", target, "--profile", exampleProfilePath); code != 0 {
		t.Errorf("the US-only deal with the imported list: exit %d: %s", code, errs)
	}
}

// TestImportIntoRefusesAnEmptySheet: a sheet with its header row alone,
// imported --into a profile, is refused and the profile left as it was
// (it had emptied the vendor's list with exit 0); to a new list file it
// still writes the empty list.
func TestImportIntoRefusesAnEmptySheet(t *testing.T) {
	dir := t.TempDir()
	profile, err := os.ReadFile(exampleProfilePath)
	if err != nil {
		t.Fatal(err)
	}
	into := filepath.Join(dir, "vendor.yaml")
	sheet := filepath.Join(dir, "empty.csv")
	os.WriteFile(into, profile, 0o644)
	os.WriteFile(sheet, []byte("Name,Purpose,Country,Transfer mechanism\n"), 0o644)
	code, _, errs := dpakit(t, "", "subprocessors", "import", sheet, "--into", into)
	if code != 2 || !strings.Contains(errs, "empty.csv has no sub-processor row, only its header: importing it --into vendor.yaml would remove every sub-processor there") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if got, _ := os.ReadFile(into); string(got) != string(profile) {
		t.Error("the profile was changed")
	}
	if code, _, errs := dpakit(t, "", "subprocessors", "import", sheet, "-o", filepath.Join(dir, "list.yaml")); code != 0 {
		t.Errorf("to a new list file: exit %d: %s", code, errs)
	}
}
