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
		RunE: func(*cobra.Command, []string) error { return a.listClauses() },
	}
	show := &cobra.Command{
		Use:   "show ID",
		Short: "Print one clause or fallback: its front matter and source",
		Example: `  dpakit clauses show breach
  dpakit clauses show breach.phone-notice`,
		Args: exactArgs(1, "a clause ID"),
		RunE: func(_ *cobra.Command, args []string) error { return a.showClause(args[0]) },
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
		RunE:    func(*cobra.Command, []string) error { return a.listMeasures() },
	}
	cmd.AddCommand(show, measures, a.clausesFieldsCmd(), a.clausesExportCmd())
	return cmd
}

// listClauses prints the clause library as a table, then its fallbacks
// with the version Legal approved of each.
func (a *app) listClauses() error {
	eng, err := a.load()
	if err != nil {
		return classify(err)
	}
	lib := eng.Library()
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tVERSION\tTITLE\tCOVERS\tWHEN\tFALLBACKS")
	for _, c := range lib.Clauses() {
		when := whenWords(c.When)
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
		fmt.Fprintln(a.stdout, "\nFallbacks (select one in a deal with negotiated: {CLAUSE: NAME}), each with the version of its text Legal approved:")
		unapproved := 0
		for _, fb := range fbs {
			fmt.Fprintf(a.stdout, "  %s.%s (%s): %s\n", fb.ID, fb.Name, fb.ApprovalText(), fb.Changes)
			if fb.Unapproved() {
				unapproved++
			}
		}
		if unapproved > 0 {
			fmt.Fprintf(a.stdout, "%s changed since Legal approved %s: the current text is not approved, and every deal that negotiates %s is warned (%s) until Legal approves it again.\n",
				countOf(unapproved, "fallback has", "fallbacks have"), pick(unapproved, "it", "them"), pick(unapproved, "it", "one"), assemble.WarnFallbackUnapproved)
		}
	}
	return nil
}

// showClause prints the clause or fallback ("clause.name") id: its front
// matter and source.
func (a *app) showClause(id string) error {
	eng, err := a.load()
	if err != nil {
		return classify(err)
	}
	if clause, name, ok := strings.Cut(id, "."); ok {
		return a.showFallback(eng.Library(), clause, name)
	}
	c, ok := eng.Library().Clause(id)
	if !ok {
		var ids []string
		for _, c := range eng.Library().Clauses() {
			ids = append(ids, c.ID)
		}
		if s := suggest.Closest(id, ids); s != "" {
			return usagef("no clause with id %q; %s (run 'dpakit clauses' for the list)", id, suggest.Hint(id, s, "a clause id"))
		}
		return usagef("no clause with id %q (run 'dpakit clauses' for the list)", id)
	}
	fmt.Fprintf(a.stdout, "id: %s\ntitle: %s\nversion: %s\n", c.ID, c.Title, c.Version)
	if c.When != "" {
		fmt.Fprintf(a.stdout, "when: %s (%s)\n", c.When, whenWords(c.When))
	}
	fmt.Fprintf(a.stdout, "covers: [%s]\nfile: %s\n\n%s", strings.Join(c.Covers, ", "), c.FileName(), c.Source)
	return nil
}

// listMeasures prints the Annex II catalogue by category, each measure's
// wording per law below its text.
func (a *app) listMeasures() error {
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
	fmt.Fprintf(a.stdout, "clause: %s\nname: %s\ntitle: %s\nversion: %s\nbased_on: %s\nchanges: %s\napproved_by: %s\napproved: %s\n",
		fb.ID, fb.Name, fb.Title, fb.Version, fb.BasedOn, fb.Changes, fb.ApprovedBy, fb.Approved)
	if fb.ApprovedVersion != "" {
		fmt.Fprintf(a.stdout, "approved_version: %s\n", fb.ApprovedVersion)
	}
	fmt.Fprintf(a.stdout, "approval: %s\nfile: %s\n\n%s", approvalStatus(fb), fb.FileName(), fb.Source)
	return nil
}

// approvalStatus says whether Legal's approval of a fallback covers its
// current text: when it does not, that the text is not approved and every
// deal that negotiates it is warned.
func approvalStatus(fb *assemble.Fallback) string {
	if fb.Unapproved() {
		return fmt.Sprintf("NOT APPROVED: %s; every deal that negotiates it is warned (%s) until Legal approves version %s", fb.UnapprovedMessage(), assemble.WarnFallbackUnapproved, fb.Version)
	}
	return fmt.Sprintf("the approval covers this text (version %s)", fb.Version)
}

// countOf writes n with the singular or plural phrase: "1 fallback has",
// "2 fallbacks have".
func countOf(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, pick(n, one, many))
}

// pick returns one for n == 1, otherwise many.
func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// whenWords says in words when a clause applies, for its condition (the
// when of its front matter) as the built-in library writes them; a
// condition of another library's is shown as written.
func whenWords(when string) string {
	switch strings.TrimSpace(when) {
	case "":
		return "always"
	case ".EU":
		return "EU, UK or Swiss law applies"
	case ".Clause9":
		return "SCC Clause 9 applies (modules 2, 3)"
	case ".Clause13":
		return "SCC Clause 13 applies (modules 1-3)"
	case ".UKAddendum.Enabled":
		return "UK Addendum on"
	case ".Swiss.Enabled":
		return "Swiss terms on"
	case ".CCPA.Enabled":
		return "CCPA terms on"
	case ".ControllerTransfer":
		return "Module One (controller_transfer)"
	case ".Notice":
		return "change notices"
	}
	return when
}
