package workbook

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/deal"
)

// The sheet and table names. Import (package sublist) finds the list by its
// header row, not by these names, so a customer may rename the sheet.
const (
	CoverSheet = "Cover"
	ListSheet  = "Sub-processors"
	TableName  = "Subprocessors"
	// ChoicesSheet is the hidden sheet that holds the transfer mechanisms'
	// drop list: their labels, one a row in column A. An inline drop list
	// holds at most 255 characters, too few for the mechanisms named under
	// several laws.
	ChoicesSheet = "Choices"
)

// DataSeparator joins the data categories of one sub-processor in a cell.
const DataSeparator = "; "

// cellKind says how a column's cells are styled.
type cellKind int

const (
	textCell cellKind = iota
	codeCell          // short, centred
	linkCell          // a hyperlink, blue and underlined
	dateCell          // a real Excel date, yyyy-mm-dd
)

// column is one column of the Sub-processors table.
type column struct {
	header  string
	meaning string // the Cover sheet's legend
	kind    cellKind
	// minWidth and maxWidth bound the width computed from the content, in
	// characters of the default font.
	minWidth, maxWidth float64
	text               func(s deal.Subprocessor) string
}

// tableColumns returns the layout of the Sub-processors table for in, in
// order, with transfer mechanisms named for the laws of the workbook's deal
// (in.Laws). Address, Contact, Contact position and Responsibilities come last:
// the brief's columns first, then the four Annex III of the SCCs asks for, so that an exported list imports
// back unchanged. A US-only deal's list (in.USOnly) has no Transfer
// mechanism column, and neither Annex III nor SCCs: an import for such a
// deal fills in "none", which fits any country there.
func tableColumns(in Input) []column {
	mechanisms := in.Laws.TransferMechanisms()
	label := make(map[string]string, len(mechanisms))
	for _, m := range mechanisms {
		label[m.Code] = m.Label
	}
	pd := in.personalData()
	annexIII := " (Annex III of the Standard Contractual Clauses)"
	if in.USOnly {
		annexIII = ""
	}
	address := "The sub-processor's address" + annexIII + "."
	cols := []column{
		{"Name", "The legal entity that processes " + pd + " on the vendor's behalf.", textCell, 16, 26,
			func(s deal.Subprocessor) string { return s.Name }},
		{"Description", "What the sub-processor is: the kind of service it provides.", textCell, 14, 28,
			func(s deal.Subprocessor) string { return s.Description }},
		{"Purpose", "Why the vendor uses it: the processing it performs for the services.", textCell, 20, 34,
			func(s deal.Subprocessor) string { return s.Purpose }},
		{"Category", "Infrastructure: hosts or stores the service data. Service: provides a specific feature or function.", textCell, 14, 14,
			func(s deal.Subprocessor) string { return deal.CategoryLabel(s.Category) }},
		{"Location", "Where the data is processed, for example the hosting region.", textCell, 12, 22,
			func(s deal.Subprocessor) string { return s.Location }},
		{"Country", "The country where the data is processed.", textCell, 12, 16,
			func(s deal.Subprocessor) string { return countryName(s.Country) }},
		{"ISO code", "The country's ISO 3166-1 alpha-2 code.", codeCell, 8, 8,
			func(s deal.Subprocessor) string { return s.Country }},
		{"Data categories", "The categories of " + pd + " the sub-processor processes, separated by semicolons.", textCell, 20, 34,
			dataCell},
		{transferHeader, transferMeaning(deal.Labels(mechanisms), in.Provider.Name), textCell, 16, 18,
			func(s deal.Subprocessor) string {
				if l, ok := label[s.TransferMechanism]; ok {
					return l
				}
				return s.TransferMechanism
			}},
		{"Website", "The sub-processor's website.", linkCell, 12, 40,
			func(s deal.Subprocessor) string { return s.Website }},
		{"Date added", "The date the sub-processor was added to the list (YYYY-MM-DD).", dateCell, 12, 12,
			func(s deal.Subprocessor) string { return s.Added.String() }},
		{"Address", address, textCell, 10, 28,
			func(s deal.Subprocessor) string { return s.Address }},
		{"Contact", "Who to contact at the sub-processor about data protection.", textCell, 10, 24,
			func(s deal.Subprocessor) string { return s.Contact }},
		{"Contact position", "The contact person's position" + annexIII + ".", textCell, 10, 20,
			func(s deal.Subprocessor) string { return s.ContactTitle }},
		{"Responsibilities", "What the sub-processor is responsible for where several take part in the processing" + annexIII + ".", textCell, 14, 30,
			func(s deal.Subprocessor) string { return s.Responsibilities }},
	}
	if in.USOnly {
		cols = slices.DeleteFunc(cols, func(c column) bool { return c.header == transferHeader })
	}
	return cols
}

