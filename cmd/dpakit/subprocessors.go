package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/listfile"
	"github.com/dpakit/dpakit/assemble/outfile"
	"github.com/dpakit/dpakit/assemble/sublist"
	"github.com/dpakit/dpakit/assemble/workbook"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

func (a *app) subprocessorsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "subprocessors",
		Short: "Export, import and compare sub-processor lists",
		Long: `The sub-processor list lives in the profile (or a deal) under
subprocessors.list; it is the list Annex III of every DPA prints.
export writes it as an Excel workbook for RFPs, import reads a workbook or CSV
file (ours or a customer's) into the deal format, and diff compares two lists.`,
		Example: `  dpakit subprocessors export fixtures/profile.yaml --as-of 2026-12-01 -o subprocessors.xlsx
  dpakit subprocessors import customer-sheet.xlsx -o list.yaml
  dpakit subprocessors diff fixtures/profile.yaml fixtures/lists/planned.yaml`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.exportCmd(), a.importCmd(), a.diffCmd())
	return cmd
}

func (a *app) exportCmd() *cobra.Command {
	var profile, out, asOf, listVersion, method string
	cmd := &cobra.Command{
		Use:   "export DEAL|PROFILE [-o FILE.xlsx|FILE.csv|-]",
		Short: "Write the sub-processor list as an Excel workbook or a CSV file",
		Long: `Export writes the sub-processor list of a deal or profile (laid over
--profile, if given) as an Excel workbook: a cover sheet (vendor, list version
and date, objection window and advance notice, how notices are sent, privacy
contact, column legend) and the list as a filterable Excel table. The "as of"
date is --as-of, else the deal's effective date; a profile without one needs
--as-of (export never reads the clock). The same list and date always give
the same bytes. With -o FILE.csv it writes the list's table alone as CSV
(UTF-8, the workbook's columns and cell texts), for those without a
spreadsheet program; import reads it back unchanged. Without -o, or with
-o -, the workbook goes to standard output, unless that is a terminal (give
-o FILE, or -o - to write it there all the same).`,
		Example: `  dpakit subprocessors export fixtures/profile.yaml -o subprocessors.xlsx --as-of 2026-12-01
  dpakit subprocessors export fixtures/profile.yaml -o subprocessors.csv
  dpakit subprocessors export fixtures/profile.yaml --as-of 2026-12-01 > subprocessors.xlsx
  dpakit subprocessors export deal.yaml --profile vendor.yaml -o list.xlsx --list-version v14`,
		Args: exactArgs(1, "DEAL or PROFILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.refuseTerminal(out, true); err != nil {
				return err
			}
			if err := checkOutput(out, args[0], profile); err != nil {
				return classify(err)
			}
			ext := strings.ToLower(filepath.Ext(out))
			if ext != ".xlsx" && ext != ".csv" && ext != "" && !isDevice(out) {
				return usagef("subprocessors export writes an Excel workbook (.xlsx) or a CSV file (.csv), not %s", ext)
			}
			if ext == ".csv" {
				// The CSV file is the list's table alone: it has no cover
				// sheet to carry a date, version or notice method.
				for _, name := range []string{"as-of", "list-version", "notice-method"} {
					if cmd.Flags().Changed(name) {
						return usagef("--%s is for the workbook's cover sheet, which a CSV file (-o %s) does not have", name, out)
					}
				}
			}
			x, warnings, err := a.readPartialExplained(args[0], profile, "provider", "subprocessors", "scc.subprocessor_notice_days")
			if err != nil {
				return classify(err)
			}
			d := x.Deal
			// The list is judged as its DPA judges it: a workbook says
			// "None required" only where the DPA would not warn.
			a.warn(listWarnings(warnings))
			if ext == ".csv" {
				return a.exportCSV(cmd.Context(), out, d, args[0], profile)
			}
			date, err := pickDate(asOf, d.EffectiveDate, args[0])
			if err != nil {
				return err
			}
			if err := oneLineFlag("--list-version", listVersion, 100); err != nil {
				return err
			}
			if err := oneLineFlag("--notice-method", method, 300); err != nil {
				return err
			}
			if listVersion == "" {
				listVersion = date.String()
			}
			later := addedAfter(d.Subprocessors.List, date)
			x.Locate(later)
			a.warn(later)
			var buf bytes.Buffer
			if err := workbook.Export(&buf, workbook.FromDeal(d, listVersion, date, method)); err != nil {
				return classify(fmt.Errorf("export workbook: %w", err))
			}
			if err := a.emit(cmd.Context(), out, buf.Bytes(), true, args[0], profile); err != nil {
				return classify(err)
			}
			a.report(out, fmt.Sprintf("Excel workbook, %s as of %s, %s", plural(len(d.Subprocessors.List), "sub-processor"), date, byteSize(buf.Len())))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&profile, "profile", "", "lay the file over the vendor profile in `FILE`")
	f.StringVarP(&out, "output", "o", "", "write the workbook to `FILE` (.xlsx; .csv for the list alone) instead of standard output")
	f.StringVar(&asOf, "as-of", "", "the `DATE` (YYYY-MM-DD) the list is current at")
	f.StringVar(&listVersion, "list-version", "", "the list's version label (default: the as-of date)")
	f.StringVar(&method, "notice-method", "", "how change notices are sent, as printed on the cover sheet")
	return cmd
}

