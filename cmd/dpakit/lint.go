package main

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/lint"
	"github.com/dpakit/dpakit/assemble/outfile"
	"github.com/dpakit/dpakit/fixtures"
	"github.com/spf13/cobra"
)

func (a *app) lintCmd() *cobra.Command {
	var dealPath, profilePath string
	var updateLock bool
	cmd := &cobra.Command{
		Use:   "lint",
		Short: "Check that the clause library renders every option and covers GDPR Art. 28(3)",
		Long: `Lint parses every clause and template of the library (the built-in one, or
--clauses DIR and --templates DIR), then renders every document for every
combination of SCC modules, Clause 9 options, Clause 17 options and the UK
Addendum, Swiss and CCPA terms on and off: as the deal is, with each approved
fallback in its clause's place, and with every optional field empty. It fails
(exit status 1) with a precise report when a clause or template does not
parse, a render fails, a placeholder is left in the text, a clause is never
used, a DPA does not cover every item of GDPR Article 28(3) by its clauses'
covers tags, a value prints as nothing inside a sentence, or a clause's text
changed while its version did not (the library's versions.lock records each
version and text; --update-lock rewrites it after you bump versions). The
combinations are laid over the example deal, or over --deal.`,
		Example: `  dpakit lint
  dpakit lint --clauses ./library/clauses --templates ./library/templates
  dpakit lint --clauses ./library/clauses --templates ./library/templates --update-lock`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if profilePath != "" && dealPath == "" {
				return usagef("--profile lays the deal of --deal over a profile; without --deal, lint uses the built-in example deal over the example profile: give --deal FILE with it, or leave --profile out")
			}
			if updateLock && a.clausesDir == "" {
				return usagef("--update-lock writes the versions.lock of the library in --clauses DIR: give --clauses (the built-in library's lock is updated in this repository with --clauses clauses)")
			}
			// Lint renders thousands of documents on every core: the
			// collector paces as for a batch (about a fifth less CPU).
			defer tuneGC(runtime.GOMAXPROCS(0))()
			eng, err := a.load()
			if err != nil {
				fmt.Fprintf(a.stdout, "lint: the library does not load:\n%v\n", err)
				return &exitError{exitFailed, fmt.Errorf("lint failed")}
			}
			if updateLock {
				if eng, err = a.updateLock(cmd.Context(), eng); err != nil {
					return classify(err)
				}
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
			combos := a.lintCombinations
			if combos == nil {
				combos = lint.Combinations()
			}
			r, err := lint.RunCombinations(cmd.Context(), eng, base, v, combos)
			if err != nil {
				return err
			}
			for _, f := range r.Findings() {
				fmt.Fprintln(a.stdout, f)
			}
			for _, n := range r.Notes {
				fmt.Fprintln(a.stdout, "note: "+n)
			}
			fmt.Fprintf(a.stdout, "lint: %s, %s, %s rendered, %s\n",
				plural(len(eng.Library().Clauses()), "clause"), plural(r.Combinations, "combination"), plural(r.Documents, "document"), plural(len(r.Problems), "problem"))
			if len(r.Problems) > 0 {
				return &exitError{exitFailed, fmt.Errorf("lint found %s", plural(len(r.Problems), "problem"))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dealPath, "deal", "", "lay the combinations over the deal in `FILE` instead of the example deal")
	cmd.Flags().StringVar(&profilePath, "profile", "", "with --deal: lay the deal over the profile in `FILE`")
	cmd.Flags().BoolVar(&updateLock, "update-lock", false, "record every clause's version and text in --clauses DIR/versions.lock before linting")
	return cmd
}

// updateLock writes the library's lock file and returns the engine loaded
// again, with the new lock.
func (a *app) updateLock(ctx context.Context, eng *assemble.Engine) (*assemble.Engine, error) {
	path := filepath.Join(a.clausesDir, assemble.LockFile)
	data := lint.FormatLock(eng.Library())
	if err := outfile.Write(ctx, path, data); err != nil {
		return nil, err
	}
	fmt.Fprintf(a.stderr, "dpakit: wrote %s (%d entries)\n", path, len(eng.Library().Hashes()))
	cfs, tfs := a.libraryFS()
	return assemble.LoadEngine(cfs, tfs)
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
