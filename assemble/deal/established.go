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
	origin := listOrigin(d)
	if origin == subproc.NoRestrictedTransfer {
		return nil
	}
	rules := subproc.Rules{Origin: origin}
	var ws []Problem
	for i, s := range list {
		if s.TransferMechanism != subproc.TransferNone && s.TransferMechanism != subproc.TransferAdequacy {
			continue
		}
		seat, ok := addressCountry(s.Address)
		if !ok || seat == s.Country || !country.Valid(s.Country) {
			continue
		}
		probe := s
		probe.Country = seat
		if len(rules.TransferProblems([]Subprocessor{probe}, prefix)) == 0 {
			continue // the seat needs no safeguard either
		}
		outside, within := originArea(origin)
		ws = append(ws, Problem{Path: fmt.Sprintf("%s[%d].transfer_mechanism", prefix, i), Rule: WarnEstablishedAbroad,
			Message: fmt.Sprintf(`%q rests on where %s processes the data (%s), but its address is in %s, outside %s, where a transfer needs a safeguard: a recipient established there receives a restricted transfer wherever it keeps the data, as its staff can reach it; use "scc", or, if the sub-processor is in fact an establishment of it in %s, give that establishment's name and address`,
				s.TransferMechanism, s.Name, country.WithArticle(s.Country), country.WithArticle(seat), outside, within)})
	}
	return ws
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

// addressCountry reads the country an address ends with: its last line or
// comma-separated part, as a country's English (or local) name, or that
// part without the words that hold a digit ("L-1855 Luxembourg"). Two- and
// three-letter parts are not read as country codes, since an address often
// ends with a state ("CA", "NSW").
func addressCountry(address string) (string, bool) {
	a := strings.TrimRight(strings.TrimSpace(address), ".")
	if i := strings.LastIndexAny(a, ",\n"); i >= 0 {
		a = a[i+1:]
	}
	a = strings.TrimSpace(a)
	if code, ok := countryName(a); ok {
		return code, true
	}
	var words []string
	for _, w := range strings.Fields(a) {
		if !strings.ContainsFunc(w, unicode.IsDigit) {
			words = append(words, w)
		}
	}
	return countryName(strings.Join(words, " "))
}

// countryName looks s up as a country's name, never as a code.
func countryName(s string) (string, bool) {
	if len(s) <= 3 {
		return "", false
	}
	return country.Lookup(s)
}
