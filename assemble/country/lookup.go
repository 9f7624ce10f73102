package country

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Lookup finds the ISO 3166-1 alpha-2 code a person most likely means by s:
// a code in any case ("nl", "NL"), the English name with or without its
// article ("the Netherlands", "netherlands"), a common other English name
// ("USA", "UK", "Holland", "Czech Republic") or the name in the country's own
// language or a neighbour's ("Deutschland", "Österreich", "España",
// "Schweiz", "Royaume-Uni", "Vereinigte Staaten"). Case, accents and
// punctuation do not matter. It reports false when s names no country.
//
// "UK" and "EL" are not ISO codes but are what people write for the United
// Kingdom and Greece (the EU uses them), so they resolve to "GB" and "GR".
func Lookup(s string) (string, bool) {
	if len(s) == 2 && Valid(strings.ToUpper(s)) {
		return strings.ToUpper(s), true
	}
	key := foldName(s)
	key = strings.TrimPrefix(key, "the ")
	code, ok := byName[key]
	return code, ok
}

// byName indexes every English short name, alias and local name by its
// folded form. It is built once and only read.
var byName = indexNames()

func indexNames() map[string]string {
	m := make(map[string]string, len(names)+len(otherNames))
	for code, n := range names {
		m[foldName(n)] = code
	}
	for n, code := range otherNames {
		m[foldName(n)] = code
	}
	return m
}

// foldName folds a country name for matching: lower case, accents dropped
// ("Österreich" → "osterreich"), and every run of characters other than
// letters and digits turned into one space.
func foldName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: dropped
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// otherNames are names for countries besides names' English short names:
// other English forms, and the names used in the EEA's languages for the
// countries a sub-processor list or a deal commonly names.
var otherNames = map[string]string{
	// English variants and abbreviations.
	"USA": "US", "U.S.": "US", "U.S.A.": "US", "United States of America": "US", "America": "US",
	"UK": "GB", "U.K.": "GB", "Great Britain": "GB", "Britain": "GB", "England": "GB", "Scotland": "GB",
	"Wales": "GB", "Northern Ireland": "GB", "United Kingdom of Great Britain and Northern Ireland": "GB",
	"EL": "GR", "Holland": "NL", "The Netherlands": "NL", "Czech Republic": "CZ", "Korea": "KR",
	"Republic of Korea": "KR", "Turkey": "TR", "Turkiye": "TR", "Russian Federation": "RU",
	"Viet Nam": "VN", "Macedonia": "MK", "Swaziland": "SZ", "Ivory Coast": "CI", "Cote d'Ivoire": "CI",
	"UAE": "AE", "Republic of Ireland": "IE", "Slovak Republic": "SK", "Hong Kong SAR": "HK",
	// German.
	"Deutschland": "DE", "Bundesrepublik Deutschland": "DE", "Österreich": "AT", "Schweiz": "CH",
	"Frankreich": "FR", "Spanien": "ES", "Italien": "IT", "Niederlande": "NL", "Belgien": "BE",
	"Luxemburg": "LU", "Polen": "PL", "Tschechien": "CZ", "Dänemark": "DK", "Schweden": "SE",
	"Norwegen": "NO", "Finnland": "FI", "Irland": "IE", "Griechenland": "GR", "Ungarn": "HU",
	"Rumänien": "RO", "Bulgarien": "BG", "Kroatien": "HR", "Slowenien": "SI", "Slowakei": "SK",
	"Litauen": "LT", "Lettland": "LV", "Estland": "EE", "Zypern": "CY", "Island": "IS",
	"Vereinigtes Königreich": "GB", "Großbritannien": "GB", "Vereinigte Staaten": "US",
	"Vereinigte Staaten von Amerika": "US", "Kanada": "CA", "Indien": "IN", "Türkei": "TR",
	"Amerika": "US",
	// French.
	"Allemagne": "DE", "Autriche": "AT", "Suisse": "CH", "Espagne": "ES", "Italie": "IT",
	"Pays-Bas": "NL", "Belgique": "BE", "Pologne": "PL", "Tchéquie": "CZ", "Danemark": "DK",
	"Suède": "SE", "Norvège": "NO", "Finlande": "FI", "Irlande": "IE", "Grèce": "GR",
	"Hongrie": "HU", "Roumanie": "RO", "Bulgarie": "BG", "Croatie": "HR", "Slovénie": "SI",
	"Slovaquie": "SK", "Lituanie": "LT", "Lettonie": "LV", "Estonie": "EE", "Chypre": "CY",
	"Islande": "IS", "Royaume-Uni": "GB", "États-Unis": "US", "Etats-Unis d'Amérique": "US",
	"Inde": "IN", "Japon": "JP",
	// Spanish, Italian, Portuguese.
	"España": "ES", "Alemania": "DE", "Francia": "FR", "Italia": "IT", "Países Bajos": "NL",
	"Reino Unido": "GB", "Estados Unidos": "US", "Irlanda": "IE", "Suiza": "CH", "Bélgica": "BE",
	"Germania": "DE", "Spagna": "ES", "Paesi Bassi": "NL", "Regno Unito": "GB", "Stati Uniti": "US",
	"Svizzera": "CH", "Austria": "AT", "Grecia": "GR", "Polonia": "PL", "Svezia": "SE",
	"Alemanha": "DE", "França": "FR", "Espanha": "ES", "Holanda": "NL", "Irlanda do Norte": "GB",
	"Estados Unidos da América": "US", "Estados Unidos de América": "US", "Stati Uniti d'America": "US",
	// Dutch, Scandinavian, Polish, Czech, Finnish (the United States; "Amerika",
	// above, serves most of them).
	"Verenigde Staten": "US", "Verenigde Staten van Amerika": "US", "Förenta staterna": "US",
	"Amerikas förenta stater": "US", "De forente stater": "US", "Amerikas Forenede Stater": "US",
	"Stany Zjednoczone": "US", "Spojené státy": "US", "Spojené státy americké": "US", "Yhdysvallat": "US",
	// The countries' own names.
	"Nederland": "NL", "België": "BE", "Belgie": "BE", "Lëtzebuerg": "LU", "Polska": "PL",
	"Česko": "CZ", "Česká republika": "CZ", "Danmark": "DK", "Sverige": "SE", "Norge": "NO",
	"Suomi": "FI", "Éire": "IE", "Ελλάδα": "GR", "Hellas": "GR", "Magyarország": "HU",
	"România": "RO", "България": "BG", "Hrvatska": "HR", "Slovenija": "SI", "Slovensko": "SK",
	"Lietuva": "LT", "Latvija": "LV", "Eesti": "EE", "Κύπρος": "CY", "Kypros": "CY", "Ísland": "IS",
	"Portugal": "PT", "Malta": "MT", "Nippon": "JP", "Zhongguo": "CN",
}
