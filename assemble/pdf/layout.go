package pdf

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dpakit/dpakit/assemble/document"
)

// Layout works in points on a page whose body (inside the margins) starts
// at (0, 0); the painter adds the margins.
const (
	bodySize    = 10.5 // body text size
	bodyLeading = 14.0 // body line height
	indentStep  = 28.35
	paraGap     = 6.0 // space between paragraphs
	markerGap   = 4.0 // least space between a hanging marker and its text

	cellSize    = 9.5
	cellLeading = 12.0
	cellPadX    = 4.0
	cellPadY    = 3.0
	headerGray  = 230 // table header fill

	sigGutter = 24.0
)

type opKind uint8

const (
	opText     opKind = iota // text at (x, y=baseline); w > 0: justified to w
	opRect                   // rectangle; gray fill when fill, thin border when stroke
	opLine                   // line from (x, y) to (x+w, y+h)
	opLink                   // internal link area to heading target
	opURL                    // external link area to target
	opAnchor                 // destination of heading target at y
	opBookmark               // outline entry text at y, level
)

// op is one drawing operation; y is relative to the top of its unit until
// painted.
type op struct {
	kind   opKind
	st     style
	gray   uint8 // text colour or fill grey, 0 = black
	stroke bool
	fill   bool
	level  uint8
	size   float64
	x, y   float64
	w, h   float64
	text   string
	target string
}

// unit is the smallest piece the paginator places: a line of text, a table
// row, a signature row. Its ops are layout.ops[op0:op1].
type unit struct {
	h        float64
	space    float64 // space before, dropped at the top of a page
	op0, op1 int32
	keepNext bool  // never break a page between this unit and the next
	newPage  bool  // start on a new page
	repeat   int32 // table header unit to repeat after a page break, or -1
}

// frag is a piece of a word in one style with one link.
type frag struct {
	text     string
	st       style
	w        float64
	ref, url string
}

// word is a run of frags that a line never breaks, except by splitWord
// when it is too long for a line of its own; its text holds the spaces
// that tokenize keeps ("Article 28", "1 December 2026"). space is the
// width of the space that follows it (0 at the end or inside a word split
// by force).
type word struct {
	f0, f1  int32
	w       float64
	space   float64
	spaceSt style
}

// line is a laid-out line of words [w0, w1) of layout.lineWords.
type line struct {
	w0, w1 int
	w      float64 // natural width
	spaces int     // breakable spaces inside the line
}

type layout struct {
	fs      *fontSet
	width   float64 // body width
	bodyH   float64 // body height
	opts    *Options
	ops     []op
	units   []unit
	frags   []frag
	words   []word
	lwords  []word // words of the paragraph being broken, long words split
	lines   []line
	buf     []byte
	headIDs map[string]bool
	used    [numStyles]bool
	// outline holds the heading levels of the open outline entries, the
	// outermost first: a heading's entry goes under the last entry of a
	// lower heading level.
	outline []int
	// splitPos, splitLast and splitSteps are splitWord's scratch.
	splitPos   []splitPos
	splitLast  []int32
	splitSteps []splitStep
	err        error
}

// truncate drops the words and frags added since len(l.words) was w0 and
// len(l.frags) was f0: once a paragraph or table is laid out, its ops hold
// the text they need.
func (l *layout) truncate(w0, f0 int) {
	l.words = l.words[:w0]
	l.frags = l.frags[:f0]
}

func (l *layout) fail(format string, args ...any) {
	if l.err == nil {
		l.err = fmt.Errorf(format, args...)
	}
}

func (l *layout) addOp(o op) {
	if o.kind == opText {
		l.used[o.st] = true
	}
	l.ops = append(l.ops, o)
}

// startUnit begins a unit; ops added until endUnit belong to it.
func (l *layout) startUnit(space float64) {
	l.units = append(l.units, unit{space: space, op0: int32(len(l.ops)), repeat: -1})
}

func (l *layout) endUnit(h float64) *unit {
	u := &l.units[len(l.units)-1]
	u.h = h
	u.op1 = int32(len(l.ops))
	return u
}

func isBreakSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// tokenize appends the words of runs (in base style, at size) to l.words
// and returns their range. where names the text in an error; it is only
// called on an unprintable character.
func (l *layout) tokenize(runs []document.Run, base style, size float64, where func() string) (int, int) {
	w0 := len(l.words)
	cur := word{f0: int32(len(l.frags)), f1: int32(len(l.frags))}
	closeWord := func(space float64, st style) {
		if cur.f1 > cur.f0 {
			cur.space, cur.spaceSt = space, st
			l.words = append(l.words, cur)
		} else if n := len(l.words); n > w0 && l.words[n-1].space == 0 && space > 0 {
			l.words[n-1].space, l.words[n-1].spaceSt = space, st
		}
		cur = word{f0: int32(len(l.frags)), f1: int32(len(l.frags))}
	}
	for _, run := range runs {
		st := base | styleOf(run.Bold, run.Italic)
		widths := l.fs.width[st]
		start, n := 0, 0
		flush := func(end int) {
			if end > start {
				w := float64(n) * size / 1000
				l.frags = append(l.frags, frag{text: run.Text[start:end], st: st, w: w, ref: run.Ref, url: run.URL})
				cur.f1 = int32(len(l.frags))
				cur.w += w
			}
		}
		for i, r := range run.Text {
			if r == ' ' && cur.f1 == cur.f0 && (document.KeepsNumber(run.Text[start:i], run.Text[i+1:]) || keepsDate(run.Text[start:i], run.Text[i+1:])) {
				// "Article 28" and "1 December 2026" are not broken
				// between their words (unless one is too long for a line
				// of its own: see splitWord).
				n += int(widths[' '])
				continue
			}
			if isBreakSpace(r) {
				flush(i)
				closeWord(float64(widths[' '])*size/1000, st)
				start, n = i+1, 0
				continue
			}
			if !l.fs.covers(r) {
				l.fail("%s: character %U %q cannot be printed with the embedded fonts", where(), r, r)
				continue
			}
			n += int(widths[r])
		}
		flush(len(run.Text))
	}
	closeWord(0, base)
	if n := len(l.words); n > w0 {
		l.words[n-1].space = 0
	}
	return w0, len(l.words)
}

// breakLines breaks words [w0, w1) into lines of at most first (first
// line) and rest points, into l.lwords and l.lines. A word is split (by
// splitWord) only when it cannot fit on a line of its own: the first word
// when it is wider than the first line, any other word when it is wider
// than the rest. A word that fits a line but not what is left of the
// current one moves to the next line whole.
func (l *layout) breakLines(w0, w1 int, first, rest float64, size float64) {
	l.lwords = l.lwords[:0]
	l.lines = l.lines[:0]
	for i, w := range l.words[w0:w1] {
		lim := rest
		if i == 0 {
			lim = first // the first word starts the first line
		}
		if w.w <= lim {
			l.lwords = append(l.lwords, w)
			continue
		}
		l.splitWord(w, lim, rest, size)
	}
	const eps = 0.01
	start, lw, spaces := 0, 0.0, 0
	maxW := first
	for i, w := range l.lwords {
		if i == start {
			lw = w.w
			continue
		}
		prev := l.lwords[i-1]
		if lw+prev.space+w.w > maxW+eps {
			l.lines = append(l.lines, line{w0: start, w1: i, w: lw, spaces: spaces})
			start, lw, spaces, maxW = i, w.w, 0, rest
			continue
		}
		lw += prev.space + w.w
		if prev.space > 0 {
			spaces++
		}
	}
	if start < len(l.lwords) {
		l.lines = append(l.lines, line{w0: start, w1: len(l.lwords), w: lw, spaces: spaces})
	}
}

// splitPos is a place between two runes of a word being split: before the
// rune at byte off of frag fi of l.frags.
type splitPos struct {
	fi, off int32
	units   int32      // width of the word before it, in 1/1000 of the size
	r       rune       // the rune after it; 0 at the end
	class   breakClass // of a break here; noBreak at the ends
}

// splitStep is the best way to split the rest of a word from one place:
// the first piece ends at end, and the pieces and their breaks cost cost
// (piecePenalty each, and breakCost).
type splitStep struct {
	cost, end int32
}

