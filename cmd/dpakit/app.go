package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/lint"
	"github.com/dpakit/dpakit/assemble/listfile"
	"github.com/dpakit/dpakit/assemble/outfile"
	"github.com/dpakit/dpakit/assemble/pdf"
	"github.com/dpakit/dpakit/assemble/sublist"
	"github.com/dpakit/dpakit/assemble/suggest"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/cmd/dpakit/internal/startgc"
	"github.com/dpakit/dpakit/templates"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1 // the work failed: a broken library, a disk error
	exitInvalid = 2 // bad usage or invalid input
)

// app holds what every subcommand shares: the output streams and the
// library options, with the engine loaded once on first use.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	clausesDir     string
	templatesDir   string
	// quiet silences the report of what was written (see report).
	quiet bool
	// interrupted is closed when a signal interrupts the run: a read of
	// an input that blocks (a FIFO no one writes to, a terminal) gives up
	// then instead of waiting for data that may never come.
	interrupted <-chan struct{}

	loadOnce sync.Once
	engine   *assemble.Engine
	loadErr  error
	// builtin, when set, supplies the engine over the built-in library
	// (no --clauses or --templates) instead of loading it: the tests run
	// hundreds of commands in one process and share one engine, as the
	// server and batch workers do. An Engine is read-only once loaded.
	builtin func() (*assemble.Engine, error)

	// validator checks deals; a character the PDF fonts cannot print is a
	// problem in every format, so a deal valid for HTML is valid for PDF.
	validator *deal.Validator
	// lists reads sub-processor lists by the validator's list rules, so
	// that import, diff, notice and render accept the same lists.
	lists *listfile.Reader

	// lintCombinations are the combinations lint renders; nil means every
	// one (lint.Combinations). Tests of what lint finds narrow it to a few
	// that show the fault.
	lintCombinations []lint.Combination
}

// exitError carries the exit code an error maps to.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// classify maps an error to its exit code: invalid input and unknown
// documents are the user's to fix (2), anything else is a failure (1).
func classify(err error) error {
	if err == nil {
		return nil
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return err
	}
	switch {
	case errors.Is(err, deal.ErrInvalid), errors.Is(err, assemble.ErrUnknownDocument), errors.Is(err, assemble.ErrNotApplicable),
		errors.Is(err, sublist.ErrInvalid), errors.Is(err, sublist.ErrFormat), errors.Is(err, sublist.ErrTooLarge),
		errors.Is(err, outfile.ErrRefused),
		errors.Is(err, fs.ErrNotExist), // an input file named on the command line is missing
		errors.Is(err, syscall.EISDIR): // a directory named where a file is read (diff, notice --old)
		return &exitError{exitInvalid, err}
	}
	return &exitError{exitFailed, err}
}

// errSilent ends a command with its exit code and no message, when the
// output already says it all (diff's "the lists differ").
var errSilent = errors.New("(no message)")

func usagef(format string, args ...any) error {
	return &exitError{exitInvalid, fmt.Errorf(format, args...)}
}

// run runs the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return newApp(stdin, stdout, stderr).run(ctx, args)
}

// newApp returns an app over the given streams.
func newApp(stdin io.Reader, stdout, stderr io.Writer) *app {
	v := deal.NewValidator(deal.Options{Printable: pdf.Covers})
	return &app{stdin: stdin, stdout: stdout, stderr: stderr, validator: v, lists: listfile.NewReader(v)}
}

