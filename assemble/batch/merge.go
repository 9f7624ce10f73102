package batch

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/outfile"
)

// ErrIncomplete is the category of a Merge that cannot combine the shards
// in a folder: a shard's manifest is missing or was not finished.
var ErrIncomplete = errors.New("the shards are incomplete")

// MergeSummary is what Merge combined.
type MergeSummary struct {
	Shards, Rows, Failed int
}

var shardManifest = regexp.MustCompile(`^manifest\.shard-(\d+)-of-(\d+)\.jsonl$`)

// Merge combines the manifests of the shards of one run found in dir
// (manifest.shard-I-of-N.jsonl, written by runs with Shard{I, N} into dir,
// or copied there from the shards' own folders) into dir/manifest.jsonl,
// in row order, and writes dir/errors.csv from the failed rows. It reads
// every manifest one line at a time. It returns an error wrapping
// ErrIncomplete when a shard's manifest is missing, unfinished (a run
// killed before it could sort its manifest: run that shard again with
// --resume) or holds a row of another shard, and one wrapping ErrSetup
// when dir cannot be read or holds no shard manifest at all (not a
// sharded batch's folder); the shards' files are left as they are.
func Merge(dir string) (MergeSummary, error) {
	paths, count, err := shardManifests(dir)
	if err != nil {
		return MergeSummary{}, err
	}
	heads := make([]*shardReader, count)
	for i, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return MergeSummary{}, fmt.Errorf("read %s: %w", p, err)
		}
		defer f.Close()
		heads[i] = &shardReader{shard: Shard{i, count}, name: filepath.Base(p), br: bufio.NewReaderSize(f, 64<<10)}
		if err := heads[i].advance(); err != nil {
			return MergeSummary{}, err
		}
	}
	sum := MergeSummary{Shards: count}
	out := filepath.Join(dir, ManifestFile)
	err = outfile.WriteStream(context.Background(), out, func(w io.Writer) error {
		for {
			var next *shardReader
			for _, h := range heads {
				if h.line != nil && (next == nil || h.row < next.row) {
					next = h
				}
			}
			if next == nil {
				return nil
			}
			if _, err := w.Write(next.line); err != nil {
				return err
			}
			sum.Rows++
			if next.failed {
				sum.Failed++
			}
			if err := next.advance(); err != nil {
				return err
			}
		}
	})
	if err != nil {
		return sum, err
	}
	return sum, writeErrors(out, filepath.Join(dir, ErrorsFile))
}

// shardManifests finds the shard manifests in dir and checks that they
// are the N manifests of one split.
func shardManifests(dir string) ([]string, int, error) {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, 0, fmt.Errorf("%w: %s is a file, not a directory: give the folder the shards wrote to (their --out)", ErrSetup, dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	if err := checkOwnFiles(filepath.Join(dir, ManifestFile), filepath.Join(dir, ErrorsFile)); err != nil {
		return nil, 0, err
	}
	byIndex := map[int]string{}
	count := 0
	for _, e := range entries {
		m := shardManifest.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		if e.IsDir() {
			return nil, 0, fmt.Errorf("%w: %s is a directory, not a shard's manifest file: remove it, then run that shard again with --resume", ErrSetup, filepath.Join(dir, e.Name()))
		}
		i, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		if count != 0 && n != count {
			return nil, 0, fmt.Errorf("%w: %s holds manifests of a split into %d and into %d shards: remove the manifest.shard-*-of-N.jsonl and errors.shard-*-of-N.csv files of the split you no longer use (N = %d or %d), then run the missing shards of the other with --resume and merge again", ErrIncomplete, dir, count, n, min(count, n), max(count, n))
		}
		count = n
		byIndex[i] = filepath.Join(dir, e.Name())
	}
	if count == 0 {
		// Nothing to merge: the folder given is not a sharded batch's, a
		// mistake of the command line (ErrSetup), not unfinished work.
		if _, err := os.Stat(filepath.Join(dir, ManifestFile)); err == nil {
			return nil, 0, fmt.Errorf("%w: %s holds no shard manifest (manifest.shard-I-of-N.jsonl) but the %s of a run without --shard, which needs no merge", ErrSetup, dir, ManifestFile)
		}
		return nil, 0, fmt.Errorf("%w: %s holds no shard manifest (manifest.shard-I-of-N.jsonl): give the folder the shards wrote to (their --out), or copy their manifests into it", ErrSetup, dir)
	}
	paths := make([]string, count)
	var missing []int
	for i := range count {
		if paths[i] = byIndex[i]; paths[i] == "" {
			missing = append(missing, i)
		}
	}
	if len(missing) > 0 {
		return nil, 0, fmt.Errorf("%w: %s lacks %s", ErrIncomplete, dir, missingText(missing, count))
	}
	return paths, count, nil
}

// missingText says in words which shards of a split into count lack a
// manifest, and what to do: "the manifest of shard 1 of 2 (run it with
// --shard 1/2, ...)", "the manifests of shards 1 and 3 of 4 (...)".
func missingText(missing []int, count int) string {
	if len(missing) == 1 {
		sh := Shard{Index: missing[0], Count: count}
		return fmt.Sprintf("the manifest of shard %d of %d (run it with --shard %d/%d, or copy its %s here)",
			sh.Index, count, sh.Index, count, sh.ManifestFile())
	}
	indexes := make([]string, len(missing))
	for i, m := range missing {
		indexes[i] = strconv.Itoa(m)
	}
	words := strings.Join(indexes[:len(indexes)-1], ", ") + " and " + indexes[len(indexes)-1]
	return fmt.Sprintf("the manifests of shards %s of %d (run each with --shard I/%d, or copy its manifest.shard-I-of-%d.jsonl here)",
		words, count, count, count)
}

// shardReader reads one shard's manifest in row order.
type shardReader struct {
	shard  Shard
	name   string
	br     *bufio.Reader
	n      int // lines read
	line   []byte
	row    int
	failed bool
}

// advance reads the next entry, or sets line to nil at the end.
func (s *shardReader) advance() error {
	line, err := s.br.ReadBytes('\n')
	if err == io.EOF && len(line) == 0 {
		s.line = nil
		return nil
	}
	if err != nil && err != io.EOF {
		return fmt.Errorf("read %s: %w", s.name, err)
	}
	s.n++
	var head struct {
		Row    int    `json:"row"`
		Status string `json:"status"`
	}
	if len(line) == 0 || line[len(line)-1] != '\n' || json.Unmarshal(line, &head) != nil || head.Row < 1 {
		return fmt.Errorf("%w: %s line %d is not a manifest entry; run shard %d/%d again with --resume", ErrIncomplete, s.name, s.n, s.shard.Index, s.shard.Count)
	}
	if head.Row <= s.row {
		return fmt.Errorf("%w: %s is not in row order at line %d (the run was killed before it finished); run shard %d/%d again with --resume", ErrIncomplete, s.name, s.n, s.shard.Index, s.shard.Count)
	}
	if head.Status == StatusWriting {
		return fmt.Errorf("%w: %s line %d records row %d being written (the run was killed before it finished); run shard %d/%d again with --resume", ErrIncomplete, s.name, s.n, head.Row, s.shard.Index, s.shard.Count)
	}
	if !s.shard.has(head.Row) {
		return fmt.Errorf("%w: %s line %d holds row %d, which belongs to another shard", ErrIncomplete, s.name, s.n, head.Row)
	}
	s.line, s.row, s.failed = line, head.Row, head.Status == StatusFailed
	return nil
}
