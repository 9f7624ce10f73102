package deal

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"golang.org/x/text/unicode/norm"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/dpakit/dpakit/assemble/suggest"
	"go.yaml.in/yaml/v3"
)

// MaxSize is the largest deal or profile file accepted, in bytes.
const MaxSize = 1 << 20

// maxAliasNodes bounds the number of nodes that alias expansion may add to
// a document, so that a "billion laughs" document fails fast instead of
// exhausting memory.
const maxAliasNodes = 100_000

var (
	dealType     = reflect.TypeFor[Deal]()
	dateType     = reflect.TypeFor[Date]()
	measuresType = reflect.TypeFor[Measures]()
	stringType   = reflect.TypeFor[string]()
)

// parse decodes one deal or profile file, YAML or JSON (a .json file must
// be JSON, which is then read as YAML: see JSONProblem), and
// checks it strictly against the shape of Deal: unknown keys, duplicate
// keys, values of the wrong kind or type, bad dates, several documents, an
// empty document and a top level that is not a mapping are all problems.
// Aliases are expanded (within a bound). It returns the top-level mapping
// node, or a *ValidationError whose problems name the file.
func parse(data []byte, name string) (*yaml.Node, error) {
	r := parseLenient(data, name)
	if len(r.problems) > 0 {
		return nil, newValidationError(r.problems)
	}
	return r.root, nil
}

// parsed is the result of parseLenient.
type parsed struct {
	// root is the top-level mapping with every value that has a problem
	// replaced by null and every pair with a bad key removed, so that the
	// rest can still be decoded and validated; nil when the file as a whole
	// is unusable (a syntax error, not a mapping, too many problems).
	root *yaml.Node
	// problems are the decoding problems, in file order.
	problems []Problem
	// pruned are the paths of the values replaced by null: a later problem
	// at or below one of them is a consequence, not news.
	pruned []string
	// moved are the generic paths where mistyped or misplaced keys belong:
	// a problem there, when the path is not given, is a consequence.
	moved []string
}

// parseLenient is parse that keeps going: a file whose structure is sound
// but some of whose values are not comes back with those values pruned,
// so that the rule problems of the rest can be reported in the same run.
func parseLenient(data []byte, name string) parsed {
	root, p := parseNode(data, isJSONFile(name))
	if p != nil {
		p.File = name
		return parsed{problems: []Problem{*p}}
	}
	return checkLenient(root, name)
}

// checkLenient checks the parsed top-level mapping root of the deal file
// called name, pruning what has a problem (see parseLenient).
func checkLenient(root *yaml.Node, name string) parsed {
	c := checker{file: name, root: dealType, nullify: map[*yaml.Node]bool{}, drop: map[*yaml.Node]bool{}}
	c.check(root, dealType, "")
	if c.dropped > 0 {
		c.problems = append(c.problems, Problem{File: name, Rule: "too_many", Message: fmt.Sprintf("%d more problems not shown; fix these first", c.dropped)})
		return parsed{problems: c.problems}
	}
	c.prune(root)
	return parsed{root: root, problems: c.problems, pruned: c.pruned, moved: c.moved}
}

// lenientDocument is parseLenient for a document already parsed: a copy
// of it is checked and pruned, the document itself left as it was.
func lenientDocument(doc *Document, name string) parsed {
	if !doc.IsMapping() {
		return parsed{problems: []Problem{{File: name, Rule: "type", Line: doc.Line(), Message: "the top level must be a mapping of keys to values, not " + doc.Describe()}}}
	}
	return checkLenient(cloneNode(doc.n), name)
}

// cloneNode returns a deep copy of n (which holds no aliases).
func cloneNode(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = cloneNode(k)
	}
	return &c
}

// parseNode parses data into a single alias-free top-level mapping, or
// returns the problem with the file as a whole; asJSON says that data
// must be JSON (see JSONProblem).
func parseNode(data []byte, asJSON bool) (*yaml.Node, *Problem) {
	root, p := parseAny(data, asJSON, MaxSize)
	if p != nil {
		return nil, p
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Problem{Rule: "type", Line: root.Line, Message: "the top level must be a mapping of keys to values, not " + describe(root)}
	}
	return root, nil
}

