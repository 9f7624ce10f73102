package batch

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/google/go-cmp/cmp"
)

func fixedRef(i int) string { return fmt.Sprintf("REF-%d", i) }

// withNotice asks for each customer's notice of a change that only
// Customer 2's list has.
func withNotice(cfg *Config) {
	cfg.Docs = []string{"dpa", DocNotice}
	date, _ := deal.ParseDate("2026-12-15")
	cfg.NoticeKey = "2026-12-15"
	cfg.Notice = func(d *deal.Deal) assemble.Notice {
		n := assemble.Notice{Date: date}
		if strings.HasPrefix(d.Customer.Name, "Customer 2 ") {
			n.Changes.Removed = d.Subprocessors.List[:1]
		}
		return n
	}
}

// userFiles are files a user put into --out beside a batch's own.
var userFiles = map[string]string{
	"notes.txt":                          "mine",
	filepath.Join("REF-1", "signed.pdf"): "signed by hand",
	filepath.Join("DPA-20261201-CUSTOMER-1", "signed.pdf"): "signed by hand",
}

func addUserFiles(t *testing.T, out string) {
	t.Helper()
	for p, content := range userFiles {
		if dir := filepath.Dir(p); dir != "." {
			if _, err := os.Stat(filepath.Join(out, dir)); err != nil {
				continue // no such deal folder in this run
			}
		}
		if err := os.WriteFile(filepath.Join(out, p), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestResumeRemovesWhatIsNoLongerMade: a resumed run that makes a row
// again with fewer documents or formats, or for a deal that no longer has
// a document, or that no longer has rows of the input, removes the files
// the earlier manifest listed and the new one does not, and ends with the
// folder and manifest of a fresh run (plus the user's own files).
func TestResumeRemovesWhatIsNoLongerMade(t *testing.T) {
	input := customersCSV(6, noRef, hours48)
	refInput := customersCSV(6, fixedRef, hours48)
	tests := []struct {
		name          string
		first, second string // inputs
		before, after func(*Config)
		wantRemoved   int
		wantMade      int
		gone          []string // folders that must be gone
	}{{
		name: "fewer documents", first: input, second: input,
		before:      func(c *Config) { c.Docs = []string{"dpa", DocSubprocessors} },
		after:       func(c *Config) { c.Docs = []string{"dpa"} },
		wantRemoved: 6, wantMade: 6,
	}, {
		name: "fewer formats", first: input, second: input,
		before:      func(c *Config) { c.Formats = []string{"md", "html"} },
		after:       func(c *Config) { c.Formats = []string{"md"} },
		wantRemoved: 6, wantMade: 6,
	}, {
		name: "other documents and formats", first: input, second: input,
		before: func(c *Config) {
			c.Docs, c.Formats = []string{"dpa", "annex-i", DocSubprocessors}, []string{"md", "html"}
		},
		after:       func(c *Config) { c.Docs, c.Formats = []string{"annex-i", "dpa"}, []string{"html"} },
		wantRemoved: 6 * 3, wantMade: 6,
	}, {
		name: "a changed row no longer has a document", first: refInput,
		second: strings.Replace(refInput, "Customer 2 B.V.", "Client 2 B.V.", 1),
		before: withNotice, after: withNotice,
		wantRemoved: 1, wantMade: 1,
	}, {
		name: "a changed row has another folder", first: input,
		second:      strings.Replace(input, "Customer 3 B.V.", "Client 3 B.V.", 1),
		wantRemoved: 1, wantMade: 1, gone: []string{"DPA-20261201-CUSTOMER-3"},
	}, {
		name: "the input lost rows", first: input,
		second:      strings.Join(strings.SplitAfter(input, "\n")[:5], ""),
		before:      func(c *Config) { c.Docs = []string{"dpa", DocSubprocessors} },
		after:       func(c *Config) { c.Docs = []string{"dpa", DocSubprocessors} },
		wantRemoved: 2 * 2, gone: []string{"DPA-20261201-CUSTOMER-5", "DPA-20261201-CUSTOMER-6"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig(t, "customers.csv", tt.first)
			if tt.before != nil {
				tt.before(&cfg)
			}
			run(t, context.Background(), cfg)
			addUserFiles(t, cfg.Out)
			user := tree(t, cfg.Out)
			maps.DeleteFunc(user, func(p, _ string) bool { _, ok := userFiles[p]; return !ok })

			next := testConfig(t, "customers.csv", tt.second)
			next.Out, next.Resume = cfg.Out, true
			if tt.after != nil {
				tt.after(&next)
			}
			sum := run(t, context.Background(), next)
			if sum.Removed != tt.wantRemoved || len(sum.Left) != 0 || sum.Made != tt.wantMade {
				t.Errorf("resume: %+v, want %d made, %d removed, none left", sum, tt.wantMade, tt.wantRemoved)
			}
			fresh := testConfig(t, "customers.csv", tt.second)
			if tt.after != nil {
				tt.after(&fresh)
			}
			run(t, context.Background(), fresh)
			want := tree(t, fresh.Out)
			maps.Copy(want, user)
			if diff := cmp.Diff(want, tree(t, cfg.Out)); diff != "" {
				t.Errorf("resumed folder differs from a fresh run and the user's files (-want +got):\n%s", diff)
			}
			wantManifest, _ := os.ReadFile(filepath.Join(fresh.Out, ManifestFile))
			gotManifest, _ := os.ReadFile(filepath.Join(cfg.Out, ManifestFile))
			if diff := cmp.Diff(string(wantManifest), string(gotManifest)); diff != "" {
				t.Errorf("manifest differs from a fresh run's (-want +got):\n%s", diff)
			}
			for _, f := range tt.gone {
				if _, err := os.Lstat(filepath.Join(cfg.Out, f)); err == nil {
					t.Errorf("folder %s is still there", f)
				}
			}
			// Once more: everything is kept, nothing removed, the same manifest.
			next = withInput(next, tt.second)
			if sum := run(t, context.Background(), next); sum.Removed != 0 || sum.Made != 0 || sum.Failed != 0 {
				t.Errorf("second resume: %+v, want everything kept", sum)
			}
			again, _ := os.ReadFile(filepath.Join(cfg.Out, ManifestFile))
			if diff := cmp.Diff(string(gotManifest), string(again)); diff != "" {
				t.Errorf("manifest changed on a resume that kept everything (-first +second):\n%s", diff)
			}
		})
	}
}

// TestFailedRowKeepsItsEarlierFiles: a row that fails now keeps the files
// an earlier run made for it, recorded under "earlier" in its entry, and
// they are removed when the row is made again without them.
func TestFailedRowKeepsItsEarlierFiles(t *testing.T) {
	input := customersCSV(3, noRef, hours48)
	cfg := testConfig(t, "customers.csv", input)
	cfg.Docs = []string{"dpa", DocSubprocessors}
	run(t, context.Background(), cfg)
	before := tree(t, cfg.Out)

	broken := strings.Replace(input, "Signer 2,Director,48", "Signer 2,Director,0", 1)
	cfg = withInput(cfg, broken)
	cfg.Resume = true
	// Twice: a row that fails again carries its earlier files on.
	for range 2 {
		cfg = withInput(cfg, broken)
		if sum := run(t, context.Background(), cfg); sum.Failed != 1 || sum.Kept != 2 || sum.Removed != 0 {
			t.Fatalf("resume with row 2 broken: %+v", sum)
		}
		e := readManifest(t, cfg.Out)[1]
		if e.Status != StatusFailed || e.Earlier == nil || e.Earlier.Folder != "DPA-20261201-CUSTOMER-2" || len(e.Earlier.Files) != 2 {
			t.Fatalf("row 2: %+v, want failed with its 2 earlier files", e)
		}
		after := tree(t, cfg.Out)
		delete(before, ErrorsFile)
		delete(after, ErrorsFile)
		delete(before, ManifestFile)
		delete(after, ManifestFile)
		if diff := cmp.Diff(before, after); diff != "" {
			t.Errorf("a failed row's files changed (-before +after):\n%s", diff)
		}
	}
	// Fixed, with fewer documents: the earlier workbook goes.
	cfg = withInput(cfg, input)
	cfg.Docs = []string{"dpa"}
	if sum := run(t, context.Background(), cfg); sum.Made != 3 || sum.Removed != 3 {
		t.Errorf("resume with row 2 fixed and only the DPA: %+v, want 3 made, 3 removed", sum)
	}
	for p := range tree(t, cfg.Out) {
		if strings.HasSuffix(p, ".xlsx") {
			t.Errorf("%s left", p)
		}
	}
}

// TestSweepTouchesOnlyWhatItWrote: a manifest line naming a path outside
// --out, a folder that became a symbolic link, a file that became one, or
// a file the user changed: nothing is followed, removed or changed but the
// batch's own unchanged files; the others are reported as left.
func TestSweepTouchesOnlyWhatItWrote(t *testing.T) {
	input := customersCSV(4, noRef, hours48)
	cfg := testConfig(t, "customers.csv", input)
	cfg.Formats = []string{"md", "html"}
	run(t, context.Background(), cfg)
	out := cfg.Out
	outside := t.TempDir()
	secret := filepath.Join(outside, "dpa.html")
	os.WriteFile(secret, []byte("not the batch's"), 0o644)

	// Row 1's dpa.html is now a link to a file outside; row 2's was
	// edited by hand.
	row := func(i int) string { return filepath.Join(out, fmt.Sprintf("DPA-20261201-CUSTOMER-%d", i)) }
	os.Remove(filepath.Join(row(1), "dpa.html"))
	if err := os.Symlink(secret, filepath.Join(row(1), "dpa.html")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(row(2), "dpa.html"), []byte("edited"), 0o644)
	// Earlier lines (a row's first line is superseded by its later one)
	// that name paths outside --out and a folder that is a link.
	if err := os.Symlink(outside, filepath.Join(out, "linked")); err != nil {
		t.Fatal(err)
	}
	sum := digest([]byte("not the batch's"))
	var forged strings.Builder
	for _, f := range []struct{ folder, name string }{
		{"..", filepath.Base(outside) + "/dpa.html"}, {"..", "x"}, {"DPA-20261201-CUSTOMER-3", "../../" + filepath.Base(outside) + "/dpa.html"},
		{"linked", "dpa.html"}, {"/" + outside, "dpa.html"}, {".", "notes.txt"},
	} {
		fmt.Fprintf(&forged, `{"row":3,"folder":%q,"status":"ok","library_version":"x","tool_version":"x","options":"x","files":[{"name":%q,"sha256":%q,"size":15}]}`+"\n", f.folder, f.name, sum)
	}
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
	mpath := filepath.Join(out, ManifestFile)
	old, _ := os.ReadFile(mpath)
	os.WriteFile(mpath, append([]byte(forged.String()), old...), 0o644)

	cfg = withInput(cfg, input)
	cfg.Formats, cfg.Resume = []string{"md"}, true
	s := run(t, context.Background(), cfg)
	wantLeft := []string{filepath.Join("DPA-20261201-CUSTOMER-1", "dpa.html"), filepath.Join("DPA-20261201-CUSTOMER-2", "dpa.html"), filepath.Join("linked", "dpa.html")}
	if s.Removed != 2 || !cmp.Equal(s.Left, wantLeft) {
		t.Errorf("summary %+v, want 2 removed and left %v", s, wantLeft)
	}
	if data, err := os.ReadFile(secret); err != nil || string(data) != "not the batch's" {
		t.Errorf("the file outside --out: %q, %v", data, err)
	}
	if st, err := os.Lstat(filepath.Join(row(1), "dpa.html")); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link in row 1: %v %v", st, err)
	}
	for p, want := range map[string]string{filepath.Join(row(2), "dpa.html"): "edited", filepath.Join(out, "notes.txt"): "mine"} {
		if data, err := os.ReadFile(p); err != nil || string(data) != want {
			t.Errorf("%s: %q, %v, want %q", p, data, err, want)
		}
	}
	for _, i := range []int{3, 4} {
		if _, err := os.Lstat(filepath.Join(row(i), "dpa.html")); err == nil {
			t.Errorf("row %d: dpa.html left", i)
		}
	}
}

// TestKilledWhileWritingIsSwept: files a run killed hard wrote before the
// row's own line (recorded only by its "writing" line) are removed by the
// next run when it no longer makes them, and a finished manifest holds no
// "writing" line.
func TestKilledWhileWritingIsSwept(t *testing.T) {
	input := customersCSV(3, noRef, hours48)
	cfg := testConfig(t, "customers.csv", input)
	run(t, context.Background(), cfg)
	want := tree(t, cfg.Out)
	// What a run with --format md,html killed while writing row 2 leaves:
	// its "writing" line and the files written so far.
	dir := filepath.Join(cfg.Out, "DPA-20261201-CUSTOMER-2")
	html := []byte("<p>half a bundle</p>")
	os.WriteFile(filepath.Join(dir, "dpa.html"), html, 0o644)
	f, _ := os.OpenFile(filepath.Join(cfg.Out, ManifestFile), os.O_APPEND|os.O_WRONLY, 0)
	fmt.Fprintf(f, `{"row":2,"folder":"DPA-20261201-CUSTOMER-2","status":"writing","library_version":"x","tool_version":"x","options":"x","files":[{"name":"dpa.md","sha256":"0","size":1},{"name":"dpa.html","sha256":%q,"size":%d}]}`+"\n", digest(html), len(html))
	f.Close()

	cfg = withInput(cfg, input)
	cfg.Resume = true
	if sum := run(t, context.Background(), cfg); sum.Made != 1 || sum.Kept != 2 || sum.Removed != 1 {
		t.Errorf("resume: %+v, want row 2 made, 1 file removed", sum)
	}
	got := tree(t, cfg.Out)
	delete(got, ManifestFile)
	delete(want, ManifestFile)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, e := range readManifest(t, cfg.Out) {
		if e.Status == StatusWriting {
			t.Errorf("finished manifest holds %+v", e)
		}
	}
}

// TestShardsRemoveTheirOwnStaleFiles: shards sharing --out each remove
// the files of their own rows that they no longer make.
func TestShardsRemoveTheirOwnStaleFiles(t *testing.T) {
	input := customersCSV(5, noRef, hours48)
	out := t.TempDir()
	removed := 0
	for _, docs := range [][]string{{"dpa", DocSubprocessors}, {"dpa"}} {
		for i := range 2 {
			cfg := testConfig(t, "customers.csv", input)
			cfg.Out, cfg.Docs, cfg.Shard, cfg.Resume = out, docs, Shard{i, 2}, true
			removed += run(t, context.Background(), cfg).Removed
		}
	}
	if removed != 5 {
		t.Errorf("%d files removed, want 5", removed)
	}
	if _, err := Merge(out); err != nil {
		t.Fatal(err)
	}
	fresh := testConfig(t, "customers.csv", input)
	run(t, context.Background(), fresh)
	got, want := tree(t, out), tree(t, fresh.Out)
	for _, m := range []map[string]string{got, want} {
		maps.DeleteFunc(m, func(p, _ string) bool { return !strings.Contains(p, string(filepath.Separator)) })
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sharded and resumed differs from one run (-want +got):\n%s", diff)
	}
}

// TestMergeRefusesAWritingLine: a shard killed while writing a row is not
// finished.
func TestMergeRefusesAWritingLine(t *testing.T) {
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "manifest.shard-0-of-1.jsonl"), []byte(`{"row":1,"status":"writing","library_version":"x","tool_version":"x","options":"x"}`+"\n"), 0o644)
	if _, err := Merge(out); err == nil || !strings.Contains(err.Error(), "being written") {
		t.Errorf("Merge: %v, want a refusal naming the row being written", err)
	}
}

