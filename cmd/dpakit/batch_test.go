package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dpakit/dpakit/assemble/batch"
	"github.com/google/go-cmp/cmp"
)

// customersCSV returns n customer rows; row i fails validation when bad(i).
func customersCSV(n int, bad func(i int) bool) string {
	countries := []string{"NL", "FR", "IE", "PL", "BE", "AT", "SE", "DE"}
	var b strings.Builder
	b.WriteString("effective_date,agreement,customer.name,customer.address,customer.country,customer.role,customer.contact.name,customer.contact.email,customer.signatory.name,customer.signatory.title,breach.notice_hours,processing.purposes\n")
	for i := 1; i <= n; i++ {
		hours := 24 + i%48
		if bad(i) {
			hours = 100 + i
		}
		fmt.Fprintf(&b, "2026-12-01,Cloud Services Agreement,Kunde %d GmbH,\"Straße %d, Stadt\",%s,controller,Datenschutz,privacy%d@kunde.example,Signer %d,Director,%d,Hosting; Support\\; on call\n",
			i, i, countries[i%len(countries)], i, i, hours)
	}
	return b.String()
}

func writeFile(t *testing.T, path, data string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// fileTree returns every file below dir with its SHA-256, by relative path.
func fileTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(data)
		out[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBatch100RowsWith4Bad(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "customers.csv"), customersCSV(100, func(i int) bool { return i%25 == 0 }))
	out := filepath.Join(dir, "out")
	code, _, errs := dpakit(t, "", "batch", "--profile", exampleProfilePath, "--input", in, "--out", out,
		"--docs", "dpa,subprocessors", "--format", "html", "--jobs", "2")
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, errs)
	}
	if !strings.Contains(errs, "dpakit batch: 100 rows: 96 made, 0 kept, 4 failed") || !strings.Contains(errs, "errors.csv") {
		t.Errorf("summary line: %q", errs)
	}
	entries, _ := os.ReadDir(out)
	bundles := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		bundles++
		files, _ := os.ReadDir(filepath.Join(out, e.Name()))
		if len(files) != 2 || files[0].Name() != "dpa.html" || files[1].Name() != "subprocessors.xlsx" {
			t.Errorf("bundle %s holds %v", e.Name(), files)
		}
	}
	if bundles != 96 {
		t.Errorf("%d bundles, want 96", bundles)
	}
	data, err := os.ReadFile(filepath.Join(out, batch.ErrorsFile))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("errors.csv has %d lines, want a header and 4 errors:\n%s", len(lines), data)
	}
	if want := "25,DPA-20261201-KUNDE-25,customers.csv,26,breach.notice_hours,max,must be at most 72"; !strings.HasPrefix(lines[1], want) {
		t.Errorf("first error line %q, want it to start %q", lines[1], want)
	}
}

func TestBatchRowIsRenderWithProfile(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "customers.csv"), customersCSV(3, func(int) bool { return false }))
	out := filepath.Join(dir, "out")
	if code, _, errs := dpakit(t, "", "batch", "--profile", exampleProfilePath, "--input", in, "--out", out, "--format", "md,HTML,docx", "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	dealFile := writeFile(t, filepath.Join(dir, "deal.yaml"), kundeTwo)
	for _, format := range []string{"md", "html", "docx"} {
		code, want, errs := dpakit(t, "", "render", dealFile, "--profile", exampleProfilePath, "--format", format, "-o", "-")
		if code != 0 {
			t.Fatalf("render: exit %d: %s", code, errs)
		}
		got, err := os.ReadFile(filepath.Join(out, "DPA-20261201-KUNDE-2", "dpa."+format))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("batch's dpa.%s differs from render --profile's", format)
		}
	}
}

// kundeTwo is row 2 of customersCSV as a deal file.
const kundeTwo = `effective_date: 2026-12-01
agreement: Cloud Services Agreement
customer:
  name: Kunde 2 GmbH
  address: Straße 2, Stadt
  country: IE
  role: controller
  contact: {name: Datenschutz, email: privacy2@kunde.example}
  signatory: {name: Signer 2, title: Director}
breach: {notice_hours: 26}
processing:
  purposes: [Hosting, Support; on call]
`

