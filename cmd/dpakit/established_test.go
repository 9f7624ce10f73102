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
	want := `none.yaml:26: list[1].transfer_mechanism: "none" rests on where Better Stack, Inc. processes the data (Germany), but its address is in the United States, outside the EEA, where a transfer needs a safeguard`
	if code != 0 || !strings.Contains(errs, want) || !strings.Contains(errs, "[subprocessor_established_abroad]") || !strings.Contains(out, "Better Stack") {
		t.Errorf("exit %d, want 0 with the warning %q:\n%s", code, want, errs)
	}
	if code, _, errs := dpakit(t, "", append(args, "../../fixtures/lists/planned.yaml")...); code != 0 || strings.Contains(errs, "subprocessor_established_abroad") {
		t.Errorf("the planned list: exit %d, want 0 without the warning:\n%s", code, errs)
	}
}
