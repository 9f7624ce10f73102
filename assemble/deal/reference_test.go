package deal

import "testing"

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
