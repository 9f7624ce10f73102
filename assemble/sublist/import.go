// Package sublist imports sub-processor lists from workbooks and CSV files,
// and compares and applies changes to lists. It checks what it imports by
// the deal's own list rules (package subproc) and depends on no validation,
// YAML or template library, no engine and no writer; list files and deals
// are read by package listfile.
//
// Import reads a spreadsheet: the workbook package's own export or a
// customer's sheet. It finds the header row (a row with a Name column and at
// least two other known columns, in the first 20 rows of the first sheet that
// has one), matches headers case-insensitively with synonyms ("Entity",
// "Vendor", "Sub-processor" for Name; "Safeguard" for Transfer mechanism; ...)
// and checks every cell, reporting every problem at once with its sheet, row
// and column in an *ImportError.
//
// Where a customer's sheet leaves a column out, Import fills in what can be
// known and nothing else:
//
//   - no Category column: every row is a "service" sub-processor (the
//     category only groups the list; infrastructure must be said);
//   - no Location column: the location is the country's name;
//   - no Transfer mechanism column, or an empty cell: "none" for a country
//     the data reaches without a transfer mechanism (the EEA; Switzerland or
//     the EEA for a Swiss exporter under the FADP alone; anywhere for a list
//     with no restricted transfers, see subproc.Rules.Home); anywhere else
//     it is an error, as a safeguard cannot be guessed.
//
// A column that is there but has an empty cell in a required field (name,
// purpose, location, country, category) is an error.
package sublist

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/dpakit/dpakit/assemble/calendar"
	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/subproc"
	"github.com/dpakit/dpakit/assemble/suggest"
	"github.com/dpakit/dpakit/assemble/wording"
)

// Limits on what Import reads. They keep a hostile or broken file to a
// bounded time and memory: the file is refused before it is parsed, a
// workbook before it is unpacked, and rows are read one at a time.
const (
	// MaxFileSize is the largest file accepted, in bytes.
	MaxFileSize = 20 << 20
	// MaxUnpacked is the most a workbook may unpack to, in bytes, by the
	// sizes its zip directory declares (Go's zip reader fails a part that
	// unpacks to more than it declared).
	MaxUnpacked = 64 << 20
	// MaxRows is the most sub-processors a list may have.
	MaxRows = 20000

	maxParts       = 5000    // zip entries in a workbook
	maxXMLInMemory = 8 << 20 // larger sheets are unpacked to a temporary file
	headerScan     = 20      // rows searched for the header row on each sheet
)

// Import reads a sub-processor list from data, the content of a file called
// name: an Excel workbook (.xlsx) or a CSV file (.csv, UTF-8 with or without
// a byte order mark, or Windows-1252; comma, semicolon or tab separated).
// The list keeps the rows' order.
//
// Errors: ErrTooLarge past a limit, ErrFormat for an unknown extension or a
// file that is not what its name says, and an *ImportError (errors.Is
// ErrInvalid) listing every bad cell.
//
// Import checks the list by the zero subproc.Rules (the deal's list rules
// without the printable check); a Reader checks it by the rules it is
// given.
func Import(data []byte, name string) ([]subproc.Subprocessor, error) {
	return NewReader(subproc.Rules{}).Import(data, name)
}

// Import reads a sub-processor list from a workbook or CSV file like the
// package's Import, checking it by the Reader's list rules.
func (rd *Reader) Import(data []byte, name string) ([]subproc.Subprocessor, error) {
	return rd.ImportContext(context.Background(), data, name)
}

// ImportContext is Import, stopping with ctx's error when ctx is
// cancelled.
func (rd *Reader) ImportContext(ctx context.Context, data []byte, name string) ([]subproc.Subprocessor, error) {
	list, _, err := rd.ImportNotes(ctx, data, name)
	return list, err
}

