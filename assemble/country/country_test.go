package country

import (
	"slices"
	"testing"

	"golang.org/x/text/language"
)

func TestName(t *testing.T) {
	tests := []struct {
		code, name, withArticle string
	}{
		{"NL", "Netherlands", "the Netherlands"},
		{"DE", "Germany", "Germany"},
		{"US", "United States", "the United States"},
		{"GB", "United Kingdom", "the United Kingdom"},
		{"CH", "Switzerland", "Switzerland"},
		{"CZ", "Czechia", "Czechia"},
		{"PH", "Philippines", "the Philippines"},
		{"BS", "Bahamas", "the Bahamas"},
		{"AE", "United Arab Emirates", "the United Arab Emirates"},
		{"CD", "Democratic Republic of the Congo", "the Democratic Republic of the Congo"},
		{"KR", "South Korea", "South Korea"},
		{"CI", "Côte d'Ivoire", "Côte d'Ivoire"},
		{"IM", "Isle of Man", "the Isle of Man"},
		{"nl", "", ""},
		{"XK", "", ""},
		{"UK", "", ""},
		{"", "", ""},
		{"NLD", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := Name(tt.code); got != tt.name {
				t.Errorf("Name(%q) = %q, want %q", tt.code, got, tt.name)
			}
			if got := WithArticle(tt.code); got != tt.withArticle {
				t.Errorf("WithArticle(%q) = %q, want %q", tt.code, got, tt.withArticle)
			}
			if got, want := Valid(tt.code), tt.name != ""; got != want {
				t.Errorf("Valid(%q) = %v, want %v", tt.code, got, want)
			}
		})
	}
}

// TestTableComplete checks the table against the region data of
// golang.org/x/text: every code is a country there, and every current
// country there is in the table.
func TestTableComplete(t *testing.T) {
	if len(names) != 249 {
		t.Errorf("table has %d codes, ISO 3166-1 assigns 249", len(names))
	}
	for code := range names {
		r, err := language.ParseRegion(code)
		if err != nil || !r.IsCountry() || r.String() != code {
			t.Errorf("%s is not an ISO 3166-1 country code in x/text (%v, %v)", code, r, err)
		}
	}
	// Codes x/text accepts as countries that ISO 3166-1 does not assign
	// (exceptional and transitional reservations, user-assigned codes, and
	// withdrawn codes that x/text still knows).
	notISO := map[string]bool{
		"AC": true, "CP": true, "DG": true, "EA": true, "EZ": true, "IC": true, "TA": true, "UN": true, "XK": true,
		"AN": true, "CQ": true, "CS": true, "FQ": true, "NT": true, "PC": true, "SU": true, "YU": true,
	}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code || notISO[code] {
				continue
			}
			if r.Canonicalize().String() != code {
				continue // deprecated code such as "DD" or "YU"
			}
			if !Valid(code) {
				t.Errorf("%s is a country in x/text but missing from the table", code)
			}
		}
	}
	for code := range withThe {
		if !Valid(code) {
			t.Errorf("article table lists unknown code %s", code)
		}
	}
}

func TestEUAndEEA(t *testing.T) {
	tests := []struct {
		code      string
		eu, eea   bool
		authority string
	}{
		{"NL", true, true, "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)"},
		{"DE", true, true, "the data protection supervisory authority competent under section 40 of the Federal Data Protection Act (BDSG): that of the German federal state (Land) in which the data exporter is established or, if it has establishments in more than one Land, has its main establishment"},
		{"IE", true, true, "Data Protection Commission (Ireland)"},
		{"NO", false, true, "Norwegian Data Protection Authority (Datatilsynet)"},
		{"IS", false, true, "Data Protection Authority (Persónuvernd)"},
		{"LI", false, true, "Data Protection Authority (Liechtenstein)"},
		{"CH", false, false, "Federal Data Protection and Information Commissioner (FDPIC)"},
		{"GB", false, false, "Information Commissioner's Office (ICO)"},
		{"US", false, false, ""},
		{"nl", false, false, ""},
		{"", false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := IsEU(tt.code); got != tt.eu {
				t.Errorf("IsEU(%q) = %v, want %v", tt.code, got, tt.eu)
			}
			if got := IsEEA(tt.code); got != tt.eea {
				t.Errorf("IsEEA(%q) = %v, want %v", tt.code, got, tt.eea)
			}
			if got := SupervisoryAuthority(tt.code); got != tt.authority {
				t.Errorf("SupervisoryAuthority(%q) = %q, want %q", tt.code, got, tt.authority)
			}
		})
	}
}

