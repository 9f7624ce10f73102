package pdf

import (
	"io/fs"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/fixtures"
)

// brokenLines lays out text in regular style at size in lines of first
// (the first line) and rest points, and returns the lines, each checked to
// be no wider than its line: the words of a line joined by a space where
// one follows them, the pieces of a split word by nothing.
func brokenLines(t *testing.T, text string, size, first, rest float64) []string {
	t.Helper()
	fs, err := sharedFonts()
	if err != nil {
		t.Fatal(err)
	}
	l := &layout{fs: fs, width: rest, headIDs: map[string]bool{}}
	w0, w1 := l.tokenize([]document.Run{{Text: text}}, regular, size, func() string { return "test" })
	l.breakLines(w0, w1, first, rest, size)
	var lines []string
	for i, ln := range l.lines {
		var b strings.Builder
		for j, w := range l.lwords[ln.w0:ln.w1] {
			for _, f := range l.frags[w.f0:w.f1] {
				b.WriteString(f.text)
			}
			if j < ln.w1-ln.w0-1 && w.space > 0 {
				b.WriteString(" ")
			}
		}
		limit := rest
		if i == 0 {
			limit = first
		}
		if ln.w > limit+0.01 {
			t.Errorf("line %q is %.1f pt wide, more than %.1f", b.String(), ln.w, limit)
		}
		lines = append(lines, b.String())
	}
	return lines
}

// TestSplitWordPrefersAddressBreaks checks which break splitWord chooses
// when several fit: the one that splits an e-mail address between its
// mailbox and its domain rather than inside the domain (the PDF once
// printed "aws-EU-privacy@amazon" / ".example," in Annex III), a web
// address at a "/" of its path rather than inside its host or after
// "https:/", a kept space rather than a character, and no more pieces
// than the word needs.
func TestSplitWordPrefersAddressBreaks(t *testing.T) {
	fonts, err := sharedFonts()
	if err != nil {
		t.Fatal(err)
	}
	const size = cellSize
	w := func(s string) float64 { return fonts.measure(regular, size, s) }
	for _, tc := range []struct {
		text  string
		width float64
		want  []string
	}{
		// Room for "aws-EU-privacy@amazon" but not for the whole address:
		// the greedy break was the last one that fitted, before ".example,".
		{"aws-EU-privacy@amazon.example,", w("aws-EU-privacy@amazon.e"), []string{"aws-EU-privacy", "@amazon.example,"}},
		{"privacy@zendesk.example", w("privacy@zendesk.exa"), []string{"privacy", "@zendesk.example"}},
		// The domain does not fit a line of its own: it is broken once,
		// before a dot, after the mailbox and its "@" start the address.
		{"aws-EU-privacy@amazon.example", w("aws-EU-privacy") + 1, []string{"aws-EU-privacy", "@amazon", ".example"}},
		// Not after "https:" with a slash on either side.
		{"https://kestrel.example/legal/subprocessors", w("https://kestrel.example/le"), []string{"https://kestrel.example", "/legal/subprocessors"}},
		// After "//" rather than inside the host.
		{"https://www.kestrel-cloud.example", w("www.kestrel-cloud.example"), []string{"https://", "www.kestrel-cloud.example"}},
		// A full stop after an address is not a place to break before.
		{"privacy@kestrel.example.", w("privacy@kestrel.example"), []string{"privacy", "@kestrel.example."}},
		// A date too long for its line breaks at a space of its own, which
		// stays a space.
		{"30 September 2026", w("September") + 0.5, []string{"30", "September", "2026"}},
		{"30 September 2026", w("30 September 20"), []string{"30 September", "2026"}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got := brokenLines(t, tc.text, size, tc.width, tc.width)
			if !slices.Equal(got, tc.want) {
				t.Errorf("in %.1f pt: lines %q, want %q", tc.width, got, tc.want)
			}
		})
	}
}

