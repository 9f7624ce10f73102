package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

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
}

var formats = []string{"pdf", "docx", "html", "md"}

// binaryFormat reports whether a format's bytes are not text, so that they
// are not written to a terminal unless asked for.
func binaryFormat(format string) bool { return format == "pdf" || format == "docx" }

// writerFor returns the writer of a format.
func (a *app) writerFor(o renderOptions) (docWriter, error) {
	switch o.format {
	case "html":
		return htmldoc.New(), nil
	case "md":
		return mddoc.New(), nil
	case "pdf":
		return a.pdfWriter(o)
	case "docx":
		w, err := docx.New(docx.Options{Paper: o.paper})
		if err != nil {
			return nil, usagef("%v", err)
		}
		return w, nil
	}
	return nil, usagef("unknown format %q (want %s)", o.format, strings.Join(formats, ", "))
}

func (a *app) renderCmd() *cobra.Command {
	var (
		profile, doc, out string
		o                 renderOptions
	)
	cmd := &cobra.Command{
		Use:   "render DEAL",
		Short: "Assemble a DPA or one of its annexes from a deal file",
		Long: `Render assembles one document for the deal in DEAL (YAML or JSON; "-" reads
standard input), laid over the vendor profile given with --profile, and
writes it as PDF (the default), Word (docx, to negotiate), HTML or Markdown to -o FILE or to standard
output. The file is written only when the whole document rendered.`,
		Example: `  dpakit render fixtures/deals/example.yaml -o dpa.pdf
  dpakit render deal.yaml --profile vendor.yaml --doc annex-ii --format html -o annex-ii.html
  dpakit render deal.yaml --profile vendor.yaml --format docx -o dpa.docx
  dpakit render deal.yaml --profile vendor.yaml --paper letter --esign-anchors docusign -o dpa.pdf`,
		Args: exactArgs(1, "DEAL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			w, err := a.writerFor(o)
			if err != nil {
				return err
			}
			if err := checkOutput(out, args[0], profile); err != nil {
				return classify(err)
			}
			eng, err := a.load()
			if err != nil {
				return classify(err)
			}
			d, err := a.readDealWarn(eng, args[0], profile)
			if err != nil {
				return classify(err)
			}
			document, err := eng.AssembleContext(cmd.Context(), d, doc)
			if err != nil {
				return classify(err)
			}
			if err := cmd.Context().Err(); err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := w.Write(&buf, document); err != nil {
				return classify(fmt.Errorf("write %s: %w", o.format, err))
			}
			return classify(a.emit(cmd.Context(), out, buf.Bytes(), binaryFormat(o.format), args[0], profile))
		},
	}
	f := cmd.Flags()
	f.StringVar(&profile, "profile", "", "lay the deal over the vendor profile in `FILE`")
	f.StringVar(&doc, "doc", "dpa", "the document to render: dpa, annex-i, annex-ii or annex-iii")
	f.StringVar(&o.format, "format", "pdf", "output format: "+strings.Join(formats, ", "))
	f.StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	f.StringVar(&o.paper, "paper", "a4", "PDF and Word paper size: a4 or letter")
	f.StringVar(&o.esign, "esign-anchors", "", "place e-signature anchor text in the PDF signature blocks: docusign or adobe")
	return cmd
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