// splitWord appends w to l.lwords as pieces no wider than first (the
// first piece) and rest (the others), breaking where the word reads best
// when broken. Of all the ways to split it into pieces that fit, it takes
// the one that costs least: piecePenalty a piece, so that the word takes
// no more lines than it must, and the breakCost of each break's class
// (breakClassOf), so that an e-mail address breaks before its "@"
// ("aws-EU-privacy" / "@amazon.example") and a web address before a "/"
// of its path, rather than inside a domain or a name, and a word breaks
// between two letters only when nothing better fits; of equal costs, the
// one whose first pieces are longest. A piece is at least one character,
// even one wider than its line. The pieces of a break at a kept space (as
// in "1 December 2026") are separated by an ordinary space; the others
// join with none.
//
// The best split of the rest of the word from a place costs no more than
// from any place before it (drop what comes before), so of the breaks of
// one class that would end a piece, the last is the best: the search
// weighs one break of each class for each place, and takes time linear in
// the word's length.
func (l *layout) splitWord(w word, first, rest, size float64) {
	// The places before the runes of the word, and its end.
	pos := l.splitPos[:0]
	var units int32
	for fi := w.f0; fi < w.f1; fi++ {
		f := l.frags[fi]
		widths := l.fs.width[f.st]
		for i, r := range f.text {
			pos = append(pos, splitPos{fi: fi, off: int32(i), units: units, r: r})
			if r < 1<<16 {
				units += int32(widths[r])
			}
		}
	}
	pos = append(pos, splitPos{fi: w.f1, units: units})
	n := len(pos) - 1 // runes
	// last[k*numBreakClasses+c] is the last place at or before k whose
	// class is c, or -1.
	last := l.splitLast[:0]
	for k := range pos {
		pos[k].class = noBreak
		if k > 0 && k < n {
			var prev2 rune
			if k >= 2 {
				prev2 = pos[k-2].r
			}
			pos[k].class = breakClassOf(prev2, pos[k-1].r, pos[k].r, pos[k+1].r)
		}
		for c := range numBreakClasses {
			switch {
			case pos[k].class == c:
				last = append(last, int32(k))
			case k == 0:
				last = append(last, -1)
			default:
				last = append(last, last[(k-1)*int(numBreakClasses)+int(c)])
			}
		}
	}
	l.splitPos, l.splitLast = pos, last
	// after returns where the piece after a break at e starts: a break at
	// a kept space drops it.
	after := func(e int) int {
		if pos[e].class == atKeptSpace {
			return e + 1
		}
		return e
	}

	// best[k] is the best split of the runes from place k to the end.
	best := l.splitSteps[:0]
	best = append(best, make([]splitStep, n+1)...)
	scale := size / 1000
	const never = 1 << 30
	for s := n - 1; s >= 0; s-- {
		lim := rest
		if s == 0 {
			lim = first
		}
		// far is the last place that ends a piece from s no wider than
		// lim, and at least one rune on.
		far := s + 1
		for lo, hi := s+2, n; lo <= hi; {
			m := (lo + hi) / 2
			if float64(pos[m].units-pos[s].units)*scale <= lim {
				far, lo = m, m+1
			} else {
				hi = m - 1
			}
		}
		b := splitStep{cost: never}
		if far == n {
			b = splitStep{cost: piecePenalty, end: int32(n)}
		}
		for c := range numBreakClasses {
			e := int(last[far*int(numBreakClasses)+int(c)])
			if e <= s || after(e) >= n {
				continue
			}
			cost := piecePenalty + breakCost[c] + best[after(e)].cost
			if cost < b.cost || cost == b.cost && int32(e) > b.end {
				b = splitStep{cost: cost, end: int32(e)}
			}
		}
		if b.cost == never { // no break fits: one rune
			b = splitStep{cost: piecePenalty + breakCost[anywhere] + best[after(s+1)].cost, end: int32(s + 1)}
		}
		best[s] = b
	}
	l.splitSteps = best

	// Emit the pieces.
	for s := 0; s < n; {
		e := int(best[s].end)
		piece := word{f0: int32(len(l.frags)), f1: int32(len(l.frags))}
		for fi := pos[s].fi; fi < w.f1 && (fi < pos[e].fi || fi == pos[e].fi && pos[e].off > 0); fi++ {
			f := l.frags[fi]
			a, z := 0, len(f.text)
			if fi == pos[s].fi {
				a = int(pos[s].off)
			}
			if fi == pos[e].fi {
				z = int(pos[e].off)
			}
			var u int32
			widths := l.fs.width[f.st]
			for _, r := range f.text[a:z] {
				if r < 1<<16 {
					u += int32(widths[r])
				}
			}
			fw := float64(u) * scale
			l.frags = append(l.frags, frag{text: f.text[a:z], st: f.st, w: fw, ref: f.ref, url: f.url})
			piece.w += fw
		}
		piece.f1 = int32(len(l.frags))
		if e == n {
			piece.space, piece.spaceSt = w.space, w.spaceSt
		} else if pos[e].class == atKeptSpace {
			sp := l.frags[pos[e].fi]
			piece.space, piece.spaceSt = float64(l.fs.width[sp.st][' '])*scale, sp.st
		}
		l.lwords = append(l.lwords, piece)
		s = after(e)
	}
}

