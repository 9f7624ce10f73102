// Package batch generates the documents of many deals in one run: every
// row of a CSV, YAML stream or JSON Lines input laid over one vendor
// profile, rendered by a pool of workers sharing one engine, each deal in
// its own folder, with a manifest that lets a stopped run resume and a
// shard option that splits one input across machines.
package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/dpakit/dpakit/assemble/pdf"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/outfile"
)

// ErrSetup is the category of the errors that stop a run before it starts:
// bad options, an unreadable profile or input, a header that names no
// deal field, an --out that holds another batch.
var ErrSetup = errors.New("batch cannot start")

// Shard selects the rows of one of Count machines: row r (1-based) belongs
// to shard (r-1) mod Count. The zero Shard is every row.
type Shard struct {
	Index, Count int
}

// has reports whether row belongs to the shard.
func (s Shard) has(row int) bool {
	return s.Count <= 1 || (row-1)%s.Count == s.Index
}

// Config is a batch run.
type Config struct {
	// Engine renders every deal; one engine is shared by all workers.
	Engine *assemble.Engine
	// Validator loads each row over the profile exactly as a single
	// render does (deal.Validator.Load).
	Validator *deal.Validator
	// Profile is the vendor profile every row is laid over, and
	// ProfileName its file name for messages; nil for none.
	Profile     []byte
	ProfileName string
	// Input is the stream of deals, InputName its name for messages, and
	// InputFormat one of FormatCSV, FormatYAML, FormatJSONL.
	Input       io.Reader
	InputName   string
	InputFormat string
	// Inputs are the paths of the files the run reads (the deals, the
	// profile, a notice's old list): a deal's file that would be written
	// onto one of them fails its row instead, so no input is destroyed.
	Inputs []string
	// Out is the folder the deal folders, manifest.jsonl and errors.csv
	// are written to; it is created if need be.
	Out string
	// Docs are the documents to make for each deal: the engine's
	// documents (dpa, annex-i, annex-ii, annex-iii), DocSubprocessors
	// (the workbook) and DocNotice.
	Docs []string
	// Formats are the formats of each document but the workbook: pdf,
	// docx, html, md (see Formats).
	Formats []string
	// Writers are the writers' options.
	Writers WriterOptions
	// Notice returns the change notice for a deal; required when Docs
	// holds DocNotice. NoticeKey identifies its inputs (the old list and
	// the notice date), so that a resumed run redoes the notices when
	// they change.
	Notice    func(*deal.Deal) assemble.Notice
	NoticeKey string
	// Jobs is the number of workers; 0 means runtime.GOMAXPROCS(0).
	Jobs int
	// Resume continues the batch already in Out: a row whose manifest
	// entry has the same deal hash, library and tool version and options,
	// and whose files are all there with their checksums, is kept as it
	// is; every other row is made again. Without Resume, an Out that holds
	// a manifest is refused.
	Resume bool
	// Shard limits the run to one shard of the rows.
	Shard Shard
	// ToolVersion is recorded in the manifest.
	ToolVersion string
	// Progress, if set, is called after each row of the shard is done
	// (from several goroutines, one call at a time).
	Progress func(Progress)
}

// Progress is the state of a run after a row.
type Progress struct {
	Row    int // the row just finished
	Status string
	Done   int // rows finished so far: made, kept or failed
	Kept   int // rows kept as they were by --resume
	Failed int
}

// Summary is what a run did.
type Summary struct {
	// Rows is the number of rows read (all shards), Selected the number
	// in this run's shard.
	Rows, Selected int
	// Made rows were rendered and written, Kept rows were left as a
	// previous run made them (--resume), Failed rows went to errors.csv.
	Made, Kept, Failed int
	// Skipped counts documents that did not apply to their deal.
	Skipped int
	// Warned counts the rows made or kept whose manifest entry lists
	// warnings (things a reviewer should look at; they block nothing).
	Warned int
	// Files counts the files written.
	Files int
	// Swept says how many files that the manifest listed before and no
	// longer lists were removed, and which were left.
	Swept
	// Interrupted is true when the run was stopped (the context was
	// cancelled) before every row was done; the rows left over have no
	// manifest entry and --resume makes them.
	Interrupted bool
	Elapsed     time.Duration
}

// job is a row on its way to a worker.
type job struct {
	rec      record
	d        *deal.Deal
	warnings []deal.Problem
	folder   string
	err      error
}

