package batch

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/google/go-cmp/cmp"
)

// readAll returns the records of an input.
func readAll(t *testing.T, format, input string) []record {
	t.Helper()
	in, err := newReader(strings.NewReader(input), format, "in")
	if err != nil {
		t.Fatal(err)
	}
	var out []record
	for {
		rec, err := in.next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rec)
	}
}

func TestCSVRows(t *testing.T) {
	const header = "customer.name,breach.notice_hours,uk_addendum.enabled,scc.modules,processing.purposes,security.measures,subprocessors.list[1].name,subprocessors.list[0].name,subprocessors.list[0].data\n"
	for _, tc := range []struct {
		name, input string
		want        []string
	}{
		{"typed cells", header + `Acme,48,TRUE,2;3,Hosting; Support\; 24/7; a \\ b,all,Second,First,Logs;IPs` + "\n",
			[]string{`{"breach":{"notice_hours":48},"customer":{"name":"Acme"},"processing":{"purposes":["Hosting","Support; 24/7","a \\ b"]},"scc":{"modules":[2,3]},"security":{"measures":"all"},"subprocessors":{"list":[{"data":["Logs","IPs"],"name":"First"},{"name":"Second"}]},"uk_addendum":{"enabled":true}}`}},
		{"empty cells are left to the profile", header + "Acme,,,,,,,,\n",
			[]string{`{"customer":{"name":"Acme"}}`}},
		{"a bad number passes as text for the decoder to name", header + "Acme,forty,maybe,2;x,,a1;b2,,,\n",
			[]string{`{"breach":{"notice_hours":"forty"},"customer":{"name":"Acme"},"scc":{"modules":[2,"x"]},"security":{"measures":["a1","b2"]},"uk_addendum":{"enabled":"maybe"}}`}},
		{"Excel: BOM, CRLF, semicolons, quoted newline", "\ufeffcustomer.name;customer.address;breach.notice_hours\r\n\"Acme; Co\";\"Line 1\r\nLine 2\";24\r\nBeta;Street;12\r\n",
			[]string{`{"breach":{"notice_hours":24},"customer":{"address":"Line 1\nLine 2","name":"Acme; Co"}}`, `{"breach":{"notice_hours":12},"customer":{"address":"Street","name":"Beta"}}`}},
		{"tabs", "customer.name\tbreach.notice_hours\nAcme\t24\n", []string{`{"breach":{"notice_hours":24},"customer":{"name":"Acme"}}`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, rec := range readAll(t, FormatCSV, tc.input) {
				if rec.Err != nil {
					t.Fatalf("row %d: %v", rec.Row, rec.Err)
				}
				got = append(got, string(rec.Data))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCSVUTF16(t *testing.T) {
	// Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated.
	src := "\ufeffcustomer.name\tbreach.notice_hours\r\nMüller\t24\r\n"
	var b []byte
	for _, r := range src {
		b = append(b, byte(r), byte(r>>8))
	}
	recs := readAll(t, FormatCSV, string(b))
	if len(recs) != 1 || string(recs[0].Data) != `{"breach":{"notice_hours":24},"customer":{"name":"Müller"}}` {
		t.Fatalf("records %+v", recs)
	}
}

// TestCSVRowProblems: a row with too few or too many cells says the likely
// cause, and still gives its reference (for errors.csv) when it reaches
// the reference column.
func TestCSVRowProblems(t *testing.T) {
	recs := readAll(t, FormatCSV, "reference,customer.name,breach.notice_hours\nR1,A,1\nR2,B\nR3,C,3,4\nR4,D,\"4\n")
	var got []string
	for _, r := range recs {
		msg := ""
		if r.Err != nil {
			msg = r.Err.Message
		}
		got = append(got, strings.Join([]string{itoa(r.Row), itoa(r.Line), r.Reference, msg}, " "))
	}
	want := []string{
		"1 2  ",
		"2 3 R2 the row has 2 cells; the header has 3 (a line break in a cell that is not in quotes ends its row early, and every row needs a cell, even an empty one, for each column)",
		"3 4 R3 the row has 4 cells; the header has 3 (a comma in a cell that is not in quotes splits it in two: put such a cell in double quotes)",
		`4 5  the row is not valid CSV: extraneous or missing " in quoted-field`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestCSVHeaderErrors(t *testing.T) {
	for _, tc := range []struct{ header, want string }{
		{"customer.nmae\n", `column 1 "customer.nmae": unknown field "nmae" (did you mean "customer.name"?)`},
		{"customer.xyzzy\n", `column 1 "customer.xyzzy": unknown field "xyzzy" (customer has: name, address, country,`},
		{"Reference\n", `column 1 "Reference": unknown field "Reference" (a field name is case-sensitive: write "reference")`},
		{"customer.name,customer.name\n", `column 2 "customer.name" repeats column 1`},
		{"customer\n", `column 1 "customer": has fields: give one column per field, as customer.name`},
		{"subprocessors.list\n", `column 1 "subprocessors.list": is a list of entries: give one column per field, as subprocessors.list[0].name`},
		{"processing.purposes[0]\n", `column 1 "processing.purposes[0]": purposes is not a list of entries; give its items in one cell separated by ;`},
		{"customer.name.first\n", `column 1 "customer.name.first": customer.name has no fields`},
		{"subprocessors.list[x].name\n", `column 1 "subprocessors.list[x].name": "[x]" is not a list index (want [0], [1], ...)`},
		{"reference,,agreement\n", "column 2 has no header"},
		{"subprocessors.list[0].name,subprocessors.list[2].name\n", "the columns of subprocessors.list give entry [2] but not [1]: number a list's entries from [0] without a gap"},
		{"subprocessors.list[1999].name\n", "the columns of subprocessors.list give entry [1999] but not [0]"},
		{"negotiated.breach.x\n", "negotiated has no fields"},
		{"", "in is empty"},
	} {
		_, err := newReader(strings.NewReader(tc.header), FormatCSV, "in")
		if err == nil || !errors.Is(err, ErrSetup) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("header %q: error %v, want one with %q", tc.header, err, tc.want)
		}
	}
}

// TestCSVNegotiatedColumn: a negotiated.CLAUSE column gives the deal the
// fallback it names, as negotiated: {CLAUSE: NAME} in a YAML deal (it was
// refused as "negotiated has no fields").
func TestCSVNegotiatedColumn(t *testing.T) {
	recs := readAll(t, FormatCSV, "reference,negotiated.breach\nA,phone-notice\n")
	if len(recs) != 1 || !strings.Contains(string(recs[0].Data), `"negotiated":{"breach":"phone-notice"}`) {
		t.Errorf("records %+v", recs)
	}
}

func TestYAMLStream(t *testing.T) {
	input := "# customers\n---\nreference: A\n---\n# only a comment\n---\nreference: B\ncustomer: {name: b}\n...\n--- {reference: C}\n---\n\n"
	var got []string
	for _, r := range readAll(t, FormatYAML, input) {
		got = append(got, itoa(r.Row)+"@"+itoa(r.Line)+":"+strings.ReplaceAll(string(r.Data), "\n", "|"))
	}
	want := []string{"1@2:---|reference: A|", "2@6:---|reference: B|customer: {name: b}|", "3@10:--- {reference: C}|"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestJSONLines(t *testing.T) {
	long := "{\"a\":\"" + strings.Repeat("x", maxLine) + "\"}"
	recs := readAll(t, FormatJSONL, "{\"reference\":\"A\"}\r\n\n"+long+"\n{\"reference\":\"B\"}")
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	if string(recs[0].Data) != `{"reference":"A"}` || recs[0].Line != 1 {
		t.Errorf("record 1: %+v", recs[0])
	}
	if recs[1].Err == nil || recs[1].Row != 2 || recs[1].Line != 3 {
		t.Errorf("record 2 should be a size problem on line 3: %+v", recs[1].Err)
	}
	if string(recs[2].Data) != `{"reference":"B"}` || recs[2].Row != 3 || recs[2].Line != 4 {
		t.Errorf("record 3: row %d line %d %q", recs[2].Row, recs[2].Line, recs[2].Data)
	}
	// A line that is not JSON is its record's syntax problem, worded as
	// JSON's, not as a YAML parser's "line 1"; the next line still reads.
	recs = readAll(t, FormatJSONL, "{\"reference\":\"A\"}\n{\"reference\" \"B\"}\n{\"reference\":\"C\"}\n")
	want := &deal.Problem{Rule: "syntax", Message: "the line is not valid JSON: invalid character '\"' after object key (at character 14)"}
	if len(recs) != 3 || recs[1].Line != 2 || recs[1].Data != nil || !cmp.Equal(recs[1].Err, want) || string(recs[2].Data) != `{"reference":"C"}` {
		t.Errorf("records %+v, want line 2 refused with %+v", recs, want)
	}
}

// TestCSVRowTooLarge checks that one row larger than a deal may be is a
// problem of its own record and the rows after it still read, whether it
// is long on one line or across quoted newlines, and that quotes keep
// separators and newlines inside their field.
func TestCSVRowTooLarge(t *testing.T) {
	huge := strings.Repeat("x", maxRecord)
	quoted := `"` + strings.Repeat("a \"\" b\n", maxRecord/7+1) + `"`
	input := "customer.name,customer.address\n" +
		"A,one\n" +
		"B," + huge + "\n" +
		"C,\"two, \"\"quoted\"\"\nlines\"\n" +
		"D," + quoted + "\n" +
		"\n" +
		"E,three\n"
	var got []string
	for _, r := range readAll(t, FormatCSV, input) {
		msg := string(r.Data)
		if r.Err != nil {
			msg = r.Err.Rule + ": " + r.Err.Message
		}
		got = append(got, itoa(r.Row)+"@"+itoa(r.Line)+" "+msg)
	}
	lines := strings.Count(quoted, "\n")
	want := []string{
		`1@2 {"customer":{"address":"one","name":"A"}}`,
		"2@3 size: the row is larger than 1 MiB",
		`3@4 {"customer":{"address":"two, \"quoted\"\nlines","name":"C"}}`,
		"4@6 size: the row is larger than 1 MiB",
		"5@" + itoa(7+lines+1) + ` {"customer":{"address":"three","name":"E"}}`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
}

// endless is an input that never ends: /dev/zero, or a pipe that never
// ends a line.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestEndlessRowEnds: a row that never ends (an endless header, or a
// data row after a good header; a JSON or YAML line) stops the read once
// it passes maxSkipped, with a message saying why, instead of reading for
// ever.
func TestEndlessRowEnds(t *testing.T) {
	for _, format := range []string{FormatJSONL, FormatYAML} {
		in, err := newReader(endless{}, format, "zero")
		if err == nil {
			_, err = in.next()
		}
		if err == nil || !strings.Contains(err.Error(), "line 1 runs on for more than 64 MiB without ending") {
			t.Errorf("%s: %v", format, err)
		}
		// Before the first deal, the run cannot start (and writes nothing).
		in, _ = newReader(endless{}, format, "zero")
		if _, err := firstRecord(in, format, "zero"); !errors.Is(err, ErrSetup) {
			t.Errorf("%s: the first record: %v, want a setup error", format, err)
		}
	}
	if _, err := newCSVReader(endless{}, "zero"); err == nil || !strings.Contains(err.Error(), "line 1 runs on for more than 64 MiB without ending") {
		t.Errorf("an endless header: %v", err)
	}
	r, err := newCSVReader(io.MultiReader(strings.NewReader("customer.name,customer.country\n"), endless{}), "endless.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.next(); err == nil || !strings.Contains(err.Error(), "line 2 runs on for more than 64 MiB without ending") {
		t.Errorf("an endless row: %v", err)
	}
}
