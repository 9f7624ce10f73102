package fpdf

import (
	"math/rand"
	"os"
	"testing"
)

// TestCIDWidths checks that appendCIDWidths writes the /W array of a UTF-8
// font exactly as fpdf v0.12.0 did (cidWidthsV012, its code unchanged), for
// real fonts and many sets of used runes, and for made-up width tables full
// of the runs of equal widths that its grouping treats specially.
func TestCIDWidths(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var fonts [][]int
	for _, name := range []string{"font/DejaVuSansCondensed.ttf", "font/DejaVuSansCondensed-Bold.ttf"} {
		ttf, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		font, err := ParseUTF8Font(ttf)
		if err != nil {
			t.Fatal(err)
		}
		fonts = append(fonts, font.cw)
	}
	for range 20 {
		cw := make([]int, 1<<16)
		for i := range cw {
			// Few distinct widths, zeros (no glyph) and 65535 (zero
			// width), so that runs of equal widths of every length occur.
			switch n := rng.Intn(10); {
			case n == 0:
				cw[i] = 0
			case n == 1:
				cw[i] = 65535
			default:
				cw[i] = 500 + 100*rng.Intn(n)
			}
		}
		fonts = append(fonts, cw)
	}
	for fi, cw := range fonts {
		for trial := range 30 {
			def := fontDefType{Cw: cw, usedRunes: makeSubsetRange(57), usedBits: new(runeSet)}
			if trial%3 == 0 {
				def.usedBits = nil // fonts made without a bitset: read the map
			}
			hi := 1 + rng.Intn(1<<16-1)
			lastRune := 0
			for range rng.Intn(400) {
				r := rng.Intn(hi)
				if rng.Intn(3) == 0 {
					r = 0x20 + rng.Intn(0x250) // dense in Latin, where runs form
				}
				def.usedRunes[r] = r
				if def.usedBits != nil {
					def.usedBits[r/64] |= 1 << (r % 64)
				}
				lastRune = max(lastRune, r)
			}
			delete(def.usedRunes, 0)
			want := cidWidthsV012(&def, lastRune)
			got := string(appendCIDWidths(nil, &def, lastRune))
			if got != want {
				t.Fatalf("font %d, trial %d (last rune %d): /W differs from v0.12.0's\ngot  %.300q\nwant %.300q", fi, trial, lastRune, got, want)
			}
		}
	}
}

func BenchmarkCIDWidths(b *testing.B) {
	ttf, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		b.Fatal(err)
	}
	font, err := ParseUTF8Font(ttf)
	if err != nil {
		b.Fatal(err)
	}
	def := fontDefType{Cw: font.cw, usedRunes: makeSubsetRange(57), usedBits: new(runeSet)}
	for _, r := range "The quick brown fox jumps over the lazy dog. «Grüße» — 1½ € …" {
		def.usedRunes[int(r)] = int(r)
		def.usedBits[r/64] |= 1 << (r % 64)
	}
	delete(def.usedRunes, 0)
	b.Run("v0.12.0", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			cidWidthsV012(&def, 0x2026)
		}
	})
	b.Run("now", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = appendCIDWidths(buf[:0], &def, 0x2026)
		}
	})
}

// cidWidthsV012 is generateCIDFontMap of fpdf v0.12.0, returning what it
// wrote.
func cidWidthsV012(font *fontDefType, LastRune int) string {
	rangeID := 0
	cidArray := make(map[int]*untypedKeyMap)
	cidArrayKeys := make([]int, 0)
	prevCid := -2
	prevWidth := -1
	interval := false
	startCid := 1
	cwLen := LastRune + 1

	// for each character
	for cid := startCid; cid < cwLen; cid++ {
		if font.Cw[cid] == 0x00 {
			continue
		}
		width := font.Cw[cid]
		if width == 65535 {
			width = 0
		}
		if numb, OK := font.usedRunes[cid]; cid > 255 && (!OK || numb == 0) {
			continue
		}

		if cid == prevCid+1 {
			if width == prevWidth {

				if width == cidArray[rangeID].get(0) {
					cidArray[rangeID].put(nil, width)
				} else {
					cidArray[rangeID].pop()
					rangeID = prevCid
					r := untypedKeyMap{
						valueSet: make([]int, 0),
						keySet:   make([]any, 0),
					}
					cidArray[rangeID] = &r
					cidArrayKeys = append(cidArrayKeys, rangeID)
					cidArray[rangeID].put(nil, prevWidth)
					cidArray[rangeID].put(nil, width)
				}
				interval = true
				cidArray[rangeID].put("interval", 1)
			} else {
				if interval {
					// new range
					rangeID = cid
					r := untypedKeyMap{
						valueSet: make([]int, 0),
						keySet:   make([]any, 0),
					}
					cidArray[rangeID] = &r
					cidArrayKeys = append(cidArrayKeys, rangeID)
					cidArray[rangeID].put(nil, width)
				} else {
					cidArray[rangeID].put(nil, width)
				}
				interval = false
			}
		} else {
			rangeID = cid
			r := untypedKeyMap{
				valueSet: make([]int, 0),
				keySet:   make([]any, 0),
			}
			cidArray[rangeID] = &r
			cidArrayKeys = append(cidArrayKeys, rangeID)
			cidArray[rangeID].put(nil, width)
			interval = false
		}
		prevCid = cid
		prevWidth = width

	}
	previousKey := -1
	nextKey := -1
	isInterval := false
	for g := 0; g < len(cidArrayKeys); {
		key := cidArrayKeys[g]
		ws := *cidArray[key]
		cws := len(ws.keySet)
		if (key == nextKey) && (!isInterval) && (ws.getIndex("interval") < 0 || cws < 4) {
			if cidArray[key].getIndex("interval") >= 0 {
				cidArray[key].delete("interval")
			}
			cidArray[previousKey] = arrayMerge(cidArray[previousKey], cidArray[key])
			cidArrayKeys = remove(cidArrayKeys, key)
		} else {
			g++
			previousKey = key
		}
		nextKey = key + cws
		// ui := ws.getIndex("interval")
		// ui = ui + 1
		if ws.getIndex("interval") >= 0 {
			if cws > 3 {
				isInterval = true
			} else {
				isInterval = false
			}
			cidArray[key].delete("interval")
			nextKey--
		} else {
			isInterval = false
		}
	}
	var w fmtBuffer
	for _, k := range cidArrayKeys {
		ws := cidArray[k]
		if len(arrayCountValues(ws.valueSet)) == 1 {
			w.printf(" %d %d %d", k, k+len(ws.valueSet)-1, ws.get(0))
		} else {
			w.printf(" %d [ %s ]\n", k, implode(" ", ws.valueSet))
		}
	}
	return "/W [" + w.String() + " ]"
}
