// Package htmldoc writes an assembled Document as one self-contained,
// printable HTML page: the form app's preview and a format of its own.
package htmldoc

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/dpakit/dpakit/assemble/document"
)

// Writer writes Documents as HTML. The zero Writer is ready to use and safe
// for concurrent use.
type Writer struct{}

// New returns an HTML Writer.
func New() *Writer { return &Writer{} }

// style is the page's stylesheet: a contract's typography on screen and in
// print, with nothing fetched from elsewhere.
const style = `
:root{--ink:#1a1a1a;--rule:#b8b8b8;--muted:#555}
*{box-sizing:border-box}
body{margin:0;background:#f3f3f1;color:var(--ink);font:11pt/1.5 "Liberation Serif","Times New Roman",Georgia,serif}
main{max-width:46rem;margin:2rem auto;padding:3rem 3.5rem;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.15)}
.title{text-align:center;margin:0 0 2.5rem}
.title h1{font-size:20pt;margin:0 0 .75rem;letter-spacing:.02em}
.title p{margin:.25rem 0;text-align:center}
.title .subtitle{color:var(--muted)}
h1{font-size:15pt;margin:2.5rem 0 1rem}
h2{font-size:12pt;margin:1.75rem 0 .6rem;page-break-after:avoid;break-after:avoid}
h3{font-size:11pt;margin:1.25rem 0 .5rem;page-break-after:avoid;break-after:avoid}
.num{display:inline-block;min-width:2.5rem}
p{margin:.45rem 0;text-align:justify;hyphens:auto}
p.item{position:relative}
p.item .marker{position:absolute;left:-2.75rem;width:2.5rem;text-align:left}
.i1{margin-left:2.75rem}.i2{margin-left:5.25rem}.i3{margin-left:7.5rem}.i4{margin-left:9.5rem}
.i2 .marker,.i3 .marker,.i4 .marker{left:-2.25rem;width:2rem}
table{border-collapse:collapse;width:100%;margin:.75rem 0 1rem;font-size:9.5pt;line-height:1.35}
th,td{border:1px solid var(--rule);padding:.3rem .45rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#ececec}
td.c,th.c{text-align:center}td.r,th.r{text-align:right}
.sig{display:flex;gap:2.5rem;margin:2rem 0;page-break-inside:avoid;break-inside:avoid}
.sig>div{flex:1}
.sig .line{border-bottom:1px solid var(--ink);height:2.5rem;margin-bottom:.25rem}
.sig p{text-align:left;margin:.2rem 0}
a{color:inherit}
footer{max-width:46rem;margin:0 auto 2rem;color:var(--muted);font-size:9pt;text-align:center}
.newpage{page-break-before:always;break-before:page}
@media print{body{background:#fff}main{box-shadow:none;margin:0;padding:0;max-width:none}footer{display:none}}
`

// Write writes d to w as a complete HTML document. Every piece of text is
// HTML-escaped; nothing from the deal is ever markup.
func (*Writer) Write(w io.Writer, d *document.Document) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	e := func(s string) { bw.WriteString(html.EscapeString(s)) }
	bw.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	e(d.Meta.Title)
	if d.Meta.Reference != "" {
		bw.WriteString(" · ")
		e(d.Meta.Reference)
	}
	bw.WriteString("</title>\n")
	fmt.Fprintf(bw, "<meta name=\"generator\" content=\"dpakit\">\n<meta name=\"dpakit-deal-hash\" content=\"%s\">\n", html.EscapeString(d.Meta.DealHash))
	bw.WriteString("<style>" + style + "</style>\n</head>\n<body>\n<main>\n")
	for _, b := range d.Blocks {
		writeBlock(bw, b, e)
	}
	bw.WriteString("</main>\n<footer>")
	e(d.Meta.Title)
	if d.Meta.Reference != "" {
		bw.WriteString(" · Reference ")
		e(d.Meta.Reference)
	}
	bw.WriteString("</footer>\n</body>\n</html>\n")
	return bw.Flush()
}

