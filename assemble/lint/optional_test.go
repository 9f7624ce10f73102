package lint

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// gapSpec is the regular expression findGap stands for: the test holds
// findGap to it.
var gapSpec = regexp.MustCompile(`\s[,.;:)]|\(\s*\)|\(\s|“\s*”|"\s*"|\S\s{2,}\S|,\s*,|\s(?:and|or|at|of|to|by)\s*[.;]`)

// checkGap fails when findGap and gapSpec disagree on s.
func checkGap(t *testing.T, s string) {
	t.Helper()
	start, end := findGap(s)
	want := gapSpec.FindStringIndex(s)
	if want == nil {
		want = []int{-1, -1}
	}
	if start != want[0] || end != want[1] {
		t.Fatalf("findGap(%q) = %d, %d; the regular expression finds %v", s, start, end, want)
	}
}

func TestFindGap(t *testing.T) {
	for _, tc := range []struct {
		s     string
		found string
	}{
		{"Jana Müller at , or by post", " ,"},
		{"the DPO ( ) decides", "( )"},
		{"the DPO () decides", "()"},
		{"the DPO ( Jana) decides", "( "},
		{"named “ ” here", "“ ”"},
		{`named "" here`, `""`},
		{"Müller  Logistik", "r  L"},
		{"a, , b", ", ,"},
		{"notify Jana and.", " and."},
		{"notify Jana by ;", " by ;"},
		{"notify Jana band.", ""},
		{"forty-eight (48) hours, in writing.", ""},
		{"ends with two spaces  ", ""},
		{"", ""},
	} {
		start, end := findGap(tc.s)
		got := ""
		if start >= 0 {
			got = tc.s[start:end]
		}
		if got != tc.found {
			t.Errorf("findGap(%q) found %q, want %q", tc.s, got, tc.found)
		}
		checkGap(t, tc.s)
	}
}

// TestFindGapAgreesWithRegexp compares findGap with the regular expression
// on strings built from the pieces that make or break a gap.
func TestFindGapAgreesWithRegexp(t *testing.T) {
	pieces := []string{" ", "  ", "\t", "\n", ",", ".", ";", ":", ")", "(", "“", "”", `"`, "a", "x", "é", "and", "or", "at", "of", "to", "by", "an", "\xff"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(9) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		checkGap(t, b.String())
	}
}

func FuzzFindGap(f *testing.F) {
	for _, s := range []string{"at , or", "( )", "“ ”", "a  b", "x and.", "é\t\tè"} {
		f.Add(s)
	}
	f.Fuzz(checkGap)
}
