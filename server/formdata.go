package server

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/deal"
	"go.yaml.in/yaml/v3"
)

// The form names each input by the deal file's path of its value, as
// validation problems name them: "customer.name", "scc.modules",
// "subprocessors.list[2].country". The mapping between a Deal and the
// form's values is derived from the Deal type's yaml tags, so a field
// added to the deal format is carried through without changes here; the
// form's template must still show it, which TestFormRoundTrip checks.

// measuresIDs is the form name of the Annex II measure checkboxes; the
// radio button named security.measures says "all" or "selected".
const measuresIDs = "security.measures.ids"

// wideText lists the single-line deal fields that run long, which the
// form shows as one-line inputs across the whole width of the form. They
// are not text areas: a line typed in one would not be a line of the deal
// (the deal's rules refuse a line break in them, as the API does, and the
// form says so at the field).
var wideText = map[string]bool{
	"processing.nature": true, "processing.retention": true, "processing.special_safeguards": true,
	"customer.activities": true, "provider.activities": true, "customer.controller": true,
	"subprocessors.list.responsibilities": true, "controller_transfer.nature": true,
	"controller_transfer.retention": true, "controller_transfer.special_safeguards": true,
}

// paragraphs lists the text fields that hold several paragraphs (a text
// area whose line breaks are kept).
var paragraphs = map[string]bool{"riders.text": true}

var (
	dateType     = reflect.TypeFor[deal.Date]()
	measuresType = reflect.TypeFor[deal.Measures]()
	dealType     = reflect.TypeFor[deal.Deal]()
)

// yamlKey returns the yaml key of a struct field and whether it is
// optional (omitempty); "" for a field the deal file does not have.
func yamlKey(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return "", false
	}
	return name, strings.Contains(opts, "omitempty")
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// formValues returns the form's values for a deal.
//
// The text inputs whose help says "left blank: derived" (the reference,
// the supervisory authority) are left blank when the deal's value is the
// one derived from its other fields (deal.DerivedPaths): filled in, they
// would keep the old customer's reference and authority when the user
// changes the customer's name, date or country.
func formValues(d *deal.Deal) url.Values {
	vals := url.Values{}
	putValues(vals, reflect.ValueOf(d).Elem(), "")
	for _, p := range deal.DerivedPaths(d) {
		if blankWhenDerived(p) {
			vals.Del(p)
		}
	}
	return vals
}

// blankWhenDerived are the inputs formValues leaves blank when their value
// is derived: text inputs whose help says what a blank gives. The modules
// and the courts stay shown: a changed role or law that no longer fits
// them is a problem or a warning the user sees.
func blankWhenDerived(path string) bool {
	return path == "reference" || path == "scc.supervisory_authority"
}

