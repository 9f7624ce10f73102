package lint

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"

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

// gapPattern finds what an empty value leaves in a sentence: a space before
// punctuation ("at , or"), empty brackets or quotes, a doubled space or
// comma, or a word such as "and" or "at" left dangling at the end of a
// sentence.
var gapPattern = regexp.MustCompile(`\s[,.;:)]|\(\s*\)|\(\s|“\s*”|"\s*"|\S\s{2,}\S|,\s*,|\s(?:and|or|at|of|to|by)\s*[.;]`)

// emptyValue returns, for the first paragraph, heading or table cell of doc
// where a value seems to have printed as nothing, an excerpt around it;
// or "".
func emptyValue(doc *document.Document) string {
	check := func(s string) string {
		if loc := gapPattern.FindStringIndex(s); loc != nil {
			lo, hi := max(0, loc[0]-40), min(len(s), loc[1]+20)
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
