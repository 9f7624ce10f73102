package document

import "testing"

// TestKeepsNumber checks which designations stay on the line of their
// number.
func TestKeepsNumber(t *testing.T) {
	for _, tc := range []struct {
		word, next string
		want       bool
	}{
		{"Article", "28(3) of the GDPR", true},
		{"§", "1798.140(ag)(2)", true},
		{"Annex", "I.B describes", true},
		{"Annex", "III, the list", true},
		{"Clause", "9(a)", true},
		{"(Article", "28(4) of the GDPR)", true},
		{"“Annex", "I.B”", true},
		{"(Provider", "28", false},
		{"Annex", "Ireland", false},
		{"Article", "of the GDPR", false},
		{"article", "28", false},
		{"Provider", "28", false},
		{"Annex", "", false},
	} {
		if got := KeepsNumber(tc.word, tc.next); got != tc.want {
			t.Errorf("KeepsNumber(%q, %q) = %t, want %t", tc.word, tc.next, got, tc.want)
		}
	}
}

// TestGlueNumbers checks where the no-break spaces go, a space at the end
// of the text decided by the text that follows.
func TestGlueNumbers(t *testing.T) {
	const nb = NoBreakSpace
	for _, tc := range []struct{ s, next, want string }{
		{"under Article 28(3) GDPR and § 1798.140", "", "under Article" + nb + "28(3) GDPR and §" + nb + "1798.140"},
		{"as Annex I.B and Annex III describe", "", "as Annex" + nb + "I.B and Annex" + nb + "III describe"},
		{"Clause ", "6", "Clause" + nb},
		{"Clause ", "of", "Clause "},
		{"the Annex Ireland", "", "the Annex Ireland"},
		{"no spaces", "", "no spaces"},
		{"", "6", ""},
	} {
		if got := GlueNumbers(tc.s, tc.next); got != tc.want {
			t.Errorf("GlueNumbers(%q, %q) = %q, want %q", tc.s, tc.next, got, tc.want)
		}
	}
}

// TestAllBold checks which paragraphs are laid out as run-in headings,
// left-aligned rather than justified (PDF) or in the Subheading style (DOCX).
func TestAllBold(t *testing.T) {
	for _, tc := range []struct {
		runs []Run
		want bool
	}{
		{[]Run{{Text: "Nature of the processing", Bold: true}}, true},
		{[]Run{{Text: "Sensitive data ", Bold: true}, {Text: " "}, {Text: "(if any)", Bold: true}}, true},
		{[]Run{{Text: "Term:", Bold: true}, {Text: " the term of the Agreement"}}, false},
		{[]Run{{Text: " "}}, false},
		{nil, false},
	} {
		if got := AllBold(tc.runs); got != tc.want {
			t.Errorf("AllBold(%v) = %t, want %t", tc.runs, got, tc.want)
		}
	}
}
