package deal

import (
	"reflect"
	"strings"

	"github.com/dpakit/dpakit/assemble/country"
	"go.yaml.in/yaml/v3"
)

// Origin says where a value of a loaded deal came from.
type Origin string

// The origins of a value.
const (
	// FromDeal: the deal file gave it.
	FromDeal Origin = "deal"
	// FromProfile: the vendor profile gave it and the deal did not.
	FromProfile Origin = "profile"
	// FromDefault: neither file gave it; it is dpakit's default.
	FromDefault Origin = "default"
	// Derived: neither file gave it; it was worked out from other fields
	// (Source.From names them).
	Derived Origin = "derived"
)

// Source is where the value at one path of a loaded deal came from.
type Source struct {
	Origin Origin `json:"origin"`
	// From names the fields a derived value is worked out from.
	From string `json:"from,omitempty"`
}

// derivedFrom names, for the defaults that are worked out from other
// fields (see Defaults), the fields they come from in the loaded deal d:
// the supervisory authority comes from customer.country for a customer in
// the EEA and from customer.representative.country for one outside it.
func derivedFrom(path string, d *Deal) string {
	switch path {
	case "scc.supervisory_authority":
		if d.Customer.Representative != nil && !country.IsEEA(d.Customer.Country) {
			return "customer.representative.country"
		}
		return "customer.country"
	case "scc.modules":
		return "customer.role"
	case "scc.forum":
		return "scc.governing_law"
	case "reference":
		return "customer.name and effective_date"
	}
	return ""
}

// Explained is a loaded deal with what Load knows of where its values came
// from.
type Explained struct {
	*Deal
	// Sources says where each value came from: the deal file, the
	// profile, a default or a value derived from other fields. Paths are
	// the deal file's keys, a list or a text as a whole
	// ("subprocessors.list", "customer.name"); a path no file set and no
	// default filled is absent (see SourceOf).
	Sources map[string]Source
	// Profile is the vendor profile the deal was laid over, decoded as it
	// is (no defaults, not validated), or nil when there was none: the
	// standard the deal's terms are measured against.
	Profile *Deal

	dealNode, profileNode *yaml.Node
	dealName, profileName string
}

// Locate sets the File and Line of each problem of ps at the key of the
// deal or profile file that gives its path, as Load does for its own
// problems: for those found after loading, such as the clause library's
// (assemble.Engine.CheckDeal). It returns the problems as a
// *ValidationError whose File is set when they all come from one file,
// sorted into the order of the files as Load sorts its own (ps too is
// sorted).
func (x *Explained) Locate(ps []Problem) *ValidationError {
	for i := range ps {
		p := &ps[i]
		n, fromDeal, _ := source(x.dealNode, x.profileNode, p.Path)
		switch {
		case n == nil:
		case fromDeal:
			p.File, p.Line = x.dealName, n.Line
		default:
			p.File, p.Line = x.profileName, n.Line
		}
	}
	inFileOrder(ps, x.dealName, x.profileName)
	return newValidationError(ps)
}

// LoadExplained is LoadWithWarnings that also reports where each value
// came from and the profile as decoded (see Explained). The Explained is
// nil exactly when the Deal is.
func (v *Validator) LoadExplained(deal []byte, dealName string, profile []byte, profileName string) (*Explained, []Problem, error) {
	l := v.load(deal, dealName, profile, profileName)
	d, warnings, err := l.deal, l.warnings, l.err
	if d == nil {
		return nil, warnings, err
	}
	dn, pn := l.dealNode, l.profileNode
	before, derr := decode(merge(pn, dn))
	if derr != nil {
		return nil, warnings, derr
	}
	x := &Explained{Deal: d, Sources: sourcesOf(dn, pn, before, d),
		dealNode: dn, profileNode: pn, dealName: dealName, profileName: profileName}
	if pn != nil {
		x.Profile, _ = decode(pn)
	}
	return x, warnings, err
}