// listWarnings keeps, of a deal's warnings, those of its sub-processor
// list (deal.ListWarningRules), which the workbook of that list states
// too: a transfer mechanism that fits one law of the deal's transfers but
// not the other.
func listWarnings(warnings []deal.Problem) []deal.Problem {
	rules := deal.ListWarningRules()
	var out []deal.Problem
	for _, w := range warnings {
		if slices.Contains(rules, w.Rule) {
			out = append(out, w)
		}
	}
	return out
}

// ruleAddedAfterAsOf names the warning of a workbook that lists as current
// a sub-processor added after its as-of date.
const ruleAddedAfterAsOf = "added_after_as_of"

// addedAfter warns of each entry of list added after asOf, the date the
// workbook says the list is current at: the workbook would show a
// sub-processor not yet engaged as one that is.
func addedAfter(list []deal.Subprocessor, asOf deal.Date) []deal.Problem {
	var ws []deal.Problem
	for i, s := range list {
		if !s.Added.IsZero() && s.Added.After(asOf.Time) {
			ws = append(ws, deal.Problem{Path: fmt.Sprintf("subprocessors.list[%d].added", i), Rule: ruleAddedAfterAsOf,
				Message: fmt.Sprintf("%s is listed as added on %s, after the workbook's as-of date %s, yet the workbook shows it as current on that date; give --as-of on or after %s, or leave it out of the list until then",
					s.Name, s.Added, asOf, s.Added)})
		}
	}
	return ws
}

// exportCSV writes the sub-processor list of d as a CSV file at out (see
// workbook.ExportCSV): the workbook's table without its cover sheet, so it
// needs no date.
func (a *app) exportCSV(ctx context.Context, out string, d *deal.Deal, inputs ...string) error {
	var buf bytes.Buffer
	if err := workbook.ExportCSV(&buf, workbook.FromDeal(d, "", deal.Date{}, "")); err != nil {
		return classify(err)
	}
	if err := a.emit(ctx, out, buf.Bytes(), false, inputs...); err != nil {
		return classify(err)
	}
	a.report(out, fmt.Sprintf("CSV file, %s, %s", plural(len(d.Subprocessors.List), "sub-processor"), byteSize(buf.Len())))
	return nil
}

