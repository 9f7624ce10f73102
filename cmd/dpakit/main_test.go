package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/lint"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/templates"
)

// dpakit runs the command line in-process and returns its exit code and
// output.
func dpakit(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	a := newApp(strings.NewReader(stdin), &out, &errb)
	a.builtin = builtinEngine
	code = a.run(context.Background(), args)
	return code, out.String(), errb.String()
}

// builtinEngine is the engine over the built-in library, loaded once for
// every in-process command of the tests (see app.builtin).
var builtinEngine = sync.OnceValues(func() (*assemble.Engine, error) {
	return assemble.LoadEngine(clauses.FS, templates.FS)
})

// dpakitLint runs dpakit lint with args in-process like dpakit, rendering
// only lintSample's combinations: enough to show the faults the tests seed,
// in a fraction of a full run. TestLintBuiltIn runs the full lint.
func dpakitLint(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	a := newApp(strings.NewReader(""), &out, &errb)
	a.builtin = builtinEngine
	a.lintCombinations = lintSample()
	code = a.run(context.Background(), append([]string{"lint"}, args...))
	return code, out.String(), errb.String()
}

// lintSample returns the first and the last of lint's combinations. The
// first is module 2 alone with Clause 9 specific authorisation, Clause 17
// option 1, the docking clause and the redress body, and no UK, Swiss or
// CCPA terms; the last is modules 1, 2 and 3 with general authorisation,
// option 2, no docking clause, and the UK Addendum, Swiss and CCPA terms.
// Between them they print every clause of the built-in library (a run
// over them reports no clause unused) and turn every option on and off.
func lintSample() []lint.Combination {
	all := lint.Combinations()
	return []lint.Combination{all[0], all[len(all)-1]}
}

const exampleDealPath = "../../fixtures/deals/example.yaml"
const exampleProfilePath = "../../fixtures/profile.yaml"

func TestRenderFormats(t *testing.T) {
	for _, format := range []string{"html", "md"} {
		t.Run(format, func(t *testing.T) {
			code, out, errs := dpakit(t, "", "render", exampleDealPath, "--format", format)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if format == "html" && !strings.Contains(out, "Annex\u00a0III") {
				t.Error(`the HTML lets a browser part "Annex" from "III"`)
			}
			// A reader sees the no-break space as a space.
			out = strings.ReplaceAll(out, "\u00a0", " ")
			for _, want := range []string{"Müller Logistik GmbH", "Kestrel Cloud, Inc.", "forty-eight (48) hours", "Annex III"} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q", want)
				}
			}
		})
	}
}

func TestRenderToFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "dpa.html")
	if code, _, errs := dpakit(t, "", "render", exampleDealPath, "--format", "html", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.Contains(b, []byte("<!DOCTYPE html>")) {
		t.Fatalf("output file: %v", err)
	}
	// An invalid deal leaves nothing behind, not even a temporary file.
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("customer: {name: x}\nbogus: 1\n"), 0o644)
	out2 := filepath.Join(dir, "bad.html")
	if code, _, _ := dpakit(t, "", "render", bad, "--format", "html", "-o", out2); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "bad.yaml,dpa.html" {
		t.Errorf("directory holds %v, want only bad.yaml and dpa.html", names)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	invalid := filepath.Join(dir, "invalid.yaml")
	data, err := os.ReadFile(exampleDealPath)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(invalid, bytes.Replace(data, []byte("governing_law: NL"), []byte("governing_law: US"), 1), 0o644)
	module1 := filepath.Join(dir, "module1.yaml")
	m1 := bytes.Replace(data, []byte("modules: [2, 3]"), []byte("modules: [1]"), 1)
	m1 = bytes.Replace(m1, []byte("subprocessor_option: general"), []byte(`subprocessor_option: ""`), 1)
	os.WriteFile(module1, m1, 0o644)
	module4 := filepath.Join(dir, "module4.yaml")
	m4 := bytes.Replace(data, []byte("modules: [2, 3]"), []byte("modules: [4]"), 1)
	m4 = bytes.Replace(m4, []byte("role: controller"), []byte("role: processor"), 1)
	os.WriteFile(module4, m4, 0o644)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"valid", []string{"validate", exampleDealPath}, 0, "valid"},
		{"invalid deal", []string{"validate", invalid}, 2, `scc.governing_law: "US" is not an EU Member State`},
		{"missing file", []string{"validate", filepath.Join(dir, "nope.yaml")}, 2, "no such file"},
		{"unknown format", []string{"render", exampleDealPath, "--format", "rtf"}, 2, `unknown format "rtf" (want pdf, docx, html, md)`},
		{"unknown doc", []string{"render", exampleDealPath, "--doc", "annex-v", "--format", "md"}, 2, `unknown document "annex-v"`},
		{"no args", []string{"render"}, 2, "takes DEAL"},
		{"unknown flag", []string{"render", exampleDealPath, "--bogus"}, 2, "unknown flag"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"unknown clause", []string{"clauses", "show", "nope"}, 2, `no clause with id "nope"`},
		{"module 1 alone refused", []string{"render", module1, "--format", "md"}, 2, "scc.modules: module 1 is selected without module 2 or 3"},
		{"module 4 alone refused", []string{"validate", module4}, 2, "scc.modules: module 4 (processor to controller) cannot be selected"},
		{"modules 1 and 2 render", []string{"render", "../../fixtures/deals/modules-1-2-bavaria.yaml", "--profile", "../../fixtures/profile.yaml", "--format", "md"}, 0, "Part 2: Provider Controller Data (Module One)"},
		{"bad paper", []string{"render", exampleDealPath, "--paper", "a5"}, 2, `unknown paper "a5"`},
		{"bad esign", []string{"render", exampleDealPath, "--esign-anchors", "hellosign"}, 2, "hellosign"},
		{"bad manifest", []string{"render", exampleDealPath, "--manifest", "secret"}, 2, `unknown manifest "secret" (want full, versions or none)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := dpakit(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errs)
			}
			if !strings.Contains(out+errs, tt.want) {
				t.Errorf("output %q lacks %q", out+errs, tt.want)
			}
		})
	}
}

func TestValidateFromStdin(t *testing.T) {
	data, err := os.ReadFile(exampleDealPath)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := dpakit(t, string(data), "validate", "-"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
}

func TestClausesList(t *testing.T) {
	code, out, _ := dpakit(t, "", "clauses")
	if code != 0 || !strings.Contains(out, "breach") || !strings.Contains(out, "gdpr-28-3-f") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	code, out, _ = dpakit(t, "", "clauses", "show", "breach")
	if code != 0 || !strings.Contains(out, "version: ") || !strings.Contains(out, "{{count .Breach.NoticeHours") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

// TestClausesMeasuresByLaw: a measure worded per law (the record of
// processing activities) is listed with its law-neutral text and, below it,
// indented lines labelled GDPR, FADP and GDPR and FADP with the wording each
// deal under those laws gets.
func TestClausesMeasuresByLaw(t *testing.T) {
	code, out, errs := dpakit(t, "", "clauses", "measures")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(out, "\n")
	i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), "acc-records ") })
	if i < 0 || i+3 >= len(lines) {
		t.Fatalf("no acc-records measure with three lines after it:\n%s", out)
	}
	if strings.Contains(lines[i], "Article") {
		t.Errorf("the law-neutral text cites a law: %q", lines[i])
	}
	indent := strings.Repeat(" ", strings.Index(lines[i], "Provider keeps"))
	for j, want := range []struct{ label, cites, not string }{
		{"GDPR: ", "Article 30(2) of the GDPR", "FADP"},
		{"FADP: ", "Article 12(3) of the FADP", "GDPR"},
		{"GDPR and FADP: ", "Article 30(2) of the GDPR requires and, for processing subject to the FADP, the content that Article 12(3) of the FADP", ""},
	} {
		l := lines[i+1+j]
		rest, ok := strings.CutPrefix(l, indent+want.label)
		if !ok || !strings.Contains(rest, want.cites) || (want.not != "" && strings.Contains(rest, want.not)) {
			t.Errorf("line %d after acc-records is %q, want %q under the text, citing %s only", j+1, l, want.label, want.cites)
		}
	}
}

func TestLintBuiltIn(t *testing.T) {
	if testing.Short() {
		t.Skip("-short leaves out the full lint of the built-in library (dpakit lint runs it)")
	}
	t.Parallel()
	code, out, errs := dpakit(t, "", "lint")
	if code != 0 {
		t.Fatalf("lint of the built-in library failed (exit %d):\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, " 0 problems") {
		t.Errorf("output: %s", out)
	}
	// The built-in library carries its lock, so every clause's version is
	// checked against its text.
	if strings.Contains(out, "has no "+assemble.LockFile) {
		t.Errorf("the built-in library is not locked: %s", out)
	}
	// Every note is a fallback whose text changed since its approval, and
	// every such fallback has one.
	eng, err := assemble.LoadEngine(clauses.FS, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	var unapproved int
	for _, fb := range eng.Library().AllFallbacks() {
		if fb.Unapproved() {
			unapproved++
			if !strings.Contains(out, "note: "+fb.FileName()+": the fallback ") {
				t.Errorf("no note that %s changed since its approval:\n%s", fb.FileName(), out)
			}
		}
	}
	if n := strings.Count(out, "note:"); n != unapproved {
		t.Errorf("%d notes, want %d (one per fallback changed since its approval):\n%s", n, unapproved, out)
	}
}

// copyLibrary copies the built-in clauses and templates into temporary
// directories a test can break.
func copyLibrary(t *testing.T) (clauseDir, templateDir string) {
	t.Helper()
	clauseDir, templateDir = t.TempDir(), t.TempDir()
	for _, c := range []struct {
		fsys fs.FS
		dir  string
	}{{clauses.FS, clauseDir}, {templates.FS, templateDir}} {
		err := fs.WalkDir(c.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(c.fsys, p)
			if err != nil {
				return err
			}
			target := filepath.Join(c.dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return clauseDir, templateDir
}

func TestLintFailsOnRemovedClause(t *testing.T) {
	cl, tm := copyLibrary(t)
	if err := os.Remove(filepath.Join(cl, "instructions.md")); err != nil {
		t.Fatal(err)
	}
	code, out, _ := dpakitLint(t, "--clauses", cl, "--templates", tm)
	if code != 1 || !strings.Contains(out, `no clause with id "instructions"`) {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	// Take the clause out of the template too: now the DPA no longer covers
	// Art. 28(3)(a) and the duty to flag infringing instructions, and lint
	// says so for every combination.
	dpa := filepath.Join(tm, "dpa.tmpl")
	src, _ := os.ReadFile(dpa)
	os.WriteFile(dpa, bytes.Replace(src, []byte(`{{.Clause "instructions"}}`), nil, 1), 0o644)
	code, out, _ = dpakitLint(t, "--clauses", cl, "--templates", tm)
	// One problem, found in every DPA rendered (with each fallback and with
	// optional fields empty too).
	want := "no clause covers gdpr-28-3-a, gdpr-28-3-infringing-instruction\n    in modules 2, clause 9 specific, clause 17 option 1, docking, redress, dpa (and "
	if code != 1 || !strings.Contains(out, want) {
		t.Errorf("exit %d, want %q in output:\n%s", code, want, out)
	}
}

func TestLintFailsOnTemplateTypo(t *testing.T) {
	cl, tm := copyLibrary(t)
	dpa := filepath.Join(tm, "dpa.tmpl")
	src, _ := os.ReadFile(dpa)
	os.WriteFile(dpa, bytes.Replace(src, []byte(`{{date .EffectiveDate}}`), []byte(`{{date .EfectiveDate}}`), 1), 0o644)
	code, out, _ := dpakitLint(t, "--clauses", cl, "--templates", tm)
	if code != 1 || !strings.Contains(out, "templates/dpa.tmpl:") || !strings.Contains(out, "EfectiveDate") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	// A syntax error is caught when the library loads.
	os.WriteFile(dpa, append(src, []byte("{{if}}\n")...), 0o644)
	code, out, _ = dpakitLint(t, "--clauses", cl, "--templates", tm)
	if code != 1 || !strings.Contains(out, "does not load") || !strings.Contains(out, "templates/dpa.tmpl:") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

// TestLintFailsOnStraightApostrophe checks that a straight apostrophe typed
// in a clause's text is reported (deal values print typographic ones), and
// that one inside an e-mail address a deal gives is not.
func TestLintFailsOnStraightApostrophe(t *testing.T) {
	cl, tm := copyLibrary(t)
	p := filepath.Join(cl, "instructions.md")
	src, _ := os.ReadFile(p)
	if !bytes.Contains(src, []byte("Customer’s use and configuration")) {
		t.Fatal("instructions.md no longer says “Customer’s use and configuration”")
	}
	os.WriteFile(p, bytes.ReplaceAll(src, []byte("Customer’s use and configuration"), []byte("Customer's use and configuration")), 0o644)
	code, out, _ := dpakitLint(t, "--clauses", cl, "--templates", tm)
	if code != 1 || !strings.Contains(out, "straight apostrophe in the clause text:") || !strings.Contains(out, "Customer's use") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	if strings.Contains(out, "@") {
		t.Errorf("an e-mail address reported:\n%s", out)
	}
}

// TestLintFailsOnBareDPARefInSCCScope checks that a reference to one of the
// DPA's own clauses inside the paragraph whose numbered clauses are the
// SCC's must say "of this DPA".
func TestLintFailsOnBareDPARefInSCCScope(t *testing.T) {
	cl, tm := copyLibrary(t)
	p := filepath.Join(cl, "transfers.md")
	src, _ := os.ReadFile(p)
	if !bytes.Contains(src, []byte(`{{.DPARef "subprocessors"}}`)) {
		t.Fatal("transfers.md no longer refers to the sub-processor clause with DPARef")
	}
	os.WriteFile(p, bytes.ReplaceAll(src, []byte(`{{.DPARef "subprocessors"}}`), []byte(`{{.Ref "subprocessors"}}`)), 0o644)
	code, out, _ := dpakitLint(t, "--clauses", cl, "--templates", tm)
	want := `bare reference to Clause 6 (#subprocessors) inside a paragraph whose numbered clauses are those of the Standard Contractual Clauses`
	if code != 1 || !strings.Contains(out, want) || !strings.Contains(out, `{{.DPARef "subprocessors"}}`) {
		t.Errorf("exit %d, want %q in output:\n%s", code, want, out)
	}
	// The selections table of Schedule 1 is scoped too.
	cl, tm = copyLibrary(t)
	p = filepath.Join(cl, "scc-selections.md")
	src, _ = os.ReadFile(p)
	os.WriteFile(p, bytes.ReplaceAll(src, []byte(`{{.DPARef "transfers"}}`), []byte(`{{.Ref "transfers"}}`)), 0o644)
	code, out, _ = dpakitLint(t, "--clauses", cl, "--templates", tm)
	if code != 1 || !strings.Contains(out, "bare reference to Clause 12 (#transfers)") {
		t.Errorf("scc-selections: exit %d, output:\n%s", code, out)
	}
	// "In this paragraph" covers the words before the marker too: the
	// opening sentence of the SCC paragraph names the UK Addendum's clause.
	cl, tm = copyLibrary(t)
	p = filepath.Join(cl, "transfers.md")
	src, _ = os.ReadFile(p)
	if !bytes.Contains(src, []byte(`as {{.DPARef "uk-addendum"}} provides`)) {
		t.Fatal("transfers.md no longer cites the UK Addendum clause with DPARef before its scope marker")
	}
	os.WriteFile(p, bytes.ReplaceAll(src, []byte(`as {{.DPARef "uk-addendum"}} provides`), []byte(`as {{.Ref "uk-addendum"}} provides`)), 0o644)
	code, out, _ = dpakitLint(t, "--clauses", cl, "--templates", tm)
	if code != 1 || !regexp.MustCompile(`bare reference to Clause \d+ \(#uk-addendum\)`).MatchString(out) {
		t.Errorf("words before the marker: exit %d, output:\n%s", code, out)
	}
}

// TestLintFailsOnStaleFallback checks that a fallback written against an
// older version of its standard clause fails lint until its author has
// reviewed the standard clause's changes and updated based_on.
func TestLintFailsOnStaleFallback(t *testing.T) {
	cl, tm := copyLibrary(t)
	p := filepath.Join(cl, "fallbacks", "subprocessors.late-objection.md")
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	std, err := os.ReadFile(filepath.Join(cl, "subprocessors.md"))
	if err != nil {
		t.Fatal(err)
	}
	version := regexp.MustCompile(`(?m)^version: (\S+)$`).FindSubmatch(std)
	if version == nil || !bytes.Contains(src, []byte("based_on: "+string(version[1])+"\n")) {
		t.Fatalf("the late-objection fallback is not based on subprocessors.md's version %s", version)
	}
	os.WriteFile(p, bytes.Replace(src, []byte("based_on: "+string(version[1])), []byte("based_on: 2.1.0"), 1), 0o644)
	code, out, _ := dpakitLint(t, "--clauses", cl, "--templates", tm)
	want := "fallback subprocessors.late-objection was written against clause subprocessors 2.1.0, and the standard clause is now " + string(version[1])
	if code != 1 || !strings.Contains(out, want) || !strings.Contains(out, "fallbacks/subprocessors.late-objection.md") {
		t.Errorf("exit %d, want %q in output:\n%s", code, want, out)
	}
}

// TestLibraryDirMistakes: a --clauses or --templates path that is no
// directory, or the folder `clauses export` wrote instead of its
// subfolder, is a usage error naming the flag and what to give.
func TestLibraryDirMistakes(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := dpakit(t, "", "clauses", "export", filepath.Join(dir, "library")); code != 0 {
		t.Fatalf("clauses export: exit %d: %s", code, errs)
	}
	lib := filepath.Join(dir, "library")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"the exported folder as --clauses", []string{"--clauses", lib}, "--clauses " + lib + ": the directory holds no *.md files, but " + filepath.Join(lib, "clauses") + " does: give --clauses " + filepath.Join(lib, "clauses")},
		{"the exported folder as --templates", []string{"--templates", lib}, "--templates " + lib + ": the directory holds no *.tmpl files, but " + filepath.Join(lib, "templates") + " does"},
		{"no such directory", []string{"--templates", filepath.Join(dir, "none")}, "--templates " + filepath.Join(dir, "none") + ": no such directory"},
		{"a file", []string{"--clauses", exampleProfilePath}, ": not a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"validate", exampleDealPath, "--profile", exampleProfilePath}, tc.args...)
			if code, _, errs := dpakit(t, "", args...); code != 2 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tc.want)
			}
		})
	}
	args := []string{"validate", exampleDealPath, "--profile", exampleProfilePath, "--clauses", filepath.Join(lib, "clauses"), "--templates", filepath.Join(lib, "templates")}
	if code, _, errs := dpakit(t, "", args...); code != 0 {
		t.Errorf("the exported library: exit %d: %s", code, errs)
	}
}

