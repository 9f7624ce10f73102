package sublist

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/subproc"
)

// maxNotedRows is the most row numbers a note lists.
const maxNotedRows = 10

// addNotes records, for ImportNotes, what the sheet left out and the
// import filled in (or left empty), so that the user can check it.
func (im *importer) addNotes() {
	if im.notes == nil || len(im.list) == 0 {
		return
	}
	note := func(format string, args ...any) {
		*im.notes = append(*im.notes, fmt.Sprintf(format, args...))
	}
	if im.cols[fCategory] == 0 {
		note("no Category column: all %d sub-processors were imported as %q; mark those that host or store the service's data as %q",
			len(im.list), subproc.CategoryService, subproc.CategoryInfrastructure)
	}
	if im.cols[fLocation] == 0 {
		note("no Location column: each location is the country's name")
	}
	if im.cols[fTransfer] == 0 {
		if im.rules.Origin == subproc.NoRestrictedTransfer {
			note("no Transfer mechanism column: no transfer is restricted (a deal without an EEA, UK or Swiss nexus), so every sub-processor was imported with %q", subproc.TransferNone)
		} else {
			note("no Transfer mechanism column: the sub-processors in %s were imported with %q (none required)", im.rules.HomeName(), subproc.TransferNone)
		}
	}
	var rows []int
	for i, s := range im.list {
		if s.Description == "" {
			rows = append(rows, im.rows[i])
		}
	}
	if len(rows) > 0 {
		what := "no Description column"
		if im.cols[fDescription] > 0 {
			what = "no description in " + rowList(rows)
		}
		note("%s: %d of %d sub-processors have no description; Annex III shows their purpose alone", what, len(rows), len(im.list))
	}
}

// rowList writes "row 4" or "rows 4, 7 and 9", the first few of many
// followed by "...".
func rowList(rows []int) string {
	s := make([]string, 0, min(len(rows), maxNotedRows))
	for _, r := range rows[:min(len(rows), maxNotedRows)] {
		s = append(s, strconv.Itoa(r))
	}
	if len(rows) == 1 {
		return "row " + s[0]
	}
	if len(rows) > maxNotedRows {
		return "rows " + strings.Join(s, ", ") + ", ..."
	}
	return "rows " + strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
