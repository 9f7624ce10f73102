package server

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/fixtures"
)

// indentUnder returns the YAML document src as the value of key in a
// mapping: "key:\n" and src indented two spaces.
func indentUnder(key string, src []byte) string {
	var b strings.Builder
	b.WriteString(key + ":\n")
	for line := range strings.SplitSeq(strings.TrimRight(string(src), "\n"), "\n") {
		b.WriteString("  " + line + "\n")
	}
	return b.String()
}

// seed004Notice returns the body of a notice request to the seed-004
// customer (Option 1, its own list) from the server profile's list to the
// list whose entries newList gives, one YAML flow mapping a line.
func seed004Notice(t *testing.T, s *Server, newList ...string) []byte {
	t.Helper()
	customer, err := fs.ReadFile(fixtures.FS, "deals/seed-004.yaml")
	if err != nil {
		t.Fatal(err)
	}
	body := "date: 2026-12-01\n" + indentUnder("old", s.cfg.Profile) + "new:\n  list:\n"
	for _, e := range newList {
		body += "    - " + e + "\n"
	}
	return []byte(body + indentUnder("customer", customer))
}

const (
	awsEntry        = `{ name: Amazon Web Services EMEA SARL, purpose: Hosting of the platform and its databases, location: "EU (Ireland), eu-west-1", country: IE, category: infrastructure, transfer_mechanism: none }`
	papertrailEntry = `{ name: "Papertrail (SolarWinds Worldwide, LLC)", purpose: Storage and search of system logs, location: United States, country: US, category: service, transfer_mechanism: scc }`
	zendeskNoAddr   = `{ name: "Zendesk, Inc.", purpose: Handling support requests, location: United States, country: US, data: [Name, Email address], category: service, transfer_mechanism: dpf, contact: "Zendesk Privacy Team, privacy@zendesk.example", contact_title: Data Protection Officer, responsibilities: Stores and routes support tickets only }`
	zendeskEntry    = `{ name: "Zendesk, Inc.", purpose: Handling support requests, location: United States, country: US, data: [Name, Email address], category: service, transfer_mechanism: dpf, address: "989 Market Street, San Francisco, CA 94103, United States", contact: "Zendesk Privacy Team, privacy@zendesk.example", contact_title: Data Protection Officer, responsibilities: Stores and routes support tickets only }`
)

// TestAPINoticeCustomerOwnList: the API tells a customer whose DPA carries
// its own list (seed-004, Option 1) of the vendor's change as it affects
// that list, as dpakit notice --customer does, and says so in
// X-Dpakit-Warnings: not the vendor's old list against its new one, which
// gave notice of removing Papertrail, a sub-processor the customer never
// had.
func TestAPINoticeCustomerOwnList(t *testing.T) {
	s := newTestServer(t)
	body := seed004Notice(t, s, awsEntry, zendeskEntry)
	res := do(t, s, http.MethodPost, "/api/v1/notice?format=md", "application/yaml", body)
	out := string(readAll(t, res))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, out)
	}
	for _, want := range []string{"Request for specific authorisation", "**Zendesk, Inc.**"} {
		if !strings.Contains(out, want) {
			t.Errorf("notice lacks %q", want)
		}
	}
	for _, not := range []string{"Other changes", "Papertrail"} {
		if strings.Contains(out, not) {
			t.Errorf("notice has %q, a change of the vendor's list the customer's does not have", not)
		}
	}
	if h := res.Header.Get(warningsHeader); !strings.Contains(h, "customer_list at customer.subprocessors.list") {
		t.Errorf("%s: %q, want the customer_list warning", warningsHeader, h)
	}
}

// TestAPINoticeRequestNamesEntry: a request for specific authorisation
// whose new sub-processor lacks an Annex III detail is a 422 naming the
// entry's field in the request (new.list[2].address), as the CLI names it
// in the --new file.
func TestAPINoticeRequestNamesEntry(t *testing.T) {
	s := newTestServer(t)
	body := seed004Notice(t, s, awsEntry, papertrailEntry, zendeskNoAddr)
	res := do(t, s, http.MethodPost, "/api/v1/notice?format=md", "application/yaml", body)
	var pb problemsBody
	if err := json.Unmarshal(readAll(t, res), &pb); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusUnprocessableEntity || len(pb.Problems) != 1 || pb.Problems[0].Path != "new.list[2].address" || pb.Problems[0].Rule != "annex_iii_details" {
		t.Errorf("status %d, problems %+v; want 422 with new.list[2].address (annex_iii_details)", res.StatusCode, pb.Problems)
	}
}
