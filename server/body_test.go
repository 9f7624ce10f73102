package server

import (
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// formType is the Content-Type of a form-encoded body, which curl sends
// for --data and --data-binary unless told otherwise.
const formType = "application/x-www-form-urlencoded"

// TestAPIBodyNotFormData sends the API a deal file as curl does without a
// Content-Type header (labelled form data): every route answers 415 saying
// the body is not form data and what to send, while the form's own
// encoding still reaches the deal routes.
func TestAPIBodyNotFormData(t *testing.T) {
	s := newTestServer(t)
	ex := exampleDeal(t)
	routes := []string{"/api/v1/validate", "/api/v1/documents/dpa?format=md", "/api/v1/subprocessors.xlsx", "/api/v1/bundle.zip", "/api/v1/notice?format=md"}
	tests := []struct {
		name string
		body []byte
		want []string // in the message
	}{
		{"a YAML deal (does not decode)", ex, []string{"not form data", "does not decode", "has a semicolon, which does not separate fields"}},
		{"a JSON deal (no field of the form)", []byte(`{"breach": {"notice_hours": 96}}`), []string{"not form data", "none of its fields"}},
		{"form data of another form", []byte("a=b&c=d"), []string{"not form data", "none of its fields"}},
		{"a notice request", []byte(`{"date": "2026-12-01", "old": []}`), []string{"not form data"}},
	}
	for _, tt := range tests {
		for _, route := range routes {
			t.Run(tt.name+" to "+route, func(t *testing.T) {
				res := do(t, s, http.MethodPost, route, formType, tt.body)
				msg := errorOf(t, res)
				if res.StatusCode != http.StatusUnsupportedMediaType {
					t.Fatalf("%d %q, want 415", res.StatusCode, msg)
				}
				for _, want := range append(tt.want, "Content-Type: application/yaml", "application/json") {
					if !strings.Contains(msg, want) {
						t.Errorf("message %q lacks %q", msg, want)
					}
				}
			})
		}
	}
}

// TestAPIFormDataStillAccepted posts the form's own encoding, as the form
// app's script does: the deal routes read it as a deal, the notice (which
// the form does not send) refuses it with 415 without claiming form data
// is accepted there.
func TestAPIFormDataStillAccepted(t *testing.T) {
	s := newTestServer(t)
	valid := submitExample(t, s, nil).Encode() // as the browser submits the form
	tests := []struct {
		name, route, body string
		status            int
	}{
		{"a valid deal to validate", "/api/v1/validate", valid, http.StatusOK},
		{"an invalid deal to validate", "/api/v1/validate", url.Values{"customer.name": {"Acme"}, "breach.notice_hours": {"96"}}.Encode(), http.StatusUnprocessableEntity},
		{"a deal with other inputs too", "/api/v1/validate", valid + "&action=preview", http.StatusOK},
		{"a valid deal to a document", "/api/v1/documents/annex-i?format=md", valid, http.StatusOK},
		{"the form's encoding to the notice", "/api/v1/notice?format=md", valid, http.StatusUnsupportedMediaType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, s, http.MethodPost, tt.route, formType, []byte(tt.body))
			b := readAll(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("%d %.300s, want %d", res.StatusCode, b, tt.status)
			}
			if tt.status == http.StatusUnsupportedMediaType {
				var eb errorBody
				if err := json.Unmarshal(b, &eb); err != nil || !strings.Contains(eb.Error, "application/json") || strings.Contains(eb.Error, "as the form does") {
					t.Errorf("message %q, want one saying to send JSON or YAML (%v)", eb.Error, err)
				}
			}
		})
	}
}

// TestAPIEmptyBody sends every route a body with no deal in it.
func TestAPIEmptyBody(t *testing.T) {
	s := newTestServer(t)
	routes := []string{"/api/v1/validate", "/api/v1/documents/dpa?format=md", "/api/v1/subprocessors.xlsx", "/api/v1/bundle.zip", "/api/v1/notice?format=md"}
	tests := []struct {
		name, contentType, body string
		want                    []string
	}{
		{"nothing as YAML", "application/yaml", "", []string{"the request body is empty (0 bytes)"}},
		{"nothing as JSON", "application/json", "", []string{"the request body is empty (0 bytes)"}},
		{"nothing as form data", formType, "", []string{"the request body is empty (0 bytes)"}},
		{"white space", "application/json", " \n\t\n", []string{"the request body holds only white space (4 bytes)"}},
		{"YAML comments", "application/yaml", "# a deal\n# to come\n", []string{"the request body holds no", "only comments"}},
		{"YAML null", "application/yaml", "~\n", []string{"the request body holds no"}},
	}
	for _, tt := range tests {
		for _, route := range routes {
			t.Run(tt.name+" to "+route, func(t *testing.T) {
				res := do(t, s, http.MethodPost, route, tt.contentType, []byte(tt.body))
				var pb problemsBody
				b := readAll(t, res)
				if err := json.Unmarshal(b, &pb); err != nil || res.StatusCode != http.StatusUnprocessableEntity || len(pb.Problems) != 1 {
					t.Fatalf("%d %.300s (%v), want 422 with one problem", res.StatusCode, b, err)
				}
				p := pb.Problems[0]
				if p.Rule != "empty" || p.Path != "" {
					t.Errorf("problem %+v, want rule empty at no path", p)
				}
				what := "Content-Type: application/yaml"
				if strings.Contains(route, "notice") {
					what = "date, old"
				}
				for _, want := range append(tt.want, what, "application/json") {
					if !strings.Contains(p.Message, want) {
						t.Errorf("message %q lacks %q", p.Message, want)
					}
				}
			})
		}
	}
}

// TestAPINoticeFileName checks that a notice is named by its own date, so
// that two notices to one customer get two names.
func TestAPINoticeFileName(t *testing.T) {
	s := newTestServer(t)
	// The example deal, effective 2026-12-01, as the notice's customer.
	customer := "customer:\n  " + strings.ReplaceAll(strings.TrimSpace(string(exampleDeal(t))), "\n", "\n  ") + "\n"
	tests := []struct {
		name, body, want string
	}{
		{"the profile's customers", "date: 2027-03-15\nold: []\n", "Sub-processor notice - 2027-03-15.md"},
		{"one customer", "date: 2027-03-15\nold: []\n" + customer, "Sub-processor notice - Müller Logistik GmbH - 2027-03-15.md"},
		{"one customer, later", "date: 2027-06-01\nold: []\n" + customer, "Sub-processor notice - Müller Logistik GmbH - 2027-06-01.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, s, http.MethodPost, "/api/v1/notice?format=md", "application/yaml", []byte(tt.body))
			b := readAll(t, res)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%d %.500s", res.StatusCode, b)
			}
			// mime decodes filename* (RFC 2231) into filename.
			_, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
			if err != nil || params["filename"] != tt.want {
				t.Errorf("Content-Disposition %q (%v), want file name %q", res.Header.Get("Content-Disposition"), err, tt.want)
			}
		})
	}
}