// parseAny parses data into a single alias-free top-level node of any
// kind but null, or returns the problem with the file as a whole; asJSON
// says that data must be JSON (see JSONProblem); limit, if positive, is the
// largest size accepted (MaxSize for a deal).
func parseAny(data []byte, asJSON bool, limit int) (*yaml.Node, *Problem) {
	if limit > 0 && len(data) > limit {
		return nil, &Problem{Rule: "too_large", Message: fmt.Sprintf("is %d bytes; the limit is %d (1 MiB)", len(data), MaxSize)}
	}
	if !utf8.Valid(data) {
		return nil, &Problem{Rule: "syntax", Message: "is not valid UTF-8 text"}
	}
	if asJSON && len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) > 0 {
		if p := JSONProblem(data); p != nil {
			return nil, p
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := safeDecode(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Problem{Rule: "empty", Message: "empty document"}
		}
		return nil, syntaxProblem(err, data)
	}
	if p := onlyDocument(dec, data); p != nil {
		return nil, p
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) != 1 {
			return nil, &Problem{Rule: "empty", Message: "empty document"}
		}
		root = root.Content[0]
	}
	r := resolver{budget: maxAliasNodes, active: map[*yaml.Node]bool{}}
	root, err := r.resolve(root)
	if err != nil {
		return nil, &Problem{Rule: "alias", Message: err.Error()}
	}
	if isNull(root) {
		return nil, &Problem{Rule: "empty", Message: "empty document"}
	}
	composeText(root)
	return root, nil
}

// onlyDocument reads what follows the first document of dec, which must
// hold no other: nothing, or only empty documents (a file that ends with
// "---", as some editors and generators write it). data is the whole
// input, for the line of a syntax error.
func onlyDocument(dec *yaml.Decoder, data []byte) *Problem {
	for {
		var next yaml.Node
		switch err := safeDecode(dec, &next); {
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return syntaxProblem(err, data)
		case len(next.Content) == 0 || len(next.Content) == 1 && isNull(next.Content[0]) && next.Content[0].Value == "":
			continue // an empty document
		default:
			return &Problem{Rule: "multiple_documents", Line: next.Line, Message: fmt.Sprintf("holds more than one YAML document (the second starts at line %d)", next.Line)}
		}
	}
}

// composeText puts every text of the document below n into Unicode's
// composed form (NFC): "Mu\u0308ller", as text pasted from some systems
// spells it, becomes "Müller", one character. The two are the same text,
// but a PDF font draws a combining mark as a character of its own, in the
// wrong place, and two spellings of one name would compare unequal. Keys
// are left as written: a key is ASCII or unknown.
func composeText(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && !norm.NFC.IsNormalString(n.Value) {
		n.Value = norm.NFC.String(n.Value)
	}
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			continue
		}
		composeText(c)
	}
}

// safeDecode decodes the next document. yaml.v3 is no longer maintained and
// has panicked on malformed input before; a panic on user input must
// become an error, not take the server down.
func safeDecode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: cannot parse: %v", r)
		}
	}()
	return dec.Decode(n)
}

// tabLine finds the tab a YAML syntax error reported at line near is most
// likely about: a tab in the indentation of that line or the lines just
// before it (the parser may report the line after). It returns the line
// and the tab's column (1-based), or 0.
func tabLine(data []byte, near int) (line, column int) {
	if near <= 0 {
		return 0, 0
	}
	lines := strings.Split(string(data), "\n")
	for l := min(near, len(lines)); l >= max(1, near-2); l-- {
		text := lines[l-1]
		indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
		if i := strings.IndexByte(indent, '\t'); i >= 0 {
			return l, i + 1
		}
	}
	return 0, 0
}

// resolver replaces alias nodes by copies of the nodes they refer to.
type resolver struct {
	budget int                 // nodes that copies may still add
	active map[*yaml.Node]bool // anchored nodes being resolved (cycle check)
}

// resolve returns n with every alias below it expanded. Nodes are changed
// in place; an alias becomes a deep copy of its (already resolved) target.
func (r *resolver) resolve(n *yaml.Node) (*yaml.Node, error) {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil || r.active[n.Alias] {
			return nil, fmt.Errorf("line %d: alias *%s refers to a value that contains it", n.Line, n.Value)
		}
		return r.copy(n.Alias, n.Line)
	}
	if n.Anchor != "" {
		r.active[n] = true
		defer delete(r.active, n)
	}
	for i, c := range n.Content {
		rc, err := r.resolve(c)
		if err != nil {
			return nil, err
		}
		n.Content[i] = rc
	}
	return n, nil
}

