package outfile

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// entries returns the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func mustWrite(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func TestWriteNewFileFollowsUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	out := filepath.Join(dir, "dpa.pdf")
	if err := Write(context.Background(), out, []byte("new")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != 0o640 {
		t.Errorf("mode %04o, want 0640 (0666 less umask 027)", got)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("directory holds %v, want only dpa.pdf", got)
	}
}

func TestWriteKeepsExistingMode(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "dpa.pdf")
	mustWrite(t, out, "old", 0o600)
	if err := Write(context.Background(), out, []byte("new")); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(out)
	if got := st.Mode().Perm(); got != 0o600 {
		t.Errorf("mode %04o, want the existing 0600", got)
	}
	if b, _ := os.ReadFile(out); string(b) != "new" {
		t.Errorf("content %q, want new", b)
	}
}

func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	deal := filepath.Join(dir, "deal.yaml")
	mustWrite(t, deal, "deal", 0o644)
	hard := filepath.Join(dir, "hard.yaml")
	if err := os.Link(deal, hard); err != nil {
		t.Fatal(err)
	}
	soft := filepath.Join(dir, "soft.yaml")
	if err := os.Symlink("deal.yaml", soft); err != nil {
		t.Fatal(err)
	}
	readOnly := filepath.Join(dir, "ro.pdf")
	mustWrite(t, readOnly, "keep", 0o444)
	tests := []struct {
		name, out string
		same      bool
		want      string
	}{
		{"the input itself", deal, true, "same file as the input"},
		{"a hard link to the input", hard, true, "same file as the input"},
		{"a symbolic link to the input", soft, true, "same file as the input"},
		{"the input by another spelling", dir + "/./deal.yaml", true, "same file as the input"},
		{"a read-only file", readOnly, false, "read-only"},
		{"a directory", dir, false, "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(context.Background(), tt.out, []byte("new"), "-", deal)
			if !errors.Is(err, ErrRefused) || errors.Is(err, ErrSameFile) != tt.same {
				t.Fatalf("err = %v, want ErrRefused (same file: %v)", err, tt.same)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.out) {
				t.Errorf("message %q lacks %q or the output's name", err, tt.want)
			}
		})
	}
	if b, _ := os.ReadFile(deal); string(b) != "deal" {
		t.Errorf("the input was changed: %q", b)
	}
	if b, _ := os.ReadFile(readOnly); string(b) != "keep" {
		t.Errorf("the read-only file was changed: %q", b)
	}
	if got := len(entries(t, dir)); got != 4 {
		t.Errorf("directory holds %v, want no new file", entries(t, dir))
	}
}

// TestWriteRefusesUnwritableTargets: a new or existing file in a directory
// without any write permission, and a symbolic link in a loop, are refused
// (ErrRefused) by Check before any work and by Write, naming the output,
// and nothing is written.
func TestWriteRefusesUnwritableTargets(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o755); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(ro, "old.pdf"), "keep", 0o644)
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o755) })
	loop := filepath.Join(dir, "loop.pdf")
	if err := os.Symlink("self.pdf", loop); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop.pdf", filepath.Join(dir, "self.pdf")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, out, want string }{
		{"a new file in a read-only directory", filepath.Join(ro, "new.pdf"), "the directory " + ro + " is read-only (mode 0555)"},
		{"an existing file in a read-only directory", filepath.Join(ro, "old.pdf"), "the directory " + ro + " is read-only (mode 0555)"},
		{"a symbolic link in a loop", loop, "it is a symbolic link in a loop"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for fn, err := range map[string]error{"Check": Check(tt.out), "Write": Write(context.Background(), tt.out, []byte("new"))} {
				if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "refusing to write "+tt.out+": "+tt.want) {
					t.Errorf("%s: %v, want a refusal saying %q", fn, err, tt.want)
				}
			}
		})
	}
	if got := entries(t, ro); len(got) != 1 {
		t.Errorf("the read-only directory holds %v, want old.pdf alone", got)
	}
	if b, _ := os.ReadFile(filepath.Join(ro, "old.pdf")); string(b) != "keep" {
		t.Errorf("old.pdf = %q, want it kept", b)
	}
}

// TestPermissionErrorIsARefusal: a permission error or a read-only file
// system met while writing is a refusal (the user's to fix, exit 2 in the
// CLI), and any other error (a full disk) is not.
func TestPermissionErrorIsARefusal(t *testing.T) {
	for _, tt := range []struct {
		err     error
		refused bool
	}{
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}, true},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EPERM}, true},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EROFS}, true},
		{&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, false},
	} {
		err := permissionRefusal("out.pdf", tt.err)
		if errors.Is(err, ErrRefused) != tt.refused || !strings.Contains(err.Error(), "out.pdf") {
			t.Errorf("permissionRefusal(%v) = %v, want refused %v, naming out.pdf", tt.err, err, tt.refused)
		}
	}
}

func TestWriteFIFOInPlace(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if err := Write(context.Background(), fifo, []byte("through the pipe")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("reader got %q", s)
	}
	st, err := os.Lstat(fifo)
	if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", st.Mode(), err)
	}
}

func TestWriteDevice(t *testing.T) {
	if err := Write(context.Background(), "/dev/null", []byte("gone")); err != nil {
		t.Fatalf("writing /dev/null: %v", err)
	}
	st, err := os.Stat("/dev/null")
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v %v", st.Mode(), err)
	}
}

func TestWriteLongName(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, strings.Repeat("n", 251)+".pdf") // 255 bytes, the limit of most file systems
	if err := Write(context.Background(), out, []byte("long")); err != nil {
		t.Fatalf("a legal 255-byte name: %v", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "long" {
		t.Errorf("content %q", b)
	}
}

func TestWriteThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.pdf")
	mustWrite(t, real, "old", 0o640)
	link := filepath.Join(dir, "link.pdf")
	if err := os.Symlink("real.pdf", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Error("the symbolic link was replaced by a file")
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Errorf("target content %q, want new", b)
	}
}

func TestWriteCancelledLeavesOld(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "dpa.pdf")
	mustWrite(t, out, "old", 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, out, []byte("new")); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "old" {
		t.Errorf("content %q, want old", b)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("directory holds %v", got)
	}
}

func TestWriteMissingDirectory(t *testing.T) {
	err := Write(context.Background(), filepath.Join(t.TempDir(), "no", "dpa.pdf"), []byte("x"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v, want not exist", err)
	}
}