type hAlign uint8

const (
	alignJustify hAlign = iota
	alignLeft
	alignCenter
	alignRight
)

// emitLine adds the ops of line ln, placed at x in a box of width maxW
// with its baseline at y.
func (l *layout) emitLine(ln line, last bool, x, y, maxW, size float64, align hAlign, gray uint8) {
	extra := 0.0
	switch align {
	case alignJustify:
		if !last && ln.spaces > 0 {
			extra = (maxW - ln.w) / float64(ln.spaces)
			if extra > size { // a nearly empty line: leave it ragged
				extra = 0
			}
		}
	case alignCenter:
		x += (maxW - ln.w) / 2
	case alignRight:
		x += maxW - ln.w
	}
	var seg frag // the segment being built; seg.w is its natural width
	segX, segSpaces := 0.0, 0
	segFrags := 0
	l.buf = l.buf[:0]
	emit := func() {
		if segFrags == 0 {
			return
		}
		text := seg.text
		if segFrags > 1 {
			text = string(l.buf)
		}
		o := op{kind: opText, st: seg.st, size: size, x: segX, y: y, text: text, gray: gray}
		w := seg.w + float64(segSpaces)*extra
		if segSpaces > 0 && extra > 0 {
			o.w = w
		}
		l.addOp(o)
		if seg.ref != "" {
			l.addOp(op{kind: opLink, x: segX, y: y - 0.9*size, w: w, h: 1.15 * size, target: seg.ref})
		} else if seg.url != "" {
			l.addOp(op{kind: opURL, x: segX, y: y - 0.9*size, w: w, h: 1.15 * size, target: seg.url})
		}
		segFrags, segSpaces = 0, 0
		l.buf = l.buf[:0]
	}
	cx := x
	for i := ln.w0; i < ln.w1; i++ {
		w := l.lwords[i]
		for fi := w.f0; fi < w.f1; fi++ {
			f := l.frags[fi]
			if segFrags > 0 && (f.st != seg.st || f.ref != seg.ref || f.url != seg.url) {
				emit()
			}
			if segFrags == 0 {
				seg = frag{text: f.text, st: f.st, ref: f.ref, url: f.url}
				segX = cx
				l.buf = append(l.buf[:0], f.text...)
			} else {
				l.buf = append(l.buf, f.text...)
			}
			segFrags++
			seg.w += f.w
			cx += f.w
		}
		if i+1 < ln.w1 && w.space > 0 {
			// Keep the space inside the segment when the next word
			// continues it in the same style, so fpdf can justify it.
			next := l.frags[l.lwords[i+1].f0]
			if segFrags > 0 && w.spaceSt == seg.st && next.st == seg.st && next.ref == seg.ref && next.url == seg.url {
				l.buf = append(l.buf, ' ')
				segFrags++
				segSpaces++
				seg.w += w.space
			} else {
				emit()
			}
			cx += w.space + extra
		}
	}
	emit()
}