// copy deep-copies a resolved node, charging each new node to the budget.
func (r *resolver) copy(n *yaml.Node, line int) (*yaml.Node, error) {
	r.budget--
	if r.budget < 0 {
		return nil, fmt.Errorf("line %d: aliases expand to more than %d values; write the document out", line, maxAliasNodes)
	}
	if n.Kind == yaml.AliasNode {
		// Only reachable for an alias the resolver has not seen, which
		// cannot happen for a resolved target; treat as a cycle.
		return nil, fmt.Errorf("line %d: alias *%s cannot be expanded", line, n.Value)
	}
	c := *n
	c.Anchor = ""
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, x := range n.Content {
		cx, err := r.copy(x, line)
		if err != nil {
			return nil, err
		}
		c.Content[i] = cx
	}
	return &c, nil
}

// maxProblems is the most decoding problems reported for one file: a file
// that is not a deal at all would otherwise produce one per value.
const maxProblems = 50

// checker walks a node tree against a Go type and collects problems.
type checker struct {
	file string
	// root is the type of the whole document checked, where fieldHome
	// looks for the place of a misplaced key.
	root     reflect.Type
	problems []Problem
	dropped  int // problems beyond maxProblems

	nullify map[*yaml.Node]bool // values with a problem, to be replaced by null
	drop    map[*yaml.Node]bool // keys whose pair must go (duplicates, merge keys)
	pruned  []string            // paths of the nullified values
	moved   []string            // generic paths where a misplaced key belongs
}

// prune replaces the values with problems by null and removes the pairs
// with bad keys, below n, in place.
func (c *checker) prune(n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !c.drop[n.Content[i]] {
				kept = append(kept, n.Content[i], n.Content[i+1])
			}
		}
		n.Content = kept
	}
	for i, x := range n.Content {
		if c.nullify[x] {
			n.Content[i] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: x.Line, Column: x.Column}
			continue
		}
		c.prune(x)
	}
}

// bad records a problem with the value n at path and marks n for pruning.
func (c *checker) bad(n *yaml.Node, path, rule, msg string) {
	c.add(n, path, rule, msg)
	if c.nullify != nil {
		c.nullify[n] = true
		c.pruned = append(c.pruned, path)
	}
}

// badKey records a problem with the key k and marks its pair for removal.
func (c *checker) badKey(k *yaml.Node, path, rule, msg string) {
	c.add(k, path, rule, msg)
	if c.drop != nil {
		c.drop[k] = true
	}
}

func (c *checker) full() bool { return len(c.problems) >= maxProblems }

func (c *checker) add(n *yaml.Node, path, rule, msg string) {
	if c.full() {
		c.dropped++
		return
	}
	c.problems = append(c.problems, Problem{File: c.file, Line: n.Line, Path: path, Rule: rule, Message: msg})
}

// check reports every way n does not fit a value of type t at path.
func (c *checker) check(n *yaml.Node, t reflect.Type, path string) {
	if isNull(n) {
		return // a null is the zero value of any type
	}
	if !knownTag(n) {
		c.bad(n, path, "type", fmt.Sprintf("the tag %s is not supported", n.Tag))
		return
	}
	switch {
	case t == dateType:
		if n.Kind != yaml.ScalarNode {
			c.bad(n, path, "type", "want a date (YYYY-MM-DD), not "+describe(n))
		} else if _, err := ParseDate(n.Value); err != nil && n.Value != "" {
			c.bad(n, path, "type", err.Error())
		}
		return
	case t == measuresType:
		c.checkMeasures(n, path)
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		c.check(n, t.Elem(), path)
	case reflect.Struct:
		c.checkStruct(n, t, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			c.bad(n, path, "type", listWanted(n))
			return
		}
		for i, e := range n.Content {
			at := fmt.Sprintf("%s[%d]", path, i)
			if isNull(e) {
				// A null stands for a default, which an entry of a list
				// has not: "- " alone, or [null], is an entry left out.
				c.bad(e, at, "type", "is an empty entry (null): fill it in or remove the line")
				continue
			}
			c.check(e, t.Elem(), at)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			c.bad(n, path, "type", "want text, not "+describe(n))
		} else if n.Tag == "!!binary" {
			c.bad(n, path, "type", "want text, not binary data")
		}
	case reflect.Int:
		var v int
		if meant, ok := zeroPadded(n); ok {
			c.bad(n, path, "type", fmt.Sprintf("%q has a leading zero: write %s", n.Value, meant))
		} else if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&v) != nil {
			c.bad(n, path, "type", notA(n, "a whole number", "!!int"))
		} else if msg := notDecimal(n.Value, v); msg != "" {
			c.bad(n, path, "type", msg)
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			c.bad(n, path, "type", notA(n, "true or false", "!!bool"))
		}
	case reflect.Map:
		c.checkMap(n, t, path)
	default:
		// Deal has no other kinds; a new one must be taught here.
		c.bad(n, path, "type", fmt.Sprintf("cannot decode a %s", t))
	}
}

