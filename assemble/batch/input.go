package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/dpakit/dpakit/assemble/deal"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The input formats.
const (
	FormatCSV   = "csv"
	FormatYAML  = "yaml"
	FormatJSONL = "jsonl"
)

// InputFormat returns the input format of a file name by its extension:
// .csv, .yaml/.yml (a stream of deals separated by ---), .jsonl/.ndjson
// (one JSON deal per line).
func InputFormat(name string) (string, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".txt":
		return FormatCSV, nil
	case ".yaml", ".yml":
		return FormatYAML, nil
	case ".jsonl", ".ndjson":
		return FormatJSONL, nil
	}
	return "", fmt.Errorf("%w: cannot tell the format of %q from its extension (want .csv, .yaml, .yml, .jsonl or .ndjson; or give --input-format)", ErrSetup, name)
}

// record is one deal read from the input, not yet decoded.
type record struct {
	// Row is the deal's 1-based position among the input's deals: the CSV
	// data row, the YAML document, the JSON line. It is what sharding and
	// the manifest key on.
	Row int
	// Line is the 1-based line of the input where the deal starts.
	Line int
	// Data is the deal as YAML or JSON; nil when Err is set.
	Data []byte
	// Err is a problem with the record itself (a CSV row with the wrong
	// number of cells, a line over the size limit); the run goes on.
	Err *deal.Problem
	// Reference is the reference a record with Err still gives, when it
	// can be read (the reference cell of a CSV row with too few or too
	// many cells), to name the row in errors.csv.
	Reference string
}

// reader yields the input's records one at a time, holding only the
// current one in memory.
type reader interface {
	// next returns the next record, or io.EOF after the last one. Any
	// other error ends the run (the input cannot be read any further).
	next() (record, error)
}

// newReader returns a reader of r in the given format.
func newReader(r io.Reader, format, name string) (reader, error) {
	// Excel writes UTF-8 with a byte order mark, or UTF-16 ("Unicode
	// text"); the BOM says which, and plain UTF-8 passes unchanged.
	r = transform.NewReader(r, unicode.BOMOverride(transform.Nop))
	switch format {
	case FormatCSV:
		return newCSVReader(r, name)
	case FormatYAML:
		return &yamlReader{lines: newLineReader(r)}, nil
	case FormatJSONL:
		return &jsonlReader{lines: newLineReader(r)}, nil
	}
	return nil, fmt.Errorf("%w: unknown input format %q (want csv, yaml or jsonl)", ErrSetup, format)
}

// firstRecord reads the first record of in, so that an input without any
// (a CSV file with its header row alone, an empty JSON Lines file) is
// refused before anything is written: a run that makes nothing from a
// broken export must not look like success. It returns a reader that
// gives that record first, then the rest; an error other than io.EOF is
// kept for the first next, as reading would have met it there.
func firstRecord(in reader, format, name string) (reader, error) {
	rec, err := in.next()
	if err == io.EOF {
		if format == FormatCSV {
			return nil, fmt.Errorf("%w: %s has a header row but no rows below it: nothing to make (one row per customer)", ErrSetup, name)
		}
		return nil, fmt.Errorf("%w: %s holds no deal: nothing to make (one deal per customer)", ErrSetup, name)
	}
	var endless endlessLine
	if errors.As(err, &endless) {
		// Before the first deal: the run cannot start, and --out is
		// left untouched.
		return nil, fmt.Errorf("%w: %s: %v", ErrSetup, name, err)
	}
	return &replay{first: rec, err: err, rest: in}, nil
}

// replay gives a record already read, or the error met reading it, then
// the rest of its reader.
type replay struct {
	first  record
	err    error
	served bool
	rest   reader
}

func (r *replay) next() (record, error) {
	if !r.served {
		r.served = true
		return r.first, r.err
	}
	return r.rest.next()
}

// maxLine bounds one line of a YAML or JSON Lines input, and maxRecord one
// deal: a deal file is at most deal.MaxSize.
const (
	maxRecord = deal.MaxSize
	maxLine   = maxRecord
)