// paragraph lays out runs as lines, one unit per line, with orphan and
// widow control. marker, when set, hangs at markerX in the first line.
func (l *layout) paragraph(runs []document.Run, base style, size, leading, space, textX float64,
	marker string, markerX float64, align hAlign, where func() string) {
	f0 := len(l.frags)
	w0, w1 := l.tokenize(runs, base, size, where)
	defer l.truncate(w0, f0)
	first := l.width - textX
	rest := first
	if marker != "" {
		if mw := l.fs.measure(base, size, marker); markerX+mw+markerGap > textX {
			first -= markerX + mw + markerGap - textX
		}
	}
	l.breakLines(w0, w1, first, rest, size)
	if len(l.lines) == 0 && marker == "" {
		return
	}
	baseline := (leading-size)/2 + 0.8*size
	n := len(l.lines)
	for i := range max(n, 1) {
		l.startUnit(0)
		if i == 0 {
			l.units[len(l.units)-1].space = space
		}
		x, maxW := textX, rest
		if i == 0 {
			x, maxW = l.width-first, first
			if marker != "" {
				l.addOp(op{kind: opText, st: base, size: size, x: markerX, y: baseline, text: marker})
			}
		}
		if i < n {
			l.emitLine(l.lines[i], i == n-1, x, baseline, maxW, size, align, 0)
		}
		u := l.endUnit(leading)
		// Orphans and widows: keep two lines together at both ends.
		u.keepNext = (i == 0 && n > 1) || (i == n-2 && n > 2)
	}
}

func headingText(h *document.Heading) string {
	if h.Number == "" {
		return h.Text
	}
	num := h.Number
	if !strings.Contains(num, ".") {
		num += "."
	}
	return num
}

func (l *layout) heading(h *document.Heading) {
	where := func() string { return fmt.Sprintf("heading %q", h.Text) }
	first := len(l.units)
	var size, leading, space float64
	runs := []document.Run{{Text: h.Text}}
	switch h.Level {
	case 1:
		size, leading, space = 13, 17, 18
		if h.Number != "" {
			runs[0].Text = headingText(h) + " " + h.Text
		}
		l.paragraph(runs, bold, size, leading, space, 0, "", 0, alignCenter, where)
	default:
		size, leading, space = bodySize, bodyLeading, 9
		if h.Level == 2 {
			size, leading, space = 11, 15, 12
		}
		marker := ""
		textX := 0.0
		if h.Number != "" {
			marker, textX = headingText(h), indentStep
		}
		l.paragraph(runs, bold, size, leading, space, textX, marker, 0, alignLeft, where)
	}
	if first == len(l.units) {
		return
	}
	last := &l.units[len(l.units)-1]
	last.h += 3
	for i := first; i < len(l.units); i++ {
		l.units[i].keepNext = true
	}
	u := &l.units[first]
	u.newPage = h.NewPage
	// The anchor and outline entry belong to the heading's first line.
	var extra []op
	if h.ID != "" {
		extra = append(extra, op{kind: opAnchor, target: h.ID})
	}
	if h.Level >= 1 {
		lvl := l.outlineLevel(h.Level)
		title := h.Text
		if h.Number != "" {
			title = headingText(h) + " " + h.Text
		}
		extra = append(extra, op{kind: opBookmark, text: title, level: uint8(lvl)})
	}
	if len(extra) > 0 {
		// Insert before the unit's ops so that the destination is set
		// before anything on the line is drawn.
		at := int(u.op0)
		l.ops = append(l.ops[:at], append(extra, l.ops[at:]...)...)
		for i := first; i < len(l.units); i++ {
			if i > first {
				l.units[i].op0 += int32(len(extra))
			}
			l.units[i].op1 += int32(len(extra))
		}
	}
}

// outlineLevel returns the outline depth of a heading of the given level:
// the number of open entries of lower heading levels. So the clauses of an
// agreement without a part heading are siblings at the top, a schedule's or
// annex's headings go under it, and a sub-clause under its clause.
func (l *layout) outlineLevel(level int) int {
	for len(l.outline) > 0 && l.outline[len(l.outline)-1] >= level {
		l.outline = l.outline[:len(l.outline)-1]
	}
	l.outline = append(l.outline, level)
	return len(l.outline) - 1
}

