package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// kakaoEntry is a sub-processor in South Korea with no transfer mechanism,
// as an entry of a list file: the EU's adequacy decision for Korea
// covers it, the Swiss Federal Council's list does not.
const kakaoEntry = `  - name: Kakao Corp.
    purpose: Support chat
    location: Seoul
    country: KR
    data: [Name]
    category: service
    transfer_mechanism: none
`

// listWithEntry writes the example profile's list with entry added as a
// list file in a temporary directory and returns its path.
func listWithEntry(t *testing.T, name, entry string) string {
	t.Helper()
	list := `list:
  - name: Amazon Web Services EMEA SARL
    purpose: Hosting of the platform and its databases
    location: EU (Ireland), eu-west-1
    country: IE
    data: [Account data, Usage logs, Customer content]
    category: infrastructure
    transfer_mechanism: none
  - name: Papertrail (SolarWinds Worldwide, LLC)
    purpose: Storage and search of system logs
    location: United States
    country: US
    data: [IP address, Browser information, Logging data]
    category: service
    transfer_mechanism: scc
` + entry
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestNoticeWarnsOfNewList is the regression test for a notice that
// stated "None required (EEA or adequate country)" for a new
// sub-processor whose mechanism the customer's own DPA warns of: the --new
// list is judged as that customer's deal judges its list, its warnings
// printed (unless --quiet) with the paths, words and rules validate gives,
// its problems refused with exit 2.
func TestNoticeWarnsOfNewList(t *testing.T) {
	kr := listWithEntry(t, "new.yaml", kakaoEntry)
	mc := listWithEntry(t, "new-mc.yaml", strings.NewReplacer("KR", "MC", "Seoul", "Monaco").Replace(kakaoEntry))
	const swissWords = `"none" is only for Switzerland or a country that the Swiss Federal Council lists as adequate (Annex 1 to the Data Protection Ordinance), and South Korea (KR) is not listed, so a transfer from Switzerland needs a safeguard; use "scc" for personal data from Switzerland; as a sub-processor has one transfer mechanism for all its data, write that one, which serves the data from the EEA as well [swiss_adequacy]`
	const ukWords = `"none" is only for the United Kingdom or a country to which transfers are approved by regulations under Article 45A of the UK GDPR, and Monaco (MC) is not covered, so a transfer from the United Kingdom needs a safeguard; use "scc" for personal data from the United Kingdom; as a sub-processor has one transfer mechanism for all its data, write that one, which serves the data from Switzerland as well [uk_adequacy]`
	for _, c := range []struct {
		name, customer, list, want string
	}{
		// The example deal: the GDPR and the Swiss terms.
		{"example", "../../fixtures/deals/example.yaml", kr, "dpakit: warning: new.yaml:22: list[2].transfer_mechanism: " + swissWords},
		// Without --customer the profile, under both laws too, judges.
		{"profile", "", kr, "dpakit: warning: new.yaml:22: list[2].transfer_mechanism: " + swissWords},
		// A Swiss exporter under the FADP alone with the UK Addendum.
		{"swiss-exporter", "../../fixtures/deals/swiss-exporter.yaml", mc, "dpakit: warning: new-mc.yaml:22: list[2].transfer_mechanism: " + ukWords},
	} {
		args := []string{"notice", "--profile", exampleProfilePath, "--old", exampleProfilePath, "--new", c.list, "--date", "2026-12-01", "--format", "md"}
		if c.customer != "" {
			args = append(args, "--customer", c.customer)
		}
		code, out, errs := dpakit(t, "", args...)
		if code != 0 || !strings.Contains(out, "Kakao Corp.") {
			t.Errorf("%s: exit %d: %s", c.name, code, errs)
		}
		if !strings.Contains(errs, c.want+"\n") {
			t.Errorf("%s: the notice does not warn\n  %s\ngot:\n%s", c.name, c.want, errs)
		}
		code, _, errs = dpakit(t, "", append(args, "--quiet")...)
		if code != 0 || errs != "" {
			t.Errorf("%s --quiet: exit %d, standard error %q", c.name, code, errs)
		}
	}
	// The same entry in the example deal's own list: validate warns in the
	// same words.
	deal := dealWithEntry(t, "../../fixtures/deals/example.yaml", kakaoEntry)
	if code, _, errs := dpakit(t, "", "validate", deal); code != 0 || !strings.Contains(errs, "subprocessors.list[2].transfer_mechanism: "+swissWords) {
		t.Errorf("validate: exit %d:\n%s", code, errs)
	}
	// A problem of the customer's DPA is a problem of the notice: Korea is
	// not adequate for a Swiss exporter under the FADP alone.
	code, _, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath, "--customer", "../../fixtures/deals/swiss-exporter.yaml",
		"--old", exampleProfilePath, "--new", kr, "--date", "2026-12-01", "--format", "md")
	if code != 2 || !strings.Contains(errs, `new.yaml:22: list[2].transfer_mechanism: "none" is only for Switzerland`) || !strings.Contains(errs, "[transfer_mechanism_country]") {
		t.Errorf("Swiss exporter, Korea: exit %d, want 2 naming the entry and the rule:\n%s", code, errs)
	}
}

// dealWithEntry writes a copy of the deal at path whose own list has entry
// added after its last entry (entry indented as in a list file) and
// returns the copy's path.
func dealWithEntry(t *testing.T, path, entry string) string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const last = "      responsibilities: Stores and indexes the system logs it receives; responsible for the log service only\n"
	if !strings.Contains(string(src), last) {
		t.Fatalf("%s no longer ends its list with Papertrail's responsibilities", path)
	}
	indented := strings.ReplaceAll(entry, "\n  ", "\n    ")
	out := strings.Replace(string(src), last, last+"  "+indented, 1)
	copyPath := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(copyPath, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return copyPath
}

// TestExportWarnsOfList is the regression test for a workbook exported
// for a deal that stated "None required" for a sub-processor whose
// mechanism the deal's DPA warns of: export gives the deal's list warnings
// (validate's words, path and rule), unless --quiet, and still writes the
// workbook.
func TestExportWarnsOfList(t *testing.T) {
	deal := dealWithEntry(t, "../../fixtures/deals/example.yaml", kakaoEntry)
	_, _, verrs := dpakit(t, "", "validate", deal)
	var want string
	for line := range strings.SplitSeq(verrs, "\n") {
		if strings.HasSuffix(line, "[swiss_adequacy]") {
			want = line
		}
	}
	if want == "" {
		t.Fatalf("validate gives no swiss_adequacy warning:\n%s", verrs)
	}
	dir := t.TempDir()
	for _, out := range []string{"list.xlsx", "list.csv"} {
		code, _, errs := dpakit(t, "", "subprocessors", "export", deal, "-o", filepath.Join(dir, out))
		if code != 0 || !strings.Contains(errs, want+"\n") {
			t.Errorf("export -o %s: exit %d, want the warning\n  %s\ngot:\n%s", out, code, want, errs)
		}
		if code, _, errs := dpakit(t, "", "subprocessors", "export", deal, "-o", filepath.Join(dir, out), "-q"); code != 0 || errs != "" {
			t.Errorf("export -o %s -q: exit %d, standard error %q", out, code, errs)
		}
	}
}
