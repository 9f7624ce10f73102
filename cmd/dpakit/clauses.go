package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

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
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := a.load()
			if err != nil {
				return classify(err)
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tVERSION\tTITLE\tCOVERS\tWHEN")
			for _, c := range eng.Library().Clauses() {
				when := c.When
				if when == "" {
					when = "always"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.ID, c.Version, c.Title, strings.Join(c.Covers, ","), when)
			}
			return classify(tw.Flush())
		},
	}
	show := &cobra.Command{
		Use:     "show ID",
		Short:   "Print one clause: its front matter and source",
		Example: `  dpakit clauses show breach`,
		Args:    exactArgs(1, "a clause ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := a.load()
			if err != nil {
				return classify(err)
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
		Use:     "measures",
		Short:   "List the Annex II catalogue of security measures with their ids",
		Example: `  dpakit clauses measures`,
		Args:    cobra.NoArgs,
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
				}
			}
			return nil
		},
	}
	cmd.AddCommand(show, measures)
	return cmd
}
