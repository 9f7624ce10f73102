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
		}
	}
}
