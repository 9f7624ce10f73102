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
	// DE: Germany; EU true, EEA true; authority "the data protection supervisory authority competent under section 40 of the Federal Data Protection Act (BDSG): that of the German federal state (Land) in which the data exporter is established or, if it has establishments in more than one Land, has its main establishment"
	// US: the United States; EU false, EEA false; authority ""
	// CH: Switzerland; EU false, EEA false; authority "Federal Data Protection and Information Commissioner (FDPIC)"
}