func putValues(vals url.Values, v reflect.Value, path string) {
	switch {
	case v.Type() == dateType:
		if s := v.Interface().(deal.Date).String(); s != "" {
			vals.Set(path, s)
		}
		return
	case v.Type() == measuresType:
		m := v.Interface().(deal.Measures)
		if m.All {
			vals.Set(path, "all")
		} else {
			vals.Set(path, "selected")
			vals[measuresIDs] = slices.Clone(m.IDs)
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if key, _ := yamlKey(t.Field(i)); key != "" {
				putValues(vals, v.Field(i), join(path, key))
			}
		}
	case reflect.Pointer:
		switch {
		case v.IsNil():
		case v.Elem().Kind() == reflect.Bool:
			// An optional yes/no (a select with "", "true" and "false").
			vals.Set(path, strconv.FormatBool(v.Elem().Bool()))
		default:
			putValues(vals, v.Elem(), path)
		}
	case reflect.Map:
		// A mapping of texts (clause id → fallback) is a text area with
		// one "key: value" line per entry, in key order.
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		slices.Sort(keys)
		lines := make([]string, len(keys))
		for i, k := range keys {
			lines[i] = k + ": " + v.MapIndex(reflect.ValueOf(k)).String()
		}
		if len(lines) > 0 {
			vals.Set(path, strings.Join(lines, "\n"))
		}
	case reflect.String:
		vals.Set(path, v.String())
	case reflect.Int:
		vals.Set(path, strconv.FormatInt(v.Int(), 10))
	case reflect.Bool:
		if v.Bool() {
			vals.Set(path, "true")
		}
	case reflect.Slice:
		switch v.Type().Elem().Kind() {
		case reflect.Int:
			for i := range v.Len() {
				vals.Add(path, strconv.FormatInt(v.Index(i).Int(), 10))
			}
		case reflect.String:
			lines := make([]string, v.Len())
			for i := range v.Len() {
				lines[i] = v.Index(i).String()
			}
			vals.Set(path, strings.Join(lines, "\n"))
		case reflect.Struct:
			for i := range v.Len() {
				putValues(vals, v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
}

// formDeal turns submitted form values into a deal file (a YAML mapping
// node) that deal.Validator.Load decodes like any other, so the form's
// deal meets exactly the rules, and gets exactly the messages, of a deal
// file. It also returns the values normalised as the form shows them
// again: list rows left entirely blank are dropped and the remaining rows
// renumbered, so that problem paths match the inputs' names.
//
// A US-only deal (gdpr.applies: false) leaves out the choices the form
// keeps collapsed for it (see usOnlyDeal); the normalised values keep
// them, so that answering Yes again brings them back.
func formDeal(form url.Values) (*yaml.Node, url.Values) {
	norm := url.Values{}
	n := nodeOf(form, norm, dealType, "", "")
	if form.Get("gdpr.applies") == "false" {
		n = nodeOf(usOnlyDeal(form), url.Values{}, dealType, "", "")
	}
	if n == nil {
		n = &yaml.Node{Kind: yaml.MappingNode}
	}
	return n, norm
}

// usOnlyDeal returns the form's values without the choices a US-only deal
// cannot make, which the form shows collapsed and keeps: SCC modules, the
// UK Addendum, the Swiss terms and Module One's data (the rule
// no_gdpr_nexus refuses each). Left out, a checkbox reads as not enabled,
// over a profile that enables it too. The other SCC choices stay in the
// deal as given: its rules allow them and its DPA does not print them.
func usOnlyDeal(form url.Values) url.Values {
	out := url.Values{}
	for k, v := range form {
		switch {
		case k == "scc.modules", k == "uk_addendum.enabled", k == "swiss.enabled", strings.HasPrefix(k, "controller_transfer."):
			continue
		}
		out[k] = v
	}
	return out
}

// nodeOf builds the node for the value of type t whose inputs are named
// from (in the submitted form) and written to (in the normalised values);
// nil when the form holds nothing for it.
func nodeOf(form, norm url.Values, t reflect.Type, from, to string) *yaml.Node {
	switch t {
	case dateType:
		return untaggedNode(form, norm, from, to)
	case measuresType:
		return measuresNode(form, norm, from, to)
	}
	switch t.Kind() {
	case reflect.Struct:
		return structNode(form, norm, t, from, to)
	case reflect.Pointer:
		if t.Elem().Kind() == reflect.Bool {
			// An optional yes/no: "" leaves it to the default.
			return untaggedNode(form, norm, from, to)
		}
		return optionalNode(form, norm, t, from, to)
	case reflect.String:
		return stringNode(form, norm, from, to)
	case reflect.Int:
		// No tag: the decoder reads "36" as a number and reports "36 days"
		// or "abc" as not a whole number, in the deal file's own words.
		return untaggedNode(form, norm, from, to)
	case reflect.Bool:
		return boolNode(form, norm, from, to)
	case reflect.Slice:
		return sliceNode(form, norm, t, from, to)
	case reflect.Map:
		return mapNode(form, norm, from, to)
	}
	return nil
}

// untaggedNode reads a one-line input as a scalar without a tag, for the
// decoder to read as the field's type (a date, a number, a yes or no) and
// name a value that is not one; nil when it is blank.
func untaggedNode(form, norm url.Values, from, to string) *yaml.Node {
	s := strings.TrimSpace(form.Get(from))
	if s == "" {
		return nil
	}
	norm.Set(to, s)
	return scalar(s, "")
}

// measuresNode reads the Annex II measures: "all", or the ids ticked.
func measuresNode(form, norm url.Values, from, to string) *yaml.Node {
	mode := form.Get(from)
	ids := form[measuresIDs]
	if mode == "" {
		return nil
	}
	norm.Set(to, mode)
	if mode == "all" {
		return scalar("all", "!!str")
	}
	norm[measuresIDs] = slices.Clone(ids)
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, id := range ids {
		seq.Content = append(seq.Content, scalar(id, "!!str"))
	}
	return seq
}

// structNode reads a section into a mapping of its fields, leaving out an
// optional field left blank; nil when no field holds anything.
func structNode(form, norm url.Values, t reflect.Type, from, to string) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := range t.NumField() {
		key, optional := yamlKey(t.Field(i))
		if key == "" {
			continue
		}
		v := nodeOf(form, norm, t.Field(i).Type, join(from, key), join(to, key))
		if v == nil || (optional && v.Kind == yaml.ScalarNode && v.Value == "" && v.Tag == "!!str") {
			continue
		}
		m.Content = append(m.Content, scalar(key, "!!str"), v)
	}
	if len(m.Content) == 0 {
		return nil
	}
	return m
}

// optionalNode reads an optional part (a DPO): absent when it is left
// entirely blank.
func optionalNode(form, norm url.Values, t reflect.Type, from, to string) *yaml.Node {
	sub := url.Values{}
	v := nodeOf(form, sub, t.Elem(), from, to)
	if v == nil || blank(sub) {
		return nil
	}
	for k, vs := range sub {
		norm[k] = vs
	}
	return v
}

// stringNode reads a text input, a paragraph's line ends made "\n"; nil
// when the form has no such input.
func stringNode(form, norm url.Values, from, to string) *yaml.Node {
	vs, ok := form[from]
	if !ok {
		return nil
	}
	s := ""
	if len(vs) > 0 {
		s = vs[0]
	}
	if paragraphs[genericPath(to)] {
		s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	}
	norm.Set(to, s)
	return scalar(s, "!!str")
}

// boolNode reads a check box: true when ticked, false otherwise.
func boolNode(form, norm url.Values, from, to string) *yaml.Node {
	on := false
	for _, v := range form[from] {
		on = on || v == "true" || v == "on"
	}
	if on {
		norm.Set(to, "true")
	}
	return scalar(strconv.FormatBool(on), "!!bool")
}

// mapNode reads a text area of "key: value" lines into a mapping; a line
// without a colon becomes a key without a value, for validation to name.
func mapNode(form, norm url.Values, from, to string) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	var kept []string
	for line := range strings.Lines(form.Get(from)) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		k, v, _ := strings.Cut(line, ":")
		kept = append(kept, line)
		m.Content = append(m.Content, scalar(strings.TrimSpace(k), "!!str"), scalar(strings.TrimSpace(v), "!!str"))
	}
	if len(kept) == 0 {
		return nil
	}
	norm.Set(to, strings.Join(kept, "\n"))
	return m
}

// sliceNode builds a list: numbers from repeated inputs (checkboxes),
// texts from the lines of a text area, records from numbered rows.
func sliceNode(form, norm url.Values, t reflect.Type, from, to string) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	switch t.Elem().Kind() {
	case reflect.Int:
		for _, s := range form[from] {
			if s = strings.TrimSpace(s); s != "" {
				norm.Add(to, s)
				seq.Content = append(seq.Content, scalar(s, ""))
			}
		}
	case reflect.String:
		var kept []string
		for line := range strings.Lines(form.Get(from)) {
			if line = strings.TrimSpace(line); line != "" {
				kept = append(kept, line)
				seq.Content = append(seq.Content, scalar(line, "!!str"))
			}
		}
		if kept != nil {
			norm.Set(to, strings.Join(kept, "\n"))
		}
	case reflect.Struct:
		k := 0
		for _, i := range rowIndexes(form, from) {
			row := url.Values{}
			el := nodeOf(form, row, t.Elem(), fmt.Sprintf("%s[%d]", from, i), fmt.Sprintf("%s[%d]", to, k))
			if el == nil || blank(row) {
				continue
			}
			for key, vs := range row {
				norm[key] = vs
			}
			seq.Content = append(seq.Content, el)
			k++
		}
	}
	return seq
}

