package mddoc

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/fixtures"
	"github.com/dpakit/dpakit/templates"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// TestEscapeRoundTrip renders names full of Markdown syntax and checks that
// a Markdown renderer shows them exactly as typed.
func TestEscapeRoundTrip(t *testing.T) {
	names := []string{
		"*Acme* | <b>bold</b>", "{{.}}", "_under_ `code` [link](x)", "# Heading", "1. Not a list",
		"- not a bullet", "+ plus", "= equals", "a\\b", "AT&T &amp;", "~strike~ !bang", "42) paren",
	}
	for _, name := range names {
		d := &document.Document{Blocks: []document.Block{
			&document.Paragraph{Runs: []document.Run{{Text: name}}},
		}}
		var md bytes.Buffer
		if err := New().Write(&md, d); err != nil {
			t.Fatal(err)
		}
		var html bytes.Buffer
		if err := goldmark.Convert(md.Bytes(), &html); err != nil {
			t.Fatal(err)
		}
		got := strings.TrimSpace(html.String())
		got = strings.TrimSuffix(strings.TrimPrefix(got, "<p>"), "</p>")
		want := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(name)
		if got != want {
			t.Errorf("%q: Markdown %q renders as %q, want %q", name, md.String(), got, want)
		}
	}
}

func TestStructure(t *testing.T) {
	d := &document.Document{Blocks: []document.Block{
		&document.Heading{Level: 2, Number: "3", Text: "Security", ID: "security"},
		&document.Paragraph{Marker: "3.1", Indent: 1, Runs: []document.Run{{Text: "See "}, {Text: "Annex II", Ref: "annex-ii"}}},
		&document.Paragraph{Marker: "(a)", Indent: 2, Runs: []document.Run{{Text: "bold", Bold: true}}},
		&document.Paragraph{Indent: 1, Runs: []document.Run{{Text: "continued"}}},
		&document.Paragraph{Marker: "•", Indent: 1, Runs: []document.Run{{Text: "bullet"}}},
		&document.Paragraph{Marker: "–", Indent: 2, Runs: []document.Run{{Text: "nested bullet"}}},
		&document.Table{Header: []document.Cell{{Runs: []document.Run{{Text: "A"}}}, {Runs: []document.Run{{Text: "B"}}}},
			Rows: [][]document.Cell{{{Runs: []document.Run{{Text: "x|y"}}}, {Runs: []document.Run{{Text: "z"}}}}}},
	}}
	var buf bytes.Buffer
	if err := New().Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	want := "<a id=\"security\"></a>\n\n## 3\\. Security\n\n- 3.1 See [Annex II](#annex-ii)\n\n  - (a) **bold**\n\n  continued\n\n- bullet\n\n  - nested bullet\n\n| A | B |\n|---|---|\n| x\\|y | z |\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestExampleThroughGoldmark renders the example DPA and reads it back
// with a CommonMark renderer: every numbered or bulleted paragraph is a
// list item, nested as deep as it is indented, and every internal link
// has its anchor.
func TestExampleThroughGoldmark(t *testing.T) {
	eng, err := assemble.LoadEngine(clauses.FS, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	profile, _ := fs.ReadFile(fixtures.FS, fixtures.Profile)
	data, _ := fs.ReadFile(fixtures.FS, fixtures.ExampleDeal)
	d, err := deal.NewValidator(deal.Options{}).Load(data, fixtures.ExampleDeal, profile, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := eng.Assemble(d, "dpa")
	if err != nil {
		t.Fatal(err)
	}
	var md, out bytes.Buffer
	if err := New().Write(&md, doc); err != nil {
		t.Fatal(err)
	}
	gm := goldmark.New(goldmark.WithExtensions(extension.Table), goldmark.WithRendererOptions(html.WithUnsafe()))
	if err := gm.Convert(md.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	rendered := out.String()

	items, nested := 0, 0
	for _, b := range doc.Blocks {
		if p, ok := b.(*document.Paragraph); ok && p.Marker != "" {
			items++
			if p.Indent > 1 {
				nested++
			}
		}
	}
	if got := strings.Count(rendered, "<li>"); got != items || items < 100 {
		t.Errorf("goldmark finds %d list items, the document has %d numbered or bulleted paragraphs", got, items)
	}
	if got := strings.Count(rendered, "<ul>"); got < 10 || nested == 0 {
		t.Errorf("goldmark finds %d lists (%d nested items)", got, nested)
	}
	if strings.Contains(rendered, "<pre>") {
		t.Error("some text reads as a code block")
	}

	links := regexp.MustCompile(`\]\(#([^)]+)\)`).FindAllStringSubmatch(md.String(), -1)
	if len(links) < 20 {
		t.Fatalf("found %d internal links in the Markdown, want many", len(links))
	}
	for _, l := range links {
		if !strings.Contains(md.String(), `<a id="`+l[1]+`"></a>`) {
			t.Errorf("the Markdown link to #%s has no anchor", l[1])
		}
		if !strings.Contains(rendered, `href="#`+l[1]+`"`) || !strings.Contains(rendered, `id="`+l[1]+`"`) {
			t.Errorf("in goldmark's HTML, the link to #%s or its target is missing", l[1])
		}
	}
}