// dataCell writes a sub-processor's data categories as one cell, joined by
// DataSeparator; a lone category that holds a comma ends with ";", so that
// the import (which splits a cell without a semicolon at its commas) reads
// it back as one category.
func dataCell(s deal.Subprocessor) string {
	cell := strings.Join(s.Data, DataSeparator)
	if len(s.Data) == 1 && strings.Contains(cell, ",") {
		cell += ";"
	}
	return cell
}

// transferMeaning is the Transfer mechanism column's legend: the labels it
// may hold and, where a label speaks of "Provider" as the DPA does, who
// that is.
func transferMeaning(labels []string, vendor string) string {
	m := "The safeguard for the transfer of personal data: " + joinOr(quoted(labels)) + "."
	for _, l := range labels {
		if strings.Contains(l, "Provider") {
			return m + " In these labels, as in the DPA, “Provider” is the vendor (" + strings.TrimSpace(vendor) + ") and “the Sub-processor” the sub-processor of the row."
		}
	}
	return m
}

// transferHeader is the Transfer mechanism column's header.
const transferHeader = "Transfer mechanism"

// quoted puts each item in typographic quotes, so that a label that lists
// frameworks ("EU-US Data Privacy Framework; Swiss-US Data Privacy
// Framework") reads as one item of a list.
func quoted(items []string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = "“" + it + "”"
	}
	return out
}

// joinOr joins items as "a, b, c or d".
func joinOr(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// widths sizes each column to its longest cell, within the column's bounds.
// Headers wrap like the cells below them.
func widths(columns []column, list []deal.Subprocessor) []float64 {
	out := make([]float64, len(columns))
	for i, c := range columns {
		longest := 0
		for _, s := range list {
			if n := utf8.RuneCountInString(c.text(s)); n > longest {
				longest = n
			}
		}
		w := float64(longest) + 1
		out[i] = min(max(w, c.minWidth), c.maxWidth)
	}
	return out
}

// countryName is the country's English name, or the code when it has none.
func countryName(code string) string {
	if n := country.Name(code); n != "" {
		return n
	}
	return code
}

// Row heights. Neither Excel nor LibreOffice fits the height of a row with
// wrapped text when it opens a file, so the writer estimates it: a greedy word
// wrap at about one character per unit of column width, which errs towards a
// line too many rather than a line cut off.
const (
	lineHeight = 15.0 // points per line of 11 pt Calibri
	rowPadding = 2.0
)

// rowHeight returns the height for a row of texts in columns of the given
// widths, or 0 when every text fits on one line (the default height).
func rowHeight(texts []string, widths []float64, reserve float64) float64 {
	lines := 1
	for i, t := range texts {
		if n := wrappedLines(t, widths[i]-reserve); n > lines {
			lines = n
		}
	}
	if lines == 1 {
		return 0
	}
	return float64(lines)*lineHeight + rowPadding
}

// wrappedLines estimates the lines text takes in a column width characters
// wide.
func wrappedLines(text string, width float64) int {
	capacity := int(width*1.1) - 1
	if capacity < 1 {
		capacity = 1
	}
	lines, used := 0, 0
	for _, para := range strings.Split(text, "\n") {
		lines++
		used = 0
		for _, word := range strings.Fields(para) {
			n := utf8.RuneCountInString(word)
			switch {
			case used == 0:
			case used+1+n <= capacity:
				used += 1 + n
				continue
			default:
				lines++
			}
			// a word longer than the line is broken across lines
			lines += (n - 1) / capacity
			used = (n-1)%capacity + 1
		}
	}
	return lines
}
