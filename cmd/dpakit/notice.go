package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/listfile"
	"github.com/dpakit/dpakit/assemble/sublist"
	"github.com/spf13/cobra"
)

// noticeFlags are the flags of dpakit notice.
type noticeFlags struct {
	profile, oldPath, newPath, date, customer, out string
	o                                              renderOptions
}

func (a *app) noticeCmd() *cobra.Command {
	var nf noticeFlags
	cmd := &cobra.Command{
		Use:   "notice --profile P --old OLD --new NEW --date YYYY-MM-DD [--customer DEAL] -o FILE",
		Short: "Write the notice of a change to the sub-processor list",
		Long: `Notice compares the OLD and NEW sub-processor lists (deals, profiles, list
files or workbooks) and writes the notice letter customers must receive: what
is added, replaced, changed or removed (name, purpose, location, transfer
mechanism), where the full list is, the objection deadline as a calendar date
(the notice date plus the objection window of the customer's DPA), how to
object and what happens next. With --customer, the letter is addressed to that
customer and uses its deal's objection window; without it, the profile's.
The lists' transfer mechanisms are judged as for that customer (or the
profile): a deal with gdpr.applies: false has no restricted transfers, so
"none" fits a sub-processor in any country, and its notice states none.
The format follows -o's extension (.pdf, .docx, .html, .md); --format must agree with
it. What was written is reported on standard error unless --quiet is given.`,
		Example: `  dpakit notice --profile fixtures/profile.yaml --old old.yaml --new new.yaml --date 2026-12-01 -o notice.pdf
  dpakit notice --profile vendor.yaml --customer deal.yaml --old old.xlsx --new new.xlsx --date 2026-12-01 -o notice.html`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runNotice(cmd, &nf) },
	}
	f := cmd.Flags()
	f.StringVar(&nf.profile, "profile", "", "the vendor profile `FILE`")
	f.StringVar(&nf.oldPath, "old", "", "the list before the change (`FILE`)")
	f.StringVar(&nf.newPath, "new", "", "the list after the change (`FILE`)")
	f.StringVar(&nf.date, "date", "", "the `DATE` the notice is sent (YYYY-MM-DD)")
	f.StringVar(&nf.customer, "customer", "", "address the notice to the customer of the deal in `FILE`")
	f.StringVarP(&nf.out, "output", "o", "", "write to `FILE` instead of standard output")
	f.StringVar(&nf.o.format, "format", "", "output format: "+strings.Join(formats, ", ")+" (default: from -o, else pdf)")
	f.StringVar(&nf.o.paper, "paper", "a4", "PDF and Word paper size: a4 or letter")
	f.StringVar(&nf.o.manifest, "manifest", "", manifestFlagHelp)
	return cmd
}

// sent checks that the flags name every file notice needs and returns the
// date the notice is sent.
func (nf *noticeFlags) sent() (deal.Date, error) {
	switch {
	case nf.profile == "":
		return deal.Date{}, usagef("notice needs --profile FILE")
	case nf.oldPath == "" || nf.newPath == "":
		return deal.Date{}, usagef("notice needs --old FILE and --new FILE")
	case nf.date == "":
		return deal.Date{}, usagef("notice needs --date YYYY-MM-DD (the date the notice is sent)")
	}
	return flagDate("--date", nf.date)
}

// runNotice is dpakit notice: it reads the customer's deal (or the
// profile), the two lists, and writes the letter.
func (a *app) runNotice(cmd *cobra.Command, nf *noticeFlags) error {
	defer tuneGC(1)()
	when, err := nf.sent()
	if err != nil {
		return err
	}
	o := nf.o
	if o.format, err = outputFormat(o.format, nf.out); err != nil {
		return err
	}
	o.paperGiven = cmd.Flags().Changed("paper")
	o.date = when.Time // the notice's PDF is dated the day it is sent
	w, err := a.writerFor(o)
	if err != nil {
		return err
	}
	inputs := append([]string{nf.profile, nf.oldPath, nf.newPath, nf.customer}, a.libraryFiles()...)
	if err := checkOutput(nf.out, inputs...); err != nil {
		return classify(err)
	}
	eng, err := a.load()
	if err != nil {
		return classify(err)
	}
	d, x, err := a.noticeDeal(eng, nf)
	if err != nil {
		return classify(err)
	}
	n, err := a.noticeOf(d, x, nf, when)
	if err != nil {
		return classify(err)
	}
	doc, err := eng.AssembleNoticeContext(cmd.Context(), d, n)
	if err != nil {
		return classify(err)
	}
	var buf bytes.Buffer
	if err := w.Write(&buf, doc); err != nil {
		return classify(fmt.Errorf("write %s: %w", o.format, err))
	}
	if err := a.emit(cmd.Context(), nf.out, buf.Bytes(), binaryFormat(o.format), inputs...); err != nil {
		return classify(err)
	}
	what := ", objection deadline "
	if d.SCC.SubprocessorOption == deal.SpecificAuthorisation {
		what = ", authorisation deadline "
	}
	a.report(nf.out, describeOutput(o.format, buf.Bytes())+what+assemble.Deadline(d, when).String())
	return nil
}

