package server

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/suggest"
	"github.com/dpakit/dpakit/assemble/wording"
)

// Form data is held to what a deal file is held to: a name that is none of
// the form's inputs is an unknown field, with the input it likely
// misspells, and a value given twice is refused, not silently dropped.
// Only the checkbox groups repeat a name, once per box ticked.

// formControls are the names the form sends that are not deal paths: the
// button pressed, and which measures mode the page showed (see
// tickedMeasures).
var formControls = []string{"action", measuresShown}

// formNames is what form data may name: the form's inputs (row numbers
// removed) and those of them that may be given more than once.
type formNames struct {
	inputs  map[string]bool
	repeats map[string]bool
	sorted  []string // the inputs, sorted, for suggestions
}

// newFormNames returns the names the form for the Deal type takes.
func newFormNames(paths map[string]bool) formNames {
	n := formNames{inputs: map[string]bool{}, repeats: repeatedInputs()}
	for p := range paths {
		n.inputs[p] = true
	}
	for _, c := range formControls {
		n.inputs[c] = true
	}
	for p := range n.inputs {
		n.sorted = append(n.sorted, p)
	}
	slices.Sort(n.sorted)
	return n
}

// repeatedInputs returns the generic paths of the inputs that the form
// gives once per value: the checkbox groups of whole numbers (the SCC
// modules) and the Annex II measures ticked.
func repeatedInputs() map[string]bool {
	out := map[string]bool{measuresIDs: true}
	eachInput(func(path string, t reflect.Type) {
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Int {
			out[path] = true
		}
	})
	return out
}

// problems returns the problems of the names of form, in name order: an
// unknown name or row number, and a name given more than once that does
// not repeat by design.
func (n formNames) problems(form url.Values) []deal.Problem {
	names := make([]string, 0, len(form))
	for name := range form {
		names = append(names, name)
	}
	slices.Sort(names)
	var ps []deal.Problem
	for _, name := range names {
		g := genericPath(name)
		switch {
		case !n.inputs[g]:
			ps = append(ps, deal.Problem{File: formName, Path: name, Rule: "unknown_field", Message: n.unknown(name)})
		case badRows(name) != "":
			ps = append(ps, deal.Problem{File: formName, Path: name, Rule: "unknown_field", Message: badRows(name)})
		case len(form[name]) > 1 && !n.repeats[g]:
			ps = append(ps, deal.Problem{File: formName, Path: name, Rule: "duplicate_key", Message: givenTimes(form[name])})
		}
	}
	return ps
}

// unknown explains a name that is none of the form's inputs, with the
// input it likely misspells: one beside it (customer.nmae →
// customer.name), else any (custmer.name → customer.name).
func (n formNames) unknown(name string) string {
	parent, key := "", name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		parent, key = name[:i], name[i+1:]
	}
	var siblings []string
	for _, p := range n.sorted {
		if k, ok := strings.CutPrefix(p, genericPath(parent)+"."); ok && parent != "" && !strings.Contains(k, ".") {
			siblings = append(siblings, k)
		}
	}
	if s := suggest.Closest(key, siblings); s != "" {
		return "unknown field (" + suggest.Hint(name, parent+"."+s, "a field name") + ")"
	}
	if s := suggest.Closest(genericPath(name), n.sorted); s != "" && !strings.Contains(name, "[") {
		return "unknown field (" + suggest.Hint(name, s, "a field name") + ")"
	}
	return "unknown field: the form has no input of this name (its inputs are named by the deal's paths, such as customer.name or subprocessors.list[0].country)"
}

// badRows explains a row number in name that is not one ("list[x]",
// "list[-1]", one over maxRows), or returns "".
func badRows(name string) string {
	for rest := name; ; {
		open := strings.IndexByte(rest, '[')
		if open < 0 {
			return ""
		}
		end := strings.IndexByte(rest[open:], ']')
		if end < 0 {
			return fmt.Sprintf("%s has no closing ]", suggest.Quote(rest[open:]))
		}
		num := rest[open+1 : open+end]
		if i, err := strconv.Atoi(num); err != nil || i < 0 || i > maxRows || num != strconv.Itoa(i) {
			return fmt.Sprintf("%s is not a row number (want [0] to [%d])", suggest.Quote("["+num+"]"), maxRows)
		}
		rest = rest[open+end+1:]
	}
}

// givenTimes says that a field was given more than once, with the values.
func givenTimes(vs []string) string {
	quoted := make([]string, len(vs))
	for i, v := range vs {
		quoted[i] = suggest.Quote(v)
	}
	times := "twice"
	if len(vs) > 2 {
		times = strconv.Itoa(len(vs)) + " times"
	}
	return fmt.Sprintf("is given %s (%s); give it once", times, wording.Join(quoted))
}
