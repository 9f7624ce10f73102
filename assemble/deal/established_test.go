package deal

import (
	"slices"
	"strings"
	"testing"
)

// TestEstablishedAbroad: a sub-processor whose "none" or "adequacy" rests
// on where it processes the data, but whose address is in a country that
// needs a safeguard, is warned of (the US company hosting in Germany), in
// the words of the origin of the data; an address in the EEA or an
// adequate country, one that names no country, one in the country of
// processing, a mechanism that is a safeguard, and a deal without
// restricted transfers are not.
func TestEstablishedAbroad(t *testing.T) {
	betterStack := Subprocessor{Name: "Better Stack, Inc.", Purpose: "Log storage", Location: "EU (Germany)", Country: "DE",
		Category: CategoryService, TransferMechanism: TransferNone,
		Address: "2261 Market Street, Suite 5217, San Francisco, CA 94114, United States"}
	with := func(f func(*Subprocessor)) Subprocessor {
		s := betterStack
		f(&s)
		return s
	}
	fadpOnly := func(d *Deal) { d.Customer.Country, d.SCC.SupervisoryAuthority = "CH", "" }
	noGDPR := func(d *Deal) { off := false; d.GDPR.Applies = &off }
	for _, tc := range []struct {
		name string
		deal func(*Deal)
		s    Subprocessor
		want string // a phrase of the warning, "" for none
	}{
		{"US company processing in Germany", nil, betterStack,
			`"none" rests on where Better Stack, Inc. processes the data (Germany), but its address is in the United States, outside the EEA and without an adequacy finding that covers it`},
		{"adequacy, address on its own line", nil, with(func(s *Subprocessor) {
			s.TransferMechanism, s.Country, s.Address = TransferAdequacy, "JP", "1 Main St\nMumbai 400001\nIndia"
		}), `"adequacy" rests on where Better Stack, Inc. processes the data (Japan), but its address is in India`},
		{"the SCCs", nil, with(func(s *Subprocessor) { s.TransferMechanism = TransferSCC }), ""},
		{"USA after a ZIP code", nil, with(func(s *Subprocessor) { s.Address = "350 Fifth Avenue, New York, NY 10001, USA" }),
			"but its address is in the United States"},
		{"USA on the ZIP code's part", nil, with(func(s *Subprocessor) { s.Address = "1 Main Street, Cambridge, MA 02142 USA" }),
			"but its address is in the United States"},
		{"U.S.", nil, with(func(s *Subprocessor) { s.Address = "1 Main Street, Austin, TX 78701, U.S." }),
			"but its address is in the United States"},
		{"the state of Georgia", nil, with(func(s *Subprocessor) { s.Address = "1 Peachtree St, Atlanta, Georgia 30303" }), ""},
		{"UK, adequate", nil, with(func(s *Subprocessor) { s.Address = "1 Old Street, London EC1A 1BB, UK" }), ""},
		{"adequacy, address in the EEA", nil, with(func(s *Subprocessor) {
			s.TransferMechanism, s.Country, s.Address = TransferAdequacy, "JP", "38 Avenue John F. Kennedy, L-1855 Luxembourg"
		}), ""},
		{"Swiss exporter, address at home", fadpOnly, with(func(s *Subprocessor) { s.Address = "Bahnhofstrasse 1, 8001 Zürich, Schweiz" }), ""},
		{"address in the EEA, after a postcode", nil, with(func(s *Subprocessor) { s.Address = "38 Avenue John F. Kennedy, L-1855 Luxembourg" }), ""},
		{"address in an adequate country", nil, with(func(s *Subprocessor) { s.Address = "1-1 Chiyoda, Tokyo, Japan" }), ""},
		{"address ends with a state code", nil, with(func(s *Subprocessor) { s.Address = "2261 Market Street, San Francisco, CA" }), ""},
		{"address in the country of processing", nil, with(func(s *Subprocessor) { s.Address = "Hauptstraße 1, 10115 Berlin, Germany" }), ""},
		{"no address", nil, with(func(s *Subprocessor) { s.Address = "" }), ""},
		{"Swiss exporter under the FADP alone", fadpOnly, with(func(s *Subprocessor) { s.Country = "CH" }),
			"outside Switzerland and the EEA and without an adequacy finding that covers it"},
		{"US-only deal", noGDPR, betterStack, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := exampleDeal(t)
			if tc.deal != nil {
				tc.deal(d)
			}
			var got []Problem
			for _, w := range ListWarnings(d, []Subprocessor{tc.s}, "list") {
				if w.Rule == WarnEstablishedAbroad {
					got = append(got, w)
				}
			}
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("warned: %v", got)
			case tc.want != "" && (len(got) != 1 || got[0].Path != "list[0].transfer_mechanism" || !strings.Contains(got[0].Message, tc.want)):
				t.Errorf("ListWarnings = %v, want one %s warning at list[0].transfer_mechanism containing %q", got, WarnEstablishedAbroad, tc.want)
			}
		})
	}
}

