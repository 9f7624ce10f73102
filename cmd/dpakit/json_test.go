package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateReadsAJSONFileAsJSON is the regression test for a .json
// deal with a trailing comma that validate read as YAML (reporting its
// fields, where the API refused the same text), and for a .json file's
// syntax error called "not valid YAML": a .json file is JSON, refused at
// the line and column of its mistake; the same text named .yaml is YAML.
func TestValidateReadsAJSONFileAsJSON(t *testing.T) {
	dir := t.TempDir()
	body := "{\"effective_date\": \"2026-12-01\",\n \"agreement\": \"x\",}\n"
	for _, tc := range []struct{ name, want string }{
		{"deal.json", "deal.json:2: is not valid JSON: a comma before } (JSON allows no comma after the last item) (line 2, column 19)"},
		{"deal.yaml", "\n  customer: is missing"},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, errs := dpakit(t, "", "validate", path)
		if code != 2 || !strings.Contains(errs, tc.want) || strings.Contains(errs, "not valid YAML") {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tc.name, code, errs, tc.want)
		}
	}
}
