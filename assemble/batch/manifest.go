package batch

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/outfile"
	"github.com/dpakit/dpakit/assemble/sheetcsv"
)

// The files a batch writes at the top of --out, beside the deal folders.
// A run of one shard of several writes manifest.shard-I-of-N.jsonl and
// errors.shard-I-of-N.csv instead (see Shard.ManifestFile), so that the
// shards can share one --out; Merge combines them into these two.
const (
	ManifestFile = "manifest.jsonl"
	ErrorsFile   = "errors.csv"
)

// ManifestFile returns the name of the shard's manifest.
func (s Shard) ManifestFile() string {
	if s.Count <= 1 {
		return ManifestFile
	}
	return fmt.Sprintf("manifest.shard-%d-of-%d.jsonl", s.Index, s.Count)
}

// ErrorsFile returns the name of the shard's errors file.
func (s Shard) ErrorsFile() string {
	if s.Count <= 1 {
		return ErrorsFile
	}
	return fmt.Sprintf("errors.shard-%d-of-%d.csv", s.Index, s.Count)
}

// ownFiles lists every name the batch's own files may take in a run split
// into the shard's number of shards: no deal folder may take one.
func (s Shard) ownFiles() []string {
	out := []string{ManifestFile, ErrorsFile}
	for i := range s.Count {
		sh := Shard{Index: i, Count: s.Count}
		out = append(out, sh.ManifestFile(), sh.ErrorsFile())
	}
	return out
}

// The status of a manifest entry.
const (
	StatusOK     = "ok"
	StatusFailed = "failed"
	// StatusWriting marks the line a run appends before it writes a row's
	// files, naming them, so that files written by a run killed before
	// the row's own line are still recorded (and removed if no later line
	// lists them). A finished manifest never holds one.
	StatusWriting = "writing"
)

// Entry is one line of manifest.jsonl: what became of one input row.
type Entry struct {
	// Row is the deal's 1-based position in the input (see record.Row).
	Row int `json:"row"`
	// Line is the line of the input where the deal starts.
	Line int `json:"line,omitempty"`
	// Reference is the deal's reference, as given or defaulted.
	Reference string `json:"reference,omitempty"`
	// Folder is the deal's folder below --out (see SafeName).
	Folder string `json:"folder,omitempty"`
	// Status is "ok" when every requested document was written or does
	// not apply, "failed" otherwise (Problems says why).
	Status string `json:"status"`
	// DealHash is the SHA-256 of the deal laid over the profile, defaulted
	// (deal.Hash): it changes when the row or the profile changes.
	DealHash string `json:"deal_hash,omitempty"`
	// LibraryVersion is the clause library's version.
	LibraryVersion string `json:"library_version"`
	// ToolVersion is dpakit's version.
	ToolVersion string `json:"tool_version"`
	// Options is a digest of the run's output settings (documents,
	// formats, paper, e-signature anchors, notice inputs).
	Options string `json:"options"`
	// Files are the files written, in the order of the documents and
	// formats requested.
	Files []File `json:"files,omitempty"`
	// Earlier, in a failed row's entry, are the files an earlier run made
	// for the row, left as they were: they are not the current deal's
	// documents, and they are removed when the row is next made.
	Earlier *Earlier `json:"earlier,omitempty"`
	// Skipped are the requested documents that do not apply to the deal.
	Skipped []Skipped `json:"skipped,omitempty"`
	// Warnings are things a reviewer should look at in a deal that is
	// valid.
	Warnings []deal.Problem `json:"warnings,omitempty"`
	// Problems say why a failed row failed.
	Problems []deal.Problem `json:"problems,omitempty"`
}

// File is one output file of a deal.
type File struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Earlier are the files an earlier run made for a row that failed now.
type Earlier struct {
	Folder string `json:"folder"`
	Files  []File `json:"files"`
}

// Skipped is a requested document that does not apply to a deal, such as
// Annex III without SCC Clause 9 Option 1.
type Skipped struct {
	Document string `json:"document"`
	Reason   string `json:"reason"`
}

// span is where an entry's line is in the manifest file; writing marks a
// line of StatusWriting.
type span struct {
	off     int64
	n       int
	writing bool
}

// manifest is manifest.jsonl while a run appends to it: every entry is
// one line written with one write, so the file is valid JSON Lines
// between any two writes, and a row's latest line is the one that counts.
// Finish rewrites it in row order with one line per row.
type manifest struct {
	path string
	mu   sync.Mutex
	f    *os.File
	end  int64
	idx  map[int]span
	// folders holds, for each deal folder, its latest entry (made, being
	// written when a run was killed, or failed but keeping the folder's
	// earlier files) in the file as the run found it: a resumed run finds a row's earlier entry
	// by its folder (its reference), wherever the row now stands in the
	// input, so that a row inserted, removed or moved redoes no other.
	// Entries this run appends do not change it.
	folders map[string]span
}

