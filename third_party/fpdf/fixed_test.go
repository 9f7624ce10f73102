package fpdf

import (
	"math"
	"math/rand"
	"strconv"
	"testing"
)

// TestAppendFixed checks appendFixed against strconv.AppendFloat: values
// as PDF coordinates and adjustments have them, halves and near-halves
// (where rounding is decided), negative zero, tiny, huge and non-finite
// values.
func TestAppendFixed(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	values := []float64{0, math.Copysign(0, -1), 0.5, 1.5, 2.5, -0.5, 0.125, 0.375, 2.675, 1.005, -1.005,
		0.0049999999, 0.005, -0.004, 1e-300, 12345678.125, 2147483647.5, 1 << 31, 1e20, -1e20,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	for range 200000 {
		values = append(values,
			rng.Float64()*1000-500,          // coordinates in points
			float64(rng.Intn(200000))/1000,  // exact thousandths
			float64(rng.Intn(2000000))/2000, // halves of the last digit
			(rng.Float64()-0.5)*math.Pow(10, float64(rng.Intn(24)-8)),
			math.Float64frombits(rng.Uint64()),
		)
	}
	for _, v := range values {
		for prec := -1; prec <= 8; prec++ {
			want := strconv.AppendFloat(nil, v, 'f', prec, 64)
			if got := appendFixed(nil, v, prec); string(got) != string(want) {
				t.Fatalf("appendFixed(%v (%#x), %d) = %s, want %s", v, math.Float64bits(v), prec, got, want)
			}
		}
	}
}

func BenchmarkAppendFixed(b *testing.B) {
	values := []float64{70.87, 760.8699999999, -201.25, 445.5501, 34, 0.353}
	buf := make([]byte, 0, 64)
	b.Run("strconv", func(b *testing.B) {
		for b.Loop() {
			for _, v := range values {
				buf = strconv.AppendFloat(buf[:0], v, 'f', 2, 64)
			}
		}
	})
	b.Run("appendFixed", func(b *testing.B) {
		for b.Loop() {
			for _, v := range values {
				buf = appendFixed(buf[:0], v, 2)
			}
		}
	})
}