// oneLineFlag refuses a text flag that the workbook's cover prints when it
// is longer than max characters or is not one line of printable text (a
// line break, a tab, a control character), as a usage error naming it.
func oneLineFlag(name, value string, max int) error {
	if n := utf8.RuneCountInString(value); n > max {
		return usagef("%s is %d characters long; the cover sheet takes at most %d", name, n, max)
	}
	if !utf8.ValidString(value) {
		return usagef("%s is not valid UTF-8 text", name)
	}
	for _, r := range value {
		// A no-break or other space pasted from a document is text; a
		// line break, a tab or another control character is not.
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return usagef("%s holds %U, a line break or control character: give one line of text", name, r)
		}
	}
	return nil
}

// flagDate reads the YYYY-MM-DD value of the date flag name, which must
// lie in deal.DateRange as every date dpakit takes does: 0001-01-01 (the
// zero date, which would read as no date) and 9999-12-31 are typing
// mistakes, refused as a usage error naming the flag.
func flagDate(name, value string) (deal.Date, error) {
	d, err := deal.ParseDate(value)
	if err != nil {
		return deal.Date{}, usagef("%s: %v", name, err)
	}
	if !deal.DateInRange(d) {
		return deal.Date{}, usagef("%s: %s is outside the accepted range %s", name, value, deal.DateRange)
	}
	return d, nil
}

// pickDate returns the flag's date, else the fallback (the effective date of
// the deal in file). Without either it is a usage error: the workbook's
// date is never taken from the clock, so that the same inputs give the same
// bytes on any day.
func pickDate(flag string, fallback deal.Date, file string) (deal.Date, error) {
	if flag != "" {
		return flagDate("--as-of", flag)
	}
	if !fallback.IsZero() {
		return fallback, nil
	}
	return deal.Date{}, usagef("subprocessors export: %s has no effective_date to date the list by: give the date the list is current at with --as-of YYYY-MM-DD", file)
}