// rowIndexes returns the row numbers present in the form under path, in
// order: the i of every input named path[i]....
func rowIndexes(form url.Values, path string) []int {
	prefix := path + "["
	seen := map[int]bool{}
	var out []int
	for k := range form {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		num, _, ok := strings.Cut(rest, "]")
		i, err := strconv.Atoi(num)
		if !ok || err != nil || i < 0 || i > maxRows || seen[i] {
			continue
		}
		seen[i] = true
		out = append(out, i)
	}
	slices.Sort(out)
	return out
}

// maxRows bounds the row numbers the form accepts in one list; the deal's
// own limits (2,000 sub-processors) are lower.
const maxRows = 10_000

// blank reports whether every value is empty or the default of a
// checkbox or radio button nobody fills in by accident.
func blank(vals url.Values) bool {
	for _, vs := range vals {
		for _, v := range vs {
			if strings.TrimSpace(v) != "" {
				return false
			}
		}
	}
	return true
}

// scalar returns a scalar node; tag "" lets the decoder resolve the type.
func scalar(value, tag string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
	if tag == "" {
		n.Tag = (&yaml.Node{Kind: yaml.ScalarNode, Value: value}).ShortTag()
	}
	return n
}

// genericPath removes row numbers from a path: "list[2].name" is
// "list.name".
func genericPath(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// formPaths returns every input name the form can have for the Deal type,
// with row numbers removed ("subprocessors.list.name"), so templates can
// be checked for names that do not exist.
func formPaths() map[string]bool {
	out := map[string]bool{measuresIDs: true}
	eachInput(func(path string, _ reflect.Type) { out[path] = true })
	return out
}

// eachInput calls visit with the generic path and the type of every input
// the form has for the Deal type: a date, the Annex II measures, a list of
// values or a single value. Structs, and lists of them, are walked into.
func eachInput(visit func(path string, t reflect.Type)) {
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		switch {
		case t == dateType || t == measuresType:
			visit(path, t)
		case t.Kind() == reflect.Pointer:
			walk(t.Elem(), path)
		case t.Kind() == reflect.Struct:
			for i := range t.NumField() {
				if key, _ := yamlKey(t.Field(i)); key != "" {
					walk(t.Field(i).Type, join(path, key))
				}
			}
		case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
			walk(t.Elem(), path)
		default:
			visit(path, t)
		}
	}
	walk(dealType, "")
}

