package deal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file turns the YAML parser's errors into messages that say what is
// wrong in plain words, at the line that holds the mistake.
//
// yaml.v3 reports one line per error, and not always the right one: a
// scanner error ("mapping values are not allowed in this context") names
// the 1-based line of the mistake, but a parser error ("did not find
// expected key") names the 0-based line where the enclosing construct
// began (the flow mapping, or the block mapping several lines up), so one
// too early, and none at all when that is the first line. The line of the
// mistake is found instead as the shortest run of leading lines that fails
// with the same error (mistakeLine).

// syntaxProblem turns a YAML parser error into a problem with the whole
// file, located at the line that holds the mistake where that can be
// determined.
func syntaxProblem(err error, data []byte) *Problem {
	reported, what := splitYAMLError(err)
	line := mistakeLine(data, reported, what)
	p := &Problem{Rule: "syntax", Line: line}
	for _, near := range []int{reported, line} {
		if l, n := tabLine(data, near); l > 0 {
			p.Line = l
			p.Message = fmt.Sprintf("indent with spaces, not tabs (a tab is at column %d of line %d)", n, l)
			return p
		}
	}
	lines := textLines(data)
	if line > 0 && line <= len(lines) {
		if l, msg := explainSyntax(lines, line, what); msg != "" {
			p.Line, p.Message = l, msg
			return p
		}
	}
	if line > 0 {
		p.Message = fmt.Sprintf("is not valid YAML at line %d: %s", line, what)
	} else {
		p.Message = "is not valid YAML: " + what
	}
	return p
}

// splitYAMLError splits a yaml.v3 error "yaml: line 8: did not find
// expected key" into the line it names (0 for none) and the parser's text.
func splitYAMLError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				return n, text
			}
		}
	}
	return 0, msg
}

// parserProblems are the errors of yaml.v3's parser (as opposed to its
// scanner), whose line is the 0-based line of the enclosing construct.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"did not find expected <document start>": true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// mistakeLine returns the 1-based line of the mistake behind the parser
// error what, reported at line reported: the first line at which the file,
// read up to and including it, fails with the same error. 0 when the file
// is empty.
func mistakeLine(data []byte, reported int, what string) int {
	ends := lineEnds(data)
	if len(ends) == 0 {
		return 0
	}
	lo := reported
	if parserProblems[what] {
		lo++ // a 0-based line: the mistake is at it or after it
	}
	lo = min(max(lo, 1), len(ends))
	fails := func(k int) bool {
		err := firstYAMLError(data[:ends[k-1]])
		if err == nil {
			return false
		}
		_, text := splitYAMLError(err)
		return text == what
	}
	// Once the mistake is read, every longer prefix fails the same way, so
	// the first failing prefix can be found by bisection.
	k := lo + sort.Search(len(ends)-lo, func(i int) bool { return fails(lo + i) })
	return min(k, len(ends))
}

// lineEnds returns the offset just after each line of data (after its
// newline, or the end of data for a last line without one).
func lineEnds(data []byte) []int {
	var ends []int
	for off := 0; off < len(data); {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			ends = append(ends, len(data))
			break
		}
		off += i + 1
		ends = append(ends, off)
	}
	return ends
}

