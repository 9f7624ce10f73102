package assemble_test

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/htmldoc"
	"github.com/dpakit/dpakit/assemble/mddoc"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/fixtures"
	"github.com/dpakit/dpakit/templates"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// engine returns the engine of the built-in library.
func engine(t testing.TB) *assemble.Engine {
	t.Helper()
	eng, err := builtInEngine()
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// builtInEngine loads the built-in library once for all the tests of this
// package, which assemble thousands of documents from it: an Engine is safe
// for concurrent use, and no test here changes one it did not load itself
// (SetLimits is tested on engines of their own).
var builtInEngine = sync.OnceValues(func() (*assemble.Engine, error) {
	return assemble.LoadEngine(clauses.FS, templates.FS)
})

// fixtureDeals returns every fixture deal laid over the example profile,
// by fixture name.
func fixtureDeals(t testing.TB) map[string]*deal.Deal {
	t.Helper()
	names, err := fs.Glob(fixtures.FS, "deals/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixture deals: %v", err)
	}
	out := map[string]*deal.Deal{}
	for _, n := range names {
		name := strings.TrimSuffix(filepath.Base(n), ".yaml")
		out[name] = fixtureDeal(t, name)
	}
	return out
}

// fixtureDeal returns the fixture deal fixtures/deals/NAME.yaml laid over
// the example profile.
func fixtureDeal(t testing.TB, name string) *deal.Deal {
	t.Helper()
	profile, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	path := "deals/" + name + ".yaml"
	data, err := fs.ReadFile(fixtures.FS, path)
	if err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	d, err := deal.Load(data, path, profile, fixtures.Profile)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

// TestGolden pins the assembled text of every document of every fixture.
// Run with -update after an intended change to a clause or template, and
// review the diff of testdata/golden like any other change.
func TestGolden(t *testing.T) {
	eng := engine(t)
	md := mddoc.New()
	for name, d := range fixtureDeals(t) {
		for _, kind := range eng.Documents() {
			t.Run(name+"/"+kind, func(t *testing.T) {
				golden := filepath.Join("testdata", "golden", name+"."+kind+".md")
				doc, err := eng.Assemble(d, kind)
				if errors.Is(err, assemble.ErrNotApplicable) {
					// Skipped only when there is no golden file: a golden
					// file for a document that no longer applies is a
					// regression (or a stale file, which -update removes).
					_, statErr := os.Stat(golden)
					switch {
					case *update && statErr == nil:
						if err := os.Remove(golden); err != nil {
							t.Fatal(err)
						}
					case statErr == nil:
						t.Fatalf("%s exists, but the document does not apply: %v", golden, err)
					}
					t.Skip(err)
				}
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := md.Write(&buf, doc); err != nil {
					t.Fatal(err)
				}
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./assemble -update to create it)", err)
				}
				if diff := cmp.Diff(string(want), buf.String()); diff != "" {
					t.Errorf("%s differs (-want +got):\n%s", golden, diff)
				}
			})
		}
	}
}

// TestDeterministic renders every fixture twice in HTML and Markdown and
// wants the same bytes.
func TestDeterministic(t *testing.T) {
	eng := engine(t)
	for name, d := range fixtureDeals(t) {
		var outs [2][2][]byte
		for i := range 2 {
			doc, err := eng.Assemble(d, "dpa")
			if err != nil {
				t.Fatal(err)
			}
			var h, m bytes.Buffer
			if err := htmldoc.New().Write(&h, doc); err != nil {
				t.Fatal(err)
			}
			if err := mddoc.New().Write(&m, doc); err != nil {
				t.Fatal(err)
			}
			outs[i] = [2][]byte{h.Bytes(), m.Bytes()}
		}
		if !bytes.Equal(outs[0][0], outs[1][0]) {
			t.Errorf("%s: two HTML renders differ", name)
		}
		if !bytes.Equal(outs[0][1], outs[1][1]) {
			t.Errorf("%s: two Markdown renders differ", name)
		}
	}
}

// BenchmarkAssemble assembles the example DPA (all annexes). Target: under
// 2 ms and 2 MB per document.
func BenchmarkAssemble(b *testing.B) {
	eng := engine(b)
	d := fixtureDeals(b)["example"]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eng.Assemble(d, "dpa"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssembleDistinct assembles the example DPA for a different
// customer each time, as a batch run does: clauses that name the customer
// are parsed anew, the others come from the engine's parse cache.
func BenchmarkAssembleDistinct(b *testing.B) {
	eng := engine(b)
	base := *fixtureDeals(b)["example"]
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d := base
		i++
		d.Customer.Name = "Customer " + strconv.Itoa(i) + " GmbH"
		d.Reference = "DPA-" + strconv.Itoa(i)
		if _, err := eng.Assemble(&d, "dpa"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssembleCold assembles the example DPA with an empty parse
// cache each time: the cost of the first render of a new deal.
func BenchmarkAssembleCold(b *testing.B) {
	lib := engine(b).Library()
	d := fixtureDeals(b)["example"]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := assemble.New(lib).Assemble(d, "dpa"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteHTML writes the assembled example DPA as HTML.
func BenchmarkWriteHTML(b *testing.B) {
	eng := engine(b)
	doc, err := eng.Assemble(fixtureDeals(b)["example"], "dpa")
	if err != nil {
		b.Fatal(err)
	}
	w := htmldoc.New()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := w.Write(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteMarkdown writes the assembled example DPA as Markdown.
func BenchmarkWriteMarkdown(b *testing.B) {
	eng := engine(b)
	doc, err := eng.Assemble(fixtureDeals(b)["example"], "dpa")
	if err != nil {
		b.Fatal(err)
	}
	w := mddoc.New()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := w.Write(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad loads the built-in clause library and templates: what a
// CLI process pays once before its first document.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := assemble.Load(clauses.FS, templates.FS); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDealWarnings gives the engine's warnings of the negotiated
// example deal (five fallbacks): fallback_no_effect renders each negotiated
// clause twice, with its fallback and without, not the whole DPA.
func BenchmarkDealWarnings(b *testing.B) {
	eng := engine(b)
	d := fixtureDeals(b)["negotiated"]
	b.ReportAllocs()
	for b.Loop() {
		eng.DealWarnings(d)
	}
}
