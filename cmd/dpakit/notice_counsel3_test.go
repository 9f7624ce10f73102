package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNoticeOption1RefusesIncompleteRequest is the regression test for a
// request for specific authorisation that named an added sub-processor
// without its address, contact person or responsibilities: the Option 1
// customer's DPA requires each request to state the sub-processor's name
// and address, and its Annex III gives all four. notice now exits 2,
// naming the --new list's entry field and the rule.
func TestNoticeOption1RefusesIncompleteRequest(t *testing.T) {
	// The planned list without the Annex III details, as a list exported
	// before they were asked for is.
	src, err := os.ReadFile("../../fixtures/lists/planned.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var bare []string
	for _, line := range strings.SplitAfter(string(src), "\n") {
		if !regexp.MustCompile(`^    (address|contact|contact_title|responsibilities):`).MatchString(line) {
			bare = append(bare, line)
		}
	}
	incomplete := filepath.Join(t.TempDir(), "planned.yaml")
	if err := os.WriteFile(incomplete, []byte(strings.Join(bare, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	// The complete list makes the request.
	if code, out, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath,
		"--customer", "../../fixtures/deals/processor-option1-eea.yaml",
		"--old", exampleProfilePath, "--new", "../../fixtures/lists/planned.yaml", "--date", "2026-12-01", "--format", "md"); code != 0 ||
		!strings.Contains(out, "**Better Stack, Inc.**, 2261 Market Street") {
		t.Errorf("complete list: exit %d: %s", code, errs)
	}
	code, out, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath,
		"--customer", "../../fixtures/deals/processor-option1-eea.yaml",
		"--old", exampleProfilePath, "--new", incomplete, "--date", "2026-12-01", "--format", "md")
	if code != 2 || out != "" {
		t.Fatalf("exit %d, output %q, want exit 2 and no request", code, out)
	}
	for _, want := range []string{
		// Each at the line of the entry that lacks it.
		"planned.yaml:15: list[1].address: is required in a request for specific authorisation",
		"its Data Processing Agreement requires each request to state the sub-processor's name and address",
		"planned.yaml:15: list[1].contact:", "planned.yaml:15: list[1].contact_title:", "planned.yaml:15: list[1].responsibilities:",
		"planned.yaml:24: list[2].address:",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("the refusal lacks %q:\n%s", want, errs)
		}
	}
	// The same lists make an Option 2 notice.
	if code, _, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath,
		"--customer", "../../fixtures/deals/example.yaml",
		"--old", exampleProfilePath, "--new", incomplete, "--date", "2026-12-01", "--format", "md"); code != 0 {
		t.Errorf("Option 2 notice: exit %d: %s", code, errs)
	}
}

// TestNoticeRefusesDPFOutsideUS is the regression test for a Swiss
// exporter's notice naming a sub-processor in Luxembourg with transfer
// mechanism "dpf" as covered by the Swiss-US Data Privacy Framework: the
// Swiss rule let any mechanism pass for a country the Federal Council lists
// as adequate, "dpf" included. It is refused for every customer.
func TestNoticeRefusesDPFOutsideUS(t *testing.T) {
	src, err := os.ReadFile("../../fixtures/lists/planned.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lu := strings.Replace(string(src), "    location: EU (Germany)\n    country: DE\n    data: [IP address, Browser information, Logging data]\n    category: service\n    transfer_mechanism: scc",
		"    location: EU (Luxembourg)\n    country: LU\n    data: [IP address, Browser information, Logging data]\n    category: service\n    transfer_mechanism: dpf", 1)
	if lu == string(src) {
		t.Fatal("planned.yaml no longer has Better Stack in Germany")
	}
	path := filepath.Join(t.TempDir(), "lu.yaml")
	if err := os.WriteFile(path, []byte(lu), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, customer := range []string{"swiss-exporter", "example"} {
		code, _, errs := dpakit(t, "", "notice", "--profile", exampleProfilePath, "--customer", "../../fixtures/deals/"+customer+".yaml",
			"--old", exampleProfilePath, "--new", path, "--date", "2026-12-01", "--format", "md")
		if code != 2 || !strings.Contains(errs, `lu.yaml:26: list[1].transfer_mechanism: "dpf"`) || !strings.Contains(errs, "applies only to sub-processors in the United States, not in Luxembourg (LU)") {
			t.Errorf("%s: exit %d, want 2 with the dpf rule:\n%s", customer, code, errs)
		}
	}
}