func TestTablesConsistent(t *testing.T) {
	if len(eu) != 27 {
		t.Errorf("%d EU Member States, want 27", len(eu))
	}
	for code := range eu {
		if !Valid(code) {
			t.Errorf("EU member %s is not a valid code", code)
		}
		if SupervisoryAuthority(code) == "" {
			t.Errorf("EU member %s has no supervisory authority", code)
		}
	}
	if len(authorities) != 32 {
		t.Errorf("%d authorities, want 32 (EEA 30, CH, GB)", len(authorities))
	}
}

func TestLookup(t *testing.T) {
	tests := map[string]string{
		"NL": "NL", "nl": "NL", "Netherlands": "NL", "the Netherlands": "NL", "THE NETHERLANDS": "NL",
		"Holland": "NL", "Nederland": "NL", "Niederlande": "NL",
		"France": "FR", "france": "FR", "fr": "FR", "Frankreich": "FR",
		"Germany": "DE", "Deutschland": "DE", "deutschland": "DE", "Allemagne": "DE",
		"Österreich": "AT", "Osterreich": "AT", "Schweiz": "CH", "Suisse": "CH",
		"USA": "US", "U.S.A.": "US", "United States": "US", "Vereinigte Staaten": "US", "États-Unis": "US",
		"UK": "GB", "uk": "GB", "Royaume-Uni": "GB", "United Kingdom": "GB",
		"EL": "GR", "Ελλάδα": "GR", "Czech Republic": "CZ", "Czechia": "CZ", "Česko": "CZ",
		"Côte d'Ivoire": "CI", "Cote d Ivoire": "CI", "España": "ES", "Espana": "ES",
		"  Ireland  ": "IE", "Türkiye": "TR",
		"Amerika": "US", "amerika": "US", "Vereinigte Staaten von Amerika": "US", "Etats-Unis": "US",
		"Estados Unidos": "US", "Estados Unidos de América": "US", "Stati Uniti": "US",
		"Stati Uniti d'America": "US", "Verenigde Staten": "US", "Verenigde Staten van Amerika": "US",
		"Förenta staterna": "US", "Stany Zjednoczone": "US", "Spojené státy": "US", "Yhdysvallat": "US",
	}
	for in, want := range tests {
		if got, ok := Lookup(in); !ok || got != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "Mars", "XX", "xk", "Europe", "EU", "Narnia"} {
		if got, ok := Lookup(bad); ok {
			t.Errorf("Lookup(%q) = %q, want no country", bad, got)
		}
	}
}

// TestOtherNamesResolve: every alias names an assigned code, and none
// shadows another country's English name.
func TestOtherNamesResolve(t *testing.T) {
	english := map[string]string{}
	for code, n := range names {
		english[foldName(n)] = code
	}
	for n, code := range otherNames {
		if !Valid(code) {
			t.Errorf("otherNames[%q] = %q, not an assigned code", n, code)
		}
		if c, ok := english[foldName(n)]; ok && c != code {
			t.Errorf("otherNames[%q] = %q shadows the English name of %s", n, code, c)
		}
	}
}

func TestCodes(t *testing.T) {
	codes := Codes()
	if len(codes) != len(names) {
		t.Fatalf("Codes() has %d codes, want %d", len(codes), len(names))
	}
	pos := map[string]int{}
	for i, c := range codes {
		pos[c] = i
	}
	// Åland sorts with A, not after Zimbabwe; Curaçao after Cuba.
	for _, pair := range [][2]string{{"AF", "AX"}, {"AX", "AL"}, {"CU", "CW"}, {"NL", "NZ"}, {"ZM", "ZW"}} {
		if pos[pair[0]] >= pos[pair[1]] {
			t.Errorf("%s (%s) sorts after %s (%s)", pair[0], names[pair[0]], pair[1], names[pair[1]])
		}
	}
}

