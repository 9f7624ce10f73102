package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const usDealPath = "../../fixtures/deals/us-ccpa.yaml"

// writeUSLists writes the lists before and after a change for a US-only
// customer: Sentry, in the United States with transfer mechanism "none",
// is added, and AWS's mechanism changes from "none" to "scc" in onlyMech.
func writeUSLists(t *testing.T) (old, cur, onlyMech string) {
	t.Helper()
	dir := t.TempDir()
	aws := `{name: "Amazon Web Services, Inc.", description: Infrastructure service provider, purpose: Hosting of the platform and its databases, location: "US East (N. Virginia), us-east-1", country: US, data: [Account data, Usage logs, Customer content], category: infrastructure, transfer_mechanism: %s, website: "https://aws.amazon.com"}`
	sentry := `{name: "Sentry (Functional Software, Inc.)", purpose: Error monitoring of the platform, location: United States, country: US, data: [IP address, Usage logs], category: service, transfer_mechanism: none}`
	files := map[string]string{
		"old.yaml":  "list:\n  - " + strings.Replace(aws, "%s", "none", 1) + "\n",
		"new.yaml":  "list:\n  - " + strings.Replace(aws, "%s", "none", 1) + "\n  - " + sentry + "\n",
		"mech.yaml": "list:\n  - " + strings.Replace(aws, "%s", "scc", 1) + "\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "old.yaml"), filepath.Join(dir, "new.yaml"), filepath.Join(dir, "mech.yaml")
}

// TestNoticeUSOnlyCustomer is the regression test for notice judging a
// US-only customer's lists by EU transfer rules: a US sub-processor with
// transfer mechanism "none" was refused (exit 2) for the customer of a deal
// with gdpr.applies: false, which has no restricted transfers. Its notice
// now goes out and states no transfer mechanism; the profile's customers,
// under the GDPR, still get the transfer rule.
func TestNoticeUSOnlyCustomer(t *testing.T) {
	old, cur, mech := writeUSLists(t)
	code, out, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath, "--customer", usDealPath,
		"--old", old, "--new", cur, "--date", "2026-12-01", "--format", "md")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"To Lone Star Outfitters, Inc.", "| **Sentry (Functional Software, Inc.)** | Error monitoring of the platform | United States | IP address and usage logs |", "**16 December 2026**"} {
		if !strings.Contains(out, want) {
			t.Errorf("notice lacks %q:\n%s", want, out)
		}
	}
	for _, not := range []string{"Transfer mechanism", "None required", "EEA", "Standard Contractual Clauses", "adequa"} {
		if strings.Contains(out, not) {
			t.Errorf("the notice to a US-only customer says %q:\n%s", not, out)
		}
	}
	if !strings.Contains(errs, "its own list of 2 sub-processors (in its sub-processor clause)") || strings.Contains(errs, "Annex III") {
		t.Errorf("the warning about the customer's own list names an Annex III the US-only DPA lacks:\n%s", errs)
	}

	code, _, errs = dpakit(t, "", "notice", "--profile", exampleProfilePath, "--customer", usDealPath,
		"--old", old, "--new", mech, "--date", "2026-12-01", "--format", "md")
	if code != 2 || !strings.Contains(errs, "the lists differ only in transfer mechanisms") {
		t.Errorf("a change of mechanism alone for a US-only customer: exit %d, %s", code, errs)
	}

	code, _, errs = dpakit(t, "", "notice", "--profile", exampleProfilePath,
		"--old", old, "--new", cur, "--date", "2026-12-01", "--format", "md")
	if code != 2 || !strings.Contains(errs, `list[0].transfer_mechanism: "none" is only for a country in the EEA`) {
		t.Errorf("the profile's customers (under the GDPR): exit %d, %s; want 2 naming the transfer rule", code, errs)
	}
}

// TestDiffUSOnlyDeal: diff judges transfer mechanisms as for the deal given
// with --deal, or as a deal file's own gdpr.applies says; two lists for a
// US-only customer were refused (exit 2) instead of compared.
func TestDiffUSOnlyDeal(t *testing.T) {
	old, cur, _ := writeUSLists(t)
	code, out, errs := dpakit(t, "", "subprocessors", "diff", old, cur, "--deal", usDealPath)
	if code != 1 || !strings.Contains(out, "+ Sentry (Functional Software, Inc.)") {
		t.Errorf("--deal US-only: exit %d, stdout %q, stderr %q; want 1 with Sentry added", code, out, errs)
	}
	code, out, errs = dpakit(t, "", "subprocessors", "diff", usDealPath, cur)
	if code != 2 || !strings.Contains(errs, "new.yaml") || strings.Contains(errs, "us-ccpa.yaml") {
		t.Errorf("US-only deal against a list file without --deal: exit %d, stdout %q, stderr %q; want 2 for new.yaml only", code, out, errs)
	}
	code, out, errs = dpakit(t, "", "subprocessors", "diff", usDealPath, cur, "--deal", usDealPath)
	if code != 1 || !strings.Contains(out, "+ Sentry (Functional Software, Inc.)") || !strings.Contains(out, "- Papertrail") {
		t.Errorf("US-only deal against a list file: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, _, errs = dpakit(t, "", "subprocessors", "diff", old, cur)
	if code != 2 || !strings.Contains(errs, `"none" is only for a country in the EEA`) {
		t.Errorf("no deal: exit %d, %s; want 2 naming the transfer rule", code, errs)
	}
}
