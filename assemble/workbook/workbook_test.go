package workbook

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/fixtures"
)

var out = flag.String("out", "", "also write the seed workbook to this file, to look at it")

// loadSeed reads a list fixture shared with package sublist.
func loadSeed(t testing.TB, name string) []deal.Subprocessor {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "sublist", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		List []deal.Subprocessor `yaml:"list"`
	}
	if err := yaml.Unmarshal(b, &file); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return file.List
}

func date(t testing.TB, s string) deal.Date {
	t.Helper()
	d, err := deal.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func seedInput(t testing.TB) Input {
	return Input{
		Provider: deal.Provider{
			Name:                "Kestrel Cloud, Inc.",
			Contact:             deal.Contact{Name: "Privacy Team", Email: "privacy@kestrel.example"},
			DPO:                 &deal.Contact{Name: "Tomás Ortega", Email: "dpo@kestrel.example"},
			SubprocessorListURL: "https://kestrel.example/legal/subprocessors",
		},
		List:          loadSeed(t, "seed000.yaml"),
		Version:       "2026.4",
		AsOf:          date(t, "2026-12-01"),
		ObjectionDays: 30,
		NoticeDays:    30,
		NoticeMethod:  "By email to subscribers of the list page, and to the customer's privacy contact",
	}
}

func export(t testing.TB, in Input) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(&buf, in); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return buf.Bytes()
}

