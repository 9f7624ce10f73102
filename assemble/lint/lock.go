package lint

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/dpakit/dpakit/assemble"
)

// lockHeader opens every lock file.
const lockHeader = `# dpakit clause library lock: the version and text hash of every clause, fallback and the
# Annex II catalogue. Written by: dpakit lint --clauses DIR --templates DIR --update-lock
# dpakit lint fails when a text changes and its version does not, or when a version is not
# recorded here. Do not edit by hand.
`

// FormatLock returns the lock file of a library: one "name version hash"
// line per clause, fallback and the catalogue.
func FormatLock(lib *assemble.Library) []byte {
	var b bytes.Buffer
	b.WriteString(lockHeader)
	for _, h := range lib.Hashes() {
		fmt.Fprintf(&b, "%s %s %s\n", h.Name, h.Version, h.Hash)
	}
	return b.Bytes()
}

// lockEntry is one line of a lock file.
type lockEntry struct {
	version, hash string
	line          int
}

// CheckLock compares a library with its lock file and reports every text
// that changed without a new version, every version the lock does not
// record, and every entry for a file the library no longer has. A library
// without a lock file has nothing to compare: CheckLock returns nil and
// the report notes it.
func CheckLock(lib *assemble.Library) []Problem {
	where := "clauses/" + assemble.LockFile
	data, ok := lib.Lock()
	if !ok {
		return nil // versions unchecked: RunContext notes it
	}
	locked := map[string]lockEntry{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			return []Problem{{Where: fmt.Sprintf("%s:%d", where, n), Message: "not a lock line (want: name version hash); rewrite the file with dpakit lint --clauses DIR --templates DIR --update-lock"}}
		}
		locked[f[0]] = lockEntry{version: f[1], hash: f[2], line: n}
	}
	var out []Problem
	seen := map[string]bool{}
	for _, h := range lib.Hashes() {
		seen[h.Name] = true
		file := "clauses/" + h.Name
		if !strings.HasSuffix(file, ".yaml") {
			file += ".md"
		}
		e, ok := locked[h.Name]
		switch {
		case !ok:
			out = append(out, Problem{Where: file, Message: fmt.Sprintf("version %s is not recorded in %s (a new file): run dpakit lint --clauses DIR --templates DIR --update-lock", h.Version, assemble.LockFile)})
		case e.version == h.Version && e.hash != h.Hash && e.hash != h.Earlier:
			out = append(out, Problem{Where: file, Message: fmt.Sprintf("the text changed but its version (%s) did not: bump the version (patch for wording, minor for a new option, major for a change of meaning), then run dpakit lint --clauses DIR --templates DIR --update-lock", h.Version)})
		case e.version != h.Version:
			out = append(out, Problem{Where: file, Message: fmt.Sprintf("version %s is not recorded in %s (it records %s): run dpakit lint --clauses DIR --templates DIR --update-lock", h.Version, assemble.LockFile, e.version)})
		}
	}
	for name, e := range locked {
		if !seen[name] {
			out = append(out, Problem{Where: fmt.Sprintf("%s:%d", where, e.line), Message: fmt.Sprintf("records %s, which the library no longer has: run dpakit lint --clauses DIR --templates DIR --update-lock", name)})
		}
	}
	return out
}
