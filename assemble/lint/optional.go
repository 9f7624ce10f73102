package lint

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
)

// withoutOptional returns a copy of d with every optional text left empty
// and every optional mapping (a DPO, say) absent: what a deal that gives
// only what it must looks like for this combination. A field is emptied
// when its validate tag allows it (omitempty) and the deal stays valid
// without it: some fields are required only by other fields' values.
func withoutOptional(d *deal.Deal, v Validator) *deal.Deal {
	out := *d
	var candidates []reflect.Value
	collectOptional(reflect.ValueOf(&out).Elem(), &candidates)
	for _, f := range candidates {
		old := reflect.New(f.Type()).Elem()
		old.Set(f)
		f.Set(reflect.Zero(f.Type()))
		trial := out
		deal.Defaults(&trial)
		if v.Validate(&trial) != nil {
			f.Set(old) // required here after all
		}
	}
	// What has a default (the reference, say) is never empty in a render.
	deal.Defaults(&out)
	return &out
}

// collectOptional appends to fs the settable optional fields of v, a
// struct, copying the lists of mappings it descends into so that the
// original deal's lists stay untouched.
func collectOptional(v reflect.Value, fs *[]reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		if !f.IsExported() {
			continue
		}
		switch fv.Kind() {
		case reflect.String:
			if strings.HasPrefix(f.Tag.Get("validate"), "omitempty") {
				*fs = append(*fs, fv)
			}
		case reflect.Pointer:
			if strings.Contains(f.Tag.Get("yaml"), "omitempty") {
				*fs = append(*fs, fv)
			}
		case reflect.Struct:
			if f.Type == reflect.TypeFor[deal.Date]() || f.Type == reflect.TypeFor[deal.Measures]() {
				continue
			}
			collectOptional(fv, fs)
		case reflect.Slice:
			if fv.Len() == 0 || fv.Type().Elem().Kind() != reflect.Struct {
				continue
			}
			cp := reflect.MakeSlice(fv.Type(), fv.Len(), fv.Len())
			reflect.Copy(cp, fv)
			fv.Set(cp)
			for j := range cp.Len() {
				collectOptional(cp.Index(j), fs)
			}
		}
	}
}

// findGap returns the start and end of the leftmost place in s where an
// empty value seems to have left a gap, or -1, -1. The gaps are a space
// before punctuation ("at , or"), empty brackets or quotes, an opening
// bracket followed by a space, a doubled space between words, a doubled
// comma, or a word such as "and" or "at" left dangling at the end of a
// sentence. It finds what the regular expression
//
//	\s[,.;:)]|\(\s*\)|\(\s|“\s*”|"\s*"|\S\s{2,}\S|,\s*,|\s(?:and|or|at|of|to|by)\s*[.;]
//
// finds, at the same place and length, without a regular expression's cost:
// lint checks every paragraph of thousands of documents.
func findGap(s string) (start, end int) {
	for i := 0; i < len(s); {
		if j := gapAt(s, i); j > 0 {
			return i, j
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return -1, -1
}

// gapAt returns the end of the gap that starts at s[i], trying the kinds of
// gap in findGap's order, or 0 when none starts there.
func gapAt(s string, i int) int {
	c := s[i]
	switch {
	case isSpace(c):
		if i+1 < len(s) && strings.IndexByte(",.;:)", s[i+1]) >= 0 {
			return i + 2
		}
		return danglingWord(s, i+1)
	case c == '(':
		if j := skipSpace(s, i+1); j < len(s) && s[j] == ')' {
			return j + 1
		}
		if i+1 < len(s) && isSpace(s[i+1]) {
			return i + 2
		}
	case strings.HasPrefix(s[i:], "“"):
		if j := skipSpace(s, i+len("“")); strings.HasPrefix(s[j:], "”") {
			return j + len("”")
		}
	case c == '"':
		if j := skipSpace(s, i+1); j < len(s) && s[j] == '"' {
			return j + 1
		}
	case c == ',':
		if j := skipSpace(s, i+1); j < len(s) && s[j] == ',' {
			return j + 1
		}
	}
	if isSpace(c) {
		return 0
	}
	// A word, two or more spaces, a word.
	_, n := utf8.DecodeRuneInString(s[i:])
	j := skipSpace(s, i+n)
	if j-(i+n) < 2 || j == len(s) {
		return 0
	}
	_, m := utf8.DecodeRuneInString(s[j:])
	return j + m
}

// danglingWords are the words a sentence cannot end on.
var danglingWords = [...]string{"and", "or", "at", "of", "to", "by"}

// danglingWord returns the end of a dangling word at s[i], followed by
// optional spaces and a full stop or semicolon, or 0.
func danglingWord(s string, i int) int {
	for _, w := range danglingWords {
		if !strings.HasPrefix(s[i:], w) {
			continue
		}
		if j := skipSpace(s, i+len(w)); j < len(s) && (s[j] == '.' || s[j] == ';') {
			return j + 1
		}
		return 0 // the words differ, so no other can match here
	}
	return 0
}

// isSpace reports whether c is white space as regular expressions' \s
// means it: tab, newline, form feed, carriage return or space.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// skipSpace returns the index of the first byte at or after i that is not
// white space.
func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// emptyValue returns, for the first paragraph, heading or table cell of doc
// where a value seems to have printed as nothing, an excerpt around it;
// or "".
func emptyValue(doc *document.Document) string {
	check := func(s string) string {
		if start, end := findGap(s); start >= 0 {
			lo, hi := max(0, start-40), min(len(s), end+20)
			return fmt.Sprintf("%q", strings.TrimSpace(s[lo:hi]))
		}
		return ""
	}
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case *document.Heading:
			if g := check(b.Text); g != "" {
				return g
			}
		case *document.Paragraph:
			if g := check(document.PlainText(b.Runs)); g != "" {
				return g
			}
		case *document.Table:
			for _, row := range b.Rows {
				for _, c := range row {
					if g := check(document.PlainText(c.Runs)); g != "" {
						return g
					}
				}
			}
		}
	}
	return ""
}
