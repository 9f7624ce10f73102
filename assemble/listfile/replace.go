package listfile

import (
	"bytes"
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/sublist"
)

// ReplaceList returns the YAML file data (a profile, a deal or a list
// file, called name) with its sub-processor list replaced by list: the
// subprocessors.list of a profile or deal, the list of a list file. Every
// other line, comments included, is kept as it was: the lines that held the
// old list are replaced by the new list, indented to match. A profile or
// deal without a list gets one (and a subprocessors section, if needed) at
// the end.
//
// The result is read back, and ReplaceList fails rather than return a file
// whose list is not list. A JSON file, and a list written inline
// (subprocessors: {list: [...]}), are refused: their layout cannot be kept.
func ReplaceList(data []byte, name string, list []deal.Subprocessor) ([]byte, error) {
	return NewReader(nil).ReplaceList(data, name, list)
}

// ReplaceList is the package's ReplaceList, reading the result back with
// the Reader's list rules.
func (rd *Reader) ReplaceList(data []byte, name string, list []deal.Subprocessor) ([]byte, error) {
	if ext := strings.ToLower(filepath.Ext(name)); ext != ".yaml" && ext != ".yml" {
		return nil, sublist.Errorf(sublist.ErrFormat, "%s: only a YAML profile, deal or list file can take a list (not %s)", name, ext)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, sublist.Errorf(sublist.ErrInvalid, "%s: %v", name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, sublist.Errorf(sublist.ErrInvalid, "%s: not a profile, deal or list file (want a YAML mapping)", name)
	}
	root := doc.Content[0]
	if root.Style&yaml.FlowStyle != 0 {
		return nil, sublist.Errorf(sublist.ErrFormat, "%s: written inline ({...}); write it as a block to replace its list", name)
	}
	items, err := listItems(list)
	if err != nil {
		return nil, err
	}
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var out []string
	switch parent, key, value := findList(root); {
	case key != nil && (parent.Style&yaml.FlowStyle != 0 || value.Style&yaml.FlowStyle != 0 && value.Line != key.Line):
		return nil, sublist.Errorf(sublist.ErrFormat, "%s:%d: the list is written inline; write it as a block to replace it", name, key.Line)
	case key != nil:
		first, last := key.Line, lastLine(value)
		indent := strings.Repeat(" ", key.Column-1)
		head := indent + "list:"
		if c := cmp.Or(key.LineComment, value.LineComment); c != "" && value.Line == key.Line {
			head += " " + c
		} else if key.LineComment != "" {
			head += " " + key.LineComment
		}
		body, err := keepUnchanged(lines, value, key.Column+2, last, list, indent)
		if err != nil {
			return nil, err
		}
		if body == nil {
			body = indented(items, indent)
		}
		out = slices.Concat(lines[:first-1], []string{head + "\n"}, body, lines[last:])
	case parent != nil: // subprocessors without a list
		if parent.Style&yaml.FlowStyle != 0 {
			return nil, sublist.Errorf(sublist.ErrFormat, "%s: subprocessors is written inline; write it as a block to add a list", name)
		}
		last := lastLine(parent)
		indent := strings.Repeat(" ", parent.Content[0].Column-1)
		if len(parent.Content) == 0 {
			indent = "  "
		}
		out = slices.Concat(lines[:last], []string{indent + "list:\n"}, indented(items, indent), lines[last:])
	default: // no subprocessors section
		out = slices.Concat(lines, endLine(lines), []string{"subprocessors:\n", "  list:\n"}, indented(items, "  "))
	}
	result := sameLineEnds(data, []byte(strings.Join(out, "")))
	back, err := rd.Load(result, name)
	if err != nil {
		return nil, fmt.Errorf("%s: the list could not be put in place (%v); the file is left as it was", name, err)
	}
	if d := sublist.Diff(list, back); !d.Empty() || len(back) != len(list) {
		return nil, fmt.Errorf("%s: the list could not be put in place; the file is left as it was", name)
	}
	return result, nil
}

// sameLineEnds returns result with CRLF line ends when the file it
// replaces, data, had them (a profile saved on Windows), so that the lines
// put in do not mix LF into a CRLF file; else result as it is.
func sameLineEnds(data, result []byte) []byte {
	first, _, found := bytes.Cut(data, []byte("\n"))
	if !found || !bytes.HasSuffix(first, []byte("\r")) {
		return result
	}
	lf := bytes.ReplaceAll(result, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))
}

