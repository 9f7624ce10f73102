package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/google/go-cmp/cmp"
)

// TestFirstDealMistakes is a new customer's deal written from scratch with
// the mistakes a new user makes, validated over the vendor profile: every
// problem comes in the first run, in the order of the file, each says what
// to write instead, and none is a consequence of another.
func TestFirstDealMistakes(t *testing.T) {
	dir := t.TempDir()
	deal := filepath.Join(dir, "acme.yaml")
	os.WriteFile(deal, []byte(`effective_date: 2027-02-30
agreement: Services Agreement
customer:
  name: Acme SAS
  address: 1 rue de la Paix, Paris
  country: France
  role: Controller
  contact: { name: Jean Dupont, email: jean@acme.example }
  signatory: { name: Jean Dupont, title: CEO }
scc:
  governing_law: USA
  objection_days: 10
uk_addendum: off
`), 0o644)
	code, _, errs := dpakit(t, "", "validate", deal, "--profile", exampleProfilePath)
	want := `dpakit: the deal acme.yaml over the profile profile.yaml is invalid (6 problems):
  acme.yaml:1: effective_date: "2027-02-30" is not a date: February 2027 has only 28 days [type]
  acme.yaml:6: customer.country: "France" is not a country code; did you mean "FR" (France)? [country]
  acme.yaml:7: customer.role: "Controller" is not allowed (want controller or processor); the value is case-sensitive: write "controller" [oneof]
  acme.yaml:11: scc.governing_law: "USA" (the United States) is not an EU Member State; Clause 17 requires one for modules 1-3: write its ISO code, such as "FR" (France, the customer's country) [country]
  acme.yaml:12: scc.objection_days: unknown field here: objection_days belongs in subprocessors (subprocessors.objection_days) [unknown_field]
  acme.yaml:13: uk_addendum: want a mapping such as { enabled: false }, not "off" [type]
`
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if diff := cmp.Diff(want, errs); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
}

// TestForgottenProfile: a deal that relies on the vendor profile, given
// without it, gets one problem and a hint, not a line per provider field.
func TestForgottenProfile(t *testing.T) {
	code, _, errs := dpakit(t, "", "validate", "../../fixtures/deals/seed-001.yaml")
	want := `dpakit: the deal seed-001.yaml is invalid (1 problem):
  provider: is missing; it needs name, address, country, contact (name, email) and signatory (name, title) [section_missing]
hint: the vendor's details (provider) usually come from its profile: did you forget --profile FILE (such as fixtures/profile.yaml, the example vendor's)?
`
	if code != 2 || errs != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, errs, want)
	}
	// With the profile the deal is valid.
	if code, _, errs := dpakit(t, "", "validate", "../../fixtures/deals/seed-001.yaml", "--profile", exampleProfilePath); code != 0 {
		t.Errorf("with --profile: exit %d: %s", code, errs)
	}
}

// TestForgottenProfileLeavesOutWarnings: the warnings of a deal read
// without the profile it relies on are worked out without the profile's
// values (here an empty ccpa.business_purposes, which the profile fills):
// every command that prints a deal's warnings leaves them out, and says
// after the problems and the hint how many it left out, but with --quiet
// (validate prints it all the same); exit codes are unchanged. Over the
// profile, the deal's own warnings are printed.
func TestForgottenProfileLeavesOutWarnings(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/deals/seed-001.yaml")
	if err != nil {
		t.Fatal(err)
	}
	from, to := bytes.Index(data, []byte("\nccpa:\n")), bytes.Index(data, []byte("\nbreach:\n"))
	if from < 0 || to < from {
		t.Fatal("seed-001.yaml has no ccpa section before breach")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "deal.yaml")
	deal := string(data[:from]) + "\nccpa: { enabled: true }" + string(data[to:])
	if err := os.WriteFile(path, []byte(deal), 0o644); err != nil {
		t.Fatal(err)
	}
	const problems = `dpakit: the deal deal.yaml is invalid (1 problem):
  provider: is missing; it needs name, address, country, contact (name, email) and signatory (name, title) [section_missing]
hint: the vendor's details (provider) usually come from its profile: did you forget --profile FILE (such as fixtures/profile.yaml, the example vendor's)?
`
	const leftOut = "dpakit: warning: 1 warning left out, as it may depend on the profile's values: it is checked once --profile is given\n"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"validate", []string{"validate", path}, problems + leftOut},
		{"validate quiet", []string{"validate", "-q", path}, problems + leftOut},
		{"render", []string{"render", path, "-o", filepath.Join(dir, "out.pdf")}, problems + leftOut},
		{"render quiet", []string{"render", "-q", path, "-o", filepath.Join(dir, "out.pdf")}, problems},
		{"explain", []string{"explain", path}, problems + leftOut},
		{"lint", []string{"lint", "--deal", path}, problems + leftOut},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := dpakit(t, "", tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if diff := cmp.Diff(tt.want, errs); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
		})
	}
	// Over the profile the deal is valid, and its warnings are its own.
	code, _, errs := dpakit(t, "", "validate", path, "--profile", exampleProfilePath)
	if code != 0 || !strings.Contains(errs, "dpakit: warning: deal.yaml:") || strings.Contains(errs, "left out") {
		t.Errorf("with --profile: exit %d, stderr:\n%s", code, errs)
	}
	// A deal over its profile that is invalid keeps its warnings.
	bad := strings.Replace(deal, "notice_hours: 48", "notice_hours: 96", 1)
	code, _, errs = dpakit(t, bad, "validate", "-", "--profile", exampleProfilePath)
	if code != 2 || !strings.HasPrefix(errs, "dpakit: warning: stdin:") || strings.Contains(errs, "left out") {
		t.Errorf("invalid over the profile: exit %d, stderr:\n%s", code, errs)
	}
}

