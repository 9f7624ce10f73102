package batch

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// failsafe bounds how long a streaming test waits for Run before it
// gives up and ends the input itself, so that a Run that waits for more
// input than it needs fails the test instead of hanging it. No test
// asserts how long anything takes.
const failsafe = 30 * time.Second

// TestSniffSeparatorFromFirstLine checks that the separator guessed from
// the first line, read as it arrives, is the one guessed from the first
// 64 KiB of the input, however the input is cut into reads.
func TestSniffSeparatorFromFirstLine(t *testing.T) {
	long := strings.Repeat("x", 70<<10)
	tests := []struct {
		name, input string
		want        rune
	}{
		{"commas", "customer.name,customer.country\nAcme;x;y,NL\n", ','},
		{"semicolons", "customer.name;customer.country;breach.notice_hours\nAcme,Co;NL;24\n", ';'},
		{"tabs", "customer.name\tcustomer.country\nAcme,1;2\tNL\n", '\t'},
		{"CRLF", "a;b;c\r\nx,y,z,w,v\r\n", ';'},
		{"quoted separators", "\"a,b,c\";d;e\nx\n", ';'},
		{"a quoted newline", "\"a\n,,,\";b;c\nx,y,z,w,v,u\n", ';'},
		{"a quoted newline before semicolons", "\"a\n;;;;\",b\nx\n", ','},
		{"a blank first line", "\na;b;c\n", ','},
		{"no newline at the end", "a;b", ';'},
		{"empty", "", ','},
		{"a header longer than 64 KiB", "a;b;" + long + ",,,,,\nx\n", ';'},
		{"an unterminated quote", "\"a,b;c;d\nx,y\n", ','},
	}
	readers := []struct {
		name string
		wrap func(io.Reader) io.Reader
	}{
		{"whole", func(r io.Reader) io.Reader { return r }},
		{"byte by byte", iotest.OneByteReader},
		{"half reads", iotest.HalfReader},
	}
	for _, tt := range tests {
		// As before: the first 64 KiB, or all of a shorter input.
		head := tt.input[:min(len(tt.input), sniffLimit)]
		if got := sniffSeparator([]byte(head)); got != tt.want {
			t.Fatalf("%s: the first 64 KiB give %q, want %q", tt.name, got, tt.want)
		}
		for _, rd := range readers {
			t.Run(tt.name+"/"+rd.name, func(t *testing.T) {
				br := bufio.NewReaderSize(rd.wrap(strings.NewReader(tt.input)), sniffLimit)
				line, err := peekFirstLine(br, sniffLimit)
				if err != nil {
					t.Fatal(err)
				}
				if got := sniffSeparator(line); got != tt.want {
					t.Errorf("separator %q, want %q", got, tt.want)
				}
				rest, err := io.ReadAll(br)
				if err != nil || string(rest) != tt.input {
					t.Errorf("the input was consumed: %d of %d bytes left (%v)", len(rest), len(tt.input), err)
				}
			})
		}
	}
}

// slowInput feeds a run's input through a pipe, a piece at a time, as a
// program writing rows to dpakit's standard input does.
type slowInput struct {
	r *io.PipeReader
	w *io.PipeWriter
}

func newSlowInput() *slowInput {
	r, w := io.Pipe()
	return &slowInput{r, w}
}

// write sends s; it returns once Run has read all of it.
func (in *slowInput) write(t *testing.T, s string) {
	t.Helper()
	if _, err := io.WriteString(in.w, s); err != nil {
		t.Errorf("write input: %v", err)
	}
}

// runAsync starts Run and returns a channel for its result.
type runResult struct {
	sum Summary
	err error
}

func runAsync(ctx context.Context, cfg Config) <-chan runResult {
	done := make(chan runResult, 1)
	go func() {
		sum, err := Run(ctx, cfg)
		done <- runResult{sum, err}
	}()
	return done
}

// waitFor waits for c, or for the failsafe; it reports whether c came.
func waitFor[T any](c <-chan T) (T, bool) {
	select {
	case v := <-c:
		return v, true
	case <-time.After(failsafe):
		var zero T
		return zero, false
	}
}

