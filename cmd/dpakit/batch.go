package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/batch"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// batchFlags are the options of dpakit batch.
type batchFlags struct {
	profile, input, inputFormat, out string
	docs, formats                    []string
	jobs                             int
	resume, quiet                    bool
	shard                            string
	noticeOld, noticeDate            string
	date                             string
	paper, esign, manifest           string
	// paperGiven and dateGiven: --paper and --date were given (--paper
	// has a default), so a batch without a file they act on refuses them.
	paperGiven, dateGiven bool
}

// gives reports whether the page flag named flag (see pageFlags) was
// given.
func (f batchFlags) gives(flag string) bool {
	return renderOptions{esign: f.esign, manifest: f.manifest, paperGiven: f.paperGiven, dateGiven: f.dateGiven}.gives(flag)
}

// refuseUnusedFlags refuses a page flag (--esign-anchors, --manifest,
// --paper, --date) that no file of the batch uses, as render refuses one
// its format does not (see refuseForBatch). An unknown format is left to
// the run to report.
func (f batchFlags) refuseUnusedFlags() error {
	formats := lowered(f.formats)
	for _, name := range formats {
		if !slices.Contains(formatNames(), name) {
			return nil
		}
	}
	return refuseForBatch(pageFlags(), f.gives, f.docs, formats, batch.DocSubprocessors)
}

func (a *app) batchCmd() *cobra.Command {
	var f batchFlags
	cmd := &cobra.Command{
		Use:   "batch --profile P --input FILE --out DIR",
		Short: "Make the documents of every deal of a CSV, YAML or JSON Lines file",
		Long: `Batch makes the documents of many customers in one run. Each row of the
input (a CSV file whose header row names deal paths such as customer.name, a
YAML stream of deals separated by ---, or JSON Lines) is laid over the vendor
profile exactly as render --profile does, validated, and rendered by a pool
of workers. Each deal gets a folder in --out named from its reference; every
file is written atomically. manifest.jsonl records each row (reference, deal
hash, library version, files with SHA-256 and size, documents that do not
apply, problems); errors.csv lists the problems of the rows that failed.

A row that fails never stops the run. Exit status: 0 every row succeeded,
1 some rows failed, 2 the run could not start; 130 or 143 when stopped by
SIGINT or SIGTERM (the rows in progress finish, the manifest is completed,
and the same command with --resume finishes the job).

In CSV, a list is one cell with its items separated by ";" ("\;" is a
semicolon inside an item, "\\" a backslash); entries of a list of records
take one column per field (subprocessors.list[0].name); an empty cell leaves
the field to the profile. Excel exports (UTF-8 with BOM, UTF-16, CRLF, ";"
as separator) are read as they are.`,
		Example: `  dpakit batch --profile vendor.yaml --input customers.csv --out dpas/
  dpakit batch --profile vendor.yaml --input deals.jsonl --out dpas/ --docs dpa,subprocessors --format pdf,html --jobs 4
  dpakit batch --profile vendor.yaml --input customers.csv --out dpas/ --resume
  dpakit batch --profile vendor.yaml --input customers.csv --out shard-0/ --shard 0/3
  dpakit batch --profile new-profile.yaml --input customers.csv --out notices/ --docs notice --notice-old old-list.xlsx --notice-date 2026-12-01`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f.paperGiven, f.dateGiven = cmd.Flags().Changed("paper"), cmd.Flags().Changed("date")
			return a.runBatch(cmd.Context(), f)
		},
	}
	cmd.AddCommand(a.batchMergeCmd())
	fl := cmd.Flags()
	fl.StringVar(&f.profile, "profile", "", "lay every deal over the vendor profile in `FILE`")
	fl.StringVar(&f.input, "input", "", "the deals: a .csv, .yaml/.yml or .jsonl `FILE` (\"-\" reads standard input; give --input-format)")
	fl.StringVar(&f.inputFormat, "input-format", "", "the input's format: csv, yaml or jsonl (default: from the file name)")
	fl.StringVar(&f.out, "out", "", "write the deal folders, manifest.jsonl and errors.csv into `DIR`")
	fl.StringSliceVar(&f.docs, "docs", []string{"dpa"}, "the documents of each deal: dpa, annex-i, annex-ii, annex-iii, subprocessors (the workbook), notice")
	fl.StringSliceVar(&f.formats, "format", []string{"pdf"}, "the formats of each document: "+strings.Join(formatNames(), ", "))
	// GOMAXPROCS follows a container's CPU limit, where NumCPU counts the node's.
	fl.IntVar(&f.jobs, "jobs", runtime.GOMAXPROCS(0), "render `N` deals at a time; the default is one per CPU")
	fl.BoolVar(&f.resume, "resume", false, "continue the batch in --out: keep the rows whose files are current, make the rest, remove the files no longer made")
	fl.StringVar(&f.shard, "shard", "", "process only shard `I/N` of the rows (rows I+1, I+1+N, ...; 0 <= I < N)")
	fl.StringVar(&f.noticeOld, "notice-old", "", "for --docs notice: the sub-processor list before the change (`FILE`: list, profile, deal or workbook)")
	fl.StringVar(&f.noticeDate, "notice-date", "", "for --docs notice: the `DATE` the notices are sent (YYYY-MM-DD); each customer's deadline follows its own objection window")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "show no progress (the summary line is still printed)")
	fl.StringVar(&f.paper, "paper", "a4", "PDF and Word paper size: a4 or letter")
	fl.StringVar(&f.esign, "esign-anchors", "", "place e-signature anchor text in the PDF signature blocks: docusign or adobe")
	fl.StringVar(&f.manifest, "manifest", "", manifestFlagHelp)
	fl.StringVar(&f.date, "date", "", "record `DATE` (YYYY-MM-DD or an RFC 3339 time) as every PDF's and Word file's creation date, as render does (default: $SOURCE_DATE_EPOCH, else the time of each render for a PDF and the effective date for a Word file)")
	return cmd
}

