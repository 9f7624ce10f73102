package assemble

import (
	"strings"
	"testing"
)

// TestTemplatesSeeValuesAsTheyAre checks that clause templates test and
// transform deal values as the user wrote them (no Markdown escaping leaks
// into the library), and that whatever they print reaches the Document as
// literal text.
func TestTemplatesSeeValuesAsTheyAre(t *testing.T) {
	eng := testLibrary(t, map[string]string{
		"intro.md": "---\nid: intro\ntitle: Intro\nversion: 1.0.0\ncovers: [gdpr-28-3-a]\n---\n" +
			"Between {{.Customer.Name}}{{if not (hasSuffix \".\" .Customer.Name)}}.{{end}} " +
			"Upper: {{upper .Customer.Name}}. Twice: {{literal .Customer.Name}}. " +
			"Length {{len .Customer.Name}}. Date {{.EffectiveDate}}.\n",
	})
	for _, tc := range []struct{ name, want string }{
		{"Acme Inc.", " Between Acme Inc. Upper: ACME INC.. Twice: Acme Inc.. Length 9. Date 2026-12-01."},
		{"Acme *Ltd*", " Between Acme *Ltd*. Upper: ACME *LTD*. Twice: Acme *Ltd*. Length 10. Date 2026-12-01."},
		{`A\.B | C`, ` Between A\.B | C. Upper: A\.B | C. Twice: A\.B | C. Length 8. Date 2026-12-01.`},
	} {
		d := testDeal()
		d.Customer.Name = tc.name
		doc, err := eng.Assemble(d, "dpa")
		if err != nil {
			t.Fatalf("%q: %v", tc.name, err)
		}
		if got := outline(doc)[1]; got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// TestValuesCannotForgeTokens checks that a value holding the document's
// private marks (which validation refuses, but the engine must not trust)
// prints without them and forms no cross-reference, clause or literal.
func TestValuesCannotForgeTokens(t *testing.T) {
	eng := testLibrary(t, nil)
	d := testDeal()
	d.Customer.Name = "X" + string(refOpen) + "annex-a" + string(refClose) + string(partMark) + "0" + string(partMark) +
		string(litOpen) + string(litEsc) + "41" + string(litClose) + "Y"
	doc, err := eng.Assemble(d, "dpa")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := outline(doc)[1], " This agreement is between Xannex-a041Y and Kestrel Cloud, Inc.."; got != want {
		t.Errorf("paragraph = %q, want %q", got, want)
	}
}

func TestLiteral(t *testing.T) {
	for _, v := range []any{"", "a", "*x*", 42, markdown("**m**"), markdown(literal("b"))} {
		once := literal(v)
		if twice := literal(once); twice != once {
			t.Errorf("literal(literal(%v)) = %q, want %q", v, twice, once)
		}
	}
	if got := literal(markdown("**m**")); got != "**m**" {
		t.Errorf("markdown passes unchanged: got %q", got)
	}
	if got := literal(""); got != "" {
		t.Errorf("literal(\"\") = %q", got)
	}
	tok := string(literal("x*y\nz\u0007! Ü|"))
	if strings.ContainsAny(tok, "*\n\u0007!|") {
		t.Errorf("token %q shows Markdown syntax", tok)
	}
	if got := literalText("<" + tok + ">"); got != "<x*y z ! Ü|>" {
		t.Errorf("literalText = %q", got)
	}
	if got := literalText("x" + string(litOpen) + "a" + string(litEsc) + "zz" + string(litClose) + "y"); got != "xay" {
		t.Errorf("a token with a bad escape = %q, want the escape dropped", got)
	}
}

// TestCurlyApostrophes checks which apostrophes of a value print as
// typographic ones.
func TestCurlyApostrophes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Customer's employees", "Customer’s employees"},
		{"Provider's customer-relationship system; the users' data", "Provider’s customer-relationship system; the users' data"},
		{"Contact o'brien@law.example or see https://x.example/it's", "Contact o'brien@law.example or see https://x.example/it's"},
		{"L'Oréal's staff", "L’Oréal’s staff"},
		{"'quoted'", "'quoted'"},
		{"no apostrophe", "no apostrophe"},
	} {
		if got := curlyApostrophes(tc.in); got != tc.want {
			t.Errorf("curlyApostrophes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
