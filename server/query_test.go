package server

import (
	"encoding/json"
	"html"
	"strings"
	"testing"
)

// TestMalformedQueryRefused is the regression test for query strings that
// do not decode being read without their bad part: ?fromat=md;x gave a
// PDF (the misspelt name never reported), ?format=md&esign=docusign%
// Markdown without a word of esign, and validate?x=% a 200. Each is a 400
// naming the part and saying what to write, in the API's error shape for
// the API and as a page for the form; a query that decodes still reaches
// the routes' own checks.
func TestMalformedQueryRefused(t *testing.T) {
	s := newTestServer(t)
	ex := exampleDeal(t)
	notice := []byte(`{"date": "2026-12-01", "old": []}`)
	tests := []struct {
		name, method, target, contentType string
		body                              []byte
		status                            int
		want                              string
	}{
		{"a semicolon", "POST", "/api/v1/documents/dpa?fromat=md;x", "application/yaml", ex, 400,
			`query parameter "fromat=md;x" cannot be read: a semicolon does not separate parameters: separate them with & (and write a semicolon in a value as %3B)`},
		{"a bad escape in a value", "POST", "/api/v1/documents/dpa?format=md&esign=docusign%", "application/yaml", ex, 400,
			`query parameter "esign=docusign%" cannot be read: invalid URL escape "%": a % starts an escape of two hex digits, such as %20; write a % itself as %25`},
		{"a bad escape in a name", "POST", "/api/v1/validate?x%zz=1", "application/yaml", ex, 400, `query parameter "x%zz=1" cannot be read: invalid URL escape "%zz"`},
		{"validate, a lone %", "POST", "/api/v1/validate?x=%", "application/yaml", ex, 400, `query parameter "x=%" cannot be read`},
		{"the workbook", "POST", "/api/v1/subprocessors.xlsx?%", "application/yaml", ex, 400, `query parameter "%" cannot be read`},
		{"the notice", "POST", "/api/v1/notice?format=md;paper=a4", "application/json", notice, 400, `query parameter "format=md;paper=a4" cannot be read: a semicolon`},
		{"the bundle", "POST", "/api/v1/bundle.zip?paper=a4%2", "application/yaml", ex, 400, `query parameter "paper=a4%2" cannot be read`},
		{"the clauses", "GET", "/api/v1/clauses?%", "", nil, 400, `query parameter "%" cannot be read`},
		// Once the query decodes, the route's own check names the parameter.
		{"decoded, then unknown", "POST", "/api/v1/documents/dpa?fromat=md%3Bx", "application/yaml", ex, 400, `unknown query parameter "fromat"`},
		{"decoded, then an unknown format", "POST", "/api/v1/documents/dpa?format=md%3Bx", "application/yaml", ex, 400, `unknown format "md;x"`},
		{"a query that decodes", "POST", "/api/v1/documents/dpa?format=md&", "application/yaml", ex, 200, "Data Processing Agreement"},
		// The form's page reads ?example: a query that does not decode is a
		// page saying so.
		{"the form", "GET", "/?example=1%", "", nil, 400, `query parameter "example=1%" cannot be read`},
		{"the form's example", "GET", "/?example=1", "", nil, 200, "The form holds the example deal."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, s, tt.method, tt.target, tt.contentType, tt.body)
			b := html.UnescapeString(string(readAll(t, res)))
			var eb errorBody
			if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") && json.Unmarshal([]byte(b), &eb) == nil {
				b = eb.Error
			}
			if res.StatusCode != tt.status || !strings.Contains(b, tt.want) {
				t.Errorf("%s %s = %d %.300s, want %d containing %q", tt.method, tt.target, res.StatusCode, b, tt.status, tt.want)
			}
			if strings.HasPrefix(tt.target, "/api/") && tt.status == 400 && !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
				t.Errorf("%s %s: Content-Type %q, want the API's JSON error", tt.method, tt.target, res.Header.Get("Content-Type"))
			}
		})
	}
}