func (l *layout) para(p *document.Paragraph) {
	textX := float64(p.Indent) * indentStep
	markerX := 0.0
	if p.Indent > 0 {
		markerX = textX - indentStep
	}
	where := func() string { return "paragraph " + quoteStart(document.PlainText(p.Runs)) }
	first := len(l.units)
	align := alignJustify
	if document.AllBold(p.Runs) {
		align = alignLeft // a run-in heading ("Nature of the processing"): not stretched
	}
	l.paragraph(p.Runs, regular, bodySize, bodyLeading, paraGap, textX, p.Marker, markerX, align, where)
	if len(l.units) > first && introduces(p) {
		l.units[len(l.units)-1].keepNext = true
	}
}

// introduces reports whether p introduces what follows it, so that a page
// must not end with it: a label (a paragraph all in bold, such as
// "Frequency of the transfer" above its answer in Annex I.B) or a lead-in
// ending in a colon above its list.
func introduces(p *document.Paragraph) bool {
	return isLabel(p) || endsWithColon(p.Runs)
}

// isLabel reports whether p is a label: unnumbered text, all of it bold.
func isLabel(p *document.Paragraph) bool {
	if p.Marker != "" {
		return false
	}
	text := false
	for _, r := range p.Runs {
		if strings.TrimSpace(r.Text) == "" {
			continue
		}
		if !r.Bold {
			return false
		}
		text = true
	}
	return text
}

// endsWithColon reports whether the text of runs ends with a colon.
func endsWithColon(runs []document.Run) bool {
	for i := len(runs) - 1; i >= 0; i-- {
		if t := strings.TrimRight(runs[i].Text, " \t\n"); t != "" {
			return strings.HasSuffix(t, ":")
		}
	}
	return false
}

