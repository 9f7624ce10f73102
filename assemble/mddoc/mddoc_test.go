package mddoc

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/document"
	"github.com/yuin/goldmark"
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
		&document.Heading{Level: 2, Number: "3", Text: "Security"},
		&document.Paragraph{Marker: "3.1", Indent: 1, Runs: []document.Run{{Text: "See "}, {Text: "Annex II", Ref: "annex-ii"}}},
		&document.Paragraph{Marker: "(a)", Indent: 2, Runs: []document.Run{{Text: "bold", Bold: true}}},
		&document.Table{Header: []document.Cell{{Runs: []document.Run{{Text: "A"}}}, {Runs: []document.Run{{Text: "B"}}}},
			Rows: [][]document.Cell{{{Runs: []document.Run{{Text: "x|y"}}}, {Runs: []document.Run{{Text: "z"}}}}}},
	}}
	var buf bytes.Buffer
	if err := New().Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	want := "## 3\\. Security\n\n3.1 See [Annex II](#annex-ii)\n\n(a) **bold**\n\n| A | B |\n|---|---|\n| x\\|y | z |\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