func writeBlock(bw *bufio.Writer, b document.Block, e func(string)) {
	switch b := b.(type) {
	case *document.TitleBlock:
		bw.WriteString("<header class=\"title\">\n<h1>")
		e(b.Title)
		bw.WriteString("</h1>\n")
		if b.Subtitle != "" {
			bw.WriteString("<p class=\"subtitle\">")
			e(b.Subtitle)
			bw.WriteString("</p>\n")
		}
		for _, l := range b.Lines {
			bw.WriteString("<p>")
			writeRuns(bw, l, e)
			bw.WriteString("</p>\n")
		}
		bw.WriteString("</header>\n")
	case *document.Heading:
		tag := fmt.Sprintf("h%d", b.Level)
		bw.WriteString("<" + tag)
		if b.ID != "" {
			bw.WriteString(" id=\"")
			e(b.ID)
			bw.WriteString("\"")
		}
		if b.NewPage {
			bw.WriteString(" class=\"newpage\"")
		}
		bw.WriteString(">")
		if b.Number != "" {
			bw.WriteString("<span class=\"num\">")
			e(headingNumber(b))
			bw.WriteString("</span>")
		}
		e(document.GlueNumbers(b.Text, ""))
		bw.WriteString("</" + tag + ">\n")
	case *document.Paragraph:
		cls := ""
		if b.Indent > 0 {
			cls = fmt.Sprintf("i%d", min(b.Indent, 4))
		}
		if b.Marker != "" {
			cls = strings.TrimSpace(cls + " item")
		}
		if cls != "" {
			bw.WriteString("<p class=\"" + cls + "\">")
		} else {
			bw.WriteString("<p>")
		}
		if b.Marker != "" {
			bw.WriteString("<span class=\"marker\">")
			e(b.Marker)
			bw.WriteString("</span>")
		}
		writeRuns(bw, b.Runs, e)
		bw.WriteString("</p>\n")
	case *document.Table:
		bw.WriteString("<table>\n<thead><tr>")
		for i, c := range b.Header {
			bw.WriteString("<th" + alignClass(b.Align, i) + ">")
			writeRuns(bw, c.Runs, e)
			bw.WriteString("</th>")
		}
		bw.WriteString("</tr></thead>\n<tbody>\n")
		for _, row := range b.Rows {
			bw.WriteString("<tr>")
			for i, c := range row {
				bw.WriteString("<td" + alignClass(b.Align, i) + ">")
				writeRuns(bw, c.Runs, e)
				bw.WriteString("</td>")
			}
			bw.WriteString("</tr>\n")
		}
		bw.WriteString("</tbody>\n</table>\n")
	case *document.SignatureBlock:
		if len(b.Intro) > 0 {
			bw.WriteString("<p>")
			writeRuns(bw, b.Intro, e)
			bw.WriteString("</p>\n")
		}
		bw.WriteString("<section class=\"sig\">\n")
		for _, p := range b.Parties {
			bw.WriteString("<div>\n<p><strong>")
			e(p.Role)
			bw.WriteString("</strong><br>")
			e(p.Party)
			bw.WriteString("</p>\n<div class=\"line\"></div>\n<p>Signature</p>\n<p>Name: ")
			e(p.Name)
			bw.WriteString("</p>\n<p>Title: ")
			e(p.Title)
			bw.WriteString("</p>\n<p>Date:</p>\n</div>\n")
		}
		bw.WriteString("</section>\n")
	}
}

// headingNumber is the number as printed before a heading: "8." for a
// clause, "8.1" for a sub-clause, "B." for an annex section.
func headingNumber(h *document.Heading) string {
	if strings.Contains(h.Number, ".") {
		return h.Number
	}
	return h.Number + "."
}

func alignClass(a []document.Align, i int) string {
	if i < len(a) {
		switch a[i] {
		case document.AlignCenter:
			return " class=\"c\""
		case document.AlignRight:
			return " class=\"r\""
		}
	}
	return ""
}

// writeRuns writes styled runs, cross-references and URLs as links. A
// designation keeps its number on its line ("Article 28(3)", "Clause
// 12.2"): the space between them is a no-break space, since the browser
// breaks the lines.
func writeRuns(bw *bufio.Writer, runs []document.Run, e func(string)) {
	for i, r := range runs {
		next := ""
		if i+1 < len(runs) {
			next = runs[i+1].Text
		}
		var open, close string
		if r.Bold {
			open, close = "<strong>", "</strong>"
		}
		if r.Italic {
			open, close = open+"<em>", "</em>"+close
		}
		switch {
		case r.Ref != "":
			bw.WriteString("<a href=\"#")
			e(r.Ref)
			bw.WriteString("\">")
		case r.URL != "":
			bw.WriteString("<a href=\"")
			e(r.URL)
			bw.WriteString("\">")
		}
		bw.WriteString(open)
		e(document.GlueNumbers(r.Text, next))
		bw.WriteString(close)
		if r.Ref != "" || r.URL != "" {
			bw.WriteString("</a>")
		}
	}
}
