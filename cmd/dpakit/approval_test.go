package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/templates"
)

// builtinFallbackListed returns how the deviations list the built-in
// fallback id.name: "approved fallback NAME" while Legal's approval covers
// its text, else "fallback NAME, version V, not approved: ...".
func builtinFallbackListed(t *testing.T, id, name string) string {
	t.Helper()
	eng, err := assemble.LoadEngine(clauses.FS, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	fb, ok := eng.Library().Fallback(id, name)
	if !ok {
		t.Fatalf("no built-in fallback %s.%s", id, name)
	}
	if fb.Unapproved() {
		return "fallback " + name + ", " + fb.ApprovalText()
	}
	return "approved fallback " + name
}

// setApprovedVersion rewrites the approved_version of the fallback file
// clauseDir/fallbacks/ID.NAME.md: to its own version when version is "",
// so that the approval covers the text as it is. Recording an approval is
// not a change of text, so the library's lock still holds.
func setApprovedVersion(t *testing.T, clauseDir, file, version string) {
	t.Helper()
	path := filepath.Join(clauseDir, "fallbacks", file)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	if version == "" {
		m := regexp.MustCompile(`(?m)^version: (\S+)$`).FindStringSubmatch(src)
		if m == nil {
			t.Fatalf("%s has no version", file)
		}
		version = m[1]
	}
	re := regexp.MustCompile(`(?m)^approved_version: \S+$`)
	if !re.MatchString(src) {
		t.Fatalf("%s has no approved_version", file)
	}
	src = re.ReplaceAllString(src, "approved_version: "+version)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFallbackApprovalShown: a fallback whose text changed since Legal
// approved it is listed by `clauses`, `clauses show` and `explain` as not
// approved, with the version its approval covers; one whose approval
// covers its text is listed as approved, with its version.
func TestFallbackApprovalShown(t *testing.T) {
	cl, tm := copyLibrary(t)
	setApprovedVersion(t, cl, "breach.phone-notice.md", "")      // approved as it is
	setApprovedVersion(t, cl, "audits.remote-first.md", "0.0.1") // changed since
	lib := []string{"--clauses", cl, "--templates", tm}
	run := func(args ...string) string {
		t.Helper()
		code, out, errs := dpakit(t, "", append(args, lib...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", args, code, errs)
		}
		return out
	}
	version := func(id, name string) string {
		t.Helper()
		out := run("clauses", "show", id+"."+name)
		m := regexp.MustCompile(`(?m)^version: (\S+)$`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("clauses show %s.%s gives no version:\n%s", id, name, out)
		}
		return m[1]
	}
	phone, remote := version("breach", "phone-notice"), version("audits", "remote-first")
	tests := []struct {
		name       string
		args       []string
		want, lack []string
	}{
		{"clauses", []string{"clauses"}, []string{
			"  breach.phone-notice (version " + phone + ", approved by Head of Legal, Kestrel Cloud, Inc. on 2026-11-20): Provider notifies",
			"  audits.remote-first (version " + remote + ", not approved: the approval by Head of Legal, Kestrel Cloud, Inc. on 2026-11-20 covers version 0.0.1): Customer may",
			"the current text is not approved, and every deal that negotiates one is warned (fallback_unapproved)",
		}, []string{"Approved fallbacks"}},
		{"clauses show, approved", []string{"clauses", "show", "breach.phone-notice"}, []string{
			"approved_version: " + phone + "\n",
			"approval: the approval covers this text (version " + phone + ")\n",
		}, []string{"NOT APPROVED"}},
		{"clauses show, changed since", []string{"clauses", "show", "audits.remote-first"}, []string{
			"approved_version: 0.0.1\n",
			`approval: NOT APPROVED: the fallback "remote-first" of the clause "audits" is at version ` + remote + ", but its approval (Head of Legal, Kestrel Cloud, Inc., 2026-11-20) covers version 0.0.1: its text has changed since and needs approving again; every deal that negotiates it is warned (fallback_unapproved)",
		}, nil},
		{"explain", []string{"explain", negotiatedFixture, "--profile", exampleProfilePath}, []string{
			"  - clause breach: approved fallback phone-notice (Provider notifies",
			"  - clause audits: fallback remote-first, version " + remote + ", not approved: the approval by Head of Legal, Kestrel Cloud, Inc. on 2026-11-20 covers version 0.0.1 (Customer may",
		}, []string{"approved fallback remote-first"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := run(tt.args...)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, l := range tt.lack {
				if strings.Contains(out, l) {
					t.Errorf("output has %q:\n%s", l, out)
				}
			}
		})
	}
}

// TestClausesWhenInWords: dpakit clauses says when each built-in clause
// applies in words, not as the template condition; a new condition in the
// library must get its words here.
func TestClausesWhenInWords(t *testing.T) {
	eng, err := assemble.LoadEngine(clauses.FS, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range eng.Library().Clauses() {
		if w := whenWords(c.When); strings.Contains(w, ".") && !strings.Contains(w, " ") {
			t.Errorf("clause %s: when %q has no words", c.ID, c.When)
		}
	}
	_, out, _ := dpakit(t, "", "clauses")
	if !strings.Contains(out, "CCPA terms on") || strings.Contains(out, ".CCPA.Enabled") {
		t.Errorf("clauses lists conditions as template code:\n%s", out)
	}
}
