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
		// Whether the seat needs a safeguard at all: judged with "none",
		// which fits the EEA and every adequate country ("adequacy" is
		// refused at home, in the EEA).
		probe := s
		probe.Country, probe.TransferMechanism = seat, subproc.TransferNone
		if len(rules.TransferProblems([]Subprocessor{probe}, prefix)) == 0 {
			continue
		}
		outside, within := originArea(origin)
		ws = append(ws, Problem{Path: fmt.Sprintf("%s[%d].transfer_mechanism", prefix, i), Rule: WarnEstablishedAbroad,
			Message: fmt.Sprintf(`%q rests on where %s processes the data (%s), but its address is in %s, outside %s and without an adequacy finding that covers it: a recipient established there is in a third country wherever it keeps the data, so the data it receives is transferred (EDPB Guidelines 05/2021); use "scc", or, if the sub-processor is in fact an establishment of it in %s or an adequate country, give that establishment's name and address`,
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
// comma-separated part, as a country's English (or local) name or a
// common short form ("USA", "U.S.", "UK", "UAE"), or that part without the
// words that hold a digit ("L-1855 Luxembourg", "Cambridge MA 02142 USA").
// A two-letter part other than "UK" is not read as a country code, since
// an address often ends with a state ("CA" is California, not Canada), and
// "Georgia" after a US ZIP code is the state.
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
	zip := false
	for _, w := range strings.Fields(a) {
		switch {
		case len(w) == 5 && !strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }):
			zip = true
		case !strings.ContainsFunc(w, unicode.IsDigit):
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return "", false
	}
	if code, ok := countryName(words[len(words)-1]); ok && !(zip && code == "GE") {
		return code, true // "Cambridge MA 02142 USA"
	}
	if code, ok := countryName(strings.Join(words, " ")); ok && !(zip && code == "GE") {
		return code, true
	}
	return "", false
}

// countryName looks s up as a country's name or short form, never as a
// two-letter code ("UK" aside).
func countryName(s string) (string, bool) {
	if len(s) <= 2 && !strings.EqualFold(s, "UK") {
		return "", false
	}
	return country.Lookup(s)
}
