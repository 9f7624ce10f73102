package main

import (
	"bytes"
	"fmt"
	"github.com/dpakit/dpakit/assemble"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/docx"
	"github.com/dpakit/dpakit/assemble/htmldoc"
	"github.com/dpakit/dpakit/assemble/mddoc"
	"github.com/spf13/cobra"
)

// docWriter writes an assembled Document in one format.
type docWriter interface {
	Write(w io.Writer, d *document.Document) error
}

// renderOptions are the output options shared by render and notice.
type renderOptions struct {
	format string
	paper  string
	esign  string
	// manifest is how much of the generation manifest a PDF carries (see
	// pdf.Options.Manifest); "" is the whole of it.
	manifest string
	// paperGiven: --paper was given (its default is a4), so a format
	// without pages refuses it rather than ignore it.
	paperGiven bool
	// date is recorded as the PDF's creation and modification date; zero
	// means the time of the render.
	date time.Time
	// dateGiven: --date was given, so a format that records no date
	// refuses it rather than ignore it.
	dateGiven bool
}

// gives reports whether the page flag named flag (see pageFlags) was
// given.
func (o renderOptions) gives(flag string) bool {
	switch flag {
	case "esign-anchors":
		return o.esign != ""
	case "manifest":
		return o.manifest != ""
	case "paper":
		return o.paperGiven
	case "date":
		return o.dateGiven
	}
	return false
}

var formats = []string{"pdf", "docx", "html", "md"}

// binaryFormat reports whether a format's bytes are not text, so that they
// are not written to a terminal unless asked for.
func binaryFormat(format string) bool { return format == "pdf" || format == "docx" }

// writerFor returns the writer of a format.
func (a *app) writerFor(o renderOptions) (docWriter, error) {
	if err := refuseForFormat(pageFlags(), o.gives, o.format); err != nil {
		return nil, err
	}
	switch o.format {
	case "html":
		return htmldoc.New(), nil
	case "md":
		return mddoc.New(), nil
	case "pdf":
		return a.pdfWriter(o)
	case "docx":
		w, err := docx.New(docx.Options{Paper: o.paper, Date: o.date})
		if err != nil {
			return nil, usagef("%v", err)
		}
		return w, nil
	}
	return nil, usagef("unknown format %q (want %s)", o.format, strings.Join(formats, ", "))
}

// aFormat names a format with its article, for messages: "an HTML",
// "a Markdown", "a Word".
func aFormat(format string) string {
	switch format {
	case "html":
		return "an HTML"
	case "md":
		return "a Markdown"
	case "docx":
		return "a Word"
	}
	return "a " + strings.ToUpper(format)
}

