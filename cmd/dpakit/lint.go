package main

import (
	"fmt"
	"io/fs"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/lint"
	"github.com/dpakit/dpakit/fixtures"
	"github.com/spf13/cobra"
)

func (a *app) lintCmd() *cobra.Command {
	var dealPath, profilePath string
	cmd := &cobra.Command{
		Use:   "lint",
		Short: "Check that the clause library renders every option and covers GDPR Art. 28(3)",
		Long: `Lint parses every clause and template of the library (the built-in one, or
--clauses DIR and --templates DIR), then renders every document for every
combination of SCC modules (1, 2, 3, 2+3, 4), Clause 9 options, Clause 17
options and the UK Addendum, Swiss and CCPA terms on and off. It fails (exit
status 1) with a precise report when a clause or template does not parse, a
render fails, a placeholder is left in the text, a clause is never used, or a
DPA does not cover every item of GDPR Article 28(3) by its clauses' covers
tags. The combinations are laid over the example deal, or over --deal.`,
		Example: `  dpakit lint
  dpakit lint --clauses ./my-clauses`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := a.load()
			if err != nil {
				fmt.Fprintf(a.stdout, "lint: the library does not load:\n%v\n", err)
				return &exitError{exitFailed, fmt.Errorf("lint failed")}
			}
			var base *deal.Deal
			if dealPath != "" {
				base, err = a.readDealWarn(eng, dealPath, profilePath)
			} else {
				base, err = exampleDeal()
			}
			if err != nil {
				return classify(err)
			}
			v := deal.NewValidator(deal.Options{})
			r, err := lint.RunContext(cmd.Context(), eng, base, v)
			if err != nil {
				return err
			}
			for _, f := range r.Findings() {
				fmt.Fprintln(a.stdout, f)
			}
			fmt.Fprintf(a.stdout, "lint: %d clauses, %d combinations, %d documents rendered, %d problems\n",
				len(eng.Library().Clauses()), r.Combinations, r.Documents, len(r.Problems))
			if len(r.Problems) > 0 {
				return &exitError{exitFailed, fmt.Errorf("lint found %d problems", len(r.Problems))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dealPath, "deal", "", "lay the combinations over the deal in `FILE` instead of the example deal")
	cmd.Flags().StringVar(&profilePath, "profile", "", "with --deal: lay the deal over the profile in `FILE`")
	return cmd
}

// exampleDeal returns the built-in example deal laid over the example
// profile.
func exampleDeal() (*deal.Deal, error) {
	data, err := fs.ReadFile(fixtures.FS, fixtures.ExampleDeal)
	if err != nil {
		return nil, err
	}
	profile, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		return nil, err
	}
	return deal.Load(data, fixtures.ExampleDeal, profile, fixtures.Profile)
}