// TestRunStreamsCSVFromPipe feeds CSV rows one at a time: each row is made
// before the next is written, so the run never waits for more input than
// the row it works on.
func TestRunStreamsCSVFromPipe(t *testing.T) {
	for _, sep := range []string{",", ";"} {
		t.Run("separator "+sep, func(t *testing.T) {
			rows := strings.Split(strings.TrimSuffix(customersCSV(3, func(i int) string { return "C-" + string(rune('0'+i)) }, hours48), "\n"), "\n")
			if sep == ";" {
				for i, r := range rows {
					// The test rows quote only the address, which holds a comma.
					rows[i] = strings.ReplaceAll(strings.ReplaceAll(r, ",", ";"), "Street "+string(rune('0'+i))+"; City", "Street "+string(rune('0'+i))+", City")
				}
			}
			in := newSlowInput()
			cfg := testConfig(t, "in.csv", "")
			cfg.Input = in.r
			done := make(chan Progress, len(rows))
			cfg.Progress = func(p Progress) { done <- p }
			result := runAsync(context.Background(), cfg)

			in.write(t, rows[0]+"\n")
			for i, row := range rows[1:] {
				in.write(t, row+"\n")
				p, ok := waitFor(done)
				if !ok {
					in.w.Close()
					t.Fatalf("row %d was not made before the input ended", i+1)
				}
				if p.Status != StatusOK {
					t.Errorf("row %d: %s", p.Row, p.Status)
				}
			}
			in.w.Close()
			res, ok := waitFor(result)
			if !ok {
				t.Fatal("Run did not return at the end of the input")
			}
			if res.err != nil || res.sum.Rows != 3 || res.sum.Made != 3 {
				t.Errorf("Run: %+v, %v; want 3 rows made", res.sum, res.err)
			}
		})
	}
}

// TestRunCancelledWhileWaitingForInput cancels a run that waits for its
// input: before the header line is complete, nothing is written and Run
// returns the cancellation; between rows, the run stops as on any other
// interruption, with the rows read so far done. (Just after the header,
// either may happen: the test cannot tell when Run has read it.)
func TestRunCancelledWhileWaitingForInput(t *testing.T) {
	rows := strings.SplitAfter(customersCSV(2, noRef, hours48), "\n")
	tests := []struct {
		name  string
		input string // written before the cancellation
		made  int    // rows made before the cancellation; -1: Run has not started
	}{
		{"before any input", "", -1},
		{"in the header", rows[0][:20], -1},
		{"between rows", rows[0] + rows[1], 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := newSlowInput()
			defer in.w.Close()
			cfg := testConfig(t, "in.csv", "")
			cfg.Out = filepath.Join(cfg.Out, "out")
			cfg.Input = in.r
			made := make(chan Progress, 2)
			cfg.Progress = func(p Progress) { made <- p }
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			result := runAsync(ctx, cfg)
			if tt.input != "" {
				in.write(t, tt.input) // returns once Run has read it: Run now waits for more
			}
			for range tt.made {
				if _, ok := waitFor(made); !ok {
					in.w.Close()
					t.Fatal("a row was not made while the input stayed open")
				}
			}
			cancel()
			res, ok := waitFor(result)
			if !ok {
				in.w.Close()
				t.Fatal("Run did not return when cancelled while waiting for input")
			}
			if tt.made < 0 {
				if !errors.Is(res.err, context.Canceled) {
					t.Errorf("Run: %+v, %v; want the cancellation", res.sum, res.err)
				}
				if _, err := os.Stat(cfg.Out); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("a run cancelled before its header arrived wrote %s (%v)", cfg.Out, err)
				}
				return
			}
			if res.err != nil || !res.sum.Interrupted || res.sum.Made != tt.made {
				t.Errorf("Run: %+v, %v; want interrupted with %d rows made", res.sum, res.err, tt.made)
			}
			if _, err := os.Stat(filepath.Join(cfg.Out, ManifestFile)); err != nil {
				t.Errorf("no manifest: %v", err)
			}
		})
	}
}