func (a *app) batchMergeCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "merge DIR",
		Short: "Combine the manifests of a sharded batch into manifest.jsonl and errors.csv",
		Long: `Merge combines the manifests that the shards of one batch wrote into DIR
(manifest.shard-I-of-N.jsonl; copy them there first if the shards wrote to
separate folders) into DIR/manifest.jsonl, in row order, and writes
DIR/errors.csv from the rows that failed: the same two files one unsharded
run would have written, and says so on standard error (--quiet: only when
rows failed). The shards' own files are kept, so a shard can still be
resumed. Exit status: 0 every row succeeded, 1 some rows failed or a
shard's manifest is missing or unfinished, 2 DIR cannot be read or holds
no shard manifest (an empty folder, or an unsharded run's).`,
		Example: `  dpakit batch merge /data/dpas`,
		Args:    exactArgs(1, "DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			sum, err := batch.Merge(args[0])
			switch {
			case errors.Is(err, batch.ErrSetup):
				return setupError(err)
			case err != nil:
				return classify(err)
			}
			switch {
			case !a.quiet:
				fmt.Fprintf(a.stderr, "dpakit batch merge: %d shards, %d rows, %d failed: %s, %s\n", sum.Shards, sum.Rows, sum.Failed,
					joinOut(args[0], batch.ManifestFile), joinOut(args[0], batch.ErrorsFile))
			case sum.Failed > 0:
				// --quiet: nothing of what was written, but why the exit status is 1
				fmt.Fprintf(a.stderr, "dpakit batch merge: %d of %s failed; problems in %s\n", sum.Failed, plural(sum.Rows, "row"),
					joinOut(args[0], batch.ErrorsFile))
			}
			if sum.Failed > 0 {
				return &exitError{exitFailed, errSilent}
			}
			return nil
		},
	}
}

// formatNames lists the batch output formats.
func formatNames() []string {
	var out []string
	for _, f := range batch.Formats() {
		out = append(out, f.Name)
	}
	return out
}

