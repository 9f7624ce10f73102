package htmldoc

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/document"
)

func doc(name string) *document.Document {
	return &document.Document{
		Meta: document.Meta{Title: "Data Processing Agreement", Reference: "DPA-1", DealHash: "abc"},
		Blocks: []document.Block{
			&document.TitleBlock{Title: "Data Processing Agreement", Subtitle: "Reference DPA-1", Lines: [][]document.Run{{{Text: "between " + name}}}},
			&document.Heading{Level: 2, Number: "1", Text: "Breaches", ID: "breach", Label: "Clause 1"},
			&document.Paragraph{Marker: "1.1", Indent: 1, Runs: []document.Run{{Text: "See "}, {Text: "Clause 1", Ref: "breach"}, {Text: " and ", Bold: true}, {Text: name, Italic: true}}},
			&document.Table{Header: []document.Cell{{Runs: []document.Run{{Text: "Name"}}}}, Rows: [][]document.Cell{{{Runs: []document.Run{{Text: name}}}}}, Align: []document.Align{document.AlignRight}},
			&document.SignatureBlock{Parties: []document.SignatureParty{{Role: "Customer", Party: name, Name: "Jana", Title: "CEO"}}},
		},
	}
}

func TestWriteEscapesEverything(t *testing.T) {
	name := `<script>alert("x")</script> & {{.}} *Acme*`
	var buf bytes.Buffer
	if err := New().Write(&buf, doc(name)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "<script>") {
		t.Error("a deal value reached the page as markup")
	}
	escaped := "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; {{.}} *Acme*"
	if n := strings.Count(out, escaped); n != 4 {
		t.Errorf("escaped name appears %d times, want 4 (title, paragraph, table, signature)", n)
	}
	for _, want := range []string{
		`<h2 id="breach"><span class="num">1.</span>Breaches</h2>`,
		// The browser may not part "Clause" from its number.
		"<span class=\"marker\">1.1</span>See <a href=\"#breach\">Clause\u00a01</a><strong> and </strong><em>",
		`<td class="r">`,
		"<title>Data Processing Agreement · DPA-1</title>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Self-contained: nothing is fetched from elsewhere.
	for _, bad := range []string{"<link", "<script", "src=", "@import", "url("} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
}
