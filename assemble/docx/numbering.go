package docx

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/document"
)

// The abstract numbering definitions of numbering.xml. Each paragraph that
// the Document numbers gets a w:numPr pointing at a w:num instance of one of
// these, so Word computes the number itself and renumbers when a clause is
// inserted.
const (
	absClauses      = iota // 1. / 1.1 / (a) / (i): the agreement's clauses
	absSections            // A. B. C.: the sections of a schedule or annex
	absLetters             // (a) (b): a lettered list outside a numbered clause
	absRomans              // (i) (ii)
	absDecimal             // 1. 2.: the preamble's lists
	absBullets             // • and –
	absUpperLetters        // (A) (B): the recitals and any list lettered in capitals
	absCount
)

// The levels of absClauses.
const (
	lvlClause  = 0
	lvlItem    = 1
	lvlLetter  = 2
	lvlRoman   = 3
	clauseLvls = 4
)

// numRef is the numbering of one paragraph: the w:num instance and its level.
// A zero numRef (numID 0) means the paragraph carries its number as text.
type numRef struct {
	numID    int
	ilvl     int
	abstract int
}

// numInstance is one w:num: an abstract definition, with the level values
// at which it starts (0 for "from 1").
type numInstance struct {
	abstract int
	start    map[int]int
}

// numberer assigns Word numbering to the Document's numbered headings and
// paragraphs. It simulates Word's counters and uses a Word list only where
// Word will print exactly the number the Document computed; anywhere else
// the number is written as text, so a DOCX never says something different
// from the PDF.
type numberer struct {
	nums []numInstance // nums[i] is w:num w:numId=i+1

	clauses numState // the current absClauses instance
	section numState // the current absSections instance
	run     listRun  // the current separate list (letters, romans, decimals)
	bullets int      // the bullets instance: bulletsNumID

	reservedUsed bool // whether clausesNumID has been given to a clause
}

// clausesNumID is the w:num the clause paragraph styles (Heading 2 and the
// clause levels) are linked to, so a clause a lawyer adds in Word by
// applying the style continues the agreement's numbering.
const clausesNumID = 1

// bulletsNumID is the w:num of every bulleted paragraph, which the List
// Bullet styles are linked to, so a bullet a lawyer adds in Word by
// applying the style gets its bullet.
const bulletsNumID = 2

// newNumberer returns a numberer with clausesNumID and bulletsNumID
// reserved.
func newNumberer() numberer {
	return numberer{nums: []numInstance{{abstract: absClauses}, {abstract: absBullets}}, bullets: bulletsNumID}
}

// numState is one multi-level instance and Word's counters for it.
type numState struct {
	id     int
	counts [clauseLvls]int
}

// listRun is a separate, single-level list being continued.
type listRun struct {
	id       int
	abstract int
	indent   int
	count    int
}

func (n *numberer) newNum(abstract int, start map[int]int) int {
	n.nums = append(n.nums, numInstance{abstract: abstract, start: start})
	return len(n.nums)
}

// part starts a new part (the agreement, a schedule, an annex): annex
// sections start again at A and separate lists end.
func (n *numberer) part() {
	n.section = numState{}
	n.run = listRun{}
}

// heading returns the numbering of a heading, and resets the separate list
// in progress.
func (n *numberer) heading(h *document.Heading) numRef {
	n.run = listRun{}
	if h.Number == "" {
		return numRef{}
	}
	if v, err := strconv.Atoi(h.Number); err == nil && v > 0 && h.Level == 2 {
		return n.clauseLevel(lvlClause, v)
	}
	if v, ok := alphaValue(h.Number); ok && h.Level == 2 {
		if n.section.id == 0 || n.section.counts[0]+1 != v {
			n.section = numState{id: n.newNum(absSections, map[int]int{0: v})}
			n.section.counts[0] = v - 1
		}
		n.section.counts[0]++
		return numRef{numID: n.section.id, ilvl: 0, abstract: absSections}
	}
	if c, i, ok := itemValue(h.Number); ok && c == n.clauses.counts[lvlClause] && n.clauses.id != 0 && n.clauses.counts[lvlItem]+1 == i {
		return n.clauseLevel(lvlItem, i)
	}
	return numRef{}
}

// clauseLevel advances the clauses instance at level lvl to value v,
// starting a new instance when Word's next number there would differ.
func (n *numberer) clauseLevel(lvl, v int) numRef {
	if lvl == lvlClause && (n.clauses.id == 0 || n.clauses.counts[lvlClause]+1 != v) {
		if !n.reservedUsed && v == 1 {
			n.clauses = numState{id: clausesNumID}
			n.reservedUsed = true
		} else {
			n.clauses = numState{id: n.newNum(absClauses, map[int]int{lvlClause: v})}
		}
		n.clauses.counts[lvlClause] = v - 1
	}
	n.clauses.counts[lvl]++
	for l := lvl + 1; l < clauseLvls; l++ {
		n.clauses.counts[l] = 0
	}
	return numRef{numID: n.clauses.id, ilvl: lvl, abstract: absClauses}
}