// TestResumeFollowsRowsByReference: a resumed run finds each row's earlier
// files by its reference, wherever the row now stands: one customer added
// at the top, one removed or the rows sorted anew redoes only what changed
// (an operations walkthrough found one inserted row redoing every row after
// it), and the manifest is the one a fresh run of the same input writes,
// warnings located in today's files included.
func TestResumeFollowsRowsByReference(t *testing.T) {
	ref := func(i int) string { return fmt.Sprintf("DPA-%03d", i) }
	rows := strings.SplitAfter(customersCSV(6, ref, hours48), "\n")
	header, body := rows[0], rows[1:len(rows)-1] // the last is empty
	added := strings.Replace(body[0], "DPA-001", "DPA-100", 1)
	added = strings.Replace(added, "Customer 1 B.V.", "Customer 100 B.V.", 1)
	reversed := slices.Clone(body)
	slices.Reverse(reversed)
	for _, tt := range []struct {
		name                string
		input               string
		made, kept, folders int
	}{
		{"a customer added at the top", header + added + strings.Join(body, ""), 1, 6, 7},
		{"a customer removed", header + strings.Join(append(slices.Clone(body[:1]), body[2:]...), ""), 0, 5, 5},
		{"the rows sorted anew", header + strings.Join(reversed, ""), 0, 6, 6},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig(t, "customers.csv", header+strings.Join(body, ""))
			run(t, context.Background(), cfg)
			cfg = withInput(cfg, tt.input)
			cfg.Resume = true
			if sum := run(t, context.Background(), cfg); sum.Made != tt.made || sum.Kept != tt.kept || sum.Failed != 0 {
				t.Errorf("resume: %+v, want %d made, %d kept", sum, tt.made, tt.kept)
			}
			fresh := testConfig(t, "customers.csv", tt.input)
			run(t, context.Background(), fresh)
			got, want := tree(t, cfg.Out), tree(t, fresh.Out)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("the resumed run differs from a fresh one (-fresh +resumed):\n%s", diff)
			}
			if n := len(readManifest(t, cfg.Out)); n != tt.folders {
				t.Errorf("manifest has %d entries, want %d", n, tt.folders)
			}
		})
	}
}