// firstYAMLError parses data as parseNode does (the first two documents)
// and returns the first parser error, or nil.
func firstYAMLError(data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for range 2 {
		var n yaml.Node
		if err := safeDecode(dec, &n); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
	return nil
}

// textLines returns the lines of data without their line breaks.
func textLines(data []byte) []string {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// explainSyntax explains the parser error what found at line (1-based) of
// lines in plain words, returning the line the message is about and the
// message; "" when the error is not one it knows.
func explainSyntax(lines []string, line int, what string) (int, string) {
	text := lines[line-1]
	switch what {
	case "did not find expected ',' or '}'", "did not find expected ',' or ']'":
		// The mistake is in a { ... } or [ ... ] that opens on this line or,
		// when it spans lines, on one before it.
		for s := line; s >= max(1, line-maxFlowLines); s-- {
			if strings.ContainsAny(lines[s-1], "{[") {
				if l, msg := flowProblem(lines, s); msg != "" {
					return l, msg
				}
			}
		}
	case "mapping values are not allowed in this context":
		if msg := colonInValue(text, line); msg != "" {
			return line, msg
		}
		if msg := indentProblem(lines, line); msg != "" {
			return line, msg
		}
		if prev := prevContent(lines, line); prev > 0 {
			if msg := missingSpace(lines[prev-1], prev); msg != "" {
				return prev, msg
			}
			if msg := missingColon(lines[prev-1], prev); msg != "" {
				return prev, msg
			}
		}
	case "could not find expected ':'":
		if msg := missingColon(text, line); msg != "" {
			return line, msg
		}
	case "did not find expected key":
		if msg := strayCloser(text, line); msg != "" {
			return line, msg
		}
		if msg := textAfterQuote(text, line); msg != "" {
			return line, msg
		}
		if msg := indentProblem(lines, line); msg != "" {
			return line, msg
		}
		if _, rest := splitIndent(text); strings.HasPrefix(rest, "- ") || rest == "-" {
			return line, fmt.Sprintf(`line %d starts a list item ("- ") among the keys of a mapping: a list is the value of a key, on the lines after that key and indented more than it`, line)
		}
	case "did not find expected '-' indicator":
		if msg := indentProblem(lines, line); msg != "" {
			return line, msg
		}
		return line, notAnItem(lines, line)
	case "found unexpected end of stream", "found unexpected document indicator":
		q := openQuote(text)
		if q == 0 {
			return line, fmt.Sprintf("a quoted value that starts on line %d is not closed: end it with the quote mark it starts with", line)
		}
		return line, fmt.Sprintf("the quoted value that starts with %c on line %d is not closed: end it with %c", q, line, q)
	case "found character that cannot start any token":
		if _, v := keyValue(text); v != "" && strings.ContainsAny(v[:1], "@`%") {
			k, _ := keyValue(text)
			return line, fmt.Sprintf("a value cannot start with %c unless it is quoted, such as %s: %s (line %d)", v[0], k, quoteValue(stripComment(v)), line)
		}
	case "block sequence entries are not allowed in this context":
		if k, v := keyValue(text); strings.HasPrefix(v, "- ") {
			return line, fmt.Sprintf(`a value that starts with "- " must be quoted, such as %s: %s, or a list written with each item on its own line after the key (line %d)`, k, quoteValue(stripComment(v)), line)
		}
	}
	return line, ""
}

// splitIndent splits a line into its indentation (spaces) and the rest.
func splitIndent(s string) (int, string) {
	rest := strings.TrimLeft(s, " ")
	return len(s) - len(rest), rest
}

// isContent reports whether a line holds something other than blanks and a
// comment.
func isContent(s string) bool {
	t := strings.TrimSpace(s)
	return t != "" && !strings.HasPrefix(t, "#")
}

// stripComment removes a trailing " # comment" from a plain value.
func stripComment(v string) string {
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}

// keyValue splits a block mapping line "  - key: value" into the key and
// its value (both trimmed); "", "" when the line holds no "key: ".
func keyValue(line string) (string, string) {
	_, rest := splitIndent(line)
	for strings.HasPrefix(rest, "- ") {
		rest = strings.TrimLeft(rest[2:], " ")
	}
	if rest == "" || strings.ContainsRune(`"'{[#&*!|>`, rune(rest[0])) {
		return "", ""
	}
	i := strings.Index(rest, ": ")
	if i <= 0 {
		return "", ""
	}
	return strings.TrimSpace(rest[:i]), strings.TrimSpace(rest[i+2:])
}

// quoteValue writes v as a YAML quoted value: in double quotes, or single
// quotes when it holds a double quote.
func quoteValue(v string) string {
	if !strings.Contains(v, `"`) && !strings.Contains(v, `\`) {
		return `"` + v + `"`
	}
	if !strings.Contains(v, "'") {
		return "'" + v + "'"
	}
	return strconv.Quote(v)
}

// colonMessage is the message for a plain value of key that contains ": ".
func colonMessage(key, value string, line int) string {
	return fmt.Sprintf(`the value of %s on line %d is not quoted but contains ": "; a value that contains ": " must be quoted, such as %s: %s`, key, line, key, quoteValue(value))
}

// colonInValue explains a block mapping line whose plain value contains
// ": " ("title: Consejero Delegado: CEO").
func colonInValue(text string, line int) string {
	k, v := keyValue(text)
	v = stripComment(v)
	if k == "" || v == "" || strings.ContainsRune(`"'{[&*!|>`, rune(v[0])) {
		return ""
	}
	if strings.Contains(v, ": ") || strings.HasSuffix(v, ":") {
		return colonMessage(k, v, line)
	}
	return ""
}

// missingSpace explains a key followed by a colon without a space
// ("name:Acme"), which YAML reads as text that runs on into the next line.
func missingSpace(text string, line int) string {
	_, rest := splitIndent(text)
	rest = stripComment(rest)
	i := strings.IndexByte(rest, ':')
	if i <= 0 || i == len(rest)-1 || rest[i+1] == ' ' || strings.ContainsRune(`"'{[#-`, rune(rest[0])) {
		return ""
	}
	return fmt.Sprintf("put a space after the colon on line %d: write %s: %s", line, rest[:i], rest[i+1:])
}

// prevContent returns the line (1-based) of the last line before line
// that holds something other than blanks and a comment, or 0.
func prevContent(lines []string, line int) int {
	for l := line - 1; l >= 1; l-- {
		if isContent(lines[l-1]) {
			return l
		}
	}
	return 0
}

// missingColon explains a line of words with no colon where a key and its
// value were expected ("role controller").
func missingColon(text string, line int) string {
	_, rest := splitIndent(text)
	for strings.HasPrefix(rest, "- ") {
		rest = strings.TrimLeft(rest[2:], " ")
	}
	rest = stripComment(rest)
	if rest == "" || strings.Contains(rest, ":") || strings.ContainsRune(`"'{[&*!|>-`, rune(rest[0])) {
		return ""
	}
	key, value, ok := strings.Cut(rest, " ")
	if !ok {
		return fmt.Sprintf(`line %d has no colon: write a key and its value separated by ": ", such as %s: value`, line, key)
	}
	return fmt.Sprintf(`line %d has no colon: write a key and its value separated by ": ", such as %s: %s`, line, key, strings.TrimSpace(value))
}

// level is a column at which a line before the mistake starts a key or a
// list item, with that line and its key.
type level struct {
	col, line int
	key       string
}

// levels returns the columns (0-based) at which the lines before line
// (1-based) open mappings or lists that are still open at line, innermost
// first. ok is false when the line just before it opens a nested block
// (it ends with a colon), so that any deeper indentation is right.
func levels(lines []string, line int) (ls []level, ok bool) {
	minSeen := 1 << 30
	first := true
	for l := line - 1; l >= 1 && minSeen > 0; l-- {
		text := lines[l-1]
		if !isContent(text) {
			continue
		}
		if first {
			first = false
			t := stripComment(text)
			if strings.HasSuffix(t, ":") || strings.HasSuffix(t, "|") || strings.HasSuffix(t, ">") || strings.HasSuffix(t, "-") {
				return nil, false
			}
		}
		ind, rest := splitIndent(text)
		// Columns of this line: the first character, then what follows
		// each "- ", innermost last.
		cols := []level{{col: ind, line: l}}
		for strings.HasPrefix(rest, "- ") {
			after := strings.TrimLeft(rest[2:], " ")
			ind += len(rest) - len(after)
			rest = after
			cols = append(cols, level{col: ind, line: l})
		}
		k, _ := keyValue(text)
		if k == "" {
			if i := strings.Index(rest, ":"); i > 0 && (i == len(rest)-1 || rest[i+1] == ' ') {
				k = rest[:i]
			}
		}
		cols[len(cols)-1].key = k
		for i := len(cols) - 1; i >= 0; i-- {
			if cols[i].col < minSeen {
				ls = append(ls, cols[i])
				minSeen = cols[i].col
			}
		}
	}
	return ls, true
}

// indentProblem explains a line whose indentation matches none of the
// mappings or lists open above it: "check the indentation of line N".
func indentProblem(lines []string, line int) string {
	ind, rest := splitIndent(lines[line-1])
	ls, ok := levels(lines, line)
	if !ok || len(ls) == 0 {
		return ""
	}
	best := -1
	for i, l := range ls {
		if l.col == ind {
			return ""
		}
		d, bd := abs(l.col-ind), 0
		if best >= 0 {
			bd = abs(ls[best].col - ind)
		}
		// ls is innermost (deepest) first: on a tie the deeper one wins.
		if best < 0 || d < bd {
			best = i
		}
	}
	sib := ls[best]
	what := "it starts"
	if k, _ := keyValue(lines[line-1]); k != "" {
		what = strconv.Quote(k) + " starts"
	} else if i := strings.Index(rest, ":"); i > 0 {
		what = strconv.Quote(rest[:i]) + " starts"
	}
	other := fmt.Sprintf("line %d in column %d", sib.line, sib.col+1)
	if sib.key != "" {
		other = fmt.Sprintf("%q on line %d in column %d", sib.key, sib.line, sib.col+1)
	}
	return fmt.Sprintf("check the indentation of line %d: keys of one mapping start in the same column (%s in column %d, %s)", line, what, ind+1, other)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// notAnItem explains a line inside a list that does not start with "- ".
func notAnItem(lines []string, line int) string {
	ind, _ := splitIndent(lines[line-1])
	for l := line - 1; l >= 1; l-- {
		i, rest := splitIndent(lines[l-1])
		if !isContent(lines[l-1]) || i > ind {
			continue
		}
		if i == ind && strings.HasPrefix(rest+" ", "- ") {
			continue // an earlier item of the same list
		}
		if k, _ := keyValue(lines[l-1]); k != "" || strings.HasSuffix(stripComment(rest), ":") {
			key := strings.TrimSuffix(stripComment(rest), ":")
			if k != "" {
				key = k
			}
			return fmt.Sprintf(`line %d is inside the list of %s (line %d) but does not start with "- ": start each item of a list with "- ", or indent line %d like %s if it is not an item`, line, key, l, line, key)
		}
		break
	}
	return fmt.Sprintf(`line %d is inside a list but does not start with "- ": start each item of a list with "- "`, line)
}

// strayCloser explains a } or ] that closes nothing on the line.
func strayCloser(text string, line int) string {
	depth := 0
	for _, t := range scanLine(text) {
		switch t {
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return fmt.Sprintf("line %d has a %c that closes nothing: remove it, or add the %c that opens it", line, t, opener(t))
			}
			depth--
		}
	}
	return ""
}

// scanLine returns the flow indicators ({ } [ ]) of a line, outside quoted
// text and comments.
func scanLine(text string) []byte {
	flow, _ := scan(text)
	return flow
}

// openQuote returns the quote mark of a quoted value left open on the
// line, or 0.
func openQuote(text string) byte {
	_, open := scan(text)
	return open
}

// scan reads a line as YAML's scanner does for quotes and comments: the
// flow indicators ({ } [ ]) outside quoted text and comments, and the quote
// mark of a quoted value the line leaves open (0 for none).
func scan(text string) (flow []byte, open byte) {
	var quote byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote == '"' && c == '\\':
			i++
		case quote != 0:
			if c == quote {
				if quote == '\'' && i+1 < len(text) && text[i+1] == '\'' {
					i++
					continue
				}
				quote = 0
			}
		case c == '#' && (i == 0 || text[i-1] == ' '):
			return flow, 0
		case (c == '"' || c == '\'') && quoteStarts(text[:i]):
			quote = c
		case strings.IndexByte("{}[]", c) >= 0:
			flow = append(flow, c)
		}
	}
	return flow, quote
}

