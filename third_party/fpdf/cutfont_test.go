package fpdf_test

import (
	"crypto/sha256"
	"fmt"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestUTF8CutFontUnchanged pins the subsets UTF8CutFont cuts, so that
// making the cut cheaper cannot change a byte of what is embedded. The
// hashes were taken from fpdf v0.12.0 as released.
func TestUTF8CutFontUnchanged(t *testing.T) {
	tests := []struct {
		font, cutset, sha256 string
	}{
		{"DejaVuSansCondensed.ttf", "Hello, World!", "9fc5f312d026174cfeab7344b9fde9ab9ca7314a35a9c4f20f620056ea4df8f4"},
		{"DejaVuSansCondensed.ttf", "Grüße — «Ελληνικά» Русский ½ € ﬁ", "f849d2a172c2ca74318723f50738b1d9862b40b00a2417fd10aa0eab245a55e9"},
		{"DejaVuSansCondensed-Bold.ttf", "abcdefghijklmnopqrstuvwxyz0123456789", "7cda6db06af7c060f1d702a9bf968e49ee4b98ee6f6c606a1f6c166a1e4c88c0"},
	}
	for _, tt := range tests {
		got := fmt.Sprintf("%x", sha256.Sum256(fpdf.UTF8CutFont(readFont(t, tt.font), tt.cutset)))
		if got != tt.sha256 {
			t.Errorf("UTF8CutFont(%s, %q): sha256 %s, want %s", tt.font, tt.cutset, got, tt.sha256)
		}
	}
}

func BenchmarkUTF8CutFont(b *testing.B) {
	ttf := readFont(b, "DejaVuSansCondensed.ttf")
	b.ReportAllocs()
	for b.Loop() {
		fpdf.UTF8CutFont(ttf, "The quick brown fox jumps over the lazy dog, 0123456789.")
	}
}