// run runs the command line args and returns the exit code.
func (a *app) run(ctx context.Context, args []string) int {
	stdin, stdout, stderr := a.stdin, a.stdout, a.stderr
	a.interrupted = ctx.Done()
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if se, ok := interrupted(ctx); ok && err != nil && !errors.Is(err, errSilent) {
		fmt.Fprintf(stderr, "dpakit: %v; stopped, nothing was written\n", se)
		return se.exitCode()
	}
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// cobra's own errors: unknown command or flag, wrong arguments.
		fmt.Fprintf(stderr, "dpakit: %v\nRun 'dpakit --help' for usage.\n", err)
		return exitInvalid
	}
	var ve *deal.ValidationError
	switch {
	case errors.Is(err, errSilent):
	case errors.As(err, &ve):
		subject := ""
		var se *subjectError
		if errors.As(err, &se) {
			subject = se.subject
		}
		writeProblems(stderr, ve, subject)
		var h *hintError
		if errors.As(err, &h) {
			fmt.Fprintf(stderr, "hint: %s\n", h.hint)
		}
		var wh *withheldError
		if errors.As(err, &wh) {
			fmt.Fprintf(stderr, "dpakit: warning: %s\n", wh.note())
		}
	default:
		fmt.Fprintf(stderr, "dpakit: %v\n", err)
	}
	return ee.code
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "dpakit",
		Short: "Assemble GDPR data processing agreements from a deal file and a clause library",
		Long: `dpakit assembles a data processing agreement (DPA) for one customer from a
short deal file laid over the vendor's profile, a versioned clause library and
document templates: the DPA with its SCC selections and annexes as PDF, Word
(DOCX), HTML or Markdown, standalone annexes, the sub-processor workbook and
change notices; batch runs for every customer; and a form app (serve).`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// Start-up ends here: each command sets the collector's pace
		// (tuneGC) or keeps Go's default.
		PersistentPreRunE: func(c *cobra.Command, args []string) error {
			startgc.Done()
			return checkFileArgs(c, args)
		},
	}
	root.PersistentFlags().StringVar(&a.clausesDir, "clauses", "", "use the clause library in `DIR` instead of the built-in one")
	root.PersistentFlags().StringVar(&a.templatesDir, "templates", "", "use the document templates in `DIR` instead of the built-in ones")
	root.PersistentFlags().BoolVarP(&a.quiet, "quiet", "q", false, "do not report on standard error what was written, nor warnings (errors are still reported; validate always prints its warnings)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usagef("%v%s\nRun '%s --help' for usage.", err, flagSuggestion(c, err), c.CommandPath())
	})
	root.AddCommand(a.renderCmd(), a.validateCmd(), a.explainCmd(), a.clausesCmd(), a.lintCmd(),
		a.subprocessorsCmd(), a.noticeCmd(), a.batchCmd(), a.serveCmd(), a.versionCmd())
	refuseRepeats(root)
	return root
}

// readsFile reports whether the file flag called name names a file the
// command reads, standard input for "-" (output writes its file; auth,
// clauses and templates take no "-").
func readsFile(name string) bool {
	switch name {
	case "profile", "input", "old", "new", "customer", "into", "deal", "notice-old":
		return true
	}
	return false
}

// checkFileArgs refuses, before any work, a file flag given with an empty
// value (-o "" would otherwise write to standard output, --profile "" use
// no profile), and standard input named twice (a deal and its profile both
// "-"), which one command cannot read twice: each names the flags.
func checkFileArgs(c *cobra.Command, args []string) error {
	var stdin []string
	// The flags that name a file or folder, in the order they are
	// usually written (--old before --new).
	for _, name := range []string{"output", "profile", "input", "old", "new", "customer", "into", "deal", "notice-old", "auth", "clauses", "templates"} {
		f := c.Flags().Lookup(name)
		if f == nil || !f.Changed {
			continue
		}
		switch f.Value.String() {
		case "":
			shown := "--" + f.Name
			if f.Shorthand != "" {
				shown = "-" + f.Shorthand + " (" + shown + ")"
			}
			return usagef("%s needs a value: an empty name names no file", shown)
		case "-":
			if readsFile(name) {
				stdin = append(stdin, "--"+f.Name)
			}
		}
	}
	for _, a := range args {
		if a == "-" {
			stdin = append(stdin, "the argument -")
		}
	}
	if len(stdin) > 1 {
		return usagef("standard input (-) can be read only once, but %s name it: give all but one as files", strings.Join(stdin, " and "))
	}
	return nil
}

// load returns the engine over the built-in library or the --clauses and
// --templates directories, parsing it once.
func (a *app) load() (*assemble.Engine, error) {
	a.loadOnce.Do(func() {
		if a.loadErr = checkLibraryDir("--clauses", a.clausesDir, "clauses", "*.md"); a.loadErr != nil {
			return
		}
		if a.loadErr = checkLibraryDir("--templates", a.templatesDir, "templates", "*.tmpl"); a.loadErr != nil {
			return
		}
		if a.builtin != nil && a.clausesDir == "" && a.templatesDir == "" {
			a.engine, a.loadErr = a.builtin()
			return
		}
		cfs, tfs := a.libraryFS()
		a.engine, a.loadErr = assemble.LoadEngine(cfs, tfs)
	})
	return a.engine, a.loadErr
}

