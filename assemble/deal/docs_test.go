package deal

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// formatDoc is the deal format reference, relative to the repository root
// (messages name it so); formatDocPath is the same file from this package.
const (
	formatDoc     = "docs/deal-format.md"
	formatDocPath = "../../" + formatDoc
)

// docField is one documented field: a table row of docs/deal-format.md.
type docField struct {
	line    int
	section string // the "## " heading the row is under
	cells   []string
}

// docColumns are the columns of every field table, in order.
var docColumns = []string{"Field", "Type", "Required / default", "Allowed values", "Meaning", "Example"}

// fieldInfo is one field of the Go deal types.
type fieldInfo struct {
	path    string // YAML path, list elements as "[]": "subprocessors.list[].name"
	goName  string // "Subprocessor.Name"
	typ     string // the type as the reference names it
	allowed []string
}

// TestDealFormatDocumented keeps docs/deal-format.md in step with the Go
// deal types: every YAML path of Deal has a row with its type and, where
// the field allows a fixed set of values, each of them; every row is a
// field that exists; YAML and JSON names agree.
func TestDealFormatDocumented(t *testing.T) {
	docs, err := readFormatDoc(formatDocPath)
	if err != nil {
		t.Fatal(err)
	}
	fields := dealFields(dealType, "", "Deal")
	known := map[string]bool{}
	prev := map[string]string{} // path → the documented path before it
	last := ""
	for _, f := range fields {
		known[f.path] = true
		prev[f.path] = last
		d, ok := docs[f.path]
		if !ok {
			t.Errorf("%s", undocumentedMessage(f, prev[f.path], docs))
			continue
		}
		last = f.path
		for i, c := range d.cells {
			if strings.TrimSpace(c) == "" {
				t.Errorf("%s:%d: the %s column of `%s` is empty; fill it in", formatDoc, d.line, docColumns[i], f.path)
			}
		}
		if got := strings.Trim(d.cells[1], "` "); got != f.typ {
			t.Errorf("%s:%d: `%s` is documented as type %q, but the Go field %s is %q: write %q in the Type column", formatDoc, d.line, f.path, got, f.goName, f.typ, f.typ)
		}
		for _, v := range f.allowed {
			if !strings.Contains(d.cells[3], "`"+v+"`") {
				t.Errorf("%s:%d: the Allowed values column of `%s` does not list `%s`, which the Go field %s accepts (validate tag oneof)", formatDoc, d.line, f.path, v, f.goName)
			}
		}
		if want := sectionOf(f); d.section != want {
			t.Errorf("%s:%d: `%s` is in the section %q; move its row to the section headed \"## %s\"", formatDoc, d.line, f.path, d.section, sectionHeading(want))
		}
	}
	for p, d := range docs {
		if !known[p] {
			t.Errorf("%s:%d: documents `%s`, which is not a field of the deal (assemble/deal/types.go): fix its name or remove the row", formatDoc, d.line, p)
		}
	}
}

// undocumentedMessage tells a developer exactly where to document f.
func undocumentedMessage(f fieldInfo, after string, docs map[string]docField) string {
	sec := sectionOf(f)
	where := fmt.Sprintf("to the table of the section headed \"## %s\"", sectionHeading(sec))
	if d, ok := docs[after]; ok && d.section == sec {
		where += fmt.Sprintf(", after the row of `%s` (line %d)", after, d.line)
	}
	allowed := "…"
	if len(f.allowed) > 0 {
		allowed = "`" + strings.Join(f.allowed, "` \\| `") + "`"
	}
	return fmt.Sprintf("%s does not document the deal field `%s` (Go: %s in assemble/deal/types.go).\n"+
		"  Add a row %s:\n  | `%s` | %s | required? default? | %s | what it means for the DPA | an example |",
		formatDoc, f.path, f.goName, where, f.path, f.typ, allowed)
}

// topLevel is the section of the deal's top-level scalar fields.
const topLevel = "Top-level fields"

// headingKey finds the key a section heading documents: "`customer`: ...".
var headingKey = regexp.MustCompile("^`([a-z0-9_]+)`")

// sectionOf returns the section a field belongs in: the top-level key it
// is under, or topLevel for a top-level field that is not a mapping.
func sectionOf(f fieldInfo) string {
	top, _, nested := strings.Cut(f.path, ".")
	if !nested && f.typ != "mapping" {
		return topLevel
	}
	// A list of mappings at the top (riders) has its own section too.
	return strings.TrimSuffix(top, "[]")
}

// sectionHeading returns how a section's heading starts.
func sectionHeading(section string) string {
	if section == topLevel {
		return topLevel
	}
	return "`" + section + "`: …"
}

// rowPattern matches a field row: its first cell is a path in backticks.
var rowPattern = regexp.MustCompile("^\\| `([a-z0-9_.\\[\\]]+)` \\|")

