package assemble

import (
	"fmt"
	"strings"
	"text/template"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/wording"
)

// funcMap is the template function map: an allow-list of sprig's pure
// functions, bounded versions of those that multiply their input (see
// allowedFuncs) and dpakit's legal wording.
func funcMap() template.FuncMap {
	fm := allowedFuncs()
	fm["words"] = wording.Words
	fm["spell"] = wording.Spell
	fm["count"] = wording.Count
	fm["date"] = wording.Date
	fm["join"] = wording.Join
	fm["joinOr"] = wording.JoinOr
	fm["joinInline"] = wording.JoinInline
	fm["joinData"] = wording.JoinData
	fm["lowerInitial"] = wording.LowerInitial
	fm["sentence"] = wording.Sentence
	fm["addressee"] = wording.Addressee
	fm["salutation"] = wording.Salutation
	fm["module"] = wording.Module
	fm["moduleShort"] = wording.ModuleShort
	fm["modules"] = wording.Modules
	fm["roles"] = wording.Roles
	fm["mechanism"] = wording.Mechanism
	fm["country"] = func(code string) (string, error) {
		if n := country.WithArticle(code); n != "" {
			return n, nil
		}
		return "", fmt.Errorf("country: unknown country code %q", code)
	}
	fm["countryName"] = func(code string) (string, error) {
		if n := country.Name(code); n != "" {
			return n, nil
		}
		return "", fmt.Errorf("countryName: unknown country code %q", code)
	}
	// place prints a location with its country's name, unless the location
	// names the country already: "eu-west-1 (Ireland)", "United States".
	fm["place"] = func(location, code string) (string, error) {
		n := country.Name(code)
		if n == "" {
			return "", fmt.Errorf("place: unknown country code %q", code)
		}
		if strings.Contains(location, n) {
			return location, nil
		}
		return location + " (" + n + ")", nil
	}
	// literal is piped into every printing action by addLiteral.
	fm[literalFunc] = literal
	fm["isEU"] = country.IsEU
	fm["isEEA"] = country.IsEEA
	fm["isEFTAEEA"] = country.IsEFTAEEA
	return fm
}
