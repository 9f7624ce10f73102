package assemble_test

import "testing"

// The findings of a second reader (EU/Swiss privacy counsel) of the
// fixtures' documents, each read as that reader would read it.

// TestSwissExporterWithUKScopesTheSwissAdaptations: a Swiss exporter with
// the UK Addendum incorporates the SCCs for transfers from Switzerland and
// from the UK; the Swiss adaptations of Clause 14 attach to the Swiss
// transfers only, as they do in any other deal.
func TestSwissExporterWithUKScopesTheSwissAdaptations(t *testing.T) {
	dpa := renderMD(t, "swiss-exporter", "dpa")
	checkText(t, dpa, []string{
		"or from the United Kingdom (to which the UK Addendum applies as well, as [Clause 13](#uk-addendum) provides), the Standard Contractual Clauses are incorporated into this DPA by reference and apply to that transfer (to a transfer from Switzerland, with the adaptations set out in [Clause 14](#swiss)), with Customer as “data exporter”",
	}, []string{
		"apply to that transfer with the adaptations",
	})
	d := *fixtureDeals(t)["swiss-exporter"]
	d.UKAddendum.Enabled = false
	alone := dealMD(t, &d, "dpa")
	checkText(t, alone, []string{
		"is a Restricted Transfer from Switzerland, the Standard Contractual Clauses are incorporated into this DPA by reference and apply to that transfer with the adaptations set out in [Clause 13](#swiss), with Customer",
	}, []string{"United Kingdom (to which"})
}
