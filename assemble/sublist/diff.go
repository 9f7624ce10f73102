package sublist

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/subproc"
)

// Changes is what changed between two lists. Added and Changed follow the
// new list's order, Removed the old list's, so the same two lists always
// give the same Changes. Encoded as JSON, its keys are snake_case and empty
// parts are [] rather than null.
type Changes struct {
	Added   []subproc.Subprocessor `json:"added"`
	Removed []subproc.Subprocessor `json:"removed"`
	Changed []Change               `json:"changed"`
}

// Change is one sub-processor in both lists whose entry differs: the
// matched pair of entries and the fields that differ. The notice letter
// prints Before and After as they are; nothing downstream matches entries
// again.
type Change struct {
	// Name is the name in the new list.
	Name string `json:"name"`
	// Before is the entry in the old list, After the entry in the new.
	Before subproc.Subprocessor `json:"before"`
	After  subproc.Subprocessor `json:"after"`
	Fields []FieldChange        `json:"fields"`
}

// FieldNames returns the keys of the fields that changed, in order.
func (c Change) FieldNames() []string {
	out := make([]string, len(c.Fields))
	for i, f := range c.Fields {
		out[i] = f.Field
	}
	return out
}

// FieldChange is one field's old and new value, as text: data categories
// joined with "; " (each quoted when one holds ";", so that two different
// lists never read the same), dates as YYYY-MM-DD, codes as in the deal
// file.
type FieldChange struct {
	// Field is the deal file's key: "purpose", "transfer_mechanism", ...
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool {
	return len(c.Added) == 0 && len(c.Removed) == 0 && len(c.Changed) == 0
}

// comparedField is one field of an entry that Diff compares: its deal file
// key, its value as text, and how ApplyTo sets it from another entry.
// Two entries differ in it when their texts differ, or, for a field with
// same, when same says so.
type comparedField struct {
	key  string
	text func(subproc.Subprocessor) string
	set  func(to *subproc.Subprocessor, from subproc.Subprocessor)
	same func(a, b subproc.Subprocessor) bool
}

// differs reports whether the entries a and b differ in the field.
func (f comparedField) differs(a, b subproc.Subprocessor) bool {
	if f.same != nil {
		return !f.same(a, b)
	}
	return f.text(a) != f.text(b)
}

// dataText writes data categories as FieldChange does: joined with "; ",
// or, when a category itself holds ";" (which a valid list refuses), each
// quoted, so that ["Logs; metrics"] never reads as ["Logs", "metrics"].
func dataText(data []string) string {
	if !slices.ContainsFunc(data, func(c string) bool { return strings.Contains(c, ";") }) {
		return strings.Join(data, "; ")
	}
	quoted := make([]string, len(data))
	for i, c := range data {
		quoted[i] = strconv.Quote(c)
	}
	return strings.Join(quoted, "; ")
}

// comparedFields are the fields Diff compares, in the order it reports
// them: every field of subproc.Subprocessor. contact_title and
// responsibilities are compared like the rest: under Clause 9(a) Option 1
// the customer's Annex III gives them for each sub-processor, and the
// specific authorisation rests on that description. A new field of the
// entry must be added here (TestComparedFieldsCoverEntry walks the struct).
func comparedFields() []comparedField {
	return []comparedField{
		{key: "name", text: func(s subproc.Subprocessor) string { return s.Name },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.Name = f.Name }},
		{key: "description", text: func(s subproc.Subprocessor) string { return s.Description },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.Description = f.Description }},
		{key: "purpose", text: func(s subproc.Subprocessor) string { return s.Purpose },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.Purpose = f.Purpose }},
		{key: "category", text: func(s subproc.Subprocessor) string { return s.Category },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.Category = f.Category }},
		{key: "location", text: func(s subproc.Subprocessor) string { return s.Location },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.Location = f.Location }},
		{key: "country", text: func(s subproc.Subprocessor) string { return s.Country },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.Country = f.Country }},
		// Compared as lists: any change of a category shows, whatever
		// their text when joined.
		{key: "data", text: func(s subproc.Subprocessor) string { return dataText(s.Data) },
			set:  func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.Data = append([]string(nil), f.Data...) },
			same: func(a, b subproc.Subprocessor) bool { return slices.Equal(a.Data, b.Data) }},
		{key: "transfer_mechanism", text: func(s subproc.Subprocessor) string { return s.TransferMechanism },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.TransferMechanism = f.TransferMechanism }},
		{key: "website", text: func(s subproc.Subprocessor) string { return s.Website },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.Website = f.Website }},
		{key: "address", text: func(s subproc.Subprocessor) string { return s.Address },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.Address = f.Address }},
		{key: "contact", text: func(s subproc.Subprocessor) string { return s.Contact },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.Contact = f.Contact }},
		{key: "contact_title", text: func(s subproc.Subprocessor) string { return s.ContactTitle },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.ContactTitle = f.ContactTitle }},
		{key: "responsibilities", text: func(s subproc.Subprocessor) string { return s.Responsibilities },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.Responsibilities = f.Responsibilities }},
		{key: "added", text: func(s subproc.Subprocessor) string { return s.Added.String() },
			set: func(t *subproc.Subprocessor, f subproc.Subprocessor) { t.Added = f.Added }},
	}
}

