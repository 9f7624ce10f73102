package deal

import (
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// GivenReference returns the reference that a deal file (YAML or JSON)
// gives at its top level, when it is a valid one, else "". It validates
// nothing else and expands no alias: it names a deal that did not load
// (a batch row whose cell does not decode) in a report.
func GivenReference(data []byte) string {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return ""
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if k.Value != "reference" || v.Kind != yaml.ScalarNode {
			continue
		}
		if ref := v.Value; ref != "" && utf8.RuneCountInString(ref) <= 64 && docrefProblem(ref) == "" {
			return ref
		}
		return ""
	}
	return ""
}
