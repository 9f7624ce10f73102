package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDirectoryWhereAFileIsRead is the regression test for a directory
// given where a command reads a file, which exited 1 with "read adir: read
// adir: is a directory": every command refuses it with exit 2 and one line
// naming the directory and what the file should be.
func TestDirectoryWhereAFileIsRead(t *testing.T) {
	dir := t.TempDir()
	adir := filepath.Join(dir, "adir")
	sheet := filepath.Join(dir, "d.xlsx")
	for _, d := range []string{adir, sheet} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	csv := writeFile(t, filepath.Join(dir, "list.csv"), "Name,Purpose,Country\nAcme,Hosting,DE\n")
	out := filepath.Join(dir, "out.pdf")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"validate", []string{"validate", adir}, adir + " is a directory, not a deal file"},
		{"render", []string{"render", adir, "-o", out}, adir + " is a directory, not a deal file"},
		{"--profile", []string{"validate", exampleDealPath, "--profile", adir}, adir + " is a directory, not a profile file"},
		{"notice --customer", []string{"notice", "--profile", exampleProfilePath, "--old", exampleProfilePath, "--new", newList, "--date", "2026-12-01", "--customer", adir, "-o", out}, adir + " is a directory, not a deal file"},
		{"import --deal", []string{"subprocessors", "import", csv, "--deal", adir}, adir + " is a directory, not a deal file"},
		{"import a directory", []string{"subprocessors", "import", sheet}, sheet + " is a directory, not a workbook or CSV file"},
		{"lint --deal", []string{"lint", "--deal", adir}, adir + " is a directory, not a deal file"},
		{"batch --profile", []string{"batch", "--profile", adir, "--input", csv, "--input-format", "csv", "--out", filepath.Join(dir, "b")}, adir + " is a directory, not a profile file"},
		{"diff", []string{"subprocessors", "diff", sheet, exampleProfilePath}, sheet + " is a directory, not a list, profile, deal, workbook or CSV file"},
		{"notice --new", []string{"notice", "--profile", exampleProfilePath, "--old", exampleProfilePath, "--new", sheet, "--date", "2026-12-01", "-o", out}, sheet + " is a directory, not a list, profile, deal, workbook or CSV file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := dpakit(t, "", tt.args...)
			if want := "dpakit: " + tt.want + "\n"; code != exitInvalid || errs != want {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, want)
			}
		})
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an output was written")
	}
}