// findList finds the list a file holds: the mapping that holds it (root
// for a list file, the subprocessors mapping otherwise) and the list key
// and value, either of which may be nil.
func findList(root *yaml.Node) (parent, key, value *yaml.Node) {
	parent = root
	if k, v := mappingEntry(root, "subprocessors"); k != nil {
		if v.Kind != yaml.MappingNode {
			return nil, nil, nil
		}
		parent = v
	} else if k, _ := mappingEntry(root, "list"); k == nil {
		return nil, nil, nil // a profile or deal with no subprocessors section
	}
	key, value = mappingEntry(parent, "list")
	return parent, key, value
}

// mappingEntry returns the key and value nodes of key in mapping m.
func mappingEntry(m *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// lastLine returns the last line any node below n starts on.
func lastLine(n *yaml.Node) int {
	last := n.Line
	for _, c := range n.Content {
		last = max(last, lastLine(c))
	}
	return last
}

// listItems writes list as the lines of a YAML sequence, "- name: ..." at
// column 1 with two-space indentation.
func listItems(list []deal.Subprocessor) ([]string, error) {
	y, err := Marshal(list)
	if err != nil {
		return nil, err
	}
	body, ok := bytes.CutPrefix(y, []byte("list:"))
	if !ok {
		return nil, fmt.Errorf("marshal sub-processor list: unexpected form")
	}
	if bytes.HasPrefix(body, []byte(" []")) {
		return []string{"[]\n"}, nil // an empty list stays on the key's line
	}
	return strings.SplitAfter(strings.TrimPrefix(string(body), "\n"), "\n"), nil
}

// indented indents the item lines under a list key indented by indent.
func indented(items []string, indent string) []string {
	if len(items) == 1 && items[0] == "[]\n" {
		return []string{indent + "  []\n"}
	}
	out := make([]string, 0, len(items))
	for _, l := range items {
		if l != "" {
			out = append(out, indent+l)
		}
	}
	return out
}

// endLine returns a line break to add when the last line has none.
func endLine(lines []string) []string {
	if len(lines) > 0 && !strings.HasSuffix(lines[len(lines)-1], "\n") {
		return []string{"\n"}
	}
	return nil
}

// keepUnchanged returns the lines of the new list list under a list key
// indented by indent, in which each entry that is unchanged from an entry
// of the old list (the sequence node old, whose entries' dashes are at
// column dash, ending at line last) keeps its lines as they were, comments
// and layout included, and each other entry is written anew: a reviewer of
// the file's diff sees only the entries that changed. nil when the old
// list is not a block sequence with its dashes at column dash (the column
// new entries are written at), so that the whole list is written anew.
func keepUnchanged(lines []string, old *yaml.Node, dash, last int, list []deal.Subprocessor, indent string) ([]string, error) {
	if old.Kind != yaml.SequenceNode || old.Style&yaml.FlowStyle != 0 || len(old.Content) == 0 {
		return nil, nil
	}
	kept := map[string][]string{} // name key → the entry's lines
	for i, item := range old.Content {
		if item.Kind != yaml.MappingNode || item.Column != dash+2 {
			return nil, nil // not "- key: value" at the usual indentation
		}
		end := last
		if i+1 < len(old.Content) {
			end = old.Content[i+1].Line - 1
		}
		var s deal.Subprocessor
		if item.Decode(&s) != nil || item.Line < 1 || end > len(lines) || end < item.Line {
			continue
		}
		kept[deal.NameKey(s.Name)+"\x00"+entryKey(s)] = lines[item.Line-1 : end]
	}
	var out []string
	for _, s := range list {
		if ls, ok := kept[deal.NameKey(s.Name)+"\x00"+entryKey(s)]; ok {
			out = append(out, ls...)
			continue
		}
		items, err := listItems([]deal.Subprocessor{s})
		if err != nil {
			return nil, err
		}
		out = append(out, indented(items, indent)...)
	}
	return out, nil
}

// entryKey is an entry's content as one string, to tell an unchanged
// entry from a changed one.
func entryKey(s deal.Subprocessor) string {
	b, err := yaml.Marshal(s)
	if err != nil {
		return ""
	}
	return string(b)
}