// checkLibraryDir checks the directory given to a library flag (--clauses
// or --templates; "" is the built-in library): a path that is not a
// directory is a usage error naming the flag, and so is a directory
// without a single file matching pattern whose subdirectory sub has them
// (`clauses export DIR` writes DIR/clauses and DIR/templates, and
// --clauses DIR is the natural slip). Anything else the library loader
// judges.
func checkLibraryDir(flag, dir, sub, pattern string) error {
	if dir == "" {
		return nil
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usagef("%s %s: no such directory", flag, dir)
	case err != nil:
		return usagef("%s %s: %v", flag, dir, err)
	case !info.IsDir():
		return usagef("%s %s: not a directory", flag, dir)
	}
	if found, _ := filepath.Glob(filepath.Join(dir, pattern)); len(found) > 0 {
		return nil
	}
	inner := filepath.Join(dir, sub)
	if found, _ := filepath.Glob(filepath.Join(inner, pattern)); len(found) > 0 {
		return usagef("%s %s: the directory holds no %s files, but %s does: give %s %s", flag, dir, pattern, inner, flag, inner)
	}
	return nil
}

// libraryFS returns the clause library's and the templates' file systems:
// the built-in ones, or --clauses DIR and --templates DIR.
func (a *app) libraryFS() (clauseFS, templateFS fs.FS) {
	clauseFS, templateFS = clauses.FS, templates.FS
	if a.clausesDir != "" {
		clauseFS = os.DirFS(a.clausesDir)
	}
	if a.templatesDir != "" {
		templateFS = os.DirFS(a.templatesDir)
	}
	return clauseFS, templateFS
}

// loadExplained reads a deal file and an optional profile file, loads the
// deal over the profile and returns it with its warnings, where each value
// came from and the profile as decoded (see deal.Validator.LoadExplained).
func (a *app) loadExplained(dealPath, profilePath string) (*deal.Explained, []deal.Problem, error) {
	data, err := a.readInput(dealPath, dealInput)
	if err != nil {
		return nil, nil, err
	}
	var profile []byte
	if profilePath != "" {
		if profile, err = a.readInput(profilePath, profileInput); err != nil {
			return nil, nil, err
		}
	}
	x, warnings, err := a.validator.LoadExplained(data, displayName(dealPath), profile, displayName(profilePath))
	return x, warnings, describeInvalid(err, dealPath, profilePath)
}

// describeInvalid names, for the header of its problem list, the deal (and
// profile) an invalid-deal error concerns, and adds the --profile hint when
// the vendor's details are missing and no profile was given. Other errors
// are returned as they are.
func describeInvalid(err error, dealPath, profilePath string) error {
	var ve *deal.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	subject := "the deal " + displayName(dealPath)
	if profilePath != "" {
		subject += " over the profile " + displayName(profilePath)
	}
	err = &subjectError{err: err, subject: subject}
	if profilePath == "" && missingProvider(err) {
		err = &hintError{err: err, hint: profileHint}
	}
	return err
}

// profileHint is the hint for a deal read without --profile that lacks the
// vendor's details, which usually come from the profile.
const profileHint = "the vendor's details (provider) usually come from its profile: did you forget --profile FILE (such as fixtures/profile.yaml, the example vendor's)?"

// profileForgotten reports whether err is the invalid deal of a run that
// gave no --profile to a deal that relies on one: the error carries
// profileHint (see describeInvalid).
func profileForgotten(err error) bool {
	var h *hintError
	return errors.As(err, &h) && h.hint == profileHint
}

// holdBackWarnings returns the deal's warnings to print before its
// problems, and the error to return. When the deal was read without the
// profile it relies on (profileForgotten), every warning was worked out
// without the profile's values, and may be a mere consequence of their
// absence (an empty ccpa.business_purposes that the profile fills): none
// is printed, and, when report is set, err says after its problems and
// hint how many were left out (see withheldError). Otherwise the warnings
// and err are returned as they are.
func holdBackWarnings(warnings []deal.Problem, err error, report bool) ([]deal.Problem, error) {
	if len(warnings) == 0 || !profileForgotten(err) {
		return warnings, err
	}
	if report {
		err = &withheldError{err: err, n: len(warnings)}
	}
	return nil, err
}

// withheldError is an invalid deal's error, read without the profile it
// relies on, whose n warnings were left out (see holdBackWarnings).
type withheldError struct {
	err error
	n   int
}