// TestBatchDatesWordFiles is the regression test for a batch whose --date
// dated its PDFs alone, while render --date dates a Word file too: the
// same deal and the same --date (or SOURCE_DATE_EPOCH) give the same
// DOCX through both doors, dated that day; a resume with them keeps it.
func TestBatchDatesWordFiles(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "customers.csv"), customersCSV(2, func(int) bool { return false }))
	dealFile := writeFile(t, filepath.Join(dir, "deal.yaml"), kundeTwo)
	for _, tc := range []struct {
		name, env string
		args      []string
		created   string
	}{
		{"--date", "", []string{"--date", "2027-03-04"}, "2027-03-04T00:00:00Z"},
		{"SOURCE_DATE_EPOCH", "1804118400", nil, "2027-03-04T00:00:00Z"},
		{"neither", "", nil, "2026-12-01T00:00:00Z"}, // the effective date
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(sourceDateEpoch, tc.env)
			out := filepath.Join(dir, tc.name)
			args := append([]string{"batch", "--profile", exampleProfilePath, "--input", in, "--out", out, "--format", "docx", "-q"}, tc.args...)
			if code, _, errs := dpakit(t, "", args...); code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			got, err := os.ReadFile(filepath.Join(out, "DPA-20261201-KUNDE-2", "dpa.docx"))
			if err != nil {
				t.Fatal(err)
			}
			code, want, errs := dpakit(t, "", append([]string{"render", dealFile, "--profile", exampleProfilePath, "--format", "docx", "-o", "-"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("render: exit %d: %s", code, errs)
			}
			if string(got) != want {
				t.Error("batch's dpa.docx differs from render's with the same date")
			}
			zr, err := zip.NewReader(bytes.NewReader(got), int64(len(got)))
			if err != nil {
				t.Fatal(err)
			}
			core, err := fs.ReadFile(zr, "docProps/core.xml")
			if err != nil || !strings.Contains(string(core), ">"+tc.created+"</dcterms:created>") {
				t.Errorf("core.xml (%v) = %s; want created %s", err, core, tc.created)
			}
			_, _, errs = dpakit(t, "", append(args, "--resume")...)
			if !strings.Contains(errs, ": 0 made, 2 kept, 0 failed") {
				t.Errorf("the resume with the same date: %s", errs)
			}
		})
	}
}

func TestBatchUsageErrors(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "customers.csv"), customersCSV(2, func(int) bool { return false }))
	badHeader := writeFile(t, filepath.Join(dir, "bad.csv"), "customer.nmae\nx\n")
	// An input that sits in --out under the name of the run's errors.csv.
	inOut := filepath.Join(dir, "in-out")
	if err := os.Mkdir(inOut, 0o755); err != nil {
		t.Fatal(err)
	}
	errorsInput := writeFile(t, filepath.Join(inOut, "errors.csv"), customersCSV(2, func(int) bool { return false }))
	used := filepath.Join(dir, "used")
	if code, _, errs := dpakit(t, "", "batch", "--input", in, "--out", used, "--profile", exampleProfilePath, "--format", "md", "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no input", []string{"--out", dir}, "batch needs --input"},
		{"no out", []string{"--input", in}, "batch needs --out"},
		{"bad shard", []string{"--input", in, "--out", dir, "--shard", "3/3"}, `--shard "3/3": want I/N with 0 <= I < N`},
		{"too many shards", []string{"--input", in, "--out", dir, "--shard", "0/1000000"}, `--shard "0/1000000": N must be at most 1000`},
		{"no jobs", []string{"--input", in, "--out", dir, "--jobs", "0"}, "--jobs must be between 1 and 256 (got 0)"},
		{"too many jobs", []string{"--input", in, "--out", dir, "--jobs", "99999999999999"}, "--jobs must be between 1 and 256 (got 99999999999999)"},
		{"input in the way of errors.csv", []string{"--input", errorsInput, "--out", inOut}, "the run writes its errors.csv there, which is the input " + errorsInput},
		{"unknown extension", []string{"--input", "deals.xml", "--out", dir}, "cannot tell the format"},
		{"missing input", []string{"--input", filepath.Join(dir, "none.csv"), "--out", dir}, "no such file"},
		{"input is a directory", []string{"--input", dir, "--input-format", "csv", "--out", filepath.Join(dir, "o0")}, dir + " is a directory, not a .csv, .yaml or .jsonl file of deals"},
		{"unknown column", []string{"--input", badHeader, "--out", filepath.Join(dir, "o1")}, `unknown field "nmae"`},
		{"unknown document", []string{"--input", in, "--out", filepath.Join(dir, "o2"), "--docs", "annex-iv"}, `unknown document "annex-iv"`},
		{"unknown format", []string{"--input", in, "--out", filepath.Join(dir, "o3"), "--format", "rtf"}, `unknown format "rtf"`},
		{"document twice", []string{"--input", in, "--out", filepath.Join(dir, "o4"), "--docs", "dpa,dpa"}, `the document "dpa" is requested twice`},
		{"notice without list", []string{"--input", in, "--out", filepath.Join(dir, "o4"), "--docs", "notice"}, "--notice-old"},
		{"notice flags without notice", []string{"--input", in, "--out", filepath.Join(dir, "o5"), "--notice-date", "2026-12-01"}, "need --docs notice"},
		{"a batch already there", []string{"--input", in, "--out", used}, "add --resume"},
		{"missing profile", []string{"--input", in, "--out", filepath.Join(dir, "o6"), "--profile", filepath.Join(dir, "none.yaml")}, "none.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := dpakit(t, "", append([]string{"batch"}, tc.args...)...)
			if code != 2 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tc.want)
			}
		})
	}
	if got, err := os.ReadFile(errorsInput); err != nil || string(got) != customersCSV(2, func(int) bool { return false }) {
		t.Errorf("the input in --out was changed (%v)", err)
	}
}