// TestBinaryToDevNull: a binary output sent to /dev/null (as a user
// checking that a deal renders does) is written, not refused as if it
// went to a terminal; /dev/null is a character device, not a terminal.
func TestBinaryToDevNull(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no %s: %v", os.DevNull, err)
	}
	defer null.Close()
	var errb bytes.Buffer
	code := run(context.Background(), []string{"render", exampleDealPath, "--profile", exampleProfilePath}, strings.NewReader(""), null, &errb)
	if code != 0 {
		t.Fatalf("render > %s: exit %d: %s", os.DevNull, code, errb.String())
	}
	if isTerminal(null) {
		t.Errorf("isTerminal(%s) = true", os.DevNull)
	}
}

// TestLintRebasedFallback walks step 4 of the README's "Editing the clause
// library" as a clause author does: a wording change to a standard clause
// (version bumped, lock recorded) makes lint fail on its fallback until the
// author has checked it and moved its based_on; moving based_on alone is
// no new text, so it needs no new version and no new approval (a new
// user's walkthrough found lint demanding a version for it, which would
// have sent the fallback back to Legal for nothing).
func TestLintRebasedFallback(t *testing.T) {
	cl, tm := copyLibrary(t)
	lint := func(extra ...string) (int, string) {
		code, out, errs := dpakitLint(t, append([]string{"--clauses", cl, "--templates", tm}, extra...)...)
		return code, out + errs
	}
	std := filepath.Join(cl, "breach.md")
	src, err := os.ReadFile(std)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^version: (\d+)\.(\d+)\.(\d+)$`).FindSubmatch(src)
	if m == nil {
		t.Fatal("breach.md has no version line")
	}
	old := fmt.Sprintf("%s.%s.%s", m[1], m[2], m[3])
	patch, _ := strconv.Atoi(string(m[3]))
	bumped := fmt.Sprintf("%s.%s.%d", m[1], m[2], patch+1)
	edited := bytes.Replace(src, []byte("version: "+old), []byte("version: "+bumped), 1)
	edited = bytes.Replace(edited, []byte("without undue delay"), []byte("without any undue delay"), 1)
	os.WriteFile(std, edited, 0o644)
	if code, out := lint("--update-lock"); code != 1 || !strings.Contains(out, "was written against clause breach "+old) {
		t.Fatalf("a new standard text: exit %d, want 1 and the stale fallback:\n%s", code, out)
	}
	fb := filepath.Join(cl, "fallbacks", "breach.phone-notice.md")
	fsrc, err := os.ReadFile(fb)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(fb, bytes.Replace(fsrc, []byte("based_on: "+old), []byte("based_on: "+bumped), 1), 0o644)
	code, out := lint()
	if code != 0 || !strings.Contains(out, " 0 problems") || strings.Contains(out, "the text changed") {
		t.Errorf("based_on moved: exit %d, want 0:\n%s", code, out)
	}
	if strings.Contains(out, "breach.phone-notice") && !bytes.Contains(fsrc, []byte("approved_version")) {
		t.Errorf("moving based_on sent the fallback back for approval:\n%s", out)
	}
}
