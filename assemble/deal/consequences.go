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
// section that neither the deal nor the profile gives by one problem
// naming the section and what it needs, at the place of the first: a
// top-level section (typically provider, when a deal is loaded without its
// vendor profile) or one nested in a section that is given (a customer
// without customer.signatory). The problem is located at the line of the
// key of the section that holds the missing one, where a file gives it
// (see at); a section that is given but incomplete keeps a problem per
// field.
func collapseMissingSections(problems []Problem, given func(path string) bool, at func(path string) (file string, line int)) []Problem {
	missing := map[string][]string{} // section → the required fields, relative
	for _, p := range problems {
		if section := missingSection(p, given); section != "" {
			missing[section] = append(missing[section], p.Path[len(section)+1:])
		}
	}
	out := make([]Problem, 0, len(problems))
	done := map[string]bool{}
	for _, p := range problems {
		section := missingSection(p, given)
		fields := missing[section]
		if len(fields) < 2 {
			out = append(out, p)
			continue
		}
		if done[section] {
			continue
		}
		done[section] = true
		q := Problem{Path: section, Rule: RuleSectionMissing, Message: "is missing; it needs " + andList(groupFields(fields))}
		if parent, _, nested := cutLast(section, "."); nested {
			q.File, q.Line = at(parent)
		}
		out = append(out, q)
	}
	return out
}

// missingSection returns the outermost section on the path of a
// "required" problem that neither file gives, such as "provider" for
// provider.contact.email or "customer.signatory" for
// customer.signatory.name in a deal that gives customer; "" when every
// section on the path is given, or p is another kind of problem. Only
// sections outside lists count: a list item that is there is given.
func missingSection(p Problem, given func(path string) bool) string {
	if p.Rule != "required" {
		return ""
	}
	sections, _, _ := strings.Cut(p.Path, "[")
	for i, r := range sections {
		if r == '.' && !given(p.Path[:i]) {
			return p.Path[:i]
		}
	}
	return ""
}

// cutLast slices s around the last instance of sep.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
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