// runner holds what the workers share.
type runner struct {
	cfg      Config
	outputs  []output
	options  string
	libVer   string
	manifest *manifest
	// names are the rows' folder names, set by feed.
	names *names
	// standard is the profile as a deal: what each row's deviations,
	// recorded in its PDFs' manifests, are measured against; nil for none.
	standard *deal.Deal
	// inputs are the files of cfg.Inputs that exist, statted once: a
	// document is never written onto one of them (see sameFileAs).
	inputs []inputFile

	mu        sync.Mutex
	sum       Summary
	files     atomic.Int64
	discarded atomic.Int64
	eof       bool // the input was read to its end
}

// Run makes the documents of every row of the input in cfg.Shard. It
// returns an error wrapping ErrSetup when the run cannot start, another
// error when the run cannot go on (the manifest cannot be written, the
// input cannot be read); a row that is invalid or fails to render is
// recorded in the manifest and errors.csv and the run goes on. When ctx is
// cancelled, no new row is started, the rows in progress are finished, the
// manifest is completed, and Run returns the summary with Interrupted set
// and a nil error. A read of the input that waits for data (a pipe, a
// terminal) gives up at once when ctx is cancelled; one cancelled before
// the CSV header row is complete writes nothing and returns an error
// wrapping ctx.Err().
func Run(ctx context.Context, cfg Config) (Summary, error) {
	start := time.Now()
	r, err := newRunner(cfg)
	if err != nil {
		return Summary{}, err
	}
	wctx, stopWork := context.WithCancel(ctx)
	defer stopWork()
	in, err := newReader(newCancelReader(wctx, cfg.Input), cfg.InputFormat, cfg.InputName)
	if err == nil {
		in, err = firstRecord(in, cfg.InputFormat, cfg.InputName)
	}
	if err != nil {
		if ctx.Err() != nil {
			return Summary{}, fmt.Errorf("read %s: %w", cfg.InputName, context.Cause(ctx))
		}
		return Summary{}, err
	}
	if st, err := os.Stat(cfg.Out); err == nil && !st.IsDir() {
		return Summary{}, fmt.Errorf("%w: --out %s is a file, not a directory: give the folder to write the deal folders into", ErrSetup, cfg.Out)
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return Summary{}, fmt.Errorf("%w: create --out: %v", ErrSetup, err)
	}
	mpath := filepath.Join(cfg.Out, cfg.Shard.ManifestFile())
	if err := checkOwnFiles(mpath, filepath.Join(cfg.Out, cfg.Shard.ErrorsFile())); err != nil {
		return Summary{}, err
	}
	if problem := otherSplit(cfg.Out, cfg.Shard); problem != "" {
		return Summary{}, fmt.Errorf("%w: %s", ErrSetup, problem)
	}
	if name := otherBatch(cfg.Out, cfg.Shard); name != "" && !cfg.Resume {
		return Summary{}, fmt.Errorf("%w: %s already holds a batch (%s): add --resume to continue it, or choose another --out", ErrSetup, cfg.Out, name)
	}
	if r.manifest, err = openManifest(mpath); err != nil {
		return Summary{}, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	if cfg.Shard.Count <= 1 {
		// An unsharded run owns --out: drop what a hard kill left while the
		// manifest was being rewritten. (Shards sharing --out must not touch
		// each other's files in progress.)
		removeStale(cfg.Out)
	}

	jobs := make(chan job, 2*r.cfg.Jobs)
	var wg sync.WaitGroup
	var workErr error
	var errOnce sync.Once
	for range r.cfg.Jobs {
		wg.Go(func() {
			for j := range jobs {
				if wctx.Err() != nil {
					r.discarded.Add(1) // stopping: rows not started are left for --resume
					continue
				}
				if err := r.process(j); err != nil {
					errOnce.Do(func() { workErr = err; stopWork() })
				}
			}
		})
	}
	readErr := r.feed(wctx, in, jobs)
	close(jobs)
	wg.Wait()

	lastRow := 0
	if r.eof {
		lastRow = r.sum.Rows // the input was read to its end: drop entries of rows it no longer has
	}
	var ferr error
	r.sum.Swept, ferr = r.manifest.finish(filepath.Join(cfg.Out, cfg.Shard.ErrorsFile()), lastRow,
		sweeper{out: cfg.Out, owns: r.owns})
	r.sum.Files = int(r.files.Load())
	r.sum.Interrupted = ctx.Err() != nil && (!r.eof || r.discarded.Load() > 0)
	r.sum.Elapsed = time.Since(start)
	switch {
	case workErr != nil:
		return r.sum, workErr
	case readErr != nil && !r.sum.Interrupted:
		return r.sum, fmt.Errorf("read %s: %w", cfg.InputName, readErr)
	case ferr != nil:
		return r.sum, ferr
	}
	return r.sum, nil
}

// checkOwnFiles refuses, before any work, a manifest or errors file (the
// run's, or a merge's) that is a directory: it could be neither read nor
// replaced, and the run would fail only at its end.
func checkOwnFiles(paths ...string) error {
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return fmt.Errorf("%w: %s is a directory, not the batch's %s file: remove it", ErrSetup, p, filepath.Base(p))
		}
	}
	return nil
}

