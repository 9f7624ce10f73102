package sublist

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/subproc"
	"github.com/dpakit/dpakit/assemble/workbook"

	// Paces the collector of this test binary (see package testgc).
	_ "github.com/dpakit/dpakit/fixtures/testgc"
)

// loadFixture reads a list file of testdata, checked by the list rules.
func loadFixture(t testing.TB, name string) []deal.Subprocessor {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var lf struct {
		List []deal.Subprocessor `yaml:"list"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&lf); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if ps := (subproc.Rules{}).Check(lf.List, "list"); ps != nil {
		t.Fatalf("%s: %v", name, ps)
	}
	return lf.List
}

func mustDate(t testing.TB, s string) deal.Date {
	t.Helper()
	d, err := deal.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func exportList(t testing.TB, list []deal.Subprocessor) []byte {
	t.Helper()
	var buf bytes.Buffer
	err := workbook.Export(&buf, workbook.Input{
		Provider:      deal.Provider{Name: "Kestrel Cloud, Inc.", Contact: deal.Contact{Name: "Privacy Team", Email: "privacy@kestrel.example"}},
		List:          list,
		Version:       "7",
		AsOf:          mustDate(t, "2026-12-01"),
		ObjectionDays: 30,
		NoticeDays:    30,
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	for _, fixture := range []string{"seed000.yaml", "seed004.yaml"} {
		t.Run(fixture, func(t *testing.T) {
			want := loadFixture(t, fixture)
			got, err := Import(exportList(t, want), "list.xlsx")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Export then Import (-want +got):\n%s", diff)
			}
		})
	}
	if n := len(loadFixture(t, "seed000.yaml")); n != 13 {
		t.Errorf("seed000 has %d sub-processors, want 13", n)
	}
}

// edit opens a workbook, sets cells of the list sheet and saves it.
func edit(t testing.TB, b []byte, cells map[string]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for ref, v := range cells {
		if err := f.SetCellValue(workbook.ListSheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportWorkbookErrors(t *testing.T) {
	b := edit(t, exportList(t, loadFixture(t, "seed000.yaml")), map[string]any{
		"D5":  "",             // category
		"F7":  "Mars",         // country
		"G7":  "",             // ISO code
		"F8":  "France",       // ISO code says DE
		"A9":  "amazon, inc.", // A2 is "Amazon, Inc."
		"C10": "   ",
		"I11": "Privacy Shield",
		"J12": "javascript:alert(1)",
		"K13": "13/01/2024",
	})
	_, err := Import(b, "list.xlsx")
	var ie *ImportError
	if !errors.As(err, &ie) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want an *ImportError", err)
	}
	want := `list.xlsx: 8 problems:
  Sub-processors!D5: category is required
  Sub-processors!F7: "Mars" is not a country
  Sub-processors!F8: "France" does not match ISO code "DE" in G8
  Sub-processors!A9: "amazon, inc." is listed twice (also at A2)
  Sub-processors!C10: purpose is required
  Sub-processors!I11: "Privacy Shield" is not a transfer mechanism any more: the EU-US Privacy Shield was invalidated by the Court of Justice of the EU in July 2020 (Schrems II, Case C-311/18); write "dpf" if the sub-processor is certified under the EU-US Data Privacy Framework, its successor, otherwise "scc" (standard contractual clauses)
  Sub-processors!J12: "javascript:alert(1)" is not a web address (want https://...)
  Sub-processors!K13: "13/01/2024" is not a date (want YYYY-MM-DD)`
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
	if p := ie.Problems[1]; p.Sheet != "Sub-processors" || p.Row != 7 || p.Col != 6 || p.Cell() != "F7" {
		t.Errorf("problem = %+v", p)
	}
}

func TestImportCustomerCSV(t *testing.T) {
	csv := "\uFEFFAcme sub-processors, updated 2026\n" +
		"\n" +
		"Vendor;Function;Hosting location;Country;Personal data;Safeguard;URL;Added;Notes\n" +
		"Amazon Web Services EMEA SARL;Hosting;\"EU (Ireland),\neu-west-1\";ireland;\"Account data; Usage logs\";SCCs;aws.amazon.com;2024-03-01;ignored\n" +
		";;;;;;;;\n" +
		"Papertrail;Log search;United States;USA;\"IP address\nLogs\";EU-US Data Privacy Framework;https://papertrail.com;;\n" +
		"Bunny;CDN;Slovenia;the Netherlands;IP address;;;;\n"
	got, err := Import([]byte(csv), "acme.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []deal.Subprocessor{
		{Name: "Amazon Web Services EMEA SARL", Purpose: "Hosting", Location: "EU (Ireland), eu-west-1", Country: "IE",
			Data: []string{"Account data", "Usage logs"}, Category: "service", TransferMechanism: "scc", Website: "https://aws.amazon.com",
			Added: mustDate(t, "2024-03-01")},
		{Name: "Papertrail", Purpose: "Log search", Location: "United States", Country: "US",
			Data: []string{"IP address", "Logs"}, Category: "service", TransferMechanism: "dpf", Website: "https://papertrail.com"},
		{Name: "Bunny", Purpose: "CDN", Location: "Slovenia", Country: "NL", Data: []string{"IP address"},
			Category: "service", TransferMechanism: "none"},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Import (-want +got):\n%s", diff)
	}
}

func TestImportCSVErrors(t *testing.T) {
	csv := "Name,Purpose,Location,Country,Category,Transfer mechanism,Website,Date added\n" +
		"AWS,Hosting,EU,IE,Infrastructure,None required (EEA),https://aws.amazon.com,2024-01-01\n" +
		"Mars Corp,Hosting,Space,Mars,Infrastructure,scc,,\n" +
		",Hosting,EU,IE,Service,none,,\n" +
		"aws,Backup,EU,DE,Service,none,,\n" +
		"Okta,Login,US,US,Vendor,,,\n"
	_, err := Import([]byte(csv), "list.csv")
	want := `list.csv: 5 problems:
  row 3, column "Country" (D): "Mars" is not a country
  row 4, column "Name" (A): name is required
  row 5, column "Name" (A): "aws" is listed twice (also at row 2)
  row 6, column "Category" (E): "Vendor" is not a category (want Infrastructure or Service)
  row 6, column "Transfer mechanism" (F): transfer mechanism is empty (required for a sub-processor outside the EEA)`
	if err == nil || err.Error() != want {
		t.Errorf("err =\n%v\nwant\n%s", err, want)
	}
}

// TestImportRepeatedColumn: a header that gives a field twice (two Name
// columns) is refused at the second, naming the first: one of them had
// been ignored without a word, or the header not found at all.
func TestImportRepeatedColumn(t *testing.T) {
	for _, tt := range []struct{ csv, want string }{
		{"Name,Name,Purpose,Country\nA,B,Hosting,DE\n", `dup.csv: row 1, column B: "Name" repeats column "Name" (A): both give the same field; keep one`},
		{"Name,Purpose,Country,Function\nA,Hosting,DE,Backup\n", `dup.csv: row 1, column D: "Function" repeats column "Purpose" (B): both give the same field; keep one`},
	} {
		if _, err := Import([]byte(tt.csv), "dup.csv"); err == nil || err.Error() != tt.want {
			t.Errorf("%q: %v, want %s", tt.csv, err, tt.want)
		}
	}
	if _, err := Import([]byte("Name,Name,Country\nA,B,DE\n"), "dup.csv"); err == nil || !strings.Contains(err.Error(), `"Name" repeats column "Name" (A)`) {
		t.Errorf("Name, Name, Country: %v", err)
	}
}

// TestImportCSVCells checks that a CSV file's problems name the row and
// the column as a spreadsheet application shows that file (a CSV file has
// no sheet, so "bad!F4" means nothing to its reader), that the countries'
// names in other languages are understood and that the Privacy Shield is
// answered with what replaced it.
func TestImportCSVCells(t *testing.T) {
	const header = "Sub-processor;Purpose;Location;Country;ISO code;Transfer mechanism\n"
	for _, tc := range []struct {
		name, rows, want string
	}{
		{"Privacy Shield in the United States", "Acme Inc.;Analytics;Boston;Amerika;;Privacy Shield\n",
			`bad.csv: row 2, column "Transfer mechanism" (F): "Privacy Shield" is not a transfer mechanism any more: the EU-US Privacy Shield was invalidated by the Court of Justice of the EU in July 2020 (Schrems II, Case C-311/18); write "dpf" if the sub-processor is certified under the EU-US Data Privacy Framework, its successor, otherwise "scc" (standard contractual clauses)`},
		{"Swiss-US Privacy Shield in the United States", "Acme Inc.;Analytics;Boston;Vereinigte Staaten;;Swiss-US Privacy Shield\n",
			`bad.csv: row 2, column "Transfer mechanism" (F): "Swiss-US Privacy Shield" is not a transfer mechanism any more: the Swiss FDPIC found in September 2020 that the Swiss-US Privacy Shield does not provide adequate protection; write "dpf" if the sub-processor is certified under the Swiss-US Data Privacy Framework, its successor, otherwise "scc" (standard contractual clauses)`},
		{"Privacy Shield elsewhere", "Acme Ltd;Support;Bengaluru;Indien;;EU-US Privacy Shield\n",
			`bad.csv: row 2, column "Transfer mechanism" (F): "EU-US Privacy Shield" is not a transfer mechanism any more: the EU-US Privacy Shield was invalidated by the Court of Justice of the EU in July 2020 (Schrems II, Case C-311/18); write "scc" (standard contractual clauses)`},
		{"unknown country, with its heading", "Acme Inc.;Analytics;Boston;Amerrika;;scc\n",
			`bad.csv: row 2, column "Country" (D): "Amerrika" is not a country`},
		{"country and ISO code disagree", "Acme Inc.;Analytics;Boston;Estados Unidos;CA;scc\n",
			`bad.csv: row 2, column "Country" (D): "Estados Unidos" does not match ISO code "CA" in column "ISO code" (E)`},
		{"listed twice", "Acme Inc.;Analytics;Boston;Stati Uniti;;scc\nAcme Inc.;Support;Boston;États-Unis;;scc\n",
			`bad.csv: row 3, column "Sub-processor" (A): "Acme Inc." is listed twice (also at row 2)`},
		{"rows after a cell with a line break", "Acme Inc.;\"Analytics,\nreporting\";Boston;Verenigde Staten;;scc\n\nBeta Ltd;Support;Bengaluru;Indien;;Privacy Shield\n",
			`bad.csv: row 4, column "Transfer mechanism" (F): "Privacy Shield" is not a transfer mechanism any more: the EU-US Privacy Shield was invalidated by the Court of Justice of the EU in July 2020 (Schrems II, Case C-311/18); write "scc" (standard contractual clauses)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list, err := Import([]byte(header+tc.rows), "bad.csv")
			if err == nil || err.Error() != tc.want {
				t.Fatalf("Import = %v, %v\nwant error %s", list, err, tc.want)
			}
		})
	}
	list, err := Import([]byte(header+"Acme Inc.;Analytics;Boston;Amerika;;dpf\nBeta Inc.;Support;Austin;Verenigde Staten;;scc\n"), "ok.csv")
	if err != nil || len(list) != 2 || list[0].Country != "US" || list[1].Country != "US" {
		t.Errorf("Import = %+v, %v; want two sub-processors in the US", list, err)
	}
}

