package deal

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestREADMEWarningTable: the README's table of warnings ("| warning |
// when |") names every warning rule, and no other, so that a new warning
// (such as contact_position_missing) cannot go undocumented.
func TestREADMEWarningTable(t *testing.T) {
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(src), "| warning | when |\n")
	if !ok {
		t.Fatal("README.md has no warning table")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	var got []string
	name := regexp.MustCompile("`([a-z0-9_]+)`")
	for _, row := range strings.Split(table, "\n")[1:] {
		first, _, _ := strings.Cut(strings.TrimPrefix(row, "| "), " | ")
		for _, m := range name.FindAllStringSubmatch(first, -1) {
			got = append(got, m[1])
		}
	}
	want := WarningRules()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("README warning table names %v, want %v", got, want)
	}
}

// TestDealFormatListsWarnings: docs/deal-format.md, the deal file's
// reference, explains every warning rule in its list of warnings
// ("- `name`: ..."), as the README's table names them.
func TestDealFormatListsWarnings(t *testing.T) {
	src, err := os.ReadFile("../../docs/deal-format.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range WarningRules() {
		if !strings.Contains(string(src), "- `"+rule+"`") {
			t.Errorf("docs/deal-format.md does not explain the warning %s", rule)
		}
	}
}

// TestDealFormatListsRules: docs/deal-format.md's "Rules between fields"
// names every rule between fields (CrossRules) that it explains, in
// backticks, as validate's output and the README's table name them, so a
// reader can match a problem's rule to its explanation.
func TestDealFormatListsRules(t *testing.T) {
	src, err := os.ReadFile("../../docs/deal-format.md")
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(src), "### Rules between fields")
	end := strings.Index(string(src), "### Warnings")
	if start < 0 || end < start {
		t.Fatal(`docs/deal-format.md has no "### Rules between fields" before "### Warnings"`)
	}
	section := string(src[start:end])
	for _, r := range CrossRules() {
		if !strings.Contains(section, "`"+r.Name+"`") {
			t.Errorf("docs/deal-format.md's Rules between fields does not name the rule %s (%s)", r.Name, r.Summary)
		}
	}
}