// checkStruct checks a mapping against struct type t: keys must be known
// field names, once each.
func (c *checker) checkStruct(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind != yaml.MappingNode {
		c.bad(n, path, "type", mappingWanted(n, t))
		return
	}
	fields := yamlFields(t)
	seen := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			c.badKey(k, path, "type", "a key must be plain text, not "+describe(k))
			continue
		}
		kp := joinPath(path, k.Value)
		if k.Tag == "!!merge" {
			c.badKey(k, kp, "merge_key", "merge keys (<<) are not supported; write the keys out")
			continue
		}
		if line, dup := seen[k.Value]; dup {
			c.badKey(k, kp, "duplicate_key", fmt.Sprintf("is given twice (first at line %d)", line))
			continue
		}
		seen[k.Value] = k.Line
		f, ok := fields.byName[k.Value]
		if msg := removedField(joinPath(genericPath(path), k.Value)); !ok && msg != "" {
			c.add(k, kp, "removed_field", msg)
			continue
		}
		if !ok {
			msg := "unknown field"
			if !c.full() { // a dropped problem needs no suggestion
				msg = c.unknownFieldMessage(k.Value, path, fields)
				if hint := flowCommaHint(n, i); hint != "" {
					msg = "unknown field; " + hint
				}
			}
			c.add(k, kp, "unknown_field", msg)
			continue
		}
		c.check(v, t.Field(f).Type, kp)
	}
}

// flowCommaHint explains the key at n.Content[i] of a mapping written in
// braces ({ address: 1 Baggot Street Lower, Dublin 2 }) when it is a
// value's tail cut off by a comma: it has no value, and the keys before
// it back to the last one with a plain text value have none either.
// Within braces a comma ends a value, so a value holding one must be
// quoted; the hint gives the whole value, every tail joined. It returns ""
// for any other key.
func flowCommaHint(n *yaml.Node, i int) string {
	if n.Style&yaml.FlowStyle == 0 || !isTail(n, i) {
		return ""
	}
	head := i - 2
	for head >= 0 && isTail(n, head) {
		head -= 2
	}
	if head < 0 {
		return ""
	}
	pk, pv := n.Content[head], n.Content[head+1]
	if pv.Kind != yaml.ScalarNode || pv.Style != 0 || pv.Tag == "!!null" {
		return ""
	}
	parts := []string{pv.Value}
	for j := head + 2; j < len(n.Content) && isTail(n, j); j += 2 {
		parts = append(parts, n.Content[j].Value)
	}
	return fmt.Sprintf("%q looks like the rest of %s's value: inside { } a comma ends a value, so quote a value that holds one (%s: %q)",
		n.Content[i].Value, pk.Value, pk.Value, strings.Join(parts, ", "))
}

// isTail reports whether the key at n.Content[k] is a plain key without a
// value, as the tail of a value cut off by a comma reads.
func isTail(n *yaml.Node, k int) bool {
	key, v := n.Content[k], n.Content[k+1]
	return key.Kind == yaml.ScalarNode && key.Style == 0 && v.Tag == "!!null" && v.Value == ""
}

// checkMap checks a mapping against a map type with text keys (the
// negotiated fallbacks): keys are plain text, once each.
func (c *checker) checkMap(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind != yaml.MappingNode {
		c.bad(n, path, "type", "want a mapping of keys to values, not "+describe(n))
		return
	}
	seen := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
			c.badKey(k, path, "type", "a key must be plain text, not "+describe(k))
			continue
		}
		kp := joinPath(path, k.Value)
		if line, dup := seen[k.Value]; dup {
			c.badKey(k, kp, "duplicate_key", fmt.Sprintf("is given twice (first at line %d)", line))
			continue
		}
		seen[k.Value] = k.Line
		c.check(v, t.Elem(), kp)
	}
}

