package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// pageFlag is an output flag that only some formats use: given for output
// in none of them, it is refused rather than ignored.
type pageFlag struct {
	name    string   // the flag, without its dashes
	formats []string // the formats that use it
	purpose string   // what it does: "--paper sets the page size of a PDF or Word file"
	lacks   string   // what a file of another format lacks: "has no pages"
	needs   string   // the files it acts on: "PDF or Word file"
}

// pageFlags returns the output flags that only some formats use, the
// same for render and batch (--date dates a PDF and a Word file alike).
func pageFlags() []pageFlag {
	return []pageFlag{
		{"esign-anchors", []string{"pdf"}, "--esign-anchors places anchor text in the PDF's signature blocks", "has none", "PDF"},
		{"manifest", []string{"pdf"}, "--manifest chooses what a PDF carries as its attached manifest.json", "carries none", "PDF"},
		{"paper", []string{"pdf", "docx"}, "--paper sets the page size of a PDF or Word file", "has no pages", "PDF or Word file"},
		{"date", []string{"pdf", "docx"}, "--date records the creation date of a PDF or Word file", "records none", "PDF or Word file"},
	}
}

// usedBy reports whether a file of one of formats uses the flag.
func (p pageFlag) usedBy(formats []string) bool {
	for _, f := range formats {
		if slices.Contains(p.formats, f) {
			return true
		}
	}
	return false
}

// refuseForFormat refuses, naming the flag and why, the first of the
// flags given (see given) that a file of format does not use (render and
// notice write one file).
func refuseForFormat(flags []pageFlag, given func(string) bool, format string) error {
	for _, p := range flags {
		if !given(p.name) || p.usedBy([]string{format}) {
			continue
		}
		fix := "leave the flag out"
		if !slices.Contains(p.formats, "docx") {
			fix = "write a PDF or leave the flag out"
		}
		return usagef("%s; %s file %s: %s", p.purpose, aFormat(format), p.lacks, fix)
	}
	return nil
}

// refuseForBatch refuses, naming the flag and why, the first of the flags
// given that no file of a batch uses: the batch writes docs in each of
// formats, but the workbook (subprocessors), which is always .xlsx.
func refuseForBatch(flags []pageFlag, given func(string) bool, docs, formats []string, workbook string) error {
	onlyWorkbook := !slices.ContainsFunc(docs, func(d string) bool { return d != workbook })
	for _, p := range flags {
		switch {
		case !given(p.name):
		case onlyWorkbook:
			return usagef("%s; --docs %s makes the workbook (.xlsx) alone, which %s: leave the flag out", p.purpose, strings.Join(docs, ","), p.lacks)
		case !p.usedBy(formats):
			return usagef("%s; --format %s makes no %s: add %s to --format or leave the flag out", p.purpose, strings.Join(formats, ","), p.needs, strings.Join(p.formats, " or "))
		}
	}
	return nil
}

// onceValue is the value of a flag that takes one value, refusing a
// second: given twice (-o a.pdf -o b.pdf) the flag would otherwise keep
// the last value without a word.
type onceValue struct {
	pflag.Value
	given bool
	first string
}

// Set sets the value the first time and refuses any other.
func (v *onceValue) Set(s string) error {
	if v.given {
		return fmt.Errorf("the flag is given twice (%q, then %q): give it once", v.first, s)
	}
	v.given, v.first = true, s
	return v.Value.Set(s)
}

// refuseRepeats makes every flag of cmd and its subcommands that takes
// one value refuse a second (see onceValue), so that the command line
// fails with exit 2 naming the flag. A flag that takes a list (batch's
// --docs and --format) adds to it, and a switch (--quiet) given twice
// means the same, so they are left as they are.
func refuseRepeats(cmd *cobra.Command) {
	wrap := func(f *pflag.Flag) {
		if _, done := f.Value.(*onceValue); done {
			return
		}
		if t := f.Value.Type(); t == "bool" || strings.HasSuffix(t, "Slice") || strings.HasSuffix(t, "Array") {
			return
		}
		f.Value = &onceValue{Value: f.Value}
	}
	cmd.PersistentFlags().VisitAll(wrap)
	cmd.Flags().VisitAll(wrap)
	for _, c := range cmd.Commands() {
		refuseRepeats(c)
	}
}