func TestBatchNotices(t *testing.T) {
	dir := t.TempDir()
	prof, err := os.ReadFile(exampleProfilePath)
	if err != nil {
		t.Fatal(err)
	}
	// The new profile drops Papertrail from the list.
	i := bytes.Index(prof, []byte("    - name: Papertrail"))
	j := bytes.Index(prof, []byte("\nprocessing:"))
	newProfile := writeFile(t, filepath.Join(dir, "new-profile.yaml"), string(prof[:i])+string(prof[j:]))
	in := writeFile(t, filepath.Join(dir, "customers.jsonl"),
		`{"effective_date":"2026-01-01","agreement":"MSA","customer":{"name":"Acme B.V.","address":"Street 1","country":"NL","role":"controller","contact":{"name":"P","email":"p@acme.example"},"signatory":{"name":"J","title":"Director"}},"subprocessors":{"objection_days":10}}`+"\n"+
			`{"effective_date":"2026-01-01","agreement":"MSA","customer":{"name":"Beta B.V.","address":"Street 2","country":"NL","role":"controller","contact":{"name":"P","email":"p@beta.example"},"signatory":{"name":"J","title":"Director"}},"subprocessors":{"objection_days":30}}`+"\n")
	out := filepath.Join(dir, "out")
	code, _, errs := dpakit(t, "", "batch", "--profile", newProfile, "--input", in, "--out", out, "--docs", "notice",
		"--notice-old", exampleProfilePath, "--notice-date", "2026-12-01", "--format", "md", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// A removal alone asks nothing of the customer: the letter says so and
	// sets no deadline.
	for _, ref := range []string{"DPA-20260101-ACME", "DPA-20260101-BETA"} {
		data, err := os.ReadFile(filepath.Join(out, ref, "notice.md"))
		if err != nil || !strings.Contains(string(data), "Papertrail") || !strings.Contains(string(data), "Removals need no action from you.") || strings.Contains(string(data), "object") {
			t.Errorf("%s/notice.md: want Papertrail's removal, no action and no objection (%v):\n%s", ref, err, data)
		}
	}
}

func TestBatchProgressLines(t *testing.T) {
	var buf bytes.Buffer
	p := newBatchProgress(&buf, 10, false)
	if p.bar != nil {
		t.Fatal("a bytes.Buffer is not a terminal")
	}
	p.finish()
	p = &batchProgress{w: &buf, total: 10, start: time.Now().Add(-2 * time.Second), interval: 5 * time.Millisecond, stop: make(chan struct{})}
	p.stopped.Go(p.logLoop)
	p.update(batch.Progress{Done: 4, Failed: 1})
	time.Sleep(30 * time.Millisecond)
	p.finish()
	if line := strings.SplitN(buf.String(), "\n", 2)[0]; !regexp.MustCompile(`^dpakit batch: 4/10 rows, \d+\.\d rows/s, 1 failed, about \d+s left$`).MatchString(line) {
		t.Errorf("progress line %q", line)
	}
	// A resume: the rate counts the 2 rows made, the time left the pace of
	// all 6 done (the rows left may be kept too).
	buf.Reset()
	p = &batchProgress{w: &buf, total: 10, start: time.Now().Add(-2 * time.Second)}
	p.update(batch.Progress{Done: 6, Kept: 4})
	if line := p.line(); !regexp.MustCompile(`^dpakit batch: 6/10 rows, 1\.0 rows/s, 0 failed, 4 kept, about 1s left$`).MatchString(line) {
		t.Errorf("resume progress line %q", line)
	}
	var quiet bytes.Buffer
	q := newBatchProgress(&quiet, 10, true)
	q.update(batch.Progress{Done: 1})
	q.finish()
	if quiet.Len() != 0 {
		t.Errorf("--quiet printed %q", quiet.String())
	}
}

// dpakitCommand returns a command that runs dpakit with args as a real
// process, for tests that send it signals: the test binary itself, which
// TestMain turns into dpakit.
func dpakitCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DPAKIT_TEST_AS_CLI=1")
	return cmd
}

