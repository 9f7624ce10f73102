package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoticeWarnsOfSubprocessorEstablishedAbroad: a notice announcing a US
// company that keeps the data in Germany as needing no transfer mechanism
// ("None required") warns that a recipient established outside the EEA
// receives a restricted transfer wherever it keeps the data; the planned
// list, which gives it the SCCs, is not warned of.
func TestNoticeWarnsOfSubprocessorEstablishedAbroad(t *testing.T) {
	src, err := os.ReadFile("../../fixtures/lists/planned.yaml")
	if err != nil {
		t.Fatal(err)
	}
	none := strings.Replace(string(src), "    transfer_mechanism: scc  # a US company", "    transfer_mechanism: none  # a US company", 1)
	if none == string(src) {
		t.Fatal("planned.yaml no longer gives Better Stack the SCCs")
	}
	path := filepath.Join(t.TempDir(), "none.yaml")
	if err := os.WriteFile(path, []byte(none), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"notice", "--profile", exampleProfilePath, "--customer", "../../fixtures/deals/example.yaml",
		"--old", exampleProfilePath, "--date", "2026-12-01", "--format", "md", "--new"}
	code, out, errs := dpakit(t, "", append(args, path)...)
	want := `none.yaml:26: list[1].transfer_mechanism: Better Stack, Inc. is marked "none" because it processes the data in Germany, but its address is in the United States, outside the EEA and without an adequacy finding that covers it`
	if code != 0 || !strings.Contains(errs, want) || !strings.Contains(errs, "[subprocessor_established_abroad]") || !strings.Contains(out, "Better Stack") {
		t.Errorf("exit %d, want 0 with the warning %q:\n%s", code, want, errs)
	}
	if code, _, errs := dpakit(t, "", append(args, "../../fixtures/lists/planned.yaml")...); code != 0 || strings.Contains(errs, "subprocessor_established_abroad") {
		t.Errorf("the planned list: exit %d, want 0 without the warning:\n%s", code, errs)
	}
}

// TestExportWarnsOfSubprocessorAddedLater: a workbook as of a date before
// a sub-processor's "added" date would list it as current; export warns,
// naming the entry and the dates, and still writes the workbook.
func TestExportWarnsOfSubprocessorAddedLater(t *testing.T) {
	src, err := os.ReadFile(exampleProfilePath)
	if err != nil {
		t.Fatal(err)
	}
	later := strings.Replace(string(src), "    - name: Papertrail (SolarWinds Worldwide, LLC)\n", "    - name: Papertrail (SolarWinds Worldwide, LLC)\n      added: 2026-12-31\n", 1)
	if later == string(src) {
		t.Fatal("the example profile no longer lists Papertrail")
	}
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile.yaml")
	if err := os.WriteFile(profile, []byte(later), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "list.xlsx")
	code, _, errs := dpakit(t, "", "subprocessors", "export", profile, "--as-of", "2026-12-01", "-o", out)
	want := "profile.yaml:54: subprocessors.list[1].added: Papertrail (SolarWinds Worldwide, LLC) is listed as added on 2026-12-31, after the workbook's as-of date 2026-12-01"
	if code != 0 || !strings.Contains(errs, want) || !strings.Contains(errs, "[added_after_as_of]") {
		t.Errorf("exit %d, want 0 with %q:\n%s", code, want, errs)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("no workbook written: %v", err)
	}
	if code, _, errs := dpakit(t, "", "subprocessors", "export", profile, "--as-of", "2026-12-31", "-o", out); code != 0 || strings.Contains(errs, "added_after_as_of") {
		t.Errorf("as of the day it is added: exit %d, want 0 without the warning:\n%s", code, errs)
	}
}

// TestExportCSVRefusesCoverFlags: a CSV export is the list's table alone,
// so the flags of the workbook's cover sheet are refused rather than
// silently ignored.
func TestExportCSVRefusesCoverFlags(t *testing.T) {
	out := filepath.Join(t.TempDir(), "list.csv")
	for _, flag := range [][]string{{"--as-of", "2026-12-01"}, {"--list-version", "v2"}, {"--notice-method", "By email"}} {
		code, _, errs := dpakit(t, "", append([]string{"subprocessors", "export", exampleProfilePath, "-o", out}, flag...)...)
		if code != 2 || !strings.Contains(errs, flag[0]+" is for the workbook's cover sheet, which a CSV file") {
			t.Errorf("%v: exit %d, want 2 naming the flag:\n%s", flag, code, errs)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: the CSV file was written", flag)
		}
	}
}