func (a *app) renderCmd() *cobra.Command {
	var (
		profile, doc, out, date string
		o                       renderOptions
	)
	cmd := &cobra.Command{
		Use:   "render DEAL",
		Short: "Assemble a DPA or one of its annexes from a deal file",
		Long: `Render assembles one document for the deal in DEAL (YAML or JSON; "-" reads
standard input), laid over the vendor profile given with --profile, and
writes it as PDF, Word (docx, to negotiate), HTML or Markdown to -o FILE or to
standard output. The format follows -o's extension (.pdf, .docx, .html or
.htm, .md); --format names it for standard output or another extension, and
must agree with the extension. The file is written only when the whole
document rendered; what was written (file, format, pages, size) is reported
on standard error unless --quiet is given.`,
		Example: `  dpakit render fixtures/deals/example.yaml -o dpa.pdf
  dpakit render deal.yaml --profile vendor.yaml --doc annex-ii -o annex-ii.html
  dpakit render deal.yaml --profile vendor.yaml -o dpa.docx
  dpakit render deal.yaml --format md > dpa.md
  dpakit render deal.yaml --profile vendor.yaml --paper letter --esign-anchors docusign -o dpa.pdf`,
		Args: exactArgs(1, "DEAL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			defer tuneGC(1)()
			format, err := outputFormat(o.format, out)
			if err != nil {
				return err
			}
			o.format, o.paperGiven, o.dateGiven = format, cmd.Flags().Changed("paper"), cmd.Flags().Changed("date")
			if o.date, err = fileDate(date, os.Getenv); err != nil {
				return err
			}
			w, err := a.writerFor(o)
			if err != nil {
				return err
			}
			inputs := append([]string{args[0], profile}, a.libraryFiles()...)
			if err := checkOutput(out, inputs...); err != nil {
				return classify(err)
			}
			eng, x, err := a.readExplained(args[0], profile)
			if err != nil {
				return classify(err)
			}
			document, err := eng.AssembleContext(cmd.Context(), x.Deal, doc)
			if err != nil {
				return classify(err)
			}
			// The manifest records what was negotiated against the profile.
			document.Meta.Deviations = assemble.DeviationTexts(x.Profile, x.Deal, eng.Library())
			if err := cmd.Context().Err(); err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := w.Write(&buf, document); err != nil {
				return classify(fmt.Errorf("write %s: %w", o.format, err))
			}
			if err := a.emit(cmd.Context(), out, buf.Bytes(), binaryFormat(o.format), inputs...); err != nil {
				return classify(err)
			}
			a.report(out, describeOutput(o.format, buf.Bytes()))
			a.noteNegotiationShown(o, document.Meta.Deviations)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&profile, "profile", "", "lay the deal over the vendor profile in `FILE`")
	f.StringVar(&doc, "doc", "dpa", "the document to render: dpa, annex-i, annex-ii or annex-iii")
	f.StringVar(&o.format, "format", "", "output format: "+strings.Join(formats, ", ")+" (default: from -o's extension, else pdf)")
	f.StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	f.StringVar(&o.paper, "paper", "a4", "PDF and Word paper size: a4 or letter")
	f.StringVar(&o.esign, "esign-anchors", "", "place e-signature anchor text in the PDF signature blocks: docusign or adobe")
	f.StringVar(&o.manifest, "manifest", "", manifestFlagHelp)
	f.StringVar(&date, "date", "", "record `DATE` (YYYY-MM-DD or an RFC 3339 time) as the PDF's or Word file's creation date (default: $SOURCE_DATE_EPOCH, else now for a PDF and the effective date for a Word file)")
	return cmd
}

// formatExtensions maps file-name extensions to the format they imply.
var formatExtensions = map[string]string{
	".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md",
}

// outputFormat decides the format of a document written to out: the one
// --format names, which must agree with out's extension when that is a
// known one; else the one out's extension implies; else PDF for standard
// output. A file name whose extension implies no format needs --format, so
// that a PDF never lands in a file named .txt or .docx. Format names are not
// case-sensitive.
func outputFormat(flag, out string) (string, error) {
	flag = strings.ToLower(flag) // --format PDF means pdf
	if flag != "" && !slices.Contains(formats, flag) {
		return "", usagef("unknown format %q (want %s)", flag, strings.Join(formats, ", "))
	}
	toStdout := out == "" || out == "-"
	ext := strings.ToLower(filepath.Ext(out))
	implied, known := formatExtensions[ext]
	switch {
	case flag != "" && known && flag != implied:
		return "", usagef("--format %s contradicts -o %s, whose extension means %s: drop --format or change the file name", flag, out, strings.ToUpper(implied))
	case flag != "":
		return flag, nil
	case known:
		return implied, nil
	case toStdout || isDevice(out):
		return "pdf", nil
	}
	return "", usagef("cannot tell the format from -o %s: name the file .pdf, .docx, .html or .md, or give --format (%s)", out, strings.Join(formats, ", "))
}

// isDevice reports whether path names a device or FIFO (such as
// /dev/stdout), which has no extension to go by.
func isDevice(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode()&(os.ModeDevice|os.ModeNamedPipe|os.ModeCharDevice) != 0
}

// noArgs refuses positional arguments, as cobra.NoArgs does, and for a
// command with subcommands (clauses, batch, subprocessors) suggests the
// one a mistyped argument most likely meant, as cobra does at the top
// level; failing that, a top-level command it names or nearly names
// (dpakit subprocessors notice: dpakit notice).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if s := suggestCommands(cmd, args[0]); len(s) > 0 {
		msg += "\n\nDid you mean this?\n\t" + strings.Join(s, "\n\t") + "\n"
	}
	return usagef("%s\nRun '%s --help' for usage.", msg, cmd.CommandPath())
}

// suggestCommands returns the subcommands of cmd that name is most likely
// a slip for ("exprot": export); failing that, the top-level commands
// (other than cmd) that it names or nearly names, by their full path
// ("notice" under subprocessors: "dpakit notice").
func suggestCommands(cmd *cobra.Command, name string) []string {
	if s := suggestionsFor(cmd, name); len(s) > 0 || !cmd.HasParent() {
		return s
	}
	var out []string
	root := cmd.Root()
	for _, s := range suggestionsFor(root, name) {
		if c, _, err := root.Find([]string{s}); err == nil && c != cmd {
			out = append(out, c.CommandPath())
		}
	}
	return out
}

// suggestionsFor is cmd.SuggestionsFor with cobra's default distance, also
// where cmd was given none.
func suggestionsFor(cmd *cobra.Command, name string) []string {
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's default at the top level
	}
	return cmd.SuggestionsFor(name)
}

// exactArgs is cobra.ExactArgs with a message that names the argument.

func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %s (got %d arguments)\nRun '%s --help' for usage.", cmd.CommandPath(), names, len(args), cmd.CommandPath())
		}
		return nil
	}
}

// noteNegotiationShown tells the user, unless --quiet, that a PDF rendered
// with the default full manifest carries the deal's deviations from the
// vendor's standard terms, which name the standard values: the vendor's
// own record, which the copy sent to the customer should not carry
// (--manifest versions).
func (a *app) noteNegotiationShown(o renderOptions, deviations []string) {
	if a.quiet || o.format != "pdf" || o.manifest != "" || len(deviations) == 0 {
		return
	}
	fmt.Fprintf(a.stderr, "dpakit: note: the PDF's attached manifest.json lists %s from the vendor's standard terms, each with the standard value; for the copy sent to the customer, render it with --manifest versions\n",
		plural(len(deviations), "deviation"))
}