// paragraph returns the numbering of a paragraph with a marker.
func (n *numberer) paragraph(p *document.Paragraph) numRef {
	m := p.Marker
	switch {
	case m == "":
		return numRef{}
	case m == "•" || m == "–":
		lvl := 0
		if m == "–" {
			lvl = 1
		}
		return numRef{numID: n.bullets, ilvl: lvl, abstract: absBullets}
	}
	if c, i, ok := itemValue(m); ok {
		n.run = listRun{}
		if n.clauses.id != 0 && c == n.clauses.counts[lvlClause] && n.clauses.counts[lvlItem]+1 == i {
			return n.clauseLevel(lvlItem, i)
		}
		return numRef{}
	}
	if v, ok := decimalValue(m); ok {
		return n.single(absDecimal, p.Indent, v)
	}
	inner, ok := strings.CutPrefix(m, "(")
	if !ok {
		return numRef{}
	}
	inner, ok = strings.CutSuffix(inner, ")")
	if !ok {
		return numRef{}
	}
	if v, ok := alphaValue(inner); ok {
		return n.single(absUpperLetters, p.Indent, v)
	}
	letter, isLetter := letterValue(inner)
	roman, isRoman := romanValue(inner)
	// A run of letters continues as letters, (h) then (i); a list that
	// starts at (i) is roman.
	if isLetter && (!isRoman || n.continues(absLetters, p.Indent, letter) || n.clauseContinues(lvlLetter, letter)) {
		if n.clauseContinues(lvlLetter, letter) {
			return n.clauseLevel(lvlLetter, letter)
		}
		return n.single(absLetters, p.Indent, letter)
	}
	if isRoman {
		if n.clauseContinues(lvlRoman, roman) {
			return n.clauseLevel(lvlRoman, roman)
		}
		return n.single(absRomans, p.Indent, roman)
	}
	return numRef{}
}

// clauseContinues reports whether Word's next number at level lvl of the
// clauses instance is v, below a numbered clause item.
func (n *numberer) clauseContinues(lvl, v int) bool {
	if n.clauses.id == 0 || n.clauses.counts[lvlItem] == 0 || n.run.id != 0 {
		return false
	}
	for l := lvlItem + 1; l < lvl; l++ {
		if n.clauses.counts[l] == 0 {
			return false
		}
	}
	return n.clauses.counts[lvl]+1 == v
}

// continues reports whether v is the next value of the separate list in
// progress.
func (n *numberer) continues(abstract, indent, v int) bool {
	return n.run.id != 0 && n.run.abstract == abstract && n.run.indent == indent && n.run.count+1 == v
}

// single numbers a paragraph of a separate single-level list, starting a new
// instance unless it continues the one in progress.
func (n *numberer) single(abstract, indent, v int) numRef {
	if !n.continues(abstract, indent, v) {
		n.run = listRun{id: n.newNum(abstract, map[int]int{0: v}), abstract: abstract, indent: indent, count: v - 1}
	}
	n.run.count++
	return numRef{numID: n.run.id, abstract: abstract}
}

// itemValue parses a clause item number "8.2".
func itemValue(s string) (clause, item int, ok bool) {
	a, b, found := strings.Cut(s, ".")
	if !found {
		return 0, 0, false
	}
	c, err1 := strconv.Atoi(a)
	i, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || c <= 0 || i <= 0 || a[0] == '+' || b[0] == '+' {
		return 0, 0, false
	}
	return c, i, true
}

// decimalValue parses a list number "3.".
func decimalValue(s string) (int, bool) {
	d, ok := strings.CutSuffix(s, ".")
	if !ok || d == "" || d[0] == '+' || d[0] == '-' {
		return 0, false
	}
	v, err := strconv.Atoi(d)
	return v, err == nil && v > 0
}

// letterValue parses Word's lowerLetter format: a … z, aa … zz, aaa …
func letterValue(s string) (int, bool) {
	if s == "" || len(s) > 3 || strings.Trim(s, s[:1]) != "" || s[0] < 'a' || s[0] > 'z' {
		return 0, false
	}
	return (len(s)-1)*26 + int(s[0]-'a') + 1, true
}

// alphaValue parses an upper-case section letter: A … Z, AA …
func alphaValue(s string) (int, bool) {
	v, ok := letterValue(strings.ToLower(s))
	if !ok || strings.ToUpper(s) != s {
		return 0, false
	}
	return v, true
}

