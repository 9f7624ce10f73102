package lint

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
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
//
// It empties them all and gives back those the validator then names, which
// takes two or three validations where trying one field at a time took one
// per optional field (36 for the example deal). A problem at a path that
// names no emptied field ends that: the fields still empty are then tried
// one at a time.
func withoutOptional(d *deal.Deal, v Validator) *deal.Deal {
	out := *d
	var candidates []optionalField
	collectOptional(reflect.ValueOf(&out).Elem(), "", &candidates)
	for i := range candidates {
		candidates[i].empty()
	}
	for range candidates {
		err := validateWithDefaults(out, v)
		if err == nil {
			break
		}
		if !restoreNamed(candidates, err) {
			oneAtATime(&out, candidates, v)
			break
		}
	}
	// What has a default (the reference, say) is never empty in a render.
	deal.Defaults(&out)
	return &out
}

// optionalField is one optional field of a deal, by its YAML path, with
// the value it had.
type optionalField struct {
	path    string
	field   reflect.Value
	old     reflect.Value
	emptied bool
}

// empty sets the field to its zero value, keeping the old one.
func (f *optionalField) empty() {
	f.old = reflect.New(f.field.Type()).Elem()
	f.old.Set(f.field)
	f.field.Set(reflect.Zero(f.field.Type()))
	f.emptied = true
}

// restore gives the field back its old value.
func (f *optionalField) restore() {
	f.field.Set(f.old)
	f.emptied = false
}

// validateWithDefaults validates d with its defaults filled in, as a
// render sees it.
func validateWithDefaults(d deal.Deal, v Validator) error {
	deal.Defaults(&d)
	return v.Validate(&d)
}

// restoreNamed restores every emptied field that a problem of err is at or
// under, and reports whether it restored any. An error that is not a
// *deal.ValidationError names no field.
func restoreNamed(fs []optionalField, err error) bool {
	var ve *deal.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	restored := false
	for i := range fs {
		if fs[i].emptied && slices.ContainsFunc(ve.Problems, func(p deal.Problem) bool { return under(p.Path, fs[i].path) }) {
			fs[i].restore()
			restored = true
		}
	}
	return restored
}

// under reports whether path is at or inside the field at prefix.
func under(path, prefix string) bool {
	rest, ok := strings.CutPrefix(path, prefix)
	return ok && (rest == "" || rest[0] == '.' || rest[0] == '[')
}

// oneAtATime restores the fields still empty and then empties each again
// in turn, keeping it empty when d stays valid without it.
func oneAtATime(d *deal.Deal, fs []optionalField, v Validator) {
	for i := range fs {
		if fs[i].emptied {
			fs[i].restore()
		}
	}
	for i := range fs {
		fs[i].empty()
		if validateWithDefaults(*d, v) != nil {
			fs[i].restore() // required here after all
		}
	}
}

// collectOptional appends to fs the settable optional fields of v, a
// struct at the YAML path at ("" for the deal), copying the lists of
// mappings it descends into so that the original deal's lists stay
// untouched.
func collectOptional(v reflect.Value, at string, fs *[]optionalField) {
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		if !f.IsExported() {
			continue
		}
		path := yamlPath(at, f)
		switch fv.Kind() {
		case reflect.String:
			if strings.HasPrefix(f.Tag.Get("validate"), "omitempty") {
				*fs = append(*fs, optionalField{path: path, field: fv})
			}
		case reflect.Pointer:
			if strings.Contains(f.Tag.Get("yaml"), "omitempty") {
				*fs = append(*fs, optionalField{path: path, field: fv})
			}
		case reflect.Struct:
			if f.Type == reflect.TypeFor[deal.Date]() || f.Type == reflect.TypeFor[deal.Measures]() {
				continue
			}
			collectOptional(fv, path, fs)
		case reflect.Slice:
			if fv.Len() == 0 || fv.Type().Elem().Kind() != reflect.Struct {
				continue
			}
			cp := reflect.MakeSlice(fv.Type(), fv.Len(), fv.Len())
			reflect.Copy(cp, fv)
			fv.Set(cp)
			for j := range cp.Len() {
				collectOptional(cp.Index(j), fmt.Sprintf("%s[%d]", path, j), fs)
			}
		}
	}
}

// yamlPath is the path of field f of the struct at path at, by its YAML
// name, as deal.Problem paths are written.
func yamlPath(at string, f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	switch {
	case name == "-":
		return at
	case name == "":
		name = strings.ToLower(f.Name)
	}
	if at == "" {
		return name
	}
	return at + "." + name
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
