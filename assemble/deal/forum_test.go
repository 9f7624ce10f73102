package deal

import (
	"os"
	"strings"
	"testing"
)

// TestForumFromProfileWarned: a deal that sets scc.governing_law over a
// profile that sets scc.forum keeps the profile's courts; the warning says
// so at the profile's line, and goes away when the deal sets scc.forum or
// when neither file sets it (the forum then follows the governing law).
func TestForumFromProfileWarned(t *testing.T) {
	profile, err := os.ReadFile("../../fixtures/profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	example := string(readExample(t))
	withLaw := func(deal, law string) string {
		t.Helper()
		out := strings.Replace(deal, "  governing_law: NL ", "  governing_law: "+law+" ", 1)
		if out == deal {
			t.Fatal("the example deal has no scc.governing_law: NL")
		}
		return out
	}
	withoutForum := func(src string) string {
		t.Helper()
		var b strings.Builder
		for _, line := range strings.SplitAfter(src, "\n") {
			if !strings.HasPrefix(line, "  forum: ") {
				b.WriteString(line)
			}
		}
		if b.Len() == len(src) {
			t.Fatal("no scc.forum to drop")
		}
		return b.String()
	}
	tests := []struct {
		name          string
		deal, profile string
		wantFile      string // "" for no warning
	}{
		{"deal's law, profile's forum", withoutForum(withLaw(example, "DE")), string(profile), "profile.yaml"},
		{"deal's law and forum", strings.Replace(withLaw(example, "DE"), "  forum: NL ", "  forum: DE ", 1), string(profile), ""},
		{"neither sets the forum", withoutForum(withLaw(example, "DE")), withoutForum(string(profile)), ""},
		{"the profile's law and forum", withoutForum(strings.Replace(example, "  governing_law: NL ", "  # ", 1)), string(profile), ""},
	}
	v := NewValidator(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ws, err := v.LoadWithWarnings([]byte(tt.deal), "deal.yaml", []byte(tt.profile), "profile.yaml")
			if err != nil || d == nil {
				t.Fatalf("LoadWithWarnings: %v", err)
			}
			var got []Problem
			for _, w := range ws {
				if w.Rule == WarnForumNotLaw {
					got = append(got, w)
				}
			}
			switch {
			case tt.wantFile == "" && len(got) > 0:
				t.Errorf("unexpected warning: %+v", got)
			case tt.wantFile != "" && len(got) != 1:
				t.Errorf("%d %s warnings, want 1: %+v", len(got), WarnForumNotLaw, ws)
			case tt.wantFile != "" && (got[0].File != tt.wantFile || got[0].Line == 0 || got[0].Path != "scc.forum"):
				t.Errorf("warning at %s:%d %s, want %s, scc.forum", got[0].File, got[0].Line, got[0].Path, tt.wantFile)
			}
		})
	}
}
