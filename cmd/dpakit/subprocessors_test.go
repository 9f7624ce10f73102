package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const newList = "testdata/new-list.yaml"

func TestSubprocessorsExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "subprocessors.xlsx")
	code, _, errs := dpakit(t, "", "subprocessors", "export", exampleProfilePath, "-o", xlsx, "--as-of", "2026-12-01")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Cover,Sub-processors,Choices" {
		t.Errorf("sheets = %s", got)
	}
	if v, _ := f.GetCellValue("Sub-processors", "A2"); v != "Amazon Web Services EMEA SARL" {
		t.Errorf("A2 = %q", v)
	}
	// Importing the workbook gives back the profile's list.
	list := filepath.Join(dir, "list.yaml")
	if code, _, errs := dpakit(t, "", "subprocessors", "import", xlsx, "-o", list); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	code, out, errs := dpakit(t, "", "subprocessors", "diff", exampleProfilePath, list)
	if code != 0 {
		t.Fatalf("diff: exit %d: %s", code, errs)
	}
	if !strings.Contains(strings.ToLower(out), "no changes") {
		t.Errorf("round trip changed the list:\n%s", out)
	}
}

// TestSubprocessorsExportToStandardOutput is the regression test for
// export -o -, which wrote a file named "-", and export without -o, which
// refused to write to a file or pipe ("needs -o FILE.xlsx"): both write
// the workbook to standard output, as -o FILE.xlsx writes it to the file,
// and report nothing.
func TestSubprocessorsExportToStandardOutput(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "list.xlsx")
	if code, _, errs := dpakit(t, "", "subprocessors", "export", exampleProfilePath, "--as-of", "2026-12-01", "-o", xlsx); code != 0 {
		t.Fatalf("export -o list.xlsx: exit %d: %s", code, errs)
	}
	want, err := os.ReadFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"-o -", []string{"-o", "-"}},
		{"no -o", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"subprocessors", "export", exampleProfilePath, "--as-of", "2026-12-01"}, tt.args...)
			code, out, errs := dpakit(t, "", args...)
			if code != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, errs)
			}
			if out != string(want) {
				t.Errorf("standard output holds %d bytes, want the workbook's %d", len(out), len(want))
			}
			if _, err := os.Lstat("-"); err == nil {
				os.Remove("-")
				t.Error(`a file named "-" was written`)
			}
		})
	}
}

func TestSubprocessorsImportReportsEveryBadCell(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "list.csv")
	os.WriteFile(csv, []byte("Entity,Purpose of processing,Location,Country\nAWS,Hosting,Ireland,IE\nMarsCo,Storage,Olympus Mons,Mars\nAWS,Backups,Ireland,IE\n"), 0o644)
	out := filepath.Join(dir, "list.yaml")
	code, _, errs := dpakit(t, "", "subprocessors", "import", csv, "-o", out)
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	for _, want := range []string{`"Mars" is not a country`, `"AWS" is listed twice`} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a list was written despite the errors")
	}
}

func TestSubprocessorsDiffBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("list:\n  - {name: X, purpose: P, location: Olympus Mons, country: Mars, category: service, transfer_mechanism: scc}\n"), 0o644)
	code, _, errs := dpakit(t, "", "subprocessors", "diff", exampleProfilePath, bad)
	if code != 2 || !strings.Contains(errs, `bad.yaml:2: list[0].country: "Mars" is not an ISO 3166-1 alpha-2 country code`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	code, _, errs = dpakit(t, "", "subprocessors", "diff", filepath.Join(dir, "missing.yaml"), bad)
	if code != 2 || !strings.Contains(errs, "no such file") {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
}

// TestListFileMistakesAsADealsAre is the regression test for a list file's
// mistyped or repeated key, reported by diff and notice in the YAML
// decoder's words ("field contry not found in type deal.Subprocessor",
// "mapping key \"name\" already defined"): each is named by its path and
// line, as a deal file's is, with the field meant.
func TestListFileMistakesAsADealsAre(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, data, want string }{
		{"typo.yaml", "list:\n  - name: X\n    contry: US\n", `typo.yaml:3: list[0].contry: unknown field (did you mean "country"?)`},
		{"twice.yaml", "list:\n  - name: X\n    name: Y\n", "twice.yaml:3: list[0].name: is given twice (first at line 2)"},
		{"typo.json", "{\"list\": [\n  {\"name\": \"X\", \"contry\": \"US\"}]}", `typo.json:2: list[0].contry: unknown field (did you mean "country"?)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{
				{"subprocessors", "diff", exampleProfilePath, path},
				{"notice", "--profile", exampleProfilePath, "--old", exampleProfilePath, "--new", path, "--date", "2026-12-01", "--format", "md"},
			} {
				code, _, errs := dpakit(t, "", args...)
				if code != 2 || !strings.Contains(errs, tc.want) || strings.Contains(errs, "type deal.") {
					t.Errorf("%s: exit %d, stderr %q; want 2 and %q", args[0], code, errs, tc.want)
				}
			}
		})
	}
}

func TestSubprocessorsDiff(t *testing.T) {
	// Lists that differ exit 1, as diff(1) does, with no error message.
	code, out, errs := dpakit(t, "", "subprocessors", "diff", exampleProfilePath, newList)
	if code != 1 || errs != "" {
		t.Fatalf("exit %d, stderr %q; want 1 and nothing", code, errs)
	}
	for _, want := range []string{"Better Stack, Inc.", "Functional Software, Inc. (Sentry)", "Papertrail (SolarWinds Worldwide, LLC)", "Amazon Web Services EMEA SARL", "location", "country"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = dpakit(t, "", "subprocessors", "diff", exampleProfilePath, newList, "--json")
	if code != 1 || !strings.Contains(out, `"added": [`) || !strings.Contains(out, `"field": "location"`) {
		t.Errorf("exit %d, JSON:\n%s", code, out)
	}
	// The same list twice exits 0.
	code, out, errs = dpakit(t, "", "subprocessors", "diff", newList, newList)
	if code != 0 || errs != "" || !strings.Contains(strings.ToLower(out), "no changes") {
		t.Errorf("equal lists: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, _ = dpakit(t, "", "subprocessors", "diff", newList, newList, "--json")
	if code != 0 || !strings.Contains(out, "{") {
		t.Errorf("equal lists, JSON: exit %d, stdout %q", code, out)
	}
}

// TestNoticePDF writes the objection notice for a change given on 20
// December 2026 under the example profile's fifteen-day window: the
// deadline falls in the next year.
func TestNoticePDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("DPAKIT_REQUIRE_TOOLS") != "" {
			t.Fatal("pdftotext is not installed")
		}
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "notice.pdf")
	code, _, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath, "--old", exampleProfilePath,
		"--new", newList, "--date", "2026-12-20", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "objection deadline 2027-01-04") {
		t.Errorf("stderr %q lacks the deadline", errs)
	}
	txt, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := regexp.MustCompile(`\s+`).ReplaceAllString(string(txt), " ")
	for _, want := range []string{
		"Changes to Sub-processors", "Notice of changes, with the right to object", "20 December 2026",
		"4 January 2027", "fifteen (15) days",
		"Better Stack, Inc.", "replaces Papertrail", "Functional Software, Inc.", "EU-US Data Privacy Framework",
		"Amazon Web Services EMEA SARL", "EU (Germany), eu-central-1", "Germany",
		"Sub-processors to be removed", "https://kestrel.example/legal/subprocessors",
		"Dear Customer",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("notice lacks %q", want)
		}
	}
}

func TestNoticeToCustomerHTML(t *testing.T) {
	code, out, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath, "--customer", "../../fixtures/deals/seed-001.yaml",
		"--old", exampleProfilePath, "--new", newList, "--date", "2028-02-14", "--format", "html")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// seed-001 gives fifteen days: 14 February 2028 + 15 = 29 February 2028.
	for _, want := range []string{"29 February 2028", "Łódź Logistyka Sp. z o.o.", "Dear Zofia Wiśniewska", "Yours sincerely"} {
		if !strings.Contains(out, want) {
			t.Errorf("notice lacks %q", want)
		}
	}
}

func TestNoticeErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"notice", "--old", exampleProfilePath, "--new", newList, "--date", "2026-12-01"}, "needs --profile"},
		{[]string{"notice", "--profile", exampleProfilePath, "--old", exampleProfilePath, "--new", newList, "--date", "2026-13-01"}, `"2026-13-01" is not a date`},
		{[]string{"notice", "--profile", exampleProfilePath, "--old", exampleProfilePath, "--new", exampleProfilePath, "--date", "2026-12-01", "--format", "md"}, "nothing to give notice of"},
	}
	for _, tt := range tests {
		code, _, errs := dpakit(t, "", tt.args...)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tt.args, code, errs, tt.want)
		}
	}
}

// TestImportRefusesWhatDiffRefuses is the regression test for import
// accepting a row the deal rules reject (country US with "None required
// (EEA)"), and characters that render, diff and notice reject (a bidi
// override, a private-use character, an emoji, CJK the PDF fonts lack):
// import, diff and notice check one set of list rules.
func TestImportRefusesWhatDiffRefuses(t *testing.T) {
	const header = "Name,Purpose,Location,Country,Category,Transfer mechanism\n"
	for _, tc := range []struct{ name, row, want string }{
		{"none in the US", "AWS,Hosting,Virginia,US,Infrastructure,None required (EEA)\n",
			`row 2, column "Transfer mechanism" (F): "none" is only for a country in the EEA or with an EU adequacy decision`},
		{"bidi override", "AWS\u202Egpj.exe,Hosting,Dublin,IE,Infrastructure,\n",
			`row 2, column "Name" (A): name contains an invisible bidirectional text control (U+202E)`},
		{"private use", "AWS,Host\uE000ing,Dublin,IE,Infrastructure,\n",
			`row 2, column "Purpose" (B): purpose contains a private-use character (U+E000)`},
		{"emoji", "AWS,Hosting \U0001F600,Dublin,IE,Infrastructure,\n",
			`row 2, column "Purpose" (B): purpose: character "` + "\U0001F600" + `" (U+1F600) cannot be printed in the PDF fonts`},
		{"CJK", "\u6570\u636e,Hosting,Dublin,IE,Infrastructure,\n",
			`row 2, column "Name" (A): name: character "` + "\u6570" + `" (U+6570) cannot be printed in the PDF fonts`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			csv := filepath.Join(dir, "list.csv")
			if err := os.WriteFile(csv, []byte(header+tc.row), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "list.yaml")
			code, _, errs := dpakit(t, "", "subprocessors", "import", csv, "-o", out)
			if code != 2 || !strings.Contains(errs, tc.want) {
				t.Errorf("import: exit %d, stderr %q; want exit 2 and %q", code, errs, tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("import wrote %s despite the error", out)
			}
			// diff reads the sheet by the same rules.
			if code, _, _ := dpakit(t, "", "subprocessors", "diff", exampleProfilePath, csv); code != 2 {
				t.Errorf("diff of the sheet: exit %d, want 2", code)
			}
		})
	}
}

// TestNoticeCarriesTheDiff is the regression test for the notice matching
// entries again by name: an old entry "AWS " against a new "AWS" gave an
// empty "Before" and the letter printed "none" as the old location. (White
// space at the ends of a name is now refused, so the names here differ by
// a doubled inner space, which NameKey also ignores.)
func TestNoticeCarriesTheDiff(t *testing.T) {
	dir := t.TempDir()
	entry := "{name: %q, purpose: Hosting, location: %q, country: %s, category: infrastructure, transfer_mechanism: none}"
	old := filepath.Join(dir, "old.yaml")
	cur := filepath.Join(dir, "new.yaml")
	if err := os.WriteFile(old, []byte("list:\n  - "+fmt.Sprintf(entry, "Amazon  Web Services", "EU (Ireland)", "IE")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cur, []byte("list:\n  - "+fmt.Sprintf(entry, "Amazon Web Services", "EU (Frankfurt)", "DE")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath, "--old", old, "--new", cur,
		"--date", "2026-12-01", "--format", "md")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"| EU (Ireland) | EU (Frankfurt) |", "| Ireland | Germany |"} {
		if !strings.Contains(out, want) {
			t.Errorf("notice lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "| none |") {
		t.Errorf("notice prints an empty Before as none:\n%s", out)
	}
}

// TestExportNeverReadsTheClock is the regression test for export dating a
// profile's list by the clock: without --as-of and without an effective
// date it asks for --as-of and writes nothing; with a deal's effective date
// it uses that date.
func TestExportNeverReadsTheClock(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "list.xlsx")
	code, _, errs := dpakit(t, "", "subprocessors", "export", exampleProfilePath, "-o", out)
	if code != 2 || !strings.Contains(errs, "--as-of YYYY-MM-DD") {
		t.Errorf("exit %d, stderr %q; want exit 2 asking for --as-of", code, errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a workbook was written without a date")
	}
	code, _, errs = dpakit(t, "", "subprocessors", "export", "../../fixtures/deals/seed-001.yaml", "--profile", exampleProfilePath, "-o", out)
	if code != 0 {
		t.Fatalf("deal with an effective date: exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := false
	rows, _ := f.GetRows("Cover")
	for _, r := range rows {
		found = found || strings.Join(r, " ") == "As of 2026-09-01"
	}
	if !found {
		t.Errorf("the cover sheet does not carry the deal's effective date 2026-09-01: %v", rows)
	}
}

// TestNoticeCustomerOwnList: a customer whose deal carries its own list
// (seed-004, Option 1, with addresses of its own) gets the vendor's
// changes as they affect that list, with a warning: not the vendor's old
// list against its new one (which printed the customer's addresses as
// removed and listed sub-processors the customer never had).
func TestNoticeCustomerOwnList(t *testing.T) {
	dir := t.TempDir()
	cur := filepath.Join(dir, "new.yaml")
	// The vendor's new list: its profile's two entries and Zendesk.
	list := `list:
  - { name: Amazon Web Services EMEA SARL, purpose: Hosting of the platform and its databases, location: "EU (Ireland), eu-west-1", country: IE, category: infrastructure, transfer_mechanism: none }
  - { name: "Papertrail (SolarWinds Worldwide, LLC)", purpose: Storage and search of system logs, location: United States, country: US, category: service, transfer_mechanism: scc }
  - { name: "Zendesk, Inc.", purpose: Handling support requests, location: United States, country: US, data: [Name, Email address], category: service, transfer_mechanism: dpf, address: "989 Market Street, San Francisco, CA 94103, United States", contact: "Zendesk Privacy Team, privacy@zendesk.example", contact_title: Data Protection Officer, responsibilities: Stores and routes support tickets only }
`
	if err := os.WriteFile(cur, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath, "--customer", "../../fixtures/deals/seed-004.yaml",
		"--old", exampleProfilePath, "--new", cur, "--date", "2026-12-01", "--format", "md")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"seed-004.yaml: subprocessors.list: the customer's DPA carries its own list of 3 sub-processors", `neither list has "Amazon Web Services, Inc."`,
		// Dated before the DPA takes effect (2027-01-04): warned of, at the line.
		"dpakit: warning: seed-004.yaml:7: effective_date: is 2027-01-04, after the notice date 2026-12-01"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	for _, want := range []string{"Request for specific authorisation", "**Zendesk, Inc.**", "**11 December 2026**"} {
		if !strings.Contains(out, want) {
			t.Errorf("notice lacks %q:\n%s", want, out)
		}
	}
	for _, not := range []string{"Other changes", "| none |", "Papertrail", "object"} {
		if strings.Contains(out, not) {
			t.Errorf("notice has %q:\n%s", not, out)
		}
	}
}

// TestNoticeWarnsOfUndescribedData: a notice that adds a sub-processor
// processing data the customer's Annex I.B does not describe says so
// (counsel's reading: the customer, or its Controller, would be asked to
// accept processing outside the DPA's description), at the --new list's
// line; the notice is still written.
func TestNoticeWarnsOfUndescribedData(t *testing.T) {
	// A customer whose Annex I.B describes names and email addresses
	// only; the planned list adds Better Stack, which processes IP
	// addresses.
	src, err := os.ReadFile("../../fixtures/deals/processor-option2.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	customer := filepath.Join(dir, "narrow.yaml")
	narrow := regexp.MustCompile(`(?m)^  data_categories:\n(    - .*\n)+`).ReplaceAllString(string(src), "  data_categories: [Name, Email address]\n")
	if narrow == string(src) {
		t.Fatal("the fixture gives no processing.data_categories as a block list")
	}
	if err := os.WriteFile(customer, []byte(narrow), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "notice.md")
	code, _, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath, "--customer", customer,
		"--old", exampleProfilePath, "--new", "../../fixtures/lists/planned.yaml", "--date", "2026-12-01", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !regexp.MustCompile(`dpakit: warning: planned\.yaml:\d+: list\[1\]\.data\[0\]: "IP address" is not among the categories of personal data that the customer's Annex I\.B describes \(processing\.data_categories of its deal\), yet "Better Stack, Inc\."`).MatchString(errs) {
		t.Errorf("stderr lacks the warning about Better Stack's data:\n%s", errs)
	}
}

// TestNoticeOwnListIsNotThePublishedOne checks that a letter to a customer
// whose DPA carries its own list (us-ccpa: AWS, Inc. in the United States
// where the vendor now lists AWS EMEA SARL) does not call the vendor's
// published list the complete list "including the changes in this notice":
// the customer's Sub-processors are those of its DPA's list as the notices
// change it; the published list is Provider's current list of all its
// Sub-processors, as the DPA calls it.
func TestNoticeOwnListIsNotThePublishedOne(t *testing.T) {
	code, out, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath, "--customer", "../../fixtures/deals/us-ccpa.yaml",
		"--old", exampleProfilePath, "--new", "../../fixtures/lists/planned.yaml", "--date", "2026-12-01", "--format", "md")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "the customer's DPA carries its own list") {
		t.Errorf("no warning of the customer's own list:\n%s", errs)
	}
	if !strings.Contains(out, "are those listed in your Data Processing Agreement, with the changes of earlier notices that have taken effect under it; the changes in this notice take effect only as described below.") ||
		!strings.Contains(out, "Provider’s general list of its Sub-processors, published at") {
		t.Errorf("the letter does not present the published list as the general one:\n%s", out)
	}
	if strings.Contains(out, "including the changes in this notice, is published at") {
		t.Errorf("the letter calls the published list the customer's complete list:\n%s", out)
	}
}