// owns reports whether the run may remove files from folder: an unsharded
// run owns all of --out; a run of one shard owns the folders of its own
// rows and, when it read the input to its end, the folders no row has.
func (r *runner) owns(folder string) bool {
	if r.cfg.Shard.Count <= 1 {
		return true
	}
	row, ok := r.names.owner(folder)
	if !ok {
		return r.eof
	}
	return row > 0 && r.cfg.Shard.has(row)
}

// newRunner checks the configuration and resolves the outputs.
func newRunner(cfg Config) (*runner, error) {
	if cfg.Engine == nil || cfg.Validator == nil || cfg.Input == nil || cfg.Out == "" {
		return nil, fmt.Errorf("%w: engine, validator, input and --out are required", ErrSetup)
	}
	if cfg.Jobs <= 0 {
		cfg.Jobs = runtime.GOMAXPROCS(0)
	}
	if cfg.Shard.Count < 0 || cfg.Shard.Count > 0 && (cfg.Shard.Index < 0 || cfg.Shard.Index >= cfg.Shard.Count) {
		return nil, fmt.Errorf("%w: shard %d/%d: want I/N with 0 <= I < N", ErrSetup, cfg.Shard.Index, cfg.Shard.Count)
	}
	outs, err := plan(cfg)
	if err != nil {
		return nil, err
	}
	r := &runner{
		cfg:     cfg,
		outputs: outs,
		options: optionsDigest(cfg),
		libVer:  cfg.Engine.Library().Version,
		inputs:  statInputs(cfg.Inputs),
	}
	if cfg.Profile != nil {
		// A profile alone breaks the rules that need a customer; it is
		// the standard as long as it decodes (the rows report the rest).
		r.standard, _ = cfg.Validator.Load(cfg.Profile, cfg.ProfileName, nil, "")
	}
	return r, nil
}

// optionsDigest identifies the settings that shape a deal's files.
func optionsDigest(cfg Config) string {
	var b strings.Builder
	fmt.Fprintf(&b, "docs=%s\nformats=%s\npaper=%s\nesign=%s\n", strings.Join(cfg.Docs, ","), strings.Join(cfg.Formats, ","), cfg.Writers.Paper, cfg.Writers.ESign)
	if slices.Contains(cfg.Docs, DocNotice) {
		fmt.Fprintf(&b, "notice=%s\n", cfg.NoticeKey)
	}
	if m := cfg.Writers.Manifest; m != "" && m != pdf.ManifestFull {
		// Written only when it is not the default, so that a batch made
		// before the option existed resumes as it was.
		fmt.Fprintf(&b, "manifest=%s\n", m)
	}
	if !cfg.Writers.Date.IsZero() {
		// A fixed PDF date is part of the files; the default (the time of
		// each render) is not, or every resume would make everything again.
		fmt.Fprintf(&b, "date=%s\n", cfg.Writers.Date.UTC().Format(time.RFC3339))
		if slices.Contains(cfg.Formats, "docx") {
			// The date dates Word files too (it dated PDFs alone): a row
			// made before is made again, not kept with an undated DOCX.
			b.WriteString("date-docx\n")
		}
	}
	return digest([]byte(b.String()))[:16]
}