// TestWordFittingALineIsNotSplit lays out a paragraph whose first line is
// narrower than the others (a numbered paragraph whose number is wider than
// its indent) and checks that a word too wide for the first line but not
// for the second moves to the second whole: only a word that cannot fit on
// a line of its own is split. (It was split to the first line's width, and
// its first piece, "Datenschutz", ended the first line.)
func TestWordFittingALineIsNotSplit(t *testing.T) {
	fonts, err := sharedFonts()
	if err != nil {
		t.Fatal(err)
	}
	const size = bodySize
	long := "Datenschutz-Grundverordnungsdurchführungsbestimmungen"
	rest := fonts.measure(regular, size, long) + 5
	first := rest - 20
	got := brokenLines(t, "Under the "+long+" of the Land.", size, first, rest)
	want := []string{"Under the", long, "of the Land."}
	if !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
}

// TestKeepsDate checks which spaces keepsDate holds.
func TestKeepsDate(t *testing.T) {
	for _, tc := range []struct {
		word, next string
		want       bool
	}{
		{"1", "December 2026 between", true},
		{"(31", "January 2027)", true},
		{"“1", "December 2026”", true},
		{"on 1 December", "2026.", true},
		{"1 December", "2026 between", true},
		{"1 December", "2026, the", true},
		{"December", "1, 2026", true},
		{"December 1,", "2026", true},
		{"1 December", "each year", false},
		{"within 30", "days", false},
		{"32", "December 2026", false},
		{"0", "December 2026", false},
		{"December", "20266", false},
		{"Module", "Two", false},
		{"December", "the", false},
		{"2026", "December", false},
		{"Annex", "May 2026", false},
	} {
		if got := keepsDate(tc.word, tc.next); got != tc.want {
			t.Errorf("keepsDate(%q, %q) = %v, want %v", tc.word, tc.next, got, tc.want)
		}
	}
}

var months = `(January|February|March|April|May|June|July|August|September|October|November|December)`

// splitDate matches a date broken across two lines of text.
var splitDate = regexp.MustCompile(`\b\d{1,2}[ \t]*\n\s*` + months + `\b|\b\d{1,2} ` + months + `[ \t]*\n\s*\d{4}\b|\b` + months + `[ \t]*\n\s*\d{1,2}, \d{4}|\b` + months + ` \d{1,2},[ \t]*\n\s*\d{4}`)

// TestDatesKeptTogether lays out a paragraph with dates at every width from
// 120 to 450 points in steps of a quarter point, so that each space of
// each date falls at the end of some line, and checks that no line breaks
// inside a date.
func TestDatesKeptTogether(t *testing.T) {
	text := "Provider provides the Services under the Master Subscription Agreement dated 1 March 2026 " +
		"between the parties, as amended on 30 September 2026 (Schedule 2), and this DPA takes effect on " +
		"1 December 2026, or on December 1, 2026 for the United States (the “Effective Date”), until 31 January 2031."
	for width := 120.0; width <= 450; width += 0.25 {
		lines := brokenLines(t, text, bodySize, width, width)
		joined := strings.Join(lines, "\n")
		if m := splitDate.FindString(joined); m != "" {
			t.Fatalf("in %.2f pt the lines break the date %q:\n%s", width, m, joined)
		}
		if got := strings.Join(lines, " "); got != text {
			t.Fatalf("in %.2f pt the lines join to %q, want %q", width, got, text)
		}
	}
}