// ImportNotes is ImportContext that also returns notes on what the sheet
// left out and the import filled in or left empty (no Category column, no
// description), for the user to check: nothing is filled in silently.
func (rd *Reader) ImportNotes(ctx context.Context, data []byte, name string) ([]subproc.Subprocessor, []string, error) {
	var notes []string
	list, err := rd.importFile(ctx, data, name, &notes)
	if err != nil {
		return nil, nil, err
	}
	return list, notes, nil
}

func (rd *Reader) importFile(ctx context.Context, data []byte, name string, notes *[]string) ([]subproc.Subprocessor, error) {
	if len(data) > MaxFileSize {
		return nil, errorf(ErrTooLarge, "%s: the file is %.1f MiB, more than the %d MiB limit", name, float64(len(data))/(1<<20), MaxFileSize>>20)
	}
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".xlsx":
		return importXLSX(ctx, data, name, rd.rules, notes)
	case ".csv":
		return importCSV(ctx, data, name, rd.rules, notes)
	default:
		return nil, errorf(ErrFormat, "%s: unknown format %q (want .xlsx or .csv)", name, ext)
	}
}

// Read reads at most MaxFileSize bytes from r and imports them like Import.
func Read(r io.Reader, name string) ([]subproc.Subprocessor, error) {
	return NewReader(subproc.Rules{}).Read(r, name)
}

// Read reads at most MaxFileSize bytes from r and imports them like
// (*Reader).Import.
func (rd *Reader) Read(r io.Reader, name string) ([]subproc.Subprocessor, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return rd.Import(data, name)
}

// oleMagic starts a Compound File: an .xls, or an encrypted .xlsx.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// checkZip refuses what is not a workbook, and a workbook that would unpack
// to too much, from the zip directory alone, before excelize unpacks it.
func checkZip(data []byte, name string) error {
	if bytes.HasPrefix(data, oleMagic) {
		return errorf(ErrFormat, "%s: not an Excel workbook (an encrypted workbook or an old .xls file: save it as .xlsx without a password)", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return errorf(ErrFormat, "%s: not an Excel workbook", name)
	}
	if len(zr.File) > maxParts {
		return errorf(ErrTooLarge, "%s: the workbook has %d parts, more than the %d limit", name, len(zr.File), maxParts)
	}
	var total uint64
	types := false
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > MaxUnpacked || total > MaxUnpacked {
			return errorf(ErrTooLarge, "%s: the workbook unpacks to more than %d MiB", name, MaxUnpacked>>20)
		}
		types = types || f.Name == "[Content_Types].xml"
	}
	if !types {
		return errorf(ErrFormat, "%s: not an Excel workbook", name)
	}
	return verifyZip(zr, name)
}

func importXLSX(ctx context.Context, data []byte, name string, rules subproc.Rules, notes *[]string) ([]subproc.Subprocessor, error) {
	if err := checkZip(data, name); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    MaxUnpacked,
		UnzipXMLSizeLimit: maxXMLInMemory,
	})
	if err != nil {
		return nil, errorf(ErrFormat, "%s: not an Excel workbook: %v", name, err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		list, found, err := importSheet(ctx, f, sheet, name, rules, notes)
		if found || err != nil {
			return list, err
		}
	}
	return nil, noHeader(name)
}

func noHeader(name string) error {
	return errorf(ErrInvalid, "%s: no header row found (want a row with a Name column and at least two other known columns, such as Purpose and Country, within the first %d rows)", name, headerScan)
}