// feed reads the input, loads each row over the profile and names its
// folder (every row, so that names are the same whichever shard runs),
// and sends the rows of the shard to the workers. It stops early when ctx
// is cancelled.
func (r *runner) feed(ctx context.Context, in reader, jobs chan<- job) error {
	r.names = newNames(r.cfg.Shard.ownFiles()...)
	for {
		if ctx.Err() != nil {
			return nil
		}
		rec, err := in.next()
		if err == io.EOF {
			r.eof = true
			return nil
		}
		if err != nil {
			return err
		}
		r.sum.Rows++
		j := job{rec: rec}
		if rec.Err != nil {
			j.err = &deal.ValidationError{Problems: []deal.Problem{*rec.Err}}
		} else {
			j.d, j.warnings, j.err = r.load(rec)
		}
		if j.d != nil && j.d.Reference != "" {
			j.folder = r.names.assign(j.d.Reference, rec.Row)
			if first, again := r.names.firstWith(j.d.Reference, rec.Row); again {
				j.warnings = append(j.warnings, duplicateReference(j.d.Reference, first, j.folder))
			}
		}
		if !r.cfg.Shard.has(rec.Row) {
			continue
		}
		r.sum.Selected++
		select {
		case jobs <- j:
		case <-ctx.Done():
			return nil
		}
	}
}

// WarnDuplicateReference: a row gives the reference an earlier row of the
// input gave (or that both derive, from the same customer and date), so
// that two DPAs would carry one reference. The row is made, in a folder of
// its own (name-2, ...), and the warning asks for a reference of its own.
const WarnDuplicateReference = "duplicate_reference"

// duplicateReference is the warning of a row that repeats the reference
// of row first; its documents are in folder.
func duplicateReference(ref string, first int, folder string) deal.Problem {
	return deal.Problem{Path: "reference", Rule: WarnDuplicateReference, Message: fmt.Sprintf(
		"%q is also the reference of row %d, so two DPAs would carry it: give each customer a reference of its own (this row's documents are in the folder %s)",
		ref, first, folder)}
}

// load lays a row over the profile, defaults and validates it exactly as
// `dpakit render --profile` does, and checks it against the library.
// Its warnings (valid but worth a reviewer's look) go to the manifest.
func (r *runner) load(rec record) (*deal.Deal, []deal.Problem, error) {
	name := fmt.Sprintf("%s row %d", r.cfg.InputName, rec.Row)
	d, warnings, err := r.cfg.Validator.LoadWithWarnings(rec.Data, name, r.cfg.Profile, r.cfg.ProfileName)
	if err == nil {
		err = r.cfg.Engine.CheckDeal(d)
	}
	if err == nil {
		warnings = append(warnings, r.cfg.Engine.DealWarnings(d)...)
	}
	return d, warnings, err
}

// process makes (or, resuming, keeps) one row's files and records it.
// Only a manifest that cannot be written is an error.
func (r *runner) process(j job) error {
	e := Entry{
		Row: j.rec.Row, Line: j.rec.Line, Folder: j.folder,
		LibraryVersion: r.libVer, ToolVersion: r.cfg.ToolVersion, Options: r.options,
	}
	switch {
	case j.d != nil:
		e.Reference = j.d.Reference
	case j.rec.Data != nil:
		// A row that did not load is still named by the reference it
		// gives, for the reader of errors.csv.
		e.Reference = deal.GivenReference(j.rec.Data)
	default:
		e.Reference = j.rec.Reference
	}
	if j.d != nil && j.err == nil && r.cfg.Notice != nil && slices.Contains(r.cfg.Docs, DocNotice) {
		// A notice dated before this customer's DPA takes effect (worked
		// out here, on a worker, not by the reader every worker waits on).
		j.warnings = append(j.warnings, assemble.NoticeDateWarnings(j.d, r.cfg.Notice(j.d).Date)...)
	}
	if len(j.warnings) > 0 {
		e.Warnings = r.locate(j.warnings, j.rec)
	}
	kept := false
	prev, hasPrev := r.previous(e)
	switch {
	case j.err != nil:
		e.Status, e.Folder, e.Problems = StatusFailed, "", r.problems(j.err, j.rec)
	default:
		e.DealHash = deal.Hash(j.d)
		if hasPrev && r.keep(e, prev) {
			// Kept as made, recorded as a fresh run records it: where the
			// row stands now, with its warnings located in today's files.
			prev.Row, prev.Line, prev.Warnings = e.Row, e.Line, e.Warnings
			e, kept = prev, true
			break
		}
		files, skipped, err := r.make(e, j.d)
		if err != nil {
			e.Status, e.Problems = StatusFailed, r.problems(err, j.rec)
			break
		}
		e.Status, e.Files, e.Skipped = StatusOK, files, skipped
		r.files.Add(int64(len(files)))
	}
	if e.Status == StatusFailed && hasPrev {
		// The files an earlier run made stay, recorded, until the row is
		// made again.
		switch {
		case prev.Status == StatusOK && len(prev.Files) > 0:
			e.Earlier = &Earlier{Folder: prev.Folder, Files: prev.Files}
		case prev.Status == StatusFailed:
			e.Earlier = prev.Earlier
		}
	}
	add := r.manifest.add
	if r.cfg.Resume {
		// A row kept, or failed as before, whose entry is its latest line
		// already needs none more: a resume killed again and again grows
		// the manifest by the rows it makes, not by every row it keeps.
		add = r.manifest.addUnlessLatest
	}
	if err := add(e); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case kept:
		r.sum.Kept++
	case e.Status == StatusFailed:
		r.sum.Failed++
	default:
		r.sum.Made++
	}
	r.sum.Skipped += len(e.Skipped)
	if e.Status != StatusFailed && len(e.Warnings) > 0 {
		r.sum.Warned++
	}
	if r.cfg.Progress != nil {
		r.cfg.Progress(Progress{Row: e.Row, Status: e.Status,
			Done: r.sum.Made + r.sum.Kept + r.sum.Failed, Kept: r.sum.Kept, Failed: r.sum.Failed})
	}
	return nil
}

