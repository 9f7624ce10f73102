// Package docx writes an assembled Document as a Word document (Office Open
// XML, .docx) that counsel can edit and redline: real paragraph styles,
// Word's automatic numbering, bookmarks and internal hyperlinks for
// cross-references, Word tables and page-number fields.
//
// It writes WordprocessingML directly with archive/zip: the parts are few
// and fixed, and the Go DOCX libraries served here are either paid, AGPL or
// too early to number clauses, link bookmarks or write fields.
package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/dpakit/dpakit/assemble/document"
)

// Options configure a Writer.
type Options struct {
	// Paper is "a4" (the default when empty) or "letter".
	Paper string
	// Date is the created and modified time written to the document
	// properties; the zero Date means the Document's effective date, so the
	// same Document always gives the same bytes. A letter dated a day of
	// its own (document.Meta.Dated: a notice) records that day instead.
	Date time.Time
}

// paper is a page size in twips.
type paper struct{ w, h int }

var papers = map[string]paper{
	"a4":     {11906, 16838},
	"letter": {12240, 15840},
}

// Writer writes Documents as DOCX. It is safe for concurrent use.
type Writer struct {
	page paper
	date time.Time

	// flaters pools the deflate writers: each costs about 600 KB to make.
	flaters sync.Pool
	// bufs pools the buffers parts are built in.
	bufs sync.Pool
}

// New returns a Writer for the options, or an error naming an unknown paper.
func New(opts Options) (*Writer, error) {
	name := opts.Paper
	if name == "" {
		name = "a4"
	}
	p, ok := papers[name]
	if !ok {
		return nil, fmt.Errorf("unknown paper %q (want a4, letter)", opts.Paper)
	}
	return &Writer{page: p, date: opts.Date}, nil
}

// zipTime is the modification time of every zip entry: fixed, so the same
// Document gives the same bytes.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// part is one file of the package: its name and where its bytes are in the
// build buffer.
type part struct {
	name       string
	start, end int
}

// Write writes d to w as a .docx package. Nothing is written to w unless the
// whole package was built.
func (w *Writer) Write(out io.Writer, d *document.Document) error {
	buf := w.buffer()
	defer w.bufs.Put(buf)
	bd := body{b: buf, num: newNumberer(), textWidth: w.page.w - 2*marginTwip, bookmarks: bookmarkNames(d)}
	bd.numbers, bd.wordNumbered = number(&bd.num, d)
	var parts []part
	add := func(name string, build func(b *bytes.Buffer)) {
		start := buf.Len()
		build(buf)
		parts = append(parts, part{name, start, buf.Len()})
	}
	// In the order Word itself writes them; document.xml first because
	// numbering.xml and the relationships depend on what it used.
	add("word/document.xml", func(*bytes.Buffer) { w.documentXML(&bd, d) })
	add("[Content_Types].xml", contentTypes)
	add("_rels/.rels", packageRels)
	add("docProps/core.xml", func(b *bytes.Buffer) { w.coreProps(b, d) })
	add("docProps/app.xml", appProps)
	add("docProps/custom.xml", func(b *bytes.Buffer) { customProps(b, d) })
	add("word/_rels/document.xml.rels", func(b *bytes.Buffer) { documentRels(b, bd.links) })
	add("word/styles.xml", stylesXML)
	add("word/numbering.xml", bd.num.numberingXML)
	add("word/settings.xml", settingsXML)
	add("word/header1.xml", func(b *bytes.Buffer) { headerXML(b, d, w.textWidth()) })
	add("word/header2.xml", emptyHeaderXML)
	add("word/footer1.xml", func(b *bytes.Buffer) { footerXML(b, d, w.textWidth()) })
	// The first page has its own footer part (the same text) because it
	// has its own, empty, header.
	add("word/footer2.xml", func(b *bytes.Buffer) { footerXML(b, d, w.textWidth()) })
	// [Content_Types].xml and the package relationships lead the archive.
	parts[0], parts[1], parts[2] = parts[1], parts[2], parts[0]

	zbuf := w.buffer()
	defer w.bufs.Put(zbuf)
	if err := w.zip(zbuf, buf.Bytes(), parts); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	_, err := out.Write(zbuf.Bytes())
	return err
}

func (w *Writer) textWidth() int { return w.page.w - 2*marginTwip }

func (w *Writer) buffer() *bytes.Buffer {
	if b, ok := w.bufs.Get().(*bytes.Buffer); ok {
		b.Reset()
		return b
	}
	return new(bytes.Buffer)
}

// zip writes the parts, deflated, with fixed times.
func (w *Writer) zip(dst *bytes.Buffer, data []byte, parts []part) error {
	zw := zip.NewWriter(dst)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		f, ok := w.flaters.Get().(*flate.Writer)
		if !ok {
			var err error
			if f, err = flate.NewWriter(out, flate.BestSpeed); err != nil {
				return nil, err
			}
		} else {
			f.Reset(out)
		}
		return &pooledFlater{f, &w.flaters}, nil
	})
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := fw.Write(data[p.start:p.end]); err != nil {
			return err
		}
	}
	return zw.Close()
}

// pooledFlater returns its deflate writer to the pool when closed.
type pooledFlater struct {
	*flate.Writer
	pool *sync.Pool
}

func (p *pooledFlater) Close() error {
	err := p.Writer.Close()
	p.pool.Put(p.Writer)
	return err
}

// documentXML writes word/document.xml: the body and the section (page size,
// margins, header and footer references).
func (w *Writer) documentXML(bd *body, d *document.Document) {
	b := bd.b
	b.WriteString(xmlHeader)
	b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	bd.blocks(d)
	b.WriteString(`<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:headerReference w:type="first" r:id="rId5"/><w:footerReference w:type="default" r:id="rId6"/><w:footerReference w:type="first" r:id="rId7"/>`)
	fmt.Fprintf(b, `<w:pgSz w:w="%d" w:h="%d"/>`, w.page.w, w.page.h)
	fmt.Fprintf(b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="709" w:footer="709" w:gutter="0"/>`, marginTwip, marginTwip, marginTwip, marginTwip)
	b.WriteString(`<w:titlePg/></w:sectPr></w:body></w:document>`)
}
