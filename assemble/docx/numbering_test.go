package docx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/document"
)

func TestValueParsers(t *testing.T) {
	for _, tc := range []struct {
		s              string
		letter, roman  int
		isLet, isRoman bool
	}{
		{"a", 1, 0, true, false},
		{"h", 8, 0, true, false},
		{"i", 9, 1, true, true},
		{"v", 22, 5, true, true},
		{"z", 26, 0, true, false},
		{"aa", 27, 0, true, false},
		{"ii", 35, 2, true, true},
		{"iv", 0, 4, false, true},
		{"xiv", 0, 14, false, true},
		{"iiii", 0, 0, false, false}, // not canonical roman, not a letter run
		{"ab", 0, 0, false, false},
		{"", 0, 0, false, false},
		{"A", 0, 0, false, false},
	} {
		l, okL := letterValue(tc.s)
		r, okR := romanValue(tc.s)
		if okL != tc.isLet || (okL && l != tc.letter) || okR != tc.isRoman || (okR && r != tc.roman) {
			t.Errorf("%q: letter %d,%v roman %d,%v; want %d,%v %d,%v", tc.s, l, okL, r, okR, tc.letter, tc.isLet, tc.roman, tc.isRoman)
		}
	}
	for _, tc := range []struct {
		s      string
		c, i   int
		ok     bool
		dec    int
		decOK  bool
		alpha  int
		alphOK bool
	}{
		{s: "8.2", c: 8, i: 2, ok: true},
		{s: "8.0"},
		{s: "8.+2"},
		{s: "12.", dec: 12, decOK: true},
		{s: "-1."},
		{s: "B", alpha: 2, alphOK: true},
		{s: "b"},
	} {
		c, i, ok := itemValue(tc.s)
		d, dOK := decimalValue(tc.s)
		a, aOK := alphaValue(tc.s)
		if ok != tc.ok || c != tc.c || i != tc.i || dOK != tc.decOK || d != tc.dec || aOK != tc.alphOK || a != tc.alpha {
			t.Errorf("%q: item %d.%d %v, decimal %d %v, alpha %d %v", tc.s, c, i, ok, d, dOK, a, aOK)
		}
	}
}

// step describes how a block was numbered: "lit" for a number written as
// text, "-" for none, else "abstract/level" plus "+" when it starts a new
// w:num instance.
func steps(blocks []document.Block) []string {
	n := newNumberer()
	seen := map[int]bool{clausesNumID: true}
	var out []string
	for _, b := range blocks {
		var nr numRef
		var numbered bool
		switch b := b.(type) {
		case *document.Heading:
			if b.Level <= 1 {
				n.part()
			}
			nr, numbered = n.heading(b), b.Number != ""
		case *document.Paragraph:
			nr, numbered = n.paragraph(b), b.Marker != ""
		}
		switch {
		case !numbered:
			out = append(out, "-")
		case nr.numID == 0:
			out = append(out, "lit")
		default:
			s := fmt.Sprintf("%s/%d", abstractNames[nr.abstract], nr.ilvl)
			if !seen[nr.numID] {
				s += "+"
				seen[nr.numID] = true
			}
			out = append(out, s)
		}
	}
	return out
}

func h(level int, number string) *document.Heading {
	return &document.Heading{Level: level, Number: number, Text: "x"}
}

func p(indent int, marker string) *document.Paragraph {
	return &document.Paragraph{Indent: indent, Marker: marker, Runs: []document.Run{{Text: "x"}}}
}

// TestNumberer checks that Word numbering is used exactly where Word prints
// the Document's own number, and the number is written as text elsewhere.
func TestNumberer(t *testing.T) {
	for _, tc := range []struct {
		name   string
		blocks []document.Block
		want   string
	}{
		{"clauses and items",
			[]document.Block{h(2, "1"), p(1, "1.1"), p(2, "(a)"), p(2, "(b)"), p(3, "(i)"), p(3, "(ii)"), p(1, "1.2"), p(2, "(a)"), h(2, "2"), p(1, "2.1")},
			"DPA Clauses/0 DPA Clauses/1 DPA Clauses/2 DPA Clauses/2 DPA Clauses/3 DPA Clauses/3 DPA Clauses/1 DPA Clauses/2 DPA Clauses/0 DPA Clauses/1"},
		{"the ninth letter is a letter",
			[]document.Block{h(2, "1"), p(1, "1.1"), p(2, "(a)"), p(2, "(b)"), p(2, "(c)"), p(2, "(d)"), p(2, "(e)"), p(2, "(f)"), p(2, "(g)"), p(2, "(h)"), p(2, "(i)"), p(2, "(j)")},
			"DPA Clauses/0 DPA Clauses/1" + strings.Repeat(" DPA Clauses/2", 10)},
		{"a list that starts at (i) is roman",
			[]document.Block{p(0, ""), p(2, "(i)"), p(2, "(ii)"), p(2, "(iii)")},
			"- Roman List/0+ Roman List/0 Roman List/0"},
		{"letters under bullets are their own list, restarting",
			[]document.Block{h(2, "1"), p(1, "1.1"), p(1, "•"), p(2, "(a)"), p(1, "•"), p(2, "(a)"), p(2, "(b)")},
			"DPA Clauses/0 DPA Clauses/1 Bullet List/0+ DPA Clauses/2 Bullet List/0 Lettered List/0+ Lettered List/0"},
		{"preamble lists restart after a paragraph",
			[]document.Block{p(1, "1."), p(1, "2."), p(0, ""), p(1, "1."), p(1, "2.")},
			"Numbered List/0+ Numbered List/0 - Numbered List/0+ Numbered List/0"},
		{"annex sections restart per part",
			[]document.Block{h(1, ""), h(2, "A"), h(2, "B"), h(1, ""), h(2, "A")},
			"- Annex Sections/0+ Annex Sections/0 - Annex Sections/0+"},
		{"a clause that does not start at 1 starts a new instance",
			[]document.Block{h(2, "5"), p(1, "5.1")},
			"DPA Clauses/0+ DPA Clauses/1"},
		{"an item number Word cannot reach is written as text",
			[]document.Block{h(2, "1"), p(1, "1.1"), p(1, "1.3"), p(1, "7.1"), p(1, "1.x")},
			"DPA Clauses/0 DPA Clauses/1 lit lit lit"},
		{"an unknown marker is written as text",
			[]document.Block{p(1, "Art. 5"), p(1, "*")},
			"lit lit"},
		{"sub-clause headings take the item level",
			[]document.Block{h(2, "1"), h(3, "1.1"), h(3, "1.2"), h(3, "9.9")},
			"DPA Clauses/0 DPA Clauses/1 DPA Clauses/1 lit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(steps(tc.blocks), " "); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestLiteralFallback checks that a number Word cannot produce is printed as
// text, exactly as the Document has it, and that literalNumber (which
// TestFixturePackages uses to prove the fixtures need no such fallback)
// recognises it.
func TestLiteralFallback(t *testing.T) {
	d := &document.Document{Blocks: []document.Block{h(2, "1"), p(1, "1.1"), p(1, "1.3")}}
	w, _ := New(Options{})
	var buf bytes.Buffer
	if err := w.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	doc := open(t, buf.Bytes()).parts["word/document.xml"]
	m := literalNumber.FindSubmatch(doc)
	if m == nil || string(m[1]) != "1.3" {
		t.Fatalf("literal number not found: %q", m)
	}
	if strings.Contains(string(doc), ">1.1<") {
		t.Error("1.1 written as text although Word numbers it")
	}
}
