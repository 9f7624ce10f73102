package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// maxNameBytes bounds a folder name, leaving room under the 255-byte limit
// of common file systems for a collision suffix and for the temporary
// files written inside the folder.
const maxNameBytes = 120

// reservedNames are the device names Windows refuses as file names, with
// or without an extension, in any case.
var reservedNames = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true, "conin$": true, "conout$": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"com¹": true, "com²": true, "com³": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
	"lpt¹": true, "lpt²": true, "lpt³": true,
}

// SafeName turns a deal reference into a folder name that is safe on
// Linux, macOS and Windows: Unicode NFC; path separators, control
// characters (NUL included), invisible format characters and the
// characters Windows forbids (< > : " | ? *) replaced by "_"; no leading
// or trailing dots or spaces (so never "." or ".."); a Windows device name
// (CON, NUL, COM1, ...) prefixed with "_"; at most 120 bytes, a long name
// being cut at a character boundary and ended with a digest of the whole
// reference so that two long references stay apart. An empty result is
// "unnamed". The same reference always gives the same name.
func SafeName(ref string) string {
	s := norm.NFC.String(strings.ToValidUTF8(ref, "\uFFFD"))
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '/' || r == '\\' || strings.ContainsRune(`<>:"|?*`, r):
			b.WriteByte('_')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Co, r) ||
			r == utf8.RuneError || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r):
			b.WriteByte('_')
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	name := strings.Trim(b.String(), ". ")
	if name == "" {
		name = "unnamed"
	}
	if len(name) > maxNameBytes {
		sum := sha256.Sum256([]byte(ref))
		tail := "-" + hex.EncodeToString(sum[:])[:12]
		cut := maxNameBytes - len(tail)
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = strings.TrimRight(name[:cut], ". ") + tail
	}
	stem, _, _ := strings.Cut(name, ".")
	if reservedNames[strings.ToLower(strings.TrimRight(stem, " "))] {
		name = "_" + name
	}
	return name
}

// names hands out one folder name per deal, deterministically: the first
// row with a reference gets SafeName(reference), each later row whose
// name is already taken gets the first free of name-2, name-3, ... in row
// order. Names are compared case-folded, so two folders never differ only
// by case (they would be one folder on macOS and Windows). It remembers
// which row took each name, so that a run can tell whose a folder is.
type names struct {
	taken map[string]int // the row that took the name; 0 for the batch's own files
	refs  map[string]int // the first row that gave each reference
	fold  cases.Caser
}

// newNames returns a name registry in which the given names (the batch's
// own files) are already taken.
func newNames(reserved ...string) *names {
	n := &names{taken: make(map[string]int), refs: make(map[string]int), fold: cases.Fold()}
	for _, r := range reserved {
		n.taken[n.key(r)] = 0
	}
	return n
}

func (n *names) key(name string) string { return norm.NFC.String(n.fold.String(name)) }

// assign returns the folder name of row, the next row with this
// reference.
func (n *names) assign(ref string, row int) string {
	base := SafeName(ref)
	name := base
	for i := 2; n.has(name); i++ {
		name = base + "-" + strconv.Itoa(i)
	}
	n.taken[n.key(name)] = row
	return name
}

// firstWith returns the earlier row that gave the reference ref, and
// false when row is the first to give it (and is recorded as such).
func (n *names) firstWith(ref string, row int) (int, bool) {
	if first, ok := n.refs[ref]; ok {
		return first, true
	}
	n.refs[ref] = row
	return 0, false
}

func (n *names) has(name string) bool {
	_, ok := n.taken[n.key(name)]
	return ok
}

// owner returns the row whose folder name is folder (compared as names
// are), and false when no row (nor the batch's own files) took it.
func (n *names) owner(folder string) (int, bool) {
	row, ok := n.taken[n.key(folder)]
	return row, ok
}
