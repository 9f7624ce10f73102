// Package pdf writes an assembled Document as a PDF with fpdf.
package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/dpakit/dpakit/assemble/document"
)

// Options configure a Writer.
type Options struct {
	// Paper is "a4" (the default when empty) or "letter".
	Paper string
	// ESign adds invisible e-signature anchors to the signature panels:
	// "" (none), "docusign" (\s1\, \n1\, \d1\ anchor strings) or "adobe"
	// (Acrobat Sign text tags such as {{Sig_es_:signer1:signature}}).
	ESign string
	// ToolVersion is dpakit's version, recorded in the Creator property and
	// the attached manifest.
	ToolVersion string
	// Date is recorded, in UTC, as the PDF's creation and modification
	// date; when zero, each render records the time it is made. Set it
	// (from SOURCE_DATE_EPOCH, say) for the same bytes from the same
	// inputs. It is not a date of the agreement: the document's own dates
	// (the effective date) come from the deal. A letter dated a day of its
	// own (document.Meta.Dated: a notice) records that day instead.
	Date time.Time
	// Manifest says how much of the generation manifest the PDF carries as
	// its attached manifest.json: ManifestFull (the default when empty),
	// ManifestVersions or ManifestNone.
	Manifest string
}

// The manifests a PDF may carry (Options.Manifest).
const (
	// ManifestFull attaches the whole manifest: the tool, template and
	// library versions, the deal's hash, every clause with its version and
	// the fallback used, the riders and the deviations from the vendor's
	// standard terms. The deviations name the standard value ("breach
	// notice 72 hours (standard 48)"): a copy for the counterparty may
	// want ManifestVersions.
	ManifestFull = "full"
	// ManifestVersions attaches what identifies how the PDF was made (the
	// versions, the deal's hash, every clause id and version) and nothing
	// of the negotiation: no fallback names, riders or deviations.
	ManifestVersions = "versions"
	// ManifestNone attaches nothing.
	ManifestNone = "none"
)

// Writer writes Documents as PDFs. It is safe for concurrent use: renders
// share the embedded fonts' metrics and nothing else.
type Writer struct {
	opts  Options
	paper string  // fpdf page size name
	pageW float64 // points
	pageH float64
}

// Page geometry in points.
const (
	marginX      = 70.87 // 25 mm
	marginTop    = 70.87
	marginBottom = 70.87
	headerY      = 42.0 // baseline of the running header
	footerGap    = 34.0 // footer baseline above the page's bottom edge
	smallSize    = 8.5
	runningGray  = 90
)

// New returns a Writer for opts. It returns an error for an unknown paper
// size or e-signature provider. The embedded fonts are parsed once per
// process; New starts that work in the background, so that it overlaps
// whatever the caller does before its first Write (loading the clause
// library, reading the deal), and Write and Covers wait for it.
func New(opts Options) (*Writer, error) {
	w := &Writer{opts: opts}
	switch opts.Paper {
	case "", "a4":
		w.paper, w.pageW, w.pageH = "A4", 595.28, 841.89
	case "letter":
		w.paper, w.pageW, w.pageH = "Letter", 612, 792
	default:
		return nil, fmt.Errorf("unknown paper %q (want a4, letter)", opts.Paper)
	}
	switch opts.ESign {
	case "", "docusign", "adobe":
	default:
		return nil, fmt.Errorf("unknown e-signature provider %q (want docusign, adobe, or none)", opts.ESign)
	}
	switch opts.Manifest {
	case "":
		w.opts.Manifest = ManifestFull
	case ManifestFull, ManifestVersions, ManifestNone:
	default:
		return nil, fmt.Errorf("unknown manifest %q (want full, versions or none)", opts.Manifest)
	}
	go sharedFonts() //nolint:errcheck // Write reports the error; this only starts the work early.
	return w, nil
}

// Covers is the package function Covers: whether w can print r.
func (w *Writer) Covers(r rune) bool { return Covers(r) }

// placement puts unit u at y on a page.
type placement struct {
	u int32
	y float64
}

