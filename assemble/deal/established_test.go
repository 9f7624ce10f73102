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
			`Better Stack, Inc. is marked "none" because it processes the data in Germany, but its address is in the United States, outside the EEA and without an adequacy finding that covers it. A company established there receives the data as a transfer wherever it keeps it (EDPB Guidelines 05/2021), so use "scc"`},
		{"adequacy, address on its own line", nil, with(func(s *Subprocessor) {
			s.TransferMechanism, s.Country, s.Address = TransferAdequacy, "JP", "1 Main St\nMumbai 400001\nIndia"
		}), `Better Stack, Inc. is marked "adequacy" because it processes the data in Japan, but its address is in India`},
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
		{"address in a country adequate for EU, Swiss and UK data", nil, with(func(s *Subprocessor) { s.Address = "1 Lambton Quay, Wellington 6011, New Zealand" }), ""},
		// The example deal has the Swiss terms on: Japan has an EU adequacy
		// decision, but the Swiss Federal Council does not list it.
		{"address adequate for EU data, not for Swiss data", nil, with(func(s *Subprocessor) { s.Address = "1-1 Chiyoda, Tokyo, Japan" }),
			"but its address is in Japan, outside Switzerland and the EEA"},
		{"address adequate under the GDPR alone", func(d *Deal) { d.Swiss.Enabled, d.UKAddendum.Enabled = false, false },
			with(func(s *Subprocessor) { s.Address = "1-1 Chiyoda, Tokyo, Japan" }), ""},
		{"New Mexico is no country", nil, with(func(s *Subprocessor) { s.Address = "1 Plaza, Santa Fe, New Mexico 87501" }), ""},
		{"Georgia without a ZIP code", nil, with(func(s *Subprocessor) { s.Address = "100 Peachtree St, Atlanta, Georgia" }), ""},
		{"a code in brackets after the name", nil, with(func(s *Subprocessor) { s.Address = "1 State St, Boston, MA 02110, United States (US)" }),
			"but its address is in the United States"},
		{"a dash before the name", nil, with(func(s *Subprocessor) { s.Address = "1 State St, Boston, MA 02110 – United States" }),
			"but its address is in the United States"},
		{"US", nil, with(func(s *Subprocessor) { s.Address = "1 State St, Boston, MA 02110, US" }),
			"but its address is in the United States"},
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
			if tc.warned && (got[0].Path != "list[0].transfer_mechanism" || !strings.Contains(got[0].Message, "which covers only recipients subject to the Personal Information Protection and Electronic Documents Act (PIPEDA): organisations handling the data in the course of commercial activities") ||
				!strings.Contains(got[0].Message, "confirm that Maple Logs Inc. receives the data under PIPEDA")) {
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