// quoteStarts reports whether a quote mark after before opens a quoted
// value (rather than being part of plain text such as O'Brien).
func quoteStarts(before string) bool {
	t := strings.TrimRight(before, " ")
	return t == "" || strings.HasSuffix(t, ":") || strings.HasSuffix(t, "-") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, "{") || strings.HasSuffix(t, "[") || strings.HasSuffix(t, "?")
}

// textAfterQuote explains a quoted value followed by more text on its line
// (name: "Acme" GmbH).
func textAfterQuote(text string, line int) string {
	_, rest := splitIndent(text)
	for strings.HasPrefix(rest, "- ") {
		rest = strings.TrimLeft(rest[2:], " ")
	}
	i := strings.Index(rest, ": ")
	if i <= 0 {
		return ""
	}
	key, v := rest[:i], strings.TrimLeft(rest[i+2:], " ")
	if v == "" || (v[0] != '"' && v[0] != '\'') {
		return ""
	}
	q := v[0]
	for j := 1; j < len(v); j++ {
		switch {
		case q == '"' && v[j] == '\\':
			j++
		case v[j] == q && q == '\'' && j+1 < len(v) && v[j+1] == '\'':
			j++
		case v[j] == q:
			after := strings.TrimSpace(v[j+1:])
			if after == "" || after[0] == '#' {
				return ""
			}
			whole := stripComment(v)
			return fmt.Sprintf("text follows the closing quote of the value of %s on line %d: quote the whole value, such as %s: %s", key, line, key, quoteValue(whole))
		}
	}
	return ""
}

