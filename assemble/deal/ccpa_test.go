package deal

import (
	"slices"
	"testing"
)

// TestPurposeNotBusiness checks the warning of a specific purpose that
// Annex I.B describes but no business purpose covers (the CCPA clause
// forbids any other purpose, so the DPA would describe and forbid it), and
// its silence for a generic purpose, one a business purpose covers in
// other words of case, spacing, citation or reference to the contract,
// and a deal that names no business purposes (then Annex I.B's purposes
// are the business purposes).
func TestPurposeNotBusiness(t *testing.T) {
	for _, tc := range []struct {
		name               string
		business, purposes []string
		warned             []string
	}{
		{"support not covered", []string{"Detecting security incidents"}, []string{"Technical support requested by Customer"},
			[]string{"processing.purposes[0]"}},
		{"generic", []string{"Detecting security incidents"}, []string{"Provision of the Services under the Agreement"}, nil},
		{"covered in other words", []string{"Providing network-security and log-analytics services to Customer on its behalf (§ 1798.140(e)(5))", "Technical support requested by Customer for those services"},
			[]string{"Providing the network-security and log-analytics Services under the Agreement", "technical  support requested by customer."}, nil},
		{"none named", nil, []string{"Technical support requested by Customer"}, nil},
		{"second of two", []string{"Hosting"}, []string{"Hosting", "Marketing analytics"}, []string{"processing.purposes[1]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkPurposeWarnings(t, uncoveredPurposes, WarnPurposeNotBusiness, tc.business, tc.purposes, tc.warned)
		})
	}
}

// TestBusinessPurposeNotDescribed checks the warning of a business purpose
// that no purpose Annex I.B describes covers (the DPA permits it without
// describing it, and the narrower list prevails), and its silence when the
// lists agree in other words, when a list is empty, and for a generic
// business purpose (warned of as generic).
func TestBusinessPurposeNotDescribed(t *testing.T) {
	for _, tc := range []struct {
		name               string
		business, purposes []string
		warned             []string
	}{
		{"debugging not described", []string{"Technical support requested by Customer", "Debugging to identify and repair errors (§ 1798.140(e)(3))"}, []string{"Technical support requested by Customer"},
			[]string{"ccpa.business_purposes[1]"}},
		{"the same in other words", []string{"Providing network-security and log-analytics services to Customer on its behalf (§ 1798.140(e)(5))"},
			[]string{"Providing the network-security and log-analytics Services under the Agreement"}, nil},
		{"no business purposes", nil, []string{"Hosting"}, nil},
		{"no purposes", []string{"Hosting"}, nil, nil},
		{"generic", []string{"Provision of the Services under the Agreement"}, []string{"Hosting"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkPurposeWarnings(t, undescribedBusinessPurposes, WarnBusinessPurposeNotDescribed, tc.business, tc.purposes, tc.warned)
		})
	}
}

// checkPurposeWarnings runs warn on a CCPA deal with the business purposes
// and purposes given and checks that it warns, under rule, at exactly the
// paths of warned.
func checkPurposeWarnings(t *testing.T, warn func(*Deal) []Problem, rule string, business, purposes, warned []string) {
	t.Helper()
	var d Deal
	d.CCPA.Enabled = true
	d.CCPA.BusinessPurposes = business
	d.Processing.Purposes = purposes
	var got []string
	for _, w := range warn(&d) {
		if w.Rule != rule {
			t.Errorf("rule %q, want %q", w.Rule, rule)
		}
		got = append(got, w.Path)
	}
	if !slices.Equal(got, warned) {
		t.Errorf("warned at %q, want %q", got, warned)
	}
}