// lineReader reads lines of bounded length.
type lineReader struct {
	br   *bufio.Reader
	line int // lines read so far
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next line with its newline (CRLF or LF) removed. A line
// longer than maxLine is skipped to its end and reported with tooLong.
func (l *lineReader) next() (line []byte, tooLong bool, err error) {
	var buf []byte
	read := 0
	for {
		chunk, err := l.br.ReadSlice('\n')
		if read += len(chunk); read > maxSkipped {
			// As for a CSV row (see maxSkipped): an endless line.
			return nil, false, endlessLine{line: l.line + 1, what: "a file of deals"}
		}
		if !tooLong {
			if len(buf)+len(chunk) > maxLine+2 {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == io.EOF && len(buf) == 0 && !tooLong {
			return nil, false, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, false, err
		}
		l.line++
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		return buf, tooLong, nil
	}
}

// jsonlReader reads one JSON deal per line; blank lines are ignored.
type jsonlReader struct {
	lines *lineReader
	row   int
}

func (j *jsonlReader) next() (record, error) {
	for {
		line, tooLong, err := j.lines.next()
		if err != nil {
			return record{}, err
		}
		if !tooLong && len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		j.row++
		rec := record{Row: j.row, Line: j.lines.line}
		if tooLong {
			rec.Err = &deal.Problem{Rule: "size", Message: fmt.Sprintf("the line is longer than %d MiB", maxLine>>20)}
			return rec, nil
		}
		// A line that is not JSON would reach the deal decoder as YAML
		// and get a YAML parser's message about its "line 1".
		if !json.Valid(line) {
			var v any
			rec.Err = &deal.Problem{Rule: "syntax", Message: "the line is not valid JSON: " + jsonMessage(json.Unmarshal(line, &v))}
			return rec, nil
		}
		rec.Data = append([]byte(nil), line...)
		return rec, nil
	}
}

// jsonMessage words a JSON syntax error for a reader of errors.csv: the
// character where the line went wrong.
func jsonMessage(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at character %d)", se, se.Offset)
	}
	return err.Error()
}

// yamlReader reads a stream of YAML documents separated by "---" lines
// (and optionally ended by "..."); documents holding only comments, blank
// lines and directives are not deals and are skipped.
type yamlReader struct {
	lines *lineReader
	row   int
	doc   yamlDoc
	done  bool
}

// yamlDoc is the document being read.
type yamlDoc struct {
	data    []byte
	start   int  // line of its first line
	content bool // it holds more than comments, blank lines and directives
	tooLong bool
}

func (d *yamlDoc) add(line []byte, at int, long bool) {
	if d.start == 0 {
		d.start = at
	}
	body := line
	if isMarker(line, "---") {
		body = line[3:]
	}
	if t := bytes.TrimSpace(body); len(t) > 0 && t[0] != '#' && t[0] != '%' {
		d.content = true
	}
	if d.tooLong {
		return
	}
	if long || len(d.data)+len(line)+1 > maxRecord {
		d.tooLong, d.data = true, nil
		return
	}
	d.data = append(d.data, line...)
	d.data = append(d.data, '\n')
}

// isMarker reports whether a line is a YAML document marker: "---" or
// "..." at the start of the line, alone or followed by a space.
func isMarker(line []byte, m string) bool {
	return bytes.HasPrefix(line, []byte(m)) && (len(line) == 3 || line[3] == ' ' || line[3] == '\t')
}

func (y *yamlReader) next() (record, error) {
	for !y.done {
		line, long, err := y.lines.next()
		if err != nil && err != io.EOF {
			return record{}, err
		}
		var finished yamlDoc
		switch {
		case err == io.EOF:
			y.done = true
			finished = y.doc
		case isMarker(line, "---"):
			finished, y.doc = y.doc, yamlDoc{}
			y.doc.add(line, y.lines.line, long)
		case isMarker(line, "..."):
			finished, y.doc = y.doc, yamlDoc{}
		default:
			y.doc.add(line, y.lines.line, long)
			continue
		}
		if !finished.content && !finished.tooLong {
			continue
		}
		y.row++
		rec := record{Row: y.row, Line: finished.start}
		if finished.tooLong {
			rec.Err = &deal.Problem{Rule: "size", Message: fmt.Sprintf("the document is larger than %d MiB", maxRecord>>20)}
		} else {
			rec.Data = finished.data
		}
		return rec, nil
	}
	return record{}, io.EOF
}

// CountRows counts the deals of an input that belong to shard, reading it
// as Run would, one record at a time; it is a cheap first pass that lets
// a progress display show a total.
func CountRows(r io.Reader, format, name string, shard Shard) (int, error) {
	in, err := newReader(r, format, name)
	if err != nil {
		return 0, err
	}
	n := 0
	for {
		rec, err := in.next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if shard.has(rec.Row) {
			n++
		}
	}
}
