package batch

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
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
	rows    *rowSplitter
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

// sniffLimit bounds the start of the input the separator is guessed from.
const sniffLimit = 64 << 10

// newCSVReader reads the header row, guesses the separator from it (",",
// ";" as Excel writes in European locales, or a tab) and checks every
// column names a field of the deal. It reads no further than the header
// row, so that rows arriving one at a time through a pipe are each read
// as soon as they are complete.
func newCSVReader(r io.Reader, name string) (*csvReader, error) {
	br := bufio.NewReaderSize(r, sniffLimit)
	head, err := peekFirstLine(br, sniffLimit)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	rows := &rowSplitter{br: br, sep: byte(sniffSeparator(head)), max: maxRecord}
	header, err := readHeader(rows)
	if err == io.EOF {
		return nil, fmt.Errorf("%w: %s is empty (want a header row of deal paths such as customer.name)", ErrSetup, name)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: header row: %v", ErrSetup, name, err)
	}
	c := &csvReader{rows: rows, width: len(header)}
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
	if err := checkIndexes(c.columns); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrSetup, name, err)
	}
	return c, nil
}

// checkIndexes refuses list indexes in the header that do not number a
// list's entries from [0] without a gap: the deal's list has no gaps, so
// subprocessors.list[2] after list[0] would become its entry [1], and every
// problem of it would name a column the file does not have.
func checkIndexes(columns []column) error {
	indexes := map[string]map[int]bool{} // list path → indexes given
	var lists []string
	for _, col := range columns {
		var prefix strings.Builder
		for _, st := range col.path {
			if prefix.Len() > 0 {
				prefix.WriteByte('.')
			}
			prefix.WriteString(st.key)
			if st.index < 0 {
				continue
			}
			list := prefix.String()
			if indexes[list] == nil {
				indexes[list] = map[int]bool{}
				lists = append(lists, list)
			}
			indexes[list][st.index] = true
			fmt.Fprintf(&prefix, "[%d]", st.index)
		}
	}
	for _, list := range lists {
		for i := range len(indexes[list]) {
			if !indexes[list][i] {
				high := slices.Max(slices.Collect(maps.Keys(indexes[list])))
				return fmt.Errorf("the columns of %s give entry [%d] but not [%d]: number a list's entries from [0] without a gap", list, high, i)
			}
		}
	}
	return nil
}

