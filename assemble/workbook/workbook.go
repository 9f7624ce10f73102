// Package workbook writes a vendor's sub-processor list as an Excel workbook
// for sales teams to attach to RFPs and security questionnaires.
//
// The workbook has two visible sheets. "Cover" says whose list it is, its version
// and date, the objection window and advance notice, how notices are sent,
// the privacy contact and what each column means. "Sub-processors" holds the
// list as an Excel table named "Subprocessors" with its own filter buttons,
// a frozen header row, drop lists on Category and Transfer mechanism (a
// US-only deal's list has no Transfer mechanism column: no transfer is
// restricted),
// clickable websites and a print set-up (landscape, one page wide, the
// header row repeated on every page). A hidden third sheet, "Choices",
// holds the transfer mechanisms' drop list (longer than the 255 characters
// an inline list allows when they are named for several laws).
//
// Design choices:
//
//   - Order: rows keep the order of the list. The vendor's order carries
//     meaning (seed lists put infrastructure first, then the services in
//     order of importance), the same order appears in Annex III of the DPA,
//     and a reader who wants another order has the table's sort buttons.
//   - One list sheet, no sheet per category: the table's Category filter
//     gives the same view in two clicks, and copies of rows on several sheets
//     drift apart when someone edits one of them and make it unclear which
//     sheet an import should read.
//   - Streaming: the list sheet is always written with excelize's
//     StreamWriter, which gives the table, panes, column widths, hyperlinks,
//     data validation and print set-up (the last three are kept in the
//     worksheet and written at Flush). One code path for 10 or 10,000 rows,
//     and the fastest one; rows are not held in memory as cell structures.
//     Hyperlinks are the one cost that grows faster than the list (see
//     MaxLinks).
//   - Same input, same bytes: document properties take the as-of date, no
//     sheet protection (its SHA-512 salt is random), one stream sheet (several
//     would be written in map order), no clock and no map iteration.
//   - Text is never a formula: every value is written as a string cell, so a
//     sub-processor called "=HYPERLINK(...)" shows as that text. Only
//     http and https websites become hyperlinks.
package workbook

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/dpakit/dpakit/assemble/deal"
)

// MaxRows is the most sub-processors a workbook holds: Excel keeps at most
// 65,530 hyperlinks on one sheet.
const MaxRows = 65000

// MaxLinks is the most websites made clickable. excelize adds each
// hyperlink's relationship by scanning all earlier ones, so links cost
// quadratic time: 2,000 take about 80 ms, 10,000 about 2 s. A list with more
// websites than this (far beyond real lists; a deal allows 2,000) shows them
// as plain text.
const MaxLinks = 5000

// DefaultNoticeMethod is shown on the Cover when Input.NoticeMethod is empty.
const DefaultNoticeMethod = "By email to the customer's contact named in the DPA"

