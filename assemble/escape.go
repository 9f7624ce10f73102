package assemble

import (
	"fmt"
	"reflect"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode"
	"unicode/utf8"
)

// Deal values reach the Document without a Markdown round trip. Every value
// a clause or template prints ({{.Customer.Name}}, {{country .SCC.Forum}})
// is written into the Markdown as an opaque token: litOpen, the value with
// every character Markdown could read as syntax (ASCII punctuation, control
// characters) written as litEsc and two hex digits, litClose. Goldmark sees
// letters, digits, spaces and private-use characters, which mean nothing to
// it between the token's ends, and the builder turns each token back into
// the value's text after parsing. So a value is never escaped, parsed or
// unescaped, and a clause author never thinks about escaping: templates see
// the values as they are ({{if hasSuffix "." .Processing.Nature}}), and
// whatever a value holds (*, _, |, #, a leading "1.") prints as written.
//
// Only what is Markdown by design passes unchanged: the tokens of included
// clauses and cross-references (type markdown), and the template's own
// text.
const (
	litOpen  = '\uE004'
	litClose = '\uE005'
	litEsc   = '\uE006'
)

// markdown is template output that is Markdown by design: the token of an
// included clause or a cross-reference. literal passes it unchanged.
type markdown string

// literalFunc is the template function every printing action is piped
// into (see addLiteral).
const literalFunc = "literal"

// literal returns the token that stands for v's printed text, or the text
// itself when it needs none: "" and markdown values. Its result is
// markdown, so literal applied twice is literal applied once.
func literal(v any) markdown {
	var s string
	switch x := v.(type) {
	case markdown:
		return x
	case string:
		s = x
	default:
		s = printed(v)
	}
	if plain(s) {
		return markdown(s)
	}
	s = curlyApostrophes(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2 + 8)
	b.WriteRune(litOpen)
	for _, r := range s {
		switch {
		case r >= refOpen && r <= litEsc:
			// the document's own marks have no place in a value
		case r < ' ' || r == 0x7f:
			b.WriteByte(' ')
		case r < utf8.RuneSelf && isPunct(byte(r)):
			b.WriteRune(litEsc)
			b.WriteByte(hexDigits[r>>4])
			b.WriteByte(hexDigits[r&0xf])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteRune(litClose)
	return markdown(b.String())
}

const hexDigits = "0123456789abcdef"

// curlyApostrophes returns s with each straight apostrophe between two
// letters ("Customer's", "o'clock") written as a typographic one (’), as
// the clause text writes its own, so a value typed on a keyboard does not
// print "Customer's employees" beside "Customer’s instructions". A word
// holding "@" or "://" (an e-mail address, a web address) is left as it
// is: its apostrophe is a character of the address.
func curlyApostrophes(s string) string {
	if !strings.Contains(s, "'") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' && letterBefore(s, i) && letterAfter(s, i+1) && !inAddress(s, i) {
			b.WriteString(s[last:i])
			b.WriteString("’")
			last = i + 1
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

// letterBefore reports whether the rune that ends s[:i] is a letter.
func letterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

// letterAfter reports whether the rune that starts s[i:] is a letter.
func letterAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// inAddress reports whether the word around s[i] (between white space) is
// an e-mail or web address.
func inAddress(s string, i int) bool {
	start := strings.LastIndexAny(s[:i], " \t\n") + 1
	end := strings.IndexAny(s[i:], " \t\n")
	if end < 0 {
		end = len(s)
	} else {
		end += i
	}
	word := s[start:end]
	return strings.Contains(word, "@") || strings.Contains(word, "://")
}

// plain reports whether s means the same as Markdown and as text, so that it
// needs no token: letters and digits with single spaces between words.
// Markdown gives meaning only to ASCII punctuation, control characters and
// runs of spaces, and a token would take a letter's place in the
// surrounding text, so the parsed tree is the same either way.
func plain(s string) bool {
	space := true // no leading space
	for _, r := range s {
		switch {
		case r == ' ':
			if space {
				return false
			}
			space = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			space = false
		default:
			return false
		}
	}
	return !space || s == ""
}

// printed formats v as text/template prints a value: through a non-nil
// pointer, with fmt's default format (so String methods apply).
func printed(v any) string {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		if _, ok := rv.Interface().(fmt.Stringer); ok {
			break
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return ""
	}
	return fmt.Sprint(rv.Interface())
}

// appendLiteral appends the text of a token body (what literal wrote
// between litOpen and litClose) to text. An escape that is cut short or not
// hex, and any other mark, add nothing: they cannot come from literal.
func appendLiteral(text []byte, body string) []byte {
	for body != "" {
		i := strings.IndexFunc(body, func(r rune) bool { return r >= refOpen && r <= litEsc })
		if i < 0 {
			return append(text, body...)
		}
		text = append(text, body[:i]...)
		r, n := utf8.DecodeRuneInString(body[i:])
		body = body[i+n:]
		if r != litEsc || len(body) < 2 {
			continue
		}
		hi, lo := strings.IndexByte(hexDigits, body[0]), strings.IndexByte(hexDigits, body[1])
		if hi >= 0 && lo >= 0 {
			text = append(text, byte(hi<<4|lo))
		}
		body = body[2:]
	}
	return text
}

// addLiteral pipes the output of every printing action of t and of the
// templates it defines into the literal function: {{.Customer.Name}}
// becomes {{.Customer.Name | literal}}. Actions that declare or assign a
// variable print nothing and are left alone.
func addLiteral(t *template.Template) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Root != nil {
			pipeLiteral(tt.Tree, tt.Root)
		}
	}
}

func pipeLiteral(tree *parse.Tree, l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if p := n.Pipe; p != nil && len(p.Decl) == 0 && !printsMarkdown(p) {
				id := parse.NewIdentifier(literalFunc).SetTree(tree).SetPos(p.Pos)
				p.Cmds = append(p.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: p.Pos, Args: []parse.Node{id}})
			}
		case *parse.IfNode:
			pipeLiteral(tree, n.List)
			pipeLiteral(tree, n.ElseList)
		case *parse.WithNode:
			pipeLiteral(tree, n.List)
			pipeLiteral(tree, n.ElseList)
		case *parse.RangeNode:
			pipeLiteral(tree, n.List)
			pipeLiteral(tree, n.ElseList)
		}
	}
}

// printsMarkdown reports whether a pipeline ends in a call of a view method
// that returns markdown by design ({{.Ref "breach"}}, {{.Clause "intro"}}),
// which needs no literal.
func printsMarkdown(p *parse.PipeNode) bool {
	last := p.Cmds[len(p.Cmds)-1]
	f, ok := last.Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return false
	}
	switch f.Ident[0] {
	case "Clause", "Ref", "RefOr", "DPARef", "DPARefOr":
		return true
	}
	return false
}

// isPunct reports whether c is ASCII punctuation, which a backslash escapes
// in Markdown.
func isPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
