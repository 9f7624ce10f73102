package lint

import (
	"fmt"

	"github.com/dpakit/dpakit/assemble"
)

// CheckFallbacks reports every fallback written against an older version
// of its standard clause than the library holds. A fallback is a whole
// clause text, so a change to the standard clause (a period that became a
// deal value, a branch for UK transfers added to a sentence both texts
// share) does not reach it by itself: until someone has read the standard
// clause's changes and carried over those that apply, a deal that
// negotiated the fallback silently loses them. The author then sets the
// fallback's based_on to the standard clause's version (and gives the
// fallback a new version when its text changed).
func CheckFallbacks(lib *assemble.Library) []Problem {
	var out []Problem
	for _, fb := range lib.AllFallbacks() {
		std, ok := lib.Clause(fb.ID)
		if !ok || fb.BasedOn == std.Version {
			continue
		}
		out = append(out, Problem{Where: fb.FileName(), Message: fmt.Sprintf(
			"fallback %s.%s was written against clause %s %s, and the standard clause is now %s: compare the two versions of %s, carry into the fallback every change that applies to it as well (then give it a new version), and set based_on: %s (which alone needs no new version)",
			fb.ID, fb.Name, fb.ID, fb.BasedOn, std.Version, std.FileName(), std.Version)})
	}
	return out
}

// UnapprovedFallbacks returns a note for every fallback whose text has
// changed since its approval (assemble.Fallback.Unapproved). It is a note,
// not a problem: carrying a standard clause's changes into a fallback is
// the clause author's job and must not wait for Legal, but until Legal has
// approved the new text and approved_version names it, every deal that
// negotiates the fallback is warned as well.
func UnapprovedFallbacks(lib *assemble.Library) []string {
	var out []string
	for _, fb := range lib.AllFallbacks() {
		if msg := fb.UnapprovedMessage(); msg != "" {
			out = append(out, fb.FileName()+": "+msg+"; once it is, set approved_version: "+fb.Version)
		}
	}
	return out
}
