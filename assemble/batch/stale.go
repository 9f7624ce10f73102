package batch

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// sweeper says where finish may remove the files no line of the finished
// manifest lists: below out, in the folders owns accepts.
type sweeper struct {
	out  string
	owns func(folder string) bool
}

// Swept is what a run did with the files that earlier lines of its
// manifest record and its finished manifest no longer lists: the files of
// a row made again with other documents or formats, or whose deal no
// longer has a document (Annex III without Option 1), those of rows the
// input no longer has, and those a killed run was writing.
type Swept struct {
	// Removed counts the files removed.
	Removed int
	// Left are such files that were left where they are, as paths below
	// --out in sorted order: a file changed since dpakit wrote it (its
	// SHA-256 is none the manifest recorded), one that is no longer a
	// regular file, one in a folder that is now a symbolic link, or, in a
	// run of one shard, one in a folder that a row of another shard owns.
	Left []string
}

// fileKey is a file below --out as a manifest line records it.
type fileKey struct{ folder, name string }

// sweep removes the files that lines of the manifest other than the final
// ones (final maps a row to its final line's offset) record and that no
// final line lists, when they are still exactly what dpakit wrote; then
// the folders so emptied that no final line names. It only ever removes a
// regular file whose folder and name are each one plain path element, in
// a folder that is not a symbolic link; nothing else below --out (a file
// the user added) is touched. A folder left empty is removed only when it
// is truly empty (os.Remove).
func (m *manifest) sweep(final map[int]int64, sw sweeper) (Swept, error) {
	isFinal := func(off int64, e *Entry) bool {
		o, ok := final[e.Row]
		return ok && o == off
	}
	stale := map[fileKey][]string{} // the SHA-256 sums recorded for the file
	err := m.lines(func(off int64, e *Entry) {
		if isFinal(off, e) {
			return
		}
		for _, f := range e.Files {
			k := fileKey{e.Folder, f.Name}
			stale[k] = append(stale[k], f.SHA256)
		}
		if e.Earlier != nil {
			for _, f := range e.Earlier.Files {
				k := fileKey{e.Earlier.Folder, f.Name}
				stale[k] = append(stale[k], f.SHA256)
			}
		}
	})
	if err != nil || len(stale) == 0 {
		return Swept{}, err
	}
	inUse := map[string]bool{}
	err = m.lines(func(off int64, e *Entry) {
		if !isFinal(off, e) {
			return
		}
		inUse[e.Folder] = true
		for _, f := range e.Files {
			delete(stale, fileKey{e.Folder, f.Name})
		}
		if e.Earlier != nil {
			inUse[e.Earlier.Folder] = true
			for _, f := range e.Earlier.Files {
				delete(stale, fileKey{e.Earlier.Folder, f.Name})
			}
		}
	})
	if err != nil {
		return Swept{}, err
	}
	keys := make([]fileKey, 0, len(stale))
	for k := range stale {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b fileKey) int {
		if c := strings.Compare(a.folder, b.folder); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	var (
		out     Swept
		emptied []string
	)
	for _, k := range keys {
		if !plainName(k.folder) || !plainName(k.name) {
			continue // no run records such a path: never looked at
		}
		rel := filepath.Join(k.folder, k.name)
		dir := filepath.Join(sw.out, k.folder)
		st, err := os.Lstat(dir)
		if err != nil {
			continue // gone already
		}
		if !st.IsDir() {
			// A symbolic link in the folder's place is never followed to
			// remove anything; a file it leads to under the recorded name
			// is reported as left. A file in the folder's place holds
			// nothing, and a recorded name that leads nowhere was never
			// written (a row that failed as its folder was taken): neither
			// is reported.
			if st.Mode()&fs.ModeSymlink != 0 && exists(filepath.Join(dir, k.name)) {
				out.Left = append(out.Left, rel)
			}
			continue
		}
		if !sw.owns(k.folder) {
			out.Left = append(out.Left, rel)
			continue
		}
		path := filepath.Join(dir, k.name)
		st, err = os.Lstat(path)
		if err != nil {
			continue
		}
		if !st.Mode().IsRegular() {
			out.Left = append(out.Left, rel)
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil || !slices.Contains(stale[k], digest(data)) || os.Remove(path) != nil {
			out.Left = append(out.Left, rel)
			continue
		}
		out.Removed++
		if !inUse[k.folder] && (len(emptied) == 0 || emptied[len(emptied)-1] != k.folder) {
			emptied = append(emptied, k.folder)
		}
	}
	for _, f := range emptied {
		os.Remove(filepath.Join(sw.out, f)) // only when empty
	}
	return out, nil
}

// exists reports whether path names a file, following links.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// plainName reports whether name is one plain path element: not empty,
// "." or "..", and without a separator.
func plainName(name string) bool {
	return name != "" && name != "." && name != ".." && filepath.IsLocal(name) && !strings.ContainsAny(name, `/\`)
}

// lines calls fn with every entry of the manifest file and its offset,
// one line in memory at a time.
func (m *manifest) lines(fn func(off int64, e *Entry)) error {
	br := bufio.NewReaderSize(io.NewSectionReader(m.f, 0, m.end), 256<<10)
	var off int64
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			var e Entry
			if json.Unmarshal(line, &e) == nil && e.Row > 0 {
				fn(off, &e)
			}
			off += int64(len(line))
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read manifest: %w", err)
		}
	}
}
