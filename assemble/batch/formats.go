package batch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/docx"
	"github.com/dpakit/dpakit/assemble/htmldoc"
	"github.com/dpakit/dpakit/assemble/mddoc"
	"github.com/dpakit/dpakit/assemble/pdf"
	"github.com/dpakit/dpakit/assemble/workbook"
)

// The documents a batch makes besides the engine's own (dpa, annex-i,
// annex-ii, annex-iii).
const (
	// DocSubprocessors is the sub-processor workbook (always .xlsx).
	DocSubprocessors = "subprocessors"
	// DocNotice is the change notice with the customer's own deadline.
	DocNotice = assemble.NoticeKind
)

// docWriter writes an assembled Document in one format.
type docWriter interface {
	Write(w io.Writer, d *document.Document) error
}

// WriterOptions are the options of the document writers.
type WriterOptions struct {
	// Paper is "a4" or "letter" (PDF and Word).
	Paper string
	// ESign places e-signature anchors in PDF signature blocks: "",
	// "docusign" or "adobe".
	ESign string
	// ToolVersion is recorded in the PDF's manifest.
	ToolVersion string
	// Date is the PDFs' and Word files' creation and modification date, as
	// render's --date sets it; zero means the time of each render for a
	// PDF and the effective date for a Word file (see pdf.Options.Date and
	// docx.Options.Date).
	Date time.Time
	// Manifest is how much of the generation manifest each PDF carries
	// (see pdf.Options.Manifest); "" is the whole of it.
	Manifest string
}

// Format is an output format of the assembled documents.
type Format struct {
	Name string
	// Ext is the file extension, with its dot.
	Ext string
	// New returns the format's writer, shared by every worker.
	New func(WriterOptions) (docWriter, error)
}

// Formats lists the output formats, in the order their files are listed.
// Adding a format is adding its line here.
func Formats() []Format {
	return []Format{
		{"pdf", ".pdf", func(o WriterOptions) (docWriter, error) {
			return writerOrError(pdf.New(pdf.Options{Paper: o.Paper, ESign: o.ESign, ToolVersion: o.ToolVersion, Date: o.Date, Manifest: o.Manifest}))
		}},
		{"docx", ".docx", func(o WriterOptions) (docWriter, error) {
			return writerOrError(docx.New(docx.Options{Paper: o.Paper, Date: o.Date}))
		}},
		{"html", ".html", func(WriterOptions) (docWriter, error) { return htmldoc.New(), nil }},
		{"md", ".md", func(WriterOptions) (docWriter, error) { return mddoc.New(), nil }},
	}
}

// writerOrError returns w as a docWriter, or nil with the constructor's
// error (never a non-nil interface holding a nil writer).
func writerOrError[W docWriter](w W, err error) (docWriter, error) {
	if err != nil {
		return nil, err
	}
	return w, nil
}

// formatNames returns the names of fs.
func formatNames(fs []Format) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

// Documents returns the documents a batch can make with eng, in order.
func Documents(eng *assemble.Engine) []string {
	return append(eng.Documents(), DocSubprocessors, DocNotice)
}

// output is one file to make for each deal.
type output struct {
	doc  string
	file string
	// render writes the file for d into buf; docs caches the assembled
	// Document of each kind, so that it is assembled once for all formats.
	// A document that does not apply is a notApplicable error.
	render func(r *runner, d *deal.Deal, docs map[string]*document.Document, buf *bytes.Buffer) error
}

// notApplicable is a requested document that does not apply to a deal.
type notApplicable struct{ reason string }

func (n notApplicable) Error() string { return n.reason }

