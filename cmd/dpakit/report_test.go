package main

import (
	"bytes"
	"errors"
	"github.com/spf13/cobra"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// needTool skips a test when a command-line tool is missing, except in CI
// (DPAKIT_REQUIRE_TOOLS), where it fails.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("DPAKIT_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s is not installed", name)
		}
		t.Skipf("%s not installed (apt-get install poppler-utils)", name)
	}
}

// TestRenderFormatFromExtension: the file name decides the format unless
// --format says otherwise, and a contradiction or an unknown extension is
// refused before anything is written.
func TestRenderFormatFromExtension(t *testing.T) {
	tests := []struct {
		name   string
		out    string
		format string
		code   int
		starts string // the file's first bytes, or the message on stderr
	}{
		{"html from .html", "dpa.html", "", 0, "<!DOCTYPE html>"},
		{"html from .HTM", "dpa.HTM", "", 0, "<!DOCTYPE html>"},
		{"markdown from .md", "dpa.md", "", 0, "# "},
		{"pdf from .pdf", "dpa.pdf", "", 0, "%PDF-"},
		{"word from .docx", "dpa.docx", "", 0, "PK\x03\x04"},
		{"contradiction docx", "dpa.docx", "pdf", 2, "whose extension means DOCX"},
		{"format agrees", "dpa.html", "html", 0, "<!DOCTYPE html>"},
		{"format in capitals", "dpa.html", "HTML", 0, "<!DOCTYPE html>"},
		{"format for an unknown extension", "dpa.txt", "md", 0, "# "},
		{"contradiction", "dpa.html", "pdf", 2, "--format pdf contradicts -o "},
		{"contradiction md", "dpa.pdf", "md", 2, "whose extension means PDF"},
		{"unknown extension", "dpa.txt", "", 2, "cannot tell the format from -o "},
		{"no extension", "dpa", "", 2, "name the file .pdf, .docx, .html or .md, or give --format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, tt.out)
			args := []string{"render", exampleDealPath, "-o", out}
			if tt.format != "" {
				args = append(args, "--format", tt.format)
			}
			code, _, errs := dpakit(t, "", args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d: %s", code, tt.code, errs)
			}
			if tt.code != 0 {
				if !strings.Contains(errs, tt.starts) {
					t.Errorf("stderr %q lacks %q", errs, tt.starts)
				}
				if entries, _ := os.ReadDir(dir); len(entries) != 0 {
					t.Errorf("a refused render left %d files behind", len(entries))
				}
				return
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte(tt.starts)) {
				t.Errorf("%s starts %q, want %q", tt.out, b[:min(len(b), 20)], tt.starts)
			}
		})
	}
}

// TestRenderToStdoutDefaultsToPDF: without -o and --format, the PDF goes
// to standard output (which is not a terminal here) and nothing is
// reported.
func TestRenderToStdoutDefaultsToPDF(t *testing.T) {
	code, out, errs := dpakit(t, "", "render", exampleDealPath)
	if code != 0 || !strings.HasPrefix(out, "%PDF-") || errs != "" {
		t.Errorf("exit %d, stdout starts %q, stderr %q", code, out[:min(len(out), 8)], errs)
	}
}