func TestPostcodeLands(t *testing.T) {
	tests := []struct {
		postcode string
		want     []string
	}{
		{"80331", []string{"DE-BY"}}, // Munich
		{"10115", []string{"DE-BE"}}, // Berlin
		{"20095", []string{"DE-HH"}}, // Hamburg
		{"70173", []string{"DE-BW"}}, // Stuttgart
		{"01067", []string{"DE-SN"}}, // Dresden
		{"60311", []string{"DE-HE"}}, // Frankfurt am Main
		{"99084", []string{"DE-TH"}}, // Erfurt
		{"28195", []string{"DE-HB"}}, // Bremen
		{"22145", []string{"DE-HH", "DE-SH"}},
		{"07919", []string{"DE-SN", "DE-TH"}},
		{"63776", []string{"DE-BY", "DE-HE"}},
		{"87491", nil}, // Jungholz, Austria
		{"87568", nil}, // Kleinwalsertal, Austria
		{"00123", nil},
		{"8033", nil},
		{"8033a", nil},
		{"803311", nil},
	}
	for _, tt := range tests {
		if got := PostcodeLands(tt.postcode); !slices.Equal(got, tt.want) {
			t.Errorf("PostcodeLands(%q) = %q, want %q", tt.postcode, got, tt.want)
		}
	}
	for code := range landAuthorities {
		if LandName(code) == "" {
			t.Errorf("Land %s has no name", code)
		}
	}
}

func TestPostcodeRangesCoverOnlyLänder(t *testing.T) {
	for _, r := range postcodeRanges {
		if !IsGermanLand(r.land) || r.from > r.to {
			t.Errorf("bad range %+v", r)
		}
	}
}

// TestSwissAdequate: the Swiss Federal Council's list (Annex 1 DPO), not
// the European Commission's: Monaco and Gibraltar are adequate for a Swiss
// exporter, Japan and Korea are not, and the United States only through
// the Swiss-US Data Privacy Framework ("dpf").
func TestSwissAdequate(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"CH", true}, {"DE", true}, {"IE", true}, {"NO", true}, {"LI", true}, {"IS", true},
		{"GB", true}, {"MC", true}, {"GI", true}, {"IL", true}, {"UY", true}, {"CA", true},
		{"US", false}, {"JP", false}, {"KR", false}, {"IN", false}, {"", false}, {"ch", false},
	}
	for _, tt := range tests {
		if got := SwissAdequate(tt.code); got != tt.want {
			t.Errorf("SwissAdequate(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
	for code := range swissAdequate {
		if !Valid(code) || IsEEA(code) {
			t.Errorf("swissAdequate lists %s, which is not a valid code outside the EEA", code)
		}
	}
}

func TestAuthorityCountry(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{SupervisoryAuthority("IE"), "IE"},
		{"the data protection commission (ireland), 21 Fitzwilliam Square South, Dublin 2", "IE"},
		{SupervisoryAuthority("FR"), "FR"},
		{LandAuthority("DE-BY"), "DE"},
		{SupervisoryAuthority("DE"), ""}, // a description, not a name
		{"Data Protection Commission, Dublin", ""},
		{"", ""},
		{"Information Commissioner (Slovenia)", "SI"},
		{"Information and Data Protection Commissioner (Malta)", "MT"},
	} {
		if got := AuthorityCountry(tc.text); got != tc.want {
			t.Errorf("AuthorityCountry(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestUKAdequate checks the UK's adequacy list: the UK, the EEA, the
// countries carried over from the EU's decisions, the Republic of Korea;
// not the United States (only the UK Extension to the DPF) or Brazil.
func TestUKAdequate(t *testing.T) {
	for code, want := range map[string]bool{"GB": true, "DE": true, "NO": true, "CH": true, "JP": true, "KR": true, "GI": true, "NZ": true, "US": false, "BR": false, "IN": false} {
		if got := UKAdequate(code); got != want {
			t.Errorf("UKAdequate(%q) = %v, want %v", code, got, want)
		}
	}
}
