package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/pdf"
	"github.com/dpakit/dpakit/assemble/sublist"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/fixtures"
	"github.com/dpakit/dpakit/templates"
	"github.com/google/go-cmp/cmp"

	// Paces the collector of this test binary (see package testgc).
	_ "github.com/dpakit/dpakit/fixtures/testgc"
)

var (
	engineOnce sync.Once
	engine     *assemble.Engine
	engineErr  error
)

// testConfig returns a run of input (CSV unless the name says otherwise)
// over the example profile into a new folder, as Markdown.
func testConfig(t *testing.T, name, input string) Config {
	t.Helper()
	engineOnce.Do(func() { engine, engineErr = assemble.LoadEngine(clauses.FS, templates.FS) })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	profile, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	format, err := InputFormat(name)
	if err != nil {
		t.Fatal(err)
	}
	return Config{
		Engine: engine, Validator: deal.NewValidator(deal.Options{Printable: pdf.Covers}),
		Profile: profile, ProfileName: "profile.yaml",
		Input: strings.NewReader(input), InputName: name, InputFormat: format,
		Out: t.TempDir(), Docs: []string{"dpa"}, Formats: []string{"md"}, Jobs: 2, ToolVersion: "test",
	}
}

// customersCSV returns n customer rows; ref and hours give row i's
// reference ("" to default it) and breach notice hours.
func customersCSV(n int, ref func(i int) string, hours func(i int) int) string {
	countries := []string{"NL", "FR", "IE", "PL", "BE", "AT", "SE"}
	var b strings.Builder
	b.WriteString("reference,effective_date,agreement,customer.name,customer.address,customer.country,customer.role,customer.contact.name,customer.contact.email,customer.contact.title,customer.signatory.name,customer.signatory.title,breach.notice_hours\n")
	for i := 1; i <= n; i++ {
		c := countries[i%len(countries)]
		fmt.Fprintf(&b, "%s,2026-12-01,Cloud Services Agreement,Customer %d B.V.,\"Street %d, City\",%s,controller,Privacy Lead,privacy%d@customer.example,Data Protection Officer,Signer %d,Director,%d\n",
			ref(i), i, i, c, i, i, hours(i))
	}
	return b.String()
}

func noRef(int) string { return "" }
func hours48(int) int  { return 48 }

// run runs cfg and fails the test on an error.
func run(t *testing.T, ctx context.Context, cfg Config) Summary {
	t.Helper()
	sum, err := Run(ctx, cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return sum
}

// readManifest returns the entries of dir's manifest.
func readManifest(t *testing.T, dir string) []Entry {
	t.Helper()
	return readManifestFile(t, filepath.Join(dir, ManifestFile))
}

// readManifestFile returns the entries of a manifest file.
func readManifestFile(t *testing.T, path string) []Entry {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []Entry
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		var e Entry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("manifest line %d: %v", i+1, err)
		}
		out = append(out, e)
	}
	return out
}