// manifestLines counts the complete lines of a manifest being written.
func manifestLines(path string) int {
	data, _ := os.ReadFile(path)
	return bytes.Count(data, []byte("\n"))
}

func TestBatchKilledAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("runs dpakit as a subprocess and renders a hundred PDFs")
	}
	// It runs beside the other parallel tests: its work is in its
	// subprocesses.
	t.Parallel()
	dir := t.TempDir()
	// Enough rows that the signal comes while two jobs render, after 1 to
	// 6 rows; row 9 fails, so a complete run exits 1.
	const rows = 12
	in := writeFile(t, filepath.Join(dir, "customers.csv"), customersCSV(rows, func(i int) bool { return i%9 == 0 }))
	args := func(out string, extra ...string) []string {
		return append([]string{"batch", "--profile", exampleProfilePath, "--input", in, "--out", out,
			"--docs", "dpa,subprocessors", "--format", "pdf", "--jobs", "2"}, extra...)
	}
	// Every run records the same PDF date, so that a resumed batch's files
	// can be compared with an uninterrupted one's.
	command := func(args ...string) *exec.Cmd {
		cmd := dpakitCommand(args...)
		cmd.Env = append(cmd.Env, sourceDateEpoch+"=1796083200")
		return cmd
	}
	whole := filepath.Join(dir, "whole")
	if out, err := command(args(whole)...).CombinedOutput(); exitCode(err) != 1 {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}
	want := fileTree(t, whole)

	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	t.Logf("seed %d", seed)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			out := filepath.Join(dir, "run-"+strings.ReplaceAll(sig.String(), " ", "-"))
			after := 1 + rng.IntN(rows-6)
			cmd := command(args(out)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(2 * time.Minute)
			for manifestLines(filepath.Join(out, batch.ManifestFile)) < after && time.Now().Before(deadline) {
				time.Sleep(2 * time.Millisecond)
			}
			time.Sleep(time.Duration(rng.IntN(20)) * time.Millisecond)
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			code := exitCode(err)
			wantCode := map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143, syscall.SIGKILL: -1}[sig]
			// A run may finish (exit 1, for its bad row) before the signal
			// comes, on a fast machine; the resume then has nothing to do.
			if code != wantCode && !(code == 1 && manifestLines(filepath.Join(out, batch.ManifestFile)) == rows) {
				t.Fatalf("stopped after %d rows: exit %d, want %d\n%s", after, code, wantCode, stderr.String())
			}
			if sig != syscall.SIGKILL {
				for p := range fileTree(t, out) {
					if strings.HasSuffix(p, ".tmp") {
						t.Errorf("temporary file %s left behind", p)
					}
				}
				checkJSONLines(t, filepath.Join(out, batch.ManifestFile))
				if !strings.Contains(stderr.String(), "--resume") && code != 1 {
					t.Errorf("the summary does not say how to finish: %s", stderr.String())
				}
			}
			res, err := command(args(out, "--resume", "-q")...).CombinedOutput()
			if exitCode(err) != 1 {
				t.Fatalf("resume: %v\n%s", err, res)
			}
			got := fileTree(t, out)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("stopped after %d rows and resumed: files differ from an uninterrupted run (-want +got):\n%s", after, diff)
			}
		})
	}
}

// exitCode returns a finished command's exit status, -1 when a signal
// killed it.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -2
}

// checkJSONLines fails unless every line of the file is a JSON object.
func checkJSONLines(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var v map[string]any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Errorf("%s line %d: %v", path, n, err)
		}
	}
}

