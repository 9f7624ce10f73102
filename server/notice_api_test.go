package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dpakit/dpakit/assemble/deal"
)

// indent indents every line of a YAML document by two spaces, to nest it
// under a key of a notice request.
func indent(doc []byte) string {
	return "  " + strings.ReplaceAll(strings.TrimRight(string(doc), "\n"), "\n", "\n  ") + "\n"
}

// noticeProblems posts a notice request and returns the problems of its
// 422 answer.
func noticeProblems(t *testing.T, s *Server, contentType, body string) []deal.Problem {
	t.Helper()
	res := do(t, s, http.MethodPost, "/api/v1/notice", contentType, []byte(body))
	b := readAll(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("POST /api/v1/notice = %d, want 422:\n%.400s", res.StatusCode, b)
	}
	var got struct {
		Problems []deal.Problem `json:"problems"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v:\n%s", err, b)
	}
	return got.Problems
}

// TestNoticeRequestProblems: a notice request with a key it does not take
// (a list file sent as the body itself) or without its date is answered
// in the words of the deal's problems, not with a Go type's name.
func TestNoticeRequestProblems(t *testing.T) {
	s := newTestServer(t)
	list := `{"name": "Papertrail (SolarWinds Worldwide, LLC)", "purpose": "Storage and search of system logs", "location": "United States", "country": "US", "category": "service", "transfer_mechanism": "scc"}`
	tests := []struct {
		name, contentType, body string
		want                    deal.Problem
	}{
		{"a list file as the body", "application/json", `{"list": [` + list + `]}`,
			deal.Problem{Path: "list", Line: 1, Rule: "unknown_field", Message: `unknown field "list": the body needs date, old and optionally new and customer; a list file (or a deal) goes under old or new`}},
		{"a mistyped key", "application/yaml", "date: 2026-12-01\nold: []\ncustommer: {}\n",
			deal.Problem{Path: "custommer", Line: 3, Rule: "unknown_field", Message: `unknown field "custommer": the body needs date, old and optionally new and customer (did you mean "customer"?)`}},
		{"no date", "application/json", `{"old": [` + list + `]}`,
			deal.Problem{Path: "date", Rule: "required", Message: "is required (a date, YYYY-MM-DD): the date the notice is sent"}},
		{"an empty date", "application/yaml", "date: ''\nold: []\n",
			deal.Problem{Path: "date", Rule: "required", Message: "is required (a date, YYYY-MM-DD): the date the notice is sent"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := noticeProblems(t, s, tt.contentType, tt.body)
			if len(ps) != 1 {
				t.Fatalf("problems %+v, want one", ps)
			}
			p := ps[0]
			if p.Path != tt.want.Path || p.Line != tt.want.Line || p.Rule != tt.want.Rule || p.Message != tt.want.Message {
				t.Errorf("problem %+v, want %+v", p, tt.want)
			}
			if strings.Contains(p.Message, "server.") || strings.Contains(p.Message, "type ") {
				t.Errorf("the message names a Go type: %s", p.Message)
			}
		})
	}
}

// TestNoticeWarningsHeader: a notice to a customer whose new sub-processor
// processes data the customer's Annex I.B does not describe is made, as
// dpakit notice makes it, and says so in X-Dpakit-Warnings; a notice to
// every customer has no customer deal to warn about.
func TestNoticeWarningsHeader(t *testing.T) {
	s := newTestServer(t)
	ex := exampleDeal(t)
	added := strings.Replace(string(ex), "  list:\n", `  list:
    - name: Vitals Analytics Inc.
      purpose: Analysis of health records
      location: United States
      country: US
      data: [Health records]
      category: service
      transfer_mechanism: scc
`, 1)
	if added == string(ex) {
		t.Fatal("the example deal has no subprocessors.list")
	}
	body := "date: 2026-12-15\nold:\n" + indent(ex) + "new:\n" + indent([]byte(added)) + "customer:\n" + indent(ex)
	res := do(t, s, http.MethodPost, "/api/v1/notice?format=md", "application/yaml", []byte(body))
	b := readAll(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/v1/notice = %d:\n%.600s", res.StatusCode, b)
	}
	if !strings.Contains(string(b), "Vitals Analytics Inc.") {
		t.Errorf("the notice does not name the added sub-processor:\n%.600s", b)
	}
	h := res.Header.Get(warningsHeader)
	if !strings.HasPrefix(h, "1; "+deal.WarnUndescribedData+" at new.subprocessors.list[0].data") {
		t.Errorf("%s: %q, want the undescribed data of the added sub-processor", warningsHeader, h)
	}

	// To every customer: no customer deal, no warning.
	body = "date: 2026-12-15\nold:\n" + indent(ex) + "new:\n" + indent([]byte(added))
	res = do(t, s, http.MethodPost, "/api/v1/notice?format=md", "application/yaml", []byte(body))
	readAll(t, res)
	if res.StatusCode != http.StatusOK || res.Header.Get(warningsHeader) != "" {
		t.Errorf("a notice to every customer: %d, %s %q; want 200 and no warnings", res.StatusCode, warningsHeader, res.Header.Get(warningsHeader))
	}
}

// TestNoticeListKeyProblemsInTheBody is the regression test for a notice
// request's list with a mistyped or repeated key, which was answered with
// the YAML decoder's words at path "" in a file "new.yaml" the client
// never sent, at that file's line: each is a problem at its path and line
// in the body, in a deal file's words.
func TestNoticeListKeyProblemsInTheBody(t *testing.T) {
	s := newTestServer(t)
	entry := "{\"name\": \"X\", \"purpose\": \"p\", \"location\": \"l\", \"country\": \"DE\", \"category\": \"service\", \"transfer_mechanism\": \"none\"}"
	tests := []struct {
		name, contentType, body string
		want                    deal.Problem
	}{
		{"a mistyped key in JSON", "application/json", "{\"date\": \"2026-12-01\",\n \"old\": [],\n \"new\": [\n  " + strings.Replace(entry, "country", "contry", 1) + "]}",
			deal.Problem{Path: "new[0].contry", Line: 4, Rule: "unknown_field", Message: `unknown field (did you mean "country"?)`}},
		{"a mistyped key in a list file in YAML", "application/yaml", "date: 2026-12-01\nold: []\nnew:\n  list:\n    - name: X\n      contry: DE\n",
			deal.Problem{Path: "new.list[0].contry", Line: 6, Rule: "unknown_field", Message: `unknown field (did you mean "country"?)`}},
		{"a key given twice in YAML", "application/yaml", "date: 2026-12-01\nnew: []\nold:\n  - name: X\n    purpose: p\n    name: Y\n",
			deal.Problem{Path: "old[0].name", Line: 6, Rule: "duplicate_key", Message: "is given twice (first at line 4)"}},
		{"a key given twice in JSON", "application/json", "{\"date\": \"2026-12-01\", \"old\": [],\n \"new\": {\"list\": [\n  {\"name\": \"X\",\n   \"name\": \"Y\"}]}}",
			deal.Problem{Path: "new.list[0].name", Line: 4, Rule: "duplicate_key", Message: "is given twice (first at line 3)"}},
		{"a key of the body given twice", "application/yaml", "date: 2026-12-01\nold: []\ndate: 2026-12-02\n",
			deal.Problem{Path: "date", Line: 3, Rule: "duplicate_key", Message: "is given twice (first at line 1)"}},
		{"no list", "application/yaml", "date: 2026-12-01\nold: []\nnew:\n  customer: {}\n",
			deal.Problem{Path: "new", Line: 4, Rule: "notice", Message: `holds no sub-processor list: want a list of sub-processors, a list file with a "list" key, or a deal or profile with subprocessors.list`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := noticeProblems(t, s, tt.contentType, tt.body)
			if len(ps) != 1 {
				t.Fatalf("problems %+v, want one", ps)
			}
			p := ps[0]
			if p.Path != tt.want.Path || p.Line != tt.want.Line || p.Rule != tt.want.Rule || p.Message != tt.want.Message || p.File != "" {
				t.Errorf("problem %+v\nwant    %+v", p, tt.want)
			}
		})
	}
}

// TestNoticeCustomerLines: the customer's deal in a notice request is
// read from the body itself, so a key given twice names the body's line of
// the first, not a line of a copy of the customer's part.
func TestNoticeCustomerLines(t *testing.T) {
	s := newTestServer(t)
	body := "date: 2026-12-01\nold: []\ncustomer:\n  reference: DPA-1\n  breach:\n    notice_hours: 24\n  reference: DPA-2\n"
	for _, p := range noticeProblems(t, s, "application/yaml", body) {
		if p.Rule == "duplicate_key" {
			if p.Path != "customer.reference" || p.Line != 7 || p.Message != "is given twice (first at line 4)" {
				t.Errorf("the key given twice is %+v, want customer.reference at line 7, first at line 4", p)
			}
			return
		}
	}
	t.Error("no problem of the key given twice")
}

// TestNoticeBodyBoundedByMaxBody: a notice request is bounded by the
// server's --max-body, not by the 1 MiB of a deal file: with the limit
// raised, a request whose lists take more than 1 MiB is answered.
func TestNoticeBodyBoundedByMaxBody(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.MaxBody = 4 << 20 })
	// The lists before and after a change, 1,900 sub-processors each (the
	// most a deal may list is 2,000), the new one with one more.
	var entries strings.Builder
	for i := range 1900 {
		if i > 0 {
			entries.WriteString(",\n")
		}
		fmt.Fprintf(&entries, `{"name": "Provider %04d Ltd", "description": "Hosting provider for the platform and its databases", "purpose": "Hosting of the platform, its databases and their backups in the region, with monitoring of their availability", "location": "EU (Ireland), eu-west-1", "country": "IE", "category": "service", "transfer_mechanism": "none", "data": ["Account data", "Usage logs", "Customer content", "Support tickets", "Billing records", "Audit trails of administrator actions"]}`, i)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `{"date": "2026-12-01", "old": [%s], "new": [%s, {"name": "Added Ltd", "purpose": "Email delivery", "location": "Dublin", "country": "IE", "category": "service", "transfer_mechanism": "none"}]}`, entries.String(), entries.String())
	if b.Len() <= 1<<20 {
		t.Fatalf("the request is %d bytes, want more than 1 MiB", b.Len())
	}
	res := do(t, s, http.MethodPost, "/api/v1/notice?format=md", "application/json", []byte(b.String()))
	body := readAll(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/v1/notice of %d bytes = %d:\n%.400s", b.Len(), res.StatusCode, body)
	}
}

// TestNoticePDFIsTheSameTwice is the regression test for notice PDFs
// stamped with the time of the request (/CreationDate (D:20261203145232),
// then ...37): the same request gives the same bytes, the PDF created on
// the notice's date, as dpakit notice dates it.
func TestNoticePDFIsTheSameTwice(t *testing.T) {
	t.Parallel() // its second of sleep overlaps the other tests
	s := newTestServer(t)
	body := []byte("date: 2026-12-01\nold:\n  - {name: Gone Ltd, purpose: Hosting, location: Dublin, country: IE, category: service, transfer_mechanism: none}\n")
	get := func() []byte {
		res := do(t, s, http.MethodPost, "/api/v1/notice?format=pdf", "application/yaml", body)
		b := readAll(t, res)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("POST /api/v1/notice = %d:\n%.400s", res.StatusCode, b)
		}
		return b
	}
	first := get()
	time.Sleep(1100 * time.Millisecond) // a clock stamp would now differ
	second := get()
	if !bytes.Equal(first, second) {
		t.Errorf("two requests gave different PDFs")
	}
	if !bytes.Contains(first, []byte("/CreationDate (D:20261201000000")) {
		t.Errorf("the PDF is not created on the notice date")
	}
}