// importSheet reads one sheet; found is false when the sheet has no header
// row.
func importSheet(ctx context.Context, f *excelize.File, sheet, name string, rules subproc.Rules, notes *[]string) (list []subproc.Subprocessor, found bool, err error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, false, nil // a chart sheet or the like: no list here
	}
	defer rows.Close()
	var im *importer
	var read textMeter
	for r := 1; rows.Next(); r++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, true, errorf(ErrFormat, "%s: %s row %d: %v", name, sheet, r, err)
		}
		if err := read.add(ctx, name, cells); err != nil {
			return nil, true, err
		}
		if im == nil {
			if r > headerScan {
				return nil, false, nil
			}
			if im = newImporter(name, sheet, r, cells, rules, notes, false); im == nil {
				continue
			}
			if im.errs.Problems != nil {
				return nil, true, &im.errs
			}
			continue
		}
		if err := im.row(r, cells); err != nil {
			return nil, true, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, im != nil, errorf(ErrFormat, "%s: %s: %v", name, sheet, err)
	}
	if im == nil {
		return nil, false, nil
	}
	list, err = im.result()
	return list, true, err
}

// sniffUTF16 returns the decoder for UTF-16 text without a byte order mark
// (a NUL byte in every other place of its first characters, which are
// ASCII in a header row: little-endian when the NULs come second), or
// transform.Nop for any other data.
func sniffUTF16(data []byte) transform.Transformer {
	head := data[:min(len(data), 64)]
	if len(head) < 8 || len(head)%2 != 0 {
		return transform.Nop
	}
	even, odd := 0, 0
	for i := 0; i+1 < len(head); i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	switch pairs := len(head) / 2; {
	case odd == pairs && even == 0:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case even == pairs && odd == 0:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	}
	return transform.Nop
}

// textCell takes off the apostrophe that marks as text a CSV cell a
// spreadsheet would take for a formula ("'=1+1", as workbook.ExportCSV
// writes it).
func textCell(c string) string {
	if len(c) > 1 && c[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(c[1])) {
		return c[1:]
	}
	return c
}

func importCSV(ctx context.Context, data []byte, name string, rules subproc.Rules, notes *[]string) ([]subproc.Subprocessor, error) {
	// Excel's "Unicode text" is UTF-16 with a byte order mark, as batch
	// reads it too; BOMOverride decodes it and drops a UTF-8 one.
	if decoded, _, err := transform.Bytes(unicode.BOMOverride(sniffUTF16(data)), data); err == nil {
		data = decoded
	}
	data = lineEnds(data)
	if !utf8.Valid(data) {
		// Excel's plain "CSV" is Windows-1252; every byte decodes.
		var err error
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			return nil, errorf(ErrFormat, "%s: not a text file", name)
		}
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, errorf(ErrFormat, "%s: not a CSV file", name)
	}
	sheet := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	comma := sniffComma(data)
	if err := csvShape(data, comma, name); err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var im *importer
	var read textMeter
	breaks := 0 // line breaks inside the cells read so far
	for {
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errorf(ErrInvalid, "%s: %v", name, err)
		}
		if err := read.add(ctx, name, cells); err != nil {
			return nil, err
		}
		for i, c := range cells {
			cells[i] = textCell(c)
		}
		// Rows are numbered as a spreadsheet application shows the file: by
		// the line a record starts on (an empty line is an empty row), less
		// the line breaks inside the cells of the records before it (a cell
		// with a line break is one cell of one row).
		line, _ := cr.FieldPos(0)
		r := line - breaks
		for _, c := range cells {
			breaks += strings.Count(c, "\n")
		}
		if im == nil {
			if r > headerScan {
				break
			}
			if im = newImporter(name, sheet, r, cells, rules, notes, true); im != nil && im.errs.Problems != nil {
				return nil, &im.errs
			}
			continue
		}
		if err := im.row(r, cells); err != nil {
			return nil, err
		}
	}
	if im == nil {
		return nil, noHeader(name)
	}
	return im.result()
}

// sniffComma picks the separator used most on one of the first lines (a
// title line may come before the header): Excel writes semicolons where the
// decimal mark is a comma.
func sniffComma(data []byte) rune {
	best, count := ',', 0
	for i, line := range bytes.SplitN(data, []byte("\n"), headerScan+1) {
		if i == headerScan {
			break
		}
		for _, c := range []byte{',', ';', '\t'} {
			// Bytes, not runes: the separators and the quote are ASCII,
			// and a 20 MiB line is not copied into a string.
			n, quoted := 0, false
			for _, b := range line {
				switch {
				case b == '"':
					quoted = !quoted
				case b == c && !quoted:
					n++
				}
			}
			if n > count {
				best, count = rune(c), n
			}
		}
	}
	return best
}