// Input is everything the workbook shows.
type Input struct {
	// Provider is the vendor: its name, privacy contact (and DPO, if any) and
	// the address where the current list is published.
	Provider deal.Provider
	// List is the sub-processor list, in the order it is shown.
	List []deal.Subprocessor
	// Version names this edition of the list, for example "2026-12" or "v14";
	// optional.
	Version string
	// AsOf is the date the list is current at. It is required, and is also
	// the workbook's created and modified date, so the same input always
	// gives the same bytes.
	AsOf deal.Date
	// ObjectionDays is the customer's objection window after a notice.
	ObjectionDays int
	// NoticeDays is the advance notice of a new sub-processor (SCC Clause
	// 9(a)); 0 means none is promised.
	NoticeDays int
	// NoticeMethod says how change notices are sent, for example "By email
	// to subscribers of https://kestrel.example/subprocessors";
	// DefaultNoticeMethod when empty.
	NoticeMethod string
	// Laws are the laws that govern the transfers of the deal the list
	// serves, which name its transfer mechanisms as its Annex III does
	// ("dpf" is the Swiss-US Data Privacy Framework for a Swiss exporter
	// under the FADP alone). The zero Laws, for a list not tied to a deal,
	// names them as under the GDPR alone.
	Laws deal.Laws
	// SpecificAuthorisation: the list serves a deal under SCC Clause 9(a)
	// Option 1, where each new sub-processor needs the customer's specific
	// prior authorisation: the Cover gives an authorisation period, not an
	// objection window.
	SpecificAuthorisation bool
	// ProcessorCustomer: the customer is itself a processor (SCC Module
	// Three), so the right to object or to authorise is its controller's,
	// exercised through the customer.
	ProcessorCustomer bool
	// USOnly: the list serves a deal without an EEA, UK or Swiss nexus
	// (gdpr.applies: false). No transfer is restricted, so the list has no
	// Transfer mechanism column (as the DPA's own list and the change notice
	// state none), and the workbook speaks of "personal information", the
	// CCPA's term (Cal. Civ. Code § 1798.140(v)), where it otherwise says
	// "personal data".
	USOnly bool
	// AnnexIII: the deal's DPA describes each sub-processor's processing
	// in an Annex III (deal.Deal.AnnexIII: where SCC Clause 9 applies, and
	// for a profile's list, as in any GDPR customer's DPA), and the
	// customer's authorisation covers that processing and no more, so
	// under Option 2 an existing sub-processor's wider processing is
	// notified like a new one, with the right to object.
	AnnexIII bool
	// Negotiated: the deal the list serves has terms negotiated for it (a
	// fallback clause or a rider), which may change the periods and rights
	// the Cover summarises; the Cover says that the DPA governs. (Which
	// clause a fallback replaces is the clause library's business, which a
	// workbook does not read.)
	Negotiated bool
}

// fact is one labelled line of the Cover sheet, with an optional link.
type fact struct{ label, value, link string }

// decisionFact is the Cover's line on the customer's say over a change to
// its sub-processors: under Clause 9(a) Option 1 the period to give or
// refuse specific authorisation (no answer is no authorisation), otherwise
// the window to object; for a processor customer, its controller's
// decision. The changes are those the DPA's sub-processor clause names: a
// new or replacement sub-processor and, for a deal under EU, UK or Swiss
// law, a move of an existing one's processing abroad (homeArea) and, where
// the DPA has an Annex III, an existing one's processing beyond what it
// describes.
func (in Input) decisionFact() fact {
	if in.SpecificAuthorisation {
		decide := "the customer to give or refuse its specific prior authorisation"
		if in.ProcessorCustomer {
			decide = "the customer to communicate its controller's specific prior authorisation, or refusal,"
		}
		return fact{label: "Authorisation period", value: days(in.ObjectionDays,
			"after the customer receives the vendor's request for "+decide+" of a new or replacement sub-processor, or of an authorised one's processing beyond what Annex III describes for it (other data, purposes or responsibilities, or a country outside "+in.homeArea()+" that it does not list)"+
				"; no such change is made without it, and no answer means no authorisation")}
	}
	who := "the customer"
	if in.ProcessorCustomer {
		who = "the customer's controller, through the customer,"
	}
	changes := "a new or replacement sub-processor"
	switch {
	case in.AnnexIII:
		changes += ", of a move of an existing one's processing to a country outside " + in.homeArea() +
			", or of an existing one's processing beyond what Annex III describes for it (other data, purposes, descriptions or responsibilities),"
	case !in.USOnly:
		changes += ", or of a move of an existing one's processing to a country outside " + in.homeArea() + ","
	}
	return fact{label: "Objection window", value: days(in.ObjectionDays,
		"from notice of "+changes+" for "+who+" to object")}
}

// noticeFact is the Cover's line on how far ahead a change is announced,
// or, under Clause 9(a) Option 1, authorisation requested.
func (in Input) noticeFact() fact {
	if in.SpecificAuthorisation {
		return fact{label: "Advance request", value: atLeast(in.NoticeDays,
			"before a new or replacement sub-processor is to start processing "+in.personalData()+", or another change needing authorisation is to take effect, the vendor requests authorisation")}
	}
	when := "before a new or replacement sub-processor starts processing " + in.personalData()
	switch {
	case in.AnnexIII:
		when += ", a move of an existing one's processing to a country outside " + in.homeArea() +
			" takes effect, or an existing one's processing goes beyond what Annex III describes for it"
	case !in.USOnly:
		when += ", or a move of an existing one's processing to a country outside " + in.homeArea() + " takes effect"
	}
	return fact{label: "Advance notice", value: atLeast(in.NoticeDays, when)}
}

