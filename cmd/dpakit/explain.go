package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/spf13/cobra"
)

func (a *app) explainCmd() *cobra.Command {
	var profile string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "explain DEAL",
		Short: "Show the effective deal: what was negotiated, and every term with where it came from",
		Long: `Explain prints the effective deal that the documents are made from. First the
deviations from the vendor's standard terms (the profile given with --profile):
every value that differs, each approved fallback clause and each rider, in
plain English with the standard beside it ("breach notice 24 hours (standard
48)"). Then every term of the deal with its value and its source: the deal
file, the profile, a default, or derived from another field (the supervisory
authority from the customer's country, say). Nothing is rendered; the deal is
validated as render validates it. The terms that do not apply to the deal
(the SCC, UK Addendum and Swiss terms of a US-only deal) are listed apart,
after the others. A fallback negotiated in the deal that prints, in this
deal, the same clause as the standard (late-objection under Clause 9 Option
1) is no deviation: it is listed apart, after the deviations, as negotiated
but without effect. --json gives the same for other systems
("without_effect" holds those fallbacks); a term that does not apply there
carries "not_applicable" with the reason.`,
		Example: `  dpakit explain fixtures/deals/negotiated.yaml --profile fixtures/profile.yaml
  dpakit explain deal.yaml --profile vendor.yaml --json`,
		Args: exactArgs(1, "DEAL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			defer tuneGC(1)()
			eng, x, err := a.readExplained(args[0], profile)
			if err != nil {
				return classify(err)
			}
			e := assemble.Explain(x, eng.Library())
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return classify(enc.Encode(e))
			}
			a.printExplanation(x, e, profile)
			return nil
		},
	}
	cmd.Flags().StringVar(&profile, "profile", "", "lay the deal over the vendor profile in `FILE`; its terms are the standard")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: {deviations: [{path, text, source}], without_effect: [{path, text, source}], terms: [{path, value, source, not_applicable}]} (not_applicable, the reason, only on a term that does not apply)")
	return cmd
}

// printExplanation writes the effective deal for a reader: deviations
// first, then every term.
func (a *app) printExplanation(x *deal.Explained, e assemble.Effective, profile string) {
	w := a.stdout
	fmt.Fprintf(w, "Effective deal %s: %s and %s\n\n", x.Reference, x.Customer.Name, x.Provider.Name)
	switch {
	case profile == "":
		fmt.Fprintln(w, "Deviations: none measured, as no profile was given (--profile FILE holds the standard terms).")
	case len(e.Deviations) == 0:
		fmt.Fprintf(w, "Deviations from the standard terms of %s: none.\n", profile)
	default:
		fmt.Fprintf(w, "Deviations from the standard terms of %s (%d):\n", profile, len(e.Deviations))
		for _, dv := range e.Deviations {
			fmt.Fprintf(w, "  - %s [%s]\n", dv.Text, sourceText(dv.Source))
		}
	}
	printWithoutEffect(w, e.WithoutEffect)
	fmt.Fprintln(w, "\nTerms, with where each value came from:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	var inapplicable []assemble.Term
	for _, t := range e.Terms {
		if t.NotApplicable != "" {
			inapplicable = append(inapplicable, t)
			continue
		}
		v := t.Value
		if v == "" {
			v = "-"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", t.Path, clip(v, 70), sourceText(t.Source))
	}
	tw.Flush()
	printInapplicable(w, inapplicable)
}

// printWithoutEffect lists, after the deviations and not counted among
// them, the fallbacks the deal negotiates that its DPA does not show (the
// clause prints as the standard's in this deal), so that a reviewer who
// finds one in the deal file learns why no deviation names it.
func printWithoutEffect(w io.Writer, devs []assemble.SourcedDeviation) {
	if len(devs) == 0 {
		return
	}
	fmt.Fprintf(w, "\nNegotiated but without effect in this deal, so not counted as deviations (%d):\n", len(devs))
	for _, dv := range devs {
		fmt.Fprintf(w, "  - %s [%s]\n", dv.Text, sourceText(dv.Source))
	}
}

// printInapplicable lists, after the terms, the terms that do not apply to
// the deal (the SCC, UK Addendum and Swiss terms of a US-only deal; the EU
// selections the UK Addendum replaces in a UK-only deal), grouped by
// reason in the order the reasons first appear, so that no one reads a
// profile's SCC choice as part of it.
func printInapplicable(w io.Writer, terms []assemble.Term) {
	var reasons []string
	byReason := map[string][]string{}
	for _, t := range terms {
		if _, seen := byReason[t.NotApplicable]; !seen {
			reasons = append(reasons, t.NotApplicable)
		}
		byReason[t.NotApplicable] = append(byReason[t.NotApplicable], t.Path)
	}
	for _, r := range reasons {
		printPaths(w, r, byReason[r])
	}
}

// printPaths prints one group of inapplicable terms under its reason,
// wrapped at 100 columns.
func printPaths(w io.Writer, reason string, paths []string) {
	fmt.Fprintf(w, "\nNot applicable (%s):\n", reason)
	line := " "
	for i, p := range paths {
		if i < len(paths)-1 {
			p += ","
		}
		if len(line)+1+len(p) > 100 {
			fmt.Fprintln(w, line)
			line = " "
		}
		line += " " + p
	}
	fmt.Fprintln(w, line)
}

// sourceText says where a value came from, for a reader.
func sourceText(s deal.Source) string {
	switch s.Origin {
	case deal.FromDeal:
		return "deal"
	case deal.FromProfile:
		return "profile"
	case deal.FromDefault:
		return "default"
	case deal.Derived:
		return "derived from " + s.From
	}
	return "not set"
}
