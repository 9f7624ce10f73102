package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestServeBadFlags(t *testing.T) {
	dir := t.TempDir()
	weak := filepath.Join(dir, "auth.txt")
	if err := os.WriteFile(weak, []byte("short\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--max-body", "lots"}, `--max-body: "lots" is not a size`},
		{[]string{"serve", "--max-body", "1GiB"}, "at most 64 MiB"},
		{[]string{"serve", "--auth", filepath.Join(dir, "missing.txt")}, "missing.txt"},
		{[]string{"serve", "--auth", weak}, "at least 24 characters"},
		{[]string{"serve", "--profile", "../../fixtures/deals/nothing.yaml"}, "nothing.yaml"},
		{[]string{"serve", "--addr", "256.0.0.1:80"}, "--addr"},
		{[]string{"serve", "--max-renders", "0"}, "--max-renders: must be between 1 and 256"},
		{[]string{"serve", "--max-renders", "-1"}, "--max-renders: must be between 1 and 256"},
		{[]string{"serve", "--max-renders", "2000000000"}, "--max-renders: must be between 1 and 256"},
	} {
		code, _, stderr := dpakit(t, "", tt.args...)
		if code != exitInvalid || !strings.Contains(stderr, tt.want) {
			t.Errorf("dpakit %s: exit %d, stderr %q; want exit 2 mentioning %q", strings.Join(tt.args, " "), code, stderr, tt.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1MiB": 1 << 20, "512KiB": 512 << 10, "1048576": 1 << 20, "2M": 2 << 20, "64MiB": 64 << 20} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "1.5MiB", "65MiB", "MiB"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) accepted it", in)
		}
	}
}

// TestServeRunsAndStops starts `dpakit serve` on a free port, fetches the
// form and stops it as SIGINT would, by cancelling the context.
func TestServeRunsAndStops(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr}, strings.NewReader(""), new(bytes.Buffer), &stderr)
	}()
	var res *http.Response
	for deadline := time.Now().Add(20 * time.Second); ; {
		if res, err = http.Get("http://" + addr + "/"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("the server did not answer: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("GET /: %d", res.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d after shutdown: %s", code, stderr.String())
		}
	case <-time.After(40 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(stderr.String(), "example profile") || !strings.Contains(stderr.String(), `"route":"/"`) {
		t.Errorf("stderr lacks the banner or the request log:\n%s", stderr.String())
	}
}