func TestTuneGCRestores(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := tuneGC(2)
	if got := debug.SetGCPercent(400); got != 400 {
		t.Errorf("GC percent during a batch = %d, want 400", got)
	}
	if got := debug.SetMemoryLimit(-1); got != (96+2*48)<<20 {
		t.Errorf("memory limit during a batch = %d MiB, want 192", got>>20)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after = %d, want 100 restored", got)
	}
	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50)
	tuneGC(2)()
	if got := debug.SetGCPercent(100); got != 50 {
		t.Errorf("with GOGC set, the percent became %d, want the user's 50", got)
	}
}

// TestBarRateCountsFromStart checks that the progress bar's rate counts
// the time since the run started: a first row done after at least 300 ms
// shows at most 3.4 rows a second, not the thousands a clock started at
// the first row would show. Before any row is done the bar shows no rate
// (it showed "0 deals/hr").
func TestBarRateCountsFromStart(t *testing.T) {
	t.Parallel() // its sleep overlaps the other parallel tests
	var out bytes.Buffer
	p := &batchProgress{w: &out, total: 10, start: time.Now()}
	p.bar = newBar(&out, 10, p.stats())
	blank := out.String()
	if !strings.Contains(blank, "dpakit batch: 0/10 rows, 0 failed") || strings.Contains(blank, "/s") || strings.Contains(blank, "/hr") {
		t.Errorf("the bar before any row: %q", blank)
	}
	time.Sleep(300 * time.Millisecond)
	p.update(batch.Progress{Done: 1})
	shown := out.String()
	m := regexp.MustCompile(`1/10 rows, (\d+\.\d) rows/s, 0 failed`).FindAllStringSubmatch(shown, -1)
	if len(m) == 0 {
		t.Fatalf("the bar shows no rate in rows/s:\n%q", shown)
	}
	if n, _ := strconv.ParseFloat(m[len(m)-1][1], 64); n > 3.4 {
		t.Errorf("rate after one row in ≥ 300 ms shown as %v rows/s:\n%q", n, shown)
	}
}

// TestBarShowsFailedAndKept: the bar says, in the log line's words, how
// many rows failed and, in a resume, how many were kept, and its rate
// counts the rows made or failed alone.
func TestBarShowsFailedAndKept(t *testing.T) {
	t.Parallel() // its sleep overlaps the other parallel tests
	var out bytes.Buffer
	p := &batchProgress{w: &out, total: 100, start: time.Now().Add(-10 * time.Second)}
	p.bar = newBar(&out, 100, p.stats())
	time.Sleep(150 * time.Millisecond) // the bar is drawn at most every 100 ms
	p.update(batch.Progress{Done: 60, Kept: 40, Failed: 3})
	shown := out.String()
	m := regexp.MustCompile(`dpakit batch: 60/100 rows, (\d+\.\d) rows/s, 3 failed, 40 kept`).FindStringSubmatch(shown)
	if m == nil || strings.Contains(shown, "deals") {
		t.Fatalf("the bar: %q", shown)
	}
	if n, _ := strconv.ParseFloat(m[1], 64); n < 1.9 || n > 2.0 {
		t.Errorf("20 rows made or failed in 10 s shown as %v rows/s: %q", n, shown)
	}
}

