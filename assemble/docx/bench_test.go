package docx

import (
	"io"
	"testing"
)

// BenchmarkWriteDOCX writes the DPA of the 40-sub-processor fixture as a
// .docx: the target is under 5 ms a document.
func BenchmarkWriteDOCX(b *testing.B) {
	d := fixtureDocs(b)["bench-40/dpa"]
	if d == nil {
		b.Fatal("no bench-40 DPA")
	}
	w, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := w.Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