// romanValue parses a lower-case roman numeral, accepting only the
// canonical form Word prints.
func romanValue(s string) (int, bool) {
	if s == "" || len(s) > 12 {
		return 0, false
	}
	vals := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	total := 0
	for i := 0; i < len(s); i++ {
		v, ok := vals[s[i]]
		if !ok {
			return 0, false
		}
		if i+1 < len(s) && vals[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || toRoman(total) != s {
		return 0, false
	}
	return total, true
}

func toRoman(v int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for v >= p.v {
			b.WriteString(p.s)
			v -= p.v
		}
	}
	return b.String()
}

// level is one w:lvl of an abstract numbering definition.
type level struct {
	format string // w:numFmt
	text   string // w:lvlText
	style  string // w:pStyle, linking a paragraph style to the level
}

// abstractLevels returns the levels of each abstract definition.
func abstractLevels(abstract int) []level {
	switch abstract {
	case absClauses:
		return []level{
			{"decimal", "%1.", "Heading2"},
			{"decimal", "%1.%2", "ClauseText"},
			{"lowerLetter", "(%3)", "ClauseItem"},
			{"lowerRoman", "(%4)", "ClauseSubitem"},
		}
	case absSections:
		return []level{{"upperLetter", "%1.", ""}}
	case absLetters:
		return []level{{"lowerLetter", "(%1)", ""}}
	case absRomans:
		return []level{{"lowerRoman", "(%1)", ""}}
	case absDecimal:
		return []level{{"decimal", "%1.", ""}}
	case absBullets:
		return []level{{"bullet", "•", ""}, {"bullet", "–", ""}, {"bullet", "•", ""}}
	case absUpperLetters:
		return []level{{"upperLetter", "(%1)", ""}}
	}
	return nil
}

var abstractNames = [absCount]string{"DPA Clauses", "Annex Sections", "Lettered List", "Roman List", "Numbered List", "Bullet List", "Capital Letter List"}

// numberingXML writes word/numbering.xml for the instances used.
func (n *numberer) numberingXML(b *bytes.Buffer) {
	b.WriteString(xmlHeader)
	b.WriteString(`<w:numbering xmlns:w="` + nsW + `">`)
	for a := 0; a < absCount; a++ {
		b.WriteString(`<w:abstractNum w:abstractNumId="` + strconv.Itoa(a) + `">`)
		b.WriteString(`<w:nsid w:val="` + nsid(a) + `"/>`)
		if a == absClauses || a == absBullets {
			b.WriteString(`<w:multiLevelType w:val="multilevel"/>`)
		} else {
			b.WriteString(`<w:multiLevelType w:val="singleLevel"/>`)
		}
		b.WriteString(`<w:name w:val="` + abstractNames[a] + `"/>`)
		for i, l := range abstractLevels(a) {
			b.WriteString(`<w:lvl w:ilvl="` + strconv.Itoa(i) + `"><w:start w:val="1"/><w:numFmt w:val="` + l.format + `"/>`)
			if l.style != "" {
				b.WriteString(`<w:pStyle w:val="` + l.style + `"/>`)
			}
			b.WriteString(`<w:suff w:val="tab"/><w:lvlText w:val="`)
			escapeAttr(b, l.text)
			b.WriteString(`"/><w:lvlJc w:val="left"/>`)
			left, hanging := levelIndent(a, i)
			b.WriteString(`<w:pPr><w:ind w:left="` + strconv.Itoa(left) + `" w:hanging="` + strconv.Itoa(hanging) + `"/></w:pPr>`)
			if a == absBullets || (a == absClauses && i == lvlClause) {
				b.WriteString(`<w:rPr><w:rFonts w:ascii="` + bodyFont + `" w:hAnsi="` + bodyFont + `"/></w:rPr>`)
			}
			b.WriteString(`</w:lvl>`)
		}
		b.WriteString(`</w:abstractNum>`)
	}
	for i, num := range n.nums {
		b.WriteString(`<w:num w:numId="` + strconv.Itoa(i+1) + `"><w:abstractNumId w:val="` + strconv.Itoa(num.abstract) + `"/>`)
		for l := 0; l < len(abstractLevels(num.abstract)); l++ {
			if s, ok := num.start[l]; ok {
				b.WriteString(`<w:lvlOverride w:ilvl="` + strconv.Itoa(l) + `"><w:startOverride w:val="` + strconv.Itoa(s) + `"/></w:lvlOverride>`)
			}
		}
		b.WriteString(`</w:num>`)
	}
	b.WriteString(`</w:numbering>`)
}

// nsid is a fixed, distinct list identifier per abstract definition (Word
// uses it to tell lists apart when documents are merged).
func nsid(a int) string {
	const hex = "0123456789ABCDEF"
	v := uint32(0x44504100 + a) // "DPA" + index
	out := make([]byte, 8)
	for i := 7; i >= 0; i-- {
		out[i] = hex[v&0xF]
		v >>= 4
	}
	return string(out)
}

// levelIndent is the default indentation of a level, in twips; paragraphs
// override it with their own nesting depth.
func levelIndent(abstract, ilvl int) (left, hanging int) {
	switch abstract {
	case absClauses:
		if ilvl == lvlClause {
			return hangWidth, hangWidth
		}
		return ilvl * hangWidth, hangWidth
	case absBullets:
		return (ilvl + 1) * hangWidth, hangWidth / 2
	}
	return hangWidth, hangWidth
}