// runBatch checks the flags, reads the profile and starts the run.
func (a *app) runBatch(ctx context.Context, f batchFlags) error {
	switch {
	case f.input == "":
		return usagef("batch needs --input FILE (a .csv, .yaml or .jsonl file of deals)")
	case f.out == "":
		return usagef("batch needs --out DIR")
	case f.jobs < 1 || f.jobs > maxJobs:
		return usagef("--jobs must be between 1 and %d (got %d): each job renders one deal at a time, and more jobs than CPUs only wait for them", maxJobs, f.jobs)
	}
	shard, err := parseShard(f.shard)
	if err != nil {
		return err
	}
	if err := refuseOverwritingInputs(f.out, shard, f.input, f.profile, f.noticeOld); err != nil {
		return err
	}
	if err := f.refuseUnusedFlags(); err != nil {
		return err
	}
	if f.input != "-" {
		// before its extension is judged: a folder of deal files is no input
		if err := refuseDirectory(f.input, dealsInput); err != nil {
			return err
		}
	}
	format := strings.ToLower(f.inputFormat) // format names are not case-sensitive
	if format == "" {
		if f.input == "-" {
			return usagef("reading standard input needs --input-format csv, yaml or jsonl")
		}
		if format, err = batch.InputFormat(f.input); err != nil {
			return setupError(err)
		}
	}
	date, err := fileDate(f.date, os.Getenv)
	if err != nil {
		return err
	}
	eng, err := a.load()
	if err != nil {
		return classify(err)
	}
	cfg := batch.Config{
		Engine: eng, Validator: a.validator,
		InputName: displayName(f.input), InputFormat: format,
		Out: f.out, Docs: f.docs, Formats: lowered(f.formats), Jobs: f.jobs,
		Resume: f.resume, Shard: shard, ToolVersion: buildID(), Inputs: []string{f.input, f.profile, f.noticeOld},
		Writers: batch.WriterOptions{Paper: f.paper, ESign: f.esign, ToolVersion: version(), Date: date, Manifest: f.manifest},
	}
	if f.profile != "" {
		if cfg.Profile, err = a.readInput(f.profile, profileInput); err != nil {
			return classify(err)
		}
		cfg.ProfileName = displayName(f.profile)
		if _, err := a.validator.Load(cfg.Profile, cfg.ProfileName, nil, ""); err != nil && !isRuleProblem(err) {
			// the profile does not decode: every row would fail alike
			return classify(profileDecodeError(err, cfg.ProfileName))
		}
	}
	if err := a.noticeSetup(&cfg, f); err != nil {
		return err
	}
	in, total, err := a.openBatchInput(f.input, format, shard)
	if err != nil {
		return err
	}
	defer in.Close()
	cfg.Input = in

	defer tuneGC(f.jobs)()
	prog := newBatchProgress(a.stderr, total, f.quiet)
	cfg.Progress = prog.update
	sum, err := batch.Run(ctx, cfg)
	prog.finish()
	if err != nil {
		return setupError(err)
	}
	a.batchSummary(sum, total, f.out, shard, ctx)
	if f.profile == "" && sum.Failed > 0 && sum.Made+sum.Kept == 0 {
		// Rows are usually short deals laid over the vendor's profile.
		fmt.Fprintln(a.stderr, "hint: every row failed (see errors.csv); the vendor's details (provider) usually come from its profile: did you forget --profile FILE (such as fixtures/profile.yaml, the example vendor's)?")
	}
	switch {
	case sum.Interrupted:
		code := exitFailed
		if se, ok := interrupted(ctx); ok {
			code = se.exitCode()
		}
		return &exitError{code, errSilent}
	case sum.Failed > 0:
		return &exitError{exitFailed, errSilent}
	}
	return nil
}

// setupError maps a batch error to its exit code: a run that could not
// start is a usage error (2), printed without the category's prefix.
func setupError(err error) error {
	if errors.Is(err, batch.ErrSetup) {
		return usagef("%s", strings.TrimPrefix(err.Error(), batch.ErrSetup.Error()+": "))
	}
	return classify(err)
}

