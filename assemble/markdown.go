package assemble

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/wording"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
)

// newMarkdown returns the Markdown parser shared by all renders: CommonMark
// with tables and heading attributes ({#id .newpage numbering=alpha}).
// goldmark parsers keep no state between calls, so one serves every
// goroutine.
func newMarkdown() parser.Parser {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table),
		goldmark.WithParserOptions(parser.WithAttribute()),
	).Parser()
}

// Numbering styles of a part's clauses.
const (
	numberDecimal = "decimal" // 1, 2, 3 and paragraphs 1.1, 1.2
	numberAlpha   = "alpha"   // A, B, C (annex sections)
	numberNone    = "none"
)

// builder turns the Markdown of one document into Blocks, numbering
// headings and paragraphs as it goes.
type builder struct {
	src    []byte // the source the tree being walked points into
	pend   []byte // runsOf's buffer of pending text, kept from one paragraph to the next
	parts  []*parsedMD
	names  []string // the clause file of each part, for messages
	blocks []document.Block
	labels map[string]string // heading id -> label
	ids    map[string]bool   // every heading id of the document

	numbering string // current part's style
	partLabel string
	clause    int // current clause number within the part
	sub       int // current sub-clause number
	para      int // numbered paragraphs within the current clause
	inClause  bool
	// title and signatures are filled from the deal by the caller.
	directive func(kind string, lines [][]document.Run) (document.Block, error)
}

func (b *builder) build(doc ast.Node) error {
	b.ids = map[string]bool{}
	b.scanIDs(doc, b.src, 0)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if err := b.block(n); err != nil {
			return err
		}
	}
	return b.resolve()
}

// scanIDs records the ids of the headings of a tree and of the clauses it
// includes, so that RefOr knows before numbering what the document holds.
func (b *builder) scanIDs(doc ast.Node, src []byte, depth int) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if id := attr(n, "id"); id != "" {
				b.ids[id] = true
			}
		case *ast.Paragraph:
			if i, ok := b.partIndex(n, src); ok && depth < 10 {
				p := b.parts[i]
				b.scanIDs(p.root, p.src, depth+1)
			}
		}
	}
}

// partIndex reports whether a paragraph is only a clause token, and which.
func (b *builder) partIndex(n ast.Node, src []byte) (int, bool) {
	t, ok := n.FirstChild().(*ast.Text)
	if !ok || t.NextSibling() != nil {
		return 0, false
	}
	v := t.Segment.Value(src)
	m := []byte(string(partMark))
	if len(v) < 2*len(m)+1 || !bytes.HasPrefix(v, m) || !bytes.HasSuffix(v, m) {
		return 0, false
	}
	i, err := strconv.Atoi(string(v[len(m) : len(v)-len(m)]))
	if err != nil || i < 0 || i >= len(b.parts) {
		return 0, false
	}
	return i, true
}

// part walks the parsed Markdown of one included clause.
func (b *builder) part(i int) error {
	p := b.parts[i]
	saved := b.src
	b.src = p.src
	defer func() { b.src = saved }()
	for n := p.root.FirstChild(); n != nil; n = n.NextSibling() {
		if err := b.block(n); err != nil {
			return fmt.Errorf("%s (as rendered): %w", b.names[i], err)
		}
	}
	return nil
}

func (b *builder) block(n ast.Node) error {
	if p, ok := n.(*ast.Paragraph); ok {
		if i, ok := b.partIndex(p, b.src); ok {
			return b.part(i)
		}
	}
	switch n := n.(type) {
	case *ast.Heading:
		return b.heading(n)
	case *ast.Paragraph, *ast.TextBlock:
		runs, err := b.runsOf(n)
		if err != nil {
			return err
		}
		if len(runs) > 0 {
			b.blocks = append(b.blocks, &document.Paragraph{Runs: runs})
		}
	case *ast.List:
		return b.list(n, 1)
	case *east.Table:
		return b.table(n)
	case *ast.FencedCodeBlock:
		return b.fenced(n)
	case *ast.ThematicBreak:
		// A visual separator in the source only.
	case *ast.HTMLBlock:
		return fmt.Errorf("line %d: raw HTML is not allowed in clauses", b.line(n))
	default:
		return fmt.Errorf("line %d: unsupported Markdown element %s", b.line(n), n.Kind())
	}
	return nil
}

// fenceLine returns the line of a fenced code block's opening fence.
func (b *builder) fenceLine(n *ast.FencedCodeBlock) int {
	if n.Info != nil {
		return 1 + bytes.Count(b.src[:n.Info.Segment.Start], []byte("\n"))
	}
	if l := b.line(n); l > 1 {
		return l - 1
	}
	return 0
}