// TestCoverAndTableInPDF renders the cover line of a deal with a long
// reference and the Annex III row of a sub-processor whose contact holds a
// long e-mail address, and checks the text pdftotext reads back: the
// effective date on one line and the address whole, in a column that the
// table can make wide enough for it.
func TestCoverAndTableInPDF(t *testing.T) {
	const (
		cover = "Reference DPA-20261201-BRIGHTLINE-MARKETING-SERVICES · Effective date 1 December 2026"
		addr  = "aws-EU-privacy@amazon.example"
	)
	d := &document.Document{Meta: document.Meta{Kind: "dpa", Title: "Data Processing Agreement", ShortTitle: "Data Processing Agreement", Reference: "DPA-20261201-BRIGHTLINE-MARKETING-SERVICES"}}
	d.Blocks = []document.Block{
		&document.TitleBlock{Title: "Data Processing Agreement", Lines: [][]document.Run{runs(cover), runs("between Brightline Marketing Services GmbH and Kestrel Cloud, Inc.")}},
		&document.Heading{Level: 1, Text: "Annex III: List of Sub-processors", ID: "annex-3"},
		&document.Table{
			Header: []document.Cell{{Runs: runs("Sub-processor")}, {Runs: runs("Processing performed")}, {Runs: runs("Location")}, {Runs: runs("Data processed")}, {Runs: runs("Transfer safeguard")}},
			Rows: [][]document.Cell{{
				{Runs: []document.Run{{Text: "Amazon Web Services EMEA SARL", Bold: true}, {Text: ", 38 Avenue John F. Kennedy, L-1855 Luxembourg; contact: AWS EMEA Privacy Team, " + addr + ", Data protection team"}}},
				{Runs: runs("Infrastructure service provider: hosting of the platform and its databases. Responsibilities: Hosts the platform and its databases; responsible for the physical and infrastructure security of the hosting only.")},
				{Runs: runs("EU (Ireland), eu-west-1")},
				{Runs: runs("Account data, usage logs and Customer content")},
				{Runs: runs("None required (EEA or adequate country)")},
			}, {
				{Runs: []document.Run{{Text: "Papertrail (SolarWinds Worldwide, LLC)", Bold: true}, {Text: ", 7171 Southwest Parkway, Building 400, Austin, TX 78735, United States; contact: SolarWinds Privacy Office, privacy@solarwinds.example, Privacy Officer"}}},
				{Runs: runs("Log management service: storage and search of system logs. Responsibilities: Stores and indexes the system logs it receives; responsible for the log service only.")},
				{Runs: runs("United States")},
				{Runs: runs("IP address, browser information and logging data")},
				{Runs: runs("Standard contractual clauses between Provider and the Sub-processor (Module Three) with the ICO International Data Transfer Addendum and the Swiss adaptations")},
			}},
		},
	}
	path := writeTemp(t, render(t, Options{Date: testDate}, d))
	text := tool(t, "pdftotext", "-enc", "UTF-8", "-layout", path, "-")
	if !regexp.MustCompile(`(?m)^.*\b1 December 2026\b.*$`).MatchString(text) {
		t.Errorf("no line holds the whole effective date \"1 December 2026\":\n%s", text)
	}
	if m := splitDate.FindString(text); m != "" {
		t.Errorf("the date is broken across lines: %q", m)
	}
	if !slices.Contains(strings.Fields(text), addr+",") {
		t.Errorf("the address %q is not whole on a line:\n%s", addr, text)
	}
}

