package batch

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafeName(t *testing.T) {
	long := strings.Repeat("ü", 150) // 300 bytes
	for _, tc := range []struct{ ref, want string }{
		{"DPA-2026-0117", "DPA-2026-0117"},
		{"../../etc/passwd", "_.._etc_passwd"},
		{"..", "unnamed"},
		{".", "unnamed"},
		{"", "unnamed"},
		{"a/b", "a_b"},
		{`a\b`, "a_b"},
		{"/abs/path", "_abs_path"},
		{"CON", "_CON"},
		{"con", "_con"},
		{"Con.txt", "_Con.txt"},
		{"NUL", "_NUL"},
		{"COM1", "_COM1"},
		{"LPT9.pdf", "_LPT9.pdf"},
		{"CONSOLE", "CONSOLE"},
		{"a\x00b", "a_b"},
		{"tab\there", "tab_here"},
		{"new\nline", "new_line"},
		{"bell\x07", "bell_"},
		{"rtl\u202eevil", "rtl_evil"},
		{"zero\u200bwidth", "zero_width"},
		{"a<b>c:d\"e|f?g*h", "a_b_c_d_e_f_g_h"},
		{"trailing. ", "trailing"},
		{" .hidden", "hidden"},
		{"Mu\u0308ller", "Müller"}, // NFD in, NFC out
		{"bad\xffutf8", "bad_utf8"},
	} {
		if got := SafeName(tc.ref); got != tc.want {
			t.Errorf("SafeName(%q) = %q, want %q", tc.ref, got, tc.want)
		}
	}
	got := SafeName(long)
	if len(got) > maxNameBytes || !utf8.ValidString(got) || !strings.HasPrefix(got, "üü") {
		t.Errorf("SafeName(300 bytes) = %q (%d bytes), want a valid name of at most %d bytes", got, len(got), maxNameBytes)
	}
	if other := SafeName(long[:len(long)-2] + "x"); other == got {
		t.Errorf("two long references that differ only at the end give the same name %q", got)
	}
}

func TestNamesAreUniqueAndDeterministic(t *testing.T) {
	refs := []string{"X", "x", "X", "X-2", "CON", "con", "manifest.jsonl", "MANIFEST.JSONL", "a/b", "a_b", "Mu\u0308ller", "Müller"}
	want := []string{"X", "x-2", "X-3", "X-2-2", "_CON", "_con-2", "manifest.jsonl-2", "MANIFEST.JSONL-3", "a_b", "a_b-2", "Müller", "Müller-2"}
	for run := 0; run < 2; run++ {
		n := newNames(ManifestFile, ErrorsFile)
		for i, ref := range refs {
			if got := n.assign(ref, i+1); got != want[i] {
				t.Errorf("run %d: assign(%q) = %q, want %q", run, ref, got, want[i])
			}
		}
	}
}