// readFormatDoc returns the documented fields by path.
func readFormatDoc(path string) (map[string]docField, error) {
	name := formatDoc
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("the deal format reference is missing: %w", err)
	}
	defer f.Close()
	docs := map[string]docField{}
	section := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if h, ok := strings.CutPrefix(line, "## "); ok {
			section = h
			if m := headingKey.FindStringSubmatch(h); m != nil {
				section = m[1]
			}
			continue
		}
		m := rowPattern.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		cells := splitRow(line)
		if len(cells) != len(docColumns) {
			return nil, fmt.Errorf("%s:%d: the row of `%s` has %d cells; want %d (%s)", name, n, m[1], len(cells), len(docColumns), strings.Join(docColumns, ", "))
		}
		if d, dup := docs[m[1]]; dup {
			return nil, fmt.Errorf("%s:%d: `%s` is documented twice (also at line %d)", name, n, m[1], d.line)
		}
		docs[m[1]] = docField{line: n, section: section, cells: cells}
	}
	return docs, sc.Err()
}

// splitRow splits a Markdown table row into its cells; "\|" is a literal
// bar inside a cell.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(strings.TrimSuffix(line, "|"), "|")
	var cells []string
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			b.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(b.String()))
}

// dealFields lists every YAML path below struct type t, in field order,
// each mapping before its fields.
func dealFields(t reflect.Type, prefix, goPrefix string) []fieldInfo {
	var out []fieldInfo
	for i := range t.NumField() {
		sf := t.Field(i)
		name := yamlName(sf)
		if name == "" {
			continue
		}
		path := joinPath(prefix, name)
		ft := sf.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		info := fieldInfo{path: path, goName: goPrefix + "." + sf.Name, typ: docType(ft), allowed: oneOf(sf.Tag.Get("validate"))}
		out = append(out, info)
		switch {
		case ft.Kind() == reflect.Struct && ft != dateType && ft != measuresType:
			out = append(out, dealFields(ft, path, ft.Name())...)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && ft.Elem() != dateType:
			out = append(out, dealFields(ft.Elem(), path+"[]", ft.Elem().Name())...)
		}
	}
	return out
}

// docType names a Go type as the reference's Type column does.
func docType(t reflect.Type) string { return TypeName(t) }

// oneOf returns the values of a oneof validate rule, or nil.
func oneOf(tag string) []string {
	for rule := range strings.SplitSeq(tag, ",") {
		if v, ok := strings.CutPrefix(rule, "oneof="); ok {
			return strings.Fields(v)
		}
	}
	return nil
}

// TestYAMLAndJSONNamesAgree: the reference documents one name per field,
// valid for YAML and JSON alike.
func TestYAMLAndJSONNamesAgree(t *testing.T) {
	var walk func(t reflect.Type)
	seen := map[reflect.Type]bool{}
	walk = func(typ reflect.Type) {
		if seen[typ] {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			sf := typ.Field(i)
			y := yamlName(sf)
			j, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if y != "" && j != y {
				t.Errorf("%s.%s: yaml name %q but json name %q; they must agree", typ.Name(), sf.Name, y, j)
			}
			ft := sf.Type
			for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && ft != dateType && ft != measuresType {
				walk(ft)
			}
		}
	}
	walk(dealType)
}

// TestDealFormatExamplesParse: each example of docs/deal-format.md's field
// tables, written in the deal file where its row says, is read without a
// problem of form (a key or a type): a user who copies one gets what the
// row says (the representative's example once broke at the comma in its
// unquoted address). Whether the value is valid for a whole deal is the
// validator's business.
func TestDealFormatExamplesParse(t *testing.T) {
	docs, err := readFormatDoc(formatDocPath)
	if err != nil {
		t.Fatal(err)
	}
	var tried int
	for path, d := range docs {
		example := strings.TrimSpace(d.cells[5])
		if !strings.HasPrefix(example, "`") || !strings.HasSuffix(example, "`") || strings.Count(example, "`") != 2 {
			continue // prose, or several examples
		}
		value := strings.Trim(example, "`")
		src := placeAt(path, value)
		_, err := parse([]byte(src), "example.yaml")
		if err == nil {
			tried++
			continue
		}
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s:%d: the example of `%s` does not parse:\n%s\n%v", formatDoc, d.line, path, src, err)
			continue
		}
		tried++
		for _, p := range ve.Problems {
			if p.Path == "" || strings.HasPrefix(genericPath(p.Path), strings.TrimSuffix(path, "[]")) {
				t.Errorf("%s:%d: the example of `%s` gives %s: %s\n%s", formatDoc, d.line, path, p.Path, p.Message, src)
			}
		}
	}
	if tried < 50 {
		t.Errorf("only %d examples tried; has the table's Example column moved?", tried)
	}
}

// placeAt returns a deal file that gives value at path ("a.b[].c": a
// mapping a with a list b whose one entry has c).
func placeAt(path, value string) string {
	var b strings.Builder
	indent := ""
	parts := strings.Split(path, ".")
	for i, part := range parts {
		key, list := strings.CutSuffix(part, "[]")
		b.WriteString(indent + key + ":")
		last := i == len(parts)-1
		switch {
		case last && list:
			b.WriteString("\n" + indent + "  - " + value + "\n")
		case last:
			b.WriteString(" " + value + "\n")
		case list:
			b.WriteString("\n" + indent + "  -\n")
			indent += "    "
		default:
			b.WriteString("\n")
			indent += "  "
		}
	}
	return b.String()
}
