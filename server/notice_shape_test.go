package server

import (
	"slices"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
)

// TestNoticeRequestShapes is the regression test for notice requests the
// API answered wrongly: a date outside the accepted range (0001-01-01 was
// a 500, 9999-12-31 a notice), a customer deal whose missing values were
// named without the customer. prefix (effective_date, not
// customer.effective_date), old given as a number ("not a string") and a
// null entry of a list taken silently. Each is a 422 naming the path in
// the body and the rule, and saying what to send.
func TestNoticeRequestShapes(t *testing.T) {
	s := newTestServer(t)
	entry := `{"name": "Papertrail (SolarWinds Worldwide, LLC)", "purpose": "Storage and search of system logs", "location": "United States", "country": "US", "category": "service", "transfer_mechanism": "scc"}`
	type want struct{ path, rule, message string }
	tests := []struct {
		name, body string
		want       []want
	}{
		{"the zero date", `{"date": "0001-01-01", "old": []}`,
			[]want{{"date", "date_range", "0001-01-01 is outside the accepted range 2000-01-01 to 2100-12-31 (the date the notice is sent)"}}},
		{"a date after the range", `{"date": "9999-12-31", "old": []}`,
			[]want{{"date", "date_range", "9999-12-31 is outside the accepted range 2000-01-01 to 2100-12-31"}}},
		{"a date before the range", `{"date": "1999-12-31", "old": []}`,
			[]want{{"date", "date_range", "1999-12-31 is outside the accepted range 2000-01-01 to 2100-12-31"}}},
		{"a customer deal's missing values", `{"date": "2026-12-01", "old": [], "customer": {"reference": "x"}}`,
			[]want{{"customer.effective_date", "required_date", "is required"}, {"customer.agreement", "required", "is required"},
				{"customer.customer", "section_missing", "is missing"}}},
		{"old as a number", `{"date": "2026-12-01", "old": 5}`,
			[]want{{"old", "notice", "want a list of sub-processors (an array of them, or a list file, deal or profile as an object), not the number 5"}}},
		{"new as true", `{"date": "2026-12-01", "old": [], "new": true}`,
			[]want{{"new", "notice", "want a list of sub-processors (an array of them, or a list file, deal or profile as an object), not the value true"}}},
		{"old as a file name", `{"date": "2026-12-01", "old": "old.yaml"}`,
			[]want{{"old", "notice", `not the string "old.yaml": the API does not read files, so send the list itself in the body`}}},
		{"a null entry of old", `{"date": "2026-12-01", "old": [null]}`,
			[]want{{"old[0]", "notice", "is empty (null), not a sub-processor: remove the entry, or give the sub-processor's name"}}},
		{"a null entry after another", `{"date": "2026-12-01", "old": [` + entry + `, null]}`,
			[]want{{"old[1]", "notice", "is empty (null), not a sub-processor"}}},
		{"a null entry of a list file", `{"date": "2026-12-01", "old": [], "new": {"list": [null]}}`,
			[]want{{"new.list[0]", "notice", "is empty (null), not a sub-processor"}}},
		{"a null entry of a deal's list", `{"date": "2026-12-01", "old": {"subprocessors": {"list": [` + entry + `, null]}}}`,
			[]want{{"old.subprocessors.list[1]", "notice", "is empty (null), not a sub-processor"}}},
		{"a null entry with the customer's problems", `{"date": "2026-12-01", "old": [null], "customer": {"reference": "x"}}`,
			[]want{{"customer.effective_date", "required_date", "is required"}, {"customer.agreement", "required", "is required"},
				{"customer.customer", "section_missing", "is missing"}, {"old[0]", "notice", "is empty (null)"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := noticeProblems(t, s, "application/json", tt.body)
			if len(ps) != len(tt.want) {
				t.Fatalf("problems %+v, want %d", ps, len(tt.want))
			}
			for _, w := range tt.want {
				i := slices.IndexFunc(ps, func(p deal.Problem) bool { return p.Path == w.path })
				if i < 0 {
					t.Errorf("no problem at %s in %+v", w.path, ps)
					continue
				}
				if p := ps[i]; p.Rule != w.rule || !strings.Contains(p.Message, w.message) {
					t.Errorf("problem at %s: %s %q, want %s with %q", w.path, p.Rule, p.Message, w.rule, w.message)
				}
			}
		})
	}
}
