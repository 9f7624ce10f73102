package subproc

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/suggest"
)

// The text rules below are shared with the deal package, which applies
// them to its own fields: one implementation for a deal and a list alike.

// LineProblem explains why s is not acceptable single-line text, or
// returns "". The empty string is acceptable ("required" rejects it where
// needed).
func LineProblem(s string) string {
	if !utf8.ValidString(s) {
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return fmt.Sprintf("is not valid UTF-8 text (bad byte 0x%02X at byte %d)", s[i], i+1)
			}
			i += size
		}
	}
	pos := 0
	for _, r := range s {
		pos++
		if msg := badLineRune(r); msg != "" {
			if isLineBreak(r) {
				return fmt.Sprintf("contains %s at position %d; it must be a single line", msg, pos)
			}
			return fmt.Sprintf("contains %s at position %d", msg, pos)
		}
	}
	if s != "" && strings.TrimFunc(s, unicode.IsSpace) == "" {
		return "is blank (only white space)"
	}
	// White space at either end would print ("**Acme GmbH **") and, at the
	// start, can turn the text into Markdown code; refused rather than
	// trimmed, so that what validates is exactly what prints.
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(r) {
		return fmt.Sprintf("starts with white space (U+%04X); remove it", r)
	}
	if r, _ := utf8.DecodeLastRuneInString(s); unicode.IsSpace(r) {
		return fmt.Sprintf("ends with white space (U+%04X); remove it", r)
	}
	return ""
}

// isLineBreak reports whether r ends a line.
func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029
}

// badLineRune describes r if it has no place in single-line text, or
// returns "".
func badLineRune(r rune) string {
	switch {
	case isLineBreak(r):
		return fmt.Sprintf("a line break (U+%04X)", r)
	case r == '\t':
		return "a tab (U+0009)"
	case unicode.IsControl(r):
		return fmt.Sprintf("a control character (U+%04X)", r)
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return fmt.Sprintf("an invisible bidirectional text control (U+%04X)", r)
	case unicode.Is(unicode.Cf, r):
		// Zero-width spaces and joiners, the soft hyphen, the byte order
		// mark: two names that differ only by them look the same.
		return fmt.Sprintf("an invisible formatting character (U+%04X)", r)
	case unicode.Is(unicode.Co, r):
		return fmt.Sprintf("a private-use character (U+%04X)", r)
	case r == utf8.RuneError:
		return "the replacement character U+FFFD (was the text decoded with the wrong encoding?)"
	}
	return ""
}

// UnprintableProblem describes the first character of s that printable
// rejects, or returns "". Characters the line rule rejects are left to it.
func UnprintableProblem(s string, printable func(rune) bool) string {
	for _, r := range s {
		if badLineRune(r) == "" && !printable(r) {
			return fmt.Sprintf("character %q (U+%04X) cannot be printed in the PDF fonts", string(r), r)
		}
	}
	return ""
}

// CountryProblem explains why s is not a country code, with the code the
// user most likely meant.
func CountryProblem(s string) string {
	up := strings.ToUpper(s)
	switch {
	case up == "UK":
		return fmt.Sprintf(`%s is not an ISO 3166-1 country code; the United Kingdom is "GB"`, suggest.Quote(s))
	case up == "EL":
		return fmt.Sprintf(`%s is not an ISO 3166-1 country code; Greece is "GR"`, suggest.Quote(s))
	case s != up && country.Valid(up):
		return fmt.Sprintf("%s is not a country code: write it in upper case (%q)", suggest.Quote(s), up)
	}
	if code, ok := country.Lookup(s); ok {
		return fmt.Sprintf("%s is not a country code; did you mean %q (%s)?", suggest.Quote(s), code, country.WithArticle(code))
	}
	return fmt.Sprintf("%s is not an ISO 3166-1 alpha-2 country code (such as \"DE\" or \"US\")", suggest.Quote(s))
}

// PrivacyShieldProblem explains, for a transfer mechanism s that names the
// EU-US or Swiss-US Privacy Shield, that it no longer exists and what to
// write instead for a sub-processor in country code (which may be ""): no
// mechanism where data reaches it without one (Home), the Data Privacy
// Framework that succeeded the Shield or standard contractual clauses in
// the United States, standard contractual clauses elsewhere. "" for any
// other s.
func (r Rules) PrivacyShieldProblem(s, code string) string {
	folded := FoldWords(s)
	if !strings.Contains(folded, "privacy shield") && !strings.Contains(folded, "privacyshield") {
		return ""
	}
	what := "the EU-US Privacy Shield was invalidated by the Court of Justice of the EU in July 2020 (Schrems II, Case C-311/18)"
	dpf := "EU-US Data Privacy Framework"
	if strings.Contains(folded, "swiss") || strings.Contains(folded, "ch us") {
		what = "the Swiss FDPIC found in September 2020 that the Swiss-US Privacy Shield does not provide adequate protection"
		dpf = "Swiss-US Data Privacy Framework"
	}
	msg := fmt.Sprintf("%s is not a transfer mechanism any more: %s", suggest.Quote(s), what)
	switch {
	case code != "" && r.Home(code):
		return msg + fmt.Sprintf("; write %q: a sub-processor in %s needs no transfer mechanism", TransferNone, r.HomeName())
	case code == "US":
		return msg + fmt.Sprintf("; write %q if the sub-processor is certified under the %s, its successor, otherwise %q (standard contractual clauses)", TransferDPF, dpf, TransferSCC)
	case code == "":
		return msg + fmt.Sprintf("; write %q for a sub-processor in the United States certified under the %s, its successor, otherwise %q (standard contractual clauses)", TransferDPF, dpf, TransferSCC)
	}
	return msg + fmt.Sprintf("; write %q (standard contractual clauses)", TransferSCC)
}

// orList writes "a", "a or b", "a, b or c".
func orList(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}