func opener(closer byte) byte {
	if closer == '}' {
		return '{'
	}
	return '['
}

func closer(opener byte) byte {
	if opener == '{' {
		return '}'
	}
	return ']'
}

// maxFlowLines is how far back flowProblem looks for the line where a
// { ... } or [ ... ] that does not parse opens.
const maxFlowLines = 50

// flowFrame is a flow mapping or list being read by flowProblem.
type flowFrame struct {
	open      byte
	line      int    // where it opens
	raw, mask []byte // the current entry; mask has quoted and nested text as 'x'
	entryLine int
}

// flowProblem explains a flow mapping { ... } or list [ ... ] that opens on
// line and does not parse: one that is never closed, or closed with the
// wrong bracket, or that holds an unquoted value containing ": ".
func flowProblem(lines []string, line int) (int, string) {
	fs := &flowScan{first: line}
	for l := line; l <= len(lines); l++ {
		col := 0
		if l == line {
			// Start at the first flow indicator of the line.
			if col = strings.IndexAny(lines[l-1], "{["); col < 0 {
				return line, ""
			}
		}
		if done, at, msg := fs.scanLine(lines[l-1], col, l); done {
			return at, msg
		}
		fs.endLine()
	}
	f := fs.stack[0]
	return f.line, fmt.Sprintf("the %s opened with %c on line %d is not closed: end it with %c", flowWhat(f.open), f.open, f.line, closer(f.open))
}