// Write renders d as a PDF to out. Nothing is written to out when the
// render fails: an unprintable character, a cross-reference to a heading
// that is not in d, or an error from fpdf.
func (w *Writer) Write(out io.Writer, d *document.Document) error {
	sc := getScratch()
	defer putScratch(sc)
	if err := w.render(sc, d); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	if _, err := sc.out.WriteTo(out); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// scratch is the memory one render works in. Renders take it from a pool
// and return it, so a Writer used again and again does not allocate the
// layout's slices anew each time; each render has its own, so Writers stay
// safe for concurrent use.
type scratch struct {
	l     layout
	pages [][]placement
	out   bytes.Buffer // the rendered PDF
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// maxPooled bounds what a pooled scratch keeps: a huge document's buffers
// are left to the garbage collector rather than held by the pool.
const (
	maxPooled    = 8 << 20 // bytes of output
	maxPooledOps = 1 << 16 // ~100 bytes each
)

func putScratch(sc *scratch) {
	l := &sc.l
	// Drop references into the rendered Document.
	clear(l.ops)
	clear(l.frags)
	clear(l.headIDs)
	for i := range sc.pages {
		sc.pages[i] = sc.pages[i][:0]
	}
	if sc.out.Cap() > maxPooled || cap(l.ops) > maxPooledOps {
		return
	}
	sc.out.Reset()
	scratchPool.Put(sc)
}

func (w *Writer) render(sc *scratch, d *document.Document) error {
	fs, err := sharedFonts()
	if err != nil {
		return err
	}
	l := &sc.l
	headIDs := l.headIDs
	if headIDs == nil {
		headIDs = map[string]bool{}
	}
	*l = layout{
		fs:      fs,
		width:   w.pageW - 2*marginX,
		bodyH:   w.pageH - marginTop - marginBottom,
		opts:    &w.opts,
		ops:     l.ops[:0],
		units:   l.units[:0],
		frags:   l.frags[:0],
		words:   l.words[:0],
		lwords:  l.lwords[:0],
		lines:   l.lines[:0],
		buf:     l.buf[:0],
		headIDs: headIDs,
		outline: l.outline[:0],
		// splitWord's scratch holds no text: it is kept as it is.
		splitPos:   l.splitPos[:0],
		splitLast:  l.splitLast[:0],
		splitSteps: l.splitSteps[:0],
	}
	// Meta text printed in running headers and footers.
	m := &d.Meta
	printed := []struct{ name, s string }{{"meta.short_title", m.ShortTitle}, {"meta.reference", m.Reference}}
	if len(m.Parties) > 0 {
		printed = append(printed, struct{ name, s string }{"meta.parties[0].name", m.Parties[0].Name})
	}
	for _, p := range printed {
		for _, r := range p.s {
			if !fs.covers(r) {
				return fmt.Errorf("%s: character %U %q cannot be printed with the embedded fonts", p.name, r, r)
			}
		}
	}
	if err := l.blocks(d.Blocks); err != nil {
		return err
	}
	for i := range l.ops {
		if o := &l.ops[i]; o.kind == opLink && !l.headIDs[o.target] {
			return fmt.Errorf("cross-reference to unknown heading %q", o.target)
		}
	}
	sc.pages = paginateInto(sc.pages[:0], l.units, l.bodyH)
	return w.paint(&sc.out, d, l, sc.pages)
}

// blocks lays out a Document's blocks as units, in order.
func (l *layout) blocks(blocks []document.Block) error {
	for _, b := range blocks {
		if h, ok := b.(*document.Heading); ok && h.ID != "" {
			l.headIDs[h.ID] = true
		}
	}
	for i, b := range blocks {
		switch b := b.(type) {
		case *document.Heading:
			l.heading(b)
		case *document.Paragraph:
			l.para(b)
		case *document.Table:
			l.table(b)
		case *document.TitleBlock:
			l.titleBlock(b)
		case *document.SignatureBlock:
			l.signatures(b)
		case nil:
			return fmt.Errorf("block %d is nil", i)
		default:
			return fmt.Errorf("block %d: unknown block type %T", i, b)
		}
		if l.err != nil {
			return l.err
		}
	}
	return nil
}

// paginate places units on pages: a unit that does not fit starts a new page, keepNext chains
// move to the next page whole when they fit on one, and a table's header
// row is repeated after a break inside the table.
func paginate(units []unit, bodyH float64) [][]placement {
	return paginateInto(nil, units, bodyH)
}

// paginateInto is paginate appending to pages, whose spare capacity (and
// the placements left in it) it reuses.
func paginateInto(pages [][]placement, units []unit, bodyH float64) [][]placement {
	const eps = 0.01
	// nextPage returns an empty page, reusing one left in pages' capacity.
	nextPage := func() []placement {
		if len(pages) < cap(pages) {
			return pages[: len(pages)+1 : cap(pages)][len(pages)][:0]
		}
		return make([]placement, 0, 64)
	}
	page := nextPage()
	y := 0.0
	newPage := func() {
		pages = append(pages, page)
		page = nextPage()
		y = 0
	}
	for i := range units {
		u := &units[i]
		if u.newPage && len(page) > 0 {
			newPage()
		}
		space := u.space
		if y == 0 {
			space = 0
		}
		// Height of the chain this unit starts.
		chain := space + u.h
		for j := i; j < len(units)-1 && units[j].keepNext && chain <= bodyH; j++ {
			chain += units[j+1].space + units[j+1].h
		}
		if y > 0 && (y+chain > bodyH+eps && chain <= bodyH || y+space+u.h > bodyH+eps) {
			newPage()
			space = 0
		}
		if y == 0 && len(page) == 0 && u.repeat >= 0 && len(pages) > 0 {
			page = append(page, placement{u: u.repeat, y: 0})
			y = units[u.repeat].h
		}
		y += space
		page = append(page, placement{u: int32(i), y: y})
		y += u.h
	}
	if len(page) > 0 || len(pages) == 0 {
		pages = append(pages, page)
	}
	return pages
}

// creationDate returns the creation date of the PDF of a document with
// meta m, to the second, in UTC: the day a letter is dated (m.Dated),
// else the Writer's date, else the time of the render.
func creationDate(m *document.Meta, date time.Time) time.Time {
	switch {
	case !m.Dated.IsZero():
		date = m.Dated
	case date.IsZero():
		date = time.Now()
	}
	return date.UTC().Truncate(time.Second)
}

// manifest is the attached manifest.json; field order is fixed by the struct.
type manifest struct {
	ToolVersion    string           `json:"tool_version"`
	Template       string           `json:"template"`
	LibraryVersion string           `json:"library_version"`
	DealHash       string           `json:"deal_hash"`
	Reference      string           `json:"reference"`
	Clauses        []manifestClause `json:"clauses"`
	// Riders are the deal's own special terms, printed as clauses.
	Riders []document.RiderUse `json:"riders,omitempty"`
	// Deviations from the vendor's standard terms, as negotiated.
	Deviations []string `json:"deviations,omitempty"`
}

type manifestClause struct {
	ID       string `json:"id"`
	Version  string `json:"version"`
	Fallback string `json:"fallback,omitempty"`
}

// manifestJSON returns the manifest of m for the given Options.Manifest
// (full or versions).
func manifestJSON(toolVersion, mode string, m *document.Meta) ([]byte, error) {
	mf := manifest{
		ToolVersion:    toolVersion,
		Template:       m.Template,
		LibraryVersion: m.LibraryVersion,
		DealHash:       m.DealHash,
		Reference:      m.Reference,
		Clauses:        make([]manifestClause, len(m.Clauses)),
	}
	for i, c := range m.Clauses {
		mf.Clauses[i] = manifestClause{ID: c.ID, Version: c.Version, Fallback: c.Fallback}
		if mode == ManifestVersions {
			mf.Clauses[i].Fallback = ""
		}
	}
	if mode == ManifestFull {
		mf.Riders = m.Riders
		mf.Deviations = m.Deviations
	}
	b, err := json.MarshalIndent(mf, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func (w *Writer) paint(buf *bytes.Buffer, d *document.Document, l *layout, pages [][]placement) error {
	m := &d.Meta
	p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", SizeStr: w.paper})
	p.SetCompression(true)
	p.SetCatalogSort(true)
	// Readers rebuild each font's map for every page: a short one makes
	// the text faster to extract and to show (fpdf patch 15).
	p.SetCompactCIDToGIDMap(true)
	// Every font is embedded as a subset, and named as one (fpdf patch
	// 16), as the PDF specification asks.
	p.SetSubsetTags(true)
	date := creationDate(m, w.opts.Date)
	p.SetCreationDate(date)
	p.SetModificationDate(date)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetCellMargin(0)
	p.SetTitle(m.Title, true)
	p.SetSubject(m.Subject, true)
	p.SetAuthor(m.Author, true)
	p.SetKeywords(m.Reference+" "+m.DealHash, true)
	p.SetCreator("dpakit "+w.opts.ToolVersion, true)
	if w.opts.Manifest != ManifestNone {
		mj, err := manifestJSON(w.opts.ToolVersion, w.opts.Manifest, m)
		if err != nil {
			return fmt.Errorf("manifest: %w", err)
		}
		p.SetAttachments([]fpdf.Attachment{{Content: mj, Filename: "manifest.json", Description: "dpakit generation manifest"}})
	}

	// fpdf embeds a subset of every style added, used or not, so add only
	// the styles this document uses.
	l.used[regular] = true // running header and footer
	for s := range numStyles {
		if l.used[s] {
			p.AddUTF8FontParsed(fontFamily, fontStyles[s], l.fs.parsed[s])
		}
	}

	pt := painter{p: p, fs: l.fs, links: map[string]int{}, anchors: map[string]anchorPos{}, st: 255}
	customer := ""
	if len(m.Parties) > 0 {
		customer = m.Parties[0].Name
	}
	bodyW := w.pageW - 2*marginX
	total := strconv.Itoa(len(pages))
	headLeft := pt.fit(regular, smallSize, m.ShortTitle, bodyW*0.55)
	headRight := pt.fit(regular, smallSize, customer, bodyW*0.42)
	headRightX := w.pageW - marginX - l.fs.measure(regular, smallSize, headRight)
	ref := ""
	if m.Reference != "" {
		ref = pt.fit(regular, smallSize, "Reference "+m.Reference, bodyW*0.6)
	}
	for pi, page := range pages {
		p.AddPage()
		// Running header from page 2 on, footer on every page.
		pt.color(runningGray)
		if pi > 0 {
			pt.text(regular, smallSize, marginX, headerY, headLeft)
			pt.text(regular, smallSize, headRightX, headerY, headRight)
			p.SetDrawColor(160, 160, 160)
			p.SetLineWidth(0.4)
			p.Line(marginX, headerY+5, w.pageW-marginX, headerY+5)
		}
		fy := w.pageH - footerGap
		pt.text(regular, smallSize, marginX, fy, ref)
		num := "Page " + strconv.Itoa(pi+1) + " of " + total
		pt.text(regular, smallSize, w.pageW-marginX-l.fs.measure(regular, smallSize, num), fy, num)

		for _, pl := range page {
			u := &l.units[pl.u]
			for _, o := range l.ops[u.op0:u.op1] {
				pt.op(o, marginX, marginTop+pl.y, pi+1)
			}
		}
	}
	if err := p.Error(); err != nil {
		return err
	}
	if err := p.Output(buf); err != nil {
		return err
	}
	return nil
}

type anchorPos struct {
	page int
	y    float64
}

// painter draws ops with fpdf, changing font and colour only when needed.
type painter struct {
	p       *fpdf.Fpdf
	fs      *fontSet
	st      style
	size    float64
	gray    int
	links   map[string]int // heading ID -> fpdf link
	anchors map[string]anchorPos
}

func (pt *painter) font(st style, size float64) {
	if st != pt.st || size != pt.size {
		pt.p.SetFont(fontFamily, fontStyles[st], size)
		pt.st, pt.size = st, size
	}
}

func (pt *painter) color(g uint8) {
	if int(g) != pt.gray {
		pt.p.SetTextColor(int(g), int(g), int(g))
		pt.gray = int(g)
	}
}

func (pt *painter) text(st style, size, x, y float64, s string) {
	pt.font(st, size)
	pt.p.Text(x, y, s)
}

// fit shortens s with an ellipsis to at most maxW points.
func (pt *painter) fit(st style, size float64, s string, maxW float64) string {
	if pt.fs.measure(st, size, s) <= maxW {
		return s
	}
	maxW -= pt.fs.measure(st, size, "…")
	widths := pt.fs.width[st]
	w := 0.0
	for i, r := range s {
		if r < 1<<16 {
			w += float64(widths[r]) * size / 1000
		}
		if w > maxW {
			return s[:i] + "…"
		}
	}
	return s
}

func (pt *painter) link(id string) int {
	if n, ok := pt.links[id]; ok {
		return n
	}
	n := pt.p.AddLink()
	pt.links[id] = n
	if a, ok := pt.anchors[id]; ok {
		pt.p.SetLink(n, a.y, a.page)
	}
	return n
}

func (pt *painter) op(o op, dx, dy float64, page int) {
	p := pt.p
	x, y := o.x+dx, o.y+dy
	switch o.kind {
	case opText:
		pt.font(o.st, o.size)
		pt.color(o.gray)
		if o.w > 0 {
			// fpdf justifies UTF-8 text by adjusting each space in a TJ array.
			p.SetXY(x, y-0.8*o.size)
			p.CellFormat(o.w, o.size, o.text, "", 0, "J", false, 0, "")
		} else {
			p.Text(x, y, o.text)
		}
	case opRect:
		if !o.fill && !o.stroke {
			return
		}
		style := "D"
		if o.fill {
			p.SetFillColor(int(o.gray), int(o.gray), int(o.gray))
			style = "F"
		}
		if o.stroke {
			p.SetDrawColor(150, 150, 150)
			p.SetLineWidth(0.5)
			if o.fill {
				style = "FD"
			}
		}
		p.Rect(x, y, o.w, o.h, style)
	case opLine:
		p.SetDrawColor(0, 0, 0)
		p.SetLineWidth(0.5)
		p.Line(x, y, x+o.w, y+o.h)
	case opLink:
		p.Link(x, y, o.w, o.h, pt.link(o.target))
	case opURL:
		p.LinkString(x, y, o.w, o.h, o.target)
	case opAnchor:
		ay := max(y-6, 0)
		pt.anchors[o.target] = anchorPos{page: page, y: ay}
		if n, ok := pt.links[o.target]; ok {
			p.SetLink(n, ay, page)
		}
	case opBookmark:
		// fpdf encodes the title with the current font: make it a UTF-8 one.
		pt.font(regular, bodySize)
		p.Bookmark(o.text, int(o.level), y)
	}
}