// homeArea is the area from which a sub-processor's move abroad is a
// change for the customer to know of: the EEA, and Switzerland as well for
// a Swiss exporter under the FADP alone, the United Kingdom as well for a
// UK exporter under UK Data Protection Laws alone (as the DPA's
// sub-processor clause and the change notices say).
func (in Input) homeArea() string {
	switch {
	case in.Laws.UKExporter:
		return "the United Kingdom and the EEA"
	case in.Laws.FADP && !in.Laws.GDPR:
		return "Switzerland and the EEA"
	}
	return "the EEA"
}

// personalData is the law's term for personal data on the workbook:
// "personal information" for a US-only deal's list.
func (in Input) personalData() string {
	if in.USOnly {
		return "personal information"
	}
	return "personal data"
}

// FromDeal returns the Input for a deal's sub-processor list.
func FromDeal(d *deal.Deal, version string, asOf deal.Date, noticeMethod string) Input {
	return Input{
		Provider:              d.Provider,
		List:                  d.Subprocessors.List,
		Version:               version,
		AsOf:                  asOf,
		ObjectionDays:         d.Subprocessors.ObjectionDays,
		NoticeDays:            d.SCC.SubprocessorNoticeDays,
		NoticeMethod:          noticeMethod,
		Laws:                  d.TransferLaws(),
		USOnly:                !d.GDPR.On(),
		SpecificAuthorisation: d.SCC.SubprocessorOption == deal.SpecificAuthorisation && d.SCC.Clause9(),
		ProcessorCustomer:     d.Customer.Role == deal.Processor,
		AnnexIII:              d.AnnexIII(),
		Negotiated:            len(d.Negotiated) > 0 || len(d.Riders) > 0,
	}
}

// Export writes the workbook for in to w. It returns an error, and writes
// nothing, when AsOf or the provider's name is missing, when the list has
// more than MaxRows entries, or when the workbook cannot be built; otherwise
// the only errors are w's.
func Export(w io.Writer, in Input) error {
	if in.AsOf.IsZero() {
		return errors.New("export workbook: the as-of date is missing")
	}
	if strings.TrimSpace(in.Provider.Name) == "" {
		return errors.New("export workbook: the provider's name is missing")
	}
	if len(in.List) > MaxRows {
		return fmt.Errorf("export workbook: %d sub-processors is more than a workbook holds (%d)", len(in.List), MaxRows)
	}
	f := excelize.NewFile()
	defer f.Close()
	s, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("export workbook: styles: %w", err)
	}
	cols := tableColumns(in)
	if err := writeCover(f, s, cols, in); err != nil {
		return fmt.Errorf("export workbook: cover sheet: %w", err)
	}
	if err := writeList(f, s, cols, in); err != nil {
		return fmt.Errorf("export workbook: list sheet: %w", err)
	}
	if err := setProps(f, in); err != nil {
		return fmt.Errorf("export workbook: document properties: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("export workbook: %w", err)
	}
	return nil
}

// styles are the cell style ids of one workbook.
type styles struct {
	title, subtitle, label, value, link, heading, legendHead int
	header, text, code, url, date                            int
}