// tree returns every file below dir with its SHA-256, by relative path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(data)
		out[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRunWritesBundlesManifestAndErrors(t *testing.T) {
	cfg := testConfig(t, "customers.csv", customersCSV(30, noRef, func(i int) int {
		if i%10 == 0 {
			return 96
		}
		return 48
	}))
	cfg.Docs = []string{"dpa", "annex-i", DocSubprocessors}
	sum := run(t, context.Background(), cfg)
	if sum.Rows != 30 || sum.Made != 27 || sum.Failed != 3 || sum.Files != 27*3 {
		t.Errorf("summary %+v, want 30 rows, 27 made, 3 failed, 81 files", sum)
	}
	entries := readManifest(t, cfg.Out)
	if len(entries) != 30 {
		t.Fatalf("%d manifest entries, want 30", len(entries))
	}
	for i, e := range entries {
		if e.Row != i+1 {
			t.Fatalf("entry %d is row %d: the manifest is not in row order", i, e.Row)
		}
		if e.LibraryVersion != engine.Library().Version || e.ToolVersion != "test" || e.Options == "" {
			t.Errorf("row %d: versions %q %q options %q", e.Row, e.LibraryVersion, e.ToolVersion, e.Options)
		}
		if e.Row%10 == 0 {
			if e.Status != StatusFailed || len(e.Files) != 0 || len(e.Problems) != 1 || e.Problems[0].Path != "breach.notice_hours" {
				t.Errorf("row %d: %+v, want failed on breach.notice_hours", e.Row, e)
			}
			if e.Folder != "" {
				t.Errorf("row %d failed but has a folder %q", e.Row, e.Folder)
			}
			continue
		}
		want := fmt.Sprintf("DPA-20261201-CUSTOMER-%d", e.Row)
		if e.Status != StatusOK || e.Reference != want || e.Folder != want {
			t.Errorf("row %d: status %s reference %q folder %q, want ok %q", e.Row, e.Status, e.Reference, e.Folder, want)
		}
		var names []string
		for _, f := range e.Files {
			names = append(names, f.Name)
			data, err := os.ReadFile(filepath.Join(cfg.Out, e.Folder, f.Name))
			if err != nil || int64(len(data)) != f.Size || digest(data) != f.SHA256 {
				t.Errorf("row %d: %s does not match its manifest entry (%v)", e.Row, f.Name, err)
			}
		}
		if diff := cmp.Diff([]string{"dpa.md", "annex-i.md", "subprocessors.xlsx"}, names); diff != "" {
			t.Errorf("row %d files (-want +got):\n%s", e.Row, diff)
		}
		dpa, _ := os.ReadFile(filepath.Join(cfg.Out, e.Folder, "dpa.md"))
		if !strings.Contains(string(dpa), fmt.Sprintf("Customer %d B.V.", e.Row)) {
			t.Errorf("row %d: dpa.md does not name its customer", e.Row)
		}
	}
	errs, _ := os.ReadFile(filepath.Join(cfg.Out, ErrorsFile))
	// For a spreadsheet: a byte order mark, CRLF, the rule of each problem.
	wantErrs := "\ufeffrow,reference,file,line,path,rule,message\r\n" +
		"10,DPA-20261201-CUSTOMER-10,customers.csv,11,breach.notice_hours,max,must be at most 72 (the controller itself has 72 hours to notify its supervisory authority)\r\n" +
		"20,DPA-20261201-CUSTOMER-20,customers.csv,21,breach.notice_hours,max,must be at most 72 (the controller itself has 72 hours to notify its supervisory authority)\r\n" +
		"30,DPA-20261201-CUSTOMER-30,customers.csv,31,breach.notice_hours,max,must be at most 72 (the controller itself has 72 hours to notify its supervisory authority)\r\n"
	if diff := cmp.Diff(wantErrs, string(errs)); diff != "" {
		t.Errorf("errors.csv (-want +got):\n%s", diff)
	}
}

func TestRunIsRenderProfile(t *testing.T) {
	// The same deal as a YAML stream document, a JSON line and a CSV row
	// gives the deal and the DPA that loading it over the profile gives.
	yamlDeal := "effective_date: 2026-12-01\nagreement: MSA\ncustomer:\n  name: Acme B.V.\n  address: Street 1, Utrecht\n  country: NL\n  role: controller\n  contact: {name: Privacy Lead, email: privacy@acme.example}\n  signatory: {name: Jan, title: Director}\nprocessing:\n  purposes: [Hosting, Support; 24/7]\n"
	jsonDeal := `{"effective_date":"2026-12-01","agreement":"MSA","customer":{"name":"Acme B.V.","address":"Street 1, Utrecht","country":"NL","role":"controller","contact":{"name":"Privacy Lead","email":"privacy@acme.example"},"signatory":{"name":"Jan","title":"Director"}},"processing":{"purposes":["Hosting","Support; 24/7"]}}`
	csvDeal := "effective_date;agreement;customer.name;customer.address;customer.country;customer.role;customer.contact.name;customer.contact.email;customer.signatory.name;customer.signatory.title;processing.purposes\r\n2026-12-01;MSA;Acme B.V.;Street 1, Utrecht;NL;controller;Privacy Lead;privacy@acme.example;Jan;Director;\"Hosting; Support\\; 24/7\"\r\n"

	cfg := testConfig(t, "x.yaml", "")
	d, err := cfg.Validator.Load([]byte(yamlDeal), "deal.yaml", cfg.Profile, cfg.ProfileName)
	if err != nil {
		t.Fatal(err)
	}
	wantHash := deal.Hash(d)
	for name, input := range map[string]string{"deals.yaml": "---\n" + yamlDeal, "deals.jsonl": jsonDeal + "\n", "customers.csv": "\ufeff" + csvDeal} {
		t.Run(name, func(t *testing.T) {
			cfg := testConfig(t, name, input)
			run(t, context.Background(), cfg)
			e := readManifest(t, cfg.Out)[0]
			if e.Status != StatusOK || e.DealHash != wantHash {
				t.Errorf("entry %+v, want ok with hash %s", e, wantHash)
			}
		})
	}
}

func TestNotApplicableDocumentIsSkipped(t *testing.T) {
	// A customer whose list did not change gets no notice: the notice is
	// skipped and recorded, the row is ok.
	cfg := testConfig(t, "customers.csv", customersCSV(2, noRef, hours48))
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
	sum := run(t, context.Background(), cfg)
	if sum.Made != 2 || sum.Failed != 0 || sum.Skipped != 1 {
		t.Fatalf("summary %+v, want 2 made, 1 document skipped", sum)
	}
	es := readManifest(t, cfg.Out)
	if len(es[0].Skipped) != 1 || es[0].Skipped[0].Document != DocNotice || !strings.Contains(es[0].Skipped[0].Reason, "nothing to give notice of") || len(es[0].Files) != 1 {
		t.Errorf("row 1: %+v, want dpa.md and the notice skipped", es[0])
	}
	if len(es[1].Skipped) != 0 || len(es[1].Files) != 2 || es[1].Files[1].Name != "notice.md" {
		t.Errorf("row 2: %+v, want dpa.md and notice.md", es[1])
	}
}

func TestNoticeHasEachCustomersDeadline(t *testing.T) {
	csv := "customer.name,customer.address,customer.country,customer.role,customer.contact.name,customer.contact.email,customer.signatory.name,customer.signatory.title,effective_date,agreement,subprocessors.objection_days\n" +
		"Acme B.V.,Street 1,NL,controller,P,p@acme.example,J,Director,2026-01-01,MSA,10\n" +
		"Beta B.V.,Street 2,NL,controller,P,p@beta.example,J,Director,2026-01-01,MSA,30\n" +
		"Gamma B.V.,Street 3,NL,controller,P,p@gamma.example,J,Director,2027-01-04,MSA,15\n"
	cfg := testConfig(t, "customers.csv", csv)
	cfg.Docs = []string{DocNotice}
	date, _ := deal.ParseDate("2026-12-01")
	cfg.Notice = func(d *deal.Deal) assemble.Notice {
		// An addition: the letter then gives the customer's own deadline
		// (a removal alone gives none to meet).
		added := deal.Subprocessor{Name: "Zendesk, Inc.", Purpose: "Support tickets", Location: "United States", Country: "US", Category: "service", TransferMechanism: "dpf"}
		return assemble.Notice{Date: date, Changes: sublist.Changes{Added: []deal.Subprocessor{added}, Removed: d.Subprocessors.List[1:]}}
	}
	cfg.NoticeKey = "2026-12-01"
	sum := run(t, context.Background(), cfg)
	if sum.Made != 3 {
		t.Fatalf("summary %+v", sum)
	}
	// The customer whose DPA takes effect after the notice date: the
	// notice is made, and its manifest entry warns, at the row's cell.
	for _, e := range readManifest(t, cfg.Out) {
		var rules []string
		for _, w := range e.Warnings {
			if w.Rule == assemble.WarnNoticeDate {
				rules = append(rules, fmt.Sprintf("%s:%d %s", w.Path, w.Line, w.Message[:40]))
			}
		}
		want := 0
		if e.Reference == "DPA-20270104-GAMMA" {
			want = 1
		}
		if len(rules) != want {
			t.Errorf("%s: notice-date warnings %q, want %d", e.Reference, rules, want)
		}
	}
	for ref, deadline := range map[string]string{"DPA-20260101-ACME": "11 December 2026", "DPA-20260101-BETA": "31 December 2026"} {
		data, err := os.ReadFile(filepath.Join(cfg.Out, ref, "notice.md"))
		if err != nil || !strings.Contains(string(data), deadline) {
			t.Errorf("%s/notice.md: want the deadline %s (%v)", ref, deadline, err)
		}
	}
}

func TestHostileReferencesStayInside(t *testing.T) {
	refs := []string{"../../etc/passwd", "CON", "a/b", "a_b", strings.Repeat("r", 300), "nul\x00byte", "DUP", "DUP", "dup", "..", "/abs", "manifest.jsonl", "errors.csv"}
	cfg := testConfig(t, "customers.csv", customersCSV(len(refs), func(i int) string {
		return `"` + refs[i-1] + `"`
	}, hours48))
	parent := filepath.Dir(cfg.Out)
	before := tree(t, parent)
	sum := run(t, context.Background(), cfg)
	// 300 characters and a NUL break the reference rules; the others are
	// valid references and each gets its own folder.
	if sum.Made != len(refs)-2 || sum.Failed != 2 {
		t.Fatalf("summary %+v, want %d made and 2 failed", sum, len(refs)-2)
	}
	after := tree(t, parent)
	folders := map[string]int{}
	for p := range after {
		if _, ok := before[p]; ok {
			continue
		}
		rel, err := filepath.Rel(cfg.Out, filepath.Join(parent, p))
		if err != nil || !filepath.IsLocal(rel) {
			t.Errorf("%s was written outside --out", p)
			continue
		}
		if dir := filepath.Dir(rel); dir != "." {
			folders[dir]++
		}
	}
	var got []string
	for _, e := range readManifest(t, cfg.Out) {
		if e.Status != StatusOK {
			continue
		}
		got = append(got, e.Folder)
		data, _ := os.ReadFile(filepath.Join(cfg.Out, e.Folder, "dpa.md"))
		if !strings.Contains(string(data), fmt.Sprintf("Customer %d B.V.", e.Row)) {
			t.Errorf("row %d: %s/dpa.md is not its DPA (overwritten?)", e.Row, e.Folder)
		}
	}
	want := []string{"_.._etc_passwd", "_CON", "a_b", "a_b-2", "DUP", "DUP-2", "dup-3", "unnamed", "_abs", "manifest.jsonl-2", "errors.csv-2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("folders (-want +got):\n%s", diff)
	}
	if len(folders) != len(want) {
		t.Errorf("%d folders on disk, want %d: %v", len(folders), len(want), folders)
	}
}

func TestShardsCoverEveryRowOnce(t *testing.T) {
	input := customersCSV(40, func(i int) string {
		if i%7 == 0 {
			return "SAME" // collisions across shards still get distinct names
		}
		return ""
	}, func(i int) int {
		if i == 13 {
			return 99
		}
		return 48
	})
	whole := testConfig(t, "customers.csv", input)
	run(t, context.Background(), whole)
	want := tree(t, whole.Out)

	// Three shards share one --out, as the pods of a Kubernetes Indexed
	// Job on one volume do.
	out := t.TempDir()
	seen := map[int]int{}
	for i := range 3 {
		cfg := testConfig(t, "customers.csv", input)
		cfg.Out, cfg.Shard = out, Shard{Index: i, Count: 3}
		sum := run(t, context.Background(), cfg)
		if sum.Rows != 40 || sum.Selected != (40-i+2)/3 {
			t.Errorf("shard %d: %+v", i, sum)
		}
		for _, e := range readManifestFile(t, filepath.Join(out, cfg.Shard.ManifestFile())) {
			seen[e.Row]++
			if (e.Row-1)%3 != i {
				t.Errorf("shard %d has row %d", i, e.Row)
			}
		}
	}
	for row := 1; row <= 40; row++ {
		if seen[row] != 1 {
			t.Errorf("row %d made by %d shards, want 1", row, seen[row])
		}
	}
	sum, err := Merge(out)
	if err != nil || sum != (MergeSummary{Shards: 3, Rows: 40, Failed: 1}) {
		t.Fatalf("Merge: %+v, %v", sum, err)
	}
	got := tree(t, out)
	for name := range got {
		if strings.Contains(name, ".shard-") {
			delete(got, name)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("three shards merged differ from one run (-want +got):\n%s", diff)
	}
}

func TestMergeRefusesIncompleteShards(t *testing.T) {
	input := customersCSV(6, noRef, hours48)
	out := t.TempDir()
	// A folder without shards is no sharded batch's: a setup error (exit
	// 2), not unfinished work.
	if _, err := Merge(out); !errors.Is(err, ErrSetup) || !strings.Contains(err.Error(), "holds no shard manifest (manifest.shard-I-of-N.jsonl): give the folder the shards wrote to") {
		t.Errorf("no shards: %v", err)
	}
	// A run without --shard needs no merge, and is told so.
	plain := testConfig(t, "customers.csv", input)
	run(t, context.Background(), plain)
	if _, err := Merge(plain.Out); !errors.Is(err, ErrSetup) || !strings.Contains(err.Error(), "the manifest.jsonl of a run without --shard, which needs no merge") {
		t.Errorf("an unsharded run: %v", err)
	}
	for i := range 2 {
		cfg := testConfig(t, "customers.csv", input)
		cfg.Out, cfg.Shard = out, Shard{Index: i, Count: 3}
		run(t, context.Background(), cfg)
	}
	if _, err := Merge(out); !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), out+" lacks the manifest of shard 2 of 3 (run it with --shard 2/3, or copy its manifest.shard-2-of-3.jsonl here)") {
		t.Errorf("a shard missing: %v", err)
	}
	cfg := testConfig(t, "customers.csv", input)
	cfg.Out, cfg.Shard = out, Shard{Index: 2, Count: 3}
	run(t, context.Background(), cfg)
	// A shard killed before it sorted its manifest.
	path := filepath.Join(out, "manifest.shard-0-of-3.jsonl")
	data, _ := os.ReadFile(path)
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	os.WriteFile(path, []byte(lines[1]+"\n"+lines[0]), 0o644)
	if _, err := Merge(out); !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), "run shard 0/3 again with --resume") {
		t.Errorf("an unfinished shard: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, ManifestFile)); err == nil {
		t.Error("a failed merge wrote manifest.jsonl")
	}
}

