package server

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/docx"
	"github.com/dpakit/dpakit/assemble/htmldoc"
	"github.com/dpakit/dpakit/assemble/mddoc"
	"github.com/dpakit/dpakit/assemble/pdf"
	"github.com/dpakit/dpakit/assemble/workbook"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// docWriter writes an assembled Document in one format.
type docWriter interface {
	Write(w io.Writer, d *document.Document) error
}

// format is one output format of documents.
type format struct {
	name, ext, mediaType string
}

var formats = []format{
	{"pdf", ".pdf", "application/pdf"},
	{"docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	{"html", ".html", "text/html; charset=utf-8"},
	{"md", ".md", "text/markdown; charset=utf-8"},
}

// formatNamed returns the format called name.
func formatNamed(name string) (format, bool) {
	for _, f := range formats {
		if f.name == name {
			return f, true
		}
	}
	return format{}, false
}

func formatNames() string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

// errBadOption marks a bad paper size, e-signature provider or format.
var errBadOption = errors.New("bad option")

// pdfOptions are the PDF options a request may choose.
type pdfOptions struct{ paper, esign, manifest string }

// writer returns the writer of a format.
func (s *Server) writer(f format, o pdfOptions) (docWriter, error) {
	switch f.name {
	case "html":
		return htmldoc.New(), nil
	case "md":
		return mddoc.New(), nil
	case "docx":
		w, err := docx.New(docx.Options{Paper: o.paper, Date: s.cfg.PDFDate})
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errBadOption, err)
		}
		return w, nil
	}
	w, err := pdf.New(pdf.Options{Paper: o.paper, ESign: o.esign, ToolVersion: s.cfg.ToolVersion, Date: s.cfg.PDFDate, Manifest: o.manifest})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errBadOption, err)
	}
	return w, nil
}

// document assembles one document of d and writes it in format f.
func (s *Server) document(ctx context.Context, d *deal.Deal, kind string, f format, o pdfOptions) ([]byte, error) {
	w, err := s.writer(f, o)
	if err != nil {
		return nil, err
	}
	doc, err := s.engine.AssembleContext(ctx, d, kind)
	if err != nil {
		return nil, err
	}
	// The manifest records what was negotiated against the profile.
	doc.Meta.Deviations = assemble.DeviationTexts(s.profile, d, s.engine.Library())
	var buf bytes.Buffer
	if err := w.Write(&buf, doc); err != nil {
		return nil, fmt.Errorf("write %s %s: %w", kind, f.name, err)
	}
	return buf.Bytes(), nil
}

// workbookOf writes d's sub-processor workbook, current at the deal's
// effective date.
func workbookOf(d *deal.Deal) ([]byte, error) {
	var buf bytes.Buffer
	in := workbook.FromDeal(d, d.EffectiveDate.String(), d.EffectiveDate, "")
	if err := workbook.Export(&buf, in); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// dealYAML writes d as a complete deal file, which loads back to the same
// deal with or without a profile.
func dealYAML(d *deal.Deal) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("# Deal file written by dpakit serve: the complete deal, self-contained.\n")
	buf.WriteString("# Render it with: dpakit render THIS-FILE -o dpa.pdf\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("write deal file: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("write deal file: %w", err)
	}
	return buf.Bytes(), nil
}

// docLabel names a document kind in download names.
func docLabel(kind string) string {
	switch kind {
	case "dpa":
		return "DPA"
	case "annex-i":
		return "Annex I"
	case "annex-ii":
		return "Annex II"
	case "annex-iii":
		return "Annex III"
	case assemble.NoticeKind:
		return "Sub-processor notice"
	}
	return kind
}

// downloadName is the file name a download of d is saved under, such as
// "DPA - Müller Logistik GmbH - 2026-12-01.pdf": the customer and the
// deal's effective date.
func downloadName(label string, d *deal.Deal, ext string) string {
	return datedName(label, d, d.EffectiveDate, ext)
}

// noticeName is the file name of a change notice to d's customer (or, for
// d the profile, to every customer): dated by the notice, not by the DPA,
// so that each notice to one customer has a name of its own, as in
// "Sub-processor notice - Müller Logistik GmbH - 2027-03-15.pdf".
func noticeName(d *deal.Deal, n assemble.Notice, ext string) string {
	return datedName(docLabel(assemble.NoticeKind), d, n.Date, ext)
}

// datedName joins a label, d's customer and a date (each left out when
// empty) into a safe file name.
func datedName(label string, d *deal.Deal, date deal.Date, ext string) string {
	parts := []string{label}
	if name := strings.TrimSpace(d.Customer.Name); name != "" {
		parts = append(parts, name)
	}
	if !date.IsZero() {
		parts = append(parts, date.String())
	}
	return safeFileName(strings.Join(parts, " - ")) + ext
}

// safeFileName replaces what file systems and headers do not accept in a
// name: path separators, reserved punctuation and control characters.
func safeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r), unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return '_'
		}
		return r
	}, s)
	if len(s) > 150 {
		s = strings.ToValidUTF8(s[:150], "")
	}
	return strings.TrimSpace(s)
}