func (e *withheldError) Error() string { return e.err.Error() + "\n" + e.note() }
func (e *withheldError) Unwrap() error { return e.err }

// note says how many warnings were left out and why, for the line printed
// after the problems and the hint.
func (e *withheldError) note() string {
	if e.n == 1 {
		return "1 warning left out, as it may depend on the profile's values: it is checked once --profile is given"
	}
	return fmt.Sprintf("%d warnings left out, as they may depend on the profile's values: they are checked once --profile is given", e.n)
}

// subjectError names what an invalid-deal error concerns ("the deal
// deal.yaml over the profile vendor.yaml"), for the header of its problem
// list when the problems do not all come from one file.
type subjectError struct {
	err     error
	subject string
}

func (e *subjectError) Error() string { return e.err.Error() }
func (e *subjectError) Unwrap() error { return e.err }

// readExplained loads the engine (see load) and reads the deal over the
// profile, keeping what explain and the manifest need: the sources of the
// values and the profile. The deal is read while the library loads, as
// neither needs the other until the engine checks the deal; errors and
// warnings come in the order a sequential run gives them: the library's
// error first, then the deal's warnings and error (without the warnings
// when the deal lacks the profile it relies on: see holdBackWarnings).
func (a *app) readExplained(dealPath, profilePath string) (*assemble.Engine, *deal.Explained, error) {
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		a.load() //nolint:errcheck // read again below, once both are done
	}()
	x, warnings, err := a.loadExplained(dealPath, profilePath)
	<-loaded
	eng, lerr := a.load()
	if lerr != nil {
		return nil, nil, lerr
	}
	warnings, err = holdBackWarnings(warnings, err, !a.quiet)
	a.warn(warnings)
	if err != nil {
		return nil, nil, err
	}
	if err := checkDeal(eng, x, dealPath, profilePath); err != nil {
		return nil, nil, err
	}
	a.warn(libraryWarnings(eng, x))
	return eng, x, nil
}

// checkDeal runs the clause library's checks on a loaded deal
// (assemble.Engine.CheckDeal) and locates its problems in the deal or
// profile file, as the loader locates its own, naming the deal and profile
// for the problem list (see describeInvalid).
func checkDeal(eng *assemble.Engine, x *deal.Explained, dealPath, profilePath string) error {
	err := eng.CheckDeal(x.Deal)
	var ve *deal.ValidationError
	if errors.As(err, &ve) {
		return describeInvalid(x.Locate(ve.Problems), dealPath, profilePath)
	}
	return err
}

// libraryWarnings returns what the clause library warns of in a deal that
// checkDeal accepted (assemble.Engine.DealWarnings: a negotiated fallback
// whose text has changed since its approval), located in the deal or
// profile file.
func libraryWarnings(eng *assemble.Engine, x *deal.Explained) []deal.Problem {
	ws := eng.DealWarnings(x.Deal)
	if len(ws) == 0 {
		return nil
	}
	return x.Locate(ws).Problems
}

// missingProvider reports whether err says the whole provider section is
// missing.
func missingProvider(err error) bool {
	var ve *deal.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	for _, p := range ve.Problems {
		if p.Path == "provider" && p.Rule == deal.RuleSectionMissing {
			return true
		}
	}
	return false
}

// hintError is an error with advice on what to do, printed after it.
type hintError struct {
	err  error
	hint string
}

func (e *hintError) Error() string { return e.err.Error() + "\n" + e.hint }
func (e *hintError) Unwrap() error { return e.err }

// libraryFiles returns the files of the --clauses and --templates
// directories: inputs too, which -o must not overwrite.
func (a *app) libraryFiles() []string {
	var files []string
	for _, dir := range []string{a.clausesDir, a.templatesDir} {
		if dir == "" {
			continue
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue // the library's own loading reports it
		}
		for _, e := range entries {
			if e.Type().IsRegular() {
				files = append(files, filepath.Join(dir, e.Name()))
			}
		}
	}
	return files
}

// checkOutput refuses, before any work, an output path that is one of the
// inputs, a directory or a read-only file (see outfile.Check).
func checkOutput(path string, inputs ...string) error {
	if path == "" || path == "-" {
		return nil
	}
	return outfile.Check(path, inputs...)
}