// sourcesOf works out the sources of a loaded deal from the deal and
// profile files' nodes (either may be nil), the merged deal before
// Defaults and the loaded deal.
func sourcesOf(dn, pn *yaml.Node, before, after *Deal) map[string]Source {
	out := map[string]Source{}
	for _, p := range givenPaths(pn, "") {
		out[p] = Source{Origin: FromProfile}
	}
	for _, p := range givenPaths(dn, "") {
		out[p] = Source{Origin: FromDeal}
	}
	// A null in the deal sets aside what the profile gives there: the
	// value is the default's, or, where the default is none (a DPO), the
	// deal's own doing.
	nulls := nullPaths(dn, "")
	removed := map[string]bool{}
	for _, n := range nulls {
		for p := range out {
			if p == n || strings.HasPrefix(p, n+".") || strings.HasPrefix(p, n+"[") {
				delete(out, p)
				removed[n] = true
			}
		}
	}
	diffPaths(reflect.ValueOf(before).Elem(), reflect.ValueOf(after).Elem(), "", func(p string, was reflect.Value) {
		// A value a file gave is its own, unless it gave it empty ("",
		// [], 0) and Defaults filled it in: then it is the default's, or
		// derived from the fields Defaults worked it out from.
		if _, given := out[p]; given && !empty(was) {
			return
		}
		if from := derivedFrom(p, after); from != "" {
			out[p] = Source{Origin: Derived, From: from}
		} else {
			out[p] = Source{Origin: FromDefault}
		}
	})
	for _, n := range nulls {
		if _, set := out[n]; removed[n] && !set {
			out[n] = Source{Origin: FromDeal}
		}
	}
	return out
}

// givenPaths lists the paths a file gives a value at: every key with a
// value other than null, mappings included, and the keys inside them. An
// explicit null gives nothing: it asks for the default.
func givenPaths(n *yaml.Node, path string) []string {
	var out []string
	walkKeys(n, path, func(p string, v *yaml.Node) {
		if !isNull(v) {
			out = append(out, p) // a mapping too: a DPO, say
		}
	})
	return out
}

// nullPaths lists the paths at which a file gives an explicit null.
func nullPaths(n *yaml.Node, path string) []string {
	var out []string
	walkKeys(n, path, func(p string, v *yaml.Node) {
		if isNull(v) {
			out = append(out, p)
		}
	})
	return out
}

// walkKeys calls visit with the path and value of every key of the
// mapping n (path is n's own), and of the keys of the mappings inside it;
// lists are values, not walked into.
func walkKeys(n *yaml.Node, path string, visit func(path string, v *yaml.Node)) {
	if n == nil {
		return
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		walkKeys(n.Content[0], path, visit)
		return
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		p, v := joinPath(path, n.Content[i].Value), n.Content[i+1]
		visit(p, v)
		walkKeys(v, p, visit)
	}
}

// empty reports whether v is an empty value: a nil pointer, an empty
// list or map, or the zero value of any other type ("", 0, false, no
// date).
func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	}
	return v.IsZero()
}

// diffPaths calls f with the path of every leaf (a text, number, date,
// list or map) whose value differs between a and b, two values of one
// struct type, and a's value there.
func diffPaths(a, b reflect.Value, path string, f func(path string, a reflect.Value)) {
	switch {
	case a.Kind() == reflect.Pointer:
		if a.IsNil() != b.IsNil() {
			f(path, a)
		} else if !a.IsNil() {
			diffPaths(a.Elem(), b.Elem(), path, f)
		}
	case a.Kind() == reflect.Struct && a.Type() != dateType && a.Type() != measuresType:
		t := a.Type()
		for i := range t.NumField() {
			name := yamlName(t.Field(i))
			if name == "" {
				continue
			}
			diffPaths(a.Field(i), b.Field(i), joinPath(path, name), f)
		}
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			f(path, a)
		}
	}
}

// SourceOf returns the source of the value at path, looking up the nearest
// enclosing path a file gave as a whole ("subprocessors.list[3].name" is in
// "subprocessors.list"); the zero Source when no file or default set it.
func SourceOf(sources map[string]Source, path string) Source {
	for p := path; p != ""; {
		if s, ok := sources[p]; ok {
			return s
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return Source{}
}