// previous returns the entry of the run resumed for the row of e: the
// latest one made in e's folder, which its reference names, wherever the
// row stood then (rows inserted, removed or sorted since move the others);
// for a row that has no folder (it did not load), the latest entry of its
// row number, if it names the same reference or the row gives none.
func (r *runner) previous(e Entry) (Entry, bool) {
	if !r.cfg.Resume {
		return Entry{}, false
	}
	if e.Folder != "" {
		s, ok := r.manifest.made(e.Folder)
		if !ok {
			return Entry{}, false
		}
		prev, err := r.manifest.read(s)
		return prev, err == nil
	}
	s, ok := r.manifest.has(e.Row)
	if !ok {
		return Entry{}, false
	}
	prev, err := r.manifest.read(s)
	return prev, err == nil && (e.Reference == "" || prev.Reference == e.Reference)
}

// keep reports whether --resume may keep the row's previous entry: same
// deal, library, tool and options, same folder, and every file present
// with its recorded size and checksum.
func (r *runner) keep(cur, prev Entry) bool {
	if prev.Status != StatusOK || prev.DealHash != cur.DealHash || prev.Folder != cur.Folder ||
		prev.LibraryVersion != cur.LibraryVersion || prev.ToolVersion != cur.ToolVersion || prev.Options != cur.Options {
		return false
	}
	for _, f := range prev.Files {
		data, err := os.ReadFile(filepath.Join(r.cfg.Out, prev.Folder, f.Name))
		if err != nil || int64(len(data)) != f.Size || digest(data) != f.SHA256 {
			return false
		}
	}
	return true
}

// problems turns a row's error into the problems errors.csv lists, with
// the decoder's line numbers (counted within the row's text) turned into
// lines of the input; a problem found in the profile keeps its file and
// line.
func (r *runner) problems(err error, rec record) []deal.Problem {
	var ve *deal.ValidationError
	if !errors.As(err, &ve) {
		return []deal.Problem{{File: r.cfg.InputName, Line: rec.Line, Rule: "render", Message: err.Error()}}
	}
	return r.locate(ve.Problems, rec)
}

// locate returns copies of problems (or warnings) whose file and line are
// the input's: the decoder counts lines within the row's text.
func (r *runner) locate(problems []deal.Problem, rec record) []deal.Problem {
	out := make([]deal.Problem, len(problems))
	for i, p := range problems {
		if p.File == "" || p.File != r.cfg.ProfileName || r.cfg.ProfileName == "" {
			p.File = r.cfg.InputName
			if p.Line > 0 {
				p.Line += rec.Line - 1
			} else {
				p.Line = rec.Line
			}
		}
		out[i] = p
	}
	return out
}