// TestSummaryRate: a resume's summary rate counts the rows made or failed,
// and says how many were kept; a run that kept every row made none.
func TestSummaryRate(t *testing.T) {
	for _, tt := range []struct {
		s    batch.Summary
		want string
	}{
		{batch.Summary{Made: 95, Failed: 5, Elapsed: 2 * time.Second}, "50.0 rows/s"},
		{batch.Summary{Made: 15, Kept: 1485, Failed: 5, Elapsed: 2 * time.Second}, "10.0 rows/s, not counting the 1485 kept"},
		{batch.Summary{Kept: 1500, Elapsed: 800 * time.Millisecond}, "no row made: 1500 kept"},
		{batch.Summary{}, "0.0 rows/s"},
	} {
		if got := summaryRate(tt.s); got != tt.want {
			t.Errorf("summaryRate(%+v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

// TestBatchForgottenProfile: rows that lean on the vendor's profile, run
// without --profile, all fail; the run says what was probably forgotten,
// as validate does for one deal. A run without a profile where some rows
// succeed gets no hint.
func TestBatchForgottenProfile(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "customers.csv"), customersCSV(2, func(int) bool { return false }))
	code, _, errs := dpakit(t, "", "batch", "--input", in, "--out", filepath.Join(dir, "out"), "--quiet")
	if code != 1 || !strings.Contains(errs, "hint: every row failed (see errors.csv); the vendor's details (provider) usually come from its profile: did you forget --profile FILE (such as fixtures/profile.yaml, the example vendor's)?") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	code, _, errs = dpakit(t, "", "batch", "--input", in, "--out", filepath.Join(dir, "with"), "--profile", exampleProfilePath, "--quiet")
	if code != 0 || strings.Contains(errs, "hint:") {
		t.Errorf("with --profile: exit %d, stderr %q", code, errs)
	}
}

func TestStoppedAt(t *testing.T) {
	tests := []struct {
		s     batch.Summary
		total int
		want  string
	}{
		{batch.Summary{Selected: 76, Made: 70, Failed: 3}, 300, "73 of 300 rows done (3 read but not made); run the same command with --resume to make the rest"},
		{batch.Summary{Selected: 5, Made: 5}, -1, "5 rows done; run the same command with --resume to make the rest"},
		{batch.Summary{Selected: 1, Kept: 1}, 1, "1 of 1 row done; run the same command with --resume to make the rest"},
	}
	for _, tt := range tests {
		if got := stoppedAt(tt.s, tt.total); got != tt.want {
			t.Errorf("stoppedAt(%+v, %d) = %q, want %q", tt.s, tt.total, got, tt.want)
		}
	}
}

// TestBatchManifestOption: --manifest none gives PDFs without the attached
// manifest, and a resume with another --manifest makes the files again.
func TestBatchManifestOption(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "customers.csv"), customersCSV(2, func(int) bool { return false }))
	out := filepath.Join(dir, "out")
	args := []string{"batch", "--profile", exampleProfilePath, "--input", in, "--out", out, "--docs", "dpa", "--format", "pdf", "-q"}
	pdfs := func() []string {
		paths, _ := filepath.Glob(filepath.Join(out, "*", "dpa.pdf"))
		if len(paths) != 2 {
			t.Fatalf("%d PDFs, want 2", len(paths))
		}
		return paths
	}
	if code, _, errs := dpakit(t, "", append(args, "--manifest", "none")...); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, p := range pdfs() {
		if data, _ := os.ReadFile(p); bytes.Contains(data, []byte("/Filespec")) {
			t.Errorf("%s carries an attachment", p)
		}
	}
	if code, _, errs := dpakit(t, "", append(args, "--resume")...); code != 0 {
		t.Fatalf("resume: exit %d: %s", code, errs)
	}
	for _, p := range pdfs() {
		if data, _ := os.ReadFile(p); !bytes.Contains(data, []byte("/Filespec")) {
			t.Errorf("%s: resumed with the default manifest, but it has none", p)
		}
	}
}

// TestBatchResumeWithFewerOutputs: --resume with fewer documents and
// formats makes every row again and removes the files no longer made; a
// file the user changed or added stays, and the summary says so.
func TestBatchResumeWithFewerOutputs(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "customers.csv"), customersCSV(2, func(int) bool { return false }))
	out := filepath.Join(dir, "out")
	args := []string{"batch", "--profile", exampleProfilePath, "--input", in, "--out", out, "-q"}
	if code, _, errs := dpakit(t, "", append(args, "--docs", "dpa,annex-i", "--format", "pdf,docx")...); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	writeFile(t, filepath.Join(out, "README.txt"), "for the auditors")
	writeFile(t, filepath.Join(out, "DPA-20261201-KUNDE-2", "annex-i.docx"), "edited by legal")
	code, _, errs := dpakit(t, "", append(args, "--resume", "--docs", "dpa", "--format", "pdf")...)
	if code != 0 {
		t.Fatalf("resume: exit %d: %s", code, errs)
	}
	for _, want := range []string{"2 rows: 2 made, 0 kept, 0 failed", "; 2 files in", "; 5 stale files removed; 1 stale file left (changed since written, or not dpakit's to remove): DPA-20261201-KUNDE-2/annex-i.docx\n"} {
		if !strings.Contains(errs, want) {
			t.Errorf("summary %q, want %q", errs, want)
		}
	}
	var got []string
	for p := range fileTree(t, out) {
		got = append(got, p)
	}
	slices.Sort(got)
	want := []string{"DPA-20261201-KUNDE-1/dpa.pdf", "DPA-20261201-KUNDE-2/annex-i.docx", "DPA-20261201-KUNDE-2/dpa.pdf", "README.txt", "errors.csv", "manifest.jsonl"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files in --out (-want +got):\n%s", diff)
	}
}

