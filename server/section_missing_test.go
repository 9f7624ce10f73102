package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
)

// TestMissingNestedSection: a deal without the customer's signatory gets
// one problem for the section (rule section_missing), as a deal without a
// provider does: the API gives it at the line of the customer's key, and
// the form lists it in its summary of problems, linked to the section's
// name input, beside which it shows the message.
func TestMissingNestedSection(t *testing.T) {
	s := newTestServer(t)
	const signatory = "  signatory: { name: Stefan Brandt, title: Managing Director }\n"
	ex := exampleDeal(t)
	at := bytes.Index(ex, []byte(signatory))
	if at < 0 || bytes.Index(ex, []byte("\ncustomer:")) > at {
		t.Fatal("the example deal has no customer signatory line")
	}
	body := append(ex[:at:at], ex[at+len(signatory):]...)
	res := do(t, s, http.MethodPost, "/api/v1/validate", "application/yaml", body)
	var pb problemsBody
	if err := json.Unmarshal(readAll(t, res), &pb); err != nil {
		t.Fatal(err)
	}
	customerLine := bytes.Count(ex[:bytes.Index(ex, []byte("\ncustomer:"))+1], []byte("\n")) + 1
	want := []apiProblem{{Path: "customer.signatory", Line: customerLine, Rule: deal.RuleSectionMissing, Message: "is missing; it needs name and title"}}
	if res.StatusCode != http.StatusUnprocessableEntity || len(pb.Problems) != 1 || pb.Problems[0] != want[0] {
		t.Errorf("API: %d %+v, want 422 %+v", res.StatusCode, pb.Problems, want)
	}

	vals := submitExample(t, s, func(v url.Values) {
		v.Del("customer.signatory.name")
		v.Del("customer.signatory.title")
	})
	res = postForm(t, s, "/", vals)
	page := string(readAll(t, res))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("form: status %d, want 422", res.StatusCode)
	}
	// The summary links to the section's first input, its name, where the
	// message is shown as well.
	for _, want := range []string{"1 problem to fix", `<li data-field="customer.signatory.name"><a href="#f-customer-signatory-name">Customer&#39;s signatory</a> <span class="path">customer.signatory</span>: is missing; it needs name and title</li>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the form lacks %s", want)
		}
	}
	if got := strings.Count(page, "is missing; it needs name and title"); got != 2 {
		t.Errorf("the message is on the page %d times, want 2 (the summary and the signatory's name input)", got)
	}
}
