package sublist

import (
	"errors"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/country"
)

// FuzzImportCSV checks that Import never panics on a CSV file, fails only
// with its own error kinds, and returns only lists whose required fields are
// filled, with valid codes and unique names.
func FuzzImportCSV(f *testing.F) {
	f.Add([]byte("Name,Purpose,Location,Country,Category,Transfer mechanism\nAWS,Hosting,EU,IE,Infrastructure,none\n"))
	f.Add([]byte("\uFEFFVendor;Function;Country code\nOkta;Login;US\n"))
	f.Add([]byte("Entity,Service,Country,Safeguard,URL,Added\nX,\"a\nb\",Mars,SCCs,x.example,2024-01-01\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		list, err := Import(data, "fuzz.csv")
		if err != nil {
			if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrFormat) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("uncategorised error: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range list {
			if s.Name == "" || s.Purpose == "" || s.Location == "" || !country.Valid(s.Country) {
				t.Fatalf("incomplete entry %+v", s)
			}
			if s.Category != "infrastructure" && s.Category != "service" {
				t.Fatalf("category %q", s.Category)
			}
			switch s.TransferMechanism {
			case "none", "adequacy", "scc", "dpf":
			default:
				t.Fatalf("transfer mechanism %q", s.TransferMechanism)
			}
			k := strings.ToLower(s.Name)
			if seen[k] {
				t.Fatalf("duplicate %q", s.Name)
			}
			seen[k] = true
		}
	})
}