func TestTabIndentation(t *testing.T) {
	deal := filepath.Join(t.TempDir(), "tabs.yaml")
	os.WriteFile(deal, []byte("effective_date: 2026-12-01\ncustomer:\n\tname: Acme\n"), 0o644)
	code, _, errs := dpakit(t, "", "validate", deal)
	want := "dpakit: the deal tabs.yaml is invalid (1 problem):\n  tabs.yaml:3: indent with spaces, not tabs (a tab is at column 1 of line 3) [syntax]\n"
	if code != 2 || errs != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errs, want)
	}
}

// withoutWarnings returns stderr without its "dpakit: warning:" lines.
func withoutWarnings(stderr string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(stderr, "\n") {
		if !strings.HasPrefix(line, "dpakit: warning: ") {
			b.WriteString(line)
		}
	}
	return b.String()
}

// TestProblemHeader: the header of a problem list names the deal (and the
// profile under it), and every command that reads a deal without a profile
// gives the --profile hint when the vendor's details are missing.
func TestProblemHeader(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "acme.yaml")
	if err := os.WriteFile(bad, []byte("customer:\n  name: Acme\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	hint := "hint: the vendor's details (provider) usually come from its profile: did you forget --profile FILE (such as fixtures/profile.yaml, the example vendor's)?\n"
	tests := []struct {
		name   string
		args   []string
		header string
		hinted bool
	}{
		{"validate", []string{"validate", bad}, "dpakit: the deal acme.yaml is invalid (", true},
		{"validate over a profile", []string{"validate", bad, "--profile", exampleProfilePath}, "dpakit: the deal acme.yaml over the profile profile.yaml is invalid (", false},
		{"render", []string{"render", bad, "-o", filepath.Join(dir, "out.pdf")}, "dpakit: the deal acme.yaml is invalid (", true},
		{"subprocessors export", []string{"subprocessors", "export", bad, "-o", filepath.Join(dir, "out.xlsx")}, "dpakit: the deal acme.yaml is invalid (2 problems):\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := dpakit(t, "", tt.args...)
			errs = withoutWarnings(errs)
			if code != 2 || !strings.HasPrefix(errs, tt.header) {
				t.Errorf("exit %d, stderr:\n%s\nwant it to start %q", code, errs, tt.header)
			}
			if got := strings.HasSuffix(errs, hint); got != tt.hinted {
				t.Errorf("hint given: %v, want %v:\n%s", got, tt.hinted, errs)
			}
		})
	}
}