// TestResumeRelocatesWarnings: a profile edited by comments alone changes
// no document, so a resume keeps every row, but the warnings it records
// point to the lines of today's profile, as a fresh run's do (a resumed
// manifest kept the old line numbers, sending a reader to the wrong line).
func TestResumeRelocatesWarnings(t *testing.T) {
	input := customersCSV(4, noRef, hours48)
	cfg := testConfig(t, "customers.csv", input)
	// Courts other than those of the governing law: a warning located at
	// the profile's scc.forum for every row.
	cfg.Profile = bytes.Replace(cfg.Profile, []byte("\n  forum: NL\n"), []byte("\n  forum: IE\n"), 1)
	run(t, context.Background(), cfg)
	commented := append([]byte("# Edited: two lines of comment\n# at the top.\n"), cfg.Profile...)
	cfg = withInput(cfg, input)
	cfg.Profile, cfg.Resume = commented, true
	if sum := run(t, context.Background(), cfg); sum.Made != 0 || sum.Kept != 4 {
		t.Fatalf("resume: %+v, want every row kept", sum)
	}
	fresh := testConfig(t, "customers.csv", input)
	fresh.Profile = commented
	run(t, context.Background(), fresh)
	got, _ := os.ReadFile(filepath.Join(cfg.Out, ManifestFile))
	want, _ := os.ReadFile(filepath.Join(fresh.Out, ManifestFile))
	if !bytes.Contains(want, []byte(`"file":"profile.yaml"`)) {
		t.Fatalf("no warning located in the profile:\n%s", want)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("the resumed manifest differs from a fresh run's (-fresh +resumed):\n%s", diff)
	}
}