func TestImportMissingColumns(t *testing.T) {
	for _, tc := range []struct{ name, csv, want string }{
		{"no purpose", "Name,Country,Location\nAWS,IE,Dublin\n",
			`x.csv: row 1: no Purpose column (want one headed Purpose, Purpose of processing, Function or Service)`},
		{"no country", "Name,Purpose,Location\nAWS,Hosting,Dublin\n",
			`x.csv: row 1: no Country column (want one headed Country, Country code or ISO code)`},
		{"no header", "a,b,c\n1,2,3\n",
			`x.csv: no header row found (want a row with a Name column and at least two other known columns, such as Purpose and Country, within the first 20 rows)`},
		{"no transfer column", "Name,Purpose,Country\nOkta,Login,United States\n",
			`x.csv: row 2, column "Country" (C): United States is outside the EEA: a transfer mechanism is required (add a Transfer mechanism column; a US-only deal's workbook, which has none, is imported with that deal, as dpakit subprocessors import --deal does)`},
		{"bad quote", "Name,Purpose,Country\nOkta,\"Login,US\n",
			"x.csv: parse error on line 2, column 16: extraneous or missing \" in quoted-field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Import([]byte(tc.csv), "x.csv")
			if err == nil || err.Error() != tc.want {
				t.Errorf("err = %v\nwant  %s", err, tc.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("err is not ErrInvalid")
			}
		})
	}
}

func TestImportCustomerXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetName("Sheet1", "Notes")
	_ = f.SetCellValue("Notes", "A1", "Read me first")
	_, _ = f.NewSheet("List")
	rows := [][]any{
		{"Our sub-processors"},
		{},
		{"Entity", "Purpose of processing", "Region", "Country code", "Data processed", "Type", "Transfer", "Website", "Date added"},
		{"Hetzner Online GmbH", "Hosting", "Falkenstein", "de", "All customer data", "infrastructure", "", "https://hetzner.com", time.Date(2023, 4, 5, 0, 0, 0, 0, time.UTC)},
		{"=cmd|' /C calc'!A0", "+1", "-1", "GB", "@SUM(1)", "Service-specific", "Adequacy", "", "5 April 2023"},
	}
	for i, r := range rows {
		if err := f.SetSheetRow("List", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Import(buf.Bytes(), "customer.XLSX")
	if err != nil {
		t.Fatal(err)
	}
	want := []deal.Subprocessor{
		{Name: "Hetzner Online GmbH", Purpose: "Hosting", Location: "Falkenstein", Country: "DE", Data: []string{"All customer data"},
			Category: "infrastructure", TransferMechanism: "none", Website: "https://hetzner.com", Added: mustDate(t, "2023-04-05")},
		{Name: "=cmd|' /C calc'!A0", Purpose: "+1", Location: "-1", Country: "GB", Data: []string{"@SUM(1)"},
			Category: "service", TransferMechanism: "adequacy", Added: mustDate(t, "2023-04-05")},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Import (-want +got):\n%s", diff)
	}
}

// rawZip writes a zip whose entries are given raw: a declared header and
// compressed bytes that need not agree with it.
func rawZip(t testing.TB, from []byte, replace map[string]func(*zip.Writer)) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if from != nil {
		zr, err := zip.NewReader(bytes.NewReader(from), int64(len(from)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if _, ok := replace[f.Name]; ok {
				continue
			}
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, add := range replace {
		add(zw)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func deflated(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	chunk := bytes.Repeat([]byte("<row/>"), 1<<14)
	for written := 0; written < n; written += len(chunk) {
		_, _ = fw.Write(chunk)
	}
	_ = fw.Close()
	return buf.Bytes()
}

func TestImportLimits(t *testing.T) {
	exported := exportList(t, loadFixture(t, "seed004.yaml"))
	bomb := rawZip(t, nil, map[string]func(*zip.Writer){
		"[Content_Types].xml": func(zw *zip.Writer) {
			w, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
				CompressedSize64: 100, UncompressedSize64: 1 << 34})
			_, _ = w.Write(make([]byte, 100))
			w, _ = zw.Create("[Content_Types].xml")
			_, _ = w.Write([]byte("<Types/>"))
		},
	})
	// A part that says it unpacks to 1 KiB but unpacks to 40 MiB.
	liar := rawZip(t, exported, map[string]func(*zip.Writer){
		"xl/worksheets/sheet2.xml": func(zw *zip.Writer) {
			data := deflated(t, 40<<20)
			w, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet2.xml", Method: zip.Deflate,
				CompressedSize64: uint64(len(data)), UncompressedSize64: 1024})
			_, _ = w.Write(data)
		},
	})
	for _, tc := range []struct {
		name string
		data []byte
		file string
		want string
		is   error
	}{
		{"big file", make([]byte, MaxFileSize+1), "big.xlsx", "big.xlsx: the file is 20.0 MiB, more than the 20 MiB limit", ErrTooLarge},
		{"zip bomb", bomb, "bomb.xlsx", "bomb.xlsx: the workbook unpacks to more than 64 MiB", ErrTooLarge},
		// Go's zip reader stops at the declared size: the file is corrupt.
		{"lying sizes", liar, "liar.xlsx", "liar.xlsx is corrupt: xl/worksheets/sheet2.xml: zip: not a valid zip file", ErrFormat},
		{"csv named xlsx", []byte("Name,Purpose,Country\nAWS,Hosting,IE\n"), "list.xlsx", "list.xlsx: not an Excel workbook", ErrFormat},
		{"old xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), "old.xlsx",
			"old.xlsx: not an Excel workbook (an encrypted workbook or an old .xls file: save it as .xlsx without a password)", ErrFormat},
		{"zip without workbook", rawZip(t, nil, map[string]func(*zip.Writer){"a": func(zw *zip.Writer) { _, _ = zw.Create("a.txt") }}),
			"empty.xlsx", "empty.xlsx: not an Excel workbook", ErrFormat},
		{"unknown extension", []byte("x"), "list.pdf", `list.pdf: unknown format ".pdf" (want .xlsx or .csv)`, ErrFormat},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Import(tc.data, tc.file)
			if err == nil || !errors.Is(err, tc.is) || (tc.want != "" && err.Error() != tc.want) {
				t.Errorf("err = %v, want %q (%v)", err, tc.want, tc.is)
			}
		})
	}
}

func TestImportTooManyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("-short leaves out the imports at the limits")
	}
	var csv strings.Builder
	csv.WriteString("Name,Purpose,Country,Transfer mechanism\n")
	for i := range MaxRows + 1 {
		fmt.Fprintf(&csv, "SP %d,Hosting,US,scc\n", i)
	}
	_, err := Import([]byte(csv.String()), "big.csv")
	if err == nil || err.Error() != "big.csv: more than 20000 sub-processors (the limit)" || !errors.Is(err, ErrTooLarge) {
		t.Errorf("csv: err = %v", err)
	}

	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	_ = sw.SetRow("A1", []any{"Name", "Purpose", "Country", "Transfer mechanism"})
	for i := range MaxRows + 1 {
		_ = sw.SetRow(fmt.Sprintf("A%d", i+2), []any{fmt.Sprintf("SP %d", i), "Hosting", "US", "scc"})
	}
	_ = sw.Flush()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, err = Import(buf.Bytes(), "big.xlsx")
	if err == nil || err.Error() != "big.xlsx: more than 20000 sub-processors (the limit)" || !errors.Is(err, ErrTooLarge) {
		t.Errorf("xlsx: err = %v", err)
	}
}

func TestImportWindows1252(t *testing.T) {
	// "Müller" in Windows-1252, as Excel's plain CSV writes it.
	csv := []byte("Name;Purpose;Country\nM\xfcller GmbH;Print;DE\n")
	got, err := Import(csv, "w.csv")
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Name != "Müller GmbH" || got[0].TransferMechanism != "none" || got[0].Location != "Germany" {
		t.Errorf("got %+v", got[0])
	}
}