// TestExportCSV: subprocessors export -o FILE.csv writes the list as CSV
// (no date needed: it has no cover sheet), which import reads back to the
// same list, so that diff finds no change.
func TestExportCSV(t *testing.T) {
	dir := t.TempDir()
	csvFile, back := filepath.Join(dir, "list.csv"), filepath.Join(dir, "back.yaml")
	if code, _, errs := dpakit(t, "", "subprocessors", "export", exampleProfilePath, "-o", csvFile); code != 0 || !strings.Contains(errs, "CSV file, 2 sub-processors") {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(csvFile)
	if err != nil || !strings.HasPrefix(string(b), "\ufeffName,Description,Purpose,Category,") {
		t.Fatalf("the CSV file starts %q (%v)", b[:min(len(b), 60)], err)
	}
	if code, _, errs := dpakit(t, "", "subprocessors", "import", csvFile, "-o", back); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	if code, out, errs := dpakit(t, "", "subprocessors", "diff", exampleProfilePath, back); code != 0 {
		t.Errorf("diff after the round trip: exit %d: %s%s", code, out, errs)
	}
	if code, _, errs := dpakit(t, "", "subprocessors", "export", exampleProfilePath, "-o", filepath.Join(dir, "list.ods")); code != 2 || !strings.Contains(errs, "(.xlsx) or a CSV file (.csv)") {
		t.Errorf("export to .ods: exit %d: %s", code, errs)
	}
}

// TestFlagValuesBounded: a date outside 2000-01-01 to 2100-12-31 (the zero
// date read as none: an export failed with exit 1, a notice printed a
// deadline in the year 10000) and a cover-sheet text that is too long or
// not one line (a library's row-height error, exit 1) are usage errors
// naming the flag, and nothing is written.
func TestFlagValuesBounded(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.xlsx")
	planned := "../../fixtures/lists/planned.yaml"
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"as-of year 1", []string{"subprocessors", "export", exampleProfilePath, "--as-of", "0001-01-01", "-o", out}, "--as-of: 0001-01-01 is outside the accepted range 2000-01-01 to 2100-12-31"},
		{"PDF dated year 1", []string{"render", "../../fixtures/deals/example.yaml", "--date", "0001-01-01", "-o", filepath.Join(dir, "d.pdf")}, "--date: 0001-01-01 is outside the accepted range"},
		{"Word file dated 9999", []string{"render", "../../fixtures/deals/example.yaml", "--date", "9999-12-31T10:00:00Z", "-o", filepath.Join(dir, "d.docx")}, "--date: 9999-12-31T10:00:00Z is outside the accepted range"},
		{"notice in year 9999", []string{"notice", "--profile", exampleProfilePath, "--old", exampleProfilePath, "--new", planned, "--date", "9999-12-31", "-o", filepath.Join(dir, "n.md")}, "--date: 9999-12-31 is outside the accepted range"},
		{"batch notice date", []string{"batch", "--profile", exampleProfilePath, "--input", "../../fixtures/customers.csv", "--out", filepath.Join(dir, "b"), "--docs", "notice", "--notice-old", exampleProfilePath, "--notice-date", "0001-01-01"}, "--notice-date: 0001-01-01 is outside the accepted range"},
		{"long list version", []string{"subprocessors", "export", exampleProfilePath, "--as-of", "2026-12-01", "--list-version", strings.Repeat("v", 101), "-o", out}, "--list-version is 101 characters long; the cover sheet takes at most 100"},
		{"list version on two lines", []string{"subprocessors", "export", exampleProfilePath, "--as-of", "2026-12-01", "--list-version", "a\nb", "-o", out}, "--list-version holds U+000A, a line break or control character: give one line of text"},
		{"long notice method", []string{"subprocessors", "export", exampleProfilePath, "--as-of", "2026-12-01", "--notice-method", strings.Repeat("m", 301), "-o", out}, "--notice-method is 301 characters long"},
		{"tab in the notice method", []string{"subprocessors", "export", exampleProfilePath, "--as-of", "2026-12-01", "--notice-method", "by\temail", "-o", out}, "--notice-method holds U+0009, a line break or control character"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := dpakit(t, "", tc.args...)
			if code != 2 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tc.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused runs wrote %d files", len(entries))
	}
	// A no-break space pasted from a document is text, not refused.
	if code, _, errs := dpakit(t, "", "subprocessors", "export", exampleProfilePath, "--as-of", "2026-12-01", "--notice-method", "by email\u00a0to the DPO", "-o", out); code != 0 {
		t.Errorf("a no-break space: exit %d: %s", code, errs)
	}
}
