package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestListFromProfileRefused is the regression test for a deal with a
// subprocessors section but no list (its list is the profile's), which
// diff and notice read as an empty list: "0 added, 2 removed", and a notice
// announcing every sub-processor as new. Both refuse it (exit 2) as they
// refuse a file without a subprocessors section, saying the list is the
// profile's; notice adds how to address the deal's customer. An explicit
// "list: []" is still an empty list.
func TestListFromProfileRefused(t *testing.T) {
	const refusal = `processor-option2.yaml: no sub-processor list: its subprocessors section has no list, so the deal takes its list from its profile; give the profile (or a list file) instead (a deal without any sub-processor writes "list: []")`
	for _, deal := range []string{"processor-option2.yaml", "uk-only.yaml"} {
		path := "../../fixtures/deals/" + deal
		want := strings.Replace(refusal, "processor-option2.yaml", path, 1)
		code, out, errs := dpakit(t, "", "subprocessors", "diff", exampleProfilePath, path)
		if code != 2 || out != "" || errs != "dpakit: "+want+"\n" {
			t.Errorf("diff profile %s: exit %d, output %q, standard error:\n%s\nwant exit 2 and\n%s", deal, code, out, errs, want)
		}
		for _, flag := range []string{"--old", "--new"} {
			args := []string{"notice", "--profile", exampleProfilePath, "--old", exampleProfilePath, "--new", exampleProfilePath, "--date", "2026-12-01", "--format", "md"}
			for i := range args {
				if args[i] == flag {
					args[i+1] = path
				}
			}
			code, out, errs := dpakit(t, "", args...)
			if code != 2 || out != "" || !strings.HasPrefix(errs, "dpakit: "+want+"\nhint: to address the notice to the customer of "+deal+", give the deal with --customer") {
				t.Errorf("notice %s %s: exit %d, %d bytes of output, standard error:\n%s", flag, deal, code, len(out), errs)
			}
		}
	}
	// An explicit empty list is a list: every sub-processor removed.
	src, err := os.ReadFile("../../fixtures/deals/uk-only.yaml")
	if err != nil {
		t.Fatal(err)
	}
	empty := strings.Replace(string(src), "subprocessors: { objection_days: 20 }", "subprocessors: { objection_days: 20, list: [] }", 1)
	if empty == string(src) {
		t.Fatal("uk-only.yaml no longer gives its subprocessors inline")
	}
	path := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(path, []byte(empty), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := dpakit(t, "", "subprocessors", "diff", exampleProfilePath, path); code != 1 || !strings.HasPrefix(out, "0 added, 2 removed, 0 changed") {
		t.Errorf("diff with list: []: exit %d, %q %s", code, out, errs)
	}
}