// TestRenderReportsWhatItWrote: the path, the format, the page count
// (checked against pdfinfo) and the size are reported; --quiet silences it.
func TestRenderReportsWhatItWrote(t *testing.T) {
	needTool(t, "pdfinfo")
	dir := t.TempDir()
	out := filepath.Join(dir, "dpa.pdf")
	code, _, errs := dpakit(t, "", "render", exampleDealPath, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	m := regexp.MustCompile(`^(.+): PDF, (\d+) pages, (\d+) KB\n$`).FindStringSubmatch(errs)
	if m == nil {
		t.Fatalf("stderr %q is not \"FILE: PDF, N pages, N KB\"", errs)
	}
	if m[1] != out {
		t.Errorf("reported path %q, want %q", m[1], out)
	}
	info, err := exec.Command("pdfinfo", out).Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if pages == nil || string(pages[1]) != m[2] {
		t.Errorf("reported %s pages; pdfinfo says %q", m[2], pages)
	}
	st, _ := os.Stat(out)
	if kb, _ := strconv.Atoi(m[3]); kb != int((st.Size()+500)/1000) {
		t.Errorf("reported %s KB for %d bytes", m[3], st.Size())
	}

	html := filepath.Join(dir, "annex-ii.html")
	code, _, errs = dpakit(t, "", "render", exampleDealPath, "--doc", "annex-ii", "-o", html)
	if code != 0 || !regexp.MustCompile(`^.+annex-ii\.html: HTML, \d+ KB\n$`).MatchString(errs) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	for _, q := range []string{"--quiet", "-q"} {
		code, _, errs = dpakit(t, "", "render", exampleDealPath, "-o", out, q)
		if code != 0 || errs != "" {
			t.Errorf("%s: exit %d, stderr %q; want nothing", q, code, errs)
		}
	}
}

func TestExportAndImportReport(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "list.xlsx")
	code, _, errs := dpakit(t, "", "subprocessors", "export", exampleProfilePath, "--as-of", "2026-12-01", "-o", xlsx)
	if code != 0 || !regexp.MustCompile(`^.+list\.xlsx: Excel workbook, 2 sub-processors as of 2026-12-01, \d+ KB\n$`).MatchString(errs) {
		t.Errorf("export: exit %d, stderr %q", code, errs)
	}
	yaml := filepath.Join(dir, "list.yaml")
	code, _, errs = dpakit(t, "", "subprocessors", "import", xlsx, "-o", yaml)
	if code != 0 || errs != yaml+": list of 2 sub-processors\n" {
		t.Errorf("import: exit %d, stderr %q", code, errs)
	}
	code, _, errs = dpakit(t, "", "--quiet", "subprocessors", "export", exampleProfilePath, "-o", xlsx, "--as-of", "2026-12-01")
	if code != 0 || errs != "" {
		t.Errorf("export --quiet: exit %d, stderr %q", code, errs)
	}
	// A list is never written under another format's name.
	code, _, errs = dpakit(t, "", "subprocessors", "export", exampleProfilePath, "-o", filepath.Join(dir, "list.txt"))
	if code != 2 || !strings.Contains(errs, "an Excel workbook (.xlsx) or a CSV file (.csv), not .txt") {
		t.Errorf("export -o list.txt: exit %d, stderr %q", code, errs)
	}
	// Nor is a list file written under a workbook's name.
	wb := filepath.Join(dir, "out.xlsx")
	code, _, errs = dpakit(t, "", "subprocessors", "import", xlsx, "-o", wb)
	if _, err := os.Stat(wb); code != 2 || !strings.Contains(errs, "name the file .yaml, not .xlsx") || err == nil {
		t.Errorf("import -o out.xlsx: exit %d, stderr %q, file written: %v", code, errs, err == nil)
	}
}

func TestNoticeFormatContradiction(t *testing.T) {
	out := filepath.Join(t.TempDir(), "notice.pdf")
	code, _, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath, "--old", exampleProfilePath,
		"--new", newList, "--date", "2026-12-20", "-o", out, "--format", "html")
	if code != 2 || !strings.Contains(errs, "--format html contradicts -o") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the refused notice was written")
	}
}

