package outfile

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteStream(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "manifest.jsonl")
	fill := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := WriteStream(context.Background(), path, fill("one\n")); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o600)
	if err := WriteStream(context.Background(), path, fill("two\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two\n" {
		t.Errorf("content %q", b)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the file's own 0600 kept", st.Mode().Perm())
	}
	// A failing fill or a cancelled context leaves the file as it was and
	// no temporary file behind.
	boom := errors.New("boom")
	if err := WriteStream(context.Background(), path, func(w io.Writer) error { io.WriteString(w, "half"); return boom }); !errors.Is(err, boom) {
		t.Errorf("failing fill: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := WriteStream(ctx, path, func(w io.Writer) error { cancel(); _, err := io.WriteString(w, "late"); return err }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two\n" {
		t.Errorf("content after failures %q", b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), TempPrefix) {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
	if err := WriteStream(context.Background(), dir, fill("x")); !errors.Is(err, ErrRefused) {
		t.Errorf("a directory: %v, want ErrRefused", err)
	}
}