// TestPartialAdequacy: a sub-processor in Canada that relies on adequacy
// is warned of (the finding covers only PIPEDA), one under the SCCs and
// one in a deal without restricted transfers are not.
func TestPartialAdequacy(t *testing.T) {
	ca := Subprocessor{Name: "Maple Logs Inc.", Purpose: "Log storage", Location: "Toronto", Country: "CA",
		Category: CategoryService, TransferMechanism: TransferAdequacy}
	for _, tc := range []struct {
		name      string
		mechanism string
		gdpr      bool
		warned    bool
	}{
		{"adequacy", TransferAdequacy, true, true},
		{"none", TransferNone, true, true},
		{"the SCCs", TransferSCC, true, false},
		{"US-only deal", TransferNone, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := exampleDeal(t)
			if !tc.gdpr {
				off := false
				d.GDPR.Applies = &off
			}
			s := ca
			s.TransferMechanism = tc.mechanism
			var got []Problem
			for _, w := range ListWarnings(d, []Subprocessor{s}, "list") {
				if w.Rule == WarnPartialAdequacy {
					got = append(got, w)
				}
			}
			if tc.warned != (len(got) == 1) || len(got) > 1 {
				t.Fatalf("partial_adequacy warnings %v, want warned %t", got, tc.warned)
			}
			if tc.warned && (got[0].Path != "list[0].transfer_mechanism" || !strings.Contains(got[0].Message, "covers only recipients subject to the Personal Information Protection and Electronic Documents Act (PIPEDA)") ||
				!strings.Contains(got[0].Message, "confirm that Maple Logs Inc.'s processing falls under PIPEDA")) {
				t.Errorf("warning %v", got[0])
			}
		})
	}
}

// TestListWarningRulesComplete: ListWarnings gives only the rules
// ListWarningRules names, and each of them for some list.
func TestListWarningRulesComplete(t *testing.T) {
	entry := func(name, country, mechanism, address string) Subprocessor {
		return Subprocessor{Name: name, Purpose: "Support", Location: country, Country: country,
			Category: CategoryService, TransferMechanism: mechanism, Address: address}
	}
	list := []Subprocessor{
		entry("Kakao Corp.", "KR", TransferNone, ""),
		entry("Monaco Hosting SAM", "MC", TransferNone, ""),
		entry("Better Stack, Inc.", "DE", TransferNone, "San Francisco, CA 94114, United States"),
		entry("Maple Logs Inc.", "CA", TransferAdequacy, ""),
	}
	seen := map[string]bool{}
	for _, fadpOnly := range []bool{false, true} {
		d := exampleDeal(t)
		if fadpOnly {
			d.Customer.Country, d.SCC.SupervisoryAuthority = "CH", ""
		}
		for _, w := range ListWarnings(d, list, "list") {
			if !slices.Contains(ListWarningRules(), w.Rule) {
				t.Errorf("ListWarnings gives %s, which ListWarningRules lacks", w.Rule)
			}
			seen[w.Rule] = true
		}
	}
	for _, r := range ListWarningRules() {
		if !seen[r] {
			t.Errorf("no list gave %s", r)
		}
	}
}
