package deal

import (
	"slices"
	"strings"
	"testing"
)

// TestRiderClauseNumber: a rider whose title or text refers to a clause of
// the DPA by its number is warned of at riders[i].text, naming each
// reference and where it is, since the rider is printed as written while
// the clauses are renumbered; a reference to a clause of the SCCs or of the
// Agreement, and a clause named by its heading, are not.
func TestRiderClauseNumber(t *testing.T) {
	tests := []struct {
		name        string
		title, text string
		want        []string // the references the message quotes; none: no warning
	}{
		{"a clause of the DPA by number", "Insurance", "The insurance described in Clause 17 covers Personal Data Breaches.", []string{`"Clause 17" (in its text)`}},
		{"lower case and a sub-clause", "Insurance", "As clause 9.2 provides, Provider notifies Customer.", []string{`"clause 9.2" (in its text)`}},
		{"a paragraph's letter", "Insurance", "Subject to Clause 8.4(b), Provider insures.", []string{`"Clause 8.4(b)" (in its text)`}},
		{"several clauses", "Insurance", "Clauses 8 to 10 and Clause 12\nof this DPA apply.", []string{`"Clauses 8 to 10" (in its text)`, `"Clause 12" (in its text)`}},
		{"in the title", "Insurance under Clause 17", "Provider shall maintain insurance.", []string{`"Clause 17" (in its title)`}},
		{"in the title and the text", "Clause 16 Cap", "The cap of Clause 16 applies.", []string{`"Clause 16" (in its title)`, `"Clause 16" (in its text)`}},
		{"a clause of the SCCs", "Audits", "Clause 8.9(c) of the Standard Contractual Clauses and Clause 17 of the SCCs, and Clauses 8 and 9 of the\nStandard Contractual Clauses, prevail.", nil},
		{"a clause of the Agreement", "Insurance", "The limits of Clause 12 of the Agreement apply.", nil},
		{"a clause by its heading", "Insurance", "The clause headed Liability applies; so do the Standard Contractual Clauses.", nil},
		{"a number that is no clause's", "Insurance", "Cover of EUR 5,000,000 for 12 months.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := exampleDeal(t)
			d.Riders = []Rider{{After: "definitions", Title: "Order of Signature", Text: "The parties sign in counterparts."},
				{After: "liability", Title: tt.title, Text: tt.text}}
			var got []Problem
			for _, w := range Warnings(d) {
				if w.Rule == WarnRiderClauseNumber {
					got = append(got, w)
				}
			}
			if len(tt.want) == 0 {
				if len(got) > 0 {
					t.Errorf("warned: %+v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Path != "riders[1].text" {
				t.Fatalf("warnings %+v, want one at riders[1].text", got)
			}
			for _, s := range append(slices.Clone(tt.want), "printed as written and do not follow renumbering", "refer to the clause by its heading instead") {
				if !strings.Contains(got[0].Message, s) {
					t.Errorf("the message lacks %q: %s", s, got[0].Message)
				}
			}
		})
	}
}

// TestRiderClauseNumberLocated: the warning is at the line of the rider's
// text in the deal file.
func TestRiderClauseNumberLocated(t *testing.T) {
	src := string(readExample(t)) + "riders:\n  - after: liability\n    title: Insurance\n    text: The insurance of Clause 17 applies.\n"
	_, ws, err := NewValidator(Options{}).LoadWithWarnings([]byte(src), "deal.yaml", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Count(src, "\n") // the last line: text
	for _, w := range ws {
		if w.Rule == WarnRiderClauseNumber {
			if w.Path != "riders[0].text" || w.File != "deal.yaml" || w.Line != want {
				t.Errorf("warning at %s:%d %s, want deal.yaml:%d riders[0].text", w.File, w.Line, w.Path, want)
			}
			return
		}
	}
	t.Errorf("no %s warning in %+v", WarnRiderClauseNumber, ws)
}
