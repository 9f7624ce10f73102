package lint

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/fixtures"
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

// countingValidator counts the validations it makes; opaque hides the
// problems' paths, as a validator returning a plain error would.
type countingValidator struct {
	v      Validator
	n      int
	opaque bool
}

func (c *countingValidator) Validate(d *deal.Deal) error {
	c.n++
	err := c.v.Validate(d)
	if err != nil && c.opaque {
		return errors.New(err.Error())
	}
	return err
}

// LoadExampleDeal returns the example deal over the example profile, the
// linter's default base. It is exported for the external tests of this
// package (lint_test), and exists only in test builds.
func LoadExampleDeal(tb testing.TB) *deal.Deal {
	tb.Helper()
	data, err := fs.ReadFile(fixtures.FS, fixtures.ExampleDeal)
	if err != nil {
		tb.Fatal(err)
	}
	profile, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := deal.Load(data, fixtures.ExampleDeal, profile, fixtures.Profile)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// TestWithoutOptional checks that emptying every optional field and giving
// back those the validator names leaves the deal that trying one field at
// a time leaves, valid, in a few validations (for every combination; the
// comparison, 36 validations a combination, for every fifth), and that a
// validator whose errors name no path gets the same deal one field at a
// time.
func TestWithoutOptional(t *testing.T) {
	base := LoadExampleDeal(t)
	v := deal.NewValidator(deal.Options{})
	named, opaque := &countingValidator{v: v}, &countingValidator{v: v, opaque: true}
	combos := Combinations()
	for i, c := range combos {
		d := c.Apply(base)
		if i%5 != 0 {
			withoutOptional(d, named)
			continue
		}
		want := *d
		var fs []optionalField
		collectOptional(reflect.ValueOf(&want).Elem(), "", &fs)
		if len(fs) < 10 {
			t.Fatalf("%s: only %d optional fields found", c, len(fs))
		}
		oneAtATime(&want, fs, v)
		deal.Defaults(&want)
		for _, cv := range []*countingValidator{named, opaque} {
			got := withoutOptional(d, cv)
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("%s (opaque errors %t): the sparse deal differs from the one found one field at a time", c, cv.opaque)
			}
			if err := v.Validate(got); err != nil {
				t.Errorf("%s: the sparse deal is invalid: %v", c, err)
			}
		}
		if d.Provider.DPO == nil || want.Provider.DPO != nil {
			t.Fatalf("%s: the provider's DPO, optional, was not left out (before %v, after %v)", c, d.Provider.DPO, want.Provider.DPO)
		}
	}
	if per := float64(named.n) / float64(len(combos)); per > 4 {
		t.Errorf("%.1f validations per combination, want at most 4", per)
	}
}

// TestStraightApostrophe checks which apostrophes lint reports.
func TestStraightApostrophe(t *testing.T) {
	doc := func(s string) *document.Document {
		return &document.Document{Blocks: []document.Block{&document.Paragraph{Runs: []document.Run{{Text: s}}}}}
	}
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"the Controller's instructions", true},
		{"the Controller’s instructions", false},
		{"write to o'brien@law.example or see https://x.example/it's", false},
		{"the users' data and 'quoted'", false},
	} {
		if got := straightApostrophe(doc(tc.in)) != ""; got != tc.want {
			t.Errorf("straightApostrophe(%q) reported %t, want %t", tc.in, got, tc.want)
		}
	}
}