// make renders every output of d into memory and, only when all of them
// rendered, appends a StatusWriting line naming them (e is the row's entry
// so far) and writes them into the deal's folder.
func (r *runner) make(e Entry, d *deal.Deal) ([]File, []Skipped, error) {
	var (
		rendered []renderedFile
		skipped  []Skipped
	)
	docs := map[string]*document.Document{}
	for _, o := range r.outputs {
		var buf bytes.Buffer
		err := o.render(r, d, docs, &buf)
		var na notApplicable
		if errors.As(err, &na) {
			if !slices.ContainsFunc(skipped, func(s Skipped) bool { return s.Document == o.doc }) {
				skipped = append(skipped, Skipped{Document: o.doc, Reason: na.reason})
			}
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		rendered = append(rendered, renderedFile{name: o.file, data: buf.Bytes()})
	}
	// The folder first: a row whose folder's place is taken (a file, a
	// link) fails without recording files it never writes.
	dir, err := bundleFolder(r.cfg.Out, e.Folder)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range rendered {
		// Refused before it is recorded, as outfile.Write would refuse it.
		if in := sameFileAs(filepath.Join(dir, f.name), r.inputs); in != "" {
			return nil, nil, fmt.Errorf("%s/%s is the input %s, which writing it would destroy: move the input out of --out", e.Folder, f.name, in)
		}
	}
	if len(rendered) > 0 {
		e.Status, e.Files = StatusWriting, make([]File, len(rendered))
		for i, f := range rendered {
			e.Files[i] = File{Name: f.name, SHA256: digest(f.data), Size: int64(len(f.data))}
		}
		if err := r.manifest.add(e); err != nil {
			return nil, nil, err
		}
	}
	files, err := writeBundle(dir, rendered)
	return files, skipped, err
}

// renderedFile is an output ready to be written.
type renderedFile struct {
	name string
	data []byte
}

// inputFile is an input of the run with its file information.
type inputFile struct {
	path string
	info os.FileInfo
}

// statInputs returns those of paths that name an existing file ("-",
// standard input, and "" aside).
func statInputs(paths []string) []inputFile {
	var out []inputFile
	for _, p := range paths {
		if p == "" || p == "-" {
			continue
		}
		if st, err := os.Stat(p); err == nil {
			out = append(out, inputFile{p, st})
		}
	}
	return out
}

// sameFileAs returns the path of the one of inputs that path is (the same
// file), or "" when it is none of them or does not exist.
func sameFileAs(path string, inputs []inputFile) string {
	if len(inputs) == 0 {
		return ""
	}
	st, err := os.Stat(path)
	if err != nil {
		return ""
	}
	for _, in := range inputs {
		if os.SameFile(st, in.info) {
			return in.path
		}
	}
	return ""
}

// bundleFolder creates (or finds) a deal's folder out/folder and returns
// its path. The folder is one path element made by SafeName; a folder
// whose place is taken by a symbolic link or a file is refused, so nothing
// is ever written outside out.
func bundleFolder(out, folder string) (string, error) {
	if folder == "" || !filepath.IsLocal(folder) || strings.ContainsAny(folder, `/\`) {
		return "", fmt.Errorf("unsafe folder name %q", folder)
	}
	dir := filepath.Join(out, folder)
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("create folder %s: %w", folder, err)
	}
	st, err := os.Lstat(dir)
	switch {
	case err != nil:
		return "", fmt.Errorf("create folder %s: %w", folder, err)
	case st.Mode()&os.ModeSymlink != 0:
		return "", fmt.Errorf("%s is a symbolic link, which a batch never writes through: remove it or give the row another reference", folder)
	case !st.IsDir():
		return "", fmt.Errorf("%s exists and is not a folder: move it or give the row another reference", folder)
	}
	return dir, nil
}

// writeBundle writes the files into the deal's folder dir, each
// atomically (make has refused any that is an input), and returns their
// sizes and checksums.
func writeBundle(dir string, files []renderedFile) ([]File, error) {
	// A run killed hard (SIGKILL, a power cut) while writing this row may
	// have left temporary files; the folder is this row's alone.
	removeStale(dir)
	out2 := make([]File, 0, len(files))
	for _, f := range files {
		// Not cancelled: a stopped run finishes the rows in progress, so
		// their bundles are complete.
		if err := outfile.Write(context.Background(), filepath.Join(dir, f.name), f.data); err != nil {
			return nil, err
		}
		out2 = append(out2, File{Name: f.name, SHA256: digest(f.data), Size: int64(len(f.data))})
	}
	return out2, nil
}

// removeStale removes the temporary files of interrupted writes in dir.
func removeStale(dir string) {
	stale, _ := filepath.Glob(filepath.Join(dir, outfile.TempPrefix+"*.tmp"))
	for _, p := range stale {
		os.Remove(p)
	}
}