// peekFirstLine returns the start of the input up to the end of its first
// line as sniffSeparator reads it (the first newline outside quotes), or
// its first limit bytes, whichever is shorter, without consuming them.
// Unlike a Peek of limit bytes, it waits for no more input than that
// line: it returns at the line's end, at the end of the input or at a read
// error, so that a header arriving through a pipe is read as soon as it is
// complete. sniffSeparator sees the same bytes up to that newline either
// way, so it guesses the same separator. A read error other than io.EOF
// is returned.
func peekFirstLine(br *bufio.Reader, limit int) ([]byte, error) {
	limit = min(limit, br.Size())
	quoted, scanned := false, 0
	for {
		// Wait for one byte more than has been scanned (a read returns
		// what is available), then scan everything buffered.
		_, err := br.Peek(min(br.Buffered()+1, limit))
		head, _ := br.Peek(min(br.Buffered(), limit))
		for ; scanned < len(head); scanned++ {
			c := head[scanned]
			if c == '"' {
				quoted = !quoted
			}
			if c == '\n' && !quoted {
				return head[:scanned+1], nil
			}
		}
		switch {
		case len(head) >= limit || errors.Is(err, io.EOF):
			return head, nil
		case err != nil:
			return head, err
		}
	}
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
		if t.Kind() == reflect.Map && t.Key().Kind() == reflect.String && step.index < 0 && i == len(parts)-1 {
			// A map's key (negotiated.breach: a clause id) is the deal's
			// rules' to judge, as in a YAML deal.
			col.path = append(col.path, step)
			t = t.Elem()
			continue
		}
		if t.Kind() != reflect.Struct || t == dateType || t == measuresType {
			return col, fmt.Errorf("%s has no fields", strings.Join(parts[:i], "."))
		}
		f, ok := fieldByYAML(t, step.key)
		if !ok {
			if s := suggest.Closest(step.key, yamlNames(t)); s != "" {
				return col, fmt.Errorf("unknown field %q (%s)", step.key, suggest.Hint(strings.Join(append(parts[:i:i], step.key), "."), strings.Join(append(parts[:i:i], s), "."), "a field name"))
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

// readHeader returns the cells of the first row that is not blank.
func readHeader(rows *rowSplitter) ([]string, error) {
	for {
		row, _, tooLarge, err := rows.next()
		if err != nil {
			return nil, err
		}
		if tooLarge {
			return nil, fmt.Errorf("the row is larger than %d MiB", maxRecord>>20)
		}
		cells, err := parseRow(row, rows.sep)
		if err == io.EOF {
			continue // a blank line
		}
		return cells, err
	}
}

// next returns the deal of the next row that is not blank. A row that is
// not valid CSV, has the wrong number of cells or is larger than
// maxRecord is a record with its problem: the run goes on with the next
// row.
func (c *csvReader) next() (record, error) {
	for {
		row, line, tooLarge, err := c.rows.next()
		if err != nil {
			return record{}, err
		}
		var cells []string
		if !tooLarge {
			cells, err = parseRow(row, c.rows.sep)
			if err == io.EOF {
				continue // a blank line, as encoding/csv skips
			}
		}
		c.row++
		rec := record{Row: c.row, Line: line}
		var pe *csv.ParseError
		switch {
		case tooLarge:
			rec.Err = &deal.Problem{Rule: "size", Message: fmt.Sprintf("the row is larger than %d MiB", maxRecord>>20)}
			return rec, nil
		case errors.As(err, &pe):
			rec.Line = line + pe.StartLine - 1
			rec.Err = &deal.Problem{Rule: "csv", Message: fmt.Sprintf("the row is not valid CSV: %v", pe.Err)}
			return rec, nil
		case err != nil:
			return record{}, err
		}
		if len(cells) != c.width {
			rec.Err = &deal.Problem{Rule: "csv", Message: c.widthProblem(len(cells))}
			rec.Reference = c.reference(cells)
			return rec, nil
		}
		data, err := c.toJSON(cells)
		if err != nil {
			return record{}, err
		}
		rec.Data = data
		return rec, nil
	}
}

// widthProblem says that a row has n cells where the header has another
// number, and the likely cause.
func (c *csvReader) widthProblem(n int) string {
	msg := fmt.Sprintf("the row has %d cells; the header has %d", n, c.width)
	if n < c.width {
		return msg + " (a line break in a cell that is not in quotes ends its row early, and every row needs a cell, even an empty one, for each column)"
	}
	sep := map[byte]string{',': "comma", ';': "semicolon", '\t': "tab"}[c.rows.sep]
	if sep == "" {
		sep = fmt.Sprintf("%q", c.rows.sep)
	}
	return msg + fmt.Sprintf(" (a %s in a cell that is not in quotes splits it in two: put such a cell in double quotes)", sep)
}

// reference returns the reference cell of a row, if the row reaches the
// reference column, or "".
func (c *csvReader) reference(cells []string) string {
	for i, col := range c.columns {
		if len(col.path) == 1 && col.path[0].key == "reference" && col.path[0].index < 0 && i < len(cells) {
			return strings.TrimSpace(cells[i])
		}
	}
	return ""
}

// parseRow parses one row that rowSplitter cut with encoding/csv; io.EOF
// means the row is blank.
func parseRow(row []byte, sep byte) ([]string, error) {
	cr := csv.NewReader(bytes.NewReader(row))
	cr.Comma = rune(sep)
	cr.FieldsPerRecord = -1
	return cr.Read()
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

// rowSplitter cuts CSV input into rows without parsing their cells: a
// newline ends a row unless it is inside a quoted field (one that starts
// with a quote, in which a doubled quote is a quote). A row larger than
// max is read to its end without being kept and reported as too large, so
// that one oversized row costs its own record, not the whole run, and
// memory stays bounded by max.
type rowSplitter struct {
	br   *bufio.Reader
	sep  byte
	max  int
	line int // lines read so far

	// The row being read: its bytes while it fits, how many bytes it
	// has, and whether it is too large to keep.
	buf      []byte
	n        int
	tooLarge bool
}

// next returns the next row, newline included, with the number of its
// first line; tooLarge reports a row longer than max (row is then nil).
// It returns io.EOF at the end of the input.
func (s *rowSplitter) next() (row []byte, line int, tooLarge bool, err error) {
	s.buf, s.n, s.tooLarge = s.buf[:0], 0, false
	line = s.line + 1
	inQuotes, fieldStart := false, true
	for {
		c, err := s.br.ReadByte()
		if err == io.EOF {
			if s.n == 0 {
				return nil, 0, false, io.EOF
			}
			s.line++
			return s.kept(), line, s.tooLarge, nil
		}
		if err != nil {
			return nil, 0, false, err
		}
		s.add(c)
		if s.n > maxSkipped {
			// No CSV file of deals has such a row: an endless stream
			// (/dev/zero, a pipe that never ends a line) would be read
			// for ever.
			return nil, 0, false, endlessLine{line: line, what: "a CSV file of deals"}
		}
		switch {
		case c == '\n':
			s.line++
			if !inQuotes {
				return s.kept(), line, s.tooLarge, nil
			}
		case inQuotes:
			if c == '"' {
				if next, _ := s.br.Peek(1); len(next) == 1 && next[0] == '"' {
					s.br.ReadByte() // a doubled quote stays in the field
					s.add('"')
					continue
				}
				inQuotes = false
			}
		case c == '"' && fieldStart:
			inQuotes, fieldStart = true, false
		case c == s.sep:
			fieldStart = true
		default:
			fieldStart = false
		}
	}
}

// add keeps one more byte of the row, or counts it once the row is too
// large to keep.
func (s *rowSplitter) add(c byte) {
	s.n++
	if s.n > s.max && !s.tooLarge {
		s.tooLarge, s.buf = true, s.buf[:0]
	}
	if !s.tooLarge {
		s.buf = append(s.buf, c)
	}
}

// endlessLine is a line of the input that runs on past maxSkipped bytes:
// no file of deals has one (an endless stream: /dev/zero, a pipe that
// never ends a line).
type endlessLine struct {
	line int
	what string // "a CSV file of deals"
}

func (e endlessLine) Error() string {
	return fmt.Sprintf("line %d runs on for more than %d MiB without ending: this is not %s", e.line, maxSkipped>>20, e.what)
}

// maxSkipped bounds the bytes of one row, which a row over max is read to
// its end through (without keeping them) so that the next row can be
// read: a row longer than this ends the run instead.
const maxSkipped = 64 << 20

// kept is the row read, or nil for one too large to keep.
func (s *rowSplitter) kept() []byte {
	if s.tooLarge {
		return nil
	}
	return s.buf
}
