package pdf

import (
	"slices"
	"strings"
	"unicode"
)

// This file holds the typographic rules of line breaking that are not
// about measuring: which spaces are not line breaks (keepsDate, with
// document.KeepsNumber), where a word too long for its line breaks best
// (breakClassOf) and which words are addresses (isAddress).

// monthNames are the English month names a date kept on one line holds.
var monthNames = [...]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// isMonth reports whether s is an English month name, as written in a
// date ("December").
func isMonth(s string) bool {
	return slices.Contains(monthNames[:], s)
}

// isDay reports whether s is a day of a month: 1 to 31, in one or two
// digits.
func isDay(s string) bool {
	switch len(s) {
	case 1:
		return s[0] >= '1' && s[0] <= '9'
	case 2:
		return s[0] >= '0' && s[0] <= '3' && s[1] >= '0' && s[1] <= '9' && s != "00" && s <= "31"
	}
	return false
}

// isYear reports whether s is a year in four digits.
func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for i := range 4 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// leadingToken returns the letters and digits at the start of s.
func leadingToken(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return s[:i]
		}
	}
	return s
}

// trimOpening returns s without the opening brackets and quotes before it.
func trimOpening(s string) string {
	for {
		switch {
		case strings.HasPrefix(s, "("), strings.HasPrefix(s, "["), strings.HasPrefix(s, "\""), strings.HasPrefix(s, "'"):
			s = s[1:]
		case strings.HasPrefix(s, "“"), strings.HasPrefix(s, "‘"):
			s = s[len("“"):]
		default:
			return s
		}
	}
}

// lastTokens returns the last two space-separated tokens of word (prev is
// "" when there is one), without the opening brackets and quotes before
// them.
func lastTokens(word string) (prev, last string) {
	i := strings.LastIndexByte(word, ' ')
	last = trimOpening(word[i+1:])
	if i > 0 {
		j := strings.LastIndexByte(word[:i], ' ')
		prev = trimOpening(word[j+1 : i])
	}
	return prev, last
}

// keepsDate reports whether the space between word and next, the text
// that follows it in the same run, lies inside a date, so that a line must
// not break there: "1 December 2026" (the form the templates print, and
// "1 December" without a year) and "December 1, 2026" (a date written the
// American way in a deal's own text). word is the text of the word being
// built, which holds the spaces already kept ("1 December" before
// "2026"). The space stays an ordinary space in the text: a reader copying
// the date, or searching for it, finds it as written.
func keepsDate(word, next string) bool {
	if word == "" || next == "" {
		return false
	}
	// The common case, a space between words, fails at the first test:
	// a month follows a day, and a year or a day follows a month (whose
	// name ends in a small letter) or a day and its comma.
	switch c, z := next[0], word[len(word)-1]; {
	case c >= 'A' && c <= 'Z':
		if z < '0' || z > '9' {
			return false
		}
	case c >= '0' && c <= '9':
		if (z < 'a' || z > 'z') && z != ',' {
			return false
		}
	default:
		return false
	}
	prev, last := lastTokens(word)
	tok := leadingToken(next)
	switch {
	case isDay(last) && isMonth(tok): // "1 | December"
		return true
	case isMonth(last) && isDay(prev) && isYear(tok): // "1 December | 2026"
		return true
	case isMonth(last) && isDay(tok): // "December | 1, 2026"
		return true
	case strings.HasSuffix(last, ",") && isDay(last[:len(last)-1]) && isMonth(prev) && isYear(tok): // "December 1, | 2026"
		return true
	}
	return false
}

// isAddress reports whether text, a word or a piece of one, looks like an
// e-mail or web address.
func isAddress(text string) bool {
	return strings.Contains(text, "@") || strings.Contains(text, "://") || strings.Contains(text, "www.")
}

// breakClass ranks the places where a word too long for its line may
// break, best first (see breakClassOf); noBreak forbids a break.
type breakClass int8

const (
	noBreak        breakClass = iota - 1
	atKeptSpace               // a kept space: "Article 28", "1 December 2026"
	atAddressPart             // before "@", or before a single "/"
	atAddressMark             // after "//" or ":", before "?", "#", "&", "=", "%" or "~"
	atNamePart                // before ".", "-" or "_"
	betweenLetters            // between two letters or digits
	anywhere                  // between any other two characters
	numBreakClasses
)

// breakCost is what a break of each class costs, against piecePenalty.
var breakCost = [numBreakClasses]int32{0, 1, 2, 4, 20, 40}

// piecePenalty is what each piece of a split word costs, against the
// breakCost of its breaks. A break between two letters costs as much as
// two lines: a word splits in three pieces at its punctuation rather than
// in two between letters, but not in four.
const piecePenalty = 10

// breakClassOf returns the class of a break between the runes prev and r
// of a word too long for its line, where next is the rune after r (0 at
// the end of the word) and prev2 the rune before prev. The places follow
// The Chicago Manual of Style's advice for e-mail and web addresses: the
// break comes before the punctuation, so that the mark starts the next line
// and shows that the address goes on (a line never ends in a hyphen or a
// dot that would read as the end of a word or of a sentence), or after a
// colon or a double slash. Best first:
//
//   - atKeptSpace: a space that tokenize kept inside "Article 28" or "1
//     December 2026", which becomes an ordinary space between two lines;
//   - atAddressPart: before "@", between the mailbox and the domain of an
//     e-mail address, or before a single "/", between the parts of a web
//     address's path: each side stays whole and readable, and neither
//     looks like a complete address by itself;
//   - atAddressMark: after "//" or a colon, or before "?", "#", "&", "=",
//     "%" or "~";
//   - atNamePart: before ".", "-" or "_", inside a domain or a name
//     ("aws-EU-privacy@amazon" would read as an address of its own);
//   - betweenLetters: between two letters or digits;
//   - anywhere: anywhere else, such as after a hyphen.
//
// Before a mark that ends the word (a full stop after an address) is a
// last resort, anywhere.
func breakClassOf(prev2, prev, r, next rune) breakClass {
	if r == ' ' {
		return atKeptSpace
	}
	if prev == ' ' {
		return noBreak // the break is before the space, not after it
	}
	alnum := func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }
	switch r {
	case '@':
		if alnum(next) {
			return atAddressPart
		}
	case '/':
		if prev != '/' && next != '/' && next != 0 {
			return atAddressPart
		}
	case '?', '#', '&', '=', '%', '~':
		if next != 0 {
			return atAddressMark
		}
	case '.', '-', '_':
		if alnum(next) {
			return atNamePart
		}
	}
	switch {
	case prev == '/' && prev2 == '/' && r != '/':
		return atAddressMark
	case prev == ':' && r != '/':
		return atAddressMark
	case alnum(prev) && alnum(r):
		return betweenLetters
	}
	return anywhere
}