func quoteStart(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		s = string(r[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

func (l *layout) titleBlock(t *document.TitleBlock) {
	l.startUnit(0)
	l.endUnit(40)
	l.paragraph([]document.Run{{Text: t.Title}}, bold, 20, 26, 0, 0, "", 0, alignCenter, func() string { return "title" })
	if t.Subtitle != "" {
		l.paragraph([]document.Run{{Text: t.Subtitle}}, italic, 12, 16, 6, 0, "", 0, alignCenter, func() string { return "subtitle" })
	}
	// The lines name the parties: centred under the title, as on the cover
	// of an agreement, before the rule that separates the title block from
	// the text.
	for i, ln := range t.Lines {
		space := 4.0
		if i == 0 {
			space = 14
		}
		l.paragraph(ln, regular, 12, 16, space, 0, "", 0, alignCenter, func() string { return "title block" })
	}
	l.startUnit(14)
	l.addOp(op{kind: opLine, x: l.width * 0.35, y: 0, w: l.width * 0.3})
	l.endUnit(14)
	l.startUnit(0)
	l.endUnit(18)
}

// isAddressWord reports whether w looks like an e-mail or web address.
func (l *layout) isAddressWord(w word) bool {
	for _, f := range l.frags[w.f0:w.f1] {
		if isAddress(f.text) {
			return true
		}
	}
	return false
}

// cellText is one table cell's words, [w0, w1) of l.words. min is the
// width of its widest word, addr of its widest e-mail or web address.
type cellText struct {
	w0, w1         int
	min, max, addr float64
}

func (l *layout) table(t *document.Table) {
	ncol := len(t.Header)
	for _, r := range t.Rows {
		ncol = max(ncol, len(r))
	}
	if ncol == 0 {
		return
	}
	w0, f0 := len(l.words), len(l.frags)
	defer l.truncate(w0, f0)
	// One unbroken 500-character string or long address must not take the
	// whole table: it is broken between characters anyway.
	minCap, maxCap := l.width*0.2, l.width*0.5
	measure := func(cells []document.Cell, st style, out []cellText) []cellText {
		for c := range ncol {
			var ct cellText
			if c < len(cells) {
				runs := cells[c].Runs
				ct.w0, ct.w1 = l.tokenize(runs, st, cellSize, func() string { return "table cell " + quoteStart(document.PlainText(runs)) })
				for i := ct.w0; i < ct.w1; i++ {
					w := l.words[i]
					ct.min = max(ct.min, w.w)
					ct.max += w.w + w.space
					if w.w > ct.addr && l.isAddressWord(w) {
						ct.addr = w.w
					}
				}
				ct.min = min(ct.min, minCap)
				ct.max = min(ct.max, maxCap)
				ct.addr = min(ct.addr, maxCap)
			}
			out = append(out, ct)
		}
		return out
	}
	head := measure(t.Header, bold, nil)
	body := make([]cellText, 0, ncol*len(t.Rows))
	for _, r := range t.Rows {
		body = measure(r, regular, body)
	}
	// Column widths from content, like an automatic HTML table layout.
	mins := make([]float64, ncol)
	maxs := make([]float64, ncol)
	addrs := make([]float64, ncol)
	grow := func(cts []cellText) {
		for i, ct := range cts {
			c := i % ncol
			mins[c] = max(mins[c], ct.min+2*cellPadX)
			maxs[c] = max(maxs[c], ct.max+2*cellPadX)
			if ct.addr > 0 {
				addrs[c] = max(addrs[c], ct.addr+2*cellPadX)
			}
		}
	}
	grow(head)
	grow(body)
	widths := make([]float64, ncol)
	var sumMin, sumMax float64
	for c := range ncol {
		mins[c] = max(mins[c], 24)
		sumMin += mins[c]
	}
	// A column with an e-mail or web address wider than the cap on a
	// column's least width is given the width of the address, from the
	// left, while the least widths of all the columns still fit: the
	// address is then never broken, and the other columns only give up
	// room they do not need for their own longest words.
	for c := range ncol {
		if need := addrs[c]; need > mins[c] && sumMin+need-mins[c] <= l.width {
			sumMin += need - mins[c]
			mins[c] = need
		}
	}
	for c := range ncol {
		maxs[c] = max(maxs[c], mins[c])
		sumMax += maxs[c]
	}
	switch {
	case sumMax <= l.width:
		for c := range ncol {
			widths[c] = maxs[c] * l.width / sumMax
		}
	case sumMin >= l.width:
		for c := range ncol {
			widths[c] = mins[c] * l.width / sumMin
		}
	default:
		f := (l.width - sumMin) / (sumMax - sumMin)
		for c := range ncol {
			widths[c] = mins[c] + (maxs[c]-mins[c])*f
		}
	}

	maxLines := 1 << 30
	headerUnit := int32(len(l.units))
	hh := l.tableRow(head, widths, t.Align, true, 0, maxLines)
	l.units[headerUnit].keepNext = true
	l.units[headerUnit].space = 10
	// A row taller than a page (less the repeated header) is split between lines.
	maxLines = int((l.bodyH - hh - 2*cellPadY) / cellLeading)
	for r := range t.Rows {
		cells := body[r*ncol : (r+1)*ncol]
		for from := 0; ; from += maxLines {
			more := l.tableRow(cells, widths, t.Align, false, from, maxLines)
			l.units[len(l.units)-1].repeat = headerUnit
			if more == 0 {
				break
			}
		}
	}
	l.startUnit(0)
	l.endUnit(8)
}

// tableRow lays out lines [from, from+maxLines) of the cells as one unit.
// For the header it returns the row height; otherwise it returns non-zero
// when lines remain after this piece.
func (l *layout) tableRow(cells []cellText, widths []float64, aligns []document.Align, header bool, from, maxLines int) float64 {
	l.startUnit(0)
	rowOp := len(l.ops)
	l.addOp(op{kind: opRect}) // placeholder for the row background
	baseline := (cellLeading-cellSize)/2 + 0.8*cellSize + cellPadY
	x := 0.0
	nlines := 0
	more := false
	for c, ct := range cells {
		inner := widths[c] - 2*cellPadX
		l.breakLines(ct.w0, ct.w1, inner, inner, cellSize)
		align := alignLeft
		if c < len(aligns) {
			switch aligns[c] {
			case document.AlignCenter:
				align = alignCenter
			case document.AlignRight:
				align = alignRight
			}
		}
		to := min(len(l.lines), from+maxLines)
		if to < len(l.lines) {
			more = true
		}
		for i := from; i < to; i++ {
			l.emitLine(l.lines[i], true, x+cellPadX, baseline+float64(i-from)*cellLeading, inner, cellSize, align, 0)
		}
		nlines = max(nlines, to-from)
		x += widths[c]
	}
	h := float64(max(nlines, 1))*cellLeading + 2*cellPadY
	l.ops[rowOp] = op{kind: opRect, x: 0, y: 0, w: l.width, h: h, fill: header, gray: headerGray}
	x = 0
	for _, w := range widths {
		l.addOp(op{kind: opRect, x: x, y: 0, w: w, h: h, stroke: true})
		x += w
	}
	l.endUnit(h)
	if header {
		return h
	}
	if more {
		return 1
	}
	return 0
}

func (l *layout) signatures(s *document.SignatureBlock) {
	first := len(l.units)
	if len(s.Intro) > 0 {
		l.paragraph(s.Intro, regular, bodySize, bodyLeading, 12, 0, "", 0, alignJustify, func() string { return "signature block" })
	}
	pw := (l.width - sigGutter) / 2
	for i := 0; i < len(s.Parties); i += 2 {
		l.startUnit(14)
		h := 0.0
		for j := i; j < min(i+2, len(s.Parties)); j++ {
			h = max(h, l.sigPanel(&s.Parties[j], float64(j-i)*(pw+sigGutter), pw))
		}
		l.endUnit(h)
	}
	for i := first; i < len(l.units)-1; i++ {
		l.units[i].keepNext = true
	}
}

// sigPanel lays out one party's panel at x, width w, and returns its height.
func (l *layout) sigPanel(p *document.SignatureParty, x, w float64) float64 {
	y := 0.0
	baseline := (bodyLeading-bodySize)/2 + 0.8*bodySize
	text := func(runs []document.Run, st style) {
		f0 := len(l.frags)
		w0, w1 := l.tokenize(runs, st, bodySize, func() string { return "signature panel " + quoteStart(document.PlainText(runs)) })
		l.breakLines(w0, w1, w, w, bodySize)
		for i, ln := range l.lines {
			l.emitLine(ln, i == len(l.lines)-1, x, y+baseline, w, bodySize, alignLeft, 0)
			y += bodyLeading
		}
		l.truncate(w0, f0)
	}
	labelled := func(label, value string) float64 {
		lw := l.fs.measure(regular, bodySize, label)
		l.addOp(op{kind: opText, st: regular, size: bodySize, x: x, y: y + baseline, text: label})
		at := x + lw + 3
		if value == "" {
			l.addOp(op{kind: opLine, x: at, y: y + baseline + 2, w: x + w - at})
		} else {
			f0 := len(l.frags)
			w0, w1 := l.tokenize([]document.Run{{Text: value}}, regular, bodySize, func() string { return "signature panel " + quoteStart(value) })
			l.breakLines(w0, w1, x+w-at, x+w-at, bodySize)
			for i, ln := range l.lines {
				l.emitLine(ln, true, at, y+baseline, x+w-at, bodySize, alignLeft, 0)
				if i < len(l.lines)-1 {
					y += bodyLeading
				}
			}
			l.truncate(w0, f0)
		}
		return at
	}
	anchor := func(text string, at, size float64) {
		l.addOp(op{kind: opText, st: regular, size: size, x: at, y: y + baseline, text: text, gray: 255})
	}
	text([]document.Run{{Text: p.Role, Bold: true}}, regular)
	text([]document.Run{{Text: p.Party}}, regular)
	y += 28
	at := labelled("Signature:", "")
	switch l.opts.ESign {
	case "docusign":
		anchor(fmt.Sprintf(`\s%d\`, p.Index), at+2, 4)
	case "adobe":
		anchor(fmt.Sprintf("{{Sig_es_:signer%d:signature}}", p.Index), at+2, 10)
	}
	y += bodyLeading + 4
	at = labelled("Name:", p.Name)
	if l.opts.ESign == "docusign" {
		anchor(fmt.Sprintf(`\n%d\`, p.Index), at+l.fs.measure(regular, bodySize, p.Name)+6, 4)
	}
	y += bodyLeading
	labelled("Title:", p.Title)
	y += bodyLeading + 10
	at = labelled("Date:", "")
	switch l.opts.ESign {
	case "docusign":
		anchor(fmt.Sprintf(`\d%d\`, p.Index), at+2, 4)
	case "adobe":
		anchor(fmt.Sprintf("{{Dte_es_:signer%d:date}}", p.Index), at+2, 10)
	}
	y += bodyLeading
	return y
}
