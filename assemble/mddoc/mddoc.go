// Package mddoc writes an assembled Document as Markdown: numbers and
// cross-references resolved, every piece of text escaped so that it reads
// exactly as the other formats do. Numbered and bulleted paragraphs are
// Markdown list items, nested by their depth, with their own labels ("8.2",
// "(a)") kept as text; every heading a cross-reference can point to carries
// an explicit anchor (<a id="annex-i-b"></a>), so that links resolve in
// GitHub, pandoc and editors alike, whatever ids they would generate.
package mddoc

import (
	"bufio"
	"io"
	"strings"

	"github.com/dpakit/dpakit/assemble/document"
)

// Writer writes Documents as Markdown. The zero Writer is ready to use and
// safe for concurrent use.
type Writer struct{}

// New returns a Markdown Writer.
func New() *Writer { return &Writer{} }

// Write writes d to w as CommonMark with GFM tables.
func (*Writer) Write(w io.Writer, d *document.Document) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	for i, b := range d.Blocks {
		if i > 0 {
			bw.WriteString("\n")
		}
		writeBlock(bw, b)
	}
	return bw.Flush()
}

func writeBlock(bw *bufio.Writer, b document.Block) {
	switch b := b.(type) {
	case *document.TitleBlock:
		bw.WriteString("# " + escape(b.Title) + "\n")
		if b.Subtitle != "" {
			bw.WriteString("\n" + escape(b.Subtitle) + "\n")
		}
		for _, l := range b.Lines {
			bw.WriteString("\n" + runs(l) + "\n")
		}
	case *document.Heading:
		prefix := strings.Repeat("#", b.Level)
		text := escape(b.Text)
		if b.Number != "" {
			num := b.Number
			if !strings.Contains(num, ".") {
				num += "."
			}
			text = escape(num) + " " + text
		}
		if b.ID != "" {
			// The anchor goes on its own line, so that the heading reads as
			// it would without it. IDs are letters, digits and hyphens.
			bw.WriteString(`<a id="` + b.ID + `"></a>` + "\n\n")
		}
		bw.WriteString(prefix + " " + text + "\n")
	case *document.Paragraph:
		writeParagraph(bw, b)
	case *document.Table:
		bw.WriteString("|")
		for _, c := range b.Header {
			bw.WriteString(" " + runs(c.Runs) + " |")
		}
		bw.WriteString("\n|")
		for i := range b.Header {
			a := document.AlignLeft
			if i < len(b.Align) {
				a = b.Align[i]
			}
			switch a {
			case document.AlignCenter:
				bw.WriteString(":---:|")
			case document.AlignRight:
				bw.WriteString("---:|")
			default:
				bw.WriteString("---|")
			}
		}
		bw.WriteString("\n")
		for _, row := range b.Rows {
			bw.WriteString("|")
			for _, c := range row {
				bw.WriteString(" " + runs(c.Runs) + " |")
			}
			bw.WriteString("\n")
		}
	case *document.SignatureBlock:
		if len(b.Intro) > 0 {
			bw.WriteString(runs(b.Intro) + "\n\n")
		}
		for i, p := range b.Parties {
			if i > 0 {
				bw.WriteString("\n")
			}
			bw.WriteString("**" + escape(p.Role) + "**: " + escape(p.Party) + "  \n")
			bw.WriteString("Signature: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_  \n")
			bw.WriteString("Name: " + escape(p.Name) + "  \n")
			bw.WriteString("Title: " + escape(p.Title) + "  \n")
			bw.WriteString("Date:\n")
		}
	}
}

// writeParagraph writes a paragraph. An item (a paragraph with a marker)
// is a bullet list item at its depth, with its marker as text: a Markdown
// ordered list cannot say "8.2" or "(a)". A continuation paragraph of an
// item is indented to the item's content.
func writeParagraph(bw *bufio.Writer, p *document.Paragraph) {
	depth := max(p.Indent, 1)
	switch {
	case p.Marker == "•" || p.Marker == "–":
		// A bullet (an en dash when nested) is the list item's own "-".
		bw.WriteString(strings.Repeat("  ", depth-1) + "- ")
	case p.Marker != "":
		bw.WriteString(strings.Repeat("  ", depth-1) + "- " + escape(p.Marker) + " ")
	case p.Indent > 0:
		bw.WriteString(strings.Repeat("  ", p.Indent))
	}
	bw.WriteString(runs(p.Runs) + "\n")
}

func runs(rs []document.Run) string {
	var b strings.Builder
	for _, r := range rs {
		t := escape(r.Text)
		if t == "" {
			continue
		}
		switch {
		case r.Bold && r.Italic:
			t = "***" + t + "***"
		case r.Bold:
			t = "**" + t + "**"
		case r.Italic:
			t = "*" + t + "*"
		}
		if r.Ref != "" {
			t = "[" + t + "](#" + r.Ref + ")"
		}
		b.WriteString(t)
	}
	return b.String()
}

// escape makes s literal Markdown: ASCII punctuation that Markdown treats
// as syntax is backslash-escaped and line breaks become spaces.
func escape(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if mdSpecial(s[i]) {
			n++
		}
	}
	out := s
	if n > 0 {
		// Every special character is ASCII, so bytes of multi-byte runes
		// pass through untouched.
		b := make([]byte, 0, len(s)+n)
		for i := 0; i < len(s); i++ {
			switch c := s[i]; c {
			case '\n', '\r', '\t':
				b = append(b, ' ')
			default:
				if mdSpecial(c) {
					b = append(b, '\\')
				}
				b = append(b, c)
			}
		}
		out = string(b)
	}
	// A line that starts like a list item or a heading is escaped at its start.
	if len(out) > 0 && (out[0] == '-' || out[0] == '+' || out[0] == '=') {
		out = "\\" + out
	}
	if i := strings.IndexAny(out, ".)"); i > 0 && i < 10 && allDigits(out[:i]) && (len(out) == i+1 || out[i+1] == ' ') {
		out = out[:i] + "\\" + out[i:]
	}
	return out
}

func mdSpecial(c byte) bool {
	switch c {
	case '\\', '`', '*', '_', '{', '}', '[', ']', '<', '>', '#', '|', '~', '!', '&', '\n', '\r', '\t':
		return true
	}
	return false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
