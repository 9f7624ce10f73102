// Package suggest finds the word a user most likely meant: the field name,
// clause id or value closest to a mistyped one, for "did you mean ...?"
// messages.
package suggest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Closest returns the candidate closest to word, when one is close enough
// to be a plausible typo, or "". A candidate that differs only in case or
// in "_", "-" and spaces always matches ("effectiveDate" → "effective_date",
// "Controller" → "controller"); otherwise the edit distance (insertions,
// deletions, substitutions and swaps of neighbouring letters, ignoring
// case) may be at most 1 for words of up to 4 letters and 2 for longer ones.
// Ties go to the earlier candidate.
func Closest(word string, candidates []string) string {
	key := normalize(word)
	for _, c := range candidates {
		if normalize(c) == key {
			return c
		}
	}
	best, bestDist := "", -1
	lower := strings.ToLower(word)
	for _, c := range candidates {
		d := Distance(lower, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := 2
	if utf8.RuneCountInString(word) <= 4 {
		limit = 1
	}
	if bestDist >= 0 && bestDist <= limit {
		return best
	}
	return ""
}

// Hint words the suggestion s, a result of Closest, for a message that
// rejects word: `did you mean "s"?`; or, when word differs from s only in
// letter case, so that the question would seem to offer word back,
// `what is case-sensitive: write "s"`, what naming what word is ("the
// value", "a key"). It returns "" when s is "".
func Hint(word, s, what string) string {
	switch {
	case s == "":
		return ""
	case word != s && strings.EqualFold(word, s):
		return fmt.Sprintf("%s is case-sensitive: write %q", what, s)
	}
	return fmt.Sprintf("did you mean %q?", s)
}

// normalize folds case and drops the separators "_", "-" and " ".
func normalize(s string) string {
	return strings.ToLower(strings.NewReplacer("_", "", "-", "", " ", "").Replace(s))
}

// maxRunes bounds the words Distance compares: longer ones are not typos of
// a name, and the work is quadratic.
const maxRunes = 64

// Distance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent runes
// cost 1 each. Words longer than 64 runes are "far" (1<<30).
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > maxRunes || len(rb) > maxRunes {
		return 1 << 30
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// maxQuoted is how many characters of a user's value a message shows.
const maxQuoted = 60

// Quote shows a user's value in a message: quoted as Go quotes strings, so
// that spaces, control characters and invalid UTF-8 are visible, and cut
// after 60 characters with "…".
func Quote(s string) string {
	if utf8.RuneCountInString(s) > maxQuoted {
		r := []rune(s)
		return strconv.Quote(string(r[:maxQuoted])) + "…"
	}
	return strconv.Quote(s)
}