// openManifest opens (creating it if need be) the manifest in dir and
// indexes the entries it holds. A last line cut short by a crash is
// dropped; any other line that is not an entry is ignored.
func openManifest(path string) (*manifest, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open manifest: %w", err)
	}
	m := &manifest{path: path, f: f, idx: map[int]span{}, folders: map[string]span{}}
	if err := m.scan(); err != nil {
		f.Close()
		return nil, err
	}
	return m, nil
}

// scan indexes the file and truncates it after its last complete line.
func (m *manifest) scan() error {
	br := bufio.NewReaderSize(m.f, 256<<10)
	var off int64
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			var head struct {
				Row     int    `json:"row"`
				Status  string `json:"status"`
				Folder  string `json:"folder"`
				Earlier *struct {
					Folder string `json:"folder"`
				} `json:"earlier"`
			}
			if json.Unmarshal(line, &head) == nil && head.Row > 0 {
				s := span{off, len(line), head.Status == StatusWriting}
				m.idx[head.Row] = s
				switch {
				case head.Folder != "":
					m.folders[head.Folder] = s
				case head.Earlier != nil && head.Earlier.Folder != "":
					m.folders[head.Earlier.Folder] = s // a failed row's earlier files
				}
			}
			off += int64(len(line))
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("read manifest: %w", err)
		}
	}
	if err := m.f.Truncate(off); err != nil {
		return fmt.Errorf("repair manifest: %w", err)
	}
	m.end = off
	return nil
}

// has returns where the latest entry for row is.
func (m *manifest) has(row int) (span, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.idx[row]
	return s, ok
}

// made returns where the latest entry for folder was when the run opened
// the manifest.
func (m *manifest) made(folder string) (span, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.folders[folder]
	return s, ok
}

// read returns the entry at s.
func (m *manifest) read(s span) (Entry, error) {
	buf := make([]byte, s.n)
	if _, err := m.f.ReadAt(buf, s.off); err != nil {
		return Entry{}, fmt.Errorf("read manifest: %w", err)
	}
	var e Entry
	if err := json.Unmarshal(buf, &e); err != nil {
		return Entry{}, fmt.Errorf("read manifest: %w", err)
	}
	return e, nil
}

// add appends e as one line.
func (m *manifest) add(e Entry) error {
	line, err := entryLine(e)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.appendLine(e, line)
}

// addUnlessLatest appends e as add does, unless the manifest already says
// what the new line would: the latest line of e's row holds e byte for
// byte, and it is the latest line of the folder e names (its own, or a
// failed row's earlier one) in the file as the run found it. This run's
// finish (which writes each row's latest line) and the scan of a run that
// follows a hard kill (which finds the latest line of each row and each
// folder) then find the same entry as if it had been appended, so a row
// kept as it was, or failed as before, adds nothing. A row made again has
// appended its writing line since, so its line is always added.
func (m *manifest) addUnlessLatest(e Entry) error {
	line, err := entryLine(e)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.holds(e, line) {
		return nil
	}
	return m.appendLine(e, line)
}

// holds reports whether line, e's, is the latest line of e's row and of
// the folder it names; m.mu is held.
func (m *manifest) holds(e Entry, line []byte) bool {
	s, ok := m.idx[e.Row]
	if !ok || s.n != len(line) {
		return false
	}
	folder := e.Folder
	if folder == "" && e.Earlier != nil {
		folder = e.Earlier.Folder
	}
	if f, ok := m.folders[folder]; folder != "" && (!ok || f != s) {
		return false // a later line names the folder (or the row) otherwise
	}
	old := make([]byte, s.n)
	_, err := m.f.ReadAt(old, s.off)
	return err == nil && bytes.Equal(old, line)
}

// entryLine is e as a manifest line.
func entryLine(e Entry) ([]byte, error) {
	line, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("write manifest: %w", err)
	}
	return append(line, '\n'), nil
}

// appendLine appends line, e's, and indexes it; m.mu is held.
func (m *manifest) appendLine(e Entry, line []byte) error {
	if _, err := m.f.WriteAt(line, m.end); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	m.idx[e.Row] = span{m.end, len(line), e.Status == StatusWriting}
	m.end += int64(len(line))
	return nil
}