// asciiName folds a file name to ASCII for the plain filename parameter:
// "Müller" becomes "Muller"; what cannot be folded becomes "_".
// asciiFold spells in ASCII a Latin letter that Unicode does not
// decompose into a base letter and marks (Łódź is Lodz, not _odz), or a
// typographic punctuation mark a name may hold; "" for any other rune.
func asciiFold(r rune) string {
	switch r {
	case 'ß':
		return "ss"
	case 'Ł', 'Ŀ':
		return "L"
	case 'ł', 'ŀ':
		return "l"
	case 'Ø':
		return "O"
	case 'ø':
		return "o"
	case 'Đ', 'Ð':
		return "D"
	case 'đ', 'ð':
		return "d"
	case 'Ħ':
		return "H"
	case 'ħ':
		return "h"
	case 'Ŧ':
		return "T"
	case 'ŧ':
		return "t"
	case 'ı':
		return "i"
	case 'Æ':
		return "AE"
	case 'æ':
		return "ae"
	case 'Œ':
		return "OE"
	case 'œ':
		return "oe"
	case 'Þ':
		return "Th"
	case 'þ':
		return "th"
	case '–', '—':
		return "-"
	case '‘', '’', '“', '”':
		return "'"
	case '…':
		return "..."
	case '\u00a0':
		return " "
	}
	return ""
}

func asciiName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case asciiFold(r) != "":
			b.WriteString(asciiFold(r))
		case r < 0x80 && r >= 0x20 && r != '"' && r != '\\' && r != '%':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// attachment sets Content-Disposition for a download named name: an ASCII
// filename for old clients and, when the name is not ASCII, the UTF-8
// filename* of RFC 6266 and RFC 8187.
func attachment(h http.Header, name string) {
	v := `attachment; filename="` + asciiName(name) + `"`
	if asciiName(name) != name {
		v += "; filename*=UTF-8''" + strings.ReplaceAll(url.PathEscape(name), "+", "%2B")
	}
	h.Set("Content-Disposition", v)
}

// bundleFile is one file of a ZIP bundle, as the manifest lists it.
type bundleFile struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// bundleManifest is manifest.json in a ZIP bundle: what the bundle holds
// and what made it.
type bundleManifest struct {
	Customer       string       `json:"customer"`
	Provider       string       `json:"provider"`
	Reference      string       `json:"reference"`
	EffectiveDate  string       `json:"effective_date"`
	DealHash       string       `json:"deal_hash"`
	Tool           string       `json:"tool"`
	LibraryVersion string       `json:"library_version"`
	Clauses        []clauseUse  `json:"clauses"`
	Files          []bundleFile `json:"files"`
}

type clauseUse struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// bundle writes the ZIP of every document that applies to d as PDF, the
// DPA as Word and HTML, the sub-processor workbook, the deal file and
// manifest.json. Entries are
// dated at the deal's effective date, so the same deal gives the same
// bytes.
func (s *Server) bundle(ctx context.Context, d *deal.Deal, o pdfOptions) ([]byte, error) {
	m := bundleManifest{
		Customer: d.Customer.Name, Provider: d.Provider.Name, Reference: d.Reference,
		EffectiveDate: d.EffectiveDate.String(), DealHash: deal.Hash(d),
		Tool: "dpakit " + s.cfg.ToolVersion, LibraryVersion: s.engine.Library().Version,
	}
	type entry struct {
		name string
		data []byte
	}
	var entries []entry
	add := func(kind, name string, data []byte) {
		sum := sha256.Sum256(data)
		m.Files = append(m.Files, bundleFile{Name: name, Kind: kind, Bytes: len(data), SHA256: hex.EncodeToString(sum[:])})
		entries = append(entries, entry{name, data})
	}
	pdfFormat, _ := formatNamed("pdf")
	var dpa *document.Document
	w, err := s.writer(pdfFormat, o)
	if err != nil {
		return nil, err
	}
	for _, kind := range s.documents() {
		doc, err := s.engine.AssembleContext(ctx, d, kind)
		if errors.Is(err, assemble.ErrNotApplicable) {
			continue
		}
		if err != nil {
			return nil, err
		}
		doc.Meta.Deviations = assemble.DeviationTexts(s.profile, d, s.engine.Library())
		if kind == "dpa" {
			dpa = doc
			for _, c := range doc.Meta.Clauses {
				m.Clauses = append(m.Clauses, clauseUse{c.ID, c.Version})
			}
		}
		var buf bytes.Buffer
		if err := w.Write(&buf, doc); err != nil {
			return nil, fmt.Errorf("write %s pdf: %w", kind, err)
		}
		add(kind, downloadName(docLabel(kind), d, ".pdf"), buf.Bytes())
	}
	// The DPA as Word too, to negotiate in, and as HTML, as the preview
	// offers them: the ZIP holds every download of the preview.
	for _, name := range []string{"docx", "html"} {
		f, _ := formatNamed(name)
		w, err := s.writer(f, o)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := w.Write(&buf, dpa); err != nil {
			return nil, fmt.Errorf("write dpa %s: %w", name, err)
		}
		add("dpa", downloadName(docLabel("dpa"), d, f.ext), buf.Bytes())
	}
	wb, err := workbookOf(d)
	if err != nil {
		return nil, err
	}
	add("subprocessors", downloadName("Sub-processors", d, ".xlsx"), wb)
	y, err := dealYAML(d)
	if err != nil {
		return nil, err
	}
	add("deal", downloadName("Deal", d, ".yaml"), y)
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("bundle manifest: %w", err)
	}
	entries = append(entries, entry{"manifest.json", append(mj, '\n')})

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: d.EffectiveDate.Time, NonUTF8: false})
		if err != nil {
			return nil, fmt.Errorf("bundle %s: %w", e.name, err)
		}
		if _, err := f.Write(e.data); err != nil {
			return nil, fmt.Errorf("bundle %s: %w", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	return buf.Bytes(), nil
}
