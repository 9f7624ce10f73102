package workbook

import (
	"bufio"
	"fmt"
	"io"

	"github.com/dpakit/dpakit/assemble/sheetcsv"
)

// ExportCSV writes the list of in as a CSV file with the columns, headers
// and cell texts of the workbook's Sub-processors table, for those without
// a spreadsheet program: UTF-8 with a byte order mark (so that Excel reads
// its accents), comma-separated, one header row. A cell that a
// spreadsheet would take for a formula (it starts with =, +, -, @, a tab
// or a carriage return) is written with a leading apostrophe, which the
// import takes off again. `dpakit subprocessors
// import` reads it back unchanged. The cover sheet has no place in it: the
// list's version and date are the file name's to carry. It returns an
// error, and writes nothing, when the list has more than MaxRows entries.
func ExportCSV(w io.Writer, in Input) error {
	if len(in.List) > MaxRows {
		return fmt.Errorf("export list: %d sub-processors is more than a list holds (%d)", len(in.List), MaxRows)
	}
	cols := tableColumns(in)
	bw := bufio.NewWriter(w)
	cw := sheetcsv.NewWriter(bw)
	record := make([]string, len(cols))
	for i, c := range cols {
		record[i] = c.header
	}
	if err := cw.Write(record); err != nil {
		return fmt.Errorf("export list: %w", err)
	}
	for _, s := range in.List {
		for i, c := range cols {
			record[i] = c.text(s)
		}
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("export list: %w", err)
		}
	}
	if err := cw.Flush(); err != nil {
		return fmt.Errorf("export list: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export list: %w", err)
	}
	return nil
}