func TestResumeRedoesOnlyWhatChanged(t *testing.T) {
	input := customersCSV(12, noRef, hours48)
	cfg := testConfig(t, "customers.csv", input)
	out := cfg.Out
	cfg.Docs = []string{"dpa", DocSubprocessors}
	run(t, context.Background(), cfg)

	if _, err := Run(context.Background(), withInput(cfg, input)); err == nil || !strings.Contains(err.Error(), "--resume") {
		t.Errorf("a second run without --resume: %v, want a refusal naming --resume", err)
	}
	// Change row 3, delete a file of row 5, corrupt one of row 7.
	changed := strings.Replace(input, "Customer 3 B.V.,\"Street 3", "Customer 3 B.V.,\"Other Street 3", 1)
	os.Remove(filepath.Join(out, "DPA-20261201-CUSTOMER-5", "dpa.md"))
	os.WriteFile(filepath.Join(out, "DPA-20261201-CUSTOMER-7", "subprocessors.xlsx"), []byte("x"), 0o644)
	cfg = withInput(cfg, changed)
	cfg.Resume = true
	sum := run(t, context.Background(), cfg)
	if sum.Made != 3 || sum.Kept != 9 {
		t.Errorf("resume: %+v, want 3 made and 9 kept", sum)
	}
	fresh := testConfig(t, "customers.csv", changed)
	fresh.Docs = cfg.Docs
	run(t, context.Background(), fresh)
	if diff := cmp.Diff(tree(t, fresh.Out), tree(t, out)); diff != "" {
		t.Errorf("resumed folder differs from a fresh run (-want +got):\n%s", diff)
	}
	// A different library or set of documents makes everything again.
	cfg = withInput(cfg, changed)
	cfg.Formats = []string{"html"}
	if sum := run(t, context.Background(), cfg); sum.Made != 12 || sum.Kept != 0 {
		t.Errorf("resume with other formats: %+v, want all 12 made", sum)
	}
	// So does a new fixed PDF date.
	cfg = withInput(cfg, changed)
	cfg.Writers.Date = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if sum := run(t, context.Background(), cfg); sum.Made != 12 || sum.Kept != 0 {
		t.Errorf("resume with a new --date: %+v, want all 12 made", sum)
	}
}