// TestImportUTF16: Excel's "Unicode text" (UTF-16 with a byte order mark,
// tab-separated), which batch reads, imports too (it was "not a CSV file").
func TestImportUTF16(t *testing.T) {
	text := "Name\tPurpose\tCountry\r\nMüller GmbH\tPrint\tDE\r\n"
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"little-endian", append([]byte{0xff, 0xfe}, utf16Bytes(text, false)...)},
		{"big-endian", append([]byte{0xfe, 0xff}, utf16Bytes(text, true)...)},
		{"little-endian without a byte order mark", utf16Bytes(text, false)},
		{"big-endian without a byte order mark", utf16Bytes(text, true)},
	} {
		got, err := Import(tt.data, "u.csv")
		if err != nil || len(got) != 1 || got[0].Name != "Müller GmbH" || got[0].Country != "DE" {
			t.Errorf("%s: %+v, %v", tt.name, got, err)
		}
	}
}

// utf16Bytes encodes s as UTF-16, without a byte order mark.
func utf16Bytes(s string, bigEndian bool) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestReadLimit(t *testing.T) {
	_, err := Read(io.MultiReader(bytes.NewReader(make([]byte, MaxFileSize)), strings.NewReader("x")), "big.csv")
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

func BenchmarkImport(b *testing.B) {
	data := exportList(b, loadFixture(b, "seed000.yaml"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Import(data, "list.xlsx"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImport10k(b *testing.B) {
	seed := loadFixture(b, "seed004.yaml")
	list := make([]deal.Subprocessor, 10000)
	for i := range list {
		list[i] = seed[i%3]
		list[i].Name = fmt.Sprintf("%s %05d", list[i].Name, i)
	}
	data := exportList(b, list)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Import(data, "list.xlsx"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestImportAppliesListRules checks that import refuses what the deal's
// list rules refuse, at the cell: a list that imports is a list that diff,
// the notice and a DPA accept.
func TestImportAppliesListRules(t *testing.T) {
	const header = "Name,Purpose,Location,Country,Category,Transfer mechanism\n"
	for _, tc := range []struct {
		name, row, want string
	}{
		{"none outside the EEA", "AWS,Hosting,Virginia,US,Infrastructure,None required (EEA)\n",
			`x.csv: row 2, column "Transfer mechanism" (F): "none" is only for a country in the EEA or with an EU adequacy decision, and the United States (US) is neither; use "scc", or "dpf" if it is certified under the EU-US Data Privacy Framework`},
		{"dpf outside the US", "AWS,Hosting,Dublin,IE,Infrastructure,EU-US Data Privacy Framework\n",
			`x.csv: row 2, column "Transfer mechanism" (F): "dpf" (the EU-US Data Privacy Framework) applies only to sub-processors in the United States, not in Ireland (IE)`},
		{"bidi override", "AWS\u202Egpj.exe,Hosting,Dublin,IE,Infrastructure,\n",
			`x.csv: row 2, column "Name" (A): name contains an invisible bidirectional text control (U+202E) at position 4`},
		{"private use", "AWS,Host\uE000ing,Dublin,IE,Infrastructure,\n",
			`x.csv: row 2, column "Purpose" (B): purpose contains a private-use character (U+E000) at position 5`},
		{"too long", "AWS," + strings.Repeat("p", 501) + ",Dublin,IE,Infrastructure,\n",
			`x.csv: row 2, column "Purpose" (B): purpose is 501 characters long; at most 500 are allowed`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list, err := Import([]byte(header+tc.row), "x.csv")
			if err == nil || err.Error() != tc.want {
				t.Fatalf("Import = %v, %v\nwant error %s", list, err, tc.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("err is not ErrInvalid")
			}
		})
	}
}

// TestReaderUsesItsRules checks that a Reader refuses on import the
// characters its rules' fonts cannot print (emoji, CJK), as render does,
// while the default rules accept them.
func TestReaderUsesItsRules(t *testing.T) {
	latin := func(r rune) bool { return r < 0x2000 }
	rd := NewReader(deal.NewValidator(deal.Options{Printable: latin}).ListRules(nil))
	csv := []byte("Name,Purpose,Location,Country,Category\n" +
		"AWS,Hosting,Dublin,IE,Infrastructure\n" +
		"\u6570\u636e\u516c\u53f8,Storage \U0001F600,Dublin,IE,Service\n")
	if _, err := Import(csv, "x.csv"); err != nil {
		t.Fatalf("default rules: %v", err)
	}
	_, err := rd.Import(csv, "x.csv")
	want := "x.csv: 2 problems:\n" +
		"  row 3, column \"Name\" (A): name: character \"\u6570\" (U+6570) cannot be printed in the PDF fonts\n" +
		"  row 3, column \"Purpose\" (B): purpose: character \"\U0001F600\" (U+1F600) cannot be printed in the PDF fonts"
	if err == nil || err.Error() != want {
		t.Errorf("Reader.Import err =\n%v\nwant\n%s", err, want)
	}
}

// TestReaderConcurrent imports with one Reader from several goroutines at
// once: a Reader is safe for concurrent use (.ci/run runs this with the
// race detector).
func TestReaderConcurrent(t *testing.T) {
	rd := NewReader(subproc.Rules{})
	data := exportList(t, loadFixture(t, "seed000.yaml"))
	want, err := rd.Import(data, "list.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			got, err := rd.Import(data, "list.xlsx")
			if err == nil && !cmp.Equal(want, got) {
				err = errors.New("a concurrent import differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestRoundTripUSOnly: a US-only deal's workbook has no Transfer mechanism
// column (no transfer is restricted); imported for such a deal, every row
// gets "none", as the deal had it, and the note says why.
func TestRoundTripUSOnly(t *testing.T) {
	want := []deal.Subprocessor{
		{Name: "Amazon Web Services, Inc.", Purpose: "Hosting", Location: "us-east-1", Country: "US", Category: "infrastructure", TransferMechanism: "none"},
		{Name: "Better Stack, Inc.", Purpose: "Log search", Location: "EU (Germany)", Country: "DE", Category: "service", TransferMechanism: "none"},
	}
	var buf bytes.Buffer
	if err := workbook.Export(&buf, workbook.Input{
		Provider: deal.Provider{Name: "Kestrel Cloud, Inc."}, List: want, AsOf: mustDate(t, "2026-12-01"), USOnly: true,
	}); err != nil {
		t.Fatal(err)
	}
	got, notes, err := NewReader(subproc.Rules{Origin: subproc.NoRestrictedTransfer}).ImportNotes(t.Context(), buf.Bytes(), "list.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Export then Import (-want +got):\n%s", diff)
	}
	if !slices.ContainsFunc(notes, func(n string) bool {
		return strings.Contains(n, `no transfer is restricted (a deal without an EEA, UK or Swiss nexus), so every sub-processor was imported with "none"`)
	}) {
		t.Errorf("notes %q do not say why every row has none", notes)
	}
}

// TestRoundTripCSV: a list exported as CSV imports back unchanged, as the
// workbook does, including a lone data category that holds a comma (which
// a cell without a semicolon would split at it) and text with quotes,
// commas and semicolons.
func TestRoundTripCSV(t *testing.T) {
	tricky := deal.Subprocessor{Name: `Acme "Cloud", Inc.`, Description: "Hosting, storage", Purpose: "Hosting; backups",
		Location: "Frankfurt", Country: "DE", Data: []string{"Device logs, statuses and progress"},
		Category: "infrastructure", TransferMechanism: "none"}
	for _, fixture := range []string{"seed000.yaml", "seed004.yaml", ""} {
		t.Run(fixture, func(t *testing.T) {
			want := []deal.Subprocessor{tricky}
			if fixture != "" {
				want = loadFixture(t, fixture)
			}
			var buf bytes.Buffer
			if err := workbook.ExportCSV(&buf, workbook.Input{List: want}); err != nil {
				t.Fatal(err)
			}
			got, err := Import(buf.Bytes(), "list.csv")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ExportCSV then Import (-want +got):\n%s", diff)
			}
			// The workbook too keeps the lone category whole.
			if fixture == "" {
				got, err := Import(exportList(t, want), "list.xlsx")
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("Export then Import (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestCSVExportInert: a cell a spreadsheet would take for a formula is
// written as text (a leading apostrophe) and imported back as it was.
func TestCSVExportInert(t *testing.T) {
	evil := `=HYPERLINK("http://evil.example","click")`
	want := []deal.Subprocessor{{Name: evil, Purpose: "+cmd|' /C calc'!A0", Location: "@SUM(1,2)", Country: "NL",
		Data: []string{"-2+3"}, Category: "service", TransferMechanism: "none"}}
	var buf bytes.Buffer
	if err := workbook.ExportCSV(&buf, workbook.Input{List: want}); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, `"'=HYPERLINK(""http://evil.example"",""click"")"`) || !strings.Contains(out, "'@SUM(1,2)") {
		t.Errorf("formula-like cells are not marked as text:\n%s", out)
	}
	got, err := Import(buf.Bytes(), "list.csv")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("ExportCSV then Import (-want +got):\n%s", diff)
	}
}
