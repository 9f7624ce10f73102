package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestLoad is the load test of BENCHMARKS.md, run only when
// DPAKIT_LOADTEST is set (it takes about a minute and wants the machine
// to itself):
//
//	DPAKIT_LOADTEST=1 go test ./server -run TestLoad -v -timeout 5m
//
// It serves on 127.0.0.1 only and stops by itself. Phase one: 16 clients
// post the example deal to the PDF endpoint for 30 s; no errors, at least
// 80 PDFs per second, p99 under 350 ms, resident memory under 200 MB
// throughout. Phase two: 64 clients for 30 s; no errors but 503s with
// Retry-After, memory still under 200 MB. DPAKIT_LOADTEST_SECONDS shortens
// or lengthens each phase.
func TestLoad(t *testing.T) {
	if os.Getenv("DPAKIT_LOADTEST") == "" {
		t.Skip("set DPAKIT_LOADTEST=1 to run the load test (see BENCHMARKS.md)")
	}
	phase := 30 * time.Second
	if s := os.Getenv("DPAKIT_LOADTEST_SECONDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 || n > 300 {
			t.Fatalf("DPAKIT_LOADTEST_SECONDS=%q: want 1 to 300", s)
		}
		phase = time.Duration(n) * time.Second
	}
	s := newTestServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	defer func() {
		stop()
		<-served
	}()
	url := "http://" + ln.Addr().String() + "/api/v1/documents/dpa"
	body := exampleDeal(t)
	peak := watchRSS(t)

	cpu0 := cpuTime()
	r16 := hammer(t, url, body, 16, phase)
	cpu := cpuTime() - cpu0
	t.Logf("16 clients, %v: %s; peak RSS so far %.0f MB", phase, r16, peak()/1e6)
	if r16.ok > 0 {
		per := cpu / time.Duration(r16.ok)
		t.Logf("16 clients: %v of CPU per PDF (server and clients), so two idle cores would serve about %.0f PDFs/s", per.Round(100*time.Microsecond), 2/per.Seconds())
	}
	if r16.errors > 0 || r16.busy > 0 {
		t.Errorf("16 clients: %d errors and %d 503s, want none (first error: %s)", r16.errors, r16.busy, r16.firstErr)
	}
	if r16.rate() < 80 {
		t.Errorf("16 clients: %.1f PDFs/s, want at least 80", r16.rate())
	}
	if p := r16.percentile(99); p >= 350*time.Millisecond {
		t.Errorf("16 clients: p99 %v, want under 350 ms", p)
	}
	if m := peak(); m >= 200e6 {
		t.Errorf("16 clients: peak RSS %.0f MB, want under 200 MB", m/1e6)
	}

	r64 := hammer(t, url, body, 64, phase)
	t.Logf("64 clients, %v: %s; peak RSS %.0f MB", phase, r64, peak()/1e6)
	if r64.errors > 0 {
		t.Errorf("64 clients: %d errors other than 503 with Retry-After (first: %s)", r64.errors, r64.firstErr)
	}
	if m := peak(); m >= 200e6 {
		t.Errorf("64 clients: peak RSS %.0f MB, want under 200 MB", m/1e6)
	}
}

// loadResult is what one phase of the load test measured.
type loadResult struct {
	ok, busy, errors int
	firstErr         string
	latencies        []time.Duration // of the successful requests
	elapsed          time.Duration
}

func (r *loadResult) rate() float64 { return float64(r.ok) / r.elapsed.Seconds() }

func (r *loadResult) percentile(p int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[min(len(r.latencies)-1, len(r.latencies)*p/100)]
}

func (r *loadResult) String() string {
	return fmt.Sprintf("%d PDFs (%.1f/s), %d 503s with Retry-After, %d errors; latency p50 %v, p99 %v, max %v",
		r.ok, r.rate(), r.busy, r.errors, r.percentile(50).Round(time.Millisecond),
		r.percentile(99).Round(time.Millisecond), r.percentile(100).Round(time.Millisecond))
}

// hammer runs n clients posting body to url for d and collects the
// results. A 200 must be a PDF; a 503 must carry Retry-After (the client
// waits that long, as a well-behaved client does); anything else is an
// error.
func hammer(t *testing.T, url string, body []byte, n int, d time.Duration) *loadResult {
	t.Helper()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: n}}
	defer client.CloseIdleConnections()
	var (
		mu  sync.Mutex
		res = &loadResult{}
		wg  sync.WaitGroup
	)
	deadline := time.Now().Add(d)
	start := time.Now()
	fail := func(msg string) {
		mu.Lock()
		res.errors++
		if res.firstErr == "" {
			res.firstErr = msg
		}
		mu.Unlock()
	}
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				t0 := time.Now()
				resp, err := client.Post(url, "application/yaml", bytes.NewReader(body))
				if err != nil {
					fail(err.Error())
					continue
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				lat := time.Since(t0)
				switch {
				case err != nil:
					fail(err.Error())
				case resp.StatusCode == http.StatusOK && bytes.HasPrefix(b, []byte("%PDF-")):
					mu.Lock()
					res.ok++
					res.latencies = append(res.latencies, lat)
					mu.Unlock()
				case resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") != "":
					mu.Lock()
					res.busy++
					mu.Unlock()
					secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
					time.Sleep(time.Duration(max(secs, 1)) * time.Second)
				default:
					fail(fmt.Sprintf("status %d: %.100s", resp.StatusCode, b))
				}
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	slices.Sort(res.latencies)
	return res
}

// watchRSS samples the process's resident memory every 50 ms until the
// test ends and returns a function reporting the peak so far, in bytes.
func watchRSS(t *testing.T) func() float64 {
	var peak atomic.Int64
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	sample := func() {
		if v := rss(); v > peak.Load() {
			peak.Store(v)
		}
	}
	sample()
	go func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				sample()
			}
		}
	}()
	return func() float64 { sample(); return float64(peak.Load()) }
}

// rss reads VmRSS from /proc/self/status, in bytes (0 where there is none).
func rss() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
