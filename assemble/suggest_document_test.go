package assemble_test

import (
	"testing"

	"github.com/dpakit/dpakit/assemble"
)

func TestSuggestDocument(t *testing.T) {
	known := []string{"annex-i", "annex-ii", "annex-iii", "dpa"}
	tests := []struct{ kind, want string }{
		{"annex-3", "annex-iii"},
		{"annex_III", "annex-iii"},
		{"Annex I", "annex-i"},
		{"annex2", "annex-ii"},
		{"anex-ii", "annex-ii"},
		{"DPA", "dpa"},
		{"annex-iv", ""},
		{"notice letter", ""},
		{"annex-4", ""},
	}
	for _, tt := range tests {
		if got := assemble.SuggestDocument(tt.kind, known); got != tt.want {
			t.Errorf("SuggestDocument(%q) = %q, want %q", tt.kind, got, tt.want)
		}
	}
}