// emit writes a finished output to path (see outfile.Write: never onto an
// input, atomically for a regular file, in place for a FIFO or device), or
// to standard output when path is "" or "-". Binary output is not written
// to a terminal.
func (a *app) emit(ctx context.Context, path string, data []byte, binary bool, inputs ...string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if path == "" || path == "-" {
		if err := a.refuseTerminal(path, binary); err != nil {
			return err
		}
		_, err := a.stdout.Write(data)
		return err
	}
	return outfile.Write(ctx, path, data, inputs...)
}

// refuseTerminal refuses to write binary output to standard output when
// no -o was given (path is "") and standard output is a terminal, where it
// would garble the screen; -o - writes it there all the same. A command
// calls it before its work to learn of the refusal at once; emit calls it
// again.
func (a *app) refuseTerminal(path string, binary bool) error {
	if binary && path == "" && isTerminal(a.stdout) {
		return usagef("not writing a binary file to the terminal: use -o FILE (or -o - to force it)")
	}
	return nil
}

// readDealWarn loads a deal file laid over an optional profile file, both
// decoded strictly, defaulted and validated, and checked against the
// clause library (its problems located in the files); it prints the
// deal's warnings on standard error (see warn), whether or not the deal is
// valid, but for a deal read without the profile it relies on (see
// holdBackWarnings); warnings never change the exit status.
func (a *app) readDealWarn(eng *assemble.Engine, dealPath, profilePath string) (*deal.Deal, error) {
	x, warnings, err := a.loadExplained(dealPath, profilePath)
	warnings, err = holdBackWarnings(warnings, err, !a.quiet)
	a.warn(warnings)
	if err != nil {
		return nil, err
	}
	if err := checkDeal(eng, x, dealPath, profilePath); err != nil {
		return nil, err
	}
	a.warn(libraryWarnings(eng, x))
	return x.Deal, nil
}

// readPartial loads a deal or profile as readDealWarn does (without its
// warnings and the library's checks), but keeps only the
// problems under the given paths: a profile alone has no customer, and the
// workbook and a notice to every customer need none.
func (a *app) readPartial(dealPath, profilePath string, paths ...string) (*deal.Deal, error) {
	d, _, err := a.readPartialWarnings(dealPath, profilePath, paths...)
	return d, err
}

// readPartialWarnings is readPartial that also returns the deal's
// warnings, located in its files (see loadExplained).
func (a *app) readPartialWarnings(dealPath, profilePath string, paths ...string) (*deal.Deal, []deal.Problem, error) {
	x, warnings, err := a.readPartialExplained(dealPath, profilePath, paths...)
	if x == nil {
		return nil, warnings, err
	}
	return x.Deal, warnings, err
}

// readPartialExplained is readPartialWarnings that also keeps where each
// value came from, so that later problems can be located in the files
// (deal.Explained.Locate).
func (a *app) readPartialExplained(dealPath, profilePath string, paths ...string) (*deal.Explained, []deal.Problem, error) {
	x, warnings, err := a.loadExplained(dealPath, profilePath)
	var ve *deal.ValidationError
	if err == nil || x == nil || !errors.As(err, &ve) {
		return x, warnings, err
	}
	var kept []deal.Problem
	for _, p := range ve.Problems {
		for _, prefix := range paths {
			if p.Path == prefix || strings.HasPrefix(p.Path, prefix+".") || strings.HasPrefix(p.Path, prefix+"[") {
				kept = append(kept, p)
				break
			}
		}
	}
	if len(kept) > 0 {
		return nil, nil, describeInvalid(&deal.ValidationError{File: ve.File, Problems: kept}, dealPath, profilePath)
	}
	return x, warnings, nil
}

// readInput reads the whole input file at path, or standard input for
// "-", which should hold k (see readAll).
func (a *app) readInput(path string, k inputKind) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	// Opening a FIFO, or reading it or a terminal, can block with no way
	// to cancel it; the read runs on its own so that a signal still ends
	// the command at once (the process then exits, and the read with it).
	done := make(chan result, 1)
	go func() {
		data, err := a.readAll(path, k)
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-a.interrupted:
		return nil, fmt.Errorf("read %s: interrupted", path)
	}
}

// readAll reads a whole input file, or standard input for "-", of at
// most k's readBound: a directory, or a file over the bound, is a usage
// error naming what the file should be and the limit (see openInput and
// tooLarge).
func (a *app) readAll(path string, k inputKind) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = a.stdin
	} else {
		f, err := openInput(path, k)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, over, err := readUpTo(r, k.readBound())
	if err != nil {
		return nil, readError(path, err)
	}
	if over {
		return nil, tooLarge(path, k)
	}
	return data, nil
}