// plan checks the requested documents and formats and returns the files
// to make for each deal, in order: each document in each format, the
// workbook once.
func plan(cfg Config) ([]output, error) {
	known := Documents(cfg.Engine)
	if len(cfg.Docs) == 0 {
		return nil, fmt.Errorf("%w: no documents requested (want %s)", ErrSetup, strings.Join(known, ", "))
	}
	var formats []Format
	all := Formats()
	if name, ok := repeated(cfg.Formats); ok {
		return nil, fmt.Errorf("%w: the format %q is requested twice", ErrSetup, name)
	}
	if name, ok := repeated(cfg.Docs); ok {
		return nil, fmt.Errorf("%w: the document %q is requested twice", ErrSetup, name)
	}
	for _, name := range cfg.Formats {
		i := slices.IndexFunc(all, func(f Format) bool { return f.Name == name })
		if i < 0 {
			return nil, fmt.Errorf("%w: unknown format %q (want %s)", ErrSetup, name, strings.Join(formatNames(all), ", "))
		}
		formats = append(formats, all[i])
	}
	writers := make([]docWriter, len(formats))
	for i, f := range formats {
		w, err := f.New(cfg.Writers)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSetup, err)
		}
		writers[i] = w
	}
	var outs []output
	for _, doc := range cfg.Docs {
		switch {
		case !slices.Contains(known, doc):
			msg := fmt.Sprintf("unknown document %q (want %s)", doc, strings.Join(known, ", "))
			if s := assemble.SuggestDocument(doc, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return nil, fmt.Errorf("%w: %s", ErrSetup, msg)
		case doc == DocSubprocessors:
			outs = append(outs, output{doc: doc, file: doc + ".xlsx", render: renderWorkbook})
			continue
		case doc == DocNotice && cfg.Notice == nil:
			return nil, fmt.Errorf("%w: the notice needs the old list and the notice date (--notice-old, --notice-date)", ErrSetup)
		}
		if len(formats) == 0 {
			return nil, fmt.Errorf("%w: no format requested for %s (want %s)", ErrSetup, doc, strings.Join(formatNames(all), ", "))
		}
		for i, f := range formats {
			outs = append(outs, output{doc: doc, file: doc + f.Ext, render: renderDocument(doc, writers[i])})
		}
	}
	return outs, nil
}

// repeated returns the first name that names lists twice: a document or a
// format requested twice would be made once but listed twice in the
// manifest and counted twice.
func repeated(names []string) (string, bool) {
	for i, n := range names {
		if slices.Contains(names[:i], n) {
			return n, true
		}
	}
	return "", false
}

// renderDocument returns the render function of a document in one format.
func renderDocument(doc string, w docWriter) func(*runner, *deal.Deal, map[string]*document.Document, *bytes.Buffer) error {
	return func(r *runner, d *deal.Deal, docs map[string]*document.Document, buf *bytes.Buffer) error {
		assembled, ok := docs[doc]
		if !ok {
			var err error
			if doc == DocNotice {
				n := r.cfg.Notice(d)
				n.DPA = docs["dpa"] // the row's DPA, when it was made first: its clause number
				assembled, err = r.cfg.Engine.AssembleNotice(d, n)
			} else {
				assembled, err = r.cfg.Engine.Assemble(d, doc)
			}
			if errors.Is(err, assemble.ErrNotApplicable) {
				return notApplicable{reason: err.Error()}
			}
			if err != nil {
				return fmt.Errorf("%s: %w", doc, err)
			}
			// The manifest records what was negotiated against the profile.
			assembled.Meta.Deviations = rowDeviations(r, d, docs, doc, assembled)
			docs[doc] = assembled
		}
		if err := w.Write(buf, assembled); err != nil {
			return fmt.Errorf("write %s: %w", doc, err)
		}
		return nil
	}
}

// rowDeviations returns the deviations of d from the profile, as a
// manifest records them (assemble.DeviationTexts), once a row: those of a
// document of the row already made (docs), which are the same, else
// worked out. Working them out may need the DPA (to number the clause a
// deviation names): the one just assembled (made, of kind doc), when it
// is the DPA, else one assembled for it, which a row's every document
// need not pay again.
func rowDeviations(r *runner, d *deal.Deal, docs map[string]*document.Document, doc string, made *document.Document) []string {
	for _, other := range docs {
		return other.Meta.Deviations
	}
	var dpa *document.Document
	if doc == assemble.DPATemplate {
		dpa = made
	}
	return assemble.DeviationTextsOf(r.standard, d, r.cfg.Engine.Library(), dpa)
}

// renderWorkbook writes the deal's sub-processor workbook as of the deal's
// effective date, as `dpakit subprocessors export DEAL` does.
func renderWorkbook(_ *runner, d *deal.Deal, _ map[string]*document.Document, buf *bytes.Buffer) error {
	in := workbook.FromDeal(d, d.EffectiveDate.String(), d.EffectiveDate, "")
	if err := workbook.Export(buf, in); err != nil {
		return fmt.Errorf("%s: %w", DocSubprocessors, err)
	}
	return nil
}