// importer turns the rows below a header row into sub-processors: it
// converts each row's cells into a subproc.Subprocessor (country names to
// codes, labels and synonyms to codes, dates, web addresses), then checks
// the whole list by the deal's own list rules (subproc.Rules.Check)
// and reports each problem at the cell it came from.
type importer struct {
	file, sheet string
	csv         bool              // a CSV file: problems name rows and headings
	headings    [numFields]string // the header row's text of each field's column
	header      int
	cols        [numFields]int // 1-based column of each field, 0 when absent
	rules       subproc.Rules
	categories  *subproc.Matcher // the Category column's choices
	transfers   *subproc.Matcher // the Transfer mechanism column's choices
	list        []subproc.Subprocessor
	rows        []int      // the sheet row of each entry of list
	reported    []fieldSet // per entry, the fields whose cells have a problem already
	errs        ImportError
	notes       *[]string // what was left out and filled in, for ImportNotes
}

// fieldSet is a set of fields.
type fieldSet uint32

func (s fieldSet) has(f field) bool { return s&(1<<f) != 0 }

// newImporter returns an importer when cells, row r, is a header row: a
// Name column and at least two other known ones. A header row without a
// required column gives an importer whose errs say so.
func newImporter(file, sheet string, r int, cells []string, rules subproc.Rules, notes *[]string, csv bool) *importer {
	var cols [numFields]int
	var headings [numFields]string
	var repeats [][2]int // a known column given again: its first column, this one
	known := 0
	for i, c := range cells {
		f, ok := synonyms[subproc.FoldWords(c)]
		if !ok {
			continue
		}
		if cols[f] != 0 {
			repeats = append(repeats, [2]int{cols[f], i + 1})
			continue
		}
		cols[f] = i + 1
		headings[f] = strings.Join(strings.Fields(c), " ") // a known heading: short
		known++
	}
	if cols[fName] == 0 || known+len(repeats) < 3 {
		return nil
	}
	im := &importer{file: file, sheet: sheet, csv: csv, headings: headings, header: r, cols: cols, rules: rules,
		categories: subproc.NewMatcher(subproc.Categories()), transfers: subproc.NewMatcher(subproc.TransferMechanisms()),
		errs: ImportError{File: file}, notes: notes}
	for _, rp := range repeats {
		// Which of the two holds the data cannot be told: one would be
		// ignored without a word.
		im.problem(rp[1], r, "%s repeats %s: both give the same field; keep one", suggest.Quote(strings.TrimSpace(cells[rp[1]-1])), csvColumn(rp[0], strings.TrimSpace(cells[rp[0]-1])))
	}
	if cols[fPurpose] == 0 {
		im.problem(0, r, "no Purpose column (want one headed Purpose, Purpose of processing, Function or Service)")
	}
	if cols[fCountry] == 0 && cols[fCountryCode] == 0 {
		im.problem(0, r, "no Country column (want one headed Country, Country code or ISO code)")
	}
	return im
}

func (im *importer) problem(col, row int, format string, args ...any) {
	im.errs.add(im.cellError(col, row, fmt.Sprintf(format, args...)))
}

// cellError is a problem with the cell at col and row (col 0: the row).
func (im *importer) cellError(col, row int, msg string) CellError {
	return CellError{Sheet: im.sheet, Row: row, Col: col, Message: msg, CSV: im.csv, Heading: im.heading(col)}
}

// heading returns the header row's text for column col, or "".
func (im *importer) heading(col int) string {
	for f, c := range im.cols {
		if c == col && col > 0 {
			return im.headings[f]
		}
	}
	return ""
}

