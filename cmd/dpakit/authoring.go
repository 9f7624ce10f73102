package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/dpakit/dpakit/assemble"
	"github.com/spf13/cobra"
)

func (a *app) clausesFieldsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "fields",
		Short: "List every value a clause can print, the conditions it can test and the wording functions",
		Long: `Fields lists, for a lawyer editing a clause, everything a clause can use:
every field of the deal as it is written in a clause ({{.Customer.Name}}),
with its type, meaning and its value in the example deal; the named
conditions ({{if .ProcessorCustomer}}) and methods ({{.Ref "breach"}}); and
the functions that write numbers, dates, lists and countries in legal style,
each with an example and what it prints.`,
		Example: `  dpakit clauses fields
  dpakit clauses fields | grep -i breach`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := a.load()
			if err != nil {
				return classify(err)
			}
			ex, err := exampleDeal()
			if err != nil {
				return classify(err)
			}
			w := a.stdout
			fmt.Fprintln(w, "Deal fields. Print one with {{.Customer.Name}}; a list's entries inside {{range .Subprocessors.List}} {{.Name}} {{end}};")
			fmt.Fprintln(w, "an optional mapping's fields inside {{with .Customer.DPO}} {{.Name}} {{end}}. Values are the example deal's.")
			fmt.Fprintln(w)
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "FIELD\tTYPE\tEXAMPLE\tMEANING")
			for _, f := range assemble.Fields(ex) {
				meaning := strings.ReplaceAll(f.Meaning, "`", "")
				if f.Within != "" {
					meaning += " (inside {{with " + f.Within + "}})"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Template, f.Type, clip(f.Example, 40), meaning)
			}
			tw.Flush()
			fmt.Fprintln(w, "\nConditions and methods ({{if .Specific}} ... {{else}} ... {{end}}; {{.Ref \"breach\"}}):")
			fmt.Fprintln(w)
			tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tEXAMPLE\tMEANING")
			for _, c := range eng.Conditions(ex) {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Template, c.Example, c.Meaning)
			}
			tw.Flush()
			fmt.Fprintln(w, "\nWording functions:")
			fmt.Fprintln(w)
			tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "FUNCTION\tEXAMPLE\tPRINTS\tMEANING")
			for _, h := range assemble.Helpers() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", h.Name, h.Example, h.Result, h.Meaning)
			}
			tw.Flush()
			fmt.Fprintf(w, "\nAlso allowed, from the sprig library: %s.\n", strings.Join(assemble.SprigFunctions(), ", "))
			return nil
		},
	}
}

// clip shortens s to at most n runes for a listing.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func (a *app) clausesExportCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "export DIR",
		Short: "Write the clause library (clauses, fallbacks, measures, templates) to DIR to start an edit",
		Long: `Export writes the library dpakit uses (the built-in one, or the one given with
--clauses and --templates) as plain files a legal team keeps in git:
DIR/clauses/*.md, DIR/clauses/fallbacks/*.md, DIR/clauses/measures.yaml,
DIR/clauses/versions.lock and DIR/templates/*.tmpl. DIR must not hold a
clauses or templates folder already: export never overwrites a file.
Edit the copies, then check and use them with --clauses DIR/clauses
--templates DIR/templates.`,
		Example: `  dpakit clauses export ./library
  dpakit lint --clauses ./library/clauses --templates ./library/templates`,
		Args: exactArgs(1, "DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := a.load(); err != nil {
				return classify(err) // export only a library that loads
			}
			cfs, tfs := a.libraryFS()
			dir := args[0]
			if err := checkExportDir(dir); err != nil {
				return err
			}
			n, err := exportTree(cfs, filepath.Join(dir, "clauses"), []string{"*.md", "measures.yaml", assemble.LockFile, assemble.FallbackDir + "/*.md"})
			if err != nil {
				return classify(err)
			}
			m, err := exportTree(tfs, filepath.Join(dir, "templates"), []string{"*.tmpl"})
			if err != nil {
				return classify(err)
			}
			fmt.Fprintf(a.stderr, "dpakit: wrote %d clause library files to %s and %d templates to %s\n",
				n, filepath.Join(dir, "clauses"), m, filepath.Join(dir, "templates"))
			return nil
		},
	}
}

// checkExportDir refuses, before anything is written, a DIR for clauses
// export that is not a folder (an existing file, or a path through one) or
// that holds a clauses or templates folder already: export never
// overwrites.
func checkExportDir(dir string) error {
	for p := dir; ; p = filepath.Dir(p) {
		st, err := os.Stat(p)
		if err == nil && !st.IsDir() {
			if p == dir {
				return usagef("%s is a file, not a directory: export writes the library into a folder (give a new folder's name)", dir)
			}
			return usagef("%s: %s is a file, not a directory: export writes the library into a folder (give a new folder's name)", dir, p)
		}
		if err == nil || filepath.Dir(p) == p {
			break
		}
	}
	for _, sub := range []string{"clauses", "templates"} {
		if _, err := os.Stat(filepath.Join(dir, sub)); err == nil {
			return usagef("%s already exists: export writes into a new folder and never overwrites (choose another DIR)", filepath.Join(dir, sub))
		}
	}
	return nil
}

// exportTree copies the files of fsys matching the patterns into dir,
// creating it, and refusing to replace any file.
func exportTree(fsys fs.FS, dir string, patterns []string) (int, error) {
	n := 0
	for _, pat := range patterns {
		names, err := fs.Glob(fsys, pat)
		if err != nil {
			return n, err
		}
		for _, name := range names {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return n, err
			}
			target := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return n, err
			}
			f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if errors.Is(err, fs.ErrExist) {
				return n, usagef("%s already exists; export never overwrites a file", target)
			}
			if err != nil {
				return n, err
			}
			_, werr := f.Write(data)
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				return n, werr
			}
			n++
		}
	}
	return n, nil
}
