package outfile

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteStream is Write for content too large to hold in memory (a batch
// manifest of many thousand rows): fill writes it, through a buffer, into
// the temporary file, which is synced and renamed over path only when
// fill and every write succeeded and ctx is not cancelled. path must be a
// regular file or a new one; an existing file keeps its permission bits.
func WriteStream(ctx context.Context, path string, fill func(io.Writer) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := Check(path); err != nil {
		return err
	}
	var mode fs.FileMode
	st, err := os.Lstat(path)
	switch {
	case err == nil && !st.Mode().IsRegular():
		return &refusal{path: path, why: "it is not a regular file"}
	case err == nil:
		mode = st.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("write %s: %w", path, unwrap(err))
	}
	f, err := createTemp(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrap(err))
	}
	tmp := f.Name()
	bw := bufio.NewWriterSize(f, 64<<10)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if err == nil && mode != 0 {
		err = f.Chmod(mode)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, unwrap(err))
	}
	return nil
}
