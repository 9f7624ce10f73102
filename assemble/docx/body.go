package docx

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"github.com/dpakit/dpakit/assemble/document"
)

// Layout constants, in twentieths of a point (twips).
const (
	hangWidth  = 720 // one level of indentation; the hanging number's width
	marginTwip = 1418
)

// body builds word/document.xml from a Document.
type body struct {
	b         *bytes.Buffer
	num       numberer // from newNumberer
	textWidth int      // twips between the margins

	bookmarks map[string]string // heading ID → bookmark name
	// numbers is the numbering of each block, by its index in the
	// Document (number), for the headings and paragraphs.
	numbers []numRef
	// wordNumbered are the headings, by ID, whose number Word computes: a
	// cross-reference to one is a REF field, so it follows the heading
	// when counsel insert or delete a clause in Word.
	wordNumbered map[string]*document.Heading
	nextMark     int      // the next w:bookmarkStart w:id
	links        []string // external URLs, relationship rIdN = links[N-firstLinkRel]

	// literal counts numbered paragraphs whose number is written as text
	// because Word's numbering could not reproduce it.
	literal int
}

// firstLinkRel is the relationship id of the first hyperlink: the fixed
// parts (styles, numbering, settings, headers, footers) come first.
const firstLinkRel = 10

// pprops are the paragraph properties the writer uses, written in the
// order the WordprocessingML schema requires.
type pprops struct {
	style           string
	keepNext        bool
	keepLines       bool
	pageBreakBefore bool
	num             numRef
	numOff          bool // numId 0: no number although the style has one
	left, hanging   int
	indent          bool
	jc              string
}