// readUpTo reads r to its end or to one byte past limit, whichever comes
// first; over reports the latter. A regular file's size is known
// beforehand: one whose rest (from where it is open, as standard input may
// be) is over the limit is refused unread, and one within it is read into
// a buffer of its size. A FIFO or a device is read through the limit, and
// so is a regular file whatever its size says (a file that grows is still
// cut at the limit).
func readUpTo(r io.Reader, limit int64) (data []byte, over bool, err error) {
	var size int64
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
			if at, err := f.Seek(0, io.SeekCurrent); err == nil {
				size -= at
			}
			if size > limit {
				return nil, true, nil
			}
			size = max(size, 0)
		}
	}
	var b bytes.Buffer
	b.Grow(int(size) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, false, err
	}
	return b.Bytes(), int64(b.Len()) > limit, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// displayName is how messages name the input at path: its base name, as
// the user sees it in a listing, "stdin" for "-", and a device's whole
// path (/dev/null, where "null" alone would name nothing the user gave).
func displayName(path string) string {
	switch {
	case path == "":
		return ""
	case path == "-":
		return "stdin"
	case strings.HasPrefix(filepath.Clean(path), "/dev/"):
		return filepath.Clean(path)
	}
	return filepath.Base(path)
}

// version is the tool's version: the module version when built from a
// tagged module, "devel" otherwise (see releaseVersion). The PDF manifest
// records it.
func version() string {
	bi, _ := debug.ReadBuildInfo()
	return releaseVersion(bi)
}

// releaseVersion returns the main module's version from build information:
// the tag ("v1.4.0") when built by 'go install module@v1.4.0' or by 'go
// build' in a checkout of a tagged commit, a pseudo-version for another
// commit, and "devel" when there is none (go run, go test).
func releaseVersion(bi *debug.BuildInfo) string {
	if bi != nil && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// buildID identifies the running binary for a batch's resume (see
// buildIDOf), from its build information and its executable's SHA-256.
func buildID() string {
	bi, _ := debug.ReadBuildInfo()
	return buildIDOf(bi, func() (string, error) {
		exe, err := os.Executable()
		if err != nil {
			return "", err
		}
		return fileSHA256(exe)
	})
}

// buildIDOf returns the release version of bi (see releaseVersion) when it
// names one clean commit; else that version ("devel" without one) with
// the first 12 hex digits of the executable's SHA-256 (from exeSum) as
// build metadata: "devel+bb44d459bc8f", "v1.4.1-0.2026...+dirty.bb44d459bc8f".
// A binary built from other code (go run after an edit, a -buildvcs=false
// build, an image built without .git) then never counts as the one that
// made a row, while the same build does (Go builds are reproducible). It
// returns the version alone when exeSum fails.
func buildIDOf(bi *debug.BuildInfo, exeSum func() (string, error)) string {
	v := releaseVersion(bi)
	if v != "devel" && !strings.Contains(v, "+dirty") {
		return v
	}
	sum, err := exeSum()
	if err != nil || len(sum) < 12 {
		return v
	}
	if v == "devel" {
		return "devel+" + sum[:12]
	}
	return v + "." + sum[:12]
}

// fileSHA256 returns the hex SHA-256 of the file at path.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// buildDetails describes where a binary came from: the commit, its date
// and whether the working tree had changes, and the Go version, as far as
// the build information records them.
func buildDetails(bi *debug.BuildInfo) string {
	if bi == nil {
		return ""
	}
	var rev, when string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	var parts []string
	if rev != "" {
		c := "from commit " + rev[:min(len(rev), 12)]
		if when != "" {
			c += " of " + when
		}
		if modified {
			c += ", with uncommitted changes"
		}
		parts = append(parts, c)
	}
	if bi.GoVersion != "" {
		parts = append(parts, "with "+bi.GoVersion)
	}
	if len(parts) == 0 {
		return ""
	}
	line := "built " + strings.Join(parts, ", ")
	if rev == "" {
		line += "; no commit recorded (go run, and go build with -buildvcs=false or outside a Git clone, record none)"
	}
	return line
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print dpakit's version and the clause library's version",
		Long: `Version prints dpakit's release version (the module version it was built
from: a tag such as v1.4.0 when built from a tagged commit, "devel" for go run),
the versions of the clause library and the Annex II catalogue in use (built
in, or those given with --clauses), and the commit and Go version it was
built with, where recorded.`,
		Example: `  dpakit version
  dpakit version --clauses my-library/clauses --templates my-library/templates`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := a.load()
			if err != nil {
				return classify(err)
			}
			bi, _ := debug.ReadBuildInfo()
			fmt.Fprintf(a.stdout, "dpakit %s\nclause library %s, Annex II catalogue %s\n",
				releaseVersion(bi), eng.Library().Version, eng.Library().Catalog().Version)
			if d := buildDetails(bi); d != "" {
				fmt.Fprintln(a.stdout, d)
			}
			return nil
		},
	}
}