// font is set on every style: without a family, LibreOffice draws bold and
// coloured text in its default serif font.
const font = "Calibri"

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Family: font, Bold: true, Size: 18, Color: "1F3864"}}},
		{&s.subtitle, excelize.Style{Font: &excelize.Font{Family: font, Italic: true, Size: 11, Color: "595959"}}},
		{&s.label, excelize.Style{Font: &excelize.Font{Family: font, Bold: true}, Alignment: top}},
		{&s.value, excelize.Style{Font: &excelize.Font{Family: font}, Alignment: top}},
		{&s.link, excelize.Style{Font: &excelize.Font{Family: font, Color: "0563C1", Underline: "single"}, Alignment: top}},
		{&s.heading, excelize.Style{Font: &excelize.Font{Family: font, Bold: true, Size: 13, Color: "1F3864"}}},
		{&s.legendHead, excelize.Style{
			Font:      &excelize.Font{Family: font, Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"4472C4"}},
			Alignment: top,
		}},
		// The look of TableStyleMedium2's header, for applications that
		// do not draw table styles (LibreOffice).
		{&s.header, excelize.Style{
			Font:      &excelize.Font{Family: font, Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"4472C4"}},
			Alignment: top,
		}},
		{&s.text, excelize.Style{Font: &excelize.Font{Family: font}, Alignment: top}},
		{&s.code, excelize.Style{Font: &excelize.Font{Family: font}, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&s.url, excelize.Style{Font: &excelize.Font{Family: font, Color: "0563C1", Underline: "single"}, Alignment: top}},
		{&s.date, excelize.Style{Font: &excelize.Font{Family: font}, CustomNumFmt: ptr("yyyy-mm-dd"), Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return s, err
		}
		*d.id = id
	}
	return s, nil
}

func ptr[T any](v T) *T { return &v }

// The Cover's column widths: labels, then values.
const (
	coverLabelWidth = 24
	coverValueWidth = 90
)

// writeCover fills the Cover sheet (the new file's first sheet, renamed).
func writeCover(f *excelize.File, s styles, cols []column, in Input) error {
	if err := f.SetSheetName("Sheet1", CoverSheet); err != nil {
		return err
	}
	sh := CoverSheet
	vendor := strings.TrimSpace(in.Provider.Name)
	set := func(cell, text string, style int) error {
		if err := f.SetCellStr(sh, cell, text); err != nil {
			return err
		}
		return f.SetCellStyle(sh, cell, cell, style)
	}
	if err := set("A1", "Sub-processors of "+vendor, s.title); err != nil {
		return err
	}
	sub := "As of " + in.AsOf.Format("2 January 2006")
	if in.Version != "" {
		sub = "List version " + in.Version + ", as of " + in.AsOf.Format("2 January 2006")
	}
	if err := set("A2", sub, s.subtitle); err != nil {
		return err
	}

	facts := []fact{{label: "Vendor", value: vendor}}
	if in.Version != "" {
		facts = append(facts, fact{label: "List version", value: in.Version})
	}
	facts = append(facts,
		fact{label: "As of", value: in.AsOf.String()},
		fact{label: "Sub-processors listed", value: countLine(in.List)},
		in.decisionFact(),
		in.noticeFact(),
	)
	if in.Negotiated {
		facts = append(facts, fact{label: "Negotiated terms", value: "the customer's DPA has terms negotiated for it, which may change the periods and rights above; where they differ, the DPA governs"})
	}
	facts = append(facts, fact{label: "How notices are sent", value: orDefault(in.NoticeMethod, DefaultNoticeMethod)})
	if u := in.Provider.SubprocessorListURL; u != "" {
		f := fact{label: "Current list", value: u, link: webLink(u)}
		if in.SpecificAuthorisation {
			// Under Option 1 only the DPA's Annex III and the written
			// authorisations of the customer (for a processor customer,
			// of its controller, through it) authorise a sub-processor.
			by := "the customer's written authorisations"
			if in.ProcessorCustomer {
				by = "the controller's written authorisations, communicated through the customer"
			}
			f.label, f.value = "Published list", u+" (for information only: it authorises no sub-processor; only the DPA's Annex III and "+by+" do)"
		}
		facts = append(facts, f)
	}
	if c := in.Provider.Contact; c.Name != "" || c.Email != "" {
		facts = append(facts, fact{label: "Privacy contact", value: contactLine(c), link: mailLink(c.Email)})
	}
	if d := in.Provider.DPO; d != nil && (d.Name != "" || d.Email != "") {
		label := "Data protection officer"
		if in.USOnly {
			label = "Privacy officer" // the CCPA knows no data protection officer
		}
		facts = append(facts, fact{label: label, value: contactLine(*d), link: mailLink(d.Email)})
	}

	row := 4
	for _, fa := range facts {
		a, b := "A"+strconv.Itoa(row), "B"+strconv.Itoa(row)
		if err := set(a, fa.label, s.label); err != nil {
			return err
		}
		style := s.value
		if fa.link != "" {
			style = s.link
		}
		if err := set(b, fa.value, style); err != nil {
			return err
		}
		if h := rowHeight([]string{fa.value}, []float64{coverValueWidth}, 0); h > 0 {
			if err := f.SetRowHeight(sh, row, h); err != nil {
				return err
			}
		}
		if fa.link != "" {
			if err := f.SetCellHyperLink(sh, b, fa.link, "External"); err != nil {
				return err
			}
		}
		row++
	}

	if err := writeLegend(f, s, cols, set, row+1); err != nil {
		return err
	}
	return setCoverPage(f, sh)
}

