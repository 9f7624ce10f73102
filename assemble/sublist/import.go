// Package sublist reads sub-processor lists from workbooks, CSV files, list
// files and deals, and compares two lists.
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
//   - no Transfer mechanism column, or an empty cell: "none" for a country in
//     the EEA, where no transfer mechanism is needed; anywhere else it is an
//     error, as a safeguard cannot be guessed.
//
// A column that is there but has an empty cell in a required field (name,
// purpose, location, country, category) is an error.
package sublist

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/workbook"
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
func Import(data []byte, name string) ([]deal.Subprocessor, error) {
	if len(data) > MaxFileSize {
		return nil, errorf(ErrTooLarge, "%s: the file is %.1f MiB, more than the %d MiB limit", name, float64(len(data))/(1<<20), MaxFileSize>>20)
	}
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".xlsx":
		return importXLSX(data, name)
	case ".csv":
		return importCSV(data, name)
	default:
		return nil, errorf(ErrFormat, "%s: unknown format %q (want .xlsx or .csv)", name, ext)
	}
}

// Read reads at most MaxFileSize bytes from r and imports them like Import.
func Read(r io.Reader, name string) ([]deal.Subprocessor, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return Import(data, name)
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
	return nil
}

func importXLSX(data []byte, name string) ([]deal.Subprocessor, error) {
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
		list, found, err := importSheet(f, sheet, name)
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
func importSheet(f *excelize.File, sheet, name string) (list []deal.Subprocessor, found bool, err error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, false, nil // a chart sheet or the like: no list here
	}
	defer rows.Close()
	var im *importer
	for r := 1; rows.Next(); r++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, true, errorf(ErrFormat, "%s: %s row %d: %v", name, sheet, r, err)
		}
		if im == nil {
			if r > headerScan {
				return nil, false, nil
			}
			if im = newImporter(name, sheet, r, cells); im == nil {
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

func importCSV(data []byte, name string) ([]deal.Subprocessor, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
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
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffComma(data)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var im *importer
	for {
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errorf(ErrInvalid, "%s: %v", name, err)
		}
		// Rows are numbered by the line a record starts on, as a spreadsheet
		// application shows the file.
		r, _ := cr.FieldPos(0)
		if im == nil {
			if r > headerScan {
				break
			}
			if im = newImporter(name, sheet, r, cells); im != nil && im.errs.Problems != nil {
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
		for _, c := range []rune{',', ';', '\t'} {
			n, quoted := 0, false
			for _, r := range string(line) {
				switch {
				case r == '"':
					quoted = !quoted
				case r == c && !quoted:
					n++
				}
			}
			if n > count {
				best, count = c, n
			}
		}
	}
	return best
}

// importer turns the rows below a header row into sub-processors.
type importer struct {
	file, sheet string
	header      int
	cols        [numFields]int // 1-based column of each field, 0 when absent
	countries   countries
	seen        map[string]string // lower-case name: its cell
	list        []deal.Subprocessor
	errs        ImportError
}

// newImporter returns an importer when cells, row r, is a header row: a
// Name column and at least two other known ones. A header row without a
// required column gives an importer whose errs say so.
func newImporter(file, sheet string, r int, cells []string) *importer {
	var cols [numFields]int
	known := 0
	for i, c := range cells {
		f, ok := synonyms[norm(c)]
		if !ok || cols[f] != 0 {
			continue
		}
		cols[f] = i + 1
		known++
	}
	if cols[fName] == 0 || known < 3 {
		return nil
	}
	im := &importer{file: file, sheet: sheet, header: r, cols: cols, countries: newCountries(),
		seen: map[string]string{}, errs: ImportError{File: file}}
	if cols[fPurpose] == 0 {
		im.problem(0, r, "no Purpose column (want one headed Purpose, Purpose of processing, Function or Service)")
	}
	if cols[fCountry] == 0 && cols[fCountryCode] == 0 {
		im.problem(0, r, "no Country column (want one headed Country, Country code or ISO code)")
	}
	return im
}

func (im *importer) problem(col, row int, format string, args ...any) {
	im.errs.add(CellError{Sheet: im.sheet, Row: row, Col: col, Message: fmt.Sprintf(format, args...)})
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
	at := func(f field) int { return im.cols[f] }
	var s deal.Subprocessor
	text := func(f field, max int, required bool) string {
		t := clean(v[f])
		switch {
		case t == "" && required && at(f) > 0:
			im.problem(at(f), r, "%s is empty", fieldNames[f])
		case utf8.RuneCountInString(t) > max:
			im.problem(at(f), r, "%s is longer than %d characters", fieldNames[f], max)
		}
		return t
	}
	s.Name = text(fName, 200, true)
	s.Description = text(fDescription, 500, false)
	s.Purpose = text(fPurpose, 500, true)
	s.Address = text(fAddress, 300, false)
	s.Contact = text(fContact, 200, false)

	if s.Name != "" {
		key := strings.ToLower(s.Name)
		ref := cellRef(at(fName), r)
		if first, ok := im.seen[key]; ok {
			im.problem(at(fName), r, "%q is listed twice (also at %s)", s.Name, first)
		} else {
			im.seen[key] = ref
		}
	}

	s.Country = im.country(r, v[fCountry], v[fCountryCode])

	if at(fLocation) > 0 {
		s.Location = text(fLocation, 200, true)
	} else if s.Country != "" {
		s.Location = country.Name(s.Country)
	}

	switch {
	case at(fCategory) == 0:
		s.Category = "service"
	case v[fCategory] == "":
		im.problem(at(fCategory), r, "category is empty")
	default:
		var ok bool
		if s.Category, ok = choice(workbook.Categories(), categorySynonyms, v[fCategory]); !ok {
			im.problem(at(fCategory), r, "%q is not a category (want %s)", clean(v[fCategory]), workbook.JoinOr(workbook.Labels(workbook.Categories())))
		}
	}

	s.TransferMechanism = im.transfer(r, v[fTransfer], s.Country)

	if d := splitData(v[fData]); len(d) > 0 {
		if len(d) > 50 {
			im.problem(at(fData), r, "more than 50 data categories")
		}
		for _, item := range d {
			if utf8.RuneCountInString(item) > 200 {
				im.problem(at(fData), r, "data category %q is longer than 200 characters", string([]rune(item)[:40])+"...")
				break
			}
		}
		s.Data = d
	}

	if w := clean(v[fWebsite]); w != "" {
		if u, ok := parseWebsite(w); ok && len(u) <= 500 {
			s.Website = u
		} else {
			im.problem(at(fWebsite), r, "%q is not a web address (want https://...)", w)
		}
	}

	if d := clean(v[fAdded]); d != "" {
		if t, ok := parseDate(d); ok {
			s.Added = deal.Date{Time: t}
		} else {
			im.problem(at(fAdded), r, "%q is not a date (want YYYY-MM-DD)", d)
		}
	}

	im.list = append(im.list, s)
	return nil
}

// country resolves the Country and ISO code cells of row r, which may both
// be there; they must then agree.
func (im *importer) country(r int, name, code string) string {
	cc, cn := im.cols[fCountryCode], im.cols[fCountry]
	var fromCode, fromName string
	if code = clean(code); code != "" {
		var ok bool
		if fromCode, ok = im.countries.lookup(code); !ok {
			im.problem(cc, r, "%q is not a country", code)
		}
	}
	if name = clean(name); name != "" {
		var ok bool
		if fromName, ok = im.countries.lookup(name); !ok {
			im.problem(cn, r, "%q is not a country", name)
		}
	}
	switch {
	case fromCode != "" && fromName != "" && fromCode != fromName:
		im.problem(cn, r, "%q does not match ISO code %q in %s", name, code, cellRef(cc, r))
		return fromCode
	case fromCode != "":
		return fromCode
	case fromName != "":
		return fromName
	case code == "" && name == "":
		col := cn
		if col == 0 {
			col = cc
		}
		if col > 0 {
			im.problem(col, r, "country is empty")
		}
	}
	return ""
}

// transfer resolves the transfer mechanism cell of row r, inferring "none"
// for a country in the EEA.
func (im *importer) transfer(r int, cell, code string) string {
	col := im.cols[fTransfer]
	if t := clean(cell); t != "" {
		m, ok := choice(workbook.TransferMechanisms(), transferSynonyms, t)
		if !ok {
			im.problem(col, r, "%q is not a transfer mechanism (want %s)", t, workbook.JoinOr(workbook.Labels(workbook.TransferMechanisms())))
		}
		return m
	}
	switch {
	case code == "":
		// the country's own problem is reported
	case country.IsEEA(code):
		return "none"
	case col > 0:
		im.problem(col, r, "transfer mechanism is empty (required for a sub-processor outside the EEA)")
	default:
		at := im.cols[fCountry]
		if at == 0 {
			at = im.cols[fCountryCode]
		}
		im.problem(at, r, "%s is outside the EEA: a transfer mechanism is required (add a Transfer mechanism column)", country.Name(code))
	}
	return ""
}

func (im *importer) result() ([]deal.Subprocessor, error) {
	if im.errs.Problems != nil {
		return nil, &im.errs
	}
	return im.list, nil
}