// removedField returns, for the generic path of a field that earlier
// versions of the deal format had, why it was removed and what to do
// instead; "" for any other path. A removed field is refused rather than
// ignored: a deal that sets it expects an effect it no longer has.
func removedField(path string) string {
	switch path {
	case "uk_addendum.combined_data":
		return "was removed: it answered the UK Addendum's Table 2 question for Module Four only (whether personal data received from the importer is combined with personal data the exporter collected), and a DPA never selects Module Four (rule dpa_module), so it had no effect; delete this line (Table 2 says \"Not applicable\" for Modules Two and Three)"
	}
	return ""
}

// unknownFieldMessage explains an unknown key in the mapping at path: the
// field it is likely a typo of, else where the field belongs when it is a
// field of another section, else the keys this mapping takes.
func (c *checker) unknownFieldMessage(key, path string, fields fieldSet) string {
	if s := suggest.Closest(key, fields.names); s != "" {
		c.moved = append(c.moved, joinPath(genericPath(path), s))
		return fmt.Sprintf("unknown field (%s)", suggest.Hint(key, s, "a key"))
	}
	if home := fieldHome(c.root, key); home != "" && genericPath(path) != parentPath(home) {
		c.moved = append(c.moved, home)
		return fmt.Sprintf("unknown field here: %s belongs in %s (%s)", key, parentPath(home), home)
	}
	var where string
	switch {
	case path == "" && len(fields.names) == 1:
		where = "the only top-level key is "
	case path == "":
		where = "the top-level keys are "
	case len(fields.names) == 1:
		where = "the only key of " + genericPath(path) + " is "
	default:
		where = "the keys of " + genericPath(path) + " are "
	}
	return "unknown field; " + where + strings.Join(fields.names, ", ")
}

// fieldHome returns the one generic path ("subprocessors.objection_days")
// where a document of type root (a deal) has a field named key, or ""
// when it has none or several (name, email, ...).
func fieldHome(root reflect.Type, key string) string {
	var home string
	var walk func(t reflect.Type, prefix string) bool
	walk = func(t reflect.Type, prefix string) bool {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			if t.Kind() == reflect.Slice {
				prefix += "[]"
			}
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == dateType || t == measuresType {
			return true
		}
		for i := range t.NumField() {
			name := yamlName(t.Field(i))
			if name == "" {
				continue
			}
			p := joinPath(prefix, name)
			if name == key {
				if home != "" {
					return false // several homes
				}
				home = p
			}
			if !walk(t.Field(i).Type, p) {
				return false
			}
		}
		return true
	}
	if !walk(root, "") {
		return ""
	}
	return home
}

// parentPath returns the path of the mapping that holds the field at path:
// "subprocessors.objection_days" → "subprocessors", "reference" → "".
func parentPath(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

// mappingWanted explains that a mapping of struct type t was expected
// where n is, showing the form to write: a switch such as uk_addendum:
// off is written { enabled: false }.
func mappingWanted(n *yaml.Node, t reflect.Type) string {
	fields := yamlFields(t)
	if _, ok := fields.byName["enabled"]; ok && n.Kind == yaml.ScalarNode {
		on := false
		switch strings.ToLower(n.Value) {
		case "on", "yes", "y", "true", "enabled", "1":
			on = true
		}
		return fmt.Sprintf("want a mapping such as { enabled: %t }, not %s", on, describe(n))
	}
	return fmt.Sprintf("want a mapping with the keys %s, not %s", strings.Join(fields.names, ", "), describe(n))
}

func (c *checker) checkMeasures(n *yaml.Node, path string) {
	switch n.Kind {
	case yaml.ScalarNode:
		// "" is what an empty selection encodes to: the default applies.
		if n.Value != "all" && n.Value != "" {
			c.bad(n, path, "type", fmt.Sprintf(`want "all" or a list of measure ids, not %s`, suggest.Quote(n.Value)))
		}
	case yaml.SequenceNode:
		for i, e := range n.Content {
			ep := fmt.Sprintf("%s[%d]", path, i)
			if e.Kind != yaml.ScalarNode {
				c.bad(e, ep, "type", "want a measure id, not "+describe(e))
				continue
			}
			c.check(e, stringType, ep)
		}
	default:
		c.bad(n, path, "type", `want "all" or a list of measure ids, not `+describe(n))
	}
}

// fieldSet maps YAML keys to struct field indexes.
type fieldSet struct {
	byName map[string]int
	names  []string // in field order
}

// yamlFields returns the YAML keys of struct type t.
func yamlFields(t reflect.Type) fieldSet {
	fs := fieldSet{byName: map[string]int{}}
	for i := range t.NumField() {
		name := yamlName(t.Field(i))
		if name == "" {
			continue
		}
		fs.byName[name] = i
		fs.names = append(fs.names, name)
	}
	return fs
}

// yamlName returns the YAML key of a struct field, or "" for a field that
// has none.
func yamlName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return ""
	}
	if name == "" {
		return strings.ToLower(f.Name)
	}
	return name
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// knownTag reports whether n carries one of the YAML core schema tags
// (custom tags such as !env have no meaning in a deal).
func knownTag(n *yaml.Node) bool {
	switch n.Tag {
	case "", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!map", "!!seq", "!!merge":
		return true
	}
	return false
}