func (a *app) importCmd() *cobra.Command {
	var out, into, dealPath string
	cmd := &cobra.Command{
		Use:   "import FILE.xlsx|FILE.csv [-o list.yaml | --into PROFILE]",
		Short: "Read a sub-processor workbook or CSV file into the deal format",
		Long: `Import reads a sub-processor list from an Excel workbook or a CSV file: one
exported by dpakit, or a customer's sheet whose headers are matched
case-insensitively with common synonyms ("Entity", "Vendor", "Location",
"Purpose of processing", ...). Country names are understood in English and
in the EEA's languages ("Deutschland", "Frankreich", "España"); data
categories may be separated by semicolons, line breaks or commas (a cell
with a semicolon or line break is split only there, so write "Device logs,
statuses and progress; IP address" to keep a comma inside a category).
Every bad cell is reported with its sheet, row and column, all at once, and
nothing is written; what the sheet leaves out and the import fills in (no
Category column, no descriptions) is noted on standard error.

The result is a list file (a YAML mapping with one key, list:) that diff,
notice and a profile's subprocessors.list accept, written to -o FILE or
standard output. With --into PROFILE, the list replaces the one in the
profile, deal or list file PROFILE instead, keeping every other line and
comment of it, and every entry the new list leaves unchanged, as it was; the file is replaced in one step, and not at all
when anything fails.

The list is checked by the rules of a deal's list. A transfer mechanism is
judged, and "none" filled in where the sheet gives none, from where the data
comes from: as for the customer of the deal (or vendor of the profile) given
with --deal; else, with --into, as the profile or deal PROFILE's own
gdpr.applies says; else as under the GDPR ("none" only for the EEA). For a
US-only vendor (gdpr.applies: false) no transfer is restricted, so a row
anywhere without a Transfer mechanism gets "none".`,
		Example: `  dpakit subprocessors import vendor-list.xlsx -o list.yaml
  dpakit subprocessors import customer-sheet.csv
  dpakit subprocessors import new-list.xlsx --into vendor-profile.yaml
  dpakit subprocessors import us-list.csv --deal us-customer.yaml -o list.yaml`,
		Args: exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out != "" && into != "" {
				return usagef("give -o FILE or --into PROFILE, not both")
			}
			if err := checkOutput(out, args[0]); err != nil {
				return classify(err)
			}
			if ext := strings.ToLower(filepath.Ext(out)); out != "" && ext != ".yaml" && ext != ".yml" && ext != "" && !isDevice(out) {
				return usagef("subprocessors import writes a YAML list file: name the file .yaml, not %s (export writes the workbook)", ext)
			}
			if err := checkOutput(into, args[0]); err != nil {
				return classify(err)
			}
			if err := sublist.CheckName(args[0]); err != nil {
				return classify(err)
			}
			data, err := readLimited(cmd.Context(), args[0], sheetInput)
			if err != nil {
				return classify(err)
			}
			lists, err := a.importRules(cmd.Context(), dealPath, into)
			if err != nil {
				return classify(err)
			}
			list, notes, err := lists.ImportNotes(cmd.Context(), data, args[0])
			if err != nil {
				return classify(err)
			}
			if into != "" && len(list) == 0 {
				// A header row alone (an emptied sheet, the wrong tab
				// exported) would wipe the list in the file.
				return usagef("%s has no sub-processor row, only its header: importing it --into %s would remove every sub-processor there; check the file (to empty the list on purpose, edit %s)", displayName(args[0]), displayName(into), displayName(into))
			}
			if into != "" {
				err = a.importInto(cmd.Context(), into, args[0], list)
			} else {
				err = a.importTo(cmd.Context(), out, args[0], list)
			}
			if err != nil {
				return classify(err)
			}
			if !a.quiet {
				for _, n := range notes {
					fmt.Fprintf(a.stderr, "note: %s\n", n)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the list to `FILE` instead of standard output")
	cmd.Flags().StringVar(&into, "into", "", "replace the sub-processor list inside the profile, deal or list `FILE`, keeping its comments")
	cmd.Flags().StringVar(&dealPath, "deal", "", "judge transfer mechanisms as for the customer of the deal (or profile) in `FILE`")
	return cmd
}

// importRules returns the list reader an import checks its rows with: as
// for the customer of the deal at dealPath if given, else as the file the
// list goes into says of itself (its gdpr setting), else a.lists's.
func (a *app) importRules(ctx context.Context, dealPath, into string) (*listfile.Reader, error) {
	if dealPath != "" {
		d, err := a.readPartial(dealPath, "", "gdpr")
		if err != nil {
			return nil, err
		}
		return a.lists.For(d), nil
	}
	if into == "" {
		return a.lists, nil
	}
	data, err := readLimited(ctx, into, listInput)
	if err != nil {
		return nil, err
	}
	return a.lists.ForFile(data, into), nil
}

// importTo writes an imported list as a list file to out, or to standard
// output.
func (a *app) importTo(ctx context.Context, out, input string, list []deal.Subprocessor) error {
	y, err := listfile.Marshal(list)
	if err != nil {
		return err
	}
	if err := a.emit(ctx, out, y, false, input); err != nil {
		return err
	}
	a.report(out, fmt.Sprintf("list of %s", plural(len(list), "sub-processor")))
	return nil
}

// importInto replaces the list inside the YAML file target by an imported
// list (see listfile.ReplaceList), writing the file atomically.
func (a *app) importInto(ctx context.Context, target, input string, list []deal.Subprocessor) error {
	data, err := readLimited(ctx, target, listInput)
	if err != nil {
		return err
	}
	if err := checkDecodes(data, target); err != nil {
		return err
	}
	// The list the file held, if it held a valid one, to say what changed.
	old, oldErr := a.lists.Load(data, target)
	updated, err := a.lists.ReplaceList(data, target, list)
	if err != nil {
		return err
	}
	if err := outfile.Write(ctx, target, updated, input); err != nil {
		return err
	}
	what := fmt.Sprintf("list of %s written", plural(len(list), "sub-processor"))
	if oldErr == nil {
		ch := sublist.Diff(old, list)
		what = fmt.Sprintf("list of %s put in place (%d added, %d removed, %d changed)",
			plural(len(list), "sub-processor"), len(ch.Added), len(ch.Removed), len(ch.Changed))
	}
	a.report(target, what)
	return nil
}

// checkDecodes refuses an --into file whose YAML (or JSON) does not decode:
// a syntax error or a key given twice is the file's fault, which no list
// put into it mends, so it is a usage error naming the file and the line,
// and the file is left as it was.
func checkDecodes(data []byte, target string) error {
	var v any
	err := yaml.Unmarshal(data, &v)
	if err == nil {
		return nil
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msg = strings.Join(te.Errors, "; ")
	}
	return usagef("--into %s: %s: fix the file first (it is left as it was)", target, msg)
}

// readLimited reads the whole file at path, which should hold k, through
// k's limit (a FIFO or a device has no size to check beforehand): a
// directory, or a file over the limit, is a usage error naming what the
// file should be (see openInput and tooLarge). A cancelled ctx closes the
// file, which ends a read waiting on a FIFO.
func readLimited(ctx context.Context, path string, k inputKind) ([]byte, error) {
	f, err := openInput(path, k)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	stop := context.AfterFunc(ctx, func() { f.Close() })
	defer stop()
	data, over, err := readUpTo(f, k.readBound())
	if cerr := ctx.Err(); cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return nil, readError(path, err)
	}
	if over {
		return nil, tooLarge(path, k)
	}
	return data, nil
}

// errListsDiffer is diff's answer "the lists differ": exit 1, no message
// (the changes are on standard output).
var errListsDiffer = &exitError{code: exitFailed, err: errSilent}

func (a *app) diffCmd() *cobra.Command {
	var (
		asJSON   bool
		dealPath string
	)
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "List the sub-processors added, removed and changed between two lists",
		Long: `Diff compares two sub-processor lists, matching entries by name
(case-insensitively), and lists what was added, removed and changed (with the
fields that changed). OLD and NEW may each be a deal or profile (its
subprocessors.list), a list file written by import, or an xlsx/csv workbook.
Like diff(1), it exits 0 when the lists are the same, 1 when they differ and
2 when an input is missing or invalid.

Each list is checked by the rules of a deal's list. A transfer mechanism is
judged from where the data comes from: as for the customer of the deal given
with --deal; else, for a deal or profile, as its own gdpr.applies says; else
as for data from the EEA. A deal with gdpr.applies: false (a customer with no
EEA, UK or Swiss nexus) has no restricted transfers, so "none" fits a
sub-processor in any country.`,
		Example: `  dpakit subprocessors diff old-profile.yaml new-profile.yaml
  dpakit subprocessors diff list-2026-11.xlsx list-2026-12.xlsx --json
  dpakit subprocessors diff old.yaml new.yaml --deal us-customer.yaml`,
		Args: exactArgs(2, "OLD and NEW"),
		RunE: func(cmd *cobra.Command, args []string) error {
			lists := a.lists
			if dealPath != "" {
				d, err := a.readPartial(dealPath, "", "gdpr")
				if err != nil {
					return classify(err)
				}
				lists = lists.For(d)
			}
			old, err := loadListFile(lists, args[0])
			if err != nil {
				return classify(err)
			}
			cur, err := loadListFile(lists, args[1])
			if err != nil {
				return classify(err)
			}
			ch := sublist.Diff(old, cur)
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				err = enc.Encode(ch)
			} else {
				err = ch.WriteText(a.stdout)
			}
			if err != nil {
				return classify(err)
			}
			if !ch.Empty() {
				return errListsDiffer
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "write the changes as JSON for tools")
	cmd.Flags().StringVar(&dealPath, "deal", "", "judge transfer mechanisms as for the customer of the deal (or profile) in `FILE`")
	return cmd
}
