package server

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFormUKOnly: the form of a UK customer explains that its supervisory
// authority is left blank when the EU GDPR does not reach it (UK-only
// mode: the Information Commissioner, England and Wales), names the
// sub-processors' transfer mechanisms as the UK judges them, and round-trips
// the uk-only fixture: form → preview → deal file gives back the same deal,
// still UK-only.
func TestFormUKOnly(t *testing.T) {
	s := newTestServer(t)
	page, want := fixtureForm(t, s, "deals/uk-only.yaml")
	for _, w := range []string{
		html.EscapeString("Leave it blank for a UK customer that the EU GDPR does not reach"),
		html.EscapeString("None required (the UK or a country to which transfers are approved by regulations under Article 45A of the UK GDPR)"),
		html.EscapeString("Standard contractual clauses between Provider and the Sub-processor (Module Three) with the ICO International Data Transfer Addendum"),
	} {
		if !strings.Contains(page, w) {
			t.Errorf("the UK-only form lacks %q", w)
		}
	}
	if other, _ := fixtureForm(t, s, "deals/seed-000.yaml"); strings.Contains(other, "Leave it blank for a UK customer") {
		t.Error("the form of a customer outside the UK shows the UK-only help")
	}
	vals := submission(t, []byte(page), "deal-form")
	res := postForm(t, s, "/", vals)
	body := readAll(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want the preview:\n%s", res.StatusCode, body)
	}
	res = postForm(t, s, "/download/deal.yaml", previewDeal(t, body))
	got, err := s.valid.Load(readAll(t, res), "deal.yaml", nil, "")
	if err != nil {
		t.Fatalf("the deal file does not load: %v", err)
	}
	if !got.UKOnly() {
		t.Errorf("the deal from the form is not UK-only: customer %q, UK Addendum %v, authority %q", got.Customer.Country, got.UKAddendum.Enabled, got.SCC.SupervisoryAuthority)
	}
	if diff := cmp.Diff(want.SCC, got.SCC); diff != "" {
		t.Errorf("scc (-want +got):\n%s", diff)
	}
}
