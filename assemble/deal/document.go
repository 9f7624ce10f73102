package deal

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file lends the deal file's decoding to the other documents dpakit
// reads in YAML or JSON (sub-processor list files, the lists of a notice
// request), so that their mistakes are reported as a deal's are: at their
// path and line, an unknown key with the field it likely misspells, a key
// given twice with the line of its first occurrence.

// Document is a YAML or JSON document parsed as a deal file is parsed
// (see ParseDocument), or a part of one. It keeps the line of every key
// and value, so that the problems found in it name their lines in the file
// it came from, and hides the YAML library that reads it: no YAML type is
// part of this package's API.
type Document struct {
	n *yaml.Node // never nil; never a document node
}

// DocumentKey is a key of a mapping Document: its text and its line.
type DocumentKey struct {
	Name string
	Line int
}

// ParseDocument parses data, the content of the file called name, as a
// deal or profile is parsed: one YAML document (a .json file must be
// valid JSON, see JSONProblem), valid UTF-8, at most MaxSize bytes, with
// its aliases expanded (within a bound). It returns the document, which
// may be of any kind but null, or a *ValidationError whose one problem
// names the file and, for a syntax error, the line of the mistake.
func ParseDocument(data []byte, name string) (*Document, error) {
	return parseDocument(data, name, MaxSize)
}

// ParseBody is ParseDocument for a request body whose size its server has
// already bounded (dpakit serve --max-body): no size limit of its own. The
// aliases are still expanded within the same bound.
func ParseBody(data []byte, name string) (*Document, error) {
	return parseDocument(data, name, 0)
}

// parseDocument is ParseDocument with limit as the largest size accepted
// (none when it is not positive).
func parseDocument(data []byte, name string, limit int) (*Document, error) {
	root, p := parseAny(data, isJSONFile(name), limit)
	if p != nil {
		p.File = name
		return nil, newValidationError([]Problem{*p})
	}
	return &Document{n: root}, nil
}

// Line is the line the document (or part) starts at.
func (d *Document) Line() int { return d.n.Line }

// IsMapping reports whether the document is a mapping of keys to values.
func (d *Document) IsMapping() bool { return d.n.Kind == yaml.MappingNode }

// IsList reports whether the document is a list (a YAML sequence, a JSON
// array).
func (d *Document) IsList() bool { return d.n.Kind == yaml.SequenceNode }

// IsNull reports whether the document is null ("~", "null" or nothing).
func (d *Document) IsNull() bool { return isNull(d.n) }

// Text returns the document's text when it is a single value that is not
// null (a string, number, date or boolean, as written); ok is false for a
// mapping, a list or null.
func (d *Document) Text() (text string, ok bool) {
	if d.n.Kind != yaml.ScalarNode || isNull(d.n) {
		return "", false
	}
	return d.n.Value, true
}

// Describe names what the document is, for a message: "a mapping", "a
// list", "the string \"x\"".
func (d *Document) Describe() string { return describe(d.n) }

// Keys returns the keys of a mapping document, in its order, each as often
// as it is given; none for any other document or a key that is not text.
func (d *Document) Keys() []DocumentKey {
	if !d.IsMapping() {
		return nil
	}
	var out []DocumentKey
	for i := 0; i+1 < len(d.n.Content); i += 2 {
		if k := d.n.Content[i]; k.Kind == yaml.ScalarNode {
			out = append(out, DocumentKey{Name: k.Value, Line: k.Line})
		}
	}
	return out
}

// Get returns the value of the key in a mapping document (the first, when
// it is given twice), with its lines; ok is false when there is none.
func (d *Document) Get(key string) (part *Document, ok bool) {
	if v := child(d.n, key); v != nil {
		return &Document{n: v}, true
	}
	return nil, false
}

// Select returns a mapping with the pairs of the mapping document whose key
// is one of keys, every occurrence, in the document's order and with its
// lines.
func (d *Document) Select(keys ...string) *Document {
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: d.n.Line, Column: d.n.Column}
	if d.IsMapping() {
		for i := 0; i+1 < len(d.n.Content); i += 2 {
			if slices.Contains(keys, d.n.Content[i].Value) {
				out.Content = append(out.Content, d.n.Content[i], d.n.Content[i+1])
			}
		}
	}
	return &Document{n: out}
}

// Under returns a mapping of the one key to the document, as if it had
// been written under that key: a bare list given as a list file's list.
// Its lines are the document's.
func (d *Document) Under(key string) *Document {
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: d.n.Line, Column: d.n.Column}
	return &Document{n: &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: d.n.Line, Column: d.n.Column, Content: []*yaml.Node{k, d.n}}}
}

// LineOf returns the line of the value at path (keys and [index] steps,
// such as list[2].country) in the document or, where the path leads past
// what the document holds, of the deepest value on the way to it.
func (d *Document) LineOf(path string) int {
	n, _, _ := source(d.n, nil, path)
	if n == nil {
		return d.n.Line
	}
	return n.Line
}

// Decode decodes the document, found at path in the file called file ("" for
// a whole document), into v, a non-nil pointer to a struct, as
// strictly as a deal file is decoded: an unknown key (with the field it
// likely misspells, or where it belongs), a key given twice, a value of
// the wrong kind or type, a bad date, a merge key or a custom tag is a
// problem. Every problem is returned at once, in a *ValidationError, each
// naming file, its path below path and its line in the document; v is
// then left as it was.
func (d *Document) Decode(v any, file, path string) error {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("deal.Document.Decode: want a pointer to a struct, not %T", v)
	}
	n := d.n
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

// Locate sets the Line of each problem of ps whose path leads into the
// document (a whole one, as ParseDocument returns it) at the key it names
// or, for a key the document lacks, at the list item that lacks it.
func (d *Document) Locate(ps []Problem) {
	for i := range ps {
		if at, _, _ := source(d.n, nil, ps[i].Path); at != nil {
			ps[i].Line = at.Line
		}
	}
}
