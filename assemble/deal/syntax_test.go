package deal

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestSyntaxProblems checks that YAML syntax errors are explained in plain
// words at the line that holds the mistake, without the parser's "line N:"
// (yaml.v3 names the 0-based line where the enclosing construct began for
// most of them, so one too early or several lines up).
func TestSyntaxProblems(t *testing.T) {
	example, err := os.ReadFile("../../fixtures/deals/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// edit returns the example deal with the line that starts with old
	// replaced by repl, and the (1-based) number of that line.
	edit := func(old, repl string) (string, int) {
		lines := strings.Split(string(example), "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, old) {
				lines[i] = repl
				return strings.Join(lines, "\n"), i + 1
			}
		}
		t.Fatalf("example.yaml has no line starting %q", old)
		return "", 0
	}
	colonDeal, colonLine := edit("  signatory: { name: Stefan Brandt", "  signatory: { name: Javier Ruiz, title: Consejero Delegado: CEO }")
	indentDeal, indentLine := edit("  role: controller", " role: controller")

	tests := []struct {
		name, in string
		line     int
		want     string
	}{
		{"colon in a flow mapping, example deal", colonDeal, colonLine,
			fmt.Sprintf(`the value of title on line %d is not quoted but contains ": "; a value that contains ": " must be quoted, such as title: "Consejero Delegado: CEO"`, colonLine)},
		{"key indented one space less, example deal", indentDeal, indentLine,
			fmt.Sprintf(`check the indentation of line %d: keys of one mapping start in the same column ("role" starts in column 2, "country" on line %d in column 3)`, indentLine, indentLine-1)},
		{"colon in a flow mapping on line 1", "signatory: { name: Javier Ruiz, title: Consejero Delegado: CEO }\n", 1,
			`the value of title on line 1 is not quoted but contains ": "; a value that contains ": " must be quoted, such as title: "Consejero Delegado: CEO"`},
		{"colon in a flow mapping over two lines", "a: 1\ncustomer:\n  signatory: { name: Javier Ruiz,\n    title: Consejero Delegado: CEO }\n  b: 2\n", 4,
			`the value of title on line 4 is not quoted but contains ": "; a value that contains ": " must be quoted, such as title: "Consejero Delegado: CEO"`},
		{"colon in a flow list", "a: 1\nmodules: [a, b: c d: e]\n", 2,
			`the value of b on line 2 is not quoted but contains ": "; a value that contains ": " must be quoted, such as b: "c d: e"`},
		{"colon in a block value", "a: 1\ncustomer:\n  title: Consejero Delegado: CEO # the CEO\n", 3,
			`the value of title on line 3 is not quoted but contains ": "; a value that contains ": " must be quoted, such as title: "Consejero Delegado: CEO"`},
		{"colon in a value with a double quote", "customer: {title: Chief \"Data\": CEO}\n", 1,
			`the value of title on line 1 is not quoted but contains ": "; a value that contains ": " must be quoted, such as title: 'Chief "Data": CEO'`},
		{"flow mapping not closed", "a: 1\ncustomer:\n  signatory: { name: Javier Ruiz, title: CEO\n  b: 2\n", 3,
			"the mapping opened with { on line 3 is not closed: end it with }"},
		{"flow mapping not closed at the end", "a: 1\ncustomer:\n  signatory: { name: Javier Ruiz, title: CEO\n", 3,
			"the mapping opened with { on line 3 is not closed: end it with }"},
		{"flow mapping not closed before another", "customer:\n  contact: { name: Jana, title: DPO\n  signatory: { name: Stefan, title: MD }\n", 2,
			"the mapping opened with { on line 2 is not closed: end it with }"},
		{"flow list not closed", "a: 1\nscc:\n  modules: [2, 3\n  x: 1\n", 3,
			"the list opened with [ on line 3 is not closed: end it with ]"},
		{"flow list not closed at the end", "customer:\n  name: [Acme\n", 2,
			"the list opened with [ on line 2 is not closed: end it with ]"},
		{"flow list closed with a brace", "a: 1\nscc:\n  modules: [2, 3}\n", 3,
			"the list opened with [ on line 3 is closed with } on line 3: close it with ]"},
		{"brace that closes nothing", "customer: { name: a }}\n", 1,
			"line 1 has a } that closes nothing: remove it, or add the { that opens it"},
		{"key indented less than its siblings", "a: 1\ncustomer:\n  name: x\n role: controller\n  country: DE\n", 4,
			`check the indentation of line 4: keys of one mapping start in the same column ("role" starts in column 2, "name" on line 3 in column 3)`},
		{"key indented more than its siblings", "a: 1\ncustomer:\n  name: x\n   role: controller\n  country: DE\n", 4,
			`check the indentation of line 4: keys of one mapping start in the same column ("role" starts in column 4, "name" on line 3 in column 3)`},
		{"key of a list item indented less", "subprocessors:\n  list:\n    - name: A\n     country: US\n", 4,
			`check the indentation of line 4: keys of one mapping start in the same column ("country" starts in column 6, "name" on line 3 in column 7)`},
		{"tab", "a: 1\ncustomer:\n\tname: x\n", 3,
			"indent with spaces, not tabs (a tab is at column 1 of line 3)"},
		{"double quote not closed", "a: 1\ncustomer:\n  name: \"Acme\n  role: x\n", 3,
			`the quoted value that starts with " on line 3 is not closed: end it with "`},
		{"single quote not closed", "a: 1\ncustomer:\n  name: 'Acme\n  role: x\n", 3,
			`the quoted value that starts with ' on line 3 is not closed: end it with '`},
		{"quote not closed in a flow mapping", "a: 1\ncustomer: { name: \"Acme, role: x }\nb: 2\n", 2,
			`the quoted value that starts with " on line 2 is not closed: end it with "`},
		{"mapping entry in a list", "a: 1\nscc:\n  modules:\n    - 2\n    three: 3\n", 5,
			`line 5 is inside the list of modules (line 3) but does not start with "- ": start each item of a list with "- ", or indent line 5 like modules if it is not an item`},
		{"list entry without its dash", "subprocessors:\n  list:\n    - name: A\n      country: US\n    name: B\n    country: DE\n", 5,
			`line 5 is inside the list of list (line 2) but does not start with "- ": start each item of a list with "- ", or indent line 5 like list if it is not an item`},
		{"list item among keys", "customer:\n  name: A\n  - x\n", 3,
			`line 3 starts a list item ("- ") among the keys of a mapping: a list is the value of a key, on the lines after that key and indented more than it`},
		{"text after a quoted value", "customer:\n  name: \"Acme\" GmbH\n", 2,
			`text follows the closing quote of the value of name on line 2: quote the whole value, such as name: '"Acme" GmbH'`},
		{"value starting with @", "customer:\n  name: @acme\n", 2,
			`a value cannot start with @ unless it is quoted, such as name: "@acme" (line 2)`},
		{"value starting with a dash", "customer:\n  name: - Acme\n", 2,
			`a value that starts with "- " must be quoted, such as name: "- Acme", or a list written with each item on its own line after the key (line 2)`},
		{"no space after a colon", "customer:\n  name:Acme\n  role: x\n", 2,
			"put a space after the colon on line 2: write name: Acme"},
		{"no colon after a key", "customer:\n  name: Acme\n  role controller\n", 3,
			`line 3 has no colon: write a key and its value separated by ": ", such as role: controller`},
		{"no colon after a key, then a key", "customer:\n  name Acme\n  role: x\n", 2,
			`line 2 has no colon: write a key and its value separated by ": ", such as name: Acme`},
		{"anything else", "a: [1, ,]\n", 1,
			"is not valid YAML at line 1: did not find expected node content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse([]byte(tt.in), "deal.yaml")
			ps := problems(t, err)
			if len(ps) != 1 {
				t.Fatalf("problems = %v; want one", ps)
			}
			p := ps[0]
			if p.Rule != "syntax" || p.Line != tt.line || p.Message != tt.want || p.File != "deal.yaml" {
				t.Errorf("problem = %+v\nwant line %d, rule syntax, message %s", p, tt.line, tt.want)
			}
		})
	}
}