// Diff compares two lists, matching sub-processors by subproc.NameKey: without
// regard to case or spacing ("AWS" in the old list is "aws " in the new; the
// change is reported as a change of name). Names are unique in a valid
// list; if one is not, its k-th entry in the old list is matched with its
// k-th entry in the new one.
func Diff(old, new []subproc.Subprocessor) Changes {
	key := func(s subproc.Subprocessor) string { return subproc.NameKey(s.Name) }
	unmatched := map[string][]int{} // key: indexes into old not yet matched
	for i, s := range old {
		unmatched[key(s)] = append(unmatched[key(s)], i)
	}
	matched := make([]bool, len(old))
	c := Changes{Added: []subproc.Subprocessor{}, Removed: []subproc.Subprocessor{}, Changed: []Change{}}
	for _, n := range new {
		k := key(n)
		idx := unmatched[k]
		if len(idx) == 0 {
			c.Added = append(c.Added, n)
			continue
		}
		o := old[idx[0]]
		unmatched[k] = idx[1:]
		matched[idx[0]] = true
		var fields []FieldChange
		for _, f := range comparedFields() {
			if f.differs(o, n) {
				fields = append(fields, FieldChange{Field: f.key, Old: f.text(o), New: f.text(n)})
			}
		}
		if fields != nil {
			c.Changed = append(c.Changed, Change{Name: n.Name, Before: o, After: n, Fields: fields})
		}
	}
	for i, o := range old {
		if !matched[i] {
			c.Removed = append(c.Removed, o)
		}
	}
	return c
}

// WriteText writes the changes for people to read:
//
//	1 added, 1 removed, 1 changed
//
//	Added
//	  + Okta: User authentication. (United States, scc)
//	Removed
//	  - Heroku
//	Changed
//	  ~ Papertrail
//	      location: "EU (Ireland)" -> "EU (Frankfurt)"
func (c Changes) WriteText(w io.Writer) error {
	var b strings.Builder
	if c.Empty() {
		b.WriteString("No changes.\n")
	} else {
		fmt.Fprintf(&b, "%d added, %d removed, %d changed\n", len(c.Added), len(c.Removed), len(c.Changed))
	}
	if len(c.Added) > 0 {
		b.WriteString("\nAdded\n")
		for _, s := range c.Added {
			fmt.Fprintf(&b, "  + %s: %s (%s, %s)\n", s.Name, s.Purpose, s.Location, s.TransferMechanism)
		}
	}
	if len(c.Removed) > 0 {
		b.WriteString("\nRemoved\n")
		for _, s := range c.Removed {
			fmt.Fprintf(&b, "  - %s\n", s.Name)
		}
	}
	if len(c.Changed) > 0 {
		b.WriteString("\nChanged\n")
		for _, ch := range c.Changed {
			fmt.Fprintf(&b, "  ~ %s\n", ch.Name)
			for _, f := range ch.Fields {
				fmt.Fprintf(&b, "      %s: %q -> %q\n", f.Field, f.Old, f.New)
			}
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write changes: %w", err)
	}
	return nil
}
