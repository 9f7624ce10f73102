package server

import (
	"io/fs"
	"net/http"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/fixtures"
)

// kakaoEntry is a sub-processor in South Korea with no transfer
// mechanism: the EU's adequacy decision for Korea covers it, the Swiss
// Federal Council's list does not.
const kakaoEntry = `{ name: Kakao Corp., purpose: Support chat, location: Seoul, country: KR, data: [Name], category: service, transfer_mechanism: none }`

// TestAPINoticeWarnsOfNewList is the regression test for a notice whose
// new list gave a sub-processor "None required" where the customer's DPA
// would warn or refuse: the API judges the new list as dpakit notice
// does, as the customer's deal judges its own list, with its warnings in
// X-Dpakit-Warnings and its problems a 422.
func TestAPINoticeWarnsOfNewList(t *testing.T) {
	s := newTestServer(t)
	newList := "new:\n  list:\n    - " + awsEntry + "\n    - " + papertrailEntry + "\n    - " + kakaoEntry + "\n"
	customer := func(name string) string {
		b, err := fs.ReadFile(fixtures.FS, "deals/"+name+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		return indentUnder("customer", b)
	}
	old := "date: 2026-12-01\n" + indentUnder("old", s.cfg.Profile)
	// The example deal (the GDPR and the Swiss terms), and the profile,
	// warn; so does a notice to every customer, judged by the profile.
	for _, body := range []string{old + newList + customer("example"), old + newList} {
		res := do(t, s, http.MethodPost, "/api/v1/notice?format=md", "application/yaml", []byte(body))
		out := readAll(t, res)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", res.StatusCode, out)
		}
		if h := res.Header.Get(warningsHeader); !strings.Contains(h, "swiss_adequacy at new.list[2].transfer_mechanism") ||
			!strings.HasSuffix(h, "and those at new for the customer deal (or the profile) with new as its subprocessors.list") {
			t.Errorf("%s: %q, want the swiss_adequacy warning of the new list and where its message is", warningsHeader, h)
		}
	}
	// A Swiss exporter under the FADP alone: a problem of the new list.
	ps := noticeProblems(t, s, "application/yaml", old+newList+customer("swiss-exporter"))
	if len(ps) != 1 || ps[0].Path != "new.list[2].transfer_mechanism" || ps[0].Rule != "transfer_mechanism_country" {
		t.Errorf("problems %+v, want the transfer rule at new.list[2].transfer_mechanism", ps)
	}
	// Without new, the profile's list is the new one: judged likewise.
	withKakao := strings.Replace(string(s.cfg.Profile), "\nprocessing:", "\n    - "+kakaoEntry+"\n\nprocessing:", 1)
	if withKakao == string(s.cfg.Profile) {
		t.Fatal("the profile no longer has its processing after its list")
	}
	s2 := newTestServer(t, func(c *Config) { c.Profile = []byte(withKakao) })
	// The Swiss exporter with a list of its own, without Kakao (over the
	// profile's list, its own DPA would be refused).
	own := strings.Replace(customer("swiss-exporter"), "subprocessors: { objection_days: 20 }",
		"subprocessors: { objection_days: 20, list: ["+awsEntry+", "+papertrailEntry+"] }", 1)
	if own == customer("swiss-exporter") {
		t.Fatal("swiss-exporter.yaml no longer ends with its objection days")
	}
	ps = noticeProblems(t, s2, "application/yaml", old+own)
	if len(ps) != 1 || ps[0].Path != "profile.subprocessors.list[2].transfer_mechanism" || ps[0].Rule != "transfer_mechanism_country" {
		t.Errorf("without new: problems %+v, want the transfer rule at profile.subprocessors.list[2].transfer_mechanism", ps)
	}
}

// TestAPINoticeListFromProfile is the regression test for a notice
// request whose new (or old) list is a deal that takes its list from the
// profile (a subprocessors section without a list), which was read as an
// empty list: a 422 at the deal's subprocessors, saying its list is the
// profile's.
func TestAPINoticeListFromProfile(t *testing.T) {
	s := newTestServer(t)
	body := "date: 2026-12-01\n" + indentUnder("old", s.cfg.Profile) + "new:\n  customer: { name: X }\n  subprocessors:\n    objection_days: 15\n"
	ps := noticeProblems(t, s, "application/yaml", body)
	want := "holds no sub-processor list: its subprocessors section has no list, so the deal takes its list from the profile; send the list itself, or leave new out for the profile's list (a deal without any sub-processor gives list: [])"
	if len(ps) != 1 || ps[0].Path != "new.subprocessors" || ps[0].Rule != "notice" || ps[0].Message != want || ps[0].Line == 0 {
		t.Errorf("problems %+v\nwant new.subprocessors: %s", ps, want)
	}
	// An explicit empty list is a list.
	body += "    list: []\n"
	res := do(t, s, http.MethodPost, "/api/v1/notice?format=md", "application/yaml", []byte(body))
	readAll(t, res)
	if res.StatusCode != http.StatusOK {
		t.Errorf("list: []: status %d, want 200", res.StatusCode)
	}
}