// tuneGC trades memory for speed in a batch run, in lint (one worker per
// core) and in the commands that write one document (render, notice,
// validate, explain), unless the user set GOGC or GOMEMLIMIT: a PDF render
// allocates tens of megabytes that die at once, so collecting at 5 times
// the live heap instead of twice saves about a seventh of the CPU time of a
// batch and of a one-document process, and a fifth of lint's. The soft
// limit of 96 MiB plus 48 MiB per worker makes the collector work harder
// before memory passes that, so the peak stays bounded whatever the input's
// length. The returned function restores the previous settings (commands
// run in parallel in one test process may restore them out of order; the
// pace is then left faster, which no test measures).
func tuneGC(jobs int) (restore func()) {
	percent, limit := -2, int64(-1)
	if os.Getenv("GOGC") == "" {
		percent = debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(int64(96+48*jobs) << 20)
	}
	return func() {
		if percent != -2 {
			debug.SetGCPercent(percent)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}

// isRuleProblem reports whether a load error is only about rules (a
// profile alone has no customer), not about decoding.
func isRuleProblem(err error) bool {
	var ve *deal.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	for _, p := range ve.Problems {
		if decodeRule(p.Rule) {
			return false
		}
	}
	return true
}

// decodeRule reports whether rule is one of a file that does not decode
// (its syntax, an unknown key, a value of the wrong type), rather than a
// rule on the values of a whole deal.
func decodeRule(rule string) bool {
	switch rule {
	case "syntax", "unknown_field", "type", "duplicate_key", "merge_key", "size", "alias":
		return true
	}
	return false
}

// profileDecodeError reports the problems of a profile that does not
// decode as the profile's, leaving out those of a deal's values that a
// profile alone need not give (the customer, the effective date): checked
// on its own, a profile is not a deal.
func profileDecodeError(err error, name string) error {
	var ve *deal.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	var ps []deal.Problem
	for _, p := range ve.Problems {
		if decodeRule(p.Rule) {
			ps = append(ps, p)
		}
	}
	return &subjectError{err: &deal.ValidationError{File: ve.File, Problems: ps}, subject: "the profile " + name}
}

// noticeSetup wires the per-customer change notice: the old list is read
// once, the new list is each deal's own (its profile's list as laid over).
func (a *app) noticeSetup(cfg *batch.Config, f batchFlags) error {
	wantsNotice := false
	for _, d := range f.docs {
		wantsNotice = wantsNotice || d == batch.DocNotice
	}
	if !wantsNotice {
		if f.noticeOld != "" || f.noticeDate != "" {
			return usagef("--notice-old and --notice-date need --docs notice")
		}
		return nil
	}
	if f.noticeOld == "" || f.noticeDate == "" {
		return usagef("--docs notice needs --notice-old FILE (the list before the change) and --notice-date YYYY-MM-DD")
	}
	when, err := flagDate("--notice-date", f.noticeDate)
	if err != nil {
		return err
	}
	// The old list is the vendor's, read once for every customer: its
	// transfer mechanisms are judged as the profile's gdpr.applies says.
	lists := a.lists
	if cfg.Profile != nil {
		if p, _ := a.validator.Load(cfg.Profile, cfg.ProfileName, nil, ""); p != nil {
			lists = lists.For(p)
		}
	}
	old, err := loadListFile(lists, f.noticeOld)
	if err != nil {
		return classify(err)
	}
	key, err := json.Marshal(struct {
		Date deal.Date
		Old  []deal.Subprocessor
	}{when, old})
	if err != nil {
		return classify(err)
	}
	cfg.NoticeKey = string(key)
	cfg.Notice = func(d *deal.Deal) assemble.Notice {
		return noticeFrom(when, old, d.Subprocessors.List)
	}
	return nil
}

// batchInput is the input of a run: a file or standard input.
type batchInput struct {
	io.Reader
	close func() error
}

func (b batchInput) Close() error { return b.close() }

// openBatchInput opens the input and, for a file, counts the rows of the
// shard (a streaming pass) so that progress can show a total; -1 when
// unknown.
func (a *app) openBatchInput(path, format string, shard batch.Shard) (batchInput, int, error) {
	if path == "-" {
		return batchInput{a.stdin, func() error { return nil }}, -1, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return batchInput{}, 0, usagef("read %s: %v", path, unwrapPathError(err))
	}
	st, err := f.Stat()
	switch {
	case err == nil && st.IsDir():
		f.Close()
		return batchInput{}, 0, directoryError(path, dealsInput)
	case err != nil || !st.Mode().IsRegular():
		return batchInput{f, f.Close}, -1, nil // a FIFO or device: no count, progress without a total
	}
	total, err := batch.CountRows(f, format, displayName(path), shard)
	if err != nil {
		f.Close()
		if errors.Is(err, batch.ErrSetup) {
			return batchInput{}, 0, setupError(err)
		}
		return batchInput{}, 0, classify(fmt.Errorf("read %s: %w", path, err))
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return batchInput{}, 0, classify(fmt.Errorf("read %s: %w", path, err))
	}
	return batchInput{f, f.Close}, total, nil
}

// maxJobs bounds --jobs: each job holds a deal's documents in memory.
const maxJobs = 256

// maxShards bounds N in --shard I/N: a split of one input across more
// machines than that has shards of a handful of rows, and each shard's
// bookkeeping (its manifest's name among its siblings') grows with N.
const maxShards = 1000

// refuseOverwritingInputs refuses a run whose manifest or errors.csv in
// out (for shard) is one of its input files (the deals, the profile, the
// --notice-old list), which writing them would destroy.
func refuseOverwritingInputs(out string, shard batch.Shard, inputs ...string) error {
	for _, name := range []string{shard.ManifestFile(), shard.ErrorsFile()} {
		st, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			continue // not there yet: nothing to overwrite
		}
		for _, in := range inputs {
			if in == "" || in == "-" {
				continue
			}
			if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
				return usagef("--out %s: the run writes its %s there, which is the input %s: writing it would destroy the input; move the input out of --out or choose another --out", out, name, in)
			}
		}
	}
	return nil
}

