package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadUpTo reads inputs at, under and over a limit, as regular files
// (sized beforehand) and as plain readers (read through the limit): the
// same data and the same verdict either way.
func TestReadUpTo(t *testing.T) {
	const limit = 64
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		size int
		over bool
	}{
		{"empty", 0, false},
		{"under the limit", limit - 1, false},
		{"at the limit", limit, false},
		{"one byte over", limit + 1, true},
		{"far over", 100 * limit, true},
	} {
		content := strings.Repeat("x", tt.size)
		path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, src := range []struct {
			kind string
			r    io.Reader
		}{{"file", f}, {"reader", strings.NewReader(content)}} {
			data, over, err := readUpTo(src.r, limit)
			if err != nil {
				t.Fatalf("%s, %s: %v", tt.name, src.kind, err)
			}
			if over != tt.over {
				t.Errorf("%s, %s: over = %v, want %v", tt.name, src.kind, over, tt.over)
			}
			if !over && !bytes.Equal(data, []byte(content)) {
				t.Errorf("%s, %s: read %d bytes, want %d", tt.name, src.kind, len(data), tt.size)
			}
			if over && src.kind == "file" && data != nil {
				t.Errorf("%s: a file over the limit was read (%d bytes), want it refused unread", tt.name, len(data))
			}
		}
	}
}

// TestReadUpToFromOffset reads a regular file opened at an offset, as
// standard input redirected from a file that was partly read is: only the
// rest counts against the limit.
func TestReadUpToFromOffset(t *testing.T) {
	const limit = 64
	path := filepath.Join(t.TempDir(), "partly-read")
	content := strings.Repeat("a", 40) + strings.Repeat("b", limit)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(40, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	data, over, err := readUpTo(f, limit)
	if err != nil || over || string(data) != strings.Repeat("b", limit) {
		t.Errorf("readUpTo at offset 40 = %d bytes, over %v, %v; want the %d bytes left", len(data), over, err, limit)
	}
}