// flowScan is flowProblem's state: the collections open, the quote open,
// and the first entry found with an unquoted ": ".
type flowScan struct {
	first     int // the line where the outermost collection opens
	stack     []*flowFrame
	quote     byte
	colonLine int
	colonMsg  string
}

// scanLine reads text from col, on line l. It reports done once the
// outermost collection is closed or a bracket closes the wrong one, with
// the line and message of the problem found ("" for none).
func (fs *flowScan) scanLine(text string, col, l int) (done bool, at int, msg string) {
	for i := col; i < len(text); i++ {
		c := text[i]
		top := fs.top()
		if top != nil && fs.quote == 0 && c != ' ' && strings.TrimSpace(string(top.mask)) == "" {
			top.entryLine = l // the entry starts here
		}
		switch {
		case fs.quote == '"' && c == '\\' && i+1 < len(text):
			fs.add(c, 'x')
			i++
			fs.add(text[i], 'x')
		case fs.quote != 0:
			if c == fs.quote {
				fs.quote = 0
			}
			fs.add(c, 'x')
		case c == '#' && (i == 0 || text[i-1] == ' '):
			i = len(text)
		case (c == '"' || c == '\'') && top != nil && quoteStarts(string(top.mask)):
			fs.quote = c
			fs.add(c, c)
		case c == '{' || c == '[':
			if top != nil {
				fs.add(c, c)
			}
			fs.stack = append(fs.stack, &flowFrame{open: c, line: l, entryLine: l})
		case c == '}' || c == ']':
			if top == nil {
				continue
			}
			if done, at, msg := fs.close(c, l); done {
				return true, at, msg
			}
		case c == ',' && top != nil:
			fs.endEntry(top, l)
			for _, f := range fs.stack[:len(fs.stack)-1] {
				f.raw, f.mask = append(f.raw, c), append(f.mask, 'x')
			}
		default:
			if top != nil {
				fs.add(c, c)
			}
		}
	}
	if len(fs.stack) == 0 {
		return true, fs.first, ""
	}
	return false, 0, ""
}

