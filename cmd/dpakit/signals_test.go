package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// slowClause runs about a million steps of real work: seconds on any
// machine, yet under the template limits.
const slowClause = `{{range 950000}}{{$x := sortAlpha (list "c" "b" "a")}}{{end}}`

// mainReporting is main for the signal tests: once its signal handler is
// in place it creates the file ready, so that the test signals a process
// that has installed its handler, however long the start took on a loaded
// machine.
func mainReporting(ready string) {
	crashNotInvalid()
	ctx, stop := withSignals(context.Background())
	if err := os.WriteFile(ready, nil, 0o600); err != nil {
		os.Exit(99)
	}
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signalAfter returns a start hook that sends sig to the process once its
// handler is in place (the file ready exists) and it has had a moment to
// start working.
func signalAfter(sig syscall.Signal) func(*os.Process, string) {
	return func(p *os.Process, ready string) {
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if _, err := os.Stat(ready); err == nil {
				break
			}
		}
		time.Sleep(200 * time.Millisecond)
		_ = p.Signal(sig)
	}
}

// silentFIFO makes a FIFO at path with a writer that opens it and never
// writes until the test ends: a reader waits in read until it is stopped.
func silentFIFO(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip("no FIFOs:", err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	go func() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		<-done
		f.Close()
	}()
}

// TestSignals: SIGINT and SIGTERM stop a long render, lint or import at
// once with exit 130 or 143 and a message, and leave no output and no
// temporary file behind.
func TestSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("runs subprocesses")
	}
	// Each case mostly waits (for its child to start, then 200 ms before
	// the signal): the cases wait together, beside the other parallel tests.
	t.Parallel()
	tests := []struct {
		name  string
		sig   syscall.Signal
		code  int
		setup func(t *testing.T, dir string) []string
	}{
		{"render, SIGTERM", syscall.SIGTERM, 143, func(t *testing.T, dir string) []string {
			lib := evilLibrary(t, dir, slowClause)
			return append([]string{"render", write(t, dir, "deal.yaml", exampleWith(t, "", "")), "--format", "md", "-o", "dpa.md"}, lib...)
		}},
		{"render, SIGINT", syscall.SIGINT, 130, func(t *testing.T, dir string) []string {
			lib := evilLibrary(t, dir, slowClause)
			return append([]string{"render", write(t, dir, "deal.yaml", exampleWith(t, "", "")), "-o", "dpa.pdf"}, lib...)
		}},
		{"lint, SIGINT", syscall.SIGINT, 130, func(t *testing.T, dir string) []string {
			return append([]string{"lint"}, evilLibrary(t, dir, slowClause)...)
		}},
		{"import waiting on a FIFO, SIGINT", syscall.SIGINT, 130, func(t *testing.T, dir string) []string {
			silentFIFO(t, filepath.Join(dir, "list.csv"))
			return []string{"subprocessors", "import", "list.csv", "-o", "list.yaml"}
		}},
		{"render of a deal from a FIFO no one opens, SIGINT", syscall.SIGINT, 130, func(t *testing.T, dir string) []string {
			// Opening the FIFO blocks until a writer comes, and none does.
			if err := syscall.Mkfifo(filepath.Join(dir, "deal.yaml"), 0o600); err != nil {
				t.Skip("no FIFOs:", err)
			}
			return []string{"render", "deal.yaml", "-o", "dpa.pdf"}
		}},
		{"validate of a deal from a FIFO that stays silent, SIGTERM", syscall.SIGTERM, 143, func(t *testing.T, dir string) []string {
			silentFIFO(t, filepath.Join(dir, "deal.yaml"))
			return []string{"validate", "deal.yaml"}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := tt.setup(t, dir)
			before := snapshot(t, dir)
			r := runCLI(t, dir, false, signalAfter(tt.sig), args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", r.code, tt.code, r.stderr)
			}
			if !strings.Contains(r.stderr, "interrupted by") || !strings.Contains(r.stderr, "nothing was written") {
				t.Errorf("stderr %q does not say it was interrupted", r.stderr)
			}
			after := snapshot(t, dir)
			for name := range after {
				if _, ok := before[name]; !ok {
					t.Errorf("%s was written", name)
				}
			}
		})
	}
}

// TestCrashIsNotInvalidInput: running out of memory (and any other crash)
// ends dpakit with SIGABRT, never with exit status 2, which means invalid
// input. The child limits its address space and then allocates past it.
func TestCrashIsNotInvalidInput(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("runs a subprocess; the race detector fails on its own when memory runs out")
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "DPAKIT_TEST_AS_CLI=oom")
	cmd.Dir = t.TempDir() // where a core file would go
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("the child did not fail: %v\n%.500s", err, out)
	}
	ws, _ := ee.Sys().(syscall.WaitStatus)
	if ee.ExitCode() == exitInvalid || !ws.Signaled() || ws.Signal() != syscall.SIGABRT {
		t.Fatalf("exit %d (%v), want SIGABRT; output:\n%.500s", ee.ExitCode(), ws, out)
	}
	// The runtime reports "out of memory", "cannot allocate memory" or,
	// at times, a fault inside the allocator, depending on which
	// allocation fails first; each is a crash with a goroutine dump.
	if !bytes.Contains(out, []byte("goroutine ")) {
		t.Errorf("the child did not crash:\n%.500s", out)
	}
}

// runOutOfMemory is the child of TestCrashIsNotInvalidInput.
func runOutOfMemory() {
	crashNotInvalid()
	lim := syscall.Rlimit{Cur: 1 << 30, Max: 1 << 30}
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		panic(err)
	}
	var keep [][]byte
	for {
		keep = append(keep, make([]byte, 256<<20))
		keep[len(keep)-1][0] = 1
	}
}

// TestOutputDevStdout: -o /dev/stdout writes to standard output, whatever
// it is (here a pipe), and never replaces /dev/stdout itself.
func TestOutputDevStdout(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a subprocess")
	}
	before, err := os.Lstat("/dev/stdout")
	if err != nil {
		t.Skip("no /dev/stdout:", err)
	}
	deal, err := filepath.Abs(exampleDealPath)
	if err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, t.TempDir(), false, nil, "render", deal, "--format", "md", "-o", "/dev/stdout")
	if r.code != 0 || !strings.Contains(r.stdout, "Müller Logistik GmbH") {
		t.Fatalf("exit %d, %d bytes on standard output; stderr: %s", r.code, len(r.stdout), r.stderr)
	}
	after, err := os.Lstat("/dev/stdout")
	if err != nil || after.Mode() != before.Mode() {
		t.Errorf("/dev/stdout was %v, is now %v (%v)", before.Mode(), after.Mode(), err)
	}
}