// TestValidateJSON: validate --json answers on standard output in the
// API's shape (valid, problems, warnings, each with file, line, path, rule
// and message), with the exit status validate has without it and nothing
// on standard error.
func TestValidateJSON(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "acme.yaml")
	if err := os.WriteFile(bad, []byte("customer:\n  name: Acme\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		valid    bool
		problem  string // "path rule" of a problem that must be listed
		warning  string // "path rule" of a warning that must be listed
		withHint bool
	}{
		{"invalid, no profile", []string{bad}, 2, false, "provider section_missing", "", true},
		{"invalid over the profile", []string{bad, "--profile", exampleProfilePath}, 2, false, "customer.signatory section_missing", "", false},
		{"valid, with a warning", []string{"../../fixtures/deals/processor-option2.yaml", "--profile", exampleProfilePath}, 0, true, "", "scc.redress_body redress_body_unnamed", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := dpakit(t, "", append([]string{"validate", "--json"}, tt.args...)...)
			if code != tt.code || errs != "" {
				t.Fatalf("exit %d (want %d), stderr %q", code, tt.code, errs)
			}
			var v validation
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			if v.Valid != tt.valid || v.Problems == nil || v.Warnings == nil || (v.Hint != "") != tt.withHint {
				t.Errorf("answer %+v", v)
			}
			has := func(ps []deal.Problem, want string) bool {
				for _, p := range ps {
					if p.Path+" "+p.Rule == want && p.Message != "" {
						return true
					}
				}
				return want == ""
			}
			if !has(v.Problems, tt.problem) || !has(v.Warnings, tt.warning) {
				t.Errorf("answer lacks problem %q or warning %q: %s", tt.problem, tt.warning, out)
			}
		})
	}
}

// TestREADMEValidationSample: the README's sample of validate's output
// (the example deal with agreement deleted, the SCCs under US law and
// courts, 96 breach-notice hours and a 45-day objection window) is what
// validate prints, line numbers and rules included.
func TestREADMEValidationSample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const head = "dpakit: the deal deal.yaml over the profile vendor.yaml is invalid"
	i := strings.Index(string(readme), head)
	if i < 0 {
		t.Fatal("the README has no sample of validate's output")
	}
	want := string(readme[i:])
	want = want[:strings.Index(want, "```")]

	example, err := os.ReadFile("../../fixtures/deals/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(string(example), "\n") {
		if !strings.HasPrefix(line, "agreement:") {
			kept = append(kept, line)
		}
	}
	deal := strings.Join(kept, "\n")
	for _, e := range [][2]string{{"governing_law: NL", "governing_law: US"}, {"forum: NL", "forum: US"}, {"notice_hours: 48", "notice_hours: 96"}, {"objection_days: 15", "objection_days: 45"}} {
		if !strings.Contains(deal, e[0]) {
			t.Fatalf("the example deal has no %q: change the README's sample and this test together", e[0])
		}
		deal = strings.Replace(deal, e[0], e[1], 1)
	}
	dir := t.TempDir()
	profile, err := os.ReadFile(exampleProfilePath)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "deal.yaml"), []byte(deal), 0o644)
	os.WriteFile(filepath.Join(dir, "vendor.yaml"), profile, 0o644)
	code, _, errs := dpakit(t, "", "validate", filepath.Join(dir, "deal.yaml"), "--profile", filepath.Join(dir, "vendor.yaml"))
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if diff := cmp.Diff(want, errs); diff != "" {
		t.Errorf("the README's sample (-README +validate):\n%s", diff)
	}
}

// TestFileFlagsNeedAValue: a file flag given an empty value is refused (-o
// "" wrote the PDF to standard output, --profile "" used no profile), and
// standard input named twice is refused (the deal read it all, and the
// profile was an empty document): before any work, exit 2.
func TestFileFlagsNeedAValue(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"empty output", []string{"render", "../../fixtures/deals/example.yaml", "-o", ""}, `-o (--output) needs a value: an empty name names no file`},
		{"empty profile", []string{"validate", "../../fixtures/deals/minimal.yaml", "--profile", ""}, `--profile needs a value`},
		{"stdin twice", []string{"render", "-", "--profile", "-", "--format", "md"}, "standard input (-) can be read only once, but --profile and the argument - name it"},
		{"notice lists both stdin", []string{"notice", "--profile", exampleProfilePath, "--old", "-", "--new", "-", "--date", "2026-12-01"}, "but --old and --new name it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, errs := dpakit(t, "", tc.args...)
			if code != 2 || !strings.Contains(errs, tc.want) || stdout != "" {
				t.Errorf("exit %d, stdout %.40q, stderr %q; want 2, nothing on standard output and %q", code, stdout, errs, tc.want)
			}
		})
	}
}
