package deal

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file lends the deal file's decoding to the other documents dpakit
// reads in YAML or JSON (sub-processor list files, the lists of a notice
// request), so that their mistakes are reported as a deal's are: at their
// path and line, an unknown key with the field it likely misspells, a key
// given twice with the line of its first occurrence.

// ParseDocument parses data, the content of the file called name, as a
// deal or profile is parsed: one YAML document (a .json file must be
// valid JSON, see JSONProblem), valid UTF-8, at most MaxSize bytes, with
// its aliases expanded (within a bound). It returns the document's top-level node, which is never null
// but may be of any kind, or a *ValidationError whose one problem names
// the file and, for a syntax error, the line of the mistake.
func ParseDocument(data []byte, name string) (*yaml.Node, error) {
	root, p := parseAny(data, isJSONFile(name))
	if p != nil {
		p.File = name
		return nil, newValidationError([]Problem{*p})
	}
	return root, nil
}

// DecodeNode decodes the node n, found at path in the file called file
// ("" for a whole document), into v, a non-nil pointer to a struct, as
// strictly as a deal file is decoded: an unknown key (with the field it
// likely misspells, or where it belongs), a key given twice, a value of
// the wrong kind or type, a bad date, a merge key or a custom tag is a
// problem. Every problem is returned at once, in a *ValidationError, each
// naming file, its path below path and its line in n's document; v is
// then left as it was. Aliases below n are expanded in place first.
func DecodeNode(n *yaml.Node, v any, file, path string) error {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("deal.DecodeNode: want a pointer to a struct, not %T", v)
	}
	r := resolver{budget: maxAliasNodes, active: map[*yaml.Node]bool{}}
	resolved, err := r.resolve(n)
	if err != nil {
		return newValidationError([]Problem{{File: file, Line: n.Line, Path: path, Rule: "alias", Message: err.Error()}})
	}
	n = resolved
	c := checker{file: file, root: t.Elem()}
	c.check(n, t.Elem(), path)
	if c.dropped > 0 {
		c.problems = append(c.problems, Problem{File: file, Rule: "too_many", Message: fmt.Sprintf("%d more problems not shown; fix these first", c.dropped)})
	}
	if len(c.problems) > 0 {
		return newValidationError(c.problems)
	}
	if err := n.Decode(v); err != nil {
		// The check has passed every value, so this is not expected; it is
		// reported as a problem all the same, not as an internal error.
		return newValidationError([]Problem{{File: file, Line: n.Line, Path: path, Rule: "type", Message: strings.TrimPrefix(err.Error(), "yaml: ")}})
	}
	return nil
}

// LocateInNode is LocateIn for a document already parsed: it sets the
// Line of each problem of ps whose path leads into the node n (the top
// level of a document) at the key it names or, for a key n lacks, at the
// list item that lacks it.
func LocateInNode(n *yaml.Node, ps []Problem) {
	if n == nil {
		return
	}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return
		}
		n = n.Content[0]
	}
	for i := range ps {
		if at, _, _ := source(n, nil, ps[i].Path); at != nil {
			ps[i].Line = at.Line
		}
	}
}
