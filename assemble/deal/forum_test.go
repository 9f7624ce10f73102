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

// TestForumAdviceIsValid: the forum_not_governing_law warning proposes the
// governing-law country as the forum only when the deal's own rules accept
// it there; a deal whose law is one Clause 18 refuses for it (the United
// Kingdom for a German customer) is told what it may choose instead, never
// to write a value that is itself an error.
func TestForumAdviceIsValid(t *testing.T) {
	swiss := func(authority string) func(d *Deal) {
		return func(d *Deal) {
			d.Customer.Country, d.Customer.Address, d.Swiss.Enabled = "CH", "Bahnhofstrasse 40, 8001 Zürich", true
			d.SCC.SupervisoryAuthority = authority
			d.SCC.GoverningLaw, d.SCC.Forum = "CH", "DE"
		}
	}
	tests := []struct {
		name    string
		mutate  func(d *Deal)
		suggest string   // the forum advised, "" for none
		says    []string // "" entries: no warning expected
	}{
		{"EU law, another EU forum", func(d *Deal) { d.SCC.GoverningLaw = "DE" }, "DE", nil},
		{"UK law for a German customer", func(d *Deal) { d.SCC.GoverningLaw = "GB" }, "",
			[]string{"The courts of the United Kingdom cannot be chosen for this deal, since Clause 18 requires an EU Member State",
				"neither can its law under Clause 17: choose a Member State in scc.governing_law"}},
		{"US law for a German customer", func(d *Deal) { d.SCC.GoverningLaw = "US" }, "",
			[]string{"The courts of the United States cannot be chosen for this deal"}},
		{"Norwegian law for a Norwegian customer", func(d *Deal) {
			d.Customer.Country, d.Customer.Address = "NO", "Karl Johans gate 1, 0154 Oslo"
			d.SCC.GoverningLaw = "NO"
		}, "NO", nil},
		{"Norwegian law for a German customer", func(d *Deal) { d.SCC.GoverningLaw = "NO" }, "",
			[]string{"The courts of Norway cannot be chosen for this deal"}},
		{"Swiss law, transfers under the FADP alone", swiss(""), "CH", nil},
		{"Swiss law, the GDPR too", swiss("the Bavarian State Office for Data Protection Supervision (BayLDA)"), "",
			[]string{"cannot be chosen for this deal, since Clause 18 requires an EU Member State (Swiss law and courts only for transfers governed by the FADP alone"}},
		{"UK-only: the UK Addendum fixes both, no warning", func(d *Deal) {
			d.Customer.Country, d.Customer.Address, d.UKAddendum.Enabled = "GB", "1 Poultry, London EC2R 8EJ", true
			d.SCC.SupervisoryAuthority, d.SCC.GoverningLaw, d.SCC.Forum = "", "GB", "NL"
		}, "", []string{""}},
	}
	v := NewValidator(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := exampleDeal(t)
			tt.mutate(d)
			var msgs []string
			for _, w := range Warnings(d) {
				if w.Rule == WarnForumNotLaw {
					msgs = append(msgs, w.Message)
				}
			}
			if len(tt.says) == 1 && tt.says[0] == "" {
				if len(msgs) > 0 {
					t.Fatalf("unexpected warning: %q", msgs)
				}
				return
			}
			if len(msgs) != 1 {
				t.Fatalf("%d %s warnings, want 1: %q", len(msgs), WarnForumNotLaw, msgs)
			}
			msg := msgs[0]
			for _, s := range tt.says {
				if !strings.Contains(msg, s) {
					t.Errorf("the warning lacks %q:\n%s", s, msg)
				}
			}
			_, advised, ok := strings.Cut(msg, "set scc.forum: ")
			if tt.suggest == "" {
				if ok {
					t.Errorf("the warning advises a forum:\n%s", msg)
				}
				return
			}
			if !ok || !strings.HasPrefix(advised, tt.suggest+" ") {
				t.Fatalf("the warning does not advise scc.forum: %s:\n%s", tt.suggest, msg)
			}
			// Following the advice must not make scc.forum a problem.
			d.SCC.Forum = tt.suggest
			for _, p := range problems(t, v.Validate(d)) {
				if p.Path == "scc.forum" {
					t.Errorf("following the advice, scc.forum: %s, gives the problem %q", tt.suggest, p.Message)
				}
			}
		})
	}
}
