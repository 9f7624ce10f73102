package country

import "strings"

// AuthorityCountry returns the code of the country whose data protection
// supervisory authority the text names, "" when it names none that this
// package knows: the text is the authority's name as SupervisoryAuthority
// or, for Germany ("DE"), LandAuthority returns it, possibly inside a longer
// text ("the Data Protection Commission (Ireland), Dublin"), ignoring case
// and spacing. Where several names fit, the longest wins. A text that
// describes Germany's authorities rather than naming one, or names an
// authority in other words, gives "": it cannot be judged.
func AuthorityCountry(text string) string {
	t := foldAuthority(text)
	if t == "" {
		return ""
	}
	best, bestLen := "", 0
	try := func(code, name string) {
		n := foldAuthority(name)
		if len(n) > bestLen && strings.Contains(t, n) {
			best, bestLen = code, len(n)
		}
	}
	for code, name := range authorities {
		if code != "DE" { // Germany's entry is a description, not a name
			try(code, name)
		}
	}
	for _, name := range landAuthorities {
		try("DE", name)
	}
	return best
}

// foldAuthority lower-cases s, folds the typographic apostrophe and joins
// its words with single spaces.
func foldAuthority(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "’", "'")
	return strings.Join(strings.Fields(s), " ")
}