// inRow names column col of the row a message is about: "G8" in a
// workbook, `column "ISO code" (G)` in a CSV file.
func (im *importer) inRow(col, row int) string {
	if im.csv {
		return csvColumn(col, im.heading(col))
	}
	return cellRef(col, row)
}

// entryRef names the entry in row: its name cell, "A2", in a workbook;
// "row 2" in a CSV file.
func (im *importer) entryRef(row int) string {
	if im.csv {
		return fmt.Sprintf("row %d", row)
	}
	return cellRef(im.cols[fName], row)
}

// row reads data row r. Its error is only for the row limit: cell problems
// are collected.
func (im *importer) row(r int, cells []string) error {
	var v [numFields]string
	blank := true
	for f, c := range im.cols {
		if c > 0 && c <= len(cells) {
			v[f] = strings.TrimSpace(cells[c-1])
			blank = blank && v[f] == ""
		}
	}
	if blank {
		return nil
	}
	if len(im.list) >= MaxRows {
		return errorf(ErrTooLarge, "%s: more than %d sub-processors (the limit)", im.file, MaxRows)
	}
	rc := rowConverter{im: im, r: r, v: &v}
	// A cell far longer than any field allows is reported by its start and
	// never copied or kept: one cell may be megabytes long.
	for f := range v {
		if len(v[f]) > maxCellBytes {
			rc.problem(field(f), "%s is longer than %d KiB (starts %s)", fieldNames[f], maxCellBytes>>10, short(v[f]))
			v[f] = ""
		}
	}
	im.list = append(im.list, rc.subprocessor())
	im.rows = append(im.rows, r)
	im.reported = append(im.reported, rc.bad)
	return nil
}

// rowConverter converts the cells of one row, noting which fields had a
// problem so that the list rules do not report them a second time.
type rowConverter struct {
	im  *importer
	r   int
	v   *[numFields]string
	bad fieldSet
}

func (rc *rowConverter) problem(f field, format string, args ...any) {
	rc.bad |= 1 << f
	rc.im.problem(rc.im.cols[f], rc.r, format, args...)
}

// subprocessor converts the row; the list rules check the result.
func (rc *rowConverter) subprocessor() subproc.Subprocessor {
	v := rc.v
	s := subproc.Subprocessor{
		Name:             clean(v[fName]),
		Description:      clean(v[fDescription]),
		Purpose:          clean(v[fPurpose]),
		Address:          clean(v[fAddress]),
		Contact:          clean(v[fContact]),
		ContactTitle:     clean(v[fContactTitle]),
		Responsibilities: clean(v[fResponsibilities]),
		Data:             splitData(v[fData]),
	}
	s.Country = rc.country()
	s.Location = rc.location(s.Country)
	if rc.im.cols[fLocation] == 0 && s.Country == "" {
		rc.bad |= 1 << fLocation // derived from a country that has its own problem
	}
	s.Category = rc.category()
	s.TransferMechanism = rc.transfer(s.Country)
	s.Website = rc.website()
	s.Added = rc.added()
	return s
}

// location is the Location cell, or the country's name when the sheet has
// no Location column.
func (rc *rowConverter) location(code string) string {
	if rc.im.cols[fLocation] > 0 || code == "" {
		return clean(rc.v[fLocation])
	}
	return country.Name(code)
}

// category reads the Category cell: a code, label or synonym of
// subproc.Categories. A sheet without the column lists "service"
// sub-processors: the category only groups the list, and infrastructure
// must be said.
func (rc *rowConverter) category() string {
	if rc.im.cols[fCategory] == 0 {
		return subproc.CategoryService
	}
	t := clean(rc.v[fCategory])
	if t == "" {
		return "" // the list rules say it is required
	}
	code, ok := rc.im.categories.Match(t)
	if !ok {
		rc.problem(fCategory, "%s is not a category (want %s)", short(t), wording.JoinOr(subproc.Labels(subproc.Categories())))
	}
	return code
}

