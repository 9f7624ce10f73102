package batch

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/suggest"
)

// A CSV input has one deal per row; its header row names each column by
// the deal's dotted path (customer.name, scc.governing_law,
// breach.notice_hours, subprocessors.list[0].name). A list of values is
// one cell with the items separated by ";" (processing.purposes:
// "Hosting; Support"); within such a cell "\;" is a literal semicolon and
// "\\" a literal backslash. An empty cell leaves the field to the profile.

// csvReader reads deals from CSV, streaming: one row in memory at a time.
type csvReader struct {
	cr      *csv.Reader
	limit   *boundedReader
	columns []column
	width   int
	row     int
}

// column is a header cell parsed against the deal's shape.
type column struct {
	header string
	path   []pathStep
	kind   fieldKind
}

// pathStep is one key of a dotted path, with the list index that follows
// it (subprocessors.list[2] is {list, 2}), or -1.
type pathStep struct {
	key   string
	index int
}

// fieldKind is how a cell becomes a value.
type fieldKind int

const (
	kindString fieldKind = iota
	kindInt
	kindBool
	kindStrings
	kindInts
	kindMeasures
)

// newCSVReader reads the header row, guesses the separator from it (",",
// ";" as Excel writes in European locales, or a tab) and checks every
// column names a field of the deal.
func newCSVReader(r io.Reader, name string) (*csvReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(64 << 10)
	limit := &boundedReader{r: br, max: maxRecord}
	cr := csv.NewReader(limit)
	cr.Comma = sniffSeparator(head)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%w: %s is empty (want a header row of deal paths such as customer.name)", ErrSetup, name)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: header row: %v", ErrSetup, name, err)
	}
	c := &csvReader{cr: cr, limit: limit, width: len(header)}
	seen := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, fmt.Errorf("%w: %s: column %d has no header (want a deal path such as customer.name)", ErrSetup, name, i+1)
		}
		if j, dup := seen[h]; dup {
			return nil, fmt.Errorf("%w: %s: column %d %q repeats column %d", ErrSetup, name, i+1, h, j)
		}
		seen[h] = i + 1
		col, err := parseColumn(h)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: column %d %q: %v", ErrSetup, name, i+1, h, err)
		}
		c.columns = append(c.columns, col)
	}
	return c, nil
}

// sniffSeparator picks the separator that occurs most often, outside
// quotes, in the first line: ",", ";" or a tab.
func sniffSeparator(head []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, b := range head {
		if b == '"' {
			quoted = !quoted
		}
		if quoted {
			continue
		}
		if b == '\n' {
			break
		}
		switch b {
		case ',', ';', '\t':
			counts[rune(b)]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

var (
	dateType     = reflect.TypeFor[deal.Date]()
	measuresType = reflect.TypeFor[deal.Measures]()
)

// parseColumn checks a header against the Deal type and returns how its
// cells are read.
func parseColumn(h string) (column, error) {
	col := column{header: h}
	t := reflect.TypeFor[deal.Deal]()
	parts := strings.Split(h, ".")
	for i, part := range parts {
		step := pathStep{key: part, index: -1}
		if k, idx, ok := strings.Cut(part, "["); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(idx, "]"))
			if !strings.HasSuffix(idx, "]") || err != nil || n < 0 || n > 9999 {
				return col, fmt.Errorf("%q is not a list index (want [0], [1], ...)", "["+idx)
			}
			step = pathStep{key: k, index: n}
		}
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == dateType || t == measuresType {
			return col, fmt.Errorf("%s has no fields", strings.Join(parts[:i], "."))
		}
		f, ok := fieldByYAML(t, step.key)
		if !ok {
			if s := suggest.Closest(step.key, yamlNames(t)); s != "" {
				return col, fmt.Errorf("unknown field %q (did you mean %q?)", step.key, strings.Join(append(parts[:i:i], s), "."))
			}
			return col, fmt.Errorf("unknown field %q (%s has: %s)", step.key, orDeal(strings.Join(parts[:i], ".")), strings.Join(yamlNames(t), ", "))
		}
		t = f.Type
		if step.index >= 0 {
			if t.Kind() != reflect.Slice || t.Elem().Kind() != reflect.Struct {
				return col, fmt.Errorf("%s is not a list of entries; give its items in one cell separated by ;", step.key)
			}
			t = t.Elem()
		}
		col.path = append(col.path, step)
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == dateType:
		col.kind = kindString
	case t == measuresType:
		col.kind = kindMeasures
	case t.Kind() == reflect.String:
		col.kind = kindString
	case t.Kind() == reflect.Int:
		col.kind = kindInt
	case t.Kind() == reflect.Bool:
		col.kind = kindBool
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		col.kind = kindStrings
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Int:
		col.kind = kindInts
	case t.Kind() == reflect.Slice:
		return col, fmt.Errorf("is a list of entries: give one column per field, as %s[0].%s", h, yamlNames(t.Elem())[0])
	default:
		return col, fmt.Errorf("has fields: give one column per field, as %s.%s", h, yamlNames(t)[0])
	}
	return col, nil
}

func orDeal(path string) string {
	if path == "" {
		return "a deal"
	}
	return path
}

// fieldByYAML returns the field of struct t whose YAML key is name.
func fieldByYAML(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.IsExported() && yamlKey(f) == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// yamlNames lists the YAML keys of struct t.
func yamlNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() && yamlKey(f) != "-" {
			out = append(out, yamlKey(f))
		}
	}
	return out
}