// line returns the 1-based line of the source where n starts: its first
// line, or that of its first descendant that has lines (a block quote or a
// list holds none itself); 0 when there is none.
func (b *builder) line(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return 1 + bytes.Count(b.src[:l.At(0).Start], []byte("\n"))
		}
	}
	return 0
}

func attr(n ast.Node, name string) string {
	v, ok := n.AttributeString(name)
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

func hasClass(n ast.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func (b *builder) heading(n *ast.Heading) error {
	runs, err := b.runsOf(n)
	if err != nil {
		return err
	}
	h := &document.Heading{Level: n.Level, Text: document.PlainText(runs), ID: attr(n, "id"), NewPage: hasClass(n, "newpage")}
	switch n.Level {
	case 1:
		b.numbering = attr(n, "numbering")
		switch b.numbering {
		case "":
			b.numbering = numberNone
		case numberDecimal, numberAlpha, numberNone:
		default:
			return fmt.Errorf("line %d: heading %q: numbering %q is unknown (want decimal, alpha, none)", b.line(n), h.Text, b.numbering)
		}
		b.partLabel = attr(n, "label")
		h.Label = b.partLabel
		if h.Label == "" {
			h.Label = h.Text
		}
		b.clause, b.sub, b.para, b.inClause = 0, 0, 0, false
	case 2:
		b.clause++
		b.sub, b.para, b.inClause = 0, 0, true
		switch b.numbering {
		case numberDecimal:
			h.Number = strconv.Itoa(b.clause)
			h.Label = "Clause " + h.Number
		case numberAlpha:
			h.Number = wording.Letter(b.clause)
			if b.partLabel != "" {
				h.Label = b.partLabel + "." + h.Number
			} else {
				h.Label = "Part " + h.Number
			}
		default:
			h.Label = h.Text
		}
	case 3:
		b.sub++
		b.para = 0
		if b.numbering == numberDecimal && b.clause > 0 {
			h.Number = strconv.Itoa(b.clause) + "." + strconv.Itoa(b.sub)
			h.Label = "Clause " + h.Number
		} else {
			h.Label = h.Text
		}
	default:
		return fmt.Errorf("line %d: heading %q: level %d is too deep (use #, ## or ###)", b.line(n), h.Text, n.Level)
	}
	if h.ID != "" {
		if _, dup := b.labels[h.ID]; dup {
			return fmt.Errorf("line %d: heading id %q is used twice", b.line(n), h.ID)
		}
		b.labels[h.ID] = h.Label
	}
	b.blocks = append(b.blocks, h)
	return nil
}

// marker returns the hanging label of the k-th item (1-based) of a list at
// the given depth. An ordered list written with ")" ("1) ...") outside a
// clause is lettered "(A)", "(B)": the recitals of an agreement.
func (b *builder) marker(ordered bool, delim byte, depth, k int) string {
	if !ordered {
		if depth == 1 {
			return "•"
		}
		return "–"
	}
	if depth == 1 && delim == ')' && !b.inClause {
		return "(" + wording.Letter(k) + ")"
	}
	switch depth {
	case 1:
		b.para++
		if b.numbering == numberDecimal && b.inClause {
			if b.sub > 0 {
				return strconv.Itoa(b.clause) + "." + strconv.Itoa(b.sub) + "." + strconv.Itoa(b.para)
			}
			return strconv.Itoa(b.clause) + "." + strconv.Itoa(b.para)
		}
		return strconv.Itoa(k) + "."
	case 2:
		return "(" + strings.ToLower(wording.Letter(k)) + ")"
	case 3:
		return "(" + wording.Roman(k) + ")"
	}
	return "(" + wording.Letter(k) + ")"
}

func (b *builder) list(l *ast.List, depth int) error {
	k := 0
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		k++
		marker := b.marker(l.IsOrdered(), l.Marker, depth, k)
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				runs, err := b.runsOf(c)
				if err != nil {
					return err
				}
				b.blocks = append(b.blocks, &document.Paragraph{Runs: runs, Marker: marker, Indent: depth})
				marker = ""
			case *ast.List:
				if marker != "" {
					b.blocks = append(b.blocks, &document.Paragraph{Marker: marker, Indent: depth})
					marker = ""
				}
				if err := b.list(c, depth+1); err != nil {
					return err
				}
			default:
				return fmt.Errorf("line %d: unsupported element %s in a list item", b.line(c), c.Kind())
			}
		}
	}
	return nil
}

func (b *builder) table(t *east.Table) error {
	tb := &document.Table{}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignCenter:
			tb.Align = append(tb.Align, document.AlignCenter)
		case east.AlignRight:
			tb.Align = append(tb.Align, document.AlignRight)
		default:
			tb.Align = append(tb.Align, document.AlignLeft)
		}
	}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []document.Cell
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			runs, err := b.runsOf(c)
			if err != nil {
				return err
			}
			cells = append(cells, document.Cell{Runs: runs})
		}
		if _, ok := row.(*east.TableHeader); ok {
			tb.Header = cells
		} else {
			tb.Rows = append(tb.Rows, cells)
		}
	}
	b.blocks = append(b.blocks, tb)
	return nil
}

