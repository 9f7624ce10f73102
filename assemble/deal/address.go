package deal

import (
	"fmt"
	"strings"

	"github.com/dpakit/dpakit/assemble/country"
)

// WarnAddressRepeatsCountry: a party's address ends with the name of its
// country, which the DPA prints after the address, so the country would
// be printed twice ("20457 Hamburg, Germany, Germany").
const WarnAddressRepeatsCountry = "address_repeats_country"

// addressWarnings warns of each party address (customer, provider, the
// customer's representative in the Union) that ends with the English name
// of the country given beside it: the DPA, its Annex I.A and the UK
// Addendum's Table 1 print "address, country".
func addressWarnings(d *Deal) []Problem {
	type party struct{ path, address, code string }
	parties := []party{
		{"customer.address", d.Customer.Address, d.Customer.Country},
		{"provider.address", d.Provider.Address, d.Provider.Country},
	}
	if r := d.Customer.Representative; r != nil {
		parties = append(parties, party{"customer.representative.address", r.Address, r.Country})
	}
	var ws []Problem
	for _, p := range parties {
		if !endsWithCountry(p.address, p.code) {
			continue
		}
		name := country.Name(p.code)
		ws = append(ws, Problem{Path: p.path, Rule: WarnAddressRepeatsCountry, Message: fmt.Sprintf(
			"ends with %q, which the DPA prints after the address from the country code, so it would read %q twice; leave the country out of the address", name, name)})
	}
	return ws
}

// endsWithCountry reports whether address ends, after a comma or a line
// break, with the English name of the country whose code is given ("The
// Netherlands" too).
func endsWithCountry(address, code string) bool {
	name := country.Name(code)
	if name == "" || name == code {
		return false
	}
	a := strings.TrimRight(strings.TrimSpace(address), ".")
	i := strings.LastIndexAny(a, ",\n")
	if i < 0 {
		return false
	}
	tail := strings.TrimSpace(a[i+1:])
	if len(tail) > 4 && strings.EqualFold(tail[:4], "the ") {
		tail = tail[4:]
	}
	return strings.EqualFold(tail, name)
}
