package deal

import (
	"cmp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Load decodes a deal and, unless profile is nil, the vendor profile it is
// laid over; merges the deal over the profile (see merge); decodes the
// result into a Deal; applies Defaults; and validates it with a Validator
// built with no Options. See (*Validator).Load.
func Load(deal []byte, dealName string, profile []byte, profileName string) (*Deal, error) {
	return NewValidator(Options{}).Load(deal, dealName, profile, profileName)
}

// Load decodes a deal and, unless profile is nil, the vendor profile it is
// laid over; merges the deal over the profile (see merge); decodes the
// result into a Deal; applies Defaults; and validates it.
//
// Every error is a *ValidationError. Decoding problems of both files are
// reported together, each naming its file; the returned Deal is then nil.
// Problems are listed in the order of the files (see inFileOrder): those
// located at a line by file (the deal, then the profile), line and path,
// then those that no line locates (a field neither file gives).
// When the merged deal decodes but breaks a rule, Load returns the defaulted
// Deal together with the error, so that a form can show it again; each
// problem names the file that supplied the offending value, where one did.
func (v *Validator) Load(deal []byte, dealName string, profile []byte, profileName string) (*Deal, error) {
	d, _, err := v.LoadWithWarnings(deal, dealName, profile, profileName)
	return d, err
}

// LoadWithWarnings is Load that also returns the deal's warnings (see
// Warnings), each located like a problem: File and Line name the file and
// line that supplied the value, where one did. Warnings are returned
// whenever the merged deal decodes, valid or not, so that a form or an API
// response can show them beside the problems; they never make the error
// non-nil. The CLI prints them on standard error without failing.
func (v *Validator) LoadWithWarnings(deal []byte, dealName string, profile []byte, profileName string) (*Deal, []Problem, error) {
	l := v.load(deal, dealName, profile, profileName)
	return l.deal, l.warnings, l.err
}

// loaded is what load returns: LoadWithWarnings's results and, when the
// deal decoded, the parsed files, which LoadExplained reads again.
type loaded struct {
	deal        *Deal
	warnings    []Problem
	err         error
	dealNode    *yaml.Node // the deal file's top-level mapping
	profileNode *yaml.Node // the profile's, nil without a profile
}

// LoadDocument is LoadWithWarnings for a deal already parsed, such as a
// part of a request's body (see Document): its problems and warnings name
// dealName and the lines doc carries. doc is left as it was.
func (v *Validator) LoadDocument(doc *Document, dealName string, profile []byte, profileName string) (*Deal, []Problem, error) {
	l := v.loadParsed(lenientDocument(doc, dealName), dealName, profile, profileName)
	return l.deal, l.warnings, l.err
}

// load is LoadWithWarnings, keeping the parsed files.
func (v *Validator) load(deal []byte, dealName string, profile []byte, profileName string) loaded {
	return v.loadParsed(parseLenient(deal, dealName), dealName, profile, profileName)
}

// loadParsed is load for the deal file dp, already parsed.
func (v *Validator) loadParsed(dp parsed, dealName string, profile []byte, profileName string) loaded {
	var pp parsed
	if profile != nil {
		pp = parseLenient(profile, profileName)
	}
	decodeProblems := append(append([]Problem(nil), dp.problems...), pp.problems...)
	if dp.root == nil || (profile != nil && pp.root == nil) {
		return loaded{err: newValidationError(decodeProblems)}
	}
	dn, pn := dp.root, pp.root
	d, err := decode(merge(pn, dn))
	if err != nil {
		return loaded{err: err}
	}
	Defaults(d)
	given := func(path string) bool {
		_, _, exact := source(dn, pn, path)
		return exact
	}
	locate := func(ps []Problem) {
		for i := range ps {
			p := &ps[i]
			n, fromDeal, _ := source(dn, pn, p.Path)
			switch {
			case n == nil:
			case fromDeal:
				p.File, p.Line = dealName, n.Line
			default:
				p.File, p.Line = profileName, n.Line
			}
		}
	}
	warnings := append(Warnings(d), providerWarnings(dn, pn)...)
	locate(warnings)
	// At the deal's processing key, which locate would place at its first
	// field.
	warnings = append(warnings, processingWarnings(dn, pn, dealName)...)
	warnings = append(warnings, processorProcessingWarnings(d, dn, pn, dealName)...)
	warnings = append(warnings, authorisedListWarnings(d, dn, pn, dealName)...)
	var ruleProblems []Problem
	if err := v.Validate(d); err != nil {
		ve, ok := err.(*ValidationError)
		if !ok {
			return loaded{deal: d, warnings: warnings, err: err, dealNode: dn, profileNode: pn}
		}
		ruleProblems = ve.Problems
		locate(ruleProblems)
	}
	// A value that could not be decoded was read as empty: the rules'
	// complaints about it, and about what derives from it, are not news.
	pruned := append(append([]string(nil), dp.pruned...), pp.pruned...)
	ruleProblems = withoutPruned(ruleProblems, pruned)
	ruleProblems = withoutMoved(ruleProblems, append(append([]string(nil), dp.moved...), pp.moved...), given)
	problems := knockOns(append(decodeProblems, ruleProblems...), given)
	keyLine := func(path string) (string, int) {
		switch key, fromDeal := keyAt(dn, pn, path); {
		case key == nil:
			return "", 0
		case fromDeal:
			return dealName, key.Line
		default:
			return profileName, key.Line
		}
	}
	problems = collapseMissingSections(problems, given, keyLine)
	inFileOrder(problems, dealName, profileName)
	l := loaded{deal: d, warnings: warnings, dealNode: dn, profileNode: pn}
	if len(problems) == 0 {
		return l
	}
	if len(decodeProblems) > 0 {
		// A deal read with some of its values left out is not the deal
		// its author wrote: return none.
		return loaded{err: newValidationError(problems)}
	}
	l.err = newValidationError(problems)
	return l
}

// merge lays the deal node over the profile node, key by key, and returns
// the result; either may be nil. Where both hold a mapping for the same key
// the two are merged recursively; otherwise the deal's value replaces the
// profile's whole: lists are not concatenated, and an explicit false, 0, ""
// or null in the deal wins over the profile. Neither input is modified.
func merge(profile, deal *yaml.Node) *yaml.Node {
	switch {
	case profile == nil:
		return deal
	case deal == nil:
		return profile
	case profile.Kind != yaml.MappingNode || deal.Kind != yaml.MappingNode:
		return deal
	}
	out := *profile
	out.Content = append([]*yaml.Node(nil), profile.Content...)
	for i := 0; i+1 < len(deal.Content); i += 2 {
		k, v := deal.Content[i], deal.Content[i+1]
		j := mappingIndex(&out, k.Value)
		if j < 0 {
			out.Content = append(out.Content, k, v)
			continue
		}
		out.Content[j+1] = merge(out.Content[j+1], v)
	}
	return &out
}

// mappingIndex returns the index of key's key node in mapping m, or -1.
func mappingIndex(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// decode decodes a node that parse (or merge of parse results) returned
// into a new Deal, without defaults or validation.
func decode(n *yaml.Node) (*Deal, error) {
	d := new(Deal)
	if n == nil {
		return d, nil
	}
	if err := n.Decode(d); err != nil {
		// Parse has checked every value, so this is not expected; report it
		// as a problem rather than as an internal error all the same.
		return nil, newValidationError([]Problem{{Rule: "type", Message: strings.TrimPrefix(err.Error(), "yaml: ")}})
	}
	return d, nil
}

// source finds where the value at path of a deal laid over a profile (see
// merge) came from: the node that holds it and whether it is the deal
// file's (fromDeal) or the profile's. A mapping that both files give is
// looked into in both; any other value, a list above all, belongs whole to
// the file that gave it, so a profile's list items never locate a problem
// in the list the deal gave instead. exact reports whether the whole path
// is there; when it is not, n is the nearest list item on the path, so
// that a field left out of an item points at the item, or nil.
func source(dn, pn *yaml.Node, path string) (n *yaml.Node, fromDeal, exact bool) {
	if path == "" {
		return nil, false, false
	}
	d, p := dn, pn
	var item *yaml.Node
	itemFromDeal := false
	for seg := range strings.SplitSeq(path, ".") {
		key, rest, _ := strings.Cut(seg, "[")
		d, p = child(d, key), child(p, key)
		if d != nil && (d.Kind != yaml.MappingNode || p == nil || p.Kind != yaml.MappingNode) {
			p = nil // the deal's value replaces the profile's whole
		}
		for rest != "" && (d != nil || p != nil) {
			idx, after, _ := strings.Cut(rest, "]")
			d, p = element(d, idx), element(p, idx)
			if n := cmp.Or(d, p); n != nil {
				item, itemFromDeal = n, d != nil
			}
			rest = strings.TrimPrefix(after, "[")
		}
		if d == nil && p == nil {
			return item, itemFromDeal, false
		}
	}
	if d != nil {
		return d, true, true
	}
	return p, false, true
}

// keyAt finds the key that gives the mapping path ("customer", with no
// list index) in the deal file's node dn or, when the deal does not give
// it, in the profile's pn: the key's node (its line is the key's, where
// the value's node of a block mapping is at its first key), or nil.
func keyAt(dn, pn *yaml.Node, path string) (key *yaml.Node, fromDeal bool) {
	if k := keyIn(dn, path); k != nil {
		return k, true
	}
	return keyIn(pn, path), false
}

// keyIn returns the key node of path in the mapping n, or nil.
func keyIn(n *yaml.Node, path string) *yaml.Node {
	var key *yaml.Node
	for seg := range strings.SplitSeq(path, ".") {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		i := mappingIndex(n, seg)
		if i < 0 {
			return nil
		}
		key, n = n.Content[i], n.Content[i+1]
	}
	return key
}

// LocateIn sets the Line of each problem of ps whose path (such as
// "list[1].address") leads into the YAML or JSON document data, at the
// key it names or, for a key the document lacks, at the list item that
// lacks it; problems with no path, or a document that does not parse,
// are left as they are. It locates the problems found in a file after it
// was read, such as those of a list named on the command line.
func LocateIn(data []byte, ps []Problem) {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return
	}
	(&Document{n: doc.Content[0]}).Locate(ps)
}

// child returns the value of key in mapping n, or nil.
func child(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	if i := mappingIndex(n, key); i >= 0 {
		return n.Content[i+1]
	}
	return nil
}

// element returns item idx (a decimal index) of sequence n, or nil.
func element(n *yaml.Node, idx string) *yaml.Node {
	k, err := strconv.Atoi(idx)
	if n == nil || err != nil || n.Kind != yaml.SequenceNode || k < 0 || k >= len(n.Content) {
		return nil
	}
	return n.Content[k]
}

// FromJSON decodes a single deal given as JSON (or YAML), as an API
// request body, with no profile: it is Load(data, name, nil, "").
func (v *Validator) FromJSON(data []byte, name string) (*Deal, error) {
	return v.Load(data, name, nil, "")
}

// Complete applies Defaults to a deal built in code (from a form, say) and
// validates it.
func (v *Validator) Complete(d *Deal) error {
	if d != nil {
		Defaults(d)
	}
	return v.Validate(d)
}
