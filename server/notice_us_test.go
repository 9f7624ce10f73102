package server

import (
	"io/fs"
	"net/http"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/fixtures"
)

// usNoticeBody is a notice request: the change adds a US sub-processor with
// transfer mechanism "none", for the customer of customerFile (laid over
// the server's profile), or for every customer when customerFile is "".
func usNoticeBody(t *testing.T, customerFile string) []byte {
	t.Helper()
	aws := `{name: "Amazon Web Services, Inc.", description: Infrastructure service provider, purpose: Hosting of the platform and its databases, location: "US East (N. Virginia), us-east-1", country: US, data: [Account data, Usage logs, Customer content], category: infrastructure, transfer_mechanism: none, website: "https://aws.amazon.com"}`
	sentry := `{name: "Sentry (Functional Software, Inc.)", purpose: Error monitoring of the platform, location: United States, country: US, data: [IP address, Usage logs], category: service, transfer_mechanism: none}`
	body := "date: \"2026-12-01\"\nold:\n  list:\n    - " + aws + "\nnew:\n  list:\n    - " + aws + "\n    - " + sentry + "\n"
	if customerFile != "" {
		b, err := fs.ReadFile(fixtures.FS, customerFile)
		if err != nil {
			t.Fatal(err)
		}
		body += "customer:\n"
		for line := range strings.Lines(string(b)) {
			body += "  " + line
		}
	}
	return []byte(body)
}

// TestNoticeUSOnlyCustomer is the regression test for the notice judging a
// US-only customer's lists by EU transfer rules: for the customer of a deal
// with gdpr.applies: false, a US sub-processor with transfer mechanism
// "none" is accepted (it was refused with 422), and the letter states no
// transfer mechanism; for a customer under the GDPR (the profile's), the
// same lists are refused.
func TestNoticeUSOnlyCustomer(t *testing.T) {
	s := newTestServer(t)
	res := do(t, s, http.MethodPost, "/api/v1/notice?format=md", "application/yaml", usNoticeBody(t, "deals/us-ccpa.yaml"))
	md := string(readAll(t, res))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("US-only customer: %d %s", res.StatusCode, md)
	}
	for _, want := range []string{"To Lone Star Outfitters, Inc.", "**Sentry (Functional Software, Inc.)** | Error monitoring of the platform | United States | IP address and usage logs |", "Your right to object"} {
		if !strings.Contains(md, want) {
			t.Errorf("notice lacks %q:\n%s", want, md)
		}
	}
	for _, not := range []string{"Transfer mechanism", "None required", "EEA", "Standard Contractual Clauses", "adequa"} {
		if strings.Contains(md, not) {
			t.Errorf("the notice to a US-only customer says %q:\n%s", not, md)
		}
	}
	res = do(t, s, http.MethodPost, "/api/v1/notice?format=md", "application/yaml", usNoticeBody(t, ""))
	b := string(readAll(t, res))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, `\"none\" is only for a country in the EEA or with an EU adequacy decision`) {
		t.Errorf("the profile's customers (under the GDPR): %d %s; want 422 naming the transfer rule", res.StatusCode, b)
	}
}
