package assemble_test

import (
	"strings"
	"testing"
)

// The eighth counsel's reading (3 December 2026): a customer's counsel
// checking every fixture's DPA for the elements of Article 28(3) and for
// internal consistency. Each test rejects the wording that reading found
// wrong.

// TestCounsel8CCPAExceptionAndList checks that the CCPA's permissions are
// an exception to the ban on other purposes, not a second prohibited act
// ("shall not ... or as otherwise permitted by the CCPA" read both ways),
// and that the Business Purposes are punctuated as the DPA's other lists.
func TestCounsel8CCPAExceptionAndList(t *testing.T) {
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"other than the Business Purposes, except as the CCPA and its regulations expressly permit a service provider to do;",
		"(a) Detecting and blocking security threats to Customer’s network;",
		"(b) Storing and analysing Customer’s network traffic logs on its behalf; and",
		"(c) Technical support requested by Customer.",
	}, []string{"or as otherwise permitted by the CCPA"})
	// One purpose, ending in a full stop of its own, is not punctuated
	// twice.
	d := fixtureDeal(t, "us-ccpa")
	d.CCPA.BusinessPurposes = []string{"Hosting Customer’s website."}
	checkText(t, dealMD(t, d, "dpa"), []string{"(a) Hosting Customer’s website.\n"}, []string{"website..", "website.;"})
}

// TestCounsel8LiabilityToController checks that Provider's liability for
// its Sub-processors runs to the Controller as well, for the data a
// processor customer processes on its behalf (Article 28(4) GDPR makes
// every processor that engages another liable to the controller), and
// only where a Controller is in the chain.
func TestCounsel8LiabilityToController(t *testing.T) {
	const toController = "and, for Customer Personal Data that Customer processes on behalf of a Controller, is so liable to that Controller as well, as Article 28(4) of the GDPR provides"
	const toTheController = "as if they were Provider’s own and is so liable to the Controller as well, as Article 28(4) of the GDPR provides, and shall notify"
	tests := []struct {
		fixture string
		liable  bool
	}{
		{"processor-option2", true},
		{"processor-option1-eea", true},
		{"example", true}, // modules 2 and 3: some data is a Controller's
		{"modules-1-2-bavaria", false},
		{"swiss-exporter", false},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			dpa := renderMD(t, tt.fixture, "dpa")
			switch {
			case tt.liable && strings.HasPrefix(tt.fixture, "processor-"):
				checkText(t, dpa, []string{toTheController}, []string{toController})
			case tt.liable:
				checkText(t, dpa, []string{toController}, nil)
			default:
				checkText(t, dpa, []string{"Provider remains fully liable to Customer for the performance of each Sub-processor’s obligations as if they were Provider’s own, and shall notify"}, []string{"is so liable to th"})
			}
		})
	}
}

// TestCounsel8ExporterDPOLabel checks that an EEA customer's data
// protection officer is labelled as such in Annex I.A: an Article 27
// representative is appointed only by a controller outside the Union, so
// "or representative" describes no one an EEA customer could have named.
func TestCounsel8ExporterDPOLabel(t *testing.T) {
	checkText(t, renderMD(t, "seed-001", "annex-i"), []string{"**Data protection officer:** Zofia Wiśniewska"}, []string{"Data protection officer or representative"})
}

// TestCounsel8UKTableOneNoBlank checks that Table 1 of the UK Addendum
// says so when a party's registration number is not given, instead of an
// empty cell that looks unfinished.
func TestCounsel8UKTableOneNoBlank(t *testing.T) {
	checkText(t, renderMD(t, "uk-only", "dpa"), []string{"| Official registration number (if any) | 09876543 | None given |"}, []string{"| Official registration number (if any) | 09876543 |  |"})
}