func TestClausesShowSuggests(t *testing.T) {
	code, _, errs := dpakit(t, "", "clauses", "show", "brach")
	if code != 2 || !strings.Contains(errs, `no clause with id "brach"; did you mean "breach"?`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	// A clause id differs from one in the library only in case: say that
	// case matters rather than offer the same word back.
	code, _, errs = dpakit(t, "", "clauses", "show", "Breach")
	if code != 2 || !strings.Contains(errs, `no clause with id "Breach"; a clause id is case-sensitive: write "breach"`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	code, _, errs = dpakit(t, "", "clauses", "show", "zzzzzz")
	if code != 2 || strings.Contains(errs, "did you mean") {
		t.Errorf("no suggestion expected: exit %d, stderr %q", code, errs)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := dpakit(t, "", "version")
	if code != 0 || !regexp.MustCompile(`^dpakit \S+\nclause library [0-9a-f]+, Annex II catalogue \d+\.\d+\.\d+\n`).MatchString(out) {
		t.Errorf("exit %d, output %q", code, out)
	}
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	tests := []struct {
		name    string
		bi      *debug.BuildInfo
		version string
		details string
	}{
		{"no build info", nil, "devel", ""},
		{"go run", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}, "devel", "built with go1.26.0; no commit recorded (go run, and go build with -buildvcs=false or outside a Git clone, record none)"},
		{"tagged release", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.4.0"},
			Settings: settings("vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-11-30T09:00:00Z", "vcs.modified", "false")},
			"v1.4.0", "built from commit 0123456789ab of 2026-11-30T09:00:00Z, with go1.26.0"},
		{"between tags, edited", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.4.1-0.20261201090000-0123456789ab+dirty"}},
			"v1.4.1-0.20261201090000-0123456789ab+dirty", "built with go1.26.0; no commit recorded (go run, and go build with -buildvcs=false or outside a Git clone, record none)"},
		{"modified tree", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", "abc", "vcs.modified", "true")},
			"devel", "built from commit abc, with uncommitted changes"},
	}
	for _, tt := range tests {
		if got := releaseVersion(tt.bi); got != tt.version {
			t.Errorf("%s: releaseVersion = %q, want %q", tt.name, got, tt.version)
		}
		if got := buildDetails(tt.bi); got != tt.details {
			t.Errorf("%s: buildDetails = %q, want %q", tt.name, got, tt.details)
		}
	}
}

// TestBuildID: a batch's manifest records a clean release as its
// version, and any other build with its executable's digest, so that
// --resume remakes the rows another build made; the running test binary
// is such a build.
func TestBuildID(t *testing.T) {
	sum := func() (string, error) { return "bb44d459bc8f0123456789", nil }
	fails := func() (string, error) { return "", errors.New("no executable") }
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		sum  func() (string, error)
		want string
	}{
		{"release", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, sum, "v1.4.0"},
		{"go run", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, sum, "devel+bb44d459bc8f"},
		{"edited checkout", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.1-0.20261201090000-0123456789ab+dirty"}}, sum, "v1.4.1-0.20261201090000-0123456789ab+dirty.bb44d459bc8f"},
		{"no build info", nil, sum, "devel+bb44d459bc8f"},
		{"executable unreadable", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, fails, "devel"},
	}
	for _, tt := range tests {
		if got := buildIDOf(tt.bi, tt.sum); got != tt.want {
			t.Errorf("%s: buildIDOf = %q, want %q", tt.name, got, tt.want)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	digest, err := fileSHA256(exe)
	if err != nil {
		t.Fatal(err)
	}
	if got := buildID(); got != "devel+"+digest[:12] {
		t.Errorf("buildID() = %q, want devel+%s (the test binary's digest)", got, digest[:12])
	}
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int]string{0: "0 bytes", 1: "1 byte", 999: "999 bytes", 1000: "1 KB", 182_400: "182 KB", 999_499: "999 KB", 2_400_000: "2.4 MB"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestPageOptionsNeedPages: --esign-anchors and --manifest are for a PDF
// and --paper for a PDF or Word file; given for a format without them they
// are refused, not silently ignored, and nothing is written.
func TestPageOptionsNeedPages(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		out  string
		flag []string
		want string
	}{
		{"x.html", []string{"--esign-anchors", "docusign"}, "an HTML file has none"},
		{"x.docx", []string{"--esign-anchors", "adobe"}, "a Word file has none"},
		{"x.md", []string{"--paper", "letter"}, "a Markdown file has no pages"},
		{"x.html", []string{"--paper", "a4"}, "an HTML file has no pages"},
		{"x.md", []string{"--manifest", "none"}, "a Markdown file carries none"},
	} {
		out := filepath.Join(dir, tc.out)
		args := append([]string{"render", exampleDealPath, "--profile", exampleProfilePath, "-o", out}, tc.flag...)
		code, _, errs := dpakit(t, "", args...)
		if _, err := os.Stat(out); code != 2 || !strings.Contains(errs, tc.want) || err == nil {
			t.Errorf("%v -o %s: exit %d, stderr %q, written %v", tc.flag, tc.out, code, errs, err == nil)
		}
	}
	if code, _, errs := dpakit(t, "", "render", exampleDealPath, "--profile", exampleProfilePath, "--paper", "letter", "-o", filepath.Join(dir, "x.docx")); code != 0 {
		t.Errorf("--paper letter -o x.docx: exit %d: %s", code, errs)
	}
}

// TestSubcommandSuggestion: a mistyped subcommand of a command group gets
// the suggestion the top level gives, and points to that group's help.
func TestSubcommandSuggestion(t *testing.T) {
	code, _, errs := dpakit(t, "", "subprocessors", "exprot")
	want := "dpakit: unknown command \"exprot\" for \"dpakit subprocessors\"\n\nDid you mean this?\n\texport\n\nRun 'dpakit subprocessors --help' for usage.\n"
	if code != 2 || errs != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errs, want)
	}
}

// TestFlagSuggestion: a mistyped long flag gets the closest flag of its
// command, the global ones included, and a flag like no other gets none.
func TestFlagSuggestion(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"render", exampleDealPath, "--profle", exampleProfilePath}, "dpakit: unknown flag: --profle; did you mean --profile?\nRun 'dpakit render --help' for usage.\n"},
		{[]string{"render", exampleDealPath, "--formt=pdf"}, "dpakit: unknown flag: --formt; did you mean --format?\nRun 'dpakit render --help' for usage.\n"},
		{[]string{"batch", "--resme"}, "dpakit: unknown flag: --resme; did you mean --resume?\nRun 'dpakit batch --help' for usage.\n"},
		{[]string{"validate", exampleDealPath, "--qiuet"}, "dpakit: unknown flag: --qiuet; did you mean --quiet?\nRun 'dpakit validate --help' for usage.\n"},
		{[]string{"render", exampleDealPath, "--zzzzzzzz"}, "dpakit: unknown flag: --zzzzzzzz\nRun 'dpakit render --help' for usage.\n"},
	} {
		code, _, errs := dpakit(t, "", tc.args...)
		if code != 2 || errs != tc.want {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, errs, tc.want)
		}
	}
}

