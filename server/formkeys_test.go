package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// validateForm posts form data to POST /api/v1/validate and returns the
// problems of its answer.
func validateForm(t *testing.T, s *Server, body string) []apiProblem {
	t.Helper()
	res := do(t, s, http.MethodPost, "/api/v1/validate", "application/x-www-form-urlencoded", []byte(body))
	var pb problemsBody
	if err := json.Unmarshal(readAll(t, res), &pb); err != nil {
		t.Fatalf("%d: %v", res.StatusCode, err)
	}
	return pb.Problems
}

// TestFormDataKeyProblems is the regression test for form data that lost
// the strictness of a YAML or JSON body: an unknown name was dropped
// silently, a value given twice was read as its first, and a role in the
// wrong case was offered itself back ("did you mean Controller?"). Each is
// a problem at the field's name, worded as a deal file's.
func TestFormDataKeyProblems(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		name, body string
		want       apiProblem
	}{
		{"a mistyped name", "customer.name=Acme&customer.nmae=x",
			apiProblem{Path: "customer.nmae", Rule: "unknown_field", Message: `unknown field (did you mean "customer.name"?)`}},
		{"a mistyped section", "customer.name=Acme&custmer.country=DE",
			apiProblem{Path: "custmer.country", Rule: "unknown_field", Message: `unknown field (did you mean "customer.country"?)`}},
		{"a mistyped row field", "customer.name=Acme&subprocessors.list[0].contry=DE",
			apiProblem{Path: "subprocessors.list[0].contry", Rule: "unknown_field", Message: `unknown field (did you mean "subprocessors.list[0].country"?)`}},
		{"a name in the wrong case", "customer.name=Acme&Customer.Name=x",
			apiProblem{Path: "Customer.Name", Rule: "unknown_field", Message: `unknown field (a field name is case-sensitive: write "customer.name")`}},
		{"no such input", "customer.name=Acme&zzz=1",
			apiProblem{Path: "zzz", Rule: "unknown_field", Message: "unknown field: the form has no input of this name (its inputs are named by the deal's paths, such as customer.name or subprocessors.list[0].country)"}},
		{"a row that is no number", "customer.name=Acme&subprocessors.list[x].name=A",
			apiProblem{Path: "subprocessors.list[x].name", Rule: "unknown_field", Message: `"[x]" is not a row number (want [0] to [10000])`}},
		{"a value given twice", "customer.name=Acme&breach.notice_hours=48&breach.notice_hours=96",
			apiProblem{Path: "breach.notice_hours", Rule: "duplicate_key", Message: `is given twice ("48" and "96"); give it once`}},
		{"a role in the wrong case", "customer.name=Acme&customer.role=Controller",
			apiProblem{Path: "customer.role", Rule: "oneof", Message: `"Controller" is not allowed (want controller or processor); the value is case-sensitive: write "controller"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, p := range validateForm(t, s, tt.body) {
				if p.Path == tt.want.Path {
					if p.Rule != tt.want.Rule || p.Message != tt.want.Message {
						t.Errorf("problem %+v\nwant    %+v", p, tt.want)
					}
					return
				}
			}
			t.Errorf("no problem at %s", tt.want.Path)
		})
	}
}

// TestFormRepeatsItsCheckboxGroups: the names the form itself gives once
// per ticked box (the SCC modules, the Annex II measures) are no
// duplicates, and its own controls are no unknown fields, through the
// API's live check and the form's submission alike.
func TestFormRepeatsItsCheckboxGroups(t *testing.T) {
	s := newTestServer(t)
	vals := submitExample(t, s, func(v url.Values) {
		v.Set("security.measures", "selected")
		v.Set(measuresShown, "selected")
		v[measuresIDs] = []string{"enc-transit-tls", "enc-rest-aes", "enc-backups"}
		v["scc.modules"] = []string{"2", "3"}
		v.Set("action", "preview")
	})
	for _, p := range validateForm(t, s, vals.Encode()) {
		if p.Rule == "unknown_field" || p.Rule == "duplicate_key" {
			t.Errorf("the form's own submission: %+v", p)
		}
	}
	res := postForm(t, s, "/", vals)
	if body := string(readAll(t, res)); strings.Contains(body, "unknown field") || strings.Contains(body, "is given twice") {
		t.Errorf("POST / (%d) reports the form's own names:\n%.2000s", res.StatusCode, body)
	}
}

// TestFormShowsKeyProblems: the form (POST /) shows a value given twice at
// its input and an unknown name in the summary.
func TestFormShowsKeyProblems(t *testing.T) {
	s := newTestServer(t)
	vals := submitExample(t, s, func(v url.Values) {
		v.Add("breach.notice_hours", "96")
		v.Set("customer.nmae", "x")
		v.Set("action", "preview")
	})
	res := postForm(t, s, "/", vals)
	body := string(readAll(t, res))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", res.StatusCode)
	}
	for _, want := range []string{
		`<div class="error" id="f-breach-notice-hours-error"><p>is given twice (`,
		`customer.nmae: unknown field (did you mean &#34;customer.name&#34;?)`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}
