package workbook

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// peakHeap runs f while sampling the live heap every millisecond and returns
// the highest value seen above the heap in use before f started.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var (
		peak uint64
		mu   sync.Mutex
		wg   sync.WaitGroup
	)
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			mu.Lock()
			if m.HeapAlloc > base && m.HeapAlloc-base > peak {
				peak = m.HeapAlloc - base
			}
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	return peak
}

// BenchmarkWorkbookPeak reports the peak live heap of one export of 10,000
// and of 40,000 rows: with the stream writer it grows with the output file,
// not with excelize cell structures.
func BenchmarkWorkbookPeak(b *testing.B) {
	for _, rows := range []int{10000, 40000} {
		b.Run(strconv.Itoa(rows)+"rows", func(b *testing.B) {
			in := seedInput(b)
			in.List = bigList(rows)
			var buf bytes.Buffer
			var peak uint64
			for b.Loop() {
				buf.Reset()
				p := peakHeap(func() {
					if err := Export(&buf, in); err != nil {
						b.Fatal(err)
					}
				})
				peak = max(peak, p)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(buf.Len())/(1<<20), "file-MB")
		})
	}
}