// writeLegend writes the legend of the list sheet's columns from row on.
func writeLegend(f *excelize.File, s styles, columns []column, set func(cell, text string, style int) error, row int) error {
	sh := CoverSheet
	if err := set("A"+strconv.Itoa(row), "Columns of the "+ListSheet+" sheet", s.heading); err != nil {
		return err
	}
	row++
	if err := set("A"+strconv.Itoa(row), "Column", s.legendHead); err != nil {
		return err
	}
	if err := set("B"+strconv.Itoa(row), "Meaning", s.legendHead); err != nil {
		return err
	}
	for _, c := range columns {
		row++
		if err := set("A"+strconv.Itoa(row), c.header, s.label); err != nil {
			return err
		}
		if err := set("B"+strconv.Itoa(row), c.meaning, s.value); err != nil {
			return err
		}
		if h := rowHeight([]string{c.meaning}, []float64{coverValueWidth}, 0); h > 0 {
			if err := f.SetRowHeight(sh, row, h); err != nil {
				return err
			}
		}
	}

	return nil
}

// setCoverPage sets the Cover's widths, view and print set-up.
func setCoverPage(f *excelize.File, sh string) error {
	if err := f.SetColWidth(sh, "A", "A", coverLabelWidth); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "B", "B", coverValueWidth); err != nil {
		return err
	}
	if err := f.SetSheetView(sh, 0, &excelize.ViewOptions{ShowGridLines: ptr(false)}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	return f.SetPageLayout(sh, &excelize.PageLayoutOptions{
		Size:        ptr(9), // A4
		Orientation: ptr("portrait"),
		FitToWidth:  ptr(1),
		FitToHeight: ptr(0),
	})
}

// writeList writes the Sub-processors sheet with a StreamWriter. Settings
// kept in the worksheet (sheet properties, page set-up, header and footer,
// data validation, hyperlinks) are made on the File and written by Flush;
// panes and widths go through the StreamWriter before the first row.
func writeList(f *excelize.File, s styles, columns []column, in Input) error {
	sh := ListSheet
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	rows := len(in.List)
	last := rows + 1
	if rows == 0 {
		last = 2 // a table needs a header and at least one row
	}
	lastCol, err := excelize.ColumnNumberToName(len(columns))
	if err != nil {
		return err
	}

	if err := setListPage(f, sh, in); err != nil {
		return err
	}
	if err := addDropLists(f, sh, columns, in.Laws, last); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	colWidths := widths(columns, in.List)
	for i, w := range colWidths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	if err := streamRows(f, sw, s, columns, in, colWidths); err != nil {
		return err
	}
	if err := sw.AddTable(&excelize.Table{
		Range:          "A1:" + lastCol + strconv.Itoa(last),
		Name:           TableName,
		StyleName:      "TableStyleMedium2",
		ShowRowStripes: ptr(true),
	}); err != nil {
		return err
	}
	return sw.Flush()
}

// setListPage sets the list sheet's print set-up: A4 landscape, one page
// wide, margins, header and footer, and the header row repeated on every
// printed page.
func setListPage(f *excelize.File, sh string, in Input) error {
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{
		Size:        ptr(9), // A4
		Orientation: ptr("landscape"),
		FitToWidth:  ptr(1),
		FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.4), Right: ptr(0.4), Top: ptr(0.6), Bottom: ptr(0.6), Header: ptr(0.3), Footer: ptr(0.3),
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sh, headerFooter(in)); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: "'" + sh + "'!$1:$1",
		Scope:    sh,
	}); err != nil {
		return err
	}
	return nil
}

// maxMessage is the longest data validation message Excel accepts.
const maxMessage = 255

