package assemble

import (
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/dpakit/dpakit/assemble/deal"
)

// mdEscape makes s literal Markdown text: every ASCII punctuation character
// is backslash-escaped, line breaks and tabs become spaces, and the
// cross-reference runes are dropped.
func mdEscape(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && (isPunct(c) || c < ' ') {
			n++
		}
	}
	if n == 0 && !strings.ContainsAny(s, string([]rune{refOpen, refClose, refElse, partMark})) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + n)
	for _, r := range s {
		switch {
		case r == refOpen || r == refClose || r == refElse || r == partMark:
		case r < ' ' || r == 0x7f:
			b.WriteByte(' ')
		case r < utf8.RuneSelf && isPunct(byte(r)):
			b.WriteByte('\\')
			b.WriteByte(byte(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

var (
	dateType     = reflect.TypeFor[deal.Date]()
	measuresType = reflect.TypeFor[deal.Measures]()
)

// escapeDeal returns a copy of d whose free-text strings are escaped for
// Markdown. Fields validated to a closed set (enumerations, country codes,
// references) are copied as they are so templates can compare them.
func escapeDeal(d *deal.Deal) deal.Deal {
	var out deal.Deal
	escapeValue(reflect.ValueOf(&out).Elem(), reflect.ValueOf(d).Elem())
	return out
}

func escapeValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.String:
		dst.SetString(mdEscape(src.String()))
	case reflect.Struct:
		// Dates and measure ids (validated to [a-z0-9-]) are not free text.
		if src.Type() == dateType || src.Type() == measuresType {
			dst.Set(src)
			return
		}
		t := src.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if closedSet(f.Tag.Get("validate")) {
				dst.Field(i).Set(src.Field(i))
				continue
			}
			escapeValue(dst.Field(i), src.Field(i))
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			escapeValue(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		escapeValue(p.Elem(), src.Elem())
		dst.Set(p)
	default:
		dst.Set(src)
	}
}

// closedSet reports whether a validate tag restricts a string to values that
// need no escaping.
func closedSet(tag string) bool {
	return strings.Contains(tag, "oneof=") || strings.Contains(tag, "country") || strings.Contains(tag, "docref")
}