// noticeDeal reads the deal the notice is given under: the customer's,
// checked and with its warnings given, with the files it came from (x, to
// locate its problems); without --customer, the profile's provider and
// sub-processor terms alone (x is nil).
func (a *app) noticeDeal(eng *assemble.Engine, nf *noticeFlags) (d *deal.Deal, x *deal.Explained, err error) {
	if nf.customer == "" {
		d, err = a.readPartial(nf.profile, "", "provider", "subprocessors", "scc.subprocessor_notice_days")
		return d, nil, err
	}
	if x, _, err = a.loadExplained(nf.customer, nf.profile); err != nil {
		return nil, nil, err
	}
	if err := checkDeal(eng, x, nf.customer, nf.profile); err != nil {
		return nil, nil, err
	}
	a.warn(libraryWarnings(eng, x))
	return x.Deal, x, nil
}

// noticeOf reads the two lists and returns the notice of the change
// between them under d, given its warnings: as it applies to the customer
// with --customer (its own list), and refused where a request for specific
// authorisation lacks a detail the customer's Annex III will print.
func (a *app) noticeOf(d *deal.Deal, x *deal.Explained, nf *noticeFlags, when deal.Date) (assemble.Notice, error) {
	// The lists are judged as lists serving d's customer (or, without
	// --customer, the profile's): a customer with no EEA, UK or Swiss
	// nexus has no restricted transfers.
	lists := a.lists.For(d)
	old, err := loadListFile(lists, nf.oldPath)
	if err != nil {
		return assemble.Notice{}, listFromProfileHint(err)
	}
	cur, err := loadListFile(lists, nf.newPath)
	if err != nil {
		return assemble.Notice{}, listFromProfileHint(err)
	}
	// A notice under a DPA that is not yet in force rests on terms that do
	// not apply yet.
	if ps := assemble.NoticeDateWarnings(d, when); ps != nil && x != nil {
		a.warn(x.Locate(ps).Problems)
	}
	n := noticeFrom(when, old, cur)
	if nf.customer != "" {
		vendor, err := a.readPartial(nf.profile, "", "subprocessors")
		if err != nil {
			return assemble.Notice{}, err
		}
		var ws []deal.Problem
		n, ws = assemble.ForCustomer(n, d, vendor.Subprocessors.List, old, cur, displayName(nf.customer))
		a.warn(ws)
	}
	// A request for specific authorisation names each sub-processor as the
	// customer's Annex III will: a missing detail is a problem of the --new
	// list's entry, named by its path there.
	if ps := assemble.RequestProblems(d, n.Changes, cur, displayName(nf.newPath), listPathOf(nf.newPath)); len(ps) > 0 {
		locateInList(nf.newPath, ps)
		return assemble.Notice{}, &deal.ValidationError{File: displayName(nf.newPath), Problems: ps}
	}
	// The new list is judged as the customer's DPA (or, without
	// --customer, the profile) judges its own list: its problems were the
	// Reader's, its warnings are these.
	a.warn(newListWarnings(d, cur, nf.newPath))
	if x != nil {
		a.warn(undescribedChanges(d, n.Changes, cur, nf.newPath))
	}
	return n, nil
}

// newListWarnings returns the warnings that the DPA of d's customer would
// give of cur, the --new list at path, as its own sub-processor list
// (deal.ListWarnings): a transfer mechanism that fits one law of the
// customer's transfers but not the other, which the notice would
// otherwise state as it stands ("None required"). They name the entries
// of the --new list.
func newListWarnings(d *deal.Deal, cur []deal.Subprocessor, path string) []deal.Problem {
	prefix := listPathOf(path)
	if prefix == "" {
		prefix = "list" // a workbook or CSV file: the rows of its list
	}
	ws := deal.ListWarnings(d, cur, prefix)
	for i := range ws {
		ws[i].File = displayName(path)
	}
	locateInList(path, ws)
	return ws
}

// listFromProfileHint adds to the refusal of a deal given as --old or
// --new that takes its list from its profile (listfile.NoListError) how
// to write the notice to that deal's customer.
func listFromProfileHint(err error) error {
	var nl *listfile.NoListError
	if !errors.As(err, &nl) {
		return err
	}
	return fmt.Errorf("%w\nhint: to address the notice to the customer of %s, give the deal with --customer (it is laid over --profile) and the lists before and after the change with --old and --new", err, displayName(nl.Name))
}

// noticeFrom turns the difference between two lists into a notice.
func noticeFrom(date deal.Date, old, cur []deal.Subprocessor) assemble.Notice {
	return assemble.Notice{Date: date, Changes: sublist.Diff(old, cur)}
}

// listPathOf returns the path of the sub-processor list in the file at
// path ("list" or "subprocessors.list"), or "" when it has none (a workbook)
// or cannot be read again.
// undescribedChanges warns of the data of each sub-processor that the
// change adds or changes and that the customer's Annex I.B (d's
// processing.data_categories) does not describe: the letter would ask the
// customer, or its Controller, to accept processing of data outside the
// DPA's description of the processing. The warnings name the entries of
// the --new list at path.
func undescribedChanges(d *deal.Deal, ch sublist.Changes, cur []deal.Subprocessor, path string) []deal.Problem {
	prefix := listPathOf(path)
	if prefix == "" {
		prefix = "list" // a workbook or CSV file: the rows of its list
	}
	ws := assemble.UndescribedChanges(d, ch, cur, prefix)
	for i := range ws {
		ws[i].File = displayName(path)
	}
	locateInList(path, ws)
	return ws
}

// locateInList sets the lines of problems found in the list file at path,
// when it is a YAML or JSON file (a deal, a profile or a list file; the
// rows of a workbook or CSV file are named by their cells instead).
func locateInList(path string, ps []deal.Problem) {
	if data, err := os.ReadFile(path); err == nil && listfile.ListPath(data, path) != "" {
		deal.LocateIn(data, ps)
	}
}

func listPathOf(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return listfile.ListPath(data, path)
}
