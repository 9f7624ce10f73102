package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dpakit/dpakit/assemble/hostile"
)

// TestMain lets the test binary act as the dpakit command: the hostile
// corpus runs it as a subprocess, to measure its memory and to send it
// signals, without building a second binary.
func TestMain(m *testing.M) {
	switch os.Getenv("DPAKIT_TEST_AS_CLI") {
	case "1":
		main()
	case "signals":
		mainReporting(os.Getenv("DPAKIT_TEST_READY"))
	case "oom":
		runOutOfMemory()
	}
	os.Exit(m.Run())
}

// cliResult is what one run of the command did.
type cliResult struct {
	code           int
	stdout, stderr string
	maxRSS         int64 // peak resident memory, KiB
}

// timeCmd is GNU time, which measures a process's peak memory alone: the
// rusage of a child forked by this (large) test process would include the
// test process's own peak, as Linux carries it across fork and exec.
const timeCmd = "/usr/bin/time"

// runCLI runs dpakit with args in dir as a subprocess, under GNU time when
// measure is set and it is installed. started, if not nil, is called with
// the running process (to signal it).
func runCLI(t *testing.T, dir string, measure bool, started func(p *os.Process, ready string), args ...string) cliResult {
	t.Helper()
	// Not a time limit on dpakit: a bound on a test that would otherwise
	// hang the suite if a limit were missing.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	name, argv := os.Args[0], args
	rssFile := filepath.Join(t.TempDir(), "rss")
	timed := false
	if _, err := os.Stat(timeCmd); err == nil && measure {
		name, argv, timed = timeCmd, append([]string{"-f", "%M", "-o", rssFile, os.Args[0]}, args...), true
	}
	cmd := exec.CommandContext(ctx, name, argv...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DPAKIT_TEST_AS_CLI=1")
	ready := ""
	if started != nil {
		// The child says when its signal handler is in place (see
		// mainReporting), in a file outside dir.
		ready = filepath.Join(t.TempDir(), "ready")
		cmd.Env = append(os.Environ(), "DPAKIT_TEST_AS_CLI=signals", "DPAKIT_TEST_READY="+ready)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if started != nil {
		started(cmd.Process, ready)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	if ctx.Err() != nil {
		t.Fatalf("dpakit %s did not finish within 3 minutes", strings.Join(args, " "))
	}
	r := cliResult{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
	if timed {
		b, err := os.ReadFile(rssFile)
		if err != nil {
			t.Fatal(err)
		}
		// GNU time writes "Command exited with non-zero status N" first.
		lines := strings.Fields(string(b))
		if r.maxRSS, err = strconv.ParseInt(lines[len(lines)-1], 10, 64); err != nil {
			t.Fatalf("%s: %q", timeCmd, b)
		}
	} else if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss // an upper bound: includes this process's peak
	}
	return r
}

// snapshot records every file under dir: its content's hash and mode.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		sum := info.Mode().String()
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			h := sha256.Sum256(b)
			sum += " " + hex.EncodeToString(h[:])
		}
		rel, _ := filepath.Rel(dir, path)
		files[rel] = sum
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// write creates a file in dir and returns its name.
func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// exampleWith returns the example deal with one string replaced.
func exampleWith(t *testing.T, old, repl string) []byte {
	t.Helper()
	b, err := os.ReadFile(exampleDealPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("the example deal lacks %q", old)
	}
	return bytes.Replace(b, []byte(old), []byte(repl), 1)
}

// evilLibrary writes a clause library whose DPA template includes one clause
// with the given body, and returns the flags that select it.
func evilLibrary(t *testing.T, dir, body string) []string {
	t.Helper()
	measures, err := os.ReadFile("../../clauses/measures.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "lib/clauses/measures.yaml", measures)
	write(t, dir, "lib/clauses/evil.md", []byte("---\nid: evil\ntitle: Evil\nversion: 1.0.0\ncovers: [gdpr-28-3-a]\n---\n## Evil\n\n"+body+"\n"))
	write(t, dir, "lib/templates/dpa.tmpl", []byte("---\ntitle: Evil Agreement\nversion: 1.0.0\n---\n{{.Clause \"evil\"}}\n"))
	return []string{"--clauses", "lib/clauses", "--templates", "lib/templates"}
}

// hostileCase is one entry of the hostile corpus: it writes its inputs into
// dir and returns the command line; the run must end with code, print each
// of want on standard error (the first names the input), stay under
// maxRSS MiB, and leave dir exactly as it was (no output, no temporary
// file, no input changed).
type hostileCase struct {
	name   string
	setup  func(t *testing.T, dir string) []string
	code   int
	want   []string
	maxRSS int64
}

func hostileCorpus() []hostileCase {
	deal := func(t *testing.T, dir string, data []byte) string { return write(t, dir, "deal.yaml", data) }
	return []hostileCase{
		{"workbook: one shared string read by 20,000 cells", func(t *testing.T, dir string) []string {
			return []string{"subprocessors", "import", write(t, dir, "bomb.xlsx", hostile.SharedStringBomb(1<<20, 20000)), "-o", "list.yaml"}
		}, 2, []string{"bomb.xlsx: the cells hold more than 64 MiB of text"}, 400},
		{"workbook: sheet cut short", func(t *testing.T, dir string) []string {
			return []string{"subprocessors", "import", write(t, dir, "cut.xlsx", hostile.CutSheet()), "-o", "list.yaml"}
		}, 2, []string{"cut.xlsx is corrupt"}, 200},
		{"workbook: external entity", func(t *testing.T, dir string) []string {
			return []string{"subprocessors", "import", write(t, dir, "xxe.xlsx", hostile.EntityAttack()), "-o", "list.yaml"}
		}, 2, []string{"xxe.xlsx is corrupt", "document type declaration"}, 200},
		{"workbook: tampered after its checksums", func(t *testing.T, dir string) []string {
			return []string{"subprocessors", "import", write(t, dir, "crc.xlsx", hostile.BadChecksum()), "-o", "list.yaml"}
		}, 2, []string{"crc.xlsx is corrupt", "checksum error"}, 200},
		{"CSV: one line of 20 MiB of commas", func(t *testing.T, dir string) []string {
			return []string{"subprocessors", "import", write(t, dir, "wide.csv", hostile.WideCSV(20<<20-64)), "-o", "list.yaml"}
		}, 2, []string{"wide.csv: row 2 has more than 1000 columns"}, 300},
		{"CSV: over 20 MiB", func(t *testing.T, dir string) []string {
			return []string{"subprocessors", "import", write(t, dir, "big.csv", bytes.Repeat([]byte("a,b,c\n"), 4<<20)), "-o", "list.yaml"}
		}, 2, []string{"big.csv", "larger than 20 MiB"}, 300},
		{"CSV: bidi override in a name", func(t *testing.T, dir string) []string {
			return []string{"subprocessors", "import", write(t, dir, "bidi.csv", []byte("Name,Purpose,Country\nAcme\u202eHbmG,Hosting,DE\n")), "-o", "list.yaml"}
		}, 2, []string{"bidi.csv", "bidirectional"}, 200},
		{"CSV: characters the PDF cannot print", func(t *testing.T, dir string) []string {
			return []string{"subprocessors", "import", write(t, dir, "cjk.csv", []byte("Name,Purpose,Country\n阿里云 ☃,Hosting,DE\n")), "-o", "list.yaml"}
		}, 2, []string{"cjk.csv", "cannot be printed"}, 200},
		{"CSV: private-use character and emoji", func(t *testing.T, dir string) []string {
			return []string{"subprocessors", "import", write(t, dir, "pua.csv", []byte("Name,Purpose,Country\nAcme\ue000,Hosting,DE\nRocket 🚀 Ltd,Hosting,DE\n")), "-o", "list.yaml"}
		}, 2, []string{"pua.csv", "private-use character (U+E000)", "cannot be printed"}, 200},
		{"FIFO: endless data", func(t *testing.T, dir string) []string {
			fifo := filepath.Join(dir, "endless.csv")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skip("no FIFOs:", err)
			}
			go func() {
				f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
				if err != nil {
					return
				}
				defer f.Close()
				line := bytes.Repeat([]byte("Acme,Hosting,DE\n"), 4096)
				for {
					if _, err := f.Write(line); err != nil {
						return // the reader stopped
					}
				}
			}()
			return []string{"subprocessors", "import", "endless.csv", "-o", "list.yaml"}
		}, 2, []string{"endless.csv", "larger than 20 MiB"}, 300},
		{"device: /dev/zero", func(t *testing.T, dir string) []string {
			return []string{"subprocessors", "import", "/dev/zero", "-o", "list.yaml"}
		}, 2, []string{"/dev/zero: unknown format"}, 200},
		{"deal: name ending in a no-break space", func(t *testing.T, dir string) []string {
			return []string{"render", deal(t, dir, exampleWith(t, "name: Müller Logistik GmbH", "name: \"Müller Logistik GmbH\\u00a0\"")), "--format", "md", "-o", "dpa.md"}
		}, 2, []string{"deal.yaml", "customer.name: ends with white space (U+00A0)"}, 200},
		{"deal: value starting with four spaces", func(t *testing.T, dir string) []string {
			return []string{"render", deal(t, dir, exampleWith(t, "nature: Hosting", "nature: \"    Hosting\" #")), "--format", "md", "-o", "dpa.md"}
		}, 2, []string{"deal.yaml", "processing.nature: starts with white space"}, 200},
		{"deal: zero-width space in a name", func(t *testing.T, dir string) []string {
			return []string{"render", deal(t, dir, exampleWith(t, "name: Müller Logistik GmbH", "name: \"Müller\\u200bLogistik GmbH\"")), "--format", "md", "-o", "dpa.md"}
		}, 2, []string{"deal.yaml", "invisible formatting character (U+200B)"}, 200},
		{"deal: over 1 MiB", func(t *testing.T, dir string) []string {
			return []string{"render", deal(t, dir, append(exampleWith(t, "", ""), bytes.Repeat([]byte("# padding\n"), 120000)...)), "--format", "md", "-o", "dpa.md"}
		}, 2, []string{"deal.yaml", "1 MiB"}, 200},
		{"deal: alias bomb", func(t *testing.T, dir string) []string {
			var b strings.Builder
			b.WriteString("a: &a [x,x,x,x,x,x,x,x,x]\n")
			for c := 'b'; c <= 'k'; c++ {
				b.WriteString(string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+string(c-1)+",", 8) + "*" + string(c-1) + "]\n")
			}
			return []string{"validate", deal(t, dir, []byte(b.String()))}
		}, 2, []string{"deal.yaml", "aliases expand"}, 200},
		{"output: the deal itself", func(t *testing.T, dir string) []string {
			d := deal(t, dir, exampleWith(t, "", ""))
			return []string{"render", d, "--format", "md", "-o", d}
		}, 2, []string{"refusing to write deal.yaml", "same file as the input"}, 200},
		{"clause: endless loop", func(t *testing.T, dir string) []string {
			lib := evilLibrary(t, dir, "{{range 100000000000}}{{end}}")
			return append([]string{"render", deal(t, dir, exampleWith(t, "", "")), "--format", "md", "-o", "dpa.md"}, lib...)
		}, 1, []string{"clauses/evil.md", "loop iterations"}, 200},
		{"clause: repeat a billion times", func(t *testing.T, dir string) []string {
			lib := evilLibrary(t, dir, `{{repeat 1000000000 "x"}}`)
			return append([]string{"render", deal(t, dir, exampleWith(t, "", "")), "--format", "md", "-o", "dpa.md"}, lib...)
		}, 1, []string{"clauses/evil.md", "repeat"}, 200},
		{"clause: output doubling in a loop", func(t *testing.T, dir string) []string {
			lib := evilLibrary(t, dir, `{{$s := repeat 1000000 "x"}}{{range 1000}}{{$s}}{{end}}`)
			return append([]string{"render", deal(t, dir, exampleWith(t, "", "")), "--format", "md", "-o", "dpa.md"}, lib...)
		}, 1, []string{"clauses/evil.md", "KiB (the limit"}, 300},
		{"clause: randomness", func(t *testing.T, dir string) []string {
			lib := evilLibrary(t, dir, "{{randInt 1 100}}")
			return append([]string{"render", deal(t, dir, exampleWith(t, "", "")), "--format", "md", "-o", "dpa.md"}, lib...)
		}, 1, []string{"clauses/evil.md", `"randInt" not defined`}, 200},
		{"lint: endless loop", func(t *testing.T, dir string) []string {
			return append([]string{"lint"}, evilLibrary(t, dir, "{{range 100000000000}}{{end}}")...)
		}, 1, []string{"clauses/evil.md", "loop iterations"}, 200},
		{"notice: a list the PDF cannot print", func(t *testing.T, dir string) []string {
			list := write(t, dir, "snow.yaml", []byte("list:\n  - {name: \"Snow ☃\", purpose: Hosting, location: Germany, country: DE, category: service, transfer_mechanism: none}\n"))
			profile, err := os.ReadFile(exampleProfilePath)
			if err != nil {
				t.Fatal(err)
			}
			p := write(t, dir, "profile.yaml", profile)
			return []string{"notice", "--profile", p, "--old", p, "--new", list, "--date", "2026-12-01", "-o", "notice.pdf"}
		}, 2, []string{"snow.yaml", "cannot be printed in the PDF fonts"}, 200},
	}
}

// TestHostileCorpus runs every hostile case as its own process: exit code,
// a message naming the input, peak memory (with generous headroom: the
// defects this guards against took 1.8 to 15 GB), no output and no input
// changed.
func TestHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the hostile corpus runs subprocesses")
	}
	// Its cases run one after another, each in its own process; the
	// corpus as a whole runs beside the other parallel tests.
	t.Parallel()
	for _, hc := range hostileCorpus() {
		t.Run(hc.name, func(t *testing.T) {
			dir := t.TempDir()
			args := hc.setup(t, dir)
			before := snapshot(t, dir)
			r := runCLI(t, dir, true, nil, args...)
			if r.code != hc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, hc.code, r.stderr)
			}
			for _, w := range hc.want {
				// lint reports on standard output, everything else on standard error
				if !strings.Contains(r.stderr, w) && !(args[0] == "lint" && strings.Contains(r.stdout, w)) {
					t.Errorf("output lacks %q:\n%.2000s", w, r.stderr)
				}
			}
			limit := hc.maxRSS
			if raceEnabled {
				limit *= 4 // the race detector's shadow memory
			}
			if r.maxRSS > limit<<10 {
				t.Errorf("peak memory %d MiB, more than %d MiB", r.maxRSS>>10, limit)
			}
			t.Logf("peak memory %d MiB", r.maxRSS>>10)
			after := snapshot(t, dir)
			for name, sum := range after {
				if before[name] == "" {
					t.Errorf("%s was written", name)
				} else if before[name] != sum {
					t.Errorf("input %s was changed", name)
				}
			}
			for name := range before {
				if after[name] == "" {
					t.Errorf("input %s was removed", name)
				}
			}
		})
	}
}
