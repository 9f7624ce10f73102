package sheetcsv

import (
	"bytes"
	"testing"
)

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	for _, r := range [][]string{
		{"reference", "message"},
		{`=HYPERLINK("http://evil.example","x")`, "Österreich"},
		{"+1+1", "-2+3"},
		{"@SUM(1+1)", "\tx"},
		{"12", "plain, with a comma"},
	} {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffreference,message\r\n" +
		`"'=HYPERLINK(""http://evil.example"",""x"")",Österreich` + "\r\n" +
		"'+1+1,'-2+3\r\n" +
		"'@SUM(1+1),'\tx\r\n" +
		"12,\"plain, with a comma\"\r\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestInert(t *testing.T) {
	for in, want := range map[string]string{"": "", "Acme": "Acme", "=1": "'=1", "-": "'-", "\rx": "'\rx", "a=b": "a=b"} {
		if got := Inert(in); got != want {
			t.Errorf("Inert(%q) = %q, want %q", in, got, want)
		}
	}
}
