package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
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
The format follows -o's extension (.pdf, .html, .md); --format must agree with
it. What was written is reported on standard error unless --quiet is given.`,
		Example: `  dpakit notice --profile fixtures/profile.yaml --old old.yaml --new new.yaml --date 2026-12-01 -o notice.pdf
  dpakit notice --profile vendor.yaml --customer deal.yaml --old old.xlsx --new new.xlsx --date 2026-12-01 -o notice.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
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
			o.format = format
			w, err := a.writerFor(o)
			if err != nil {
				return err
			}
			inputs := []string{profile, oldPath, newPath, customer}
			if err := checkOutput(out, inputs...); err != nil {
				return classify(err)
			}
			eng, err := a.load()
			if err != nil {
				return classify(err)
			}
			var d *deal.Deal
			if customer != "" {
				d, err = a.readDeal(eng, customer, profile)
			} else {
				d, err = a.readPartial(profile, "", "provider", "subprocessors", "scc.subprocessor_notice_days")
			}
			if err != nil {
				return classify(err)
			}
			old, err := a.lists.LoadFile(oldPath)
			if err != nil {
				return classify(err)
			}
			cur, err := a.lists.LoadFile(newPath)
			if err != nil {
				return classify(err)
			}
			doc, err := eng.AssembleNoticeContext(cmd.Context(), d, noticeFrom(when, old, cur))
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
			a.report(out, describeOutput(o.format, buf.Bytes())+", objection deadline "+assemble.Deadline(d, when).String())
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
	f.StringVar(&o.paper, "paper", "a4", "PDF paper size: a4 or letter")
	return cmd
}

// noticeFrom turns the difference between two lists into a notice.
func noticeFrom(date deal.Date, old, cur []deal.Subprocessor) assemble.Notice {
	return assemble.Notice{Date: date, Changes: sublist.Diff(old, cur)}
}
