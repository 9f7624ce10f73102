package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/suggest"
	"github.com/spf13/cobra"
)

func (a *app) clausesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "clauses",
		Short: "List the clause library: id, version, title and what each clause covers",
		Example: `  dpakit clauses
  dpakit clauses show breach
  dpakit clauses measures
  dpakit clauses --clauses ./my-clauses`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := a.load()
			if err != nil {
				return classify(err)
			}
			lib := eng.Library()
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tVERSION\tTITLE\tCOVERS\tWHEN\tFALLBACKS")
			for _, c := range lib.Clauses() {
				when := c.When
				if when == "" {
					when = "always"
				}
				var fbs []string
				for _, fb := range lib.Fallbacks(c.ID) {
					fbs = append(fbs, fb.Name)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Version, c.Title, strings.Join(c.Covers, ","), when, strings.Join(fbs, ","))
			}
			if err := tw.Flush(); err != nil {
				return classify(err)
			}
			if fbs := lib.AllFallbacks(); len(fbs) > 0 {
				fmt.Fprintln(a.stdout, "\nApproved fallbacks (select one in a deal with negotiated: {CLAUSE: NAME}):")
				for _, fb := range fbs {
					fmt.Fprintf(a.stdout, "  %s.%s (%s, approved by %s on %s): %s\n", fb.ID, fb.Name, fb.Version, fb.ApprovedBy, fb.Approved, fb.Changes)
				}
			}
			return nil
		},
	}
	show := &cobra.Command{
		Use:   "show ID",
		Short: "Print one clause or fallback: its front matter and source",
		Example: `  dpakit clauses show breach
  dpakit clauses show breach.phone-notice`,
		Args: exactArgs(1, "a clause ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := a.load()
			if err != nil {
				return classify(err)
			}
			if id, name, ok := strings.Cut(args[0], "."); ok {
				return a.showFallback(eng.Library(), id, name)
			}
			c, ok := eng.Library().Clause(args[0])
			if !ok {
				var ids []string
				for _, c := range eng.Library().Clauses() {
					ids = append(ids, c.ID)
				}
				if s := suggest.Closest(args[0], ids); s != "" {
					return usagef("no clause with id %q; did you mean %q? (run 'dpakit clauses' for the list)", args[0], s)
				}
				return usagef("no clause with id %q (run 'dpakit clauses' for the list)", args[0])
			}
			fmt.Fprintf(a.stdout, "id: %s\ntitle: %s\nversion: %s\n", c.ID, c.Title, c.Version)
			if c.When != "" {
				fmt.Fprintf(a.stdout, "when: %s\n", c.When)
			}
			fmt.Fprintf(a.stdout, "covers: [%s]\nfile: %s\n\n%s", strings.Join(c.Covers, ", "), c.FileName(), c.Source)
			return nil
		},
	}
	measures := &cobra.Command{
		Use:   "measures",
		Short: "List the Annex II catalogue of security measures with their ids",
		Long: `Measures lists the Annex II catalogue by category: each measure's id and
text. A measure that cites the law requiring it (the record of processing
activities) is worded per law: its text, which cites none, is what a deal
under neither the GDPR nor the FADP (a US-only deal) gets, and the indented
lines below it, labelled GDPR, FADP and GDPR and FADP, are the wording a deal
under those laws gets.`,
		Example: `  dpakit clauses measures`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := a.load()
			if err != nil {
				return classify(err)
			}
			cat := eng.Library().Catalog()
			fmt.Fprintf(a.stdout, "Annex II catalogue, version %s\n", cat.Version)
			for _, c := range cat.Categories {
				fmt.Fprintf(a.stdout, "\n%s (%s)\n", c.Title, c.ID)
				for _, m := range c.Measures {
					fmt.Fprintf(a.stdout, "  %-28s %s\n", m.ID, m.Text)
					for _, v := range m.Variants() {
						fmt.Fprintf(a.stdout, "  %-28s %s: %s\n", "", v.Laws, v.Text)
					}
				}
			}
			return nil
		},
	}
	cmd.AddCommand(show, measures, a.clausesFieldsCmd(), a.clausesExportCmd())
	return cmd
}

// showFallback prints one fallback of a clause: what it changes, who
// approved it, and its source.
func (a *app) showFallback(lib *assemble.Library, id, name string) error {
	fb, ok := lib.Fallback(id, name)
	if !ok {
		var names []string
		for _, f := range lib.AllFallbacks() {
			names = append(names, f.ID+"."+f.Name)
		}
		if len(names) == 0 {
			return usagef("no fallback %s.%s: the library has no fallbacks", id, name)
		}
		return usagef("no fallback %s.%s (want %s)", id, name, strings.Join(names, ", "))
	}
	fmt.Fprintf(a.stdout, "clause: %s\nname: %s\ntitle: %s\nversion: %s\nbased_on: %s\nchanges: %s\napproved_by: %s\napproved: %s\nfile: %s\n\n%s",
		fb.ID, fb.Name, fb.Title, fb.Version, fb.BasedOn, fb.Changes, fb.ApprovedBy, fb.Approved, fb.FileName(), fb.Source)
	return nil
}
