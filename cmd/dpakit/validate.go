package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/spf13/cobra"
)

func (a *app) validateCmd() *cobra.Command {
	var (
		profile string
		asJSON  bool
	)
	cmd := &cobra.Command{
		Use:   "validate DEAL",
		Short: "Check a deal file and report every problem",
		Long: `Validate decodes DEAL strictly, lays it over --profile, applies the defaults
and checks every field and every cross-field rule (SCC modules against
Clauses 9, 13, 17 and 18, breach hours, objection window against the notice
period, ...). It reports every problem at once, one per line as
"file:line: path: message" (the file and line of the key, where a file gives
it). Exit status 0 when the deal is valid, 2 when it is not.

Warnings are printed on standard error, one per line as "dpakit: warning:
file:line: path: message", and never change the exit status: the deal is
valid, but a lawyer should know, for example, that no restricted transfer
takes place (a provider in the EEA), or that a sub-processor processes data
that Annex I.B does not describe. validate prints them all, even with
--quiet; render, explain and lint --deal print the first 20 and how many
more there are, and none with --quiet. A deal given without --profile that
lacks the vendor's details (provider), which usually come from the profile,
gets no warnings: worked out without the profile's values, they may be mere
consequences of their absence. After the problems and the --profile hint,
one line says how many were left out; they are checked once --profile is
given.`,
		Example: `  dpakit validate deal.yaml --profile vendor.yaml
  dpakit validate deal.yaml --profile vendor.yaml --json   # {"valid", "problems", "warnings"}, each with file, line, path, rule, message`,
		Args: exactArgs(1, "DEAL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			defer tuneGC(1)()
			eng, err := a.load()
			if err != nil {
				return classify(err)
			}
			if asJSON {
				return a.validateJSON(eng, args[0], profile)
			}
			x, warnings, err := a.loadExplained(args[0], profile)
			warnings, err = holdBackWarnings(warnings, err, true)
			writeWarnings(a.stderr, warnings)
			if err == nil {
				err = checkDeal(eng, x, args[0], profile)
			}
			if err != nil {
				return classify(err)
			}
			writeWarnings(a.stderr, libraryWarnings(eng, x))
			fmt.Fprintf(a.stdout, "%s: valid\n", args[0])
			return nil
		},
	}
	cmd.Flags().StringVar(&profile, "profile", "", "lay the deal over the vendor profile in `FILE`")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the answer as JSON on standard output, as the API's POST /api/v1/validate gives it")
	return cmd
}

// validation is the answer of validate --json: the shape of the API's
// POST /api/v1/validate, so that a script reads both alike.
type validation struct {
	Valid    bool           `json:"valid"`
	Problems []deal.Problem `json:"problems"`
	Warnings []deal.Problem `json:"warnings"`
	// Hint is the advice the CLI prints after the problems (a forgotten
	// --profile); the API has none.
	Hint string `json:"hint,omitempty"`
}

// validateJSON answers validate --json: every problem and warning, with
// its file, line, path, rule and message, on standard output; exit status
// 0 for a valid deal and 2 for an invalid one, as without --json. An
// error that is not about the deal (an unreadable file) is reported on
// standard error as usual.
func (a *app) validateJSON(eng *assemble.Engine, dealPath, profile string) error {
	x, warnings, err := a.loadExplained(dealPath, profile)
	warnings, err = holdBackWarnings(warnings, err, false)
	if err == nil {
		if err = checkDeal(eng, x, dealPath, profile); err == nil {
			warnings = append(warnings, libraryWarnings(eng, x)...)
		}
	}
	res := validation{Valid: err == nil, Problems: []deal.Problem{}, Warnings: []deal.Problem{}}
	if err != nil {
		var ve *deal.ValidationError
		if !errors.As(err, &ve) {
			return classify(err)
		}
		res.Problems = ve.Problems
		var h *hintError
		if errors.As(err, &h) {
			res.Hint = h.hint
		}
	}
	res.Warnings = append(res.Warnings, warnings...)
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		return err
	}
	if !res.Valid {
		return &exitError{exitInvalid, errSilent}
	}
	return nil
}
