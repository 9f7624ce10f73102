package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// copyFile copies src to a new file in dir and returns its path.
func copyFile(t *testing.T, src, dir string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, filepath.Base(src))
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestOutputNeverAnInput: -o naming an input (the deal, the profile, the
// list being imported, a list given to notice) is refused with exit 2 and
// the input is left byte for byte as it was.
func TestOutputNeverAnInput(t *testing.T) {
	dir := t.TempDir()
	deal := copyFile(t, exampleDealPath, dir)
	profile := copyFile(t, exampleProfilePath, dir)
	csv := filepath.Join(dir, "list.csv")
	os.WriteFile(csv, []byte("Name,Purpose,Country\nAcme,Hosting,DE\n"), 0o644)
	list := copyFile(t, "testdata/new-list.yaml", dir)
	if err := os.Mkdir(filepath.Join(dir, "lib"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"breach.md", "measures.yaml"} {
		copyFile(t, filepath.Join("../../clauses", name), filepath.Join(dir, "lib"))
	}
	tests := []struct {
		name   string
		target string
		args   []string
	}{
		{"render onto the deal", deal, []string{"render", deal, "--format", "md", "-o", deal}},
		{"render onto the profile", profile, []string{"render", deal, "--profile", profile, "--format", "md", "-o", profile}},
		{"import onto the CSV", csv, []string{"subprocessors", "import", csv, "-o", csv}},
		{"export onto the profile", profile, []string{"subprocessors", "export", profile, "--as-of", "2026-12-01", "-o", profile}},
		{"notice onto the new list", list, []string{"notice", "--profile", profile, "--old", profile, "--new", list, "--date", "2026-12-01", "--format", "md", "-o", list}},
		{"render onto a clause of --clauses", filepath.Join(dir, "lib", "breach.md"), []string{"render", deal, "--format", "md", "--clauses", filepath.Join(dir, "lib"), "-o", filepath.Join(dir, "lib", "breach.md")}},
		{"render onto the deal by another path", deal, []string{"render", deal, "--format", "md", "-o", filepath.Join(dir, "..", filepath.Base(dir), "example.yaml")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.target)
			code, _, errs := dpakit(t, "", tt.args...)
			if code != exitInvalid {
				t.Fatalf("exit %d, want 2; stderr: %s", code, errs)
			}
			if !strings.Contains(errs, "same file as the input") {
				t.Errorf("stderr %q does not say the output is an input", errs)
			}
			if after, _ := os.ReadFile(tt.target); string(after) != string(before) {
				t.Error("the input was changed")
			}
		})
	}
}

// TestOutputModes: a new output follows the umask, an existing one keeps its
// mode, a read-only one is refused and left alone.
func TestOutputModes(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	fresh := filepath.Join(dir, "new.md")
	if code, _, errs := dpakit(t, "", "render", exampleDealPath, "--format", "md", "-o", fresh); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if st, _ := os.Stat(fresh); st.Mode().Perm() != 0o600 {
		t.Errorf("new file mode %04o, want 0600 under umask 077", st.Mode().Perm())
	}
	private := filepath.Join(dir, "private.md")
	os.WriteFile(private, []byte("old"), 0o640)
	os.Chmod(private, 0o640)
	if code, _, errs := dpakit(t, "", "render", exampleDealPath, "--format", "md", "-o", private); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if st, _ := os.Stat(private); st.Mode().Perm() != 0o640 {
		t.Errorf("existing file mode %04o, want it kept at 0640", st.Mode().Perm())
	}
	ro := filepath.Join(dir, "ro.md")
	os.WriteFile(ro, []byte("keep"), 0o444)
	os.Chmod(ro, 0o444)
	code, _, errs := dpakit(t, "", "render", exampleDealPath, "--format", "md", "-o", ro)
	if code != exitInvalid || !strings.Contains(errs, "read-only") {
		t.Errorf("read-only output: exit %d, stderr %q; want 2 and a message", code, errs)
	}
	if b, _ := os.ReadFile(ro); string(b) != "keep" {
		t.Errorf("read-only file replaced: %q", b)
	}
}

// TestOutputFIFOAndDevice: -o onto a FIFO writes into it (a reader gets the
// document) and -o onto a device writes to it, neither replaced by a file.
func TestOutputFIFOAndDevice(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs:", err)
	}
	got := make(chan []byte, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- b
	}()
	if code, _, errs := dpakit(t, "", "render", exampleDealPath, "--format", "md", "-o", fifo); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if b := <-got; !strings.Contains(string(b), "Müller Logistik GmbH") {
		t.Errorf("the FIFO's reader got %d bytes without the customer", len(b))
	}
	if st, _ := os.Lstat(fifo); st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO became %v", st.Mode())
	}
	if code, _, errs := dpakit(t, "", "render", exampleDealPath, "--format", "md", "-o", "/dev/null"); code != 0 {
		t.Fatalf("-o /dev/null: exit %d: %s", code, errs)
	}
	if st, _ := os.Stat("/dev/null"); st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is now %v", st.Mode())
	}
}

// TestOutputLongName: a 255-byte output name, legal on the file system, is
// written (the temporary file's name must not be longer).
func TestOutputLongName(t *testing.T) {
	out := filepath.Join(t.TempDir(), strings.Repeat("x", 252)+".md")
	if code, _, errs := dpakit(t, "", "render", exampleDealPath, "--format", "md", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
}