// killedAt returns a Progress that keeps the manifest at path as a hard
// kill would leave it once done rows are done (before the run's finish
// rewrites it) in *state.
func killedAt(path string, done int, state *[]byte) func(Progress) {
	return func(p Progress) {
		if p.Done == done {
			*state, _ = os.ReadFile(path)
		}
	}
}

// TestKeptRowsAppendNothing is the regression test for a resume killed
// again and again (SIGKILL, a pod evicted) that appended a line for every
// row it kept, so that six kills took a 1,500-row manifest to 8,840 lines:
// a kept row (or one failed as before) whose entry is its latest line
// already, byte for byte, adds none; the manifest grows by the rows made.
// The resume after the kill, and its finish, still give a fresh run's
// manifest and files.
func TestKeptRowsAppendNothing(t *testing.T) {
	input := customersCSV(8, noRef, func(i int) int {
		if i == 5 {
			return 0 // fails, every time alike
		}
		return 48
	})
	cfg := testConfig(t, "customers.csv", input)
	cfg.Jobs = 1
	run(t, context.Background(), cfg)
	mpath := filepath.Join(cfg.Out, ManifestFile)
	changed := strings.Replace(input, "Customer 3 B.V.,\"Street 3", "Customer 3 B.V.,\"Other Street 3", 1)
	for i, want := range []struct{ made, kept int }{{1, 6}, {0, 7}} {
		var killed []byte
		cfg = withInput(cfg, changed)
		cfg.Resume, cfg.Progress = true, killedAt(mpath, 8, &killed)
		if sum := run(t, context.Background(), cfg); sum.Made != want.made || sum.Kept != want.kept || sum.Failed != 1 {
			t.Fatalf("resume %d: %+v, want %d made and %d kept", i+1, sum, want.made, want.kept)
		}
		// 8 lines, and the writing and ok lines of the row made again
		if n := bytes.Count(killed, []byte("\n")); n != 10 {
			t.Errorf("resume %d: the manifest had %d lines before its finish, want 10 (no line for a row kept as it was):\n%s", i+1, n, killed)
		}
		if err := os.WriteFile(mpath, killed, 0o644); err != nil { // killed there
			t.Fatal(err)
		}
	}
	cfg = withInput(cfg, changed)
	cfg.Progress = nil
	if sum := run(t, context.Background(), cfg); sum.Made != 0 || sum.Kept != 7 || sum.Failed != 1 {
		t.Errorf("the resume after the kills: %+v, want every row kept but the one that fails", sum)
	}
	fresh := testConfig(t, "customers.csv", changed)
	run(t, context.Background(), fresh)
	if diff := cmp.Diff(tree(t, fresh.Out), tree(t, cfg.Out)); diff != "" { // manifest.jsonl and errors.csv too
		t.Errorf("the resumed folder differs from a fresh run (-fresh +resumed):\n%s", diff)
	}
}

