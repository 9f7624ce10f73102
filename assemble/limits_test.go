package assemble

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// hostileClause returns a clause file with the given body, called "evil".
func hostileClause(body string) map[string]string {
	return map[string]string{
		"evil.md":   "---\nid: evil\ntitle: Evil\nversion: 1.0.0\n---\n" + body + "\n",
		"evil.tmpl": "---\ntitle: Evil\nversion: 1.0.0\n---\n{{.Clause \"evil\"}}\n",
	}
}

// TestTemplateLimits: a clause that loops, recurses or writes without end
// fails with ErrLimit and an error naming the clause, instead of hanging or
// filling the memory.
func TestTemplateLimits(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"empty loop", `{{range 100000000000}}{{end}}`, "loop iterations"},
		{"nested empty loops", `{{range 100000}}{{range 100000}}{{end}}{{end}}`, "loop iterations"},
		{"repeat", `{{repeat 1000000000 "x"}}`, "repeat"},
		{"indent", `{{indent 1000 (repeat 100000 "\n")}}`, "indent"},
		{"replace", `{{replace "" "xxxxxxxxxx" (repeat 200000 "y")}}`, "replace"},
		{"doubling", `{{$s := "xxxxxxxx"}}{{range 40}}{{$s = cat $s $s}}{{end}}`, "cat"},
		{"printf doubling", `{{$s := "xxxxxxxx"}}{{range 40}}{{$s = printf "%s%s" $s $s}}{{end}}`, "printf"},
		{"output", `{{$s := repeat 1000000 "x"}}{{range 100}}{{$s}}{{end}}`, "KiB"},
		{"exponential recursion", `{{define "a"}}{{if lt (len .) 40}}{{template "a" (append . 1)}}{{template "a" (append . 1)}}{{end}}{{end}}{{template "a" list}}`, "template calls"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng := testLibrary(t, hostileClause(tt.body))
			eng.SetLimits(Limits{Steps: 20000, Output: 4 << 20})
			_, err := eng.Assemble(testDeal(), "evil")
			if !errors.Is(err, ErrLimit) || !errors.Is(err, ErrLibrary) {
				t.Fatalf("err = %v, want ErrLimit", err)
			}
			if !strings.Contains(err.Error(), "clauses/evil.md") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("message %q does not name clauses/evil.md and %q", err, tt.want)
			}
		})
	}
}

