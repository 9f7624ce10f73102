package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnusedFlagsRefused is the regression test for flags that a command
// ignored without a word: batch's --esign-anchors, --manifest, --paper and
// --date when no file of the batch uses them, lint's --profile without
// --deal, and render's --date for HTML or Markdown, which record no date.
// Each is refused with exit 2, naming the flag and why, before anything
// is written.
func TestUnusedFlagsRefused(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "customers.csv"), customersCSV(1, func(int) bool { return false }))
	out := filepath.Join(dir, "out")
	batch := []string{"batch", "--profile", exampleProfilePath, "--input", in, "--out", out}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"batch --esign-anchors for Word", append(batch, "--format", "docx", "--esign-anchors", "docusign", "--manifest", "none"),
			"--esign-anchors places anchor text in the PDF's signature blocks; --format docx makes no PDF: add pdf to --format or leave the flag out"},
		{"batch --manifest for HTML and Markdown", append(batch, "--format", "html,md", "--manifest", "none"),
			"--manifest chooses what a PDF carries as its attached manifest.json; --format html,md makes no PDF: add pdf to --format or leave the flag out"},
		{"batch --paper for HTML", append(batch, "--format", "HTML", "--paper", "letter"),
			"--paper sets the page size of a PDF or Word file; --format html makes no PDF or Word file: add pdf or docx to --format or leave the flag out"},
		{"batch --date for HTML", append(batch, "--format", "html", "--date", "2026-12-01"),
			"--date records the creation date of a PDF or Word file; --format html makes no PDF or Word file: add pdf or docx to --format or leave the flag out"},
		{"batch --esign-anchors for the workbook alone", append(batch, "--docs", "subprocessors", "--esign-anchors", "adobe"),
			"--esign-anchors places anchor text in the PDF's signature blocks; --docs subprocessors makes the workbook (.xlsx) alone, which has none: leave the flag out"},
		{"lint --profile without --deal", []string{"lint", "--profile", exampleProfilePath},
			"--profile lays the deal of --deal over a profile; without --deal, lint uses the built-in example deal over the example profile: give --deal FILE with it, or leave --profile out"},
		{"render --date for HTML", []string{"render", exampleDealPath, "--date", "2026-12-01", "-o", filepath.Join(dir, "dpa.html")},
			"--date records the creation date of a PDF or Word file; an HTML file records none: leave the flag out"},
		{"render --date for Markdown", []string{"render", exampleDealPath, "--date", "2026-12-01", "--format", "md"},
			"--date records the creation date of a PDF or Word file; a Markdown file records none: leave the flag out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, errs := dpakit(t, "", tt.args...)
			if want := "dpakit: " + tt.want + "\n"; code != exitInvalid || errs != want {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, want)
			}
			if stdout != "" {
				t.Errorf("standard output %q, want nothing", stdout)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want the input alone", len(entries))
	}
}

// TestRepeatedFlagRefused is the regression test for a flag that takes one
// value given twice (-o a.pdf -o b.pdf), which kept the last value without
// a word: on every command, and for the global flags too, it is refused
// with exit 2 naming the flag and both values, before any work. A flag that
// takes a list adds to it, and a switch given twice means the same.
func TestRepeatedFlagRefused(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"render -o", []string{"render", exampleDealPath, "-o", a, "-o", b},
			`invalid argument "` + b + `" for "-o, --output" flag: the flag is given twice ("` + a + `", then "` + b + `"): give it once`},
		{"render --output and -o", []string{"render", exampleDealPath, "--output=" + a, "-o", b}, `for "-o, --output" flag: the flag is given twice`},
		{"validate --profile", []string{"validate", exampleDealPath, "--profile", exampleProfilePath, "--profile", exampleDealPath}, `for "--profile" flag: the flag is given twice`},
		{"batch --jobs", []string{"batch", "--jobs", "2", "--jobs", "3"}, `invalid argument "3" for "--jobs" flag: the flag is given twice ("2", then "3")`},
		{"notice --date", []string{"notice", "--date", "2026-12-01", "--date", "2026-12-02"}, `for "--date" flag: the flag is given twice`},
		{"global --clauses", []string{"--clauses", dir, "lint", "--clauses", dir}, `for "--clauses" flag: the flag is given twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := dpakit(t, "", tt.args...)
			if code != exitInvalid || !strings.Contains(errs, tt.want) || !strings.HasPrefix(errs, "dpakit: ") {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tt.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the folder holds %d files, want none", len(entries))
	}
	if code, _, errs := dpakit(t, "", "validate", exampleDealPath, "-q", "--quiet"); code != 0 {
		t.Errorf("--quiet twice: exit %d: %s", code, errs)
	}
}