// addDropLists puts the vocabulary's drop lists on the Category and
// Transfer mechanism cells of rows 2 to last, the mechanisms named for laws.
func addDropLists(f *excelize.File, sh string, columns []column, laws deal.Laws, last int) error {
	for i, c := range columns {
		if c.header != "Category" && c.header != transferHeader {
			continue
		}
		items := deal.Labels(deal.Categories())
		if c.header == transferHeader {
			items = deal.Labels(laws.TransferMechanisms())
		}
		prompt := "Choose " + joinOr(quoted(items)) + "."
		if utf8.RuneCountInString(prompt) > maxMessage {
			prompt = "Choose one of the values in the drop list."
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, last))
		if c.header == transferHeader {
			ref, err := writeChoices(f, items)
			if err != nil {
				return err
			}
			dv.SetSqrefDropList(ref)
		} else if err := dv.SetDropList(items); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.header, prompt)
		if err := f.AddDataValidation(sh, dv); err != nil {
			return err
		}
	}

	return nil
}

// writeChoices writes items to column A of the hidden ChoicesSheet and
// returns the range a drop list refers to: the transfer mechanisms' labels
// under several laws are longer together than the 255 characters an
// inline drop list holds.
func writeChoices(f *excelize.File, items []string) (string, error) {
	if _, err := f.NewSheet(ChoicesSheet); err != nil {
		return "", err
	}
	for i, it := range items {
		if err := f.SetCellStr(ChoicesSheet, "A"+strconv.Itoa(i+1), it); err != nil {
			return "", err
		}
	}
	if err := f.SetColWidth(ChoicesSheet, "A", "A", 90); err != nil {
		return "", err
	}
	if err := f.SetSheetVisible(ChoicesSheet, false); err != nil {
		return "", err
	}
	return fmt.Sprintf("'%s'!$A$1:$A$%d", ChoicesSheet, len(items)), nil
}

// streamRows writes the header row and one row per sub-processor, with the
// websites as hyperlinks unless there are more than MaxLinks.
func streamRows(f *excelize.File, sw *excelize.StreamWriter, s styles, columns []column, in Input, colWidths []float64) error {
	sh := ListSheet
	header := make([]any, len(columns))
	texts := make([]string, len(columns))
	for i, c := range columns {
		header[i] = excelize.Cell{StyleID: s.header, Value: c.header}
		texts[i] = c.header
	}
	// The filter button covers the right end of a header cell.
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: rowHeight(texts, colWidths, 3)}); err != nil {
		return err
	}
	links := 0
	for _, sp := range in.List {
		if webLink(sp.Website) != "" {
			links++
		}
	}
	linked := links <= MaxLinks
	cells := make([]any, len(columns))
	for r, sp := range in.List {
		row := r + 2
		for i, c := range columns {
			cells[i] = cellValue(s, c, sp, linked)
			texts[i] = c.text(sp)
		}
		ref, _ := excelize.CoordinatesToCellName(1, row)
		if err := sw.SetRow(ref, cells, excelize.RowOpts{Height: rowHeight(texts, colWidths, 0)}); err != nil {
			return fmt.Errorf("row %d: %w", row, err)
		}
		for i, c := range columns {
			if c.kind != linkCell || !linked {
				continue
			}
			if link := webLink(c.text(sp)); link != "" {
				ref, _ := excelize.CoordinatesToCellName(i+1, row)
				if err := f.SetCellHyperLink(sh, ref, link, "External"); err != nil {
					return fmt.Errorf("row %d: %w", row, err)
				}
			}
		}
	}
	return nil
}

// cellValue is one table cell: text as a string cell (never a formula), the
// date added as a date.
func cellValue(s styles, c column, sp deal.Subprocessor, linked bool) excelize.Cell {
	switch c.kind {
	case dateCell:
		if sp.Added.IsZero() {
			return excelize.Cell{StyleID: s.date}
		}
		return excelize.Cell{StyleID: s.date, Value: sp.Added.Time}
	case codeCell:
		return excelize.Cell{StyleID: s.code, Value: c.text(sp)}
	case linkCell:
		if linked && webLink(c.text(sp)) != "" {
			return excelize.Cell{StyleID: s.url, Value: c.text(sp)}
		}
	}
	return excelize.Cell{StyleID: s.text, Value: c.text(sp)}
}

