package fpdf

import (
	"bytes"
	"compress/zlib"
	"math/rand"
	"testing"
)

// TestCompressReusesWriters checks that compress gives exactly what a new
// zlib writer gives, for many inputs in a row (so that pooled writers are
// reused), and that a compression no longer allocates a writer.
func TestCompressReusesWriters(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	inputs := [][]byte{nil, []byte("BT /F1 12 Tf 72 720 Td (Hello) Tj ET")}
	for _, n := range []int{1, 100, 4096, 70000, 300000} {
		b := make([]byte, n)
		for i := range b {
			b[i] = "BT ET Tj () 0123456789\n"[rng.Intn(23)]
		}
		inputs = append(inputs, b)
	}
	for round := range 3 {
		for i, in := range inputs {
			var want bytes.Buffer
			zw, err := zlib.NewWriterLevel(&want, zlib.BestSpeed)
			if err != nil {
				t.Fatal(err)
			}
			zw.Write(in)
			zw.Close()
			mem := xmem.compress(in)
			if !bytes.Equal(mem.bytes(), want.Bytes()) {
				t.Errorf("round %d, input %d (%d bytes): compressed bytes differ from a new zlib writer's", round, i, len(in))
			}
			back, err := xmem.uncompress(mem.bytes())
			if err != nil || !bytes.Equal(back.bytes(), in) {
				t.Errorf("round %d, input %d: round trip failed (err %v)", round, i, err)
			}
			back.release()
			mem.release()
		}
	}

	data := inputs[len(inputs)-2]
	fresh := testing.AllocsPerRun(20, func() {
		var buf bytes.Buffer
		buf.Grow(len(data))
		zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
		zw.Write(data)
		zw.Close()
	})
	pooled := testing.AllocsPerRun(20, func() {
		xmem.compress(data).release()
	})
	// A new writer costs several allocations (about 1 MB); a pooled one
	// none once warm (the race detector empties pools at random, hence
	// the margin).
	if pooled >= fresh/2 {
		t.Errorf("compress allocates %.1f times per call, a new zlib writer %.1f: writers are not reused", pooled, fresh)
	}
}

func BenchmarkCompress(b *testing.B) {
	data := bytes.Repeat([]byte("BT /F1 10.5 Tf 72.00 700.00 Td (Some text of a page) Tj ET\n"), 200)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		xmem.compress(data).release()
	}
}
