package lint

import (
	"slices"
	"strconv"
	"testing"

	"github.com/dpakit/dpakit/assemble/document"
)

// TestCheckClauseNumbers checks the rule on clause numbers written as text
// outside the SCC paragraphs: each must be followed, within its sentence
// and before the next such number, by the instrument it belongs to.
func TestCheckClauseNumbers(t *testing.T) {
	for _, tc := range []struct {
		name string
		runs []document.Run
		want []string // the clause numbers reported
	}{
		{"named", []document.Run{{Text: "as Clause 9(a) (Option 1) of the Standard Contractual Clauses provides."}}, nil},
		{"several, named once", []document.Run{{Text: "as Clauses 14(f) and 16(d) and (e) of the Standard Contractual Clauses provide."}}, nil},
		{"the second one bare", []document.Run{{Text: "as Clause 14(f) of the Standard Contractual Clauses (and, where it applies, Clause 16) provides."}}, []string{"Clause 16"}},
		{"named in the next sentence only", []document.Run{{Text: "Clause 8.7 applies. It is a clause of the SCCs."}}, []string{"Clause 8.7"}},
		{"the UK Addendum's", []document.Run{{Text: "Clause 13(a) and Part C of Annex I are not used: Section 15(j) of the UK Addendum."}}, nil},
		{"a DPA clause in a notice", []document.Run{{Text: "under the sub-processor terms (Clause 6) of the Data Processing Agreement"}}, nil},
		{"a cross-reference is not text", []document.Run{{Text: "in accordance with "}, {Text: "Clause 11", Ref: "audits"}, {Text: "."}}, nil},
		{"a word, not a number", []document.Run{{Text: "this Clause applies; Clauses of the Agreement."}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range checkClauseNumbers(tc.runs) {
				// Each message starts with the clause number, quoted.
				token, err := strconv.QuotedPrefix(m)
				if err != nil {
					t.Fatalf("message %q does not start with the quoted clause number", m)
				}
				got = append(got, token[1:len(token)-1])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("reported %q, want %q\n(messages: %q)", got, tc.want, checkClauseNumbers(tc.runs))
			}
		})
	}
}

// TestClauseToken checks how much of the text a clause number takes.
func TestClauseToken(t *testing.T) {
	for in, want := range map[string]string{
		"Clause 14(f) of":         "Clause 14(f)",
		"Clauses 8.9 and 9(c)":    "Clauses 8.9",
		"Clause 16) provides":     "Clause 16",
		"Clause 13(a) and Part C": "Clause 13(a)",
		"Clause 9. Next":          "Clause 9",
	} {
		if got := clauseToken(in, 0); got != want {
			t.Errorf("clauseToken(%q) = %q, want %q", in, got, want)
		}
	}
}
