package server

import (
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/deal"
	"go.yaml.in/yaml/v3"
)

// withoutUnknownKeys returns the deal file data without the keys that
// problems ps name as unknown (rule unknown_field), and those problems,
// so that the rest of a file with a mistyped key can still fill the form;
// ok is false when ps names no unknown key, or data does not parse, or a
// key cannot be found. The file is written again from its parsed form:
// its comments and layout do not matter to the form.
func withoutUnknownKeys(data []byte, ps []deal.Problem) (pruned []byte, unknown []deal.Problem, ok bool) {
	for _, p := range ps {
		if p.Rule == "unknown_field" && p.Path != "" {
			unknown = append(unknown, p)
		}
	}
	if len(unknown) == 0 {
		return nil, nil, false
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil, false
	}
	for _, p := range unknown {
		if !deleteKey(doc.Content[0], p.Path) {
			return nil, nil, false
		}
	}
	out, err := yaml.Marshal(&doc)
	if err != nil {
		return nil, nil, false
	}
	return out, unknown, true
}

// deleteKey removes the key at path ("customer.sigantory_note",
// "subprocessors.list[2].websit") from the mapping n; false when there is
// no such key.
func deleteKey(n *yaml.Node, path string) bool {
	segs := strings.Split(path, ".")
	for i, seg := range segs {
		name, idx := seg, -1
		if open := strings.IndexByte(seg, '['); open >= 0 && strings.HasSuffix(seg, "]") {
			k, err := strconv.Atoi(seg[open+1 : len(seg)-1])
			if err != nil {
				return false
			}
			name, idx = seg[:open], k
		}
		if n == nil || n.Kind != yaml.MappingNode {
			return false
		}
		at := -1
		for j := 0; j+1 < len(n.Content); j += 2 {
			if n.Content[j].Value == name {
				at = j
				break
			}
		}
		if at < 0 {
			return false
		}
		if i == len(segs)-1 && idx < 0 {
			n.Content = append(n.Content[:at], n.Content[at+2:]...)
			return true
		}
		n = n.Content[at+1]
		if idx >= 0 {
			if n.Kind != yaml.SequenceNode || idx >= len(n.Content) {
				return false
			}
			n = n.Content[idx]
		}
	}
	return false
}