// finish removes the files that only replaced or dropped lines record
// (see sweep), then rewrites the manifest with the latest entry of each
// row up to lastRow (every row when lastRow is 0; a row whose latest line
// is StatusWriting has none), in row order, and writes errorsPath from the
// failed entries, both atomically and streaming (one entry in memory at a
// time), then closes the manifest. The files are removed first, so that a
// run killed in between leaves the lines that record them for the next.
func (m *manifest) finish(errorsPath string, lastRow int, sw sweeper) (Swept, error) {
	defer m.f.Close()
	m.mu.Lock()
	defer m.mu.Unlock()
	final := make(map[int]int64, len(m.idx))
	rows := make([]int, 0, len(m.idx))
	for r, s := range m.idx {
		if (lastRow == 0 || r <= lastRow) && !s.writing {
			rows = append(rows, r)
			final[r] = s.off
		}
	}
	slices.Sort(rows)
	swept, err := m.sweep(final, sw)
	if err != nil {
		return swept, err
	}
	err = outfile.WriteStream(context.Background(), m.path, func(w io.Writer) error {
		for _, r := range rows {
			line, err := m.line(r)
			if err != nil {
				return err
			}
			if _, err := w.Write(line); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return swept, err
	}
	return swept, writeErrors(m.path, errorsPath)
}

// writeErrors writes errors.csv from the failed entries of a manifest,
// reading it one line at a time, for a spreadsheet (sheetcsv): a reference
// typed as =HYPERLINK(...) is text there, not a formula.
func writeErrors(manifestPath, errorsPath string) error {
	f, err := os.Open(manifestPath)
	if err != nil {
		return fmt.Errorf("read manifest: %w", err)
	}
	defer f.Close()
	failed := []byte(`"status":"` + StatusFailed + `"`)
	return outfile.WriteStream(context.Background(), errorsPath, func(w io.Writer) error {
		ew := sheetcsv.NewWriter(w)
		ew.Write([]string{"row", "reference", "file", "line", "path", "rule", "message"})
		br := bufio.NewReaderSize(f, 256<<10)
		for {
			line, err := br.ReadBytes('\n')
			if len(line) > 0 && bytes.Contains(line, failed) {
				var e Entry
				if err := json.Unmarshal(line, &e); err != nil {
					return fmt.Errorf("read manifest: %w", err)
				}
				for _, p := range e.Problems {
					ew.Write([]string{strconv.Itoa(e.Row), e.Reference, p.File, lineOf(e, p), p.Path, p.Rule, p.Message})
				}
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("read manifest: %w", err)
			}
		}
		return ew.Flush()
	})
}

// line returns the latest line of a row, read from the file as it was
// before finish replaces it (the old file stays open).
func (m *manifest) line(row int) ([]byte, error) {
	s := m.idx[row]
	line := make([]byte, s.n)
	if _, err := m.f.ReadAt(line, s.off); err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	return line, nil
}

// lineOf is the input line of a problem: its own where the decoder knew
// it, else the line the row starts on.
func lineOf(e Entry, p deal.Problem) string {
	if p.Line > 0 {
		return strconv.Itoa(p.Line)
	}
	if e.Line > 0 {
		return strconv.Itoa(e.Line)
	}
	return ""
}

// digest returns the hex SHA-256 of data.
func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// otherSplit returns why a run of shard s cannot use out, or "" when it
// can. A run of another split would mix two splits in one --out, with
// --resume or without: the rows of each shard differ, so no manifest of
// the other split would be resumed and the merge would refuse the mix. So
// a shard refuses an --out that holds the manifests of a split into
// another number of shards, or the manifest of an unsharded run
// (manifest.jsonl) without any of its own split's (a merged batch keeps
// the shards' manifests, so one with none of them is an unsharded run's,
// or one whose shards' manifests are gone). An unsharded run refuses any
// shard manifest unless the shards have been merged: manifest.jsonl is
// there, and so is the manifest of every shard of one split, as a merge
// requires.
func otherSplit(out string, s Shard) string {
	entries, err := os.ReadDir(out)
	if err != nil {
		return ""
	}
	unsharded := false
	var found []Shard // the shard manifests in out, in name order
	for _, e := range entries {
		if e.Name() == ManifestFile {
			unsharded = true
		} else if sh, ok := shardOfManifest(e.Name()); ok {
			found = append(found, sh)
		}
	}
	for _, sh := range found {
		if s.Count > 1 && sh.Count != s.Count {
			return splitProblem(out, s, sh.ManifestFile(), sh.Count)
		}
	}
	switch { // for a shard, found now holds its own split's manifests alone
	case s.Count > 1 && unsharded && len(found) == 0:
		return unshardedProblem(out, s)
	case s.Count <= 1 && len(found) > 0 && !unsharded:
		return splitProblem(out, s, found[0].ManifestFile(), found[0].Count)
	case s.Count <= 1 && len(found) > 0 && !completeSplit(found):
		return unmergedProblem(out, found)
	}
	return ""
}

// shardOfManifest returns the shard whose manifest is named name
// (manifest.shard-I-of-N.jsonl), or false for any other name.
func shardOfManifest(name string) (Shard, bool) {
	m := shardManifest.FindStringSubmatch(name)
	if m == nil {
		return Shard{}, false
	}
	i, err1 := strconv.Atoi(m[1])
	n, err2 := strconv.Atoi(m[2])
	sh := Shard{Index: i, Count: n}
	return sh, err1 == nil && err2 == nil && sh.Count > 1 && sh.ManifestFile() == name
}

// completeSplit reports whether shards are every shard of one split, each
// once: the manifests a merge combines.
func completeSplit(shards []Shard) bool {
	if len(shards) == 0 || len(shards) != shards[0].Count {
		return false
	}
	seen := make([]bool, shards[0].Count)
	for _, sh := range shards {
		if sh.Count != shards[0].Count || sh.Index < 0 || sh.Index >= sh.Count || seen[sh.Index] {
			return false
		}
		seen[sh.Index] = true
	}
	return true
}

// splitProblem explains why a run of shard s cannot use out, which holds
// name, a manifest of a split into n shards.
func splitProblem(out string, s Shard, name string, n int) string {
	if s.Count <= 1 {
		return fmt.Sprintf("%s holds a batch split into %d shards (%s): run it with --shard I/%d for each I from 0 to %d (--resume continues a shard), then merge it with dpakit batch merge %s; or choose another --out", out, n, name, n, n-1, out)
	}
	return fmt.Sprintf("%s holds the shards of a split into %d (%s), not %d: run this batch with --shard I/%d, or remove the manifest.shard-*-of-%d.jsonl and errors.shard-*-of-%d.csv files of that split first, or choose another --out", out, n, name, s.Count, n, n, n)
}

// unshardedProblem explains why shard s cannot use out, which holds the
// batch of a run without --shard and no manifest of s's split: the shard
// would make its rows beside that batch, and neither a run without
// --shard nor a merge could then tell which manifest is current.
func unshardedProblem(out string, s Shard) string {
	return fmt.Sprintf("%s holds the batch of a run without --shard (%s): continue it without --shard (with --resume); or, to split it into %d shards, remove %s and %s from %s first (each shard then makes its rows again); or choose another --out",
		out, ManifestFile, s.Count, ManifestFile, ErrorsFile, out)
}

// unmergedProblem explains why a run without --shard cannot use out,
// which holds its manifest beside the manifests of shards (found) that
// were never merged into it: resuming would ignore the shards' rows, and
// merging them would lack the other shards.
func unmergedProblem(out string, found []Shard) string {
	var manifests, files []string
	for _, sh := range found {
		manifests = append(manifests, sh.ManifestFile())
		files = append(files, sh.ManifestFile(), sh.ErrorsFile())
	}
	msg := fmt.Sprintf("%s holds the batch of a run without --shard (%s) and, not merged with it, %s: to continue without --shard, remove %s from %s first",
		out, ManifestFile, strings.Join(manifests, ", "), strings.Join(files, " and "), out)
	if missing := missingShards(found); len(missing) > 0 {
		msg += fmt.Sprintf("; to continue the split instead, run %s with --resume, then dpakit batch merge %s", strings.Join(missing, ", "), out)
	}
	return msg
}

// missingShards returns the --shard flags ("--shard 1/2") of the shards of
// the split of found that found lacks; none when found holds shards of
// several splits.
func missingShards(found []Shard) []string {
	n := found[0].Count
	have := map[int]bool{}
	for _, sh := range found {
		if sh.Count != n {
			return nil
		}
		have[sh.Index] = true
	}
	var missing []string
	for i := range n {
		if !have[i] {
			missing = append(missing, fmt.Sprintf("--shard %d/%d", i, n))
		}
	}
	return missing
}

// otherBatch returns the name of a manifest in out that a new run of shard
// s (not resuming) would overwrite or mix with, or "" when there is none:
// its own manifest, the manifest of an unsharded or merged run, or one of
// a split into another number of shards. The manifests of the other shards
// of the same split are not in its way: they run beside it.
func otherBatch(out string, s Shard) string {
	entries, err := os.ReadDir(out)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		name := e.Name()
		var i, n int
		sharded := false
		if _, err := fmt.Sscanf(name, "manifest.shard-%d-of-%d.jsonl", &i, &n); err == nil && name == (Shard{Index: i, Count: n}).ManifestFile() {
			sharded = true
		}
		switch {
		case name == s.ManifestFile():
			return name
		case name == ManifestFile:
			return name
		case sharded && (s.Count <= 1 || n != s.Count):
			return name
		}
	}
	return ""
}
