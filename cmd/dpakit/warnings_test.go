package main

import (
	"fmt"
	"os"
	"path/filepath"
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

// manyWarningsDeal is the example deal with n more sub-processors, each
// processing a category of data that Annex I.B does not describe: n
// warnings.
func manyWarningsDeal(t *testing.T, n int) string {
	t.Helper()
	data, err := os.ReadFile(exampleDealPath)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `    - name: Extra Vendor %02d
      description: Analytics provider
      purpose: Measuring use of the platform
      location: Ireland
      country: IE
      data: [Undescribed category %02d]
      category: service
      transfer_mechanism: none
`, i, i)
	}
	deal := string(data)
	at := strings.Index(deal, "  list:\n")
	if at < 0 {
		t.Fatal("the example deal has no subprocessors.list")
	}
	at += len("  list:\n")
	return deal[:at] + b.String() + deal[at:]
}

// TestWarningsCappedAndQuiet checks that a deal with many warnings does not
// bury render's output: the first 20 and a count of the rest, none with
// --quiet, while validate, whose answer they are, prints them all.
func TestWarningsCappedAndQuiet(t *testing.T) {
	deal := manyWarningsDeal(t, 30)
	warningLines := func(stderr string) int { return strings.Count(stderr, "dpakit: warning: ") }
	tests := []struct {
		name  string
		args  []string
		lines int
		says  string
	}{
		{"render", []string{"render", "-", "--format", "md", "-o", "-"}, maxWarnings + 1, "dpakit: warning: 10 more warnings not shown; dpakit validate lists them all"},
		{"render quiet", []string{"render", "-", "--format", "md", "-o", "-", "-q"}, 0, ""},
		{"validate", []string{"validate", "-"}, 30, `"Undescribed category 29" is not among the categories`},
		{"validate quiet", []string{"validate", "-", "-q"}, 30, `"Undescribed category 29" is not among the categories`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := dpakit(t, deal, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if got := warningLines(errs); got != tt.lines {
				t.Errorf("%d warning lines, want %d:\n%s", got, tt.lines, errs)
			}
			if !strings.Contains(errs, tt.says) {
				t.Errorf("stderr lacks %q:\n%s", tt.says, errs)
			}
		})
	}
}

// TestProcessingPartlyFromProfileWarned: validate and render warn, at the
// deal's processing key, of a deal that describes only its data subjects
// and takes the rest of Annex I.B from the profile (the processor-option2
// fixture as it was), and still succeed.
func TestProcessingPartlyFromProfileWarned(t *testing.T) {
	src, err := os.ReadFile("../../fixtures/deals/processor-option2.yaml")
	if err != nil {
		t.Fatal(err)
	}
	head, _, ok := strings.Cut(string(src), "  data_categories:")
	if !ok {
		t.Fatal("the fixture gives no processing.data_categories")
	}
	deal := filepath.Join(t.TempDir(), "partly.yaml")
	if err := os.WriteFile(deal, []byte(head), 0o644); err != nil {
		t.Fatal(err)
	}
	line := strings.Count(head[:strings.Index(head, "\nprocessing:")+1], "\n") + 1
	want := fmt.Sprintf("dpakit: warning: partly.yaml:%d: processing: the deal sets processing.data_subjects but takes processing.data_categories, processing.nature and processing.purposes from the profile", line)
	for _, args := range [][]string{{"validate", deal}, {"render", deal, "--format", "md", "-o", "-"}} {
		t.Run(args[0], func(t *testing.T) {
			code, _, errs := dpakit(t, "", append(args, "--profile", exampleProfilePath)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if !strings.Contains(errs, want) {
				t.Errorf("stderr lacks %q:\n%s", want, errs)
			}
		})
	}
}

// TestMinimalDealInDocsIsClean validates the minimal deal that
// docs/deal-format.md starts from, over the example profile: a new user
// who copies it gets a valid deal and no warning.
func TestMinimalDealInDocsIsClean(t *testing.T) {
	doc, err := os.ReadFile("../../docs/deal-format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "A minimal deal")
	if !ok {
		t.Fatal(`docs/deal-format.md has no "A minimal deal"`)
	}
	_, rest, ok = strings.Cut(rest, "```yaml\n")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("no YAML block after the minimal deal's introduction")
	}
	path := filepath.Join(t.TempDir(), "deal.yaml")
	if err := os.WriteFile(path, []byte(block), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := dpakit(t, "", "validate", path, "--profile", exampleProfilePath)
	if code != 0 || strings.Contains(errs, "warning") {
		t.Errorf("exit %d, want 0 and no warning:\n%s", code, errs)
	}
	// fixtures/deals/minimal.yaml, which the README's Start here copies,
	// is the same deal with comments.
	fixture, err := os.ReadFile("../../fixtures/deals/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.SplitAfter(string(fixture), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	if got := strings.Join(lines, ""); got != block {
		t.Errorf("fixtures/deals/minimal.yaml without its comments:\n%s\nwant the minimal deal of docs/deal-format.md:\n%s", got, block)
	}
}
