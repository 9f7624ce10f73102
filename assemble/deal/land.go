package deal

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/suggest"
)

// Warning rules about a German customer's Land, whose authority supervises
// it (section 40 of the Federal Data Protection Act, BDSG).
const (
	// WarnLandUnknown: a German customer's Land is neither given
	// (customer.state) nor clear from the postal code in customer.address,
	// so Clause 13 and Annex I.C describe the authority instead of naming
	// it.
	WarnLandUnknown = "land_unknown"
	// WarnLandMismatch: customer.state names another Land than the one the
	// postal code in customer.address lies in.
	WarnLandMismatch = "state_postcode_mismatch"
)

// CustomerLand returns the ISO 3166-2 code of a German customer's Land:
// customer.state when given, else the Land of the postal code in
// customer.address when the address holds exactly one five-digit number
// and Deutsche Post allocates it to exactly one Land ("Leopoldstraße 77,
// 80802 München" → "DE-BY"). It returns "" for a customer outside Germany
// and wherever that would be a guess: no postal code, several five-digit
// numbers, or a postal code whose area crosses a Land boundary.
func CustomerLand(d *Deal) string {
	if d.Customer.Country != "DE" {
		return ""
	}
	if d.Customer.State != "" {
		return d.Customer.State
	}
	if lands := postcodeLands(d.Customer.Address); len(lands) == 1 {
		return lands[0]
	}
	return ""
}

// postcodeLands returns the Länder of the one postal code in a German
// address (see country.PostcodeLands), or nil when the address has no
// five-digit number or several different ones.
func postcodeLands(address string) []string {
	codes := fiveDigitNumbers(address)
	if len(codes) != 1 {
		return nil
	}
	return country.PostcodeLands(codes[0])
}

// fiveDigitNumbers returns the distinct runs of exactly five digits in s,
// in order: the candidates for a German postal code ("D-80331" and
// "80331 München" both give "80331"; "Postfach 123456" gives none).
func fiveDigitNumbers(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if n := s[i:j]; len(n) == 5 && !slices.Contains(out, n) {
			out = append(out, n)
		}
		i = j
	}
	return out
}

// landWarnings warns, for a German customer whose DPA names a supervisory
// authority under Clause 13, when the authority is only described because
// the Land is unknown, and when customer.state and the postal code
// disagree. A deal that names scc.supervisory_authority itself gets no
// warning about the Land being unknown.
func landWarnings(d *Deal) []Problem {
	if d.Customer.Country != "DE" || !hasClause13(d.SCC) || !d.GDPR.On() {
		return nil
	}
	codes := fiveDigitNumbers(d.Customer.Address)
	if d.Customer.State != "" {
		if lands := postcodeLands(d.Customer.Address); len(lands) > 0 && country.IsGermanLand(d.Customer.State) && !slices.Contains(lands, d.Customer.State) {
			return []Problem{{Path: "customer.state", Rule: WarnLandMismatch, Message: fmt.Sprintf(
				"%s (%s) is not the Land of the postal code %s in customer.address (%s); the DPA names the authority of customer.state: check which Land the customer is established in",
				suggest.Quote(d.Customer.State), country.LandName(d.Customer.State), codes[0], landList(lands))}}
		}
		return nil
	}
	if d.SCC.SupervisoryAuthority != country.SupervisoryAuthority("DE") {
		return nil
	}
	var why string
	switch lands := postcodeLands(d.Customer.Address); {
	case len(codes) == 0:
		why = "customer.address has no German postal code"
	case len(codes) > 1:
		why = fmt.Sprintf("customer.address has several five-digit numbers (%s), so its postal code is unclear", strings.Join(codes, ", "))
	case len(lands) > 1:
		why = fmt.Sprintf("the postal code %s in customer.address serves places in more than one Land (%s)", codes[0], landList(lands))
	default:
		why = fmt.Sprintf("the postal code %s in customer.address is not allocated to any German Land", codes[0])
	}
	return []Problem{{Path: "customer.state", Rule: WarnLandUnknown, Message: fmt.Sprintf(
		"is not set and %s, so Clause 13 and Annex I.C describe the supervisory authority as that of the Land in which the customer is established instead of naming it; set customer.state to the customer's Land (ISO 3166-2, such as DE-BY for Bavaria), or scc.supervisory_authority to the authority's name",
		why)}}
}

// landList names Länder: "Hamburg (DE-HH) and Schleswig-Holstein (DE-SH)".
func landList(codes []string) string {
	named := make([]string, len(codes))
	for i, c := range codes {
		named[i] = country.LandName(c) + " (" + c + ")"
	}
	return andList(named)
}