// parseShard reads --shard I/N.
func parseShard(s string) (batch.Shard, error) {
	if s == "" {
		return batch.Shard{}, nil
	}
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return batch.Shard{}, usagef("--shard %q: want I/N with 0 <= I < N, such as 0/3 (in a Kubernetes Indexed Job: $(JOB_COMPLETION_INDEX)/N)", s)
	}
	if n > maxShards {
		return batch.Shard{}, usagef("--shard %q: N must be at most %d", s, maxShards)
	}
	return batch.Shard{Index: i, Count: n}, nil
}

// batchSummary prints the run's one-line summary.
func (a *app) batchSummary(s batch.Summary, total int, out string, shard batch.Shard, ctx context.Context) {
	var b strings.Builder
	fmt.Fprintf(&b, "dpakit batch: %s", plural(s.Selected, "row"))
	if s.Interrupted {
		b.WriteString(" read")
	}
	if s.Selected != s.Rows {
		fmt.Fprintf(&b, " of %d (this shard)", s.Rows)
	}
	fmt.Fprintf(&b, ": %d made, %d kept, %d failed", s.Made, s.Kept, s.Failed)
	if s.Skipped > 0 {
		fmt.Fprintf(&b, ", %d documents not applicable", s.Skipped)
	}
	if s.Warned > 0 {
		fmt.Fprintf(&b, " (%s with warnings: see %s)", plural(s.Warned, "row"), joinOut(out, shard.ManifestFile()))
	}
	fmt.Fprintf(&b, "; %s in %.1fs (%s)", plural(s.Files, "file"), s.Elapsed.Seconds(), summaryRate(s))
	if s.Removed > 0 {
		fmt.Fprintf(&b, "; %s removed", plural(s.Removed, "stale file"))
	}
	if n := len(s.Left); n > 0 {
		const shown = 3
		fmt.Fprintf(&b, "; %s left (changed since written, or not dpakit's to remove): %s", plural(n, "stale file"),
			strings.Join(s.Left[:min(n, shown)], ", "))
		if n > shown {
			fmt.Fprintf(&b, " and %d more", n-shown)
		}
	}
	if s.Failed > 0 {
		fmt.Fprintf(&b, "; problems in %s", joinOut(out, shard.ErrorsFile()))
	}
	if s.Interrupted {
		fmt.Fprintf(&b, "\ndpakit batch: stopped (%s) with %s", context.Cause(ctx), stoppedAt(s, total))
	}
	fmt.Fprintln(a.stderr, b.String())
}

// summaryRate is the rate of a run's summary: the rows made or failed a
// second. Rows a resume kept cost a checksum, not a render, so they are
// not counted in it, but said apart: a resume that kept every row made
// none, however fast it was.
func summaryRate(s batch.Summary) string {
	worked := s.Made + s.Failed
	switch {
	case s.Kept > 0 && worked == 0:
		return fmt.Sprintf("no row made: %d kept", s.Kept)
	case s.Kept > 0:
		return fmt.Sprintf("%s, not counting the %d kept", rowRate(worked, s.Elapsed), s.Kept)
	}
	return rowRate(worked, s.Elapsed)
}

// rowRate says n rows in elapsed as "12.3 rows/s", the one unit of every
// rate a batch shows.
func rowRate(n int, elapsed time.Duration) string {
	rate := 0.0
	if secs := elapsed.Seconds(); secs > 0 {
		rate = float64(n) / secs
	}
	return fmt.Sprintf("%.1f rows/s", rate)
}

