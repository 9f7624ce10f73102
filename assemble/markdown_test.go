package assemble

import (
	"errors"
	"strings"
	"testing"
)

// TestBuilderRefuses checks each Markdown construct the clause builder
// refuses: the render fails with ErrLibrary and a message naming the clause
// file, the line where known, and what to do.
func TestBuilderRefuses(t *testing.T) {
	const front = "---\nid: bad\ntitle: Bad\nversion: 1.0.0\n---\n"
	for _, tc := range []struct {
		name, body, want string
	}{
		{"raw HTML block", "## Bad\n\n<div>hidden</div>\n",
			"clauses/bad.md (as rendered): line 8: raw HTML is not allowed in clauses"},
		{"inline raw HTML", "## Bad\n\nText <b>bold</b>.\n",
			"clauses/bad.md (as rendered): raw HTML is not allowed in clauses"},
		{"fenced code", "## Bad\n\n```go\nx := 1\n```\n",
			"clauses/bad.md (as rendered): line 8: code blocks are not allowed in clauses (only dpakit:title and dpakit:signatures directives)"},
		{"indented code", "## Bad\n\nText.\n\n    indented code\n",
			"clauses/bad.md (as rendered): line 10: unsupported Markdown element CodeBlock"},
		{"block quote", "## Bad\n\n> quoted\n",
			"clauses/bad.md (as rendered): line 8: unsupported Markdown element Blockquote"},
		{"deep heading", "## Bad\n\n#### Too deep\n",
			`clauses/bad.md (as rendered): line 8: heading "Too deep": level 4 is too deep (use #, ## or ###)`},
		{"duplicate id", "## One {#same}\n\n## Two {#same}\n",
			`clauses/bad.md (as rendered): line 8: heading id "same" is used twice`},
		{"unknown reference", "## Bad\n\nSee {{.Ref \"nowhere\"}}.\n",
			`cross-reference to "nowhere", which is not in this document`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eng := testLibrary(t, map[string]string{
				"bad.md":   front + tc.body,
				"bad.tmpl": "---\ntitle: Bad\nversion: 1.0.0\n---\n# Part {numbering=decimal}\n{{.Clause \"bad\"}}\n",
			})
			_, err := eng.Assemble(testDeal(), "bad")
			if !errors.Is(err, ErrLibrary) {
				t.Fatalf("err = %v, want ErrLibrary", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v\nwant it to contain %s", err, tc.want)
			}
		})
	}
}
