package deal

import (
	"strings"
	"testing"
)

// TestHostileText: text that validated and then printed wrongly or failed
// to render. White space at either end (including the no-break space and
// other Unicode spaces) and invisible formatting characters are refused
// with the field named; names that differ only by case, width or spacing
// are one name.
func TestHostileText(t *testing.T) {
	tests := []struct {
		name, from, to, path, want string
	}{
		{"trailing space", "name: Müller Logistik GmbH", `name: "Müller Logistik GmbH "`, "customer.name", "ends with white space (U+0020)"},
		{"trailing no-break space", "name: Müller Logistik GmbH", `name: "Müller Logistik GmbH\u00a0"`, "customer.name", "ends with white space (U+00A0)"},
		{"leading ideographic space", "name: Müller Logistik GmbH", `name: "\u3000Müller Logistik GmbH"`, "customer.name", "starts with white space (U+3000)"},
		{"four leading spaces (a Markdown code block)", "nature: ", `nature: "    Hosting" # `, "processing.nature", "starts with white space (U+0020)"},
		{"zero-width space", "name: Müller Logistik GmbH", `name: "Müller\u200bLogistik GmbH"`, "customer.name", "invisible formatting character (U+200B)"},
		{"soft hyphen", "name: Amazon Web Services EMEA SARL", `name: "Amazon Web Ser\u00advices EMEA SARL"`, "subprocessors.list[0].name", "invisible formatting character (U+00AD)"},
		{"byte order mark", "name: Kestrel Cloud, Inc.", `name: "Kestrel\ufeff Cloud, Inc."`, "provider.name", "invisible formatting character (U+FEFF)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := string(readExample(t))
			if !strings.Contains(src, tt.from) {
				t.Fatalf("example lacks %q", tt.from)
			}
			src = strings.Replace(src, tt.from, tt.to, 1)
			_, err := Load([]byte(src), "deal.yaml", nil, "")
			ps := problems(t, err)
			for _, p := range ps {
				if p.Path == tt.path && strings.Contains(p.Message, tt.want) {
					return
				}
			}
			t.Errorf("problems %v lack %s: %s", ps, tt.path, tt.want)
		})
	}
}

// TestNameKeyNormalises: names that print alike compare alike.
func TestNameKeyNormalises(t *testing.T) {
	for _, pair := range [][2]string{
		{"AWS", "aws"},
		{"AWS", "ＡＷＳ"},                                        // full-width
		{"Acme GmbH", "Acme\u00a0GmbH"},                       // no-break space
		{"Acme GmbH", "Acme\u200b GmbH"},                      // zero-width space
		{"Café", "Cafe\u0301"},                                // composed and decomposed
		{"Amazon Web Services", "Amazon  Web Ser\u00advices"}, // soft hyphen, double space
	} {
		if NameKey(pair[0]) != NameKey(pair[1]) {
			t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q; want equal", pair[0], NameKey(pair[0]), pair[1], NameKey(pair[1]))
		}
	}
}
