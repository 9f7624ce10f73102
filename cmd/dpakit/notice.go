package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/listfile"
	"github.com/dpakit/dpakit/assemble/sublist"
	"github.com/spf13/cobra"
)

func (a *app) noticeCmd() *cobra.Command {
	var (
		profile, oldPath, newPath, date, customer, out string
		o                                              renderOptions
	)
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			defer tuneGC(1)()
			switch {
			case profile == "":
				return usagef("notice needs --profile FILE")
			case oldPath == "" || newPath == "":
				return usagef("notice needs --old FILE and --new FILE")
			case date == "":
				return usagef("notice needs --date YYYY-MM-DD (the date the notice is sent)")
			}
			when, err := deal.ParseDate(date)
			if err != nil {
				return usagef("--date: %v", err)
			}
			format, err := outputFormat(o.format, out)
			if err != nil {
				return err
			}
			o.format, o.paperGiven = format, cmd.Flags().Changed("paper")
			o.date = when.Time // the notice's PDF is dated the day it is sent
			w, err := a.writerFor(o)
			if err != nil {
				return err
			}
			inputs := append([]string{profile, oldPath, newPath, customer}, a.libraryFiles()...)
			if err := checkOutput(out, inputs...); err != nil {
				return classify(err)
			}
			eng, err := a.load()
			if err != nil {
				return classify(err)
			}
			var (
				d *deal.Deal
				x *deal.Explained // the customer's deal with its files, to locate its problems
			)
			if customer != "" {
				if x, _, err = a.loadExplained(customer, profile); err == nil {
					if err = checkDeal(eng, x, customer, profile); err == nil {
						a.warn(libraryWarnings(eng, x))
					}
					d = x.Deal
				}
			} else {
				d, err = a.readPartial(profile, "", "provider", "subprocessors", "scc.subprocessor_notice_days")
			}
			if err != nil {
				return classify(err)
			}
			// The lists are judged as lists serving d's customer (or, without
			// --customer, the profile's): a customer with no EEA, UK or
			// Swiss nexus has no restricted transfers.
			lists := a.lists.For(d)
			old, err := lists.LoadFile(oldPath)
			if err != nil {
				return classify(err)
			}
			cur, err := lists.LoadFile(newPath)
			if err != nil {
				return classify(err)
			}
			// A notice under a DPA that is not yet in force rests on terms
			// that do not apply yet.
			if ps := assemble.NoticeDateWarnings(d, when); ps != nil && x != nil {
				a.warn(x.Locate(ps).Problems)
			}
			n := noticeFrom(when, old, cur)
			if customer != "" {
				vendor, err := a.readPartial(profile, "", "subprocessors")
				if err != nil {
					return classify(err)
				}
				var ws []deal.Problem
				n, ws = assemble.ForCustomer(n, d, vendor.Subprocessors.List, old, cur, displayName(customer))
				a.warn(ws)
			}
			// A request for specific authorisation names each sub-processor
			// as the customer's Annex III will: a missing detail is a
			// problem of the --new list's entry, named by its path there.
			if ps := assemble.RequestProblems(d, n.Changes, cur, displayName(newPath), listPathOf(newPath)); len(ps) > 0 {
				locateInList(newPath, ps)
				return classify(&deal.ValidationError{File: displayName(newPath), Problems: ps})
			}
			if x != nil {
				a.warn(undescribedChanges(d, n.Changes, cur, newPath))
			}
			doc, err := eng.AssembleNoticeContext(cmd.Context(), d, n)
			if err != nil {
				return classify(err)
			}
			var buf bytes.Buffer
			if err := w.Write(&buf, doc); err != nil {
				return classify(fmt.Errorf("write %s: %w", o.format, err))
			}
			if err := a.emit(cmd.Context(), out, buf.Bytes(), binaryFormat(o.format), inputs...); err != nil {
				return classify(err)
			}
			what := ", objection deadline "
			if d.SCC.SubprocessorOption == deal.SpecificAuthorisation {
				what = ", authorisation deadline "
			}
			a.report(out, describeOutput(o.format, buf.Bytes())+what+assemble.Deadline(d, when).String())
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&profile, "profile", "", "the vendor profile `FILE`")
	f.StringVar(&oldPath, "old", "", "the list before the change (`FILE`)")
	f.StringVar(&newPath, "new", "", "the list after the change (`FILE`)")
	f.StringVar(&date, "date", "", "the `DATE` the notice is sent (YYYY-MM-DD)")
	f.StringVar(&customer, "customer", "", "address the notice to the customer of the deal in `FILE`")
	f.StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	f.StringVar(&o.format, "format", "", "output format: "+strings.Join(formats, ", ")+" (default: from -o, else pdf)")
	f.StringVar(&o.paper, "paper", "a4", "PDF and Word paper size: a4 or letter")
	f.StringVar(&o.manifest, "manifest", "", manifestFlagHelp)
	return cmd
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
