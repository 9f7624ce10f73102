package sublist

import "github.com/dpakit/dpakit/assemble/subproc"

// Reader imports sub-processor lists from workbooks and CSV files and
// checks every list by one set of list rules (subproc.Rules), the deal's
// own: give it those of the Validator deals are checked with
// (deal.Validator.ListRules), so that a list that imports is a list that
// diff, the notice and a DPA accept. A Reader is safe for concurrent use.
type Reader struct {
	rules subproc.Rules
}

// NewReader returns a Reader that checks lists by rules.
func NewReader(rules subproc.Rules) *Reader {
	return &Reader{rules: rules}
}