// TestBatchKilledWhileNarrowing: a run resumed with fewer documents and
// killed midway (SIGKILL), then resumed again, ends with the files of an
// uninterrupted run of those documents: none of the earlier workbooks
// stays, whichever rows the killed run got to.
func TestBatchKilledWhileNarrowing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs dpakit as a subprocess and renders PDFs")
	}
	t.Parallel()
	dir := t.TempDir()
	const rows = 8
	in := writeFile(t, filepath.Join(dir, "customers.csv"), customersCSV(rows, func(i int) bool { return i == 5 }))
	out := filepath.Join(dir, "out")
	command := func(docs string, extra ...string) *exec.Cmd {
		cmd := dpakitCommand(append([]string{"batch", "--profile", exampleProfilePath, "--input", in, "--out", out,
			"--docs", docs, "--format", "pdf", "--jobs", "2", "-q"}, extra...)...)
		cmd.Env = append(cmd.Env, sourceDateEpoch+"=1796083200")
		return cmd
	}
	if res, err := command("dpa,subprocessors").CombinedOutput(); exitCode(err) != 1 {
		t.Fatalf("first run: %v\n%s", err, res)
	}
	want := map[string]string{}
	for p, sum := range fileTree(t, out) {
		if strings.HasSuffix(p, ".pdf") {
			want[p] = sum
		}
	}
	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	after := 1 + rng.IntN(rows-3)
	t.Logf("seed %d: killed after %d lines", seed, after)
	cmd := command("dpa", "--resume")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for manifestLines(filepath.Join(out, batch.ManifestFile)) < rows+after && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if res, err := command("dpa", "--resume").CombinedOutput(); exitCode(err) != 1 {
		t.Fatalf("resume: %v\n%s", err, res)
	}
	got := fileTree(t, out)
	delete(got, batch.ManifestFile)
	delete(got, batch.ErrorsFile)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("killed and resumed with fewer documents (-want +got):\n%s", diff)
	}
	checkJSONLines(t, filepath.Join(out, batch.ManifestFile))
}

// TestBatchSummaryCountsWarnings: the summary line says how many rows
// were made with warnings and where to read them, so a run that succeeds
// does not hide what a reviewer should look at.
func TestBatchSummaryCountsWarnings(t *testing.T) {
	for _, tt := range []struct {
		input, want string
	}{
		// scc.redress_body without a named body: redress_body_unnamed.
		{"../../fixtures/deals/processor-option2.yaml", "1 made, 0 kept, 0 failed (1 row with warnings: see "},
		{"../../fixtures/customers.csv", "5 made, 0 kept, 0 failed; "},
	} {
		out := filepath.Join(t.TempDir(), "out")
		code, _, errs := dpakit(t, "", "batch", "--profile", exampleProfilePath, "--input", tt.input, "--out", out, "--docs", "dpa", "--format", "md")
		if code != 0 || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: exit %d, stderr %q, want it to contain %q", tt.input, code, errs, tt.want)
		}
	}
}

// TestBatchProfileThatDoesNotDecode: a profile with a mistyped key stops
// the batch before any row, reported as the profile's problem alone, not
// as an invalid deal lacking a customer and an effective date.
func TestBatchProfileThatDoesNotDecode(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(exampleProfilePath)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(src), "\n  address:", "\n  adress:", 1)
	if bad == string(src) {
		t.Fatal("the example profile has no provider address to mistype")
	}
	profile := filepath.Join(dir, "vendor.yaml")
	if err := os.WriteFile(profile, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := dpakit(t, "", "batch", "--profile", profile, "--input", "../../fixtures/customers.csv", "--out", filepath.Join(dir, "out"))
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(errs, "dpakit: the profile vendor.yaml is invalid (1 problem):") || !strings.Contains(errs, `provider.adress: unknown field (did you mean "address"?)`) {
		t.Errorf("stderr:\n%s", errs)
	}
	for _, wrong := range []string{"effective_date", "customer:", "the deal"} {
		if strings.Contains(errs, wrong) {
			t.Errorf("stderr mentions %q, which a profile need not give:\n%s", wrong, errs)
		}
	}
}

