package assemble_test

import (
	"strings"
	"testing"
)

// TestCounselRecordsCiteTheDealsLaws reads Annex II's record of processing
// activities in a deal under each set of laws: it cites the GDPR (Art.
// 30(2)) only where the GDPR applies, the FADP (Art. 12(3)) only where the
// FADP does, both where both do, and no law in a US-only deal. It cited
// both laws in every deal, "where that law applies".
func TestCounselRecordsCiteTheDealsLaws(t *testing.T) {
	const record = "Provider keeps an up-to-date record of the processing activities it carries out on behalf of its customers"
	gdpr := "Article 30(2) of the GDPR"
	fadp := "Article 12(3) of the FADP"
	tests := []struct {
		name, fixture string
		edits         []string
		want          string
		not           []string
	}{
		{"GDPR alone", "seed-000", nil,
			record + ", with the content that " + gdpr + " requires.", []string{fadp, "Swiss Federal Act", "where that law applies"}},
		{"FADP alone", "swiss-exporter", nil,
			record + ", with the content that " + fadp + " requires.", []string{gdpr, "where that law applies"}},
		{"Swiss exporter also under the GDPR (Art. 3(2))", "swiss-exporter",
			[]string{`supervisory_authority: ""`, `supervisory_authority: "the Bavarian State Office for Data Protection Supervision (BayLDA)"`, "governing_law: CH\n  forum: CH", "governing_law: DE\n  forum: DE"},
			record + ", with the content that " + gdpr + " requires and, for processing subject to the FADP, the content that " + fadp + " requires.", nil},
		{"GDPR and FADP", "seed-001", nil,
			record + ", with the content that " + gdpr + " requires and, for processing subject to the FADP, the content that " + fadp + " requires.", nil},
		{"US-only", "us-ccpa", nil,
			record + ".", []string{"GDPR", "FADP", "Swiss Federal Act"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var md string
			if tt.edits == nil {
				md = renderMD(t, tt.fixture, "annex-ii")
			} else {
				md = variantMD(t, tt.fixture, "annex-ii", tt.edits...)
			}
			checkText(t, md, []string{"- " + tt.want + "\n"}, tt.not)
			if n := strings.Count(md, record); n != 1 {
				t.Errorf("the record measure appears %d times, want once", n)
			}
		})
	}
}
