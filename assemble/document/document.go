// Package document defines the format-neutral Document that the engine
// assembles and every writer (PDF, HTML, Markdown, ...) reads. It depends on
// nothing but the standard library, so a writer that imports only this
// package cannot reach into the engine.
package document

import "time"

// Document is an assembled, format-neutral agreement: every writer (HTML,
// Markdown, PDF) reads the same Document, so every format says the same
// thing. A Document holds no template source and no unresolved reference.
type Document struct {
	Meta   Meta
	Blocks []Block
}

// Meta describes a Document: what it is, for whom, and exactly what it was
// made from.
type Meta struct {
	// Kind is the document kind (the template name): dpa, annex-i, ...
	Kind string `json:"kind"`
	// Title is the full title, e.g. "Data Processing Agreement".
	Title string `json:"title"`
	// ShortTitle is printed in page headers after page 1.
	ShortTitle string `json:"short_title"`
	// Subject is a one-line description for document properties.
	Subject string `json:"subject"`
	// Reference is the deal reference printed in every footer.
	Reference     string    `json:"reference"`
	EffectiveDate time.Time `json:"effective_date"`
	// Dated is the day a letter is dated (a change notice: the day it is
	// sent); zero for an agreement. Writers record it as the file's
	// creation date in place of their own, so that a letter's bytes follow
	// from its inputs, wherever it is made.
	Dated time.Time `json:"dated,omitzero"`
	// Parties are the customer then the provider.
	Parties []Party `json:"parties"`
	// Author is the provider's name.
	Author string `json:"author"`
	// DealHash is the hex SHA-256 of the canonical (defaulted, JSON-encoded) deal.
	DealHash string `json:"deal_hash"`
	// Clauses lists every clause used, in order of first use.
	Clauses []ClauseUse `json:"clauses"`
	// Riders lists the deal's riders printed in the document, in order.
	Riders []RiderUse `json:"riders,omitempty"`
	// Deviations are the deal's departures from the vendor's standard
	// terms in plain English, set by the caller that knows the profile
	// (see assemble.DeviationTexts); writers record them in the manifest.
	Deviations []string `json:"deviations,omitempty"`
	// Template is the document template's name and version.
	Template string `json:"template"`
	// LibraryVersion identifies the clause library.
	LibraryVersion string `json:"library_version"`
	// Signers are the parties' signatories, in signature order, for e-signature anchors.
	Signers []Signer `json:"signers"`
}

// Party is a party to the agreement as listed in the title block.
type Party struct {
	// Role is the defined term: "Customer" or "Provider".
	Role string `json:"role"`
	// Description is the party's role in the data flow, e.g. "controller and data exporter".
	Description string `json:"description"`
	Name        string `json:"name"`
	Address     string `json:"address"`
	Country     string `json:"country"`
}

// ClauseUse records one clause of the library used in a Document.
type ClauseUse struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Title   string `json:"title"`
	// Fallback names the approved fallback printed instead of the standard
	// text (Version is then the fallback's); "" for the standard text.
	Fallback string `json:"fallback,omitempty"`
}

// RiderUse records a special term agreed for the deal alone and printed in
// a Document as a clause of its own.
type RiderUse struct {
	// ID is the rider heading's anchor, "rider-1".
	ID string `json:"id"`
	// After is the id of the clause the rider follows.
	After string `json:"after"`
	Title string `json:"title"`
}

// Signer is one party's signatory.
type Signer struct {
	Role  string `json:"role"`
	Party string `json:"party"`
	Name  string `json:"name"`
	Title string `json:"title"`
}

// Block is one block of a Document: *Heading, *Paragraph, *Table,
// *TitleBlock or *SignatureBlock.
type Block interface{ block() }

// Heading is a part, clause or sub-clause heading.
type Heading struct {
	// Level is 1 for a part (the agreement, a schedule, an annex), 2 for a
	// clause and 3 for a sub-clause.
	Level int
	// Number is the computed number ("8", "8.1", "B"), empty for unnumbered
	// headings.
	Number string
	Text   string
	// ID is the anchor that cross-references point to; empty when none.
	ID string
	// Label is how cross-references name this heading ("Clause 8",
	// "Annex I.B", "Annex II").
	Label string
	// NewPage starts the heading on a new page.
	NewPage bool
}

// Paragraph is a paragraph of text, possibly a numbered or bulleted item.
type Paragraph struct {
	Runs []Run
	// Marker is the hanging label printed before the text: "8.2", "(a)",
	// "(i)", "•"; empty for plain paragraphs and for the continuation
	// paragraphs of an item.
	Marker string
	// Indent is the nesting depth: 0 for body text, 1 for a clause's
	// numbered paragraphs and bullets, 2 for (a) items inside them, ...
	Indent int
}

// Run is a span of text with one style.
type Run struct {
	Text   string
	Bold   bool
	Italic bool
	// Ref is the ID of the heading this run refers to; Text is then that
	// heading's Label.
	Ref string
	// URL is an external link target.
	URL string
}

// Align is a table column's alignment.
type Align int

// The column alignments.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Table is a table with one header row.
type Table struct {
	Header []Cell
	Rows   [][]Cell
	Align  []Align
}

// Cell is one table cell.
type Cell struct {
	Runs []Run
}

// TitleBlock is the agreement's opening block: title, parties, reference
// and effective date, taken from Meta.
type TitleBlock struct {
	Title    string
	Subtitle string
	// Lines are the sentences introducing the parties, already worded.
	Lines [][]Run
}

// SignatureBlock holds one signature panel per party; writers keep it whole
// on one page.
type SignatureBlock struct {
	Intro   []Run
	Parties []SignatureParty
}

// SignatureParty is one party's signature panel.
type SignatureParty struct {
	// Role is the defined term, e.g. "Customer".
	Role string
	// Party is the legal name.
	Party string
	Name  string
	Title string
	// Index is the signer's 1-based position, for e-signature anchors.
	Index int
}

func (*Heading) block()        {}
func (*Paragraph) block()      {}
func (*Table) block()          {}
func (*TitleBlock) block()     {}
func (*SignatureBlock) block() {}

// PlainText returns the runs' text joined, without styling.
func PlainText(runs []Run) string {
	switch len(runs) {
	case 0:
		return ""
	case 1:
		return runs[0].Text
	}
	n := 0
	for _, r := range runs {
		n += len(r.Text)
	}
	b := make([]byte, 0, n)
	for _, r := range runs {
		b = append(b, r.Text...)
	}
	return string(b)
}