// top is the innermost open collection, nil before the first opens.
func (fs *flowScan) top() *flowFrame {
	if len(fs.stack) == 0 {
		return nil
	}
	return fs.stack[len(fs.stack)-1]
}

// add appends r to the entry of every open collection: as mask m in the
// innermost, masked as nested text ('x') in those around it.
func (fs *flowScan) add(r, m byte) {
	top := fs.top()
	for _, f := range fs.stack {
		if f == top {
			f.raw, f.mask = append(f.raw, r), append(f.mask, m)
		} else {
			f.raw, f.mask = append(f.raw, r), append(f.mask, 'x')
		}
	}
}

// endEntry ends f's current entry on line l, keeping the first entry
// found with an unquoted ": ".
func (fs *flowScan) endEntry(f *flowFrame, l int) {
	if fs.colonMsg == "" {
		fs.colonLine, fs.colonMsg = entryColon(f)
	}
	f.raw, f.mask, f.entryLine = f.raw[:0], f.mask[:0], l
}

// close closes the innermost collection with c on line l. It reports done
// when c is the wrong bracket, or when it closes the outermost collection,
// with the problem found in its entries.
func (fs *flowScan) close(c byte, l int) (done bool, at int, msg string) {
	top := fs.top()
	if c != closer(top.open) {
		return true, top.line, fmt.Sprintf("the %s opened with %c on line %d is closed with %c on line %d: close it with %c", flowWhat(top.open), top.open, top.line, c, l, closer(top.open))
	}
	if fs.colonMsg == "" {
		fs.colonLine, fs.colonMsg = entryColon(top)
	}
	fs.stack = fs.stack[:len(fs.stack)-1]
	if len(fs.stack) == 0 {
		if fs.colonMsg != "" {
			return true, fs.colonLine, fs.colonMsg
		}
		return true, fs.first, ""
	}
	fs.add(c, c)
	return false, 0, ""
}

// endLine ends a line inside the collections: a space in every entry.
func (fs *flowScan) endLine() {
	for _, f := range fs.stack {
		f.raw, f.mask = append(f.raw, ' '), append(f.mask, ' ')
	}
}

func flowWhat(open byte) string {
	if open == '{' {
		return "mapping"
	}
	return "list"
}

// entryColon checks the entry just read in f: a "key: value" whose
// unquoted value contains ": " again.
func entryColon(f *flowFrame) (int, string) {
	mask := string(f.mask)
	i := strings.Index(mask, ": ")
	if i < 0 {
		return 0, ""
	}
	vmask := strings.TrimSpace(mask[i+2:])
	if vmask == "" || strings.ContainsRune(`"'{[&*!|>`, rune(vmask[0])) || !strings.Contains(vmask+" ", ": ") {
		return 0, ""
	}
	key := strings.TrimSpace(string(f.raw[:i]))
	value := strings.TrimSpace(string(f.raw[i+2:]))
	return f.entryLine, colonMessage(key, value, f.entryLine)
}
