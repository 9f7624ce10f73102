package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAdequacyInEEARefused is the regression test for a deal whose
// sub-processor in Ireland relied on "adequacy", which validated and whose
// Annex III printed "Adequacy decision": there is no adequacy decision for
// an EEA State. validate refuses it (exit 2) at the entry, with the rule,
// saying to use "none"; so do render and the list commands.
func TestAdequacyInEEARefused(t *testing.T) {
	src, err := os.ReadFile("../../fixtures/deals/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const aws = "      country: IE\n      data: [Account data, Usage logs, Customer content]\n      category: infrastructure      # infrastructure | service\n      transfer_mechanism: none "
	if !strings.Contains(string(src), aws) {
		t.Fatal("example.yaml no longer has AWS in Ireland with none")
	}
	path := filepath.Join(t.TempDir(), "deal.yaml")
	if err := os.WriteFile(path, []byte(strings.Replace(string(src), aws, strings.Replace(aws, "none ", "adequacy ", 1), 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	const want = `deal.yaml:69: subprocessors.list[0].transfer_mechanism: "adequacy" is for a country outside the EEA with an EU adequacy decision, and Ireland (IE) is in the EEA, where the GDPR applies and no adequacy decision is made (none is needed); use "none" [transfer_mechanism_country]`
	for _, args := range [][]string{
		{"validate", path},
		{"render", path, "--doc", "annex-iii", "--format", "md"},
		{"subprocessors", "diff", path, path},
	} {
		code, out, errs := dpakit(t, "", args...)
		if code != 2 || strings.Contains(out, "Adequacy decision") || !strings.Contains(errs, want) {
			t.Errorf("%s: exit %d, want 2 and\n  %s\ngot:\n%s", args[0], code, want, errs)
		}
	}
}
