package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestWarningsDoNotFail checks that validate and render print a deal's
// warnings on standard error, located, and still succeed.
func TestWarningsDoNotFail(t *testing.T) {
	data, err := os.ReadFile(exampleDealPath)
	if err != nil {
		t.Fatal(err)
	}
	// A provider established in Ireland: no restricted transfer.
	deal := strings.Replace(string(data), "  country: US\n", "  country: IE\n", 1)
	for _, args := range [][]string{{"validate", "-"}, {"render", "-", "--format", "md"}} {
		t.Run(args[0], func(t *testing.T) {
			code, out, errs := dpakit(t, deal, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			want := regexp.MustCompile(`dpakit: warning: stdin:[1-9][0-9]*: provider\.country: no restricted transfer takes place`)
			if !want.MatchString(errs) {
				t.Errorf("stderr lacks %q:\n%s", want, errs)
			}
			if strings.Contains(out, "warning") {
				t.Errorf("a warning reached standard output:\n%.300s", out)
			}
		})
	}
	// The example deal itself is clean.
	if code, _, errs := dpakit(t, string(data), "validate", "-"); code != 0 || errs != "" {
		t.Errorf("example deal: exit %d, stderr %q", code, errs)
	}
}