// website reads the Website cell: an http or https address, or a bare host
// name.
func (rc *rowConverter) website() string {
	w := clean(rc.v[fWebsite])
	if w == "" {
		return ""
	}
	u, ok := parseWebsite(w)
	if !ok {
		rc.problem(fWebsite, "%s is not a web address (want https://...)", short(w))
	}
	return u
}

// added reads the Date added cell: an Excel date or a text date.
func (rc *rowConverter) added() calendar.Date {
	d := clean(rc.v[fAdded])
	if d == "" {
		return calendar.Date{}
	}
	t, ok := parseDate(d)
	if !ok {
		rc.problem(fAdded, "%s is not a date (want YYYY-MM-DD)", short(d))
		return calendar.Date{}
	}
	return calendar.Date{Time: t}
}

// country resolves the Country and ISO code cells, which may both be there;
// they must then agree.
func (rc *rowConverter) country() string {
	im, r := rc.im, rc.r
	cc, cn := im.cols[fCountryCode], im.cols[fCountry]
	code, name := clean(rc.v[fCountryCode]), clean(rc.v[fCountry])
	var fromCode, fromName string
	if code != "" {
		var ok bool
		if fromCode, ok = country.Lookup(code); !ok {
			rc.problem(fCountryCode, "%s is not a country", short(code))
		}
	}
	if name != "" {
		var ok bool
		if fromName, ok = country.Lookup(name); !ok {
			rc.problem(fCountry, "%s is not a country", short(name))
		}
	}
	switch {
	case fromCode != "" && fromName != "" && fromCode != fromName:
		rc.problem(fCountry, "%s does not match ISO code %s in %s", short(name), short(code), im.inRow(cc, r))
		return fromCode
	case fromCode != "":
		return fromCode
	case fromName != "":
		return fromName
	case code == "" && name == "" && (cn > 0 || cc > 0):
		f := fCountry
		if cn == 0 {
			f = fCountryCode
		}
		rc.problem(f, "country is empty")
	}
	rc.bad |= 1<<fCountry | 1<<fCountryCode
	return ""
}

// transfer reads the Transfer mechanism cell, inferring "none" where it
// is empty or absent for a country the data reaches without a transfer
// mechanism (subproc.Rules.Home: the EEA, for data from the EEA).
func (rc *rowConverter) transfer(code string) string {
	im := rc.im
	if t := clean(rc.v[fTransfer]); t != "" {
		m, ok := im.transfers.Match(t)
		if msg := im.rules.PrivacyShieldProblem(t, code); !ok && msg != "" {
			rc.problem(fTransfer, "%s", msg)
		} else if !ok {
			rc.problem(fTransfer, "%s is not a transfer mechanism (want %s)", short(t), wording.JoinOr(subproc.Labels(subproc.TransferMechanisms())))
		}
		return m
	}
	switch {
	case code == "":
		// the country's own problem is reported
		rc.bad |= 1 << fTransfer
	case im.rules.Home(code):
		return subproc.TransferNone
	case im.cols[fTransfer] > 0:
		rc.problem(fTransfer, "transfer mechanism is empty (required for a sub-processor outside %s)", im.rules.HomeName())
	default:
		f := fCountry
		if im.cols[fCountry] == 0 {
			f = fCountryCode
		}
		rc.bad |= 1 << fTransfer
		rc.problem(f, "%s is outside %s: a transfer mechanism is required (add a Transfer mechanism column; a US-only deal's workbook, which has none, is imported with that deal, as dpakit subprocessors import --deal does)", country.Name(code), im.rules.HomeName())
	}
	return ""
}

// result returns the list, or every problem of the sheet: those found
// converting cells and those the list rules find, each at its cell, in
// sheet order.
func (im *importer) result() ([]subproc.Subprocessor, error) {
	for _, p := range im.rules.Check(im.list, "list") {
		im.listProblem(p)
	}
	if im.errs.Problems == nil {
		im.addNotes()
		return im.list, nil
	}
	im.errs.sort()
	return nil, &im.errs
}

