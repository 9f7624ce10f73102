package sublist

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// More limits on what Import reads (see MaxFileSize): they bound the memory
// of any file, however it is built, to a small multiple of MaxFileSize.
const (
	// MaxCellText is the most text, in bytes, Import reads from all cells
	// together. A workbook can reference one long shared string from
	// every cell: the text is counted each time it is read.
	MaxCellText = 64 << 20
	// MaxColumns is the most columns a row may have.
	MaxColumns = 1000
	// maxCellBytes is the longest cell read as a value, in bytes; a
	// longer one is a problem reported with its first characters and is
	// never copied. Excel's own limit is 32,767 characters.
	maxCellBytes = 128 << 10
)

// CheckName returns ErrFormat unless name has an extension Import reads
// (.xlsx or .csv). Call it before opening a file, so that a device or a
// FIFO with another name (/dev/zero) is refused without being read.
func CheckName(name string) error {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".xlsx", ".csv":
		return nil
	default:
		return errorf(ErrFormat, "%s: unknown format %q (want .xlsx or .csv)", name, ext)
	}
}

// corrupt returns the error for a damaged workbook.
func corrupt(name string, format string, args ...any) error {
	return errorf(ErrFormat, "%s is corrupt: %s", name, fmt.Sprintf(format, args...))
}

// verifyZip reads every part of a workbook once, before excelize does:
// Go's zip reader checks each part's CRC-32 and its declared size as it
// reaches the end, and every XML part must be well-formed XML without a
// document type declaration (OOXML has none; a DTD is how an entity
// attack starts). A damaged file is reported as corrupt, never read as a
// shorter or different list.
func verifyZip(zr *zip.Reader, name string) error {
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		if err := verifyPart(f); err != nil {
			return corrupt(name, "%s: %v", f.Name, err)
		}
	}
	return nil
}

func verifyPart(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	lower := strings.ToLower(f.Name)
	if !strings.HasSuffix(lower, ".xml") && !strings.HasSuffix(lower, ".rels") {
		_, err = io.Copy(io.Discard, rc)
		return err
	}
	// Token, unlike RawToken, fails on an element left open (a part cut
	// short) or closed by the wrong tag.
	dec := xml.NewDecoder(rc)
	dec.Strict = true
	root := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				return errors.New("a document type declaration (DTD), which a workbook never has")
			}
		case xml.StartElement:
			root = true
		}
	}
	if !root {
		return errors.New("no XML element")
	}
	return nil
}

// short returns s quoted for a message, cut to its first 40 characters:
// a value may be megabytes long.
func short(s string) string {
	const max = 40
	if len(s) <= max {
		return fmt.Sprintf("%q", s)
	}
	n := 0
	for i := range s {
		if n == max {
			return fmt.Sprintf("%q…", s[:i])
		}
		n++
	}
	return fmt.Sprintf("%q", s)
}

// csvShape refuses a CSV file with a record of more than MaxColumns
// fields, counting separators outside quotes in one pass, before
// encoding/csv would hold one string per field.
func csvShape(data []byte, comma rune, name string) error {
	sep := byte(comma)
	quoted := false
	fields, line, start := 1, 1, 1
	for _, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n':
			line++
			if !quoted {
				fields, start = 1, line
			}
		case c == sep && !quoted:
			fields++
			if fields > MaxColumns {
				return errorf(ErrTooLarge, "%s: row %d has more than %d columns (the limit)", name, start, MaxColumns)
			}
		}
	}
	return nil
}

// lineEnds turns the CR-only line ends of a file saved by Excel for Mac
// into LF, which encoding/csv reads; a file with any LF is left alone.
func lineEnds(data []byte) []byte {
	if bytes.IndexByte(data, '\n') >= 0 || bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	return bytes.ReplaceAll(data, []byte{'\r'}, []byte{'\n'})
}

// textMeter counts the cell text an import has read, and checks the
// context every 1,000 rows.
type textMeter struct {
	bytes int
	rows  int
}

// add charges one row's cells.
func (m *textMeter) add(ctx context.Context, name string, cells []string) error {
	if len(cells) > MaxColumns {
		return errorf(ErrTooLarge, "%s: a row has more than %d columns (the limit)", name, MaxColumns)
	}
	for _, c := range cells {
		m.bytes += len(c)
	}
	if m.bytes > MaxCellText {
		return errorf(ErrTooLarge, "%s: the cells hold more than %d MiB of text (the limit)", name, MaxCellText>>20)
	}
	if m.rows++; m.rows%1000 == 0 {
		return ctx.Err()
	}
	return nil
}