func (b *builder) fenced(n *ast.FencedCodeBlock) error {
	info := strings.TrimSpace(string(n.Language(b.src)))
	kind, ok := strings.CutPrefix(info, "dpakit:")
	if !ok {
		return fmt.Errorf("line %d: code blocks are not allowed in clauses (only dpakit:title and dpakit:signatures directives)", b.fenceLine(n))
	}
	var lines [][]document.Run
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		s := strings.TrimSpace(decodeText(seg.Value(b.src)))
		if s == "" {
			continue
		}
		var l runList
		b.textRuns(&l, s, false, false)
		lines = append(lines, l.end())
	}
	blk, err := b.directive(kind, lines)
	if err != nil {
		return fmt.Errorf("line %d: %w", b.fenceLine(n), err)
	}
	if kind == "title" {
		// The title block opens the agreement's body: its clauses are
		// numbered 1, 2, 3 without a part heading of their own.
		b.numbering, b.partLabel = numberDecimal, ""
		b.clause, b.sub, b.para, b.inClause = 0, 0, 0, false
	}
	b.blocks = append(b.blocks, blk)
	return nil
}

// runsOf returns the inline content of n as styled runs.
func (b *builder) runsOf(n ast.Node) ([]document.Run, error) {
	l := runList{pend: b.pend[:0]}
	if err := b.inline(n, false, false, &l); err != nil {
		return nil, err
	}
	runs := l.end()
	b.pend = l.pend[:0] // the buffer, for the next
	return runs, nil
}

// runList gathers the styled runs of one paragraph, heading, cell or line.
// Consecutive text of one style becomes one run, written once into a
// buffer: adding each piece (a line, a value) to the last run's text would
// copy that text again for every piece.
type runList struct {
	runs         []document.Run
	pend         []byte // text not yet in runs, in the style bold, italic
	bold, italic bool
}

// style makes bold and italic the style of the text written next to pend,
// ending the pending run if its style differs.
func (l *runList) style(bold, italic bool) {
	if len(l.pend) > 0 && (bold != l.bold || italic != l.italic) {
		l.flush()
	}
	l.bold, l.italic = bold, italic
}

// flush ends the pending run.
func (l *runList) flush() {
	if len(l.pend) == 0 {
		return
	}
	l.runs = append(l.runs, document.Run{Text: string(l.pend), Bold: l.bold, Italic: l.italic})
	l.pend = l.pend[:0]
}

// add appends runs that never merge with text: cross-references and links.
func (l *runList) add(runs ...document.Run) {
	l.flush()
	l.runs = append(l.runs, runs...)
}

// end returns the runs, the pending one included.
func (l *runList) end() []document.Run {
	l.flush()
	return l.runs
}

// inline flattens the inline children of n into styled runs.
func (b *builder) inline(n ast.Node, bold, italic bool, l *runList) error {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.writeText(l, c.Segment.Value(b.src), bold, italic)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.textRuns(l, " ", bold, italic)
			}
		case *ast.String:
			b.writeText(l, c.Value, bold, italic)
		case *ast.Emphasis:
			if err := b.inline(c, bold || c.Level >= 2, italic || c.Level == 1, l); err != nil {
				return err
			}
		case *ast.CodeSpan:
			if err := b.inline(c, bold, italic, l); err != nil {
				return err
			}
		case *ast.Link:
			var sub runList
			if err := b.inline(c, bold, italic, &sub); err != nil {
				return err
			}
			runs := sub.end()
			url := literalText(string(c.Destination))
			for i := range runs {
				runs[i].URL = url
			}
			l.add(runs...)
		case *ast.AutoLink:
			u := string(c.URL(b.src))
			l.add(document.Run{Text: u, URL: u, Bold: bold, Italic: italic})
		case *ast.RawHTML:
			return fmt.Errorf("raw HTML is not allowed in clauses")
		default:
			return fmt.Errorf("unsupported inline element %s", c.Kind())
		}
	}
	return nil
}

// writeText writes the Markdown text src to l, its escapes and entities
// decoded and its tokens resolved. Text with none of these (most of it:
// every mark of the document and of a value starts with the byte 0xEE)
// goes straight into the pending run.
func (b *builder) writeText(l *runList, src []byte, bold, italic bool) {
	if len(src) > 0 && !containsAny(src, '\\', '&') && bytes.IndexByte(src, 0xEE) < 0 {
		l.style(bold, italic)
		l.pend = append(l.pend, src...)
		return
	}
	b.textRuns(l, decodeText(src), bold, italic)
}