// listProblem reports a problem of the list rules at its cell, unless a
// problem with that cell was reported already.
func (im *importer) listProblem(p subproc.Problem) {
	i, key, ok := entryField(p.Path)
	if !ok || i >= len(im.list) {
		im.errs.add(im.cellError(0, im.header, p.String()))
		return
	}
	f, ok := fieldOfKey(key)
	if !ok {
		f = fName
	}
	if im.reported[i].has(f) {
		return
	}
	col := im.column(f)
	msg := im.cellRefs(p.Message)
	im.errs.add(im.cellError(col, im.rows[i], subject(f, key, msg)))
}

// cellRefs replaces each "list[3]" in a message ("listed twice (also at
// list[3])") with the reference of that entry's name cell.
func (im *importer) cellRefs(msg string) string {
	var b strings.Builder
	for {
		i := strings.Index(msg, "list[")
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		end := strings.IndexByte(msg[i:], ']')
		n, err := strconv.Atoi(msg[i+len("list[") : i+max(end, 0)])
		if end < 0 || err != nil || n < 0 || n >= len(im.rows) {
			b.WriteString(msg[:i+len("list[")])
			msg = msg[i+len("list["):]
			continue
		}
		b.WriteString(msg[:i])
		b.WriteString(im.entryRef(im.rows[n]))
		msg = msg[i+end+1:]
	}
}

// column returns the column that holds field f, or the column it was
// derived from: a location from the country, a transfer mechanism inferred
// from the country.
func (im *importer) column(f field) int {
	switch {
	case im.cols[f] > 0:
		return im.cols[f]
	case f == fCountry:
		return im.cols[fCountryCode]
	case f == fLocation || f == fTransfer:
		if im.cols[fCountry] > 0 {
			return im.cols[fCountry]
		}
		return im.cols[fCountryCode]
	}
	return 0
}

// subject puts the field's name before a list rule's message where the
// message reads on from it: "purpose is required", "name: character ...".
// A message that starts with the value it quotes stands alone.
func subject(f field, key, msg string) string {
	if strings.HasPrefix(msg, `"`) {
		return msg
	}
	name := fieldNames[f]
	if _, idx, ok := strings.Cut(key, "["); ok {
		name = "data category " + strings.TrimSuffix(idx, "]")
	}
	for _, verb := range []string{"is ", "must ", "contains ", "lists "} {
		if strings.HasPrefix(msg, verb) {
			return name + " " + msg
		}
	}
	return name + ": " + msg
}

// entryField splits a list rule's problem path, "list[3].data[1]", into the
// entry's index and the field's key, "data[1]".
func entryField(path string) (int, string, bool) {
	rest, ok := strings.CutPrefix(path, "list[")
	if !ok {
		return 0, "", false
	}
	idx, key, ok := strings.Cut(rest, "].")
	if !ok {
		return 0, "", false
	}
	i, err := strconv.Atoi(idx)
	if err != nil || i < 0 {
		return 0, "", false
	}
	return i, key, true
}

// fieldOfKey returns the sheet field of a deal file key ("transfer_mechanism"
// or "data[2]").
func fieldOfKey(key string) (field, bool) {
	key, _, _ = strings.Cut(key, "[")
	switch key {
	case "name":
		return fName, true
	case "description":
		return fDescription, true
	case "purpose":
		return fPurpose, true
	case "category":
		return fCategory, true
	case "location":
		return fLocation, true
	case "country":
		return fCountry, true
	case "data":
		return fData, true
	case "transfer_mechanism":
		return fTransfer, true
	case "website":
		return fWebsite, true
	case "added":
		return fAdded, true
	case "address":
		return fAddress, true
	case "contact":
		return fContact, true
	case "contact_title":
		return fContactTitle, true
	case "responsibilities":
		return fResponsibilities, true
	}
	return 0, false
}
