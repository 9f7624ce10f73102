package deal

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/subproc"
)

// WarnEstablishedAbroad: a sub-processor's transfer mechanism ("none",
// "adequacy") rests on the country where it processes the data, but its
// address is in a country from which that origin's law would require a
// safeguard. A recipient established in a third country receives a
// restricted transfer wherever it keeps the data (EDPB Guidelines 05/2021
// on the interplay between Article 3 and Chapter V of the GDPR: the
// importer is "in a third country"), and its staff there can reach data
// kept in the EEA, so the label "None required" says more than the law
// allows, unless the sub-processor is in fact an establishment in the EEA,
// whose name and address the list should then give.
const WarnEstablishedAbroad = "subprocessor_established_abroad"

// establishedAbroadWarnings warns about each sub-processor of list whose
// mechanism ("none", "adequacy") fits the country where it processes the
// data but whose address (its last line or comma-separated part, read as
// a country name) is in a country for which the deal's origin of the data
// (listOrigin) needs a safeguard. It says nothing for a deal without
// restricted transfers, an entry whose address names no country, or one
// whose address is in the country where it processes.
func establishedAbroadWarnings(d *Deal, list []Subprocessor, prefix string) []Problem {
	origins := transferOrigins(d)
	if len(origins) == 0 {
		return nil
	}
	var ws []Problem
	for i, s := range list {
		if s.TransferMechanism != subproc.TransferNone && s.TransferMechanism != subproc.TransferAdequacy {
			continue
		}
		seat, ok := addressCountry(s.Address)
		if !ok || seat == s.Country || !country.Valid(s.Country) {
			continue
		}
		origin, needs := seatNeedsSafeguard(s, seat, origins)
		if !needs {
			continue
		}
		outside, within := originArea(origin)
		ws = append(ws, Problem{Path: fmt.Sprintf("%s[%d].transfer_mechanism", prefix, i), Rule: WarnEstablishedAbroad,
			Message: fmt.Sprintf(`%s is marked %q because it processes the data in %s, but its address is in %s, outside %s and without an adequacy finding that covers it. A company established there receives the data as a transfer wherever it keeps it (EDPB Guidelines 05/2021), so use "scc"; or, if the sub-processor is in fact that company's establishment in %s, or in an adequate country, give that establishment's name and address instead`,
				s.Name, s.TransferMechanism, country.WithArticle(s.Country), country.WithArticle(seat), outside, within)})
	}
	return ws
}

// transferOrigins returns the places the data a deal's sub-processors
// receive comes from, each judged by its own law: the origin of the list
// (listOrigin), then Switzerland where the FADP also governs the
// transfers, then the United Kingdom where UK Data Protection Laws do. It
// returns nil for a deal without restricted transfers.
func transferOrigins(d *Deal) []subproc.Origin {
	first := listOrigin(d)
	if first == subproc.NoRestrictedTransfer {
		return nil
	}
	origins := []subproc.Origin{first}
	laws := d.TransferLaws()
	if laws.FADP && first != subproc.FromSwitzerland {
		origins = append(origins, subproc.FromSwitzerland)
	}
	if laws.UK && first != subproc.FromUK {
		origins = append(origins, subproc.FromUK)
	}
	return origins
}

// seatNeedsSafeguard reports whether a transfer to a recipient
// established in seat needs a safeguard from one of origins, and the first
// such origin. The seat is judged with "none", which fits the EEA and
// every country adequate for that origin ("adequacy" is refused at home).
func seatNeedsSafeguard(s Subprocessor, seat string, origins []subproc.Origin) (subproc.Origin, bool) {
	probe := s
	probe.Country, probe.TransferMechanism = seat, subproc.TransferNone
	for _, o := range origins {
		if len((subproc.Rules{Origin: o}).TransferProblems([]Subprocessor{probe}, "list")) > 0 {
			return o, true
		}
	}
	return 0, false
}

// originArea names the area from which a transfer of the data is judged,
// after "outside" and after "an establishment in".
func originArea(o subproc.Origin) (outside, within string) {
	switch o {
	case subproc.FromSwitzerland:
		return "Switzerland and the EEA", "Switzerland or the EEA"
	case subproc.FromUK:
		return "the United Kingdom and the EEA", "the United Kingdom or the EEA"
	}
	return "the EEA", "the EEA"
}

// addressCountry reads the country an address ends with: its last
// comma-, semicolon- or dash-separated part, without a closing bracket
// ("United States (US)"), as a country's English (or local) name or a
// common short form ("USA", "U.S.", "US", "UK", "UAE"); failing that, that
// part without its postcode and state code (the words that hold a digit,
// and two-letter capitals before the name: "L-1855 Luxembourg",
// "MA 02142 USA"). Other two-letter parts are not read as country codes,
// since an address often ends with a state ("CA" is California, not
// Canada), and "Georgia" is never read, being a US state as often as the
// country.
func addressCountry(address string) (string, bool) {
	a := strings.TrimSpace(address)
	for _, sep := range []string{",", ";", "\n", " – ", " — ", " - "} {
		if i := strings.LastIndex(a, sep); i >= 0 {
			a = a[i+len(sep):]
		}
	}
	a = strings.TrimRight(strings.TrimSpace(a), ".!")
	if i := strings.LastIndex(a, " ("); i > 0 && strings.HasSuffix(a, ")") {
		a = strings.TrimSpace(a[:i])
	}
	if code, ok := countryName(a); ok {
		return code, code != "GE"
	}
	var words []string
	for _, w := range strings.Fields(a) {
		if !strings.ContainsFunc(w, unicode.IsDigit) {
			words = append(words, w)
		}
	}
	for len(words) > 1 && len(words[0]) == 2 && strings.ToUpper(words[0]) == words[0] {
		words = words[1:] // a state code before the country: "MA USA"
	}
	if len(words) == 0 {
		return "", false
	}
	code, ok := countryName(strings.Join(words, " "))
	return code, ok && code != "GE"
}

// countryName looks s up as a country's name or short form, never as a
// two-letter code ("US" and "UK" aside, which are no state's).
func countryName(s string) (string, bool) {
	if len(s) <= 2 && !strings.EqualFold(s, "UK") && !strings.EqualFold(s, "US") {
		return "", false
	}
	return country.Lookup(s)
}
