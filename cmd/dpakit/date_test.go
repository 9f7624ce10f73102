package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPDFDate: the PDF's creation date is --date, else SOURCE_DATE_EPOCH,
// else now; the same deal with the same date gives the same bytes; a bad
// date is a usage error naming the flag or the variable.
func TestPDFDate(t *testing.T) {
	needTool(t, "pdfinfo")
	dir := t.TempDir()
	render := func(name string, extra ...string) (string, int, string) {
		out := filepath.Join(dir, name)
		code, _, errs := dpakit(t, "", append([]string{"render", exampleDealPath, "--profile", exampleProfilePath, "-q", "-o", out}, extra...)...)
		return out, code, errs
	}
	created := func(path string) string {
		info, err := exec.Command("pdfinfo", "-isodates", path).Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(info), "\n") {
			if v, ok := strings.CutPrefix(line, "CreationDate:"); ok {
				return strings.TrimSpace(v)
			}
		}
		t.Fatalf("no CreationDate:\n%s", info)
		return ""
	}

	t.Setenv(sourceDateEpoch, "1796083200") // 2026-12-01T00:00:00Z
	a, code, errs := render("a.pdf")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got := created(a); got != "2026-12-01T00:00:00Z" {
		t.Errorf("with SOURCE_DATE_EPOCH=1796083200, CreationDate is %s", got)
	}
	b, _, _ := render("b.pdf")
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if string(da) != string(db) {
		t.Error("two renders with the same SOURCE_DATE_EPOCH differ")
	}
	c, code, errs := render("c.pdf", "--date", "2027-01-15T08:00:00+01:00")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got := created(c); got != "2027-01-15T07:00:00Z" {
		t.Errorf("--date wins over SOURCE_DATE_EPOCH: CreationDate is %s", got)
	}

	for _, tt := range []struct {
		env  string
		args []string
		want string
	}{
		{"yesterday", nil, `SOURCE_DATE_EPOCH: "yesterday" is not a number of seconds since 1970-01-01 UTC`},
		{"-5", nil, `SOURCE_DATE_EPOCH: "-5" is not a number of seconds`},
		{"253402300799", nil, `SOURCE_DATE_EPOCH: 253402300799 is 9999-12-31, outside the accepted range 2000-01-01 to 2100-12-31`},
		{"", []string{"--date", "01/12/2026"}, `--date: "01/12/2026" is neither a date (YYYY-MM-DD) nor an RFC 3339 time`},
	} {
		t.Setenv(sourceDateEpoch, tt.env)
		out, code, errs := render("bad.pdf", tt.args...)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("SOURCE_DATE_EPOCH=%q %v: exit %d, %q; want 2 and %q", tt.env, tt.args, code, errs, tt.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("SOURCE_DATE_EPOCH=%q %v: a file was written despite the bad date", tt.env, tt.args)
		}
	}
}
