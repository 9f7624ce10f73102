package assemble_test

import "testing"

// TestSupervisoryAuthorityIncludesCCPARegulators is the regression test
// for an EU deal with the CCPA terms on (example) whose clause 1.3 gave
// "supervisory authority" only its GDPR meaning, so that the clauses on
// cooperation with, and notice to, a supervisory authority did not reach
// the California regulators for CCPA data. A deal without the CCPA terms
// does not name them.
func TestSupervisoryAuthorityIncludesCCPARegulators(t *testing.T) {
	const ccpa = "“supervisory authority”, for personal information subject to the CCPA, includes the California Privacy Protection Agency and the Attorney General of California"
	d := fixtureDeal(t, "example")
	if !d.CCPA.Enabled {
		t.Fatal("example no longer turns the CCPA terms on")
	}
	checkText(t, renderMD(t, "example", "dpa"), []string{ccpa}, nil)
	checkText(t, renderMD(t, "processor-option2", "dpa"), nil, []string{"California Privacy Protection Agency"})
}