// emailAddress matches an e-mail address in a fixture's YAML.
var emailAddress = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`)

// knownAddresses returns the e-mail addresses the fixture profile and
// deals give.
func knownAddresses(t *testing.T) map[string]bool {
	t.Helper()
	known := map[string]bool{}
	files, err := fs.Glob(fixtures.FS, "deals/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range append(files, fixtures.Profile) {
		b, err := fs.ReadFile(fixtures.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range emailAddress.FindAllString(string(b), -1) {
			known[a] = true
		}
	}
	return known
}

// checkWholeAddressesAndDates checks, in the words pdftotext reads back
// from a fixture's DPA (TestFixturePDFs), that every e-mail address is
// whole (each word with an "@" is one of the addresses the profile and the
// deals give, which all fit a column of the tables they are in) and that
// no date is broken across two lines.
func checkWholeAddressesAndDates(t *testing.T, nav *navigation, known map[string]bool) {
	t.Helper()
	seen := 0
	for i := range nav.pages {
		text := nav.pages[i].lines()
		for _, f := range strings.Fields(text) {
			if !strings.Contains(f, "@") {
				continue
			}
			if a := strings.TrimRight(strings.TrimLeft(f, "(“"), ",;:.)”"); !known[a] {
				t.Errorf("page %d holds %q, a piece of an e-mail address or one the fixtures do not give", i+1, f)
			}
			seen++
		}
		for _, m := range splitDate.FindAllString(text, -1) {
			t.Errorf("page %d: a date is broken across lines: %q", i+1, m)
		}
	}
	if seen == 0 {
		t.Error("the text holds no e-mail address")
	}
}

// TestSplitWordIsOptimal checks splitWord, which weighs only the last
// break of each class that would end a piece, against a search of every
// break, on words of letters, address punctuation and kept spaces: both
// must choose the same pieces.
func TestSplitWordIsOptimal(t *testing.T) {
	fonts, err := sharedFonts()
	if err != nil {
		t.Fatal(err)
	}
	const size = cellSize
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aaaaeeeiioonnrrsttlmWMi1@./-_:?=~"
	for range 3000 {
		var b strings.Builder
		for i, n := 0, 1+rng.IntN(60); i < n; i++ {
			if i > 0 && i < n-1 && rng.IntN(8) == 0 && !strings.HasSuffix(b.String(), " ") {
				b.WriteByte(' ')
				continue
			}
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		text := b.String()
		rest := 10 + rng.Float64()*120
		first := rest
		if rng.IntN(3) == 0 {
			first = 10 + rng.Float64()*120
		}
		l := &layout{fs: fonts, headIDs: map[string]bool{}}
		l.frags = []frag{{text: text, st: regular, w: fonts.measure(regular, size, text)}}
		l.splitWord(word{f0: 0, f1: 1, w: l.frags[0].w}, first, rest, size)
		var got []string
		for _, w := range l.lwords {
			var p strings.Builder
			for _, f := range l.frags[w.f0:w.f1] {
				p.WriteString(f.text)
			}
			got = append(got, p.String())
		}
		if want := exhaustiveSplit(fonts, text, size, first, rest); !slices.Equal(got, want) {
			t.Fatalf("%q in %.2f then %.2f pt: pieces %q, want %q", text, first, rest, got, want)
		}
	}
}

// exhaustiveSplit is splitWord's choice found by weighing every break.
func exhaustiveSplit(fonts *fontSet, text string, size, first, rest float64) []string {
	runes := []rune(text)
	n := len(runes)
	units := make([]int, n+1) // width before each rune, in 1/1000 em
	for i, r := range runes {
		units[i+1] = units[i] + int(fonts.width[regular][r])
	}
	class := make([]breakClass, n+1)
	for k := range class {
		class[k] = noBreak
		if k > 0 && k < n {
			var prev2, next rune
			if k >= 2 {
				prev2 = runes[k-2]
			}
			if k+1 < n {
				next = runes[k+1]
			}
			class[k] = breakClassOf(prev2, runes[k-1], runes[k], next)
		}
	}
	after := func(e int) int {
		if class[e] == atKeptSpace {
			return e + 1
		}
		return e
	}
	type step struct{ cost, end int }
	best := make([]step, n+1)
	for s := n - 1; s >= 0; s-- {
		lim := rest
		if s == 0 {
			lim = first
		}
		b := step{cost: 1 << 30}
		for e := s + 1; e <= n; e++ {
			if e > s+1 && float64(units[e]-units[s])*(size/1000) > lim {
				break
			}
			c := step{cost: piecePenalty, end: e}
			if e < n {
				if class[e] == noBreak || after(e) >= n {
					continue
				}
				c.cost += int(breakCost[class[e]]) + best[after(e)].cost
			}
			if c.cost <= b.cost {
				b = c
			}
		}
		if b.cost == 1<<30 {
			b = step{cost: piecePenalty + int(breakCost[anywhere]) + best[after(s+1)].cost, end: s + 1}
		}
		best[s] = b
	}
	var pieces []string
	for s := 0; s < n; {
		e := best[s].end
		pieces = append(pieces, string(runes[s:e]))
		s = after(e)
	}
	return pieces
}