// TestTemplateCancel: a cancelled context stops a long render.
func TestTemplateCancel(t *testing.T) {
	eng := testLibrary(t, hostileClause(`{{range 100000}}{{end}}`))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := eng.AssembleContext(ctx, testDeal(), "dpa"); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestTemplateFunctionsAllowList: functions outside the allow-list (the
// clock, randomness, cryptography) make the library fail to load with the
// file and the function named; the allowed ones work.
func TestTemplateFunctionsAllowList(t *testing.T) {
	for _, fn := range []string{"randInt 1 9", "shuffle \"ab\"", "bcrypt \"x\"", "htpasswd \"u\" \"p\"", "encryptAES \"k\" \"t\"", "ago now", "toDate \"2006\" \"2026\"", "now", "env \"HOME\"", "uuidv4", "until 9", "seq 9", "uniq (list 1 2)", "genPrivateKey \"rsa\"", "getHostByName \"x\""} {
		name := strings.Fields(fn)[0]
		t.Run(name, func(t *testing.T) {
			cl := fstest.MapFS{
				"measures.yaml": {Data: []byte("version: 1.0.0\ncategories: []\n")},
				"evil.md":       {Data: []byte("---\nid: evil\ntitle: Evil\nversion: 1.0.0\n---\n{{" + fn + "}}\n")},
			}
			tm := fstest.MapFS{"dpa.tmpl": {Data: []byte("---\ntitle: T\nversion: 1.0.0\n---\n{{.Clause \"evil\"}}\n")}}
			_, err := LoadEngine(cl, tm)
			if err == nil {
				t.Fatalf("%s loaded", fn)
			}
			if !strings.Contains(err.Error(), "clauses/evil.md") || !strings.Contains(err.Error(), `"`+name+`"`) || !strings.Contains(err.Error(), "allow-listed") {
				t.Errorf("message %q does not name the file, the function and the allow-list", err)
			}
		})
	}
	eng := testLibrary(t, hostileClause(`{{upper "a"}} {{trimSuffix "." "b."}} {{default "c" ""}} {{repeat 3 "d"}} {{printf "%03d" 7}} {{add 1 2}}`))
	doc, err := eng.Assemble(testDeal(), "evil")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(outline(doc), "\n"); !strings.Contains(got, "A b c ddd 007 3") {
		t.Errorf("allowed functions printed %q", got)
	}
}

// TestTemplateLimitsDefault: the default limits stop an endless loop too.
func TestTemplateLimitsDefault(t *testing.T) {
	eng := testLibrary(t, hostileClause(`{{range 100000000000}}{{end}}`))
	if _, err := eng.Assemble(testDeal(), "evil"); !errors.Is(err, ErrLimit) {
		t.Fatalf("err = %v, want ErrLimit", err)
	}
}

// TestFallbackLimitsAndValues is the regression test for fallbacks loaded
// without what a standard clause gets: the resource limits did not count
// their steps, and deal values went into their Markdown raw, so that a
// contact named "Jana *Star* Müller" printed "Star" in italics in the
// fallback alone. A fallback that loops now fails with ErrLimit, and one
// that prints a value prints it as written.
func TestFallbackLimitsAndValues(t *testing.T) {
	fallback := func(body string) map[string]string {
		files := hostileClause("Standard text.")
		files["fallbacks/evil.calm.md"] = "---\nclause: evil\nname: calm\ntitle: Evil\nversion: 1.0.0\nchanges: It changes the text.\napproved_by: Legal\napproved: 2026-11-20\nbased_on: 1.0.0\n---\n" + body + "\n"
		return files
	}
	d := testDeal()
	d.Negotiated = map[string]string{"evil": "calm"}

	eng := testLibrary(t, fallback(`{{range 100000000000}}{{end}}`))
	eng.SetLimits(Limits{Steps: 20000, Output: 4 << 20})
	if _, err := eng.Assemble(d, "evil"); !errors.Is(err, ErrLimit) || !strings.Contains(fmt.Sprint(err), "clauses/fallbacks/evil.calm.md") {
		t.Errorf("an endless loop in a fallback: err = %v, want ErrLimit naming the fallback", err)
	}

	eng = testLibrary(t, fallback(`Call {{.Customer.Signatory.Name}}.`))
	d.Customer.Signatory.Name = "Jana *Star* Müller_x_"
	doc, err := eng.Assemble(d, "evil")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(outline(doc), "\n"); !strings.Contains(got, "Call Jana *Star* Müller_x_.") {
		t.Errorf("the fallback printed the value as Markdown: %q", got)
	}
}

// TestLibraryFilesBounded: a library whose folder holds a device (a link
// to /dev/zero), a FIFO or a file over MaxLibraryFile is refused at once,
// naming the file, instead of being read until the memory runs out or
// waiting for a FIFO's writer for ever.
func TestLibraryFilesBounded(t *testing.T) {
	good := func() fstest.MapFS {
		return fstest.MapFS{
			"measures.yaml": {Data: []byte("version: 1.0.0\ncategories: []\n")},
			"a.md":          {Data: []byte("---\nid: a\ntitle: A\nversion: 1.0.0\n---\nText.\n")},
		}
	}
	tm := fstest.MapFS{"dpa.tmpl": {Data: []byte("---\ntitle: T\nversion: 1.0.0\n---\n{{.Clause \"a\"}}\n")}}
	if _, err := LoadEngine(good(), tm); err != nil {
		t.Fatalf("the small library: %v", err)
	}
	for _, tt := range []struct {
		name, file string
		f          *fstest.MapFile
		want       string
	}{
		{"device", "zero.md", &fstest.MapFile{Mode: fs.ModeDevice | fs.ModeCharDevice}, "clauses/zero.md: is not a regular file"},
		{"FIFO", "fallbacks/a.late.md", &fstest.MapFile{Mode: fs.ModeNamedPipe}, "clauses/fallbacks/a.late.md: is not a regular file"},
		{"huge clause", "huge.md", &fstest.MapFile{Data: []byte(strings.Repeat("x", MaxLibraryFile+1))}, "clauses/huge.md: is larger than 1024 KiB"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cl := good()
			cl[tt.file] = tt.f
			_, err := LoadEngine(cl, tm)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	huge := fstest.MapFS{"dpa.tmpl": {Data: []byte("---\ntitle: T\nversion: 1.0.0\n---\n" + strings.Repeat("x", MaxLibraryFile))}}
	if _, err := LoadEngine(good(), huge); err == nil || !strings.Contains(err.Error(), "templates/dpa.tmpl: is larger than 1024 KiB") {
		t.Errorf("a huge template: %v", err)
	}
}