// stoppedAt says how far a stopped run got: the rows done, of the total
// when it is known (total < 0: input from a pipe), and those read but left
// not made, which have no manifest entry.
func stoppedAt(s batch.Summary, total int) string {
	done := s.Made + s.Kept + s.Failed
	var b strings.Builder
	if total >= 0 {
		fmt.Fprintf(&b, "%d of %s done", done, plural(total, "row"))
	} else {
		fmt.Fprintf(&b, "%s done", plural(done, "row"))
	}
	if left := s.Selected - done; left > 0 {
		fmt.Fprintf(&b, " (%d read but not made)", left)
	}
	b.WriteString("; run the same command with --resume to make the rest")
	return b.String()
}

func joinOut(dir, name string) string {
	return strings.TrimSuffix(dir, string(os.PathSeparator)) + string(os.PathSeparator) + name
}

// batchProgress shows a run's progress: a bar with the rows done, their
// rate, the rows failed (and kept) and the time left on a terminal, a log
// line saying the same every few seconds otherwise, nothing when quiet.
type batchProgress struct {
	mu       sync.Mutex
	bar      *progressbar.ProgressBar
	w        io.Writer
	total    int
	last     batch.Progress
	start    time.Time
	stop     chan struct{}
	stopped  sync.WaitGroup
	interval time.Duration
}

func newBatchProgress(w io.Writer, total int, quiet bool) *batchProgress {
	p := &batchProgress{w: w, total: total, start: time.Now(), interval: 10 * time.Second}
	if quiet {
		return p
	}
	if isTerminal(w) {
		p.bar = newBar(w, total, p.stats())
		return p
	}
	p.stop = make(chan struct{})
	p.stopped.Go(p.logLoop)
	return p
}

// newBar returns a progress bar of total rows, shown at once and timed
// from now, followed by description (see stats). The counts and the rate
// are the description's, in the words of the log line and the summary
// (the bar's own would say "deals/hr", and count kept rows in the rate);
// the bar adds the percentage and the time elapsed and left.
func newBar(w io.Writer, total int, description string) *progressbar.ProgressBar {
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(description),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	bar.StartWithoutRender()
	_ = bar.RenderBlank() // writes to the terminal; nothing to do if it fails
	return bar
}

// isTerminal reports whether w is a terminal. A character device that is
// not one (/dev/null) is not: output redirected there is wanted discarded.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (p *batchProgress) update(pr batch.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	done := p.last.Done
	p.last = pr
	if p.bar != nil {
		p.bar.Describe(p.stats()) // drawn with the bar, now or at its next turn
		p.bar.Add(pr.Done - done)
	}
}

// logLoop prints a line every interval until finish.
func (p *batchProgress) logLoop() {
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			fmt.Fprintln(p.w, p.line())
			p.mu.Unlock()
		}
	}
}

// stats describes the progress so far: "dpakit batch: 1200/2000 rows,
// 95.3 rows/s, 3 failed", and ", 400 kept" in a resume. The rate counts
// the rows made or failed since the run started, as the summary's does
// (rows kept cost a checksum, not a render); none is shown before the
// first.
func (p *batchProgress) stats() string {
	s := fmt.Sprintf("dpakit batch: %d", p.last.Done)
	if p.total >= 0 {
		s += fmt.Sprintf("/%d", p.total)
	}
	s += " rows"
	if worked := p.last.Done - p.last.Kept; worked > 0 {
		s += ", " + rowRate(worked, time.Since(p.start))
	}
	s += fmt.Sprintf(", %d failed", p.last.Failed)
	if p.last.Kept > 0 {
		s += fmt.Sprintf(", %d kept", p.last.Kept)
	}
	return s
}

// line is the log line: stats and the time left, at the pace of every row
// done so far (kept ones included, as the rows left may be kept too).
func (p *batchProgress) line() string {
	s := p.stats()
	rate := float64(p.last.Done) / time.Since(p.start).Seconds()
	if p.total > 0 && rate > 0 {
		left := time.Duration(float64(p.total-p.last.Done) / rate * float64(time.Second))
		s += fmt.Sprintf(", about %s left", left.Round(time.Second))
	}
	return s
}

func (p *batchProgress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
	if p.stop != nil {
		close(p.stop)
		p.stopped.Wait()
	}
}

// lowered returns names in lower case: --format PDF,DOCX means pdf,docx.
func lowered(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ToLower(n)
	}
	return out
}
