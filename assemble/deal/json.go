package deal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// A file named .json is read as JSON, as strictly as the API reads a body
// sent as application/json: a syntax error that YAML would forgive (a
// trailing comma, a single-quoted string, a comment) is refused at its line
// and column, in JSON's terms. Once it is valid JSON it is read as YAML,
// of which JSON is a subset, so that every other check (unknown and
// repeated keys, types) is the deal file's. Any other file is read as
// YAML.

// utf8BOM is the byte order mark some editors put before UTF-8 text.
var utf8BOM = []byte("\xef\xbb\xbf")

// isJSONFile reports whether the file called name is read as JSON: its
// extension is .json, in any case.
func isJSONFile(name string) bool {
	return strings.EqualFold(filepath.Ext(name), ".json")
}

// JSONProblem returns the problem of data read as JSON (RFC 8259, a
// leading byte order mark allowed): nil when data is valid JSON, else a
// problem of rule "syntax" at the line of the offending character whose
// message ("is not valid JSON: ... (line 4, column 41)") gives its line and
// column and, for a comma before a closing } or ], says that JSON allows
// none there. The problem names no file: the caller says what data is.
func JSONProblem(data []byte) *Problem {
	data = bytes.TrimPrefix(data, utf8BOM)
	var v any
	err := json.Unmarshal(data, &v)
	var te *json.UnmarshalTypeError
	if err == nil || errors.As(err, &te) {
		// Unmarshal checks the whole syntax first: a type error is a
		// number too large for a float64 (1e400), valid JSON whose value
		// the field's own rule judges, at its path.
		return nil
	}
	p := &Problem{Rule: "syntax", Message: "is not valid JSON: " + err.Error()}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		at := se.Offset - 1 // Offset counts the offending byte
		line, col := position(data, at)
		p.Line = line
		if trailingComma(data, at) {
			p.Message = "is not valid JSON: a comma before " + string(data[at]) + " (JSON allows no comma after the last item)"
		}
		p.Message += fmt.Sprintf(" (line %d, column %d)", line, col)
	}
	return p
}

// trailingComma reports whether the byte at offset closes an object or
// array right after a comma (white space between).
func trailingComma(data []byte, offset int64) bool {
	if offset < 0 || offset >= int64(len(data)) || (data[offset] != '}' && data[offset] != ']') {
		return false
	}
	before := bytes.TrimRight(data[:offset], " \t\r\n")
	return len(before) > 0 && before[len(before)-1] == ','
}

// position returns the line and column (both from 1, the column in
// characters) of the byte at offset in data; an offset past the end is
// placed just after the last character.
func position(data []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line = 1 + bytes.Count(before, []byte("\n"))
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}
