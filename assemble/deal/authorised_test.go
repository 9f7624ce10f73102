package deal

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestAuthorisedListFromProfile: a Clause 9 Option 1 deal that leaves its
// sub-processor list to the profile is warned at its
// scc.subprocessor_option key, since every change to the profile's list
// would enter the customer's Annex III unauthorised; one with its own
// list, an Option 2 deal and a deal read without a profile are not.
func TestAuthorisedListFromProfile(t *testing.T) {
	seed, err := os.ReadFile("../../fixtures/deals/seed-001.yaml")
	if err != nil {
		t.Fatal(err)
	}
	own, prof := readOption1Fixture(t)
	const general = "  subprocessor_option: general\n"
	at := strings.Index(string(seed), general)
	if at < 0 {
		t.Fatal("seed-001 has no Option 2 line")
	}
	specific := strings.Replace(string(seed), general, "  subprocessor_option: specific\n", 1)
	line := strings.Count(string(seed[:at]), "\n") + 1
	tests := []struct {
		name       string
		deal, prof []byte
		want       string // "file:line: path: message start"; "" for none
	}{
		{"Option 1, the profile's list", []byte(specific), prof,
			fmt.Sprintf("seed-001.yaml:%d: subprocessors.list: is taken from the profile while Clause 9(a) Option 1 (specific prior authorisation) applies", line)},
		{"Option 1, its own list", own, prof, ""},
		{"Option 2, the profile's list", seed, prof, ""},
		{"Option 1, no profile", []byte(specific), nil, ""},
	}
	v := NewValidator(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ws, _ := v.LoadWithWarnings(tt.deal, "seed-001.yaml", tt.prof, "profile.yaml")
			var got []string
			for _, w := range ws {
				if w.Rule == WarnAuthorisedListFromProfile {
					got = append(got, fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.String()))
				}
			}
			switch {
			case tt.want == "" && got != nil:
				t.Errorf("warnings %q, want none", got)
			case tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.want)):
				t.Errorf("warnings %q, want one starting %q", got, tt.want)
			}
		})
	}
}
