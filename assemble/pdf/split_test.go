package pdf

import (
	"slices"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/document"
)

// TestSplitWordAtAddressPunctuation checks where a word too long for its
// line breaks: before the punctuation of an e-mail or web address where it
// can (the mark starting the next line, so that a break never reads as
// hyphenation), between characters otherwise, and never wider than the
// line.
func TestSplitWordAtAddressPunctuation(t *testing.T) {
	fs, err := sharedFonts()
	if err != nil {
		t.Fatal(err)
	}
	const size = 10.0
	for _, tc := range []struct {
		word  string
		width float64 // points
		want  []string
	}{
		{"aws-EU-privacy@amazon.example", 95, []string{"aws-EU-privacy", "@amazon.example"}},
		{"dpo@atelier-lumiere.example", 80, []string{"dpo@atelier", "-lumiere.example"}},
		{"https://kestrel.example/legal/subprocessors", 120, []string{"https://kestrel.example/legal", "/subprocessors"}},
		{"Donaudampfschifffahrtsgesellschaft", 60, nil}, // no punctuation: between characters
	} {
		t.Run(tc.word, func(t *testing.T) {
			l := &layout{fs: fs, width: tc.width, headIDs: map[string]bool{}}
			w0, w1 := l.tokenize([]document.Run{{Text: tc.word}}, regular, size, func() string { return "test" })
			l.breakLines(w0, w1, tc.width, tc.width, size)
			var got []string
			for _, ln := range l.lines {
				var b strings.Builder
				for _, w := range l.lwords[ln.w0:ln.w1] {
					for _, f := range l.frags[w.f0:w.f1] {
						b.WriteString(f.text)
					}
				}
				got = append(got, b.String())
				if ln.w > tc.width+0.01 {
					t.Errorf("line %q is %.1f pt wide, more than %.0f", b.String(), ln.w, tc.width)
				}
			}
			if strings.Join(got, "") != tc.word {
				t.Fatalf("lines %q do not join to %q", got, tc.word)
			}
			if tc.want != nil && !slices.Equal(got, tc.want) {
				t.Errorf("lines %q, want %q", got, tc.want)
			}
			if tc.want == nil && len(got) < 2 {
				t.Errorf("lines %q: the word was not broken", got)
			}
		})
	}
}

// TestDesignationStaysWithNumber lays out a sentence whose line would
// otherwise end between "Article" and "28", and checks that it ends
// before "Article" instead.
func TestDesignationStaysWithNumber(t *testing.T) {
	fs, err := sharedFonts()
	if err != nil {
		t.Fatal(err)
	}
	const size = 10.0
	text := "The processor assists under Article 28(3)(e) of the GDPR."
	l := &layout{fs: fs, headIDs: map[string]bool{}}
	w0, w1 := l.tokenize([]document.Run{{Text: text}}, regular, size, func() string { return "test" })
	// Wide enough for "The processor assists under Article" but not for
	// "28(3)(e)" after it.
	width := fs.measure(regular, size, "The processor assists under Article 2")
	l.breakLines(w0, w1, width, width, size)
	var lines []string
	for _, ln := range l.lines {
		var b strings.Builder
		for i, w := range l.lwords[ln.w0:ln.w1] {
			if i > 0 {
				b.WriteString(" ")
			}
			for _, f := range l.frags[w.f0:w.f1] {
				b.WriteString(f.text)
			}
		}
		lines = append(lines, b.String())
	}
	if len(lines) < 2 || lines[0] != "The processor assists under" || !strings.HasPrefix(lines[1], "Article 28(3)(e)") {
		t.Errorf("lines %q: want the first to end before \"Article\" and the second to start with \"Article 28(3)(e)\"", lines)
	}
}