// TestEveryCommandHasExamples: the README promises that every command's
// --help has examples; cobra's own help and completion commands aside.
func TestEveryCommandHasExamples(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if !c.HasParent() || c.Name() == "help" || c.Name() == "completion" || c.HasParent() && c.Parent().Name() == "completion" {
			return
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("dpakit %s has no examples in its --help", strings.TrimPrefix(c.CommandPath(), "dpakit "))
		}
	}
	root := newApp(strings.NewReader(""), io.Discard, io.Discard).rootCmd()
	root.InitDefaultCompletionCmd()
	walk(root)
}

// TestDisplayName: messages name a file by its base name, standard input
// as stdin, and a device by its path (render /dev/null spoke of "the deal
// null").
func TestDisplayName(t *testing.T) {
	for in, want := range map[string]string{"": "", "-": "stdin", "deals/acme.yaml": "acme.yaml", "/dev/null": "/dev/null", "/dev/./stdin": "/dev/stdin"} {
		if got := displayName(in); got != want {
			t.Errorf("displayName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRenderNotesDeviationsInManifest: a PDF rendered with the default
// full manifest for a deal that departs from the vendor's standard terms
// carries those deviations, with the standard values; render says so and
// names --manifest versions for the customer's copy. With that flag, with
// --quiet, or for a deal without deviations, it says nothing.
func TestRenderNotesDeviationsInManifest(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		deal  string
		extra []string
		note  bool
	}{
		{"negotiated", nil, true},
		{"negotiated", []string{"--manifest", "versions"}, false},
		{"negotiated", []string{"--quiet"}, false},
		{"minimal", nil, false},
	} {
		args := append([]string{"render", "../../fixtures/deals/" + tc.deal + ".yaml", "--profile", exampleProfilePath,
			"-o", filepath.Join(dir, tc.deal+".pdf")}, tc.extra...)
		code, _, errs := dpakit(t, "", args...)
		got := strings.Contains(errs, "dpakit: note: the PDF's attached manifest.json lists 11 deviations from the vendor's standard terms, each with the standard value; for the copy sent to the customer, render it with --manifest versions")
		if code != 0 || got != tc.note || (tc.deal == "minimal" && strings.Contains(errs, "manifest.json")) {
			t.Errorf("%s %v: exit %d, note %t, want %t:\n%s", tc.deal, tc.extra, code, got, tc.note, errs)
		}
	}
}
