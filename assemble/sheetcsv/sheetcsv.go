// Package sheetcsv writes CSV files for people who open them in a
// spreadsheet application: UTF-8 with a byte order mark, so that Excel reads
// accented letters as such, CRLF line ends, and no cell that Excel or
// LibreOffice would run as a formula (CSV injection).
package sheetcsv

import (
	"encoding/csv"
	"io"
	"strings"
)

// Writer writes records as encoding/csv does, after a byte order mark,
// with every cell made inert (Inert).
type Writer struct {
	out     io.Writer
	cw      *csv.Writer
	started bool
	err     error
	cells   []string
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &Writer{out: w, cw: cw}
}

// Write writes one record, the byte order mark before the first.
func (w *Writer) Write(record []string) error {
	if w.err != nil {
		return w.err
	}
	if !w.started {
		w.started = true
		if _, err := io.WriteString(w.out, "\ufeff"); err != nil {
			w.err = err
			return err
		}
	}
	w.cells = w.cells[:0]
	for _, c := range record {
		w.cells = append(w.cells, Inert(c))
	}
	return w.cw.Write(w.cells)
}

// Flush writes any buffered data and reports the first error of any write.
func (w *Writer) Flush() error {
	w.cw.Flush()
	if w.err != nil {
		return w.err
	}
	return w.cw.Error()
}

// Inert returns text with a leading apostrophe when a spreadsheet opening
// the file would read it as a formula (it starts with =, +, -, @, a tab or
// a carriage return): the apostrophe marks a cell as text in Excel and
// LibreOffice alike, and is not shown.
func Inert(text string) string {
	if text != "" && strings.ContainsRune("=+-@\t\r", rune(text[0])) {
		return "'" + text
	}
	return text
}