// maxWarnings is how many warnings a command other than validate prints
// before it says how many more there are: a deal with thousands of
// sub-processors must not bury its output under them.
const maxWarnings = 20

// warn prints a deal's warnings on standard error for a command that
// produces something else: nothing with --quiet, at most maxWarnings
// otherwise. validate, whose answer the warnings are, prints them all
// with writeWarnings.
func (a *app) warn(warnings []deal.Problem) {
	if a.quiet {
		return
	}
	shown := warnings[:min(len(warnings), maxWarnings)]
	writeWarnings(a.stderr, shown)
	if rest := len(warnings) - len(shown); rest > 0 {
		noun := "warnings"
		if rest == 1 {
			noun = "warning"
		}
		fmt.Fprintf(a.stderr, "dpakit: warning: %d more %s not shown; dpakit validate lists them all\n", rest, noun)
	}
}

// writeWarnings prints each warning on its own line, located like a
// problem: "dpakit: warning: deal.yaml:12: path: message".
func writeWarnings(w io.Writer, warnings []deal.Problem) {
	for _, p := range warnings {
		where := p.File
		if where != "" && p.Line > 0 {
			where = fmt.Sprintf("%s:%d", where, p.Line)
		}
		if where != "" {
			where += ": "
		}
		fmt.Fprintf(w, "dpakit: warning: %s%s%s\n", where, p.String(), ruleTag(p))
	}
}

// ruleTag returns the rule a problem or warning breaks, as the line that
// reports it ends: " [eu_governing_law]", the name the README's and
// docs/deal-format.md's tables of rules and warnings use; "" for none.
func ruleTag(p deal.Problem) string {
	if p.Rule == "" {
		return ""
	}
	return " [" + p.Rule + "]"
}

// writeProblems prints every problem of an invalid deal on its own line,
// with the file and line that supplied the value where known:
//
//	deal.yaml:23: scc.governing_law: "US" is not an EU Member State; ...
//
// The header names subject ("the deal deal.yaml over the profile
// vendor.yaml") when it is known.
func writeProblems(w io.Writer, ve *deal.ValidationError, subject string) {
	n := len(ve.Problems)
	noun := "problems"
	if n == 1 {
		noun = "problem"
	}
	what := "the deal is invalid"
	switch {
	case subject != "":
		what = subject + " is invalid"
	case ve.File != "":
		what = ve.File + " is invalid"
	}
	fmt.Fprintf(w, "dpakit: %s (%d %s):\n", what, n, noun)
	for _, p := range ve.Problems {
		where := p.File
		if where == "" {
			where = ve.File
		}
		if where != "" && p.Line > 0 {
			where = fmt.Sprintf("%s:%d", where, p.Line)
		}
		tag := ruleTag(p)
		switch {
		case where != "" && p.Path != "":
			fmt.Fprintf(w, "  %s: %s: %s%s\n", where, p.Path, p.Message, tag)
		case p.Path != "":
			fmt.Fprintf(w, "  %s: %s%s\n", p.Path, p.Message, tag)
		case where != "":
			fmt.Fprintf(w, "  %s: %s%s\n", where, p.Message, tag)
		default:
			fmt.Fprintf(w, "  %s%s\n", p.Message, tag)
		}
	}
}

// flagSuggestion returns "; did you mean --profile?" for an error about an
// unknown long flag close to one of c's flags (--profle), or "".
func flagSuggestion(c *cobra.Command, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return ""
	}
	name, _, _ = strings.Cut(name, "=")
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	best := suggest.Closest(name, names)
	if best == "" {
		return ""
	}
	return "; did you mean --" + best + "?"
}