// TestShardOverUnshardedBatchRefused is the regression test for a
// --shard 0/2 --resume run into the --out of an unsharded batch, which made
// its rows beside that batch, after which an unsharded --resume ignored
// the shard's manifest and batch merge failed: the shard is refused with
// exit 2, saying which files to remove or which command to run, and so is
// the unsharded run beside a shard's manifest that was never merged.
func TestShardOverUnshardedBatchRefused(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "customers.csv"), customersCSV(2, func(int) bool { return false }))
	out := filepath.Join(dir, "out")
	run := []string{"batch", "--profile", exampleProfilePath, "--input", in, "--out", out, "--format", "md", "-q", "--resume"}
	if code, _, errs := dpakit(t, "", run...); code != 0 {
		t.Fatalf("unsharded run: exit %d: %s", code, errs)
	}
	code, _, errs := dpakit(t, "", append(run, "--shard", "0/2")...)
	want := "dpakit: " + out + " holds the batch of a run without --shard (manifest.jsonl): continue it without --shard (with --resume); or, to split it into 2 shards, remove manifest.jsonl and errors.csv from " + out + " first (each shard then makes its rows again); or choose another --out\n"
	if code != exitInvalid || errs != want {
		t.Errorf("--shard 0/2 --resume: exit %d, stderr %q; want 2 and %q", code, errs, want)
	}
	if _, err := os.Stat(filepath.Join(out, "manifest.shard-0-of-2.jsonl")); err == nil {
		t.Error("the refused shard wrote its manifest")
	}
	// A shard's manifest left beside the unsharded batch (by a run before
	// this check) stops the unsharded --resume, which would ignore it.
	writeFile(t, filepath.Join(out, "manifest.shard-0-of-2.jsonl"), "")
	code, _, errs = dpakit(t, "", run...)
	want = "dpakit: " + out + " holds the batch of a run without --shard (manifest.jsonl) and, not merged with it, manifest.shard-0-of-2.jsonl: to continue without --shard, remove manifest.shard-0-of-2.jsonl and errors.shard-0-of-2.csv from " + out + " first; to continue the split instead, run --shard 1/2 with --resume, then dpakit batch merge " + out + "\n"
	if code != exitInvalid || errs != want {
		t.Errorf("unsharded --resume: exit %d, stderr %q; want 2 and %q", code, errs, want)
	}
}

// TestBatchMergeMissingShards: merge names the shards it lacks in words
// ("shards 1 and 3 of 4") and exits 1, as the README's table says of a
// shard's manifest that is missing.
func TestBatchMergeMissingShards(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"manifest.shard-0-of-4.jsonl", "manifest.shard-2-of-4.jsonl"} {
		writeFile(t, filepath.Join(dir, name), "")
	}
	code, out, errs := dpakit(t, "", "batch", "merge", dir)
	want := "dpakit: the shards are incomplete: " + dir + " lacks the manifests of shards 1 and 3 of 4 (run each with --shard I/4, or copy its manifest.shard-I-of-4.jsonl here)\n"
	if code != exitFailed || out != "" || errs != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1 and %q", code, out, errs, want)
	}
}

// TestBatchMergeQuiet: merge reports what it wrote, and --quiet silences
// that as it does for every command; rows that failed (exit 1) are still
// said, with where their problems are.
func TestBatchMergeQuiet(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name       string
		bad        func(int) bool
		code       int
		loud, hush string
	}{
		{"every row made", func(int) bool { return false }, 0, "dpakit batch merge: 2 shards, 4 rows, 0 failed: OUT/manifest.jsonl, OUT/errors.csv\n", ""},
		{"a row failed", func(i int) bool { return i == 3 }, exitFailed, "dpakit batch merge: 2 shards, 4 rows, 1 failed: OUT/manifest.jsonl, OUT/errors.csv\n", "dpakit batch merge: 1 of 4 rows failed; problems in OUT/errors.csv\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := writeFile(t, filepath.Join(dir, tc.name+".csv"), customersCSV(4, tc.bad))
			out := filepath.Join(dir, tc.name)
			for _, shard := range []string{"0/2", "1/2"} {
				dpakit(t, "", "batch", "--profile", exampleProfilePath, "--input", in, "--out", out, "--format", "md", "--shard", shard, "-q")
			}
			for _, args := range [][]string{{"batch", "merge", out}, {"batch", "merge", "-q", out}, {"--quiet", "batch", "merge", out}} {
				want := strings.ReplaceAll(tc.loud, "OUT", out)
				if slices.Contains(args, "-q") || slices.Contains(args, "--quiet") {
					want = strings.ReplaceAll(tc.hush, "OUT", out)
				}
				if code, stdout, errs := dpakit(t, "", args...); code != tc.code || stdout != "" || errs != want {
					t.Errorf("%v: exit %d, stdout %q, stderr %q; want %d and %q", args, code, stdout, errs, tc.code, want)
				}
			}
		})
	}
}