func (p pprops) write(b *bytes.Buffer) {
	b.WriteString("<w:pPr>")
	if p.style != "" {
		b.WriteString(`<w:pStyle w:val="` + p.style + `"/>`)
	}
	if p.keepNext {
		b.WriteString("<w:keepNext/>")
	}
	if p.keepLines {
		b.WriteString("<w:keepLines/>")
	}
	if p.pageBreakBefore {
		b.WriteString("<w:pageBreakBefore/>")
	}
	switch {
	case p.num.numID != 0:
		b.WriteString(`<w:numPr><w:ilvl w:val="` + strconv.Itoa(p.num.ilvl) + `"/><w:numId w:val="` + strconv.Itoa(p.num.numID) + `"/></w:numPr>`)
	case p.numOff:
		b.WriteString(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>`)
	}
	if p.indent {
		b.WriteString(`<w:ind w:left="` + strconv.Itoa(p.left) + `"`)
		if p.hanging > 0 {
			b.WriteString(` w:hanging="` + strconv.Itoa(p.hanging) + `"`)
		}
		b.WriteString("/>")
	}
	if p.jc != "" {
		b.WriteString(`<w:jc w:val="` + p.jc + `"/>`)
	}
	b.WriteString("</w:pPr>")
}

// bookmarkNames gives every heading with an ID a Word bookmark name: letters,
// digits and underscores, starting with a letter, at most 40 characters,
// unique within the document.
func bookmarkNames(d *document.Document) map[string]string {
	names := map[string]string{}
	used := map[string]bool{}
	for _, b := range d.Blocks {
		h, ok := b.(*document.Heading)
		if !ok || h.ID == "" {
			continue
		}
		if _, dup := names[h.ID]; dup {
			continue
		}
		base := bookmarkBase(h.ID)
		name := base
		for i := 2; used[name]; i++ {
			suffix := "_" + strconv.Itoa(i)
			name = base[:min(len(base), 40-len(suffix))] + suffix
		}
		used[name] = true
		names[h.ID] = name
	}
	return names
}

func bookmarkBase(id string) string {
	var sb strings.Builder
	sb.WriteString("dpa_")
	for _, r := range id {
		if sb.Len() >= 40 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			sb.WriteRune(r)
		default:
			sb.WriteByte('_')
		}
	}
	return sb.String()
}

// blocks writes every block of the Document.
func (bd *body) blocks(d *document.Document) {
	for i, blk := range d.Blocks {
		switch blk := blk.(type) {
		case *document.TitleBlock:
			bd.title(blk)
		case *document.Heading:
			bd.heading(blk, bd.numbers[i], i > 0)
		case *document.Paragraph:
			_, beforeTable := next(d.Blocks, i).(*document.Table)
			bd.paragraph(blk, bd.numbers[i], beforeTable)
		case *document.Table:
			bd.table(blk)
		case *document.SignatureBlock:
			bd.signatures(blk)
		}
	}
}

func (bd *body) title(t *document.TitleBlock) {
	bd.para(pprops{style: "Title", keepNext: true}, func() { bd.text(t.Title, "") })
	if t.Subtitle != "" {
		bd.para(pprops{style: "Subtitle", keepNext: true}, func() { bd.text(t.Subtitle, "") })
	}
	for _, line := range t.Lines {
		bd.para(pprops{style: "PartiesLine", keepNext: true}, func() { bd.runs(line) })
	}
	// A short rule and a gap end the cover block, as in the PDF, before the
	// operative text.
	bd.para(pprops{style: "TitleRule"}, func() {})
}

// heading writes a heading with its numbering nr.
func (bd *body) heading(h *document.Heading, nr numRef, notFirst bool) {
	p := pprops{style: headingStyle(h), pageBreakBefore: h.NewPage && notFirst, num: nr}
	literal := ""
	if nr.numID == 0 {
		p.numOff = p.style == "Heading2" // Heading 2 is the numbered clause style
		if h.Number != "" {
			literal = h.Number
			if h.Level == 2 {
				literal += "."
			}
			p.indent, p.left, p.hanging = true, hangWidth, hangWidth
			bd.literal++
		} else if h.Level == 2 {
			p.indent = true
		}
	}
	bd.para(p, func() {
		name, marked := bd.bookmarks[h.ID]
		id := ""
		if marked {
			id = strconv.Itoa(bd.nextMark)
			bd.nextMark++
			bd.b.WriteString(`<w:bookmarkStart w:id="` + id + `" w:name="` + name + `"/>`)
		}
		if literal != "" {
			bd.text(literal, "")
			bd.b.WriteString("<w:r><w:tab/></w:r>")
		}
		bd.text(document.GlueNumbers(h.Text, ""), "")
		if marked {
			bd.b.WriteString(`<w:bookmarkEnd w:id="` + id + `"/>`)
		}
	})
}

// headingStyle is the paragraph style of a heading: Heading 1 for a part,
// Heading 2 for a clause, Annex Heading for a lettered section of an annex
// or schedule ("B. Description of the Processing"), which must not take
// the clauses' numbering (Heading 2 is linked to it, so a paragraph typed
// after a section would otherwise be numbered as the last clause's), and
// Heading 3 below.
func headingStyle(h *document.Heading) string {
	switch h.Level {
	case 1:
		return "Heading1"
	case 2:
		if _, lettered := alphaValue(h.Number); lettered {
			return "AnnexHeading"
		}
		return "Heading2"
	}
	return "Heading3"
}

// next returns the block after the i-th, or nil.
func next(blocks []document.Block, i int) document.Block {
	if i+1 < len(blocks) {
		return blocks[i+1]
	}
	return nil
}

// paragraph writes a paragraph of the Document: a numbered or bulleted one
// in its list style, one all in bold as a Subheading (a run-in heading such
// as Annex I.B's "Nature of the processing"), kept with what follows, as
// is the paragraph that introduces a table (beforeTable). nr is its
// numbering.
func (bd *body) paragraph(p *document.Paragraph, nr numRef, beforeTable bool) {
	pp := pprops{num: nr}
	if p.Marker == "" && p.Indent == 0 && document.AllBold(p.Runs) {
		pp.style = "Subheading"
	}
	if p.Marker != "" {
		pp.style = markerStyle(p, nr)
		pp.indent = true
		pp.left = max(p.Indent, 1) * hangWidth
		pp.hanging = hangWidth
		if nr.numID == 0 {
			pp.numOff = pp.style != "ListParagraph"
			bd.literal++
		}
	} else if p.Indent > 0 {
		pp.style = "BodyIndent"
		pp.indent = true
		pp.left = p.Indent * hangWidth
	}
	pp.keepNext = beforeTable || endsWithColon(p.Runs)
	bd.para(pp, func() {
		if p.Marker != "" && nr.numID == 0 {
			bd.text(p.Marker, "")
			bd.b.WriteString("<w:r><w:tab/></w:r>")
		}
		bd.runs(p.Runs)
	})
}

// markerStyle is the paragraph style of a numbered or bulleted paragraph:
// the clause levels for the agreement's own numbering, list styles for the
// rest.
func markerStyle(p *document.Paragraph, nr numRef) string {
	if p.Marker == "•" || p.Marker == "–" {
		if p.Indent > 1 {
			return "ListBullet2"
		}
		return "ListBullet"
	}
	if nr.numID != 0 && nr.abstract == absClauses {
		switch nr.ilvl {
		case lvlItem:
			return "ClauseText"
		case lvlLetter:
			return "ClauseItem"
		case lvlRoman:
			return "ClauseSubitem"
		}
	}
	return "ListParagraph"
}

// endsWithColon reports whether a paragraph introduces what follows (a
// lead-in to a list), so Word keeps it on the page of its first item.
func endsWithColon(runs []document.Run) bool {
	for i := len(runs) - 1; i >= 0; i-- {
		t := strings.TrimRight(runs[i].Text, " \u00a0")
		if t == "" {
			continue
		}
		return strings.HasSuffix(t, ":")
	}
	return false
}

// para writes one w:p with its properties and content.
func (bd *body) para(p pprops, content func()) {
	bd.b.WriteString("<w:p>")
	p.write(bd.b)
	content()
	bd.b.WriteString("</w:p>")
}

// runs writes styled runs, cross-references as internal hyperlinks to the
// target heading's bookmark and URLs as external hyperlinks.
// A designation keeps its number on its line ("Article 28(3)", "Clause
// 12.2"): the space between them is a no-break space, since Word breaks
// the lines.
func (bd *body) runs(rs []document.Run) {
	for i, r := range rs {
		if r.Text == "" {
			continue
		}
		next := ""
		if i+1 < len(rs) {
			next = rs[i+1].Text
		}
		r.Text = document.GlueNumbers(r.Text, next)
		switch {
		case r.Ref != "" && bd.bookmarks[r.Ref] != "":
			bd.crossRef(r)
		case r.URL != "":
			bd.b.WriteString(`<w:hyperlink r:id="rId` + strconv.Itoa(bd.linkRel(r.URL)) + `" w:history="1">`)
			bd.run(r, "Hyperlink")
			bd.b.WriteString("</w:hyperlink>")
		default:
			bd.run(r, "")
		}
	}
}

// crossRef writes a cross-reference as an internal hyperlink to the target
// heading's bookmark. Where Word numbers that heading and the reference
// ends with its number ("Clause 12.2", "Annex I.B"), the number is a REF
// field to the bookmark, in full context (\w: "12.2", not the "2" that
// relative context gives inside Clause 12) and without the trailing full
// stop, as Word's own cross-references to a paragraph number are written:
// it shows the number dpakit computed until fields are updated, and then
// the heading's number wherever counsel have moved it.
func (bd *body) crossRef(r document.Run) {
	name := bd.bookmarks[r.Ref]
	bd.b.WriteString(`<w:hyperlink w:anchor="`)
	bd.b.WriteString(name)
	bd.b.WriteString(`" w:history="1">`)
	if prefix, number, ok := bd.numberedRef(r); ok {
		if prefix != "" {
			pr := r
			pr.Text = prefix
			bd.run(pr, "CrossReference")
		}
		bd.b.WriteString(`<w:fldSimple w:instr=" REF `)
		bd.b.WriteString(name)
		bd.b.WriteString(` \w \h ">`)
		nr := r
		nr.Text = number
		bd.run(nr, "CrossReference")
		bd.b.WriteString("</w:fldSimple>")
	} else {
		bd.run(r, "CrossReference")
	}
	bd.b.WriteString("</w:hyperlink>")
}

// numberedRef splits a cross-reference to a heading Word numbers into the
// words before the number and the number ("Clause " and "12.2"; "Annex I."
// and "B"). It reports false for any other reference: to a heading
// numbered as text, or whose text does not end with the heading's number
// after a space (a no-break one, as runs writes it) or a full stop.
func (bd *body) numberedRef(r document.Run) (prefix, number string, ok bool) {
	h := bd.wordNumbered[r.Ref]
	if h == nil || h.Number == "" {
		return "", "", false
	}
	prefix, ok = strings.CutSuffix(r.Text, h.Number)
	if !ok || prefix != "" && !strings.HasSuffix(prefix, " ") && !strings.HasSuffix(prefix, document.NoBreakSpace) && !strings.HasSuffix(prefix, ".") {
		return "", "", false
	}
	return prefix, h.Number, true
}

// number numbers d's headings and paragraphs before anything is written,
// since a cross-reference may point forward: it returns the numbering of
// each block by its index (zero for the blocks Word does not number) and,
// by ID, the headings whose number Word computes. n then holds the
// numbering instances numbering.xml defines.
func number(n *numberer, d *document.Document) ([]numRef, map[string]*document.Heading) {
	refs := make([]numRef, len(d.Blocks))
	wordNumbered := map[string]*document.Heading{}
	for i, b := range d.Blocks {
		switch b := b.(type) {
		case *document.Heading:
			if b.Level <= 1 {
				n.part()
			}
			refs[i] = n.heading(b)
			if refs[i].numID != 0 && b.ID != "" {
				wordNumbered[b.ID] = b
			}
		case *document.Paragraph:
			refs[i] = n.paragraph(b)
		}
	}
	return refs, wordNumbered
}

// linkRel returns the relationship id for an external URL.
func (bd *body) linkRel(url string) int {
	for i, u := range bd.links {
		if u == url {
			return firstLinkRel + i
		}
	}
	bd.links = append(bd.links, url)
	return firstLinkRel + len(bd.links) - 1
}

func (bd *body) run(r document.Run, charStyle string) {
	bd.b.WriteString("<w:r>")
	if charStyle != "" || r.Bold || r.Italic {
		bd.b.WriteString("<w:rPr>")
		if charStyle != "" {
			bd.b.WriteString(`<w:rStyle w:val="` + charStyle + `"/>`)
		}
		if r.Bold {
			bd.b.WriteString("<w:b/>")
		}
		if r.Italic {
			bd.b.WriteString("<w:i/>")
		}
		bd.b.WriteString("</w:rPr>")
	}
	bd.b.WriteString(`<w:t xml:space="preserve">`)
	escapeText(bd.b, r.Text)
	bd.b.WriteString("</w:t></w:r>")
}

// text writes plain text as one run, optionally with a character style.
func (bd *body) text(s, charStyle string) { bd.run(document.Run{Text: s}, charStyle) }

// table writes a Word table: fixed column widths from the content, the
// header row repeated on every page, rows never split across pages.
func (bd *body) table(t *document.Table) {
	cols := len(t.Header)
	for _, row := range t.Rows {
		cols = max(cols, len(row))
	}
	if cols == 0 {
		return
	}
	widths := columnWidths(t, cols, bd.textWidth)
	b := bd.b
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="DPATable"/><w:tblW w:w="` + strconv.Itoa(bd.textWidth) + `" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	b.WriteString("</w:tblGrid>")
	if len(t.Header) > 0 {
		bd.row(t.Header, t.Align, widths, true)
	}
	for _, r := range t.Rows {
		bd.row(r, t.Align, widths, false)
	}
	b.WriteString("</w:tbl>")
	// Word merges two adjacent tables and wants a paragraph after a table
	// that ends a document.
	bd.para(pprops{style: "TableGap"}, func() {})
}

func (bd *body) row(cells []document.Cell, align []document.Align, widths []int, header bool) {
	b := bd.b
	b.WriteString("<w:tr><w:trPr><w:cantSplit/>")
	if header {
		b.WriteString("<w:tblHeader/>")
	}
	b.WriteString("</w:trPr>")
	for i, w := range widths {
		b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(w) + `" w:type="dxa"/>`)
		if header {
			b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="ECECEC"/>`)
		}
		b.WriteString("</w:tcPr>")
		p := pprops{style: "TableText"}
		if header {
			p.style = "TableHeading"
		}
		if i < len(align) {
			switch align[i] {
			case document.AlignCenter:
				p.jc = "center"
			case document.AlignRight:
				p.jc = "right"
			}
		}
		bd.para(p, func() {
			if i < len(cells) {
				bd.runs(cells[i].Runs)
			}
		})
		b.WriteString("</w:tc>")
	}
	b.WriteString("</w:tr>")
}

// columnWidths shares total twips among cols columns by the length of
// their longest cell text (up to 60 characters), and then widens any column
// too narrow for its longest word (an e-mail address, a web address, a
// long name), which Word would otherwise break inside, at the expense of
// the columns that have room to spare.
func columnWidths(t *document.Table, cols, total int) []int {
	weight := make([]int, cols)
	least := make([]int, cols)
	measure := func(cells []document.Cell) {
		for i, c := range cells {
			if i < cols {
				text := document.PlainText(c.Runs)
				weight[i] = max(weight[i], min(len(text), 60))
				least[i] = max(least[i], min(longestWord(text)*tableCharWidth+2*cellMargin, total/2))
			}
		}
	}
	measure(t.Header)
	for _, r := range t.Rows {
		measure(r)
	}
	sum := 0
	for i := range weight {
		weight[i] += 8
		sum += weight[i]
	}
	out := make([]int, cols)
	used := 0
	for i := range weight {
		out[i] = total * weight[i] / sum
		used += out[i]
	}
	out[cols-1] += total - used
	widen(out, least)
	return out
}

// tableCharWidth is the width, in twips, allowed for a character of table
// text: 9.5 point Times New Roman, whose lower-case letters average about
// 0.45 em (86 twips); a word's count includes its punctuation, which makes
// room for the wider "@" and "m".
const tableCharWidth = 85

// widen raises each width below its least to that least, taking the twips
// from the other columns in proportion to what they have above their own
// least, so the total stays the same. Where the leasts together exceed the
// total, the widths are left as they are.
func widen(out, least []int) {
	need, spare := 0, 0
	under := make([]bool, len(out))
	for i := range out {
		if out[i] < least[i] {
			need += least[i] - out[i]
			under[i] = true
		} else {
			spare += out[i] - least[i]
		}
	}
	if need == 0 || need > spare {
		return
	}
	taken, last := 0, 0
	for i := range out {
		if !under[i] && out[i] > least[i] {
			cut := need * (out[i] - least[i]) / spare
			out[i] -= cut
			taken += cut
			last = i
		}
	}
	out[last] -= need - taken // what rounding down left
	for i := range out {
		if under[i] {
			out[i] = least[i]
		}
	}
}

// longestWord returns the length in characters of the longest run of
// non-space characters in s.
func longestWord(s string) int {
	longest, n := 0, 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			n = 0
			continue
		}
		n++
		longest = max(longest, n)
	}
	return longest
}

// signatures writes the signature panels side by side in a borderless
// table whose one row Word never splits across pages.
func (bd *body) signatures(s *document.SignatureBlock) {
	if len(s.Intro) > 0 {
		bd.para(pprops{keepNext: true}, func() { bd.runs(s.Intro) })
	}
	if len(s.Parties) == 0 {
		return
	}
	b := bd.b
	cols := len(s.Parties)
	w := bd.textWidth / cols
	// The table is moved left by its cells' margin, so the panels' text
	// lines up with the body's.
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="SignatureTable"/><w:tblW w:w="` + strconv.Itoa(bd.textWidth) + `" w:type="dxa"/><w:tblInd w:w="-` + strconv.Itoa(cellMargin) + `" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for range s.Parties {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	b.WriteString(`</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>`)
	for _, p := range s.Parties {
		b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(w) + `" w:type="dxa"/></w:tcPr>`)
		sig := pprops{style: "Signature", keepNext: true}
		bd.para(sig, func() { bd.run(document.Run{Text: p.Role, Bold: true}, "") })
		bd.para(sig, func() { bd.text(p.Party, "") })
		bd.ruledLine("Signature:", w, true)
		bd.para(sig, func() { bd.text("Name: "+p.Name, "") })
		bd.para(sig, func() { bd.text("Title: "+p.Title, "") })
		bd.ruledLine("Date:", w, false)
		b.WriteString("</w:tc>")
	}
	b.WriteString("</w:tr></w:tbl>")
	bd.para(pprops{style: "TableGap"}, func() {})
}

// cellMargin is the left and right margin of a table cell (TableNormal's),
// in twips.
const cellMargin = 108

// ruledLine writes a line to sign or date on: the label, then a tab whose
// underscore leader rules the rest of a signature panel cellWidth wide, so
// every line ends at the same place, short of the panel's edge, however
// long its label, as the PDF's ruled lines do.
func (bd *body) ruledLine(label string, cellWidth int, keepNext bool) {
	b := bd.b
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="SignatureLine"/>`)
	if keepNext {
		b.WriteString("<w:keepNext/>")
	}
	b.WriteString(`<w:tabs><w:tab w:val="right" w:leader="underscore" w:pos="` + strconv.Itoa(cellWidth-2*cellMargin-hangWidth/2) + `"/></w:tabs></w:pPr>`)
	bd.text(label+" ", "")
	b.WriteString("<w:r><w:tab/></w:r></w:p>")
}
