package sublist

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/suggest"
	"github.com/xuri/excelize/v2"
)

// The categories of error Import and Load return; test with errors.Is.
var (
	// ErrTooLarge: the file, its unpacked content or its number of rows is
	// over a limit.
	ErrTooLarge = errors.New("too large")
	// ErrFormat: the file is not of a format that holds a list, or is not
	// what its name says (a .xlsx that is not an Excel workbook).
	ErrFormat = errors.New("unknown or broken format")
	// ErrInvalid: the file was read but its content is wrong; an
	// *ImportError lists the cells.
	ErrInvalid = errors.New("invalid sub-processor list")
)

// categoryError is an error with its own message that belongs to one of the
// categories above.
type categoryError struct {
	msg string
	cat error
}

func (e *categoryError) Error() string        { return e.msg }
func (e *categoryError) Is(target error) bool { return target == e.cat }

func errorf(cat error, format string, args ...any) error {
	return &categoryError{msg: fmt.Sprintf(format, args...), cat: cat}
}

// CellError is one problem with one cell, or with a header row, of an
// imported list.
type CellError struct {
	// Sheet is the worksheet's name; for a CSV file, the file's name
	// without its extension (as spreadsheet applications name it).
	Sheet string `json:"sheet"`
	// Row and Col are 1-based; Col is 0 for a problem with a whole row (a
	// missing column is reported on the header row).
	Row int `json:"row"`
	Col int `json:"col"`
	// Message says what is wrong, e.g. `"Mars" is not a country`.
	Message string `json:"message"`
	// CSV is set for a problem in a CSV file, which has no sheets and no
	// cell references of its own: Error names the row and the column's
	// heading instead ("row 4, column "Country" (F)").
	CSV bool `json:"csv,omitempty"`
	// Heading is the header row's text for Col, when known.
	Heading string `json:"heading,omitempty"`
}

// Cell returns the cell's reference, "D7", or "7:7" for a whole row.
func (e CellError) Cell() string {
	return cellRef(e.Col, e.Row)
}

// Where returns the cell as its file's reader finds it: `Sheet!D7` in a
// workbook, as Excel shows it; in a CSV file `row 7, column "Country" (D)`,
// or `row 7` for a whole row.
func (e CellError) Where() string {
	if !e.CSV {
		return e.Sheet + "!" + e.Cell()
	}
	return csvRef(e.Col, e.Row, e.Heading)
}

// Error returns `Sheet!D7: message`, or for a CSV file
// `row 7, column "Country" (D): message`.
func (e CellError) Error() string {
	return e.Where() + ": " + e.Message
}

// csvRef names a cell of a CSV file by its row, and its column by its
// heading and the letter a spreadsheet application shows for it.
func csvRef(col, row int, heading string) string {
	if col <= 0 {
		return fmt.Sprintf("row %d", row)
	}
	return fmt.Sprintf("row %d, %s", row, csvColumn(col, heading))
}

// csvColumn names a column of a CSV file: `column "Country" (D)`, or
// `column D` when it has no heading.
func csvColumn(col int, heading string) string {
	letter, err := excelize.ColumnNumberToName(col)
	if err != nil {
		letter = strconv.Itoa(col)
	}
	if heading == "" {
		return "column " + letter
	}
	return fmt.Sprintf("column %s (%s)", suggest.Quote(heading), letter)
}

func cellRef(col, row int) string {
	if col <= 0 {
		return fmt.Sprintf("%d:%d", row, row)
	}
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return fmt.Sprintf("R%dC%d", row, col)
	}
	return ref
}

// maxProblems is how many cell problems an ImportError keeps; the rest are
// only counted, so a file of garbage cannot fill the memory with messages.
const maxProblems = 200

// ImportError is an imported list's cell problems, all of them (up to
// maxProblems, then only counted), in file order.
type ImportError struct {
	File     string      `json:"file"`
	Problems []CellError `json:"problems"`
	// Omitted counts the problems found beyond those kept.
	Omitted int `json:"omitted,omitempty"`
}

// Error returns the file name and one problem per line.
func (e *ImportError) Error() string {
	n := len(e.Problems) + e.Omitted
	if n == 1 && len(e.Problems) == 1 {
		return e.File + ": " + e.Problems[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d problems:", e.File, n)
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.Error())
	}
	if e.Omitted > 0 {
		fmt.Fprintf(&b, "\n  and %d more", e.Omitted)
	}
	return b.String()
}

// Is reports whether target is ErrInvalid.
func (e *ImportError) Is(target error) bool { return target == ErrInvalid }

// maxCollected bounds the problems collected before sort keeps the first
// maxProblems of them in sheet order.
const maxCollected = 50 * maxProblems

func (e *ImportError) add(p CellError) {
	if len(e.Problems) >= maxCollected {
		e.Omitted++
		return
	}
	e.Problems = append(e.Problems, p)
}

// sort puts the problems in sheet order (by row, then column; problems of
// one cell keep the order they were found in) and keeps the first
// maxProblems.
func (e *ImportError) sort() {
	slices.SortStableFunc(e.Problems, func(a, b CellError) int {
		if a.Row != b.Row {
			return cmp.Compare(a.Row, b.Row)
		}
		return cmp.Compare(a.Col, b.Col)
	})
	if len(e.Problems) > maxProblems {
		e.Omitted += len(e.Problems) - maxProblems
		e.Problems = e.Problems[:maxProblems:maxProblems]
	}
}

// Errorf returns an error with its own message in category cat (ErrTooLarge,
// ErrFormat or ErrInvalid), for the packages that read lists from other
// kinds of file (list files, deals) and report in the same categories.
func Errorf(cat error, format string, args ...any) error {
	return errorf(cat, format, args...)
}
