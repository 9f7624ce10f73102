package deal

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProblemsInFileOrder: Load lists the problems located at a line in
// the order of the files (the deal's, then the profile's, each by line),
// whatever order the rules find them in, and then those no line locates.
func TestProblemsInFileOrder(t *testing.T) {
	data := readExample(t)
	for _, r := range [][2]string{
		{"agreement: Master Subscription Agreement dated 1 March 2026", ""}, // no line: neither file gives it
		{"governing_law: NL", "governing_law: US"},                          // line 37, a cross-field message
		{"notice_hours: 48", "notice_hours: 96"},                            // line 47, a field rule
		{"objection_days: 15", "objection_days: 45"},                        // line 50, a cross-field rule
	} {
		if !bytes.Contains(data, []byte(r[0])) {
			t.Fatalf("the example deal has no %q", r[0])
		}
		data = bytes.Replace(data, []byte(r[0]), []byte(r[1]), 1)
	}
	profile := []byte("# a profile\nprovider:\n  subprocessor_list_url: ftp://kestrel.example/list\n")
	_, err := Load(data, "deal.yaml", profile, "vendor.yaml")
	var got []string
	for _, p := range problems(t, err) {
		got = append(got, fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Path))
	}
	want := []string{
		"deal.yaml:37: scc.governing_law",
		"deal.yaml:47: breach.notice_hours",
		"deal.yaml:50: subprocessors.objection_days",
		"vendor.yaml:3: provider.subprocessor_list_url",
		":0: agreement",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestInFileOrder: the order of located problems is by file, line and
// field; problems without a line follow, in the order they came in.
func TestInFileOrder(t *testing.T) {
	tests := []struct {
		name string
		in   []Problem
		want []string // "file:line: path rule"
	}{
		{"by line within a file",
			[]Problem{
				{File: "deal.yaml", Line: 47, Path: "breach.notice_hours", Rule: "max"},
				{File: "deal.yaml", Line: 37, Path: "scc.governing_law", Rule: "eu_governing_law"},
				{File: "deal.yaml", Line: 50, Path: "subprocessors.objection_days", Rule: "objection_window"},
			},
			[]string{"deal.yaml:37: scc.governing_law eu_governing_law", "deal.yaml:47: breach.notice_hours max", "deal.yaml:50: subprocessors.objection_days objection_window"}},
		{"the deal before the profile, then other files by name",
			[]Problem{
				{File: "zz.yaml", Line: 1, Path: "language", Rule: "oneof"},
				{File: "vendor.yaml", Line: 3, Path: "provider.name", Rule: "line"},
				{File: "aa.yaml", Line: 9, Path: "language", Rule: "oneof"},
				{File: "deal.yaml", Line: 30, Path: "audit.notice_days", Rule: "max"},
			},
			[]string{"deal.yaml:30: audit.notice_days max", "vendor.yaml:3: provider.name line", "aa.yaml:9: language oneof", "zz.yaml:1: language oneof"}},
		{"one line: in the order of the fields, then of the paths",
			[]Problem{
				{File: "deal.yaml", Line: 20, Path: "customer.contact.email", Rule: "email"},
				{File: "deal.yaml", Line: 20, Path: "customer.contact.name", Rule: "line"},
				{File: "deal.yaml", Line: 20, Path: "negotiated.zeta", Rule: "ident"},
				{File: "deal.yaml", Line: 20, Path: "negotiated.alpha", Rule: "ident"},
			},
			[]string{"deal.yaml:20: customer.contact.name line", "deal.yaml:20: customer.contact.email email", "deal.yaml:20: negotiated.alpha ident", "deal.yaml:20: negotiated.zeta ident"}},
		{"one path: in the order found",
			[]Problem{
				{File: "deal.yaml", Line: 12, Path: "scc.forum", Rule: "eu_forum"},
				{File: "deal.yaml", Line: 12, Path: "scc.forum", Rule: "country"},
			},
			[]string{"deal.yaml:12: scc.forum eu_forum", "deal.yaml:12: scc.forum country"}},
		{"without a line: after the others, in the order found",
			[]Problem{
				{Path: "provider", Rule: RuleSectionMissing},
				{File: "deal.yaml", Line: 12, Path: "scc.forum", Rule: "eu_forum"},
				{Path: "agreement", Rule: "required"},
				{File: "deal.yaml", Path: "", Rule: "empty"},
				{File: "deal.yaml", Line: 2, Path: "effective_date", Rule: "required_date"},
			},
			[]string{"deal.yaml:2: effective_date required_date", "deal.yaml:12: scc.forum eu_forum", ":0: provider section_missing", ":0: agreement required", "deal.yaml:0:  empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inFileOrder(tt.in, "deal.yaml", "vendor.yaml")
			var got []string
			for _, p := range tt.in {
				got = append(got, fmt.Sprintf("%s:%d: %s %s", p.File, p.Line, p.Path, p.Rule))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
		})
	}
}