// TestInputMistakesAreExit2 is the regression test for inputs and outputs
// that the user must fix and that exited 1 as if the work had failed: a
// file given to clauses export as its folder, an --into file with a key
// given twice, an -o in a read-only directory or through a symbolic link
// that loops, and batch merge of a folder without shards. Each exits 2
// with a message saying what is wrong, and nothing is written.
func TestInputMistakesAreExit2(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, filepath.Join(dir, "b.yaml"), "customer: {}\n")
	dup := writeFile(t, filepath.Join(dir, "dup.yaml"), "effective_date: 2026-12-01\neffective_date: 2026-12-02\n")
	csv := writeFile(t, filepath.Join(dir, "list.csv"), "Name,Purpose,Country\nAcme,Hosting,DE\n")
	readOnly := filepath.Join(dir, "ro")
	if err := os.Mkdir(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	loop := filepath.Join(dir, "l1.pdf")
	if err := os.Symlink("l2.pdf", loop); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("l1.pdf", filepath.Join(dir, "l2.pdf")); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	unsharded := filepath.Join(dir, "unsharded")
	in := writeFile(t, filepath.Join(dir, "customers.csv"), customersCSV(2, func(int) bool { return false }))
	if code, _, errs := dpakit(t, "", "batch", "--profile", exampleProfilePath, "--input", in, "--out", unsharded, "--format", "md", "-q"); code != 0 {
		t.Fatalf("batch: exit %d: %s", code, errs)
	}
	errorsDir := filepath.Join(dir, "errors-dir")
	if err := os.MkdirAll(filepath.Join(errorsDir, "errors.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	shardDir := filepath.Join(dir, "shard-dir")
	if err := os.MkdirAll(filepath.Join(shardDir, "manifest.shard-0-of-2.jsonl"), 0o755); err != nil {
		t.Fatal(err)
	}
	batchOut := filepath.Join(dir, "out")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"batch --input a folder", []string{"batch", "--input", empty, "--out", batchOut}, "dpakit: " + empty + " is a directory, not a .csv, .yaml or .jsonl file of deals\n"},
		{"batch --input a folder, its format given", []string{"batch", "--input", empty, "--input-format", "csv", "--out", batchOut}, "dpakit: " + empty + " is a directory, not a .csv, .yaml or .jsonl file of deals\n"},
		{"batch --out a file", []string{"batch", "--input", in, "--out", file}, "dpakit: --out " + file + " is a file, not a directory: give the folder to write the deal folders into\n"},
		{"batch --out with a folder errors.csv", []string{"batch", "--input", in, "--out", errorsDir}, "dpakit: " + filepath.Join(errorsDir, "errors.csv") + " is a directory, not the batch's errors.csv file: remove it\n"},
		{"merge a file", []string{"batch", "merge", file}, "dpakit: " + file + " is a file, not a directory: give the folder the shards wrote to (their --out)\n"},
		{"merge a folder named as a shard manifest", []string{"batch", "merge", shardDir}, "dpakit: " + filepath.Join(shardDir, "manifest.shard-0-of-2.jsonl") + " is a directory, not a shard's manifest file: remove it, then run that shard again with --resume\n"},
		{"clauses export onto a file", []string{"clauses", "export", file}, file + " is a file, not a directory: export writes the library into a folder"},
		{"clauses export below a file", []string{"clauses", "export", filepath.Join(file, "lib")}, file + " is a file, not a directory"},
		{"--into with a key twice", []string{"subprocessors", "import", csv, "--into", dup}, "--into " + dup + `: line 2: mapping key "effective_date" already defined at line 1: fix the file first (it is left as it was)`},
		{"-o in a read-only directory", []string{"render", exampleDealPath, "--format", "md", "-o", filepath.Join(readOnly, "dpa.md")}, "refusing to write " + filepath.Join(readOnly, "dpa.md") + ": the directory " + readOnly + " is read-only (mode 0555)"},
		{"-o a symbolic link in a loop", []string{"render", exampleDealPath, "-o", loop}, "refusing to write " + loop + ": it is a symbolic link in a loop"},
		{"merge an empty folder", []string{"batch", "merge", empty}, empty + " holds no shard manifest (manifest.shard-I-of-N.jsonl): give the folder the shards wrote to"},
		{"merge an unsharded batch", []string{"batch", "merge", unsharded}, "the manifest.jsonl of a run without --shard, which needs no merge"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := dirState(t, dir)
			code, _, errs := dpakit(t, "", tt.args...)
			if code != exitInvalid || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tt.want)
			}
			if after := dirState(t, dir); after != before {
				t.Errorf("the folder changed:\n%s\nwas:\n%s", after, before)
			}
		})
	}
}

// dirState describes the files directly in dir and their sizes, to tell
// that a refused command wrote nothing there.
func dirState(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		b.WriteString(e.Name() + " " + info.Mode().String() + " " + string(data) + "\n")
	}
	return b.String()
}

// TestLargeInputStatesTheLimit is the regression test for a deal file
// over 4 MiB (or /dev/zero), which said "the file is larger than 4 MiB"
// while the documented limit is 1 MiB: whatever its size, and whether it
// is a file or a stream, a deal, profile or --into file over the limit is
// refused with exit 2 stating the 1 MiB limit.
func TestLargeInputStatesTheLimit(t *testing.T) {
	dir := t.TempDir()
	big3 := writeFile(t, filepath.Join(dir, "big3.yaml"), "# "+strings.Repeat("x", 3_000_000)+"\n")
	big5 := writeFile(t, filepath.Join(dir, "big5.yaml"), "# "+strings.Repeat("x", 5_000_000)+"\n")
	csv := writeFile(t, filepath.Join(dir, "list.csv"), "Name,Purpose,Country\nAcme,Hosting,DE\n")
	const limit = ": is larger than 1 MiB (1048576 bytes), the limit for a deal or profile file\n"
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"a deal of 3 MB", "", []string{"validate", big3}, "big3.yaml: is 3000003 bytes; the limit is 1048576 (1 MiB)"},
		{"a deal of 5 MB", "", []string{"validate", big5}, "dpakit: " + big5 + limit},
		{"a profile of 5 MB", "", []string{"validate", exampleDealPath, "--profile", big5}, "dpakit: " + big5 + limit},
		{"a deal of 5 MB on standard input", strings.Repeat("x", 5_000_000), []string{"validate", "-"}, "dpakit: standard input" + limit},
		{"--into of 3 MB", "", []string{"subprocessors", "import", csv, "--into", big3}, "dpakit: " + big3 + limit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := dpakit(t, tt.stdin, tt.args...)
			if code != exitInvalid || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tt.want)
			}
		})
	}
}