// headerFooter prints the vendor and list version at the top of each page
// and the page number at the bottom.
func headerFooter(in Input) *excelize.HeaderFooterOptions {
	right := "As of " + in.AsOf.String()
	if in.Version != "" {
		right = "List version " + hfEscape(in.Version) + ", as of " + in.AsOf.String()
	}
	left := hfEscape(strings.TrimSpace(in.Provider.Name)) + ": sub-processors"
	// Excel refuses a header section longer than 255 characters.
	if len([]rune(left))+len([]rune(right)) > 240 {
		left = ""
	}
	return &excelize.HeaderFooterOptions{
		OddHeader: "&L" + left + "&R" + right,
		OddFooter: "&CPage &P of &N",
	}
}

// hfEscape doubles "&", the header and footer code character.
func hfEscape(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// setProps sets the document properties from the input, never the clock.
func setProps(f *excelize.File, in Input) error {
	stamp := in.AsOf.UTC().Format(time.RFC3339)
	subject := "Sub-processor list as of " + in.AsOf.String()
	if in.Version != "" {
		subject = "Sub-processor list, version " + in.Version + ", as of " + in.AsOf.String()
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          "Sub-processors of " + strings.TrimSpace(in.Provider.Name),
		Subject:        subject,
		Creator:        strings.TrimSpace(in.Provider.Name),
		LastModifiedBy: strings.TrimSpace(in.Provider.Name),
		Keywords:       in.keywords(),
		Category:       "Sub-processor list",
		Version:        in.Version,
		Created:        stamp,
		Modified:       stamp,
		Language:       "en",
	}); err != nil {
		return err
	}
	return f.SetAppProps(&excelize.AppProperties{
		Application: "dpakit",
		Company:     strings.TrimSpace(in.Provider.Name),
	})
}

// webLink returns u when it is an http or https address, the only kinds
// made clickable, and "" otherwise.
func webLink(u string) string {
	l := strings.ToLower(u)
	if (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) && !strings.ContainsAny(u, " \t\r\n") {
		return u
	}
	return ""
}

// mailLink returns a mailto: link for a plain email address.
func mailLink(email string) string {
	if email == "" || strings.ContainsAny(email, " \t\r\n?&:/") || strings.Count(email, "@") != 1 {
		return ""
	}
	return "mailto:" + email
}

func contactLine(c deal.Contact) string {
	switch {
	case c.Name == "":
		return c.Email
	case c.Email == "":
		return c.Name
	}
	line := c.Name + " <" + c.Email + ">"
	if c.Phone != "" {
		line += ", " + c.Phone
	}
	return line
}

func countLine(list []deal.Subprocessor) string {
	var infra, service int
	for _, s := range list {
		switch s.Category {
		case deal.CategoryInfrastructure:
			infra++
		case deal.CategoryService:
			service++
		}
	}
	return fmt.Sprintf("%d (%d infrastructure, %d service)", len(list), infra, service)
}

// atLeast is days for a period that is a minimum ("At least 30 days
// before ..."), as the DPA's "at least" has it.
func atLeast(n int, what string) string {
	if n == 0 {
		return days(n, what)
	}
	return "At least " + days(n, what)
}

// keywords are the workbook's document keywords: the laws its list serves
// (the GDPR for a list not tied to a deal), then what it is.
func (in Input) keywords() string {
	var laws []string
	switch {
	case in.USOnly:
		laws = append(laws, "CCPA")
	default:
		if in.Laws.GDPR || !in.Laws.UK && !in.Laws.FADP {
			laws = append(laws, "GDPR")
		}
		if in.Laws.UK {
			laws = append(laws, "UK GDPR")
		}
		if in.Laws.FADP {
			laws = append(laws, "FADP")
		}
	}
	return strings.Join(append(laws, "sub-processors", "DPA"), "; ")
}

func days(n int, what string) string {
	switch n {
	case 0:
		return "Not specified"
	case 1:
		return "1 day " + what
	}
	return strconv.Itoa(n) + " days " + what
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
