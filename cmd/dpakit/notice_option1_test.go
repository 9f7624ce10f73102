package main

import (
	"regexp"
	"strings"
	"testing"
)

// option1Notice runs dpakit notice for the Option 1 processor customer
// (processor-option1-eea), from its own list to the list in
// testdata/option1/<name>.yaml.
func option1Notice(t *testing.T, name string) (code int, out, errs string) {
	t.Helper()
	customer := "../../fixtures/deals/processor-option1-eea.yaml"
	return dpakit(t, "", "notice", "--profile", exampleProfilePath, "--customer", customer, "--old", customer,
		"--new", "testdata/option1/"+name+".yaml", "--date", "2026-12-01", "--format", "md")
}

// TestNoticeOption1AnnexIIIDetailChanges is the regression test for a
// change of only the contact person's position (contact_title) or of the
// delimitation of responsibilities of an authorised sub-processor: the diff
// did not compare them, and notice said the old and new lists were the
// same, though the customer's Annex III, on which its specific
// authorisation rests, gives both.
func TestNoticeOption1AnnexIIIDetailChanges(t *testing.T) {
	for _, tc := range []struct{ list, want string }{
		{"p1-title", "| **Zendesk, Inc.** | Contact person’s position | Data Protection Officer | General Counsel |"},
		{"p1-resp", "Stores support tickets and reads payroll records to resolve them; has access to payroll data"},
	} {
		code, out, errs := option1Notice(t, tc.list)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", tc.list, code, errs)
			continue
		}
		if !strings.Contains(out, tc.want) {
			t.Errorf("%s: the notice lacks %q:\n%s", tc.list, tc.want, out)
		}
	}
}

// TestNoticeOption1MoveNeedsAnnexIIIDetails is the regression test for a
// move to a third country requested of an Option 1 customer from a list
// that gives the moved sub-processor no contact person's position and no
// responsibilities: only address and contact were checked, because the
// diff ignored the other two and the customer's own values stood in for
// them. A move is requested like an addition and needs the same four
// Annex III details.
func TestNoticeOption1MoveNeedsAnnexIIIDetails(t *testing.T) {
	for _, tc := range []struct {
		list string
		want []string
	}{
		{"p1-reloc-inc", []string{"list[0].address:", "list[0].contact:", "list[0].contact_title:", "list[0].responsibilities:"}},
		{"p1-reloc-inc2", []string{"list[0].contact_title: is required in a request for specific authorisation", "list[0].responsibilities:"}},
	} {
		code, out, errs := option1Notice(t, tc.list)
		if code != 2 || out != "" {
			t.Errorf("%s: exit %d, output %q; want exit 2 and no request", tc.list, code, out)
		}
		for _, w := range tc.want {
			if !regexp.MustCompile(regexp.QuoteMeta(tc.list+".yaml:") + `\d+: ` + regexp.QuoteMeta(w)).MatchString(errs) {
				t.Errorf("%s: the refusal lacks %q:\n%s", tc.list, w, errs)
			}
		}
	}
}
