package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewUserSlips is the regression test for three messages a new user
// met: a command of its own typed under a command group (dpakit
// subprocessors notice) got "unknown command" alone, and a user line of an
// --auth file with a hash that is not bcrypt's was called an API token
// too short. The group now suggests the command, and the line is named
// for the user it gives. Both exit 2.
func TestNewUserSlips(t *testing.T) {
	dir := t.TempDir()
	auth := writeFile(t, filepath.Join(dir, "auth.txt"), "# users\nlegal:notahash\n")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a top-level command under a group", []string{"subprocessors", "notice"},
			"dpakit: unknown command \"notice\" for \"dpakit subprocessors\"\n\nDid you mean this?\n\tdpakit notice\n\nRun 'dpakit subprocessors --help' for usage.\n"},
		{"a mistyped top-level command under a group", []string{"clauses", "rendr"},
			"dpakit: unknown command \"rendr\" for \"dpakit clauses\"\n\nDid you mean this?\n\tdpakit render\n\nRun 'dpakit clauses --help' for usage.\n"},
		{"a user with a hash that is not bcrypt's", []string{"serve", "--auth", auth},
			"dpakit: --auth: auth.txt:2: the password hash of the user \"legal\" is not a bcrypt hash: write USER:HASH with the $2a$, $2b$ or $2y$ hash that `htpasswd -nB legal` prints, never the password itself (an API token has no colon in it)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := dpakit(t, "", tt.args...)
			if code != exitInvalid || errs != tt.want {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tt.want)
			}
		})
	}
}

// TestInputFormatAnyCase is the regression test for --input-format CSV,
// refused as an unknown input format while README says format names are
// not case-sensitive: any case names the format.
func TestInputFormatAnyCase(t *testing.T) {
	dir := t.TempDir()
	csv := customersCSV(1, func(int) bool { return false })
	for _, format := range []string{"CSV", "Csv"} {
		out := filepath.Join(dir, format)
		code, _, errs := dpakit(t, csv, "batch", "--profile", exampleProfilePath, "--input", "-", "--input-format", format, "--out", out, "--format", "md", "-q")
		if code != 0 {
			t.Errorf("--input-format %s: exit %d: %s", format, code, errs)
		}
		if _, err := os.Stat(filepath.Join(out, "manifest.jsonl")); err != nil {
			t.Errorf("--input-format %s: %v", format, err)
		}
	}
	code, _, errs := dpakit(t, csv, "batch", "--profile", exampleProfilePath, "--input", "-", "--input-format", "XML", "--out", filepath.Join(dir, "xml"), "-q")
	if code != exitInvalid || !strings.Contains(errs, `"xml"`) {
		t.Errorf("--input-format XML: exit %d, stderr %q; want 2 naming the format", code, errs)
	}
}