// textRuns writes s to l in the given style, putting each literal token's
// value in its place and splitting out cross-references.
func (b *builder) textRuns(l *runList, s string, bold, italic bool) {
	if s == "" {
		return
	}
	l.style(bold, italic)
	for s != "" {
		i := strings.IndexFunc(s, isTokenOpen)
		if i < 0 {
			l.pend = append(l.pend, s...)
			return
		}
		l.pend = append(l.pend, s[:i]...)
		if strings.HasPrefix(s[i:], string(litOpen)) {
			l.pend, s = cutLiteral(l.pend, s[i:])
			continue
		}
		rest := s[i+len(string(refOpen)):]
		j := strings.IndexRune(rest, refClose)
		if j < 0 {
			l.pend = append(l.pend, rest...)
			return
		}
		target := rest[:j]
		s = rest[j+len(string(refClose)):]
		suffix := ""
		if id, alt, ok := strings.Cut(target, string(refElse)); ok {
			fallback, after, _ := strings.Cut(alt, string(refElse))
			if !b.ids[id] {
				l.pend = append(l.pend, fallback...)
				continue
			}
			target, suffix = id, after
		}
		l.add(document.Run{Ref: target, Bold: bold, Italic: italic})
		l.pend = append(l.pend, suffix...)
	}
}

// isTokenOpen reports whether r opens a cross-reference or a literal.
func isTokenOpen(r rune) bool { return r == refOpen || r == litOpen }

// cutLiteral appends the value of the literal token s starts with to text
// and returns the rest of s. A token that is cut short or not hex stands
// for nothing: it cannot come from literal, through which every value
// passes.
func cutLiteral(text []byte, s string) (_ []byte, rest string) {
	body := s[len(string(litOpen)):]
	end := strings.IndexRune(body, litClose)
	if end < 0 {
		return text, ""
	}
	return appendLiteral(text, body[:end]), body[end+len(string(litClose)):]
}

// literalText replaces every literal token of s by its value.
func literalText(s string) string {
	if !strings.ContainsRune(s, litOpen) {
		return s
	}
	var b []byte
	for {
		i := strings.IndexRune(s, litOpen)
		if i < 0 {
			return string(append(b, s...))
		}
		b = append(b, s[:i]...)
		b, s = cutLiteral(b, s[i:])
	}
}

func appendRun(runs []document.Run, r document.Run) []document.Run {
	if r.Text == "" {
		return runs
	}
	if n := len(runs); n > 0 {
		last := &runs[n-1]
		if last.Ref == "" && last.URL == "" && r.URL == "" && last.Bold == r.Bold && last.Italic == r.Italic {
			last.Text += r.Text
			return runs
		}
	}
	return append(runs, r)
}

// decodeText removes Markdown backslash escapes and resolves HTML entities,
// as a Markdown renderer would.
func decodeText(src []byte) string {
	if !containsAny(src, '\\', '&') {
		return string(src)
	}
	var sb strings.Builder
	sb.Grow(len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src) && isPunct(src[i+1]):
			sb.WriteByte(src[i+1])
			i++
		case c == '&':
			end := -1
			for j := i + 1; j < len(src) && j < i+34; j++ {
				if src[j] == ';' {
					end = j
					break
				}
			}
			if end > 0 {
				ent := string(src[i : end+1])
				if u := html.UnescapeString(ent); u != ent {
					sb.WriteString(u)
					i = end
					continue
				}
			}
			sb.WriteByte(c)
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

func containsAny(b []byte, c1, c2 byte) bool {
	for _, c := range b {
		if c == c1 || c == c2 {
			return true
		}
	}
	return false
}

// resolve fills every cross-reference run with its target's label.
func (b *builder) resolve() error {
	var missing []string
	fix := func(runs []document.Run) {
		for i := range runs {
			if runs[i].Ref == "" {
				continue
			}
			if l, ok := b.labels[runs[i].Ref]; ok {
				runs[i].Text = l
			} else if !slices.Contains(missing, runs[i].Ref) {
				missing = append(missing, runs[i].Ref)
			}
		}
	}
	for _, blk := range b.blocks {
		switch x := blk.(type) {
		case *document.Paragraph:
			fix(x.Runs)
		case *document.Table:
			for _, c := range x.Header {
				fix(c.Runs)
			}
			for _, r := range x.Rows {
				for _, c := range r {
					fix(c.Runs)
				}
			}
		case *document.TitleBlock:
			for _, l := range x.Lines {
				fix(l)
			}
		case *document.SignatureBlock:
			fix(x.Intro)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("cross-reference to %s, which is not in this document", quoteList(missing))
	}
	return nil
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = strconv.Quote(x)
	}
	return wording.Join(q)
}
