package deal

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestREADMEListsCrossRules checks that the README's table of cross-field
// rules is CrossRules, row by row, in order.
func TestREADMEListsCrossRules(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "| rule | requires |\n|---|---|\n")
	if !ok {
		t.Fatal(`README.md has no "| rule | requires |" table`)
	}
	var got []string
	for line := range strings.Lines(table) {
		if !strings.HasPrefix(line, "|") {
			break
		}
		got = append(got, strings.TrimSpace(line))
	}
	var want []string
	for _, r := range CrossRules() {
		want = append(want, "| `"+r.Name+"` | "+r.Summary+" |")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("README's rule table differs from CrossRules (-want +got):\n%s", diff)
	}
}

// TestCrossRulesNamed checks that every cross-field rule has a distinct
// name, a summary and a check.
func TestCrossRulesNamed(t *testing.T) {
	seen := map[string]bool{}
	for i, r := range CrossRules() {
		if r.Name == "" || r.Summary == "" || r.check == nil {
			t.Errorf("rule %d (%q) lacks a name, summary or check", i, r.Name)
		}
		if seen[r.Name] {
			t.Errorf("rule %q listed twice", r.Name)
		}
		seen[r.Name] = true
	}
}
