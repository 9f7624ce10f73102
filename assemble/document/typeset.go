package document

import "strings"

// KeepsNumber reports whether word and the number at the start of next
// stay on one line: "Article 28", "§ 1798.140", "Annex I.B", "Clause
// 9(a)", as legal typesetting keeps a designation with its number, inside
// an opening bracket or quotation mark too ("(Article 28(4) of the GDPR)").
// Every writer that breaks lines (or leaves that to a word processor or a
// browser) applies it, so a reference is never split across lines.
func KeepsNumber(word, next string) bool {
	switch strings.TrimLeft(word, "([“‘\"'") {
	case "§", "§§", "Article", "Articles", "Art.", "Annex", "Annexes", "Clause", "Clauses",
		"Section", "Sections", "Part", "Schedule", "Table", "Recital":
	default:
		return false
	}
	if next == "" {
		return false
	}
	if c := next[0]; c >= '0' && c <= '9' {
		return true
	}
	// A Roman numeral: "Annex I", "Annex II.B", "Annex III".
	end := strings.IndexAny(next, " ,;:)")
	if end < 0 {
		end = len(next)
	}
	num, _, _ := strings.Cut(next[:end], ".")
	return num != "" && strings.Trim(num, "IVX") == ""
}

// NoBreakSpace is the character that joins a designation to its number in
// text: U+00A0.
const NoBreakSpace = "\u00a0"

// GlueNumbers returns s with each space that KeepsNumber holds between a
// designation and its number replaced by a no-break space, for writers whose
// reader breaks the lines: "Article 28(3)" stays whole in Word and in a
// browser. next is the text that follows s in the same paragraph, which
// decides whether a space at the end of s is such a space ("Clause " and a
// cross-reference's "6").
func GlueNumbers(s, next string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	var b strings.Builder
	start := 0 // start of the current word
	last := 0  // end of what has been written
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' {
			continue
		}
		rest := s[i+1:]
		if rest == "" {
			rest = next
		}
		if KeepsNumber(s[start:i], rest) {
			if b.Len() == 0 {
				b.Grow(len(s) + 8)
			}
			b.WriteString(s[last:i])
			b.WriteString(NoBreakSpace)
			last = i + 1
		}
		start = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// AllBold reports whether every run with text is bold: a paragraph that
// stands as a heading of what follows (a run-in heading such as Annex
// I.B's "Nature of the processing"), which writers set flush left and keep
// with the next paragraph.
func AllBold(runs []Run) bool {
	found := false
	for _, r := range runs {
		if strings.TrimSpace(r.Text) == "" {
			continue
		}
		if !r.Bold {
			return false
		}
		found = true
	}
	return found
}
