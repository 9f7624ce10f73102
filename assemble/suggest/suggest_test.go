package suggest

import (
	"strings"
	"testing"
)

func TestClosest(t *testing.T) {
	fields := []string{"name", "address", "country", "role", "contact", "effective_date"}
	ids := []string{"audits", "breach", "ccpa", "confidentiality", "definitions"}
	tests := []struct {
		word       string
		candidates []string
		want       string
	}{
		{"contcat", fields, "contact"},
		{"effectiveDate", fields, "effective_date"},
		{"EFFECTIVE-DATE", fields, "effective_date"},
		{"brach", ids, "breach"},
		{"breach", ids, "breach"},
		{"Controller", []string{"controller", "processor"}, "controller"},
		{"proccesor", []string{"controller", "processor"}, "processor"},
		{"rol", fields, "role"},
		{"xyz", fields, ""},           // short words allow one edit only
		{"adress", fields, "address"}, // a deletion
		{"nmae", fields, "name"},      // a swap
		{"completely unrelated", fields, ""},
		{"", fields, ""},
		{"name", nil, ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, tt.candidates); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestHint is the regression test for "did you mean Controller?" offered
// for "Controller": a suggestion that differs from the word only in case
// says that case matters and spells the word right.
func TestHint(t *testing.T) {
	tests := []struct{ word, s, want string }{
		{"Controller", "controller", `the value is case-sensitive: write "controller"`},
		{"CONTROLLER", "controller", `the value is case-sensitive: write "controller"`},
		{"controler", "controller", `did you mean "controller"?`},
		{"effectiveDate", "effective_date", `did you mean "effective_date"?`},
		{"xyz", "", ""},
	}
	for _, tt := range tests {
		if got := Hint(tt.word, tt.s, "the value"); got != tt.want {
			t.Errorf("Hint(%q, %q) = %q, want %q", tt.word, tt.s, got, tt.want)
		}
	}
}

func TestDistanceBoundsLongInput(t *testing.T) {
	long := string(make([]rune, 10000))
	if d := Distance(long, "name"); d != 1<<30 {
		t.Errorf("Distance(10000 runes) = %d, want far", d)
	}
}

func BenchmarkClosest(b *testing.B) {
	ids := []string{"annex-i-authority", "annex-i-parties", "annex-i-processing", "annex-ii", "annex-iii", "audits", "breach", "ccpa", "confidentiality", "data-subject-requests", "definitions", "deletion"}
	for b.Loop() {
		Closest("brach", ids)
	}
}

func TestQuote(t *testing.T) {
	long := strings.Repeat("é", 61)
	tests := []struct{ in, want string }{
		{"DE", `"DE"`},
		{"AWS ", `"AWS "`},
		{"a\tb\x00", `"a\tb\x00"`},
		{"\xff", `"\xff"`},
		{long[:120], `"` + long[:120] + `"`},
		{long, `"` + long[:120] + `"…`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
