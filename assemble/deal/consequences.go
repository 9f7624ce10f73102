package deal

import (
	"strings"
)

// RuleSectionMissing names the problem that replaces the "is required"
// problems of a whole section the deal and profile leave out.
const RuleSectionMissing = "section_missing"

// derivation is a field whose default is derived from another field's
// value (see Defaults).
type derivation struct {
	derived, source string
}

// derivations lists the fields Defaults derives from another field. When
// the source is wrong, the derived field is empty or wrong for that reason
// alone, and a problem reported against it would send the user after the
// wrong field.
func derivations() []derivation {
	return []derivation{
		{derived: "scc.modules", source: "customer.role"},
		{derived: "scc.supervisory_authority", source: "customer.country"},
		{derived: "scc.supervisory_authority", source: "customer.representative.country"},
		{derived: "scc.supervisory_authority", source: "customer.representative"},
		{derived: "scc.forum", source: "scc.governing_law"},
	}
}

// knockOns removes the problems that are only consequences of another
// problem: a problem with a derived field (see derivations) whose source
// has a problem of its own, when the derived field was not given. given
// reports whether the deal or profile gave a path; when it is nil, a
// derived field counts as not given when its problem is that it is
// required (it was left empty).
func knockOns(problems []Problem, given func(path string) bool) []Problem {
	bad := make(map[string]bool, len(problems))
	for _, p := range problems {
		bad[p.Path] = true
	}
	kept := make([]Problem, 0, len(problems))
	for _, p := range problems {
		if !isKnockOn(p, bad, given) {
			kept = append(kept, p)
		}
	}
	return kept
}

// isKnockOn reports whether p is a consequence of a problem with the
// source of the field it is about.
func isKnockOn(p Problem, bad map[string]bool, given func(string) bool) bool {
	for _, d := range derivations() {
		if p.Path != d.derived || !bad[d.source] {
			continue
		}
		if given == nil {
			return p.Rule == "required" || strings.HasSuffix(p.Rule, "_required")
		}
		return !given(d.derived)
	}
	return false
}

// withoutPruned removes the problems at or below the paths of values that
// could not be decoded (and were read as empty): their decoding problem
// has been reported already.
func withoutPruned(problems []Problem, pruned []string) []Problem {
	if len(pruned) == 0 {
		return problems
	}
	kept := make([]Problem, 0, len(problems))
	for _, p := range problems {
		if !underAny(p.Path, pruned) {
			kept = append(kept, p)
		}
	}
	return kept
}

// underAny reports whether path is one of paths or below one of them.
func underAny(path string, paths []string) bool {
	for _, x := range paths {
		if path == x || strings.HasPrefix(path, x+".") || strings.HasPrefix(path, x+"[") {
			return true
		}
	}
	return false
}

// collapseMissingSections replaces the "is required" problems of a
// top-level section that neither the deal nor the profile gives (typically
// provider, when a deal is loaded without its vendor profile) by one
// problem naming the section and what it needs, at the place of the first.
func collapseMissingSections(problems []Problem, given func(path string) bool) []Problem {
	missing := map[string][]string{} // section → the required fields, relative
	for _, p := range problems {
		section, rest, nested := strings.Cut(p.Path, ".")
		if nested && p.Rule == "required" && !given(section) {
			missing[section] = append(missing[section], rest)
		}
	}
	out := make([]Problem, 0, len(problems))
	done := map[string]bool{}
	for _, p := range problems {
		section, _, _ := strings.Cut(p.Path, ".")
		fields := missing[section]
		if len(fields) < 2 || p.Rule != "required" || p.Path == section {
			out = append(out, p)
			continue
		}
		if done[section] {
			continue
		}
		done[section] = true
		out = append(out, Problem{Path: section, Rule: RuleSectionMissing,
			Message: "is missing; it needs " + andList(groupFields(fields))})
	}
	return out
}

// groupFields writes relative field paths compactly: "name", "contact.name"
// and "contact.email" become "name" and "contact (name, email)".
func groupFields(fields []string) []string {
	var out []string
	index := map[string]int{}
	var subs [][]string
	for _, f := range fields {
		head, tail, nested := strings.Cut(f, ".")
		i, seen := index[head]
		if !seen {
			i = len(out)
			index[head] = i
			out = append(out, head)
			subs = append(subs, nil)
		}
		if nested {
			subs[i] = append(subs[i], tail)
		}
	}
	for i, s := range subs {
		if len(s) > 0 {
			out[i] += " (" + strings.Join(s, ", ") + ")"
		}
	}
	return out
}

// withoutMoved removes the problems at or below the generic paths where a
// mistyped or misplaced key belongs, when the deal does not give that path:
// the unknown-key problem already says where the key goes, and what the
// field would have held is missing only because of it.
func withoutMoved(problems []Problem, moved []string, given func(string) bool) []Problem {
	if len(moved) == 0 {
		return problems
	}
	kept := make([]Problem, 0, len(problems))
	for _, p := range problems {
		if underAny(genericPath(p.Path), moved) && !given(p.Path) {
			continue
		}
		kept = append(kept, p)
	}
	return kept
}
