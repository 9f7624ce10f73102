package subproc

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDataCategoryWithoutSemicolon is the regression test for a data
// category holding ";" ("Logs; metrics"), which the workbook and its CSV
// file, where ";" separates the categories, gave back as two: it is a
// problem of the field rules (rule excludes) at the category's path.
func TestDataCategoryWithoutSemicolon(t *testing.T) {
	s := good()
	s.Data = []string{"Logs; metrics", "IP address", "Tokens;"}
	got := Rules{}.Check([]Subprocessor{s}, "list")
	want := []Problem{
		{"list[0].data[0]", "excludes", `"Logs; metrics" holds ";", which separates the data categories in the sub-processor workbook and its CSV file, so it would be read back as "Logs" and "metrics"; write the category without ";" (with "," or "and"), or give each category as an entry of its own`},
		{"list[0].data[2]", "excludes", `"Tokens;" holds ";", which separates the data categories in the sub-processor workbook and its CSV file, so it would be read back as "Tokens"; write the category without ";" (with "," or "and"), or give each category as an entry of its own`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
}