// rowNumbers maps the rows of the deal a form describes to the rows of
// the form: for each list of records, the number of the form's row that
// became each of the deal's rows.
type rowNumbers map[string][]int

// rowOrigins returns the form row of each row of the deal formDeal makes
// of form: its rows in order, without the rows left entirely blank.
func rowOrigins(form url.Values) rowNumbers {
	out := rowNumbers{}
	for list := range rowLists {
		t := typeAt(dealType, list)
		if t == nil || t.Kind() != reflect.Slice {
			continue
		}
		for _, i := range rowIndexes(form, list) {
			row := url.Values{}
			prefix := fmt.Sprintf("%s[%d]", list, i)
			if el := nodeOf(form, row, t.Elem(), prefix, prefix); el != nil && !blank(row) {
				out[list] = append(out[list], i)
			}
		}
	}
	return out
}

// onPage returns the path of the deal (a problem's) as the form names it:
// "subprocessors.list[1].name" is "subprocessors.list[2].name" when the
// form's row 1 was removed or left blank.
func (r rowNumbers) onPage(path string) string {
	for list, rows := range r {
		rest, ok := strings.CutPrefix(path, list+"[")
		if !ok {
			continue
		}
		num, tail, ok := strings.Cut(rest, "]")
		k, err := strconv.Atoi(num)
		if !ok || err != nil || k < 0 || k >= len(rows) {
			return path
		}
		return fmt.Sprintf("%s[%d]%s", list, rows[k], tail)
	}
	return path
}

// typeAt returns the type of the deal's field at a path of yaml keys
// (without row numbers), or nil.
func typeAt(t reflect.Type, path string) reflect.Type {
	for key := range strings.SplitSeq(path, ".") {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
		var next reflect.Type
		for i := range t.NumField() {
			if k, _ := yamlKey(t.Field(i)); k == key {
				next = t.Field(i).Type
			}
		}
		if next == nil {
			return nil
		}
		t = next
	}
	return t
}
