package country_test

import (
	"fmt"

	"github.com/dpakit/dpakit/assemble/country"
)

func Example() {
	for _, code := range []string{"NL", "DE", "US", "CH"} {
		fmt.Printf("%s: %s; EU %v, EEA %v; authority %q\n", code, country.WithArticle(code),
			country.IsEU(code), country.IsEEA(code), country.SupervisoryAuthority(code))
	}
	// Output:
	// NL: the Netherlands; EU true, EEA true; authority "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)"
	// DE: Germany; EU true, EEA true; authority "the data protection authority of the federal state (Land) in which the data exporter is established"
	// US: the United States; EU false, EEA false; authority ""
	// CH: Switzerland; EU false, EEA false; authority "Federal Data Protection and Information Commissioner (FDPIC)"
}
