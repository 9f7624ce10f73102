package lint_test

import (
	"context"
	"io/fs"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/lint"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/templates"

	// Paces the collector of this test binary (see package testgc).
	_ "github.com/dpakit/dpakit/fixtures/testgc"
)

// exampleDeal returns the example deal over the example profile, the
// linter's default base (LoadExampleDeal, in the package's own tests).
var exampleDeal = lint.LoadExampleDeal

// BenchmarkLint lints the built-in library over every combination, as
// dpakit lint does.
func BenchmarkLint(b *testing.B) {
	eng, err := assemble.LoadEngine(clauses.FS, templates.FS)
	if err != nil {
		b.Fatal(err)
	}
	base := exampleDeal(b)
	v := deal.NewValidator(deal.Options{})
	for b.Loop() {
		if r := lint.Run(eng, base, v); len(r.Problems) > 0 {
			b.Fatal(r.Problems)
		}
	}
}

// libraryWith returns the built-in clause library with text appended to
// the named clause files.
func libraryWith(t *testing.T, appended map[string]string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(clauses.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(clauses.FS, p)
		out[p] = &fstest.MapFile{Data: append(b, appended[p]...)}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestParallelReportIsSequential checks that linting on several
// goroutines reports the same problems, in the same order and with the
// same places, as linting on one: faults that first show in different
// combinations are reported in the order of the combinations.
func TestParallelReportIsSequential(t *testing.T) {
	lib := libraryWith(t, map[string]string{
		"swiss.md":           "\n{{.Swiss.Bogus}}\n",
		"uk-addendum.md":     "\n{{.UKAddendum.Bogus}}\n",
		"controller-data.md": "\n{{.ControllerTransfer.Bogus}}\n",
	})
	eng, err := assemble.LoadEngine(lib, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	base := exampleDeal(t)
	v := deal.NewValidator(deal.Options{})
	all := lint.Combinations()
	// Every 13th combination: each module set, each flag on and off.
	var combos []lint.Combination
	for i := 0; i < len(all); i += 13 {
		combos = append(combos, all[i])
	}
	report := func(procs int) lint.Report {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		r, err := lint.RunCombinations(context.Background(), eng, base, v, combos)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	one, four := report(1), report(4)
	if !reflect.DeepEqual(one, four) {
		t.Errorf("on four goroutines:\n%v\non one:\n%v", four.Problems, one.Problems)
	}
	var msgs []string
	for _, p := range one.Problems {
		msgs = append(msgs, p.Message)
	}
	for _, w := range []string{"UKAddendum.Bogus", "Swiss.Bogus", "ControllerTransfer.Bogus"} {
		if !strings.Contains(strings.Join(msgs, "\n"), w) {
			t.Errorf("no problem names %s:\n%s", w, strings.Join(msgs, "\n"))
		}
	}
	if one.Combinations != len(combos) || one.Documents == 0 {
		t.Errorf("%d combinations, %d documents", one.Combinations, one.Documents)
	}
}
