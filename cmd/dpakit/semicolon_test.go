package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDataCategorySemicolonRefused is the regression test for a data
// category holding ";" (data: ["Logs; metrics", IP address]): export wrote
// it into a cell where ";" separates the categories, import read it back
// as two, and diff of the two lists said "No changes." (it compared the
// categories joined with "; "). Such a category is now a problem at its
// path (rule excludes) for every command that reads the list, so it never
// reaches a workbook.
func TestDataCategorySemicolonRefused(t *testing.T) {
	const list = `list:
  - name: Datadog, Inc.
    purpose: Monitoring of the platform
    location: EU (Germany)
    country: DE
    data: ["Logs; metrics", IP address]
    category: service
    transfer_mechanism: none
`
	path := filepath.Join(t.TempDir(), "list.yaml")
	if err := os.WriteFile(path, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	const want = `list.yaml:6: list[0].data[0]: "Logs; metrics" holds ";", which separates the data categories in the sub-processor workbook and its CSV file, so it would be read back as "Logs" and "metrics"; write the category without ";" (with "," or "and"), or give each category as an entry of its own [excludes]`
	code, out, errs := dpakit(t, "", "subprocessors", "diff", path, path)
	if code != 2 || out != "" || !strings.Contains(errs, want) {
		t.Errorf("diff: exit %d, output %q, want 2 and\n  %s\ngot:\n%s", code, out, want, errs)
	}
	// The categories split, as an import of the workbook gives them: a
	// change that diff shows.
	split := filepath.Join(t.TempDir(), "split.yaml")
	if err := os.WriteFile(split, []byte(strings.Replace(list, `["Logs; metrics", IP address]`, `[Logs, metrics, IP address]`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	joined := filepath.Join(t.TempDir(), "joined.yaml")
	if err := os.WriteFile(joined, []byte(strings.Replace(list, `["Logs; metrics", IP address]`, `[Logs and metrics, IP address]`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := dpakit(t, "", "subprocessors", "diff", joined, split); code != 1 || !strings.Contains(out, `data: "Logs and metrics; IP address" -> "Logs; metrics; IP address"`) {
		t.Errorf("diff of the categories: exit %d:\n%s%s", code, out, errs)
	}
}
