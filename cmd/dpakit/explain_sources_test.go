package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestExplainCreditsFilledInValuesToTheirSource is the regression test
// for explain showing source "deal" beside a value the deal left empty
// and the defaults filled in (the shipped example's
// scc.supervisory_authority: "", an empty scc.modules): such a value is
// derived, from the fields it is worked out from, as when the key is left
// out; a value the deal gives stays the deal's.
func TestExplainCreditsFilledInValuesToTheirSource(t *testing.T) {
	example, err := os.ReadFile(exampleDealPath)
	if err != nil {
		t.Fatal(err)
	}
	noModules := filepath.Join(t.TempDir(), "no-modules.yaml")
	src := regexp.MustCompile(`(?m)^  modules: \[2, 3\].*$`).ReplaceAllString(string(example), "  modules: []")
	if err := os.WriteFile(noModules, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		deal string
		want []string // regular expressions, each matching a line of the terms
	}{
		{exampleDealPath, []string{
			`scc\.supervisory_authority\s+Hamburg Commissioner.*\s+derived from customer\.country$`,
			`scc\.modules\s+2; 3\s+deal$`,
		}},
		{noModules, []string{`scc\.modules\s+2\s+derived from customer\.role$`}},
	} {
		code, out, errs := dpakit(t, "", "explain", tc.deal, "--profile", exampleProfilePath)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.deal, code, errs)
		}
		for _, re := range tc.want {
			if !regexp.MustCompile(`(?m)^\s*` + re).MatchString(out) {
				t.Errorf("%s: no line matches /%s/:\n%s", filepath.Base(tc.deal), re, grepLines(out, "scc."))
			}
		}
	}
}

// grepLines returns the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