// TestKeptRowWhoseNumberMovedAppends: a kept row's earlier line, identical
// byte for byte, is not enough when a later line gave its row number to
// another folder (a run with a customer inserted on top, killed after that
// row): the kept row appends its line again, or the finish would record
// the other customer's entry for it.
func TestKeptRowWhoseNumberMovedAppends(t *testing.T) {
	rows := strings.SplitAfter(customersCSV(5, noRef, hours48), "\n")
	header, body, top := rows[0], rows[1:5], rows[5]
	input := header + strings.Join(body, "")
	cfg := testConfig(t, "customers.csv", input)
	cfg.Jobs = 1
	run(t, context.Background(), cfg)
	mpath := filepath.Join(cfg.Out, ManifestFile)
	var killed []byte
	cfg = withInput(cfg, header+top+strings.Join(body, ""))
	cfg.Resume, cfg.Progress = true, killedAt(mpath, 1, &killed)
	run(t, context.Background(), cfg)
	if err := os.WriteFile(mpath, killed, 0o644); err != nil { // killed after the new row 1
		t.Fatal(err)
	}
	cfg = withInput(cfg, input)
	cfg.Progress = nil
	if sum := run(t, context.Background(), cfg); sum.Made != 0 || sum.Kept != 4 {
		t.Errorf("resume: %+v, want every row kept", sum)
	}
	fresh := testConfig(t, "customers.csv", input)
	run(t, context.Background(), fresh)
	got, _ := os.ReadFile(mpath)
	want, _ := os.ReadFile(filepath.Join(fresh.Out, ManifestFile))
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("the resumed manifest differs from a fresh run's (-fresh +resumed):\n%s", diff)
	}
	if diff := cmp.Diff(tree(t, fresh.Out), tree(t, cfg.Out)); diff != "" {
		t.Errorf("the resumed folder differs from a fresh run (-fresh +resumed):\n%s", diff)
	}
}

