package deal

import (
	"slices"
	"testing"
)

func TestGivenReference(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"YAML", "reference: DPA-2026-0201\nbreach: { notice_hours: forty }\n", "DPA-2026-0201"},
		{"JSON", `{"breach": {"notice_hours": "forty"}, "reference": "DPA-7"}`, "DPA-7"},
		{"none", "customer: { name: Acme }\n", ""},
		{"not a reference", "reference: \"=HYPERLINK(1)\"\n", ""},
		{"too long", "reference: A234567890123456789012345678901234567890123456789012345678901234567890\n", ""},
		{"a mapping", "reference: { a: b }\n", ""},
		{"not YAML", "reference: [\n", ""},
		{"a list", "- reference: X\n", ""},
		{"an alias is not expanded", "a: &x DPA-1\nreference: *x\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GivenReference([]byte(tt.data)); got != tt.want {
				t.Errorf("GivenReference(%q) = %q, want %q", tt.data, got, tt.want)
			}
		})
	}
}

func TestLocateIn(t *testing.T) {
	data := []byte("list:\n  - name: A\n    country: DE\n  - name: B\n    country: Mars\n")
	ps := []Problem{
		{Path: "list[1].country"}, // the key
		{Path: "list[0].address"}, // a key the entry lacks: the entry
		{Path: "list[5].name"},    // no such entry: left as it is
		{Path: ""},                // no path
	}
	LocateIn(data, ps)
	var got []int
	for _, p := range ps {
		got = append(got, p.Line)
	}
	if want := []int{5, 2, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("lines %v, want %v", got, want)
	}
	bad := []Problem{{Path: "list[0].name"}}
	LocateIn([]byte("list: [\n"), bad)
	if bad[0].Line != 0 {
		t.Errorf("a document that does not parse: line %d", bad[0].Line)
	}
}