func yamlKey(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "" {
		return strings.ToLower(f.Name)
	}
	return name
}

func (c *csvReader) next() (record, error) {
	c.limit.reset()
	cells, err := c.cr.Read()
	if err == io.EOF {
		return record{}, io.EOF
	}
	c.row++
	line, _ := c.cr.FieldPos(0)
	rec := record{Row: c.row, Line: line}
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errRecordTooLarge):
		return record{}, fmt.Errorf("row %d: %w", c.row, err)
	case errors.As(err, &pe):
		// A quoting error: encoding/csv resumes at the next line.
		rec.Line = pe.StartLine
		rec.Err = &deal.Problem{Rule: "csv", Message: fmt.Sprintf("the row is not valid CSV: %v", pe.Err)}
		return rec, nil
	case err != nil:
		return record{}, err
	}
	if len(cells) != c.width {
		rec.Err = &deal.Problem{Rule: "csv", Message: fmt.Sprintf("the row has %d cells; the header has %d", len(cells), c.width)}
		return rec, nil
	}
	data, err := c.toJSON(cells)
	if err != nil {
		return record{}, err
	}
	rec.Data = data
	return rec, nil
}

// toJSON builds the deal of one row: each non-empty cell at its path,
// typed by the field it fills, so that the deal decoder reports a bad
// value ("abc" for breach.notice_hours) with its path like any other.
func (c *csvReader) toJSON(cells []string) ([]byte, error) {
	root := map[string]any{}
	for i, col := range c.columns {
		v := strings.TrimSpace(cells[i])
		if v == "" {
			continue
		}
		setPath(root, col.path, cellValue(col.kind, v))
	}
	compactLists(root)
	return json.Marshal(root)
}

// setPath stores v at path below m, creating mappings and list entries.
func setPath(m map[string]any, path []pathStep, v any) {
	for i, step := range path {
		last := i == len(path)-1
		if step.index < 0 {
			if last {
				m[step.key] = v
				return
			}
			next, _ := m[step.key].(map[string]any)
			if next == nil {
				next = map[string]any{}
				m[step.key] = next
			}
			m = next
			continue
		}
		list, _ := m[step.key].(map[int]map[string]any)
		if list == nil {
			list = map[int]map[string]any{}
			m[step.key] = list
		}
		entry := list[step.index]
		if entry == nil {
			entry = map[string]any{}
			list[step.index] = entry
		}
		m = entry
	}
}

// compactLists turns the indexed entries setPath made into lists, in
// index order; an index with no cells filled is not an entry.
func compactLists(m map[string]any) {
	for k, v := range m {
		switch v := v.(type) {
		case map[string]any:
			compactLists(v)
		case map[int]map[string]any:
			idx := make([]int, 0, len(v))
			for i := range v {
				idx = append(idx, i)
			}
			sort.Ints(idx)
			list := make([]any, len(idx))
			for j, i := range idx {
				compactLists(v[i])
				list[j] = v[i]
			}
			m[k] = list
		}
	}
}

// cellValue reads a non-empty cell as the kind of value its field takes.
// A cell that does not parse is passed on as text for the decoder to
// report against the field.
func cellValue(kind fieldKind, v string) any {
	switch kind {
	case kindInt:
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	case kindBool:
		switch strings.ToLower(v) {
		case "true", "yes", "1", "wahr", "vrai":
			return true
		case "false", "no", "0", "falsch", "faux":
			return false
		}
	case kindStrings:
		return splitList(v)
	case kindInts:
		items := splitList(v)
		out := make([]any, len(items))
		for i, item := range items {
			out[i] = item
			if n, err := strconv.Atoi(item.(string)); err == nil {
				out[i] = n
			}
		}
		return out
	case kindMeasures:
		if strings.EqualFold(v, "all") {
			return "all"
		}
		return splitList(v)
	}
	return v
}

// splitList splits a list cell at each ";" not escaped by a backslash,
// trims each item and drops empty ones; "\;" is a semicolon and "\\" a
// backslash inside an item.
func splitList(v string) []any {
	var items []any
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			items = append(items, s)
		}
		cur.Reset()
	}
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v) && (v[i+1] == ';' || v[i+1] == '\\'):
			cur.WriteByte(v[i+1])
			i++
		case v[i] == ';':
			flush()
		default:
			cur.WriteByte(v[i])
		}
	}
	flush()
	return items
}

// errRecordTooLarge ends a CSV read whose single row grows past the limit:
// encoding/csv cannot skip a row, so the run stops rather than hold it.
var errRecordTooLarge = fmt.Errorf("a row is larger than %d MiB", maxRecord>>20)

// boundedReader fails once more than max bytes are read since the last
// reset, bounding the memory encoding/csv uses for one row.
type boundedReader struct {
	r   io.Reader
	n   int
	max int
}

func (b *boundedReader) reset() { b.n = 0 }

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.n > b.max {
		return 0, errRecordTooLarge
	}
	n, err := b.r.Read(p)
	b.n += n
	return n, err
}