func withInput(cfg Config, input string) Config {
	cfg.Input = strings.NewReader(input)
	return cfg
}

func TestStoppedRunResumes(t *testing.T) {
	input := customersCSV(24, noRef, func(i int) int {
		if i == 4 {
			return 0
		}
		return 48
	})
	want := testConfig(t, "customers.csv", input)
	run(t, context.Background(), want)

	for _, stopAfter := range []int{1, 9, 20} {
		t.Run(fmt.Sprint(stopAfter), func(t *testing.T) {
			cfg := testConfig(t, "customers.csv", input)
			ctx, cancel := context.WithCancel(context.Background())
			cfg.Progress = func(p Progress) {
				if p.Done == stopAfter {
					cancel()
				}
			}
			sum := run(t, ctx, cfg)
			if !sum.Interrupted || sum.Made+sum.Failed >= 24 || sum.Made+sum.Failed < stopAfter {
				t.Fatalf("stopped run: %+v", sum)
			}
			for p := range tree(t, cfg.Out) {
				if strings.HasSuffix(p, ".tmp") {
					t.Errorf("temporary file %s left behind", p)
				}
			}
			if n := len(readManifest(t, cfg.Out)); n != sum.Made+sum.Failed {
				t.Errorf("manifest has %d entries after %d rows", n, sum.Made+sum.Failed)
			}
			cfg = withInput(cfg, input)
			cfg.Resume, cfg.Progress = true, nil
			sum2 := run(t, context.Background(), cfg)
			if sum2.Interrupted || sum2.Kept != sum.Made || sum2.Made+sum2.Failed+sum2.Kept != 24 {
				t.Errorf("resumed run: %+v after %+v", sum2, sum)
			}
			if diff := cmp.Diff(tree(t, want.Out), tree(t, cfg.Out)); diff != "" {
				t.Errorf("stopped and resumed differs from one run (-want +got):\n%s", diff)
			}
		})
	}
}

