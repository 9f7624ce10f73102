package deal

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dpakit/dpakit/assemble/suggest"
)

// WarnRiderClauseNumber: a rider's title or text refers to a clause by its
// number ("Clause 17", "clause 9.2"). A rider is printed as written, while
// a rider renumbers every clause after it (and a deal's DPA leaves out the
// clauses that do not apply to it), so the number typed may name another
// clause than the one meant. The DPA's own cross-references follow
// renumbering; a rider's words do not.
const WarnRiderClauseNumber = "rider_clause_number"

// clauseNumberRef matches a reference by number to one clause, or to
// several after "Clauses", in any case: "Clause 17", "clause 9.2", "Clause
// 8.9(c)", "Clauses 8, 9 and 10", "Clauses 8 to 10". Its group 1 is what
// follows a reference to the clauses of another instrument, which have
// numbers of their own that no rider changes: "of the Standard Contractual
// Clauses", "of the SCCs", "of the Agreement" (the principal agreement).
var clauseNumberRef = func() *regexp.Regexp {
	const number = `\d+(?:\.\d+)*(?:\([a-z0-9]+\))*`
	return regexp.MustCompile(`(?i)\b(?:clause\s+` + number + `|clauses\s+` + number +
		`(?:\s*(?:,|and|or|to|-|–)\s*` + number + `)*)` +
		`(\s+of\s+the\s+(?:standard\s+contractual\s+clauses|sccs?|agreement)\b)?`)
}()

// clauseNumbers returns the references by number to clauses of the DPA in
// text (see clauseNumberRef), as written, in order.
func clauseNumbers(text string) []string {
	var out []string
	for _, m := range clauseNumberRef.FindAllStringSubmatchIndex(text, -1) {
		if m[2] >= 0 {
			continue // a clause of the SCCs or of the Agreement
		}
		out = append(out, strings.Join(strings.Fields(text[m[0]:m[1]]), " "))
	}
	return out
}

// riderWarnings warns, once a rider at riders[i].text, of each rider whose
// title or text refers to a clause of the DPA by its number (clauseNumbers),
// naming each reference and where it is.
func riderWarnings(d *Deal) []Problem {
	var ws []Problem
	for i, r := range d.Riders {
		var refs []string
		for _, part := range []struct{ where, text string }{{"title", r.Title}, {"text", r.Text}} {
			for _, n := range clauseNumbers(part.text) {
				refs = append(refs, fmt.Sprintf("%s (in its %s)", suggest.Quote(n), part.where))
			}
		}
		if len(refs) == 0 {
			continue
		}
		ws = append(ws, Problem{Path: fmt.Sprintf("riders[%d].text", i), Rule: WarnRiderClauseNumber, Message: fmt.Sprintf(
			"the rider %s refers to %s by number: clause numbers in a rider are printed as written and do not follow renumbering (a rider renumbers every clause after it, and a DPA leaves out the clauses that do not apply to its deal), so the number may name another clause of this DPA; refer to the clause by its heading instead (such as \"the clause headed Liability\")",
			suggest.Quote(r.Title), andList(refs))})
	}
	return ws
}