// TestSweepReportsNoFileNeverWritten: a row whose folder's place is taken
// by a file or a link fails, and the summary names no stale file left
// there (it had reported the file the row never wrote, or the linked
// folder's own).
func TestSweepReportsNoFileNeverWritten(t *testing.T) {
	input := customersCSV(2, noRef, hours48)
	cfg := testConfig(t, "customers.csv", input)
	run(t, context.Background(), cfg)
	folder := filepath.Join(cfg.Out, "DPA-20261201-CUSTOMER-1")
	if err := os.RemoveAll(folder); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(folder, []byte("a file in the folder's place"), 0o644)
	cfg = withInput(cfg, input)
	cfg.Resume = true
	s := run(t, context.Background(), cfg)
	if s.Failed != 1 || len(s.Left) != 0 {
		t.Errorf("summary %+v, want 1 failed and nothing left", s)
	}
	if data, _ := os.ReadFile(folder); string(data) != "a file in the folder's place" {
		t.Errorf("the file in the folder's place: %q", data)
	}

	// A fresh run whose row's folder is a link to another folder, which
	// holds a file of the row's name: the row fails naming the link, and
	// the other folder's file is neither touched nor reported.
	cfg = testConfig(t, "customers.csv", customersCSV(1, noRef, hours48))
	victim := t.TempDir()
	os.WriteFile(filepath.Join(victim, "dpa.md"), []byte("mine"), 0o644)
	if err := os.Symlink(victim, filepath.Join(cfg.Out, "DPA-20261201-CUSTOMER-1")); err != nil {
		t.Fatal(err)
	}
	s = run(t, context.Background(), cfg)
	if s.Failed != 1 || len(s.Left) != 0 {
		t.Errorf("summary %+v, want 1 failed and nothing left", s)
	}
	if data, _ := os.ReadFile(filepath.Join(victim, "dpa.md")); string(data) != "mine" {
		t.Errorf("the linked folder's file: %q", data)
	}
}

// TestInputInARowsFolderIsNotOverwritten: an input file that sits where a
// row writes one of its documents fails that row, before anything is
// recorded, and is left as it was (the run had written over it).
func TestInputInARowsFolderIsNotOverwritten(t *testing.T) {
	input := customersCSV(2, noRef, hours48)
	cfg := testConfig(t, "customers.csv", input)
	folder := filepath.Join(cfg.Out, "DPA-20261201-CUSTOMER-1")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(folder, "dpa.md")
	os.WriteFile(in, []byte(input), 0o644)
	cfg.Inputs = []string{in}
	s := run(t, context.Background(), cfg)
	if s.Failed != 1 || s.Made != 1 || len(s.Left) != 0 {
		t.Errorf("summary %+v, want 1 made, 1 failed, nothing left", s)
	}
	if data, _ := os.ReadFile(in); string(data) != input {
		t.Error("the input in the row's folder was overwritten")
	}
}