func TestManifestSurvivesACutLine(t *testing.T) {
	input := customersCSV(5, noRef, hours48)
	cfg := testConfig(t, "customers.csv", input)
	run(t, context.Background(), cfg)
	want := tree(t, cfg.Out)
	// A crash in the middle of a write: the last line is cut short.
	path := filepath.Join(cfg.Out, ManifestFile)
	data, _ := os.ReadFile(path)
	os.WriteFile(path, data[:len(data)-40], 0o644)
	cfg = withInput(cfg, input)
	cfg.Resume = true
	sum := run(t, context.Background(), cfg)
	if sum.Kept != 4 || sum.Made != 1 {
		t.Errorf("resume after a cut line: %+v, want 4 kept and 1 made", sum)
	}
	if diff := cmp.Diff(want, tree(t, cfg.Out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSetupErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*Config)
		want   string
	}{
		{"unknown document", func(c *Config) { c.Docs = []string{"annex-iv"} }, `unknown document "annex-iv"`},
		{"unknown format", func(c *Config) { c.Formats = []string{"rtf"} }, `unknown format "rtf" (want pdf, docx, html, md)`},
		{"document twice", func(c *Config) { c.Docs = []string{"dpa", "annex-i", "dpa"} }, `the document "dpa" is requested twice`},
		{"format twice", func(c *Config) { c.Formats = []string{"docx", "docx"} }, `the format "docx" is requested twice`},
		{"notice without inputs", func(c *Config) { c.Docs = []string{"notice"} }, "--notice-old"},
		{"bad shard", func(c *Config) { c.Shard = Shard{Index: 3, Count: 3} }, "shard 3/3"},
		{"bad header", func(c *Config) { c.Input = strings.NewReader("customer.nmae\n") }, `unknown field "nmae"`},
		{"bad paper", func(c *Config) { c.Formats = []string{"pdf"}; c.Writers.Paper = "a3" }, "a3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(t, "customers.csv", customersCSV(1, noRef, hours48))
			tc.change(&cfg)
			_, err := Run(context.Background(), cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), ErrSetup.Error()) {
				t.Errorf("error %v, want a setup error with %q", err, tc.want)
			}
			if _, err := os.Stat(filepath.Join(cfg.Out, ManifestFile)); err == nil {
				t.Errorf("a run that could not start wrote a manifest")
			}
		})
	}
}

// BenchmarkBatch measures a run over 200 customers making the DPA as PDF
// and the sub-processor workbook, with two workers: the figure to compare
// is ns/op divided by 200 (one deal).
func BenchmarkBatch(b *testing.B) {
	t := &testing.T{}
	input := customersCSV(200, noRef, hours48)
	for b.Loop() {
		b.StopTimer()
		cfg := testConfig(t, "customers.csv", input)
		cfg.Out = b.TempDir()
		cfg.Docs, cfg.Formats = []string{"dpa", DocSubprocessors}, []string{"pdf"}
		b.StartTimer()
		if _, err := Run(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*200), "ns/deal")
}

func TestWarningsGoToTheManifest(t *testing.T) {
	// Annex I.B names only e-mail addresses, but the profile's
	// sub-processors process more: valid, with warnings.
	csv := customersCSV(2, noRef, hours48)
	csv = strings.Replace(csv, "breach.notice_hours\n", "breach.notice_hours,processing.data_categories\n", 1)
	csv = strings.Replace(csv, ",48\n", ",48,Email address\n", 1)
	csv = strings.Replace(csv, ",48\n", ",48,\n", 1)
	cfg := testConfig(t, "customers.csv", csv)
	if sum := run(t, context.Background(), cfg); sum.Warned != 1 {
		t.Errorf("summary counts %d rows with warnings, want 1", sum.Warned)
	}
	es := readManifest(t, cfg.Out)
	if es[0].Status != StatusOK || len(es[0].Warnings) == 0 {
		t.Fatalf("row 1: %+v, want ok with warnings", es[0])
	}
	// The row describes its data categories and takes the rest of Annex
	// I.B from the profile: warned once, at the row.
	partly := 0
	for _, w := range es[0].Warnings {
		switch {
		case w.Rule == deal.WarnProcessingFromProfile:
			partly++
			if w.Path != "processing" || w.File != "customers.csv" || w.Line != 2 || !strings.Contains(w.Message, "the deal sets processing.data_categories but takes processing.data_subjects, processing.nature and processing.purposes from the profile") {
				t.Errorf("warning %+v, want %s at customers.csv:2", w, deal.WarnProcessingFromProfile)
			}
		case w.Rule != deal.WarnUndescribedData || !strings.HasPrefix(w.Path, "subprocessors.list[") || w.File != "profile.yaml":
			t.Errorf("warning %+v, want %s on a sub-processor of profile.yaml", w, deal.WarnUndescribedData)
		}
	}
	if partly != 1 {
		t.Errorf("%d %s warnings, want 1: %+v", partly, deal.WarnProcessingFromProfile, es[0].Warnings)
	}
	if len(es[1].Warnings) != 0 {
		t.Errorf("row 2 has warnings %+v", es[1].Warnings)
	}
}

