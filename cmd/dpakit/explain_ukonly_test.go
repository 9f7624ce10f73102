package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestExplainUKOnly checks that explain of a UK-only deal (a UK exporter
// under UK Data Protection Laws alone) shows the EU selections that Part 2
// of the UK Addendum replaces as not applicable, each group under its
// reason: the Clause 13 authority (the Information Commissioner) and the
// Clause 17 and 18 selections (England and Wales); the other SCC selections
// still apply. With the Swiss terms on, the law and forum apply again (to
// the transfers from Switzerland); the Clause 17 option still does not.
func TestExplainUKOnly(t *testing.T) {
	code, out, errs := dpakit(t, "", "explain", "../../fixtures/deals/uk-only.yaml", "--profile", exampleProfilePath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	terms, rest, ok := strings.Cut(out, "Not applicable (UK-only deal (UK Data Protection Laws alone): Part 2 of the UK Addendum (Section 15(m) and (n)) makes the laws and courts of England and Wales govern Clauses 17 and 18):")
	if !ok {
		t.Fatalf("no list of the Clause 17 and 18 terms that do not apply:\n%s", out)
	}
	law, authority, ok := strings.Cut(rest, "Not applicable (UK-only deal (UK Data Protection Laws alone): Part 2 of the UK Addendum makes the Information Commissioner the Clause 13 authority, and no EU authority is named):")
	if !ok {
		t.Fatalf("no list of the Clause 13 term that does not apply:\n%s", out)
	}
	for _, p := range []string{"scc.governing_law,", "scc.governing_law_option,", "scc.forum"} {
		if !strings.Contains(law, p) {
			t.Errorf("the Clause 17/18 group lacks %s:\n%s", p, law)
		}
	}
	if !strings.Contains(authority, "scc.supervisory_authority") {
		t.Errorf("the Clause 13 group lacks scc.supervisory_authority:\n%s", authority)
	}
	for _, re := range []string{`scc\.modules\s+2\s+deal`, `uk_addendum\.enabled\s+yes\s+deal`, `scc\.subprocessor_option\s+general\s+deal`} {
		if !regexp.MustCompile(re).MatchString(terms) {
			t.Errorf("terms lack /%s/", re)
		}
	}
	if strings.Contains(out, "US-only") {
		t.Errorf("a UK-only deal is explained as US-only:\n%s", out)
	}

	src, err := os.ReadFile("../../fixtures/deals/uk-only.yaml")
	if err != nil {
		t.Fatal(err)
	}
	swiss := strings.NewReplacer("swiss: { enabled: false }", "swiss: { enabled: true }", "governing_law: GB", "governing_law: CH", "forum: GB", "forum: CH").Replace(string(src))
	code, out, errs = dpakit(t, swiss, "explain", "-", "--profile", exampleProfilePath)
	if code != 0 {
		t.Fatalf("with the Swiss terms: exit %d: %s", code, errs)
	}
	if !regexp.MustCompile(`scc\.governing_law\s+CH\s+deal`).MatchString(out) || !regexp.MustCompile(`scc\.forum\s+CH\s+deal`).MatchString(out) {
		t.Errorf("with the Swiss terms the Clause 17 law should apply (to the transfers from Switzerland):\n%s", out)
	}
}
