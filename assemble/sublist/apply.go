package sublist

import "github.com/dpakit/dpakit/assemble/subproc"

// ApplyTo applies the vendor's changes c (from its old list to its new) to
// a customer's own list (the Annex III a customer agreed, which may lack
// entries of the vendor's list or carry details of its own, such as an
// address) and returns the customer's list after the change:
//
//   - an entry the vendor removed is dropped;
//   - an entry the vendor changed keeps the customer's own details except
//     the fields the vendor changed, which take the new values;
//   - an entry the vendor added is appended, unless the customer's list
//     already has it.
//
// Diff(list, ApplyTo(list, c)) is then the change as it affects that
// customer. list is not modified.
func ApplyTo(list []subproc.Subprocessor, c Changes) []subproc.Subprocessor {
	removed := map[string]bool{}
	for _, r := range c.Removed {
		removed[subproc.NameKey(r.Name)] = true
	}
	changed := map[string]Change{}
	for _, ch := range c.Changed {
		changed[subproc.NameKey(ch.Before.Name)] = ch
	}
	have := map[string]bool{}
	out := make([]subproc.Subprocessor, 0, len(list)+len(c.Added))
	for _, s := range list {
		k := subproc.NameKey(s.Name)
		if removed[k] {
			continue
		}
		if ch, ok := changed[k]; ok {
			s = withFields(s, ch.After, ch.FieldNames())
		}
		have[subproc.NameKey(s.Name)] = true
		out = append(out, s)
	}
	for _, a := range c.Added {
		if !have[subproc.NameKey(a.Name)] {
			out = append(out, a)
		}
	}
	return out
}

// withFields returns s with the named fields (deal file keys) taken from
// from; it sets them as Diff compares them (comparedFields).
func withFields(s, from subproc.Subprocessor, fields []string) subproc.Subprocessor {
	want := map[string]bool{}
	for _, f := range fields {
		want[f] = true
	}
	for _, f := range comparedFields() {
		if want[f.key] {
			f.set(&s, from)
		}
	}
	return s
}
