package outfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
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
	return replaceWith(ctx, path, path, fill, mode, mode != 0)
}
