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
// only what is required looks like. A text is optional when its validate
// tag starts with omitempty.
func withoutOptional(d *deal.Deal) *deal.Deal {
	out := *d
	clearOptional(reflect.ValueOf(&out).Elem())
	// What has a default (the reference, say) is never empty in a render.
	deal.Defaults(&out)
	return &out
}

func clearOptional(v reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("validate")
		optional := tag == "" || strings.HasPrefix(tag, "omitempty")
		switch fv.Kind() {
		case reflect.String:
			if optional && strings.HasPrefix(tag, "omitempty") {
				fv.SetString("")
			}
		case reflect.Pointer:
			if strings.Contains(f.Tag.Get("yaml"), "omitempty") {
				fv.Set(reflect.Zero(f.Type))
			}
		case reflect.Struct:
			if f.Type == reflect.TypeFor[deal.Date]() || f.Type == reflect.TypeFor[deal.Measures]() {
				continue
			}
			clearOptional(fv)
		case reflect.Slice:
			// Copy the list before clearing its elements: d's own list
			// must stay as it is.
			if fv.Len() == 0 || fv.Type().Elem().Kind() != reflect.Struct {
				continue
			}
			cp := reflect.MakeSlice(fv.Type(), fv.Len(), fv.Len())
			reflect.Copy(cp, fv)
			for j := range cp.Len() {
				clearOptional(cp.Index(j))
			}
			fv.Set(cp)
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