func TestRemakingARowRemovesStaleTemporaryFiles(t *testing.T) {
	input := customersCSV(2, noRef, hours48)
	cfg := testConfig(t, "customers.csv", input)
	run(t, context.Background(), cfg)
	want := tree(t, cfg.Out)
	// What a hard kill in the middle of writing row 1 leaves.
	dir := filepath.Join(cfg.Out, "DPA-20261201-CUSTOMER-1")
	os.WriteFile(filepath.Join(dir, ".dpakit-0123456789abcdef.tmp"), []byte("half"), 0o644)
	os.Remove(filepath.Join(dir, "dpa.md"))
	cfg = withInput(cfg, input)
	cfg.Resume = true
	if sum := run(t, context.Background(), cfg); sum.Made != 1 || sum.Kept != 1 {
		t.Errorf("resume: %+v", sum)
	}
	if diff := cmp.Diff(want, tree(t, cfg.Out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestPDFManifestRecordsDeviations checks that a batch PDF records, in its
// attached manifest, how the row departs from the profile, as render does.
func TestPDFManifestRecordsDeviations(t *testing.T) {
	detach, err := exec.LookPath("pdfdetach")
	if err != nil {
		if os.Getenv("DPAKIT_REQUIRE_TOOLS") != "" {
			t.Fatal("pdfdetach not found")
		}
		t.Skip("pdfdetach not found")
	}
	row := "---\neffective_date: 2026-12-01\nagreement: MSA\nbreach: {notice_hours: 24}\ncustomer:\n  name: Acme B.V.\n  address: Street 1, Utrecht\n  country: NL\n  role: controller\n  contact: {name: Privacy Lead, email: privacy@acme.example}\n  signatory: {name: Jan, title: Director}\n"
	cfg := testConfig(t, "deals.yaml", row)
	cfg.Formats = []string{"pdf"}
	run(t, context.Background(), cfg)
	e := readManifest(t, cfg.Out)[0]
	if e.Status != StatusOK || len(e.Files) != 1 {
		t.Fatalf("entry %+v", e)
	}
	dir := t.TempDir()
	if out, err := exec.Command(detach, "-saveall", "-o", dir, filepath.Join(cfg.Out, e.Folder, e.Files[0].Name)).CombinedOutput(); err != nil {
		t.Fatalf("pdfdetach: %v %s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Deviations []string }
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(m.Deviations, "breach notice 24 hours (standard 48)") {
		t.Errorf("manifest deviations = %q", m.Deviations)
	}
}

// TestFailedRowKeepsItsReference: a row with a cell that does not decode
// ("forty" hours) loads no deal, yet its errors.csv line and manifest
// entry name the reference the row gives, so that the reader knows which
// customer failed.
func TestFailedRowKeepsItsReference(t *testing.T) {
	input := strings.Replace(customersCSV(2, func(i int) string { return fmt.Sprintf("DPA-%d", i) }, hours48),
		"Director,48\n", "Director,forty\n", 1)
	cfg := testConfig(t, "customers.csv", input)
	if sum := run(t, context.Background(), cfg); sum.Failed != 1 || sum.Made != 1 {
		t.Fatalf("summary %+v, want 1 made and 1 failed", sum)
	}
	errs, _ := os.ReadFile(filepath.Join(cfg.Out, ErrorsFile))
	want := "\ufeffrow,reference,file,line,path,rule,message\r\n" +
		"1,DPA-1,customers.csv,2,breach.notice_hours,type,\"\"\"forty\"\" is not a whole number\"\r\n"
	if diff := cmp.Diff(want, string(errs)); diff != "" {
		t.Errorf("errors.csv (-want +got):\n%s", diff)
	}
	if e := readManifest(t, cfg.Out)[0]; e.Reference != "DPA-1" || e.Folder != "" || e.Status != StatusFailed {
		t.Errorf("manifest entry %+v, want the reference, no folder, failed", e)
	}
}

// TestUnapprovedFallbackInManifest checks that a row negotiating a
// fallback whose text has changed since its approval is made, and that its
// manifest entry carries the warning at negotiated.CLAUSE, as the CLI and
// the API warn of it.
func TestUnapprovedFallbackInManifest(t *testing.T) {
	const input = `{"effective_date": "2026-12-01", "agreement": "Cloud Services Agreement", "customer": {"name": "Customer 1 B.V.", "address": "Street 1, City", "country": "NL", "role": "controller", "contact": {"name": "Privacy Lead", "email": "privacy1@customer.example", "title": "Data Protection Officer"}, "signatory": {"name": "Signer 1", "title": "Director"}}, "negotiated": {"subprocessors": "late-objection"}}` + "\n"
	cfg := testConfig(t, "customers.jsonl", input)
	if sum := run(t, context.Background(), cfg); sum.Failed != 0 {
		t.Fatalf("summary %+v", sum)
	}
	entries := readManifest(t, cfg.Out)
	if len(entries) != 1 {
		t.Fatalf("%d entries", len(entries))
	}
	found := false
	for _, w := range entries[0].Warnings {
		if w.Path == "negotiated.subprocessors" && w.Rule == assemble.WarnFallbackUnapproved && strings.Contains(w.Message, "needs approving again") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning of the unapproved fallback: %+v", entries[0].Warnings)
	}
}

// TestNewSplitRefusedOverOtherBatch is the regression test for a shard run
// that, without --resume, started over in an --out holding a merged batch
// or the shards of another split, so that the merge then failed: it is
// refused like an unsharded run over a batch, naming the manifest in its
// way. The other shards of its own split are not in its way. A run of
// another split is refused with --resume too, saying which shards to run
// or which files to remove: resuming it would mix two splits just the same.
// So is a shard over an unsharded batch (manifest.jsonl without any
// manifest of the shard's split), and an unsharded run beside the
// manifests of shards never merged: the regression test for a --shard 0/2
// --resume that made its rows in an unsharded batch's --out, after which
// the unsharded --resume ignored them and the merge failed.
func TestNewSplitRefusedOverOtherBatch(t *testing.T) {
	input := customersCSV(4, func(int) string { return "" }, func(int) int { return 48 })
	for _, tc := range []struct {
		name     string
		existing []string // manifests already in --out
		shard    Shard
		resume   bool
		refusal  string // "" when the run goes ahead
	}{
		{"unsharded batch", []string{ManifestFile}, Shard{Index: 0, Count: 2}, false, "holds the batch of a run without --shard (manifest.jsonl): continue it without --shard (with --resume); or, to split it into 2 shards, remove manifest.jsonl and errors.csv from"},
		{"unsharded batch, resumed shard", []string{ManifestFile}, Shard{Index: 0, Count: 2}, true, "holds the batch of a run without --shard (manifest.jsonl)"},
		{"merged batch", []string{ManifestFile, "manifest.shard-0-of-2.jsonl", "manifest.shard-1-of-2.jsonl"}, Shard{Index: 0, Count: 2}, false, "already holds a batch (manifest.jsonl): add --resume"},
		{"merged batch, resumed shard", []string{ManifestFile, "manifest.shard-0-of-2.jsonl"}, Shard{Index: 0, Count: 2}, true, ""},
		{"another split", []string{"manifest.shard-2-of-3.jsonl"}, Shard{Index: 0, Count: 2}, false, "holds the shards of a split into 3 (manifest.shard-2-of-3.jsonl), not 2: run this batch with --shard I/3, or remove the manifest.shard-*-of-3.jsonl and errors.shard-*-of-3.csv files of that split first, or choose another --out"},
		{"another split, resumed", []string{"manifest.shard-2-of-3.jsonl"}, Shard{Index: 0, Count: 2}, true, "holds the shards of a split into 3 (manifest.shard-2-of-3.jsonl), not 2"},
		{"same split, another shard", []string{"manifest.shard-1-of-2.jsonl"}, Shard{Index: 0, Count: 2}, false, ""},
		{"same split, resumed", []string{"manifest.shard-0-of-2.jsonl", "manifest.shard-1-of-2.jsonl"}, Shard{Index: 0, Count: 2}, true, ""},
		{"unsharded over shards", []string{"manifest.shard-1-of-2.jsonl"}, Shard{}, false, "holds a batch split into 2 shards (manifest.shard-1-of-2.jsonl): run it with --shard I/2 for each I from 0 to 1 (--resume continues a shard), then merge it with dpakit batch merge"},
		{"unsharded over shards, resumed", []string{"manifest.shard-1-of-2.jsonl"}, Shard{}, true, "holds a batch split into 2 shards"},
		{"unsharded over merged shards, resumed", []string{ManifestFile, "manifest.shard-0-of-2.jsonl", "manifest.shard-1-of-2.jsonl"}, Shard{}, true, ""},
		{"unsharded beside an unmerged shard, resumed", []string{ManifestFile, "manifest.shard-0-of-2.jsonl"}, Shard{}, true, "holds the batch of a run without --shard (manifest.jsonl) and, not merged with it, manifest.shard-0-of-2.jsonl: to continue without --shard, remove manifest.shard-0-of-2.jsonl and errors.shard-0-of-2.csv from"},
		{"unsharded beside an unmerged shard", []string{ManifestFile, "manifest.shard-1-of-2.jsonl"}, Shard{}, false, "; to continue the split instead, run --shard 0/2 with --resume, then dpakit batch merge"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(t, "customers.csv", input)
			cfg.Shard = tc.shard
			cfg.Resume = tc.resume
			if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, name := range tc.existing {
				if err := os.WriteFile(filepath.Join(cfg.Out, name), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Run(context.Background(), cfg)
			if tc.refusal != "" {
				if !errors.Is(err, ErrSetup) || !strings.Contains(fmt.Sprint(err), tc.refusal) {
					t.Errorf("err = %v, want a refusal saying %q", err, tc.refusal)
				}
				return
			}
			if err != nil {
				t.Errorf("refused: %v", err)
			}
		})
	}
}

// TestMergeOfTwoSplitsSaysWhatToRemove: a merge over the manifests of two
// splits is refused, and says which files to remove and what to run.
func TestMergeOfTwoSplitsSaysWhatToRemove(t *testing.T) {
	out := t.TempDir()
	for _, name := range []string{"manifest.shard-0-of-2.jsonl", "manifest.shard-0-of-3.jsonl"} {
		if err := os.WriteFile(filepath.Join(out, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Merge(out)
	want := "holds manifests of a split into 2 and into 3 shards: remove the manifest.shard-*-of-N.jsonl and errors.shard-*-of-N.csv files of the split you no longer use (N = 2 or 3), then run the missing shards of the other with --resume and merge again"
	if !errors.Is(err, ErrIncomplete) || !strings.Contains(fmt.Sprint(err), want) {
		t.Errorf("Merge: %v\nwant %q", err, want)
	}
}

// TestInputWithoutRowsRefused is the regression test for a CSV file with
// its header row alone (a broken export) or an empty JSON Lines or YAML
// file, which ran, made nothing and exited 0 as if it had succeeded: it is
// refused before anything is written. A shard that gets no row of an
// input that has some still runs.
func TestInputWithoutRowsRefused(t *testing.T) {
	header, _, _ := strings.Cut(customersCSV(1, func(int) string { return "" }, func(int) int { return 48 }), "\n")
	for _, tc := range []struct {
		name, input, want string
	}{
		{"customers.csv", header + "\n", "customers.csv has a header row but no rows below it: nothing to make"},
		{"deals.jsonl", "", "deals.jsonl holds no deal: nothing to make"},
		{"deals.yaml", "# no deal yet\n", "deals.yaml holds no deal: nothing to make"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(t, tc.name, tc.input)
			cfg.Out = filepath.Join(cfg.Out, "out")
			_, err := Run(context.Background(), cfg)
			if !errors.Is(err, ErrSetup) || !strings.Contains(fmt.Sprint(err), tc.want) {
				t.Errorf("err = %v, want a refusal saying %q", err, tc.want)
			}
			if _, err := os.Stat(cfg.Out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("--out was created (%v)", err)
			}
		})
	}
	cfg := testConfig(t, "customers.csv", customersCSV(1, func(int) string { return "" }, func(int) int { return 48 }))
	cfg.Shard = Shard{Index: 1, Count: 2}
	if sum, err := Run(context.Background(), cfg); err != nil || sum.Rows != 1 || sum.Selected != 0 {
		t.Errorf("a shard with no row of a one-row input: %+v, %v; want an empty run", sum, err)
	}
}

// TestRaggedRowNamedInErrors: a CSV row with too few cells fails with its
// reference in errors.csv, as a row that does not decode does.
func TestRaggedRowNamedInErrors(t *testing.T) {
	cfg := testConfig(t, "customers.csv", "reference,customer.name,breach.notice_hours\nDPA-R-0,A,48\nDPA-R-1,B\n")
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(cfg.Out, "errors.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := "2,DPA-R-1,customers.csv,3,,csv,\"the row has 2 cells; the header has 3 (a line break"
	if !strings.Contains(string(data), want) {
		t.Errorf("errors.csv:\n%s\nwant a line starting %q", data, want)
	}
}

// TestDuplicateReferenceWarned is the regression test for two rows with
// one reference going through silently, two contracts carrying it: the
// later row is made, in a folder of its own, with a warning that names
// the earlier row, in whichever shard it runs.
func TestDuplicateReferenceWarned(t *testing.T) {
	refs := []string{"DPA-D-1", "DPA-D-2", "DPA-D-1"}
	input := customersCSV(3, func(i int) string { return refs[i-1] }, hours48)
	for _, shard := range []Shard{{}, {Index: 0, Count: 3}, {Index: 2, Count: 3}} {
		cfg := testConfig(t, "customers.csv", input)
		cfg.Shard = shard
		sum, err := Run(context.Background(), cfg)
		if err != nil || sum.Failed != 0 {
			t.Fatalf("shard %v: %+v, %v", shard, sum, err)
		}
		mpath := filepath.Join(cfg.Out, shard.ManifestFile())
		for _, e := range readManifestFile(t, mpath) {
			var dup []deal.Problem
			for _, w := range e.Warnings {
				if w.Rule == WarnDuplicateReference {
					dup = append(dup, w)
				}
			}
			switch {
			case e.Row == 3 && (len(dup) != 1 || e.Folder != "DPA-D-1-2" || dup[0].Path != "reference" ||
				dup[0].Message != `"DPA-D-1" is also the reference of row 1, so two DPAs would carry it: give each customer a reference of its own (this row's documents are in the folder DPA-D-1-2)`):
				t.Errorf("shard %v: row 3 in %s with warnings %+v, want the duplicate reference named", shard, e.Folder, dup)
			case e.Row != 3 && len(dup) > 0:
				t.Errorf("shard %v: row %d warned of a duplicate reference: %+v", shard, e.Row, dup)
			}
		}
	}
}

// TestMissingShardsInWords: a merge that lacks shards names them in
// words, never as a Go slice ("[1 3]").
func TestMissingShardsInWords(t *testing.T) {
	for _, tt := range []struct {
		missing []int
		count   int
		want    string
	}{
		{[]int{1}, 2, "the manifest of shard 1 of 2 (run it with --shard 1/2, or copy its manifest.shard-1-of-2.jsonl here)"},
		{[]int{1, 3}, 4, "the manifests of shards 1 and 3 of 4 (run each with --shard I/4, or copy its manifest.shard-I-of-4.jsonl here)"},
		{[]int{0, 2, 4}, 5, "the manifests of shards 0, 2 and 4 of 5 (run each with --shard I/5, or copy its manifest.shard-I-of-5.jsonl here)"},
	} {
		if got := missingText(tt.missing, tt.count); got != tt.want {
			t.Errorf("missingText(%v, %d) = %q, want %q", tt.missing, tt.count, got, tt.want)
		}
	}
}

// TestDatedWordFilesRedone: --date now dates Word files too, so a batch
// of Word files made with --date before is made again on --resume (its
// options differ), not kept with DOCX files dated their effective date;
// a batch of PDFs alone keeps its options, and is kept.
func TestDatedWordFilesRedone(t *testing.T) {
	cfg := Config{Docs: []string{"dpa"}, Formats: []string{"pdf"}, Writers: WriterOptions{Paper: "a4", Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}}
	before := func(formats string) string { // the digest as it was before
		return digest([]byte("docs=dpa\nformats=" + formats + "\npaper=a4\nesign=\ndate=2026-12-01T00:00:00Z\n"))[:16]
	}
	if got := optionsDigest(cfg); got != before("pdf") {
		t.Errorf("PDFs alone, dated: options %s, want %s as before", got, before("pdf"))
	}
	cfg.Formats = []string{"pdf", "docx"}
	if got := optionsDigest(cfg); got == before("pdf,docx") {
		t.Errorf("Word files, dated: options %s as before, so a resume would keep undated DOCX files", got)
	}
}