func open(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("open exported workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// zipPart returns one part of a workbook's zip archive.
func zipPart(t testing.TB, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestExportStructure(t *testing.T) {
	in := seedInput(t)
	b := export(t, in)
	if *out != "" {
		if err := os.WriteFile(*out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f := open(t, b)

	if diff := cmp.Diff([]string{CoverSheet, ListSheet, ChoicesSheet}, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	if visible, err := f.GetSheetVisible(ChoicesSheet); err != nil || visible {
		t.Errorf("the %s sheet is visible (%v), want it hidden", ChoicesSheet, err)
	}
	if got := f.GetActiveSheetIndex(); got != 0 {
		t.Errorf("active sheet = %d, want 0 (Cover)", got)
	}

	tables, err := f.GetTables(ListSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 1 {
		t.Fatalf("tables = %d, want 1", len(tables))
	}
	if tb := tables[0]; tb.Name != TableName || tb.Range != "A1:O14" || tb.StyleName != "TableStyleMedium2" {
		t.Errorf("table = %s %s %s, want %s A1:O14 TableStyleMedium2", tb.Name, tb.Range, tb.StyleName, TableName)
	}
	if xml := zipPart(t, b, "xl/worksheets/sheet2.xml"); strings.Contains(xml, "<autoFilter") {
		t.Error("the list sheet has an AutoFilter as well as the table's filter")
	}

	panes, err := f.GetPanes(ListSheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v, want the header row frozen", panes)
	}

	rows, err := f.GetRows(ListSheet)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"Name", "Description", "Purpose", "Category", "Location", "Country", "ISO code",
		"Data categories", "Transfer mechanism", "Website", "Date added", "Address", "Contact", "Contact position", "Responsibilities"}
	if diff := cmp.Diff(wantHeader, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if len(rows) != 14 {
		t.Errorf("rows = %d, want 14", len(rows))
	}
	wantFirst := []string{"Amazon, Inc.", "Infrastructure service provider", "Provide the infrastructure on which the platform runs.",
		"Infrastructure", "EU (Ireland) eu-west-1", "Ireland", "IE",
		"First Name; Last Name; Email; Employee ID; UPN; Language; Groups; Functional Areas; Hierarchical Levels; Phone; Profile Photo; Status; Role",
		"None required (EEA or adequate country)", "https://aws.amazon.com", "2019-05-01"}
	if diff := cmp.Diff(wantFirst, rows[1]); diff != "" {
		t.Errorf("row 2 (-want +got):\n%s", diff)
	}
	// Google corporate services: no description, DPF, no date.
	wantGoogle := []string{"Google corporate services", "", "Import and authenticate users.", "Service", "United States",
		"United States", "US", "First Name; Last Name; Language; Status", "EU-US Data Privacy Framework", "https://workspace.google.com"}
	if diff := cmp.Diff(wantGoogle, rows[5]); diff != "" {
		t.Errorf("row 6 (-want +got):\n%s", diff)
	}
	if got, want := rows[4][8], "Standard contractual clauses between Provider and the Sub-processor (Module Three)"; got != want {
		t.Errorf("I5 = %q, want %q", got, want)
	}

	// The date added is a real date, the rest text.
	if ct, _ := f.GetCellType(ListSheet, "K2"); ct != excelize.CellTypeUnset && ct != excelize.CellTypeNumber && ct != excelize.CellTypeDate {
		t.Errorf("K2 type = %v, want a number (date)", ct)
	}
	if raw, _ := f.GetCellValue(ListSheet, "K2", excelize.Options{RawCellValue: true}); raw != "43586" {
		t.Errorf("K2 raw = %q, want the serial 43586 (2019-05-01)", raw)
	}

	// Websites are hyperlinks, blue and underlined.
	ok, link, err := f.GetCellHyperLink(ListSheet, "J2")
	if err != nil || !ok || link != "https://aws.amazon.com" {
		t.Errorf("J2 hyperlink = %v %q %v, want https://aws.amazon.com", ok, link, err)
	}
	if ok, _, _ := f.GetCellHyperLink(ListSheet, "J7"); ok {
		t.Error("J7 (no website) has a hyperlink")
	}
	id, err := f.GetCellStyle(ListSheet, "J2")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Font == nil || st.Font.Underline != "single" || !strings.EqualFold(st.Font.Color, "0563C1") {
		t.Errorf("J2 font = %+v, want blue and underlined", st.Font)
	}
	id, _ = f.GetCellStyle(ListSheet, "C2")
	st, _ = f.GetStyle(id)
	if st.Alignment == nil || !st.Alignment.WrapText || st.Alignment.Vertical != "top" {
		t.Errorf("C2 alignment = %+v, want wrapped and top", st.Alignment)
	}

	// Drop lists on Category (D) and Transfer mechanism (I).
	dvs, err := f.GetDataValidations(ListSheet)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, dv := range dvs {
		got[dv.Sqref] = dv.Type + " " + dv.Formula1
	}
	want := map[string]string{
		"D2:D14": `list "Infrastructure,Service"`,
		"I2:I14": "list 'Choices'!$A$1:$A$5",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("data validations (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"None required (EEA or adequate country)", "Adequacy decision",
		"Standard contractual clauses between Provider and the Sub-processor (Module Three)",
		"EU-US Data Privacy Framework", "Binding Corporate Rules"}, choices(t, f)); diff != "" {
		t.Errorf("transfer mechanism drop list (-want +got):\n%s", diff)
	}

	// Print set-up.
	pl, err := f.GetPageLayout(ListSheet)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("page layout = %+v, want landscape, one page wide", pl)
	}
	props, err := f.GetSheetProps(ListSheet)
	if err != nil {
		t.Fatal(err)
	}
	if props.FitToPage == nil || !*props.FitToPage {
		t.Error("FitToPage is off: the fit to one page wide is ignored")
	}
	var titles string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == ListSheet {
			titles = dn.RefersTo
		}
	}
	if titles != "'Sub-processors'!$1:$1" {
		t.Errorf("print titles = %q, want the header row", titles)
	}
	w, err := f.GetColWidth(ListSheet, "C")
	if err != nil || w < 20 || w > 50 {
		t.Errorf("column C width = %v %v, want 20..50", w, err)
	}

	// Document properties come from the input, not the clock.
	dp, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if dp.Title != "Sub-processors of Kestrel Cloud, Inc." || dp.Created != "2026-12-01T00:00:00Z" || dp.Modified != "2026-12-01T00:00:00Z" ||
		dp.Subject != "Sub-processor list, version 2026.4, as of 2026-12-01" {
		t.Errorf("doc props = %+v", dp)
	}
	ap, err := f.GetAppProps()
	if err != nil {
		t.Fatal(err)
	}
	if ap.Company != "Kestrel Cloud, Inc." {
		t.Errorf("company = %q", ap.Company)
	}
}

func TestExportCover(t *testing.T) {
	f := open(t, export(t, seedInput(t)))
	rows := coverRows(t, f)
	facts := coverFacts(t, rows)
	want := map[string]string{
		"Vendor":                  "Kestrel Cloud, Inc.",
		"List version":            "2026.4",
		"As of":                   "2026-12-01",
		"Sub-processors listed":   "13 (3 infrastructure, 10 service)",
		"Objection window":        "30 days from notice of a new or replacement sub-processor, or of a move of an existing one's processing to a country outside the EEA, for the customer to object",
		"Advance notice":          "At least 30 days before a new or replacement sub-processor starts processing personal data, or a move of an existing one's processing to a country outside the EEA takes effect",
		"How notices are sent":    "By email to subscribers of the list page, and to the customer's privacy contact",
		"Current list":            "https://kestrel.example/legal/subprocessors",
		"Privacy contact":         "Privacy Team <privacy@kestrel.example>",
		"Data protection officer": "Tomás Ortega <dpo@kestrel.example>",
		"Column":                  "Meaning",
	}
	for _, c := range tableColumns(seedInput(t)) {
		want[c.header] = c.meaning
	}
	// The labels speak of "Provider" as the DPA does; the legend says who
	// that is, as the rest of the workbook says "the vendor".
	if l := facts[transferHeader]; !strings.Contains(l, "“Standard contractual clauses between Provider and the Sub-processor (Module Three)”") ||
		!strings.HasSuffix(l, "In these labels, as in the DPA, “Provider” is the vendor (Kestrel Cloud, Inc.) and “the Sub-processor” the sub-processor of the row.") {
		t.Errorf("the transfer mechanism legend does not say who Provider is: %q", l)
	}
	if diff := cmp.Diff(want, facts); diff != "" {
		t.Errorf("cover (-want +got):\n%s", diff)
	}
	if rows[0][0] != "Sub-processors of Kestrel Cloud, Inc." || rows[1][0] != "List version 2026.4, as of 1 December 2026" {
		t.Errorf("title = %q / %q", rows[0][0], rows[1][0])
	}
	id, _ := f.GetCellStyle(CoverSheet, "A1")
	st, _ := f.GetStyle(id)
	if st.Font == nil || !st.Font.Bold || st.Font.Size < 14 {
		t.Errorf("title font = %+v, want large and bold", st.Font)
	}
	if ok, link, _ := f.GetCellHyperLink(CoverSheet, "B12"); !ok || link != "mailto:privacy@kestrel.example" {
		t.Errorf("privacy contact link = %v %q", ok, link)
	}
}

func TestExportDeterministic(t *testing.T) {
	in := seedInput(t)
	a, b := export(t, in), export(t, in)
	if !bytes.Equal(a, b) {
		t.Fatal("two exports of the same input differ")
	}
	in.AsOf = date(t, "2026-12-02")
	if bytes.Equal(a, export(t, in)) {
		t.Fatal("a different as-of date gave the same bytes")
	}
}

// TestExportFormulaInjection checks that text that looks like a formula is
// stored as text.
func TestExportFormulaInjection(t *testing.T) {
	evil := []string{`=HYPERLINK("http://evil.example","click")`, "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "=1+1"}
	var list []deal.Subprocessor
	for _, e := range evil {
		list = append(list, deal.Subprocessor{
			Name: e, Description: e, Purpose: e, Location: e, Country: "NL", Data: []string{e},
			Category: "service", TransferMechanism: "none", Address: e, Contact: e,
			Website: e, // not an http address: stays text, no link
		})
	}
	in := seedInput(t)
	in.List = list
	in.Provider.Name = "=cmd|' /C calc'!A0"
	in.Version = "=1+1"
	f := open(t, export(t, in))
	for i, e := range evil {
		row := i + 2
		for _, col := range []string{"A", "B", "C", "E", "H", "J", "L", "M"} {
			cell := fmt.Sprintf("%s%d", col, row)
			ct, err := f.GetCellType(ListSheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			if ct != excelize.CellTypeInlineString && ct != excelize.CellTypeSharedString {
				t.Errorf("%s type = %v, want a string", cell, ct)
			}
			if formula, _ := f.GetCellFormula(ListSheet, cell); formula != "" {
				t.Errorf("%s has formula %q", cell, formula)
			}
			want := e
			if col == "H" && strings.Contains(e, ",") {
				want += ";" // a lone data category with a comma (see dataCell)
			}
			if v, _ := f.GetCellValue(ListSheet, cell); v != want {
				t.Errorf("%s = %q, want %q", cell, v, want)
			}
		}
		if ok, _, _ := f.GetCellHyperLink(ListSheet, fmt.Sprintf("J%d", row)); ok {
			t.Errorf("J%d: a non-http website became a hyperlink", row)
		}
	}
	for _, cell := range []string{"B4", "B5"} {
		ct, _ := f.GetCellType(CoverSheet, cell)
		v, _ := f.GetCellValue(CoverSheet, cell)
		if formula, _ := f.GetCellFormula(CoverSheet, cell); formula != "" || ct != excelize.CellTypeSharedString {
			t.Errorf("Cover!%s = %q type %v formula %q, want a string", cell, v, ct, formula)
		}
	}
}

func TestExportEmptyList(t *testing.T) {
	in := seedInput(t)
	in.List = nil
	f := open(t, export(t, in))
	tables, err := f.GetTables(ListSheet)
	if err != nil || len(tables) != 1 || tables[0].Range != "A1:O2" {
		t.Fatalf("tables = %+v %v, want one A1:O2", tables, err)
	}
}

func TestExportErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Input)
		want string
	}{
		{"no date", func(in *Input) { in.AsOf = deal.Date{} }, "export workbook: the as-of date is missing"},
		{"no provider", func(in *Input) { in.Provider.Name = " " }, "export workbook: the provider's name is missing"},
		{"too long", func(in *Input) { in.List = make([]deal.Subprocessor, MaxRows+1) },
			"export workbook: 65001 sub-processors is more than a workbook holds (65000)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := seedInput(t)
			tc.edit(&in)
			var buf bytes.Buffer
			err := Export(&buf, in)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("err = %v, want %s", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes on error", buf.Len())
			}
		})
	}
}

// bigList returns n sub-processors.
func bigList(n int) []deal.Subprocessor {
	list := make([]deal.Subprocessor, n)
	added := deal.Date{Time: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	for i := range list {
		list[i] = deal.Subprocessor{
			Name:              fmt.Sprintf("Sub-processor %05d B.V.", i),
			Description:       "Cloud service provider",
			Purpose:           "Hosting, storage and processing of customer data for the services",
			Location:          "EU (Netherlands), eu-west-4",
			Country:           "NL",
			Data:              []string{"Account data", "Usage logs", "Customer content"},
			Category:          []string{"infrastructure", "service"}[i%2],
			TransferMechanism: "none",
			Website:           fmt.Sprintf("https://sp%05d.example", i),
			Added:             added,
		}
	}
	return list
}

func TestExportStream10k(t *testing.T) {
	if testing.Short() {
		t.Skip("-short leaves out the workbooks at the limits")
	}
	in := seedInput(t)
	in.List = bigList(10000)
	f := open(t, export(t, in))
	tables, err := f.GetTables(ListSheet)
	if err != nil || len(tables) != 1 || tables[0].Range != "A1:O10001" {
		t.Fatalf("tables = %+v %v", tables, err)
	}
	// More websites than MaxLinks: plain text, no links.
	if ok, _, _ := f.GetCellHyperLink(ListSheet, "J10001"); ok {
		t.Errorf("J10001 is a link; want none beyond MaxLinks")
	}
	if v, _ := f.GetCellValue(ListSheet, "J10001"); v != "https://sp09999.example" {
		t.Errorf("J10001 = %q", v)
	}
	if v, _ := f.GetCellValue(ListSheet, "A10001"); v != "Sub-processor 09999 B.V." {
		t.Errorf("A10001 = %q", v)
	}
}

func TestExportLinksAtLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("-short leaves out the workbooks at the limits")
	}
	in := seedInput(t)
	in.List = bigList(MaxLinks)
	f := open(t, export(t, in))
	if ok, link, _ := f.GetCellHyperLink(ListSheet, fmt.Sprintf("J%d", MaxLinks+1)); !ok || link != fmt.Sprintf("https://sp%05d.example", MaxLinks-1) {
		t.Errorf("last link = %v %q", ok, link)
	}
}

func BenchmarkWorkbook(b *testing.B) {
	in := seedInput(b)
	in.List = append(append(append([]deal.Subprocessor{}, in.List...), in.List...), in.List...)
	in.List = append(in.List, loadSeed(b, "seed004.yaml")[:1]...)
	if len(in.List) != 40 {
		b.Fatalf("list has %d rows, want 40", len(in.List))
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Export(&buf, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWorkbookStream10k(b *testing.B) {
	in := seedInput(b)
	in.List = bigList(10000)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Export(&buf, in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestExportTransferLaws is the regression test for the workbook naming
// the EU-US Data Privacy Framework for every deal: a "dpf" row reads the
// framework or frameworks that cover the deal's transfers, as its Annex
// III does, and the drop list offers the same labels, which import back.
func TestExportTransferLaws(t *testing.T) {
	for _, tt := range []struct {
		name string
		laws deal.Laws
		dpf  string
		none string
	}{
		{"GDPR alone", deal.Laws{GDPR: true}, "EU-US Data Privacy Framework", "None required (EEA or adequate country)"},
		{"GDPR and UK", deal.Laws{GDPR: true, UK: true}, "EU-US Data Privacy Framework and its UK Extension", "None required (EEA or adequate country)"},
		{"GDPR and FADP", deal.Laws{GDPR: true, FADP: true}, "EU-US Data Privacy Framework; Swiss-US Data Privacy Framework", "None required (EEA or adequate country)"},
		{"GDPR, UK and FADP", deal.Laws{GDPR: true, UK: true, FADP: true}, "EU-US Data Privacy Framework and its UK Extension; Swiss-US Data Privacy Framework", "None required (EEA or adequate country)"},
		{"FADP alone", deal.Laws{FADP: true}, "Swiss-US Data Privacy Framework", "None required (Switzerland or a country listed as adequate by the Swiss Federal Council)"},
		{"FADP and UK (a Swiss exporter's UK branch)", deal.Laws{UK: true, FADP: true}, "Swiss-US Data Privacy Framework; UK Extension to the EU-US Data Privacy Framework", "None required (adequate under the FADP and UK Data Protection Laws)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := seedInput(t)
			in.Laws = tt.laws
			f := open(t, export(t, in))
			rows, err := f.GetRows(ListSheet)
			if err != nil {
				t.Fatal(err)
			}
			if got := rows[5][8]; got != tt.dpf { // Google corporate services: dpf
				t.Errorf("dpf row = %q, want %q", got, tt.dpf)
			}
			if got := rows[1][8]; got != tt.none { // Amazon in Ireland: none
				t.Errorf("none row = %q, want %q", got, tt.none)
			}
			dvs, err := f.GetDataValidations(ListSheet)
			if err != nil {
				t.Fatal(err)
			}
			var ref string
			for _, dv := range dvs {
				if strings.HasPrefix(dv.Sqref, "I") {
					ref = dv.Formula1
				}
				if dv.Error == nil || len([]rune(*dv.Error)) > maxMessage {
					t.Errorf("%s: the error message is missing or longer than Excel accepts: %v", dv.Sqref, dv.Error)
				}
			}
			list := choices(t, f)
			if ref != "'Choices'!$A$1:$A$5" || !slices.Contains(list, tt.dpf) || !slices.Contains(list, tt.none) {
				t.Errorf("drop list %s %q lacks %q or %q", ref, list, tt.dpf, tt.none)
			}
			for _, label := range []string{tt.dpf, tt.none} {
				want := map[string]string{tt.dpf: deal.TransferDPF, tt.none: deal.TransferNone}[label]
				if code, ok := deal.MatchChoice(deal.TransferMechanisms(), label); !ok || code != want {
					t.Errorf("%q imports as %q, %v; want %q", label, code, ok, want)
				}
			}
		})
	}
}

// choices returns the transfer mechanisms' drop list: column A of the
// hidden Choices sheet.
func choices(t *testing.T, f *excelize.File) []string {
	t.Helper()
	rows, err := f.GetRows(ChoicesSheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		if len(r) > 0 {
			out = append(out, r[0])
		}
	}
	return out
}

// TestTransferLabelsFitDropList: under every combination of laws, each
// transfer mechanism's label fits an Excel drop-list item (at most 255
// characters) and contains no comma, which would split an item. The list
// itself lives on the hidden Choices sheet, since together the labels
// under several laws exceed the 255 characters of an inline list.
func TestTransferLabelsFitDropList(t *testing.T) {
	for _, g := range []bool{false, true} {
		for _, u := range []bool{false, true} {
			for _, f := range []bool{false, true} {
				for _, l := range deal.Labels(deal.Laws{GDPR: g, UK: u, FADP: f}.TransferMechanisms()) {
					if n := len([]rune(l)); n > excelize.MaxFieldLength {
						t.Errorf("GDPR %t, UK %t, FADP %t: label %q is %d characters long, more than %d", g, u, f, l, n, excelize.MaxFieldLength)
					}
					if strings.Contains(l, ",") {
						t.Errorf("label %q contains a comma", l)
					}
				}
			}
		}
	}
}

// TestFromDealLaws: the workbook of a deal names transfer mechanisms for
// that deal's laws, as its Annex III does: a Swiss exporter under the FADP
// alone with a UK branch gets the Swiss-US framework and the UK Extension,
// never the EU-US framework alone.
func TestFromDealLaws(t *testing.T) {
	for _, tt := range []struct {
		fixture string
		want    deal.Laws
		dpf     string
	}{
		{"deals/swiss-exporter.yaml", deal.Laws{UK: true, FADP: true}, "Swiss-US Data Privacy Framework; UK Extension to the EU-US Data Privacy Framework"},
		{"deals/seed-000.yaml", deal.Laws{GDPR: true}, "EU-US Data Privacy Framework"},
		{"deals/seed-001.yaml", deal.Laws{GDPR: true, UK: true, FADP: true}, "EU-US Data Privacy Framework and its UK Extension; Swiss-US Data Privacy Framework"},
		{"deals/us-ccpa.yaml", deal.Laws{}, ""}, // no Transfer mechanism column (TestExportUSOnly)
	} {
		src, err := fs.ReadFile(fixtures.FS, tt.fixture)
		if err != nil {
			t.Fatal(err)
		}
		profile, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
		if err != nil {
			t.Fatal(err)
		}
		d, err := deal.Load(src, tt.fixture, profile, fixtures.Profile)
		if err != nil {
			t.Fatalf("%s: %v", tt.fixture, err)
		}
		in := FromDeal(d, "1", date(t, "2026-12-01"), "")
		if in.Laws != tt.want {
			t.Errorf("%s: Laws = %+v, want %+v", tt.fixture, in.Laws, tt.want)
		}
		in.List = loadSeed(t, "seed000.yaml")
		rows, err := open(t, export(t, in)).GetRows(ListSheet)
		if err != nil {
			t.Fatal(err)
		}
		if tt.dpf == "" {
			continue
		}
		if got := rows[5][8]; got != tt.dpf {
			t.Errorf("%s: dpf row = %q, want %q", tt.fixture, got, tt.dpf)
		}
	}
}

// TestExportUSOnly is the regression test for a US-only deal's workbook
// (gdpr.applies: false) speaking the EU's language: its Cover said
// "personal data" and pointed to Annex III of the SCCs, and its list had a
// Transfer mechanism column reading "None required (EEA or adequate
// country)" for US sub-processors. It speaks of personal information, the
// CCPA's term, and has no Transfer mechanism column or drop list, as the
// DPA's list and the change notice state no transfer mechanism.
func TestExportUSOnly(t *testing.T) {
	src, err := fs.ReadFile(fixtures.FS, "deals/us-ccpa.yaml")
	if err != nil {
		t.Fatal(err)
	}
	profile, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	d, err := deal.Load(src, "us-ccpa.yaml", profile, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, export(t, FromDeal(d, "1", date(t, "2026-12-01"), "")))
	var cover []string
	rows, err := f.GetRows(CoverSheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		cover = append(cover, strings.Join(r, " | "))
	}
	text := strings.Join(cover, "\n")
	for _, want := range []string{
		"Advance notice | At least 30 days before a new or replacement sub-processor starts processing personal information",
		"Name | The legal entity that processes personal information on the vendor's behalf.",
		"Data categories | The categories of personal information the sub-processor processes, separated by semicolons.",
		"Address | The sub-processor's address.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the Cover lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"personal data", "Transfer mechanism", "Annex III", "Standard Contractual Clauses", "EEA"} {
		if strings.Contains(text, not) {
			t.Errorf("the Cover of a US-only deal's list has %q:\n%s", not, text)
		}
	}
	list, err := f.GetRows(ListSheet)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(list[0], "Transfer mechanism") {
		t.Errorf("the list has a Transfer mechanism column: %q", list[0])
	}
	dvs, err := f.GetDataValidations(ListSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(dvs) != 1 || !strings.Contains(dvs[0].Formula1, "Infrastructure") {
		t.Errorf("drop lists %+v, want the Category one alone", dvs)
	}
}

// BenchmarkExportCSV: the 40-row list of BenchmarkWorkbook as CSV.
func BenchmarkExportCSV(b *testing.B) {
	in := seedInput(b)
	in.List = append(append(append([]deal.Subprocessor{}, in.List...), in.List...), in.List...)
	in.List = append(in.List, loadSeed(b, "seed004.yaml")[:1]...)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := ExportCSV(&buf, in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCoverDecisionFollowsClause9: the Cover states the customer's say over
// a change to its sub-processors as its DPA does: under Clause 9(a) Option
// 1 a period to give or refuse specific authorisation, in which silence
// authorises nothing, and under Option 2 a window to object; for a
// processor customer (Module Three) the decision is its controller's. The
// changes are the DPA's: a new or replacement sub-processor, a move abroad
// from the exporter's own area and, where the DPA has an Annex III (under
// either option), an existing one's wider processing.
func TestCoverDecisionFollowsClause9(t *testing.T) {
	const (
		wider      = "an authorised one's processing beyond what Annex III describes for it (other data, purposes or responsibilities, or a country outside the EEA that it does not list)"
		moveNotice = "a move of an existing one's processing to a country outside the EEA"
	)
	for _, tc := range []struct {
		name                string
		specific, processor bool
		laws                deal.Laws
		annexIII            bool
		want                map[string]string
	}{
		{"general, controller", false, false, deal.Laws{GDPR: true}, false, map[string]string{
			"Objection window": "30 days from notice of a new or replacement sub-processor, or of " + moveNotice + ", for the customer to object",
			"Advance notice":   "At least 30 days before a new or replacement sub-processor starts processing personal data, or " + moveNotice + " takes effect",
		}},
		{"general, processor", false, true, deal.Laws{GDPR: true}, false, map[string]string{
			"Objection window": "30 days from notice of a new or replacement sub-processor, or of " + moveNotice + ", for the customer's controller, through the customer, to object",
			"Advance notice":   "At least 30 days before a new or replacement sub-processor starts processing personal data, or " + moveNotice + " takes effect",
		}},
		{"specific, controller", true, false, deal.Laws{GDPR: true}, false, map[string]string{
			"Authorisation period": "30 days after the customer receives the vendor's request for the customer to give or refuse its specific prior authorisation of a new or replacement sub-processor, or of " + wider + "; no such change is made without it, and no answer means no authorisation",
			"Advance request":      "At least 30 days before a new or replacement sub-processor is to start processing personal data, or another change needing authorisation is to take effect, the vendor requests authorisation",
		}},
		{"specific, processor", true, true, deal.Laws{GDPR: true}, false, map[string]string{
			"Authorisation period": "30 days after the customer receives the vendor's request for the customer to communicate its controller's specific prior authorisation, or refusal, of a new or replacement sub-processor, or of " + wider + "; no such change is made without it, and no answer means no authorisation",
			"Advance request":      "At least 30 days before a new or replacement sub-processor is to start processing personal data, or another change needing authorisation is to take effect, the vendor requests authorisation",
		}},
		// A move is abroad from the exporter's own area, as the DPA and the
		// change notices count it.
		{"general, Swiss exporter under the FADP alone", false, false, deal.Laws{FADP: true}, false, map[string]string{
			"Advance notice": "At least 30 days before a new or replacement sub-processor starts processing personal data, or a move of an existing one's processing to a country outside Switzerland and the EEA takes effect",
		}},
		{"general, UK exporter under UK law alone", false, false, deal.Laws{UK: true, UKExporter: true}, false, map[string]string{
			"Advance notice": "At least 30 days before a new or replacement sub-processor starts processing personal data, or a move of an existing one's processing to a country outside the United Kingdom and the EEA takes effect",
		}},
		{"specific, Swiss exporter with the EU GDPR", true, false, deal.Laws{GDPR: true, FADP: true}, false, map[string]string{
			"Authorisation period": "30 days after the customer receives the vendor's request for the customer to give or refuse its specific prior authorisation of a new or replacement sub-processor, or of " + wider + "; no such change is made without it, and no answer means no authorisation",
		}},
		// Under Option 2 with an Annex III, the general authorisation covers
		// what Annex III describes: a wider processing is notified like an
		// addition, with the right to object.
		{"general with Annex III, controller", false, false, deal.Laws{GDPR: true}, true, map[string]string{
			"Objection window": "30 days from notice of a new or replacement sub-processor, of " + moveNotice + ", or of an existing one's processing beyond what Annex III describes for it (other data, purposes, descriptions or responsibilities), for the customer to object",
			"Advance notice":   "At least 30 days before a new or replacement sub-processor starts processing personal data, " + moveNotice + " takes effect, or an existing one's processing goes beyond what Annex III describes for it",
		}},
		{"general with Annex III, processor", false, true, deal.Laws{GDPR: true}, true, map[string]string{
			"Objection window": "30 days from notice of a new or replacement sub-processor, of " + moveNotice + ", or of an existing one's processing beyond what Annex III describes for it (other data, purposes, descriptions or responsibilities), for the customer's controller, through the customer, to object",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := seedInput(t)
			in.SpecificAuthorisation, in.ProcessorCustomer, in.Laws = tc.specific, tc.processor, tc.laws
			in.AnnexIII = tc.annexIII
			facts := coverFacts(t, coverRows(t, open(t, export(t, in))))
			for label, want := range tc.want {
				if facts[label] != want {
					t.Errorf("%s = %q, want %q", label, facts[label], want)
				}
			}
			list, url := "Current list", "https://kestrel.example/legal/subprocessors"
			if tc.specific {
				by := "the customer's written authorisations"
				if tc.processor {
					by = "the controller's written authorisations, communicated through the customer"
				}
				list, url = "Published list", url+" (for information only: it authorises no sub-processor; only the DPA's Annex III and "+by+" do)"
			}
			if facts[list] != url {
				t.Errorf("%s = %q, want %q", list, facts[list], url)
			}
			decision, notice := "Objection window", "Advance notice"
			if tc.specific {
				decision, notice = "Authorisation period", "Advance request"
			}
			for _, label := range []string{"Objection window", "Authorisation period", "Advance notice", "Advance request"} {
				if present := facts[label] != ""; present != (label == decision || label == notice) {
					t.Errorf("the Cover has %s: %t (%q)", label, present, facts[label])
				}
			}
		})
	}
}

// coverRows returns the rows of f's Cover sheet.
func coverRows(t *testing.T, f *excelize.File) [][]string {
	t.Helper()
	rows, err := f.GetRows(CoverSheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// coverFacts returns the Cover's label and value pairs (its rows of two
// cells), by label.
func coverFacts(t *testing.T, rows [][]string) map[string]string {
	t.Helper()
	facts := map[string]string{}
	for _, r := range rows {
		if len(r) == 2 {
			facts[r[0]] = r[1]
		}
	}
	return facts
}

// TestCoverNegotiatedTerms: the Cover of a deal with terms negotiated for
// it (a fallback clause or a rider, which may change the objection rights
// it summarises, as the late-objection fallback does) says that the DPA
// governs; a deal on the standard terms has no such line.
func TestCoverNegotiatedTerms(t *testing.T) {
	const want = "the customer's DPA has terms negotiated for it, which may change the periods and rights above; where they differ, the DPA governs"
	profile, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		fixture, want string
	}{
		{"deals/negotiated.yaml", want},
		{"deals/example.yaml", ""},
	} {
		src, err := fs.ReadFile(fixtures.FS, tt.fixture)
		if err != nil {
			t.Fatal(err)
		}
		d, err := deal.Load(src, tt.fixture, profile, fixtures.Profile)
		if err != nil {
			t.Fatalf("%s: %v", tt.fixture, err)
		}
		facts := coverFacts(t, coverRows(t, open(t, export(t, FromDeal(d, "1", date(t, "2026-12-01"), "")))))
		if got := facts["Negotiated terms"]; got != tt.want {
			t.Errorf("%s: Negotiated terms = %q, want %q", tt.fixture, got, tt.want)
		}
	}
}

// TestExportSpeaksTheDealsLaw: the workbook's keywords name the laws its
// list serves, and a US-only workbook names the vendor's officer as the
// DPA does ("privacy officer": the CCPA knows no data protection officer).
func TestExportSpeaksTheDealsLaw(t *testing.T) {
	for _, tc := range []struct {
		name     string
		usOnly   bool
		laws     deal.Laws
		keywords string
		officer  string
	}{
		{"a list for no deal", false, deal.Laws{}, "GDPR; sub-processors; DPA", "Data protection officer"},
		{"GDPR, UK and Swiss", false, deal.Laws{GDPR: true, UK: true, FADP: true}, "GDPR; UK GDPR; FADP; sub-processors; DPA", "Data protection officer"},
		{"UK exporter under UK law alone", false, deal.Laws{UK: true, UKExporter: true}, "UK GDPR; sub-processors; DPA", "Data protection officer"},
		{"Swiss exporter under the FADP alone", false, deal.Laws{FADP: true}, "FADP; sub-processors; DPA", "Data protection officer"},
		{"US-only", true, deal.Laws{}, "CCPA; sub-processors; DPA", "Privacy officer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := seedInput(t)
			in.USOnly, in.Laws = tc.usOnly, tc.laws
			f := open(t, export(t, in))
			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if props.Keywords != tc.keywords {
				t.Errorf("keywords %q, want %q", props.Keywords, tc.keywords)
			}
			facts := coverFacts(t, coverRows(t, f))
			if facts[tc.officer] != "Tomás Ortega <dpo@kestrel.example>" {
				t.Errorf("the Cover's %s is %q", tc.officer, facts[tc.officer])
			}
		})
	}
}