// describe names the kind of a node for "want X, not Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return suggest.Quote(n.Value)
	}
	return "this value"
}

// describeValue is describe for messages of the form "X is not a ...".
func describeValue(n *yaml.Node) string {
	d := describe(n)
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		return strings.ToUpper(d[:1]) + d[1:]
	}
	return d
}

// zeroPadded reports, for a text scalar of decimal digits with a leading
// zero that YAML does not read as a number ("048", which is no octal, or
// "030" in quotes), the number it stands for without the zeros.
func zeroPadded(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!int" {
		return "", false
	}
	v := n.Value
	if len(v) < 2 || v[0] != '0' || strings.Trim(v, "0123456789") != "" {
		return "", false
	}
	return cmp.Or(strings.TrimLeft(v, "0"), "0"), true
}

// notDecimal explains why the text of a whole number, which YAML read as
// v, is not written in plain decimal digits, or returns "" when it is.
// YAML reads "030" as an octal 24, and "0x30", "0o60", "0b110000", "+48"
// and "4_8" as 48: a number of days or hours in a contract must read as
// it is written, so only digits (with a minus sign) are accepted.
func notDecimal(text string, v int) string {
	digits := strings.TrimPrefix(text, "-")
	plain := digits != "" && strings.Trim(digits, "0123456789") == ""
	switch {
	case plain && (len(digits) == 1 || digits[0] != '0'):
		return ""
	case plain:
		meant := strings.TrimLeft(digits, "0")
		if meant == "" {
			meant = "0"
		} else if text[0] == '-' {
			meant = "-" + meant
		}
		return fmt.Sprintf("%q has a leading zero, which YAML reads as the octal number %d: write %s", text, v, meant)
	}
	return fmt.Sprintf("%q is read as %d, a whole number written in another base or form: write it in plain decimal digits, such as %d", text, v, v)
}

// notA says that n is not what (a whole number, true or false), whose
// YAML tag is tag. A value written in quotes that would be right without
// them ("48", "true") is text, as JSON and YAML read quotes, and the
// message says so.
func notA(n *yaml.Node, what, tag string) string {
	if n.Kind == yaml.ScalarNode && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		var bare yaml.Node
		if err := yaml.Unmarshal([]byte(n.Value), &bare); err == nil && len(bare.Content) == 1 && bare.Content[0].Tag == tag {
			return fmt.Sprintf("%s is text (in quotes), not %s: write %s without the quotes", describeValue(n), what, strings.TrimSpace(n.Value))
		}
	}
	if n.Kind == yaml.ScalarNode && n.Style&yaml.TaggedStyle != 0 && n.Tag != tag {
		// An explicit tag such as !!float 48: the value may be right.
		return fmt.Sprintf("%s is tagged %s, so it is not %s: remove the tag", describeValue(n), n.Tag, what)
	}
	return describeValue(n) + " is not " + what
}

// listWanted is the message for a value that should be a list: for a
// single value, or several run together with commas, it shows the list
// to write ("want a list: write [Employees, Customers], or one \"- \" item
// per line").
func listWanted(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" || len(n.Value) > 200 {
		return "want a list"
	}
	var items []string
	for _, it := range strings.Split(n.Value, ",") {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	return fmt.Sprintf("want a list: write [%s], or one \"- \" item per line", strings.Join(items, ", "))
}
