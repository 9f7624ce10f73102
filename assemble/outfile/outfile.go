// Package outfile writes finished output files without ever destroying an
// input or leaving a half-written file. Every door of dpakit that writes a
// file (the CLI's -o, batch jobs, the server's exports) goes through Write.
//
// The rules, in order:
//
//   - An output that is the same file as one of the inputs (by os.SameFile,
//     so hard links and symbolic links count) is refused with ErrSameFile:
//     rendering a deal onto itself would destroy the deal.
//   - A directory, a regular file without any write permission, a
//     symbolic link that loops, and a file in a directory that cannot take
//     a new file (one without any write permission, one the process may
//     not write to, or on a read-only file system) are refused
//     (ErrRefused): a read-only file is never replaced, and an output
//     that cannot be written is known before any work. A permission error
//     while writing is a refusal too.
//   - A file that is not regular (a FIFO, a terminal, /dev/null, a path
//     under /dev/ or /proc/ such as /dev/stdout) is opened and written to
//     directly: it cannot be replaced, and renaming onto it would swap the
//     device for a regular file.
//   - A regular file, or a new one, is written through a temporary file in
//     the same directory that is synced and then renamed over the target,
//     so a reader sees the old content or the new one, never a mix, and a
//     failure or a cancelled context leaves the target as it was. A
//     symbolic link is followed: the file it points to is replaced and the
//     link stays.
//   - An existing file keeps its permission bits (a 0600 file stays
//     0600); a new file is created with 0666 less the process umask, like
//     any file a shell redirection creates.
//   - The temporary file's name is short and fixed in length
//     (".dpakit-" + 16 hex digits + ".tmp"), so any name legal for the
//     target is legal for the temporary file too.
package outfile

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// ErrRefused is the category of every output this package refuses to
// write: an input file, a directory, a read-only file. Test with errors.Is.
var ErrRefused = errors.New("output refused")

// ErrSameFile is the category of an output that is the same file as an
// input; such an error also matches ErrRefused.
var ErrSameFile = errors.New("output is an input")

// refusal is an output refused before anything was written.
type refusal struct {
	path, why string
	same      bool
}

// Error returns "refusing to write PATH: WHY".
func (r *refusal) Error() string { return "refusing to write " + r.path + ": " + r.why }

// Is matches ErrRefused, and ErrSameFile for an output that is an input.
func (r *refusal) Is(target error) bool {
	return target == ErrRefused || (r.same && target == ErrSameFile)
}

// TempPrefix starts the name of every temporary file Write creates; a
// crash (not a failure, which cleans up) may leave one behind.
const TempPrefix = ".dpakit-"

// Check reports whether Write could write path without touching any of
// inputs, before any work is done: it refuses an output that is an input,
// a directory or a read-only file. Empty and "-" inputs (standard input)
// are skipped. Call it before a long render so that the user learns of a
// wrong -o at once; Write checks again.
func Check(path string, inputs ...string) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return checkDir(path)
	}
	if errors.Is(err, syscall.ELOOP) {
		return &refusal{path: path, why: "it is a symbolic link in a loop (too many levels of symbolic links); remove the link or choose another output name"}
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrap(err))
	}
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue
		}
		if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
			return &refusal{path: path, same: true, why: "it is the same file as the input " + in + ", which it would destroy (choose another output name)"}
		}
	}
	switch {
	case st.IsDir():
		return &refusal{path: path, why: "it is a directory"}
	case st.Mode().IsRegular() && st.Mode().Perm()&0o222 == 0:
		return &refusal{path: path, why: fmt.Sprintf("the file is read-only (mode %04o); make it writable or choose another output name", st.Mode().Perm())}
	case st.Mode().IsRegular() && !isSpecialPath(path):
		// Replaced through a temporary file beside the file a link names.
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return fmt.Errorf("write %s: %w", path, unwrap(err))
		}
		return checkWritableDir(path, filepath.Dir(target))
	}
	return nil
}

// checkDir reports a missing parent directory of a new output, or one that
// cannot take a new file (see checkWritableDir).
func checkDir(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrap(err))
	}
	if !st.IsDir() {
		return &refusal{path: path, why: dir + " is not a directory"}
	}
	return checkWritableDir(path, dir)
}

// checkWritableDir refuses the output path when dir, where its temporary
// file is created, cannot take a new file: a directory without any write
// permission (refused whoever runs dpakit, as a read-only file is), or one
// the process may not write to or on a read-only file system (see
// canWrite).
func checkWritableDir(path, dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrap(err))
	}
	if st.Mode().Perm()&0o222 == 0 {
		return &refusal{path: path, why: fmt.Sprintf("the directory %s is read-only (mode %04o); make it writable or choose another output directory", dir, st.Mode().Perm())}
	}
	if err := canWrite(dir); err != nil {
		return notWritable(path, dir, err)
	}
	return nil
}

// notWritable is the refusal of the output path when its directory dir
// cannot take a file: err is a permission error or a read-only file
// system.
func notWritable(path, dir string, err error) error {
	return &refusal{path: path, why: fmt.Sprintf("cannot create a file in the directory %s (%v); make it writable or choose another output directory", dir, unwrap(err))}
}

// permissionRefusal turns a permission error met while writing path (the
// directory or the file may not be written, or the file system is
// read-only) into a refusal, which no retry mends; other errors (a full
// disk) are returned as they are.
func permissionRefusal(path string, err error) error {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return &refusal{path: path, why: fmt.Sprintf("%v; make it writable or choose another output name", unwrap(err))}
	}
	return fmt.Errorf("write %s: %w", path, unwrap(err))
}

// Write writes data to path following the package's rules, refusing when
// path is the same file as any of inputs. When ctx is cancelled before the
// data is in place, the target is left as it was and ctx.Err() is
// returned (wrapped).
func Write(ctx context.Context, path string, data []byte, inputs ...string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := Check(path, inputs...); err != nil {
		return err
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && (!st.Mode().IsRegular() || isSpecialPath(path)):
		return writeDirect(path, data, st.Mode().IsRegular())
	case err == nil:
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return fmt.Errorf("write %s: %w", path, unwrap(err))
		}
		return replace(ctx, path, target, data, st.Mode().Perm(), true)
	case errors.Is(err, fs.ErrNotExist):
		target := path
		if lt, lerr := os.Lstat(path); lerr == nil && lt.Mode()&fs.ModeSymlink != 0 {
			// A dangling symbolic link: create the file it names.
			if dest, rerr := os.Readlink(path); rerr == nil {
				if !filepath.IsAbs(dest) {
					dest = filepath.Join(filepath.Dir(path), dest)
				}
				target = dest
			}
		}
		return replace(ctx, path, target, data, 0, false)
	default:
		return fmt.Errorf("write %s: %w", path, unwrap(err))
	}
}

// isSpecialPath reports a path under /dev/ or /proc/ (such as /dev/stdout,
// which may resolve to a regular file that a shell opened): such a path is
// written in place, never replaced.
func isSpecialPath(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	return strings.HasPrefix(abs, "/dev/") || strings.HasPrefix(abs, "/proc/")
}

// writeDirect writes data into an existing file that cannot be replaced.
func writeDirect(path string, data []byte, regular bool) error {
	flag := os.O_WRONLY
	if regular {
		flag |= os.O_TRUNC
	}
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return permissionRefusal(path, err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrap(err))
	}
	return nil
}

// replace writes data to a temporary file beside target and renames it
// over target (see replaceWith).
func replace(ctx context.Context, path, target string, data []byte, mode fs.FileMode, keepMode bool) error {
	return replaceWith(ctx, path, target, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, mode, keepMode)
}

// replaceWith has fill write a temporary file beside target, syncs it and
// renames it over target. keepMode sets the temporary file's permission
// bits to mode (an existing file's); otherwise the file keeps those it was
// created with, 0666 less the umask. On Linux the file has no name until
// its data is written and synced, so even SIGKILL during the write leaves
// nothing behind.
func replaceWith(ctx context.Context, path, target string, fill func(io.Writer) error, mode fs.FileMode, keepMode bool) error {
	dir := filepath.Dir(target)
	f, unnamed := openUnnamed(dir)
	if !unnamed {
		var err error
		if f, err = createTemp(dir); err != nil {
			return permissionRefusal(path, err)
		}
	}
	tmp := ""
	if !unnamed {
		tmp = f.Name()
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	err := fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if err == nil && keepMode {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil && unnamed {
		tmp, err = linkTemp(f, dir)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		if tmp != "" {
			os.Remove(tmp)
		}
		return permissionRefusal(path, err)
	}
	return nil
}

// linkTemp gives an unnamed file a free temporary name in dir.
func linkTemp(f *os.File, dir string) (string, error) {
	for range 100 {
		name, err := tempName(dir)
		if err != nil {
			return "", err
		}
		err = nameUnnamed(f, name)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return name, err
	}
	return "", errors.New("no free temporary file name")
}

// tempName returns a random temporary file name in dir.
func tempName(dir string) (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return filepath.Join(dir, TempPrefix+hex.EncodeToString(b[:])+".tmp"), nil
}

// createTemp creates a new, empty file with a random name of fixed length
// in dir, with permission 0666 less the umask.
func createTemp(dir string) (*os.File, error) {
	for range 100 {
		name, err := tempName(dir)
		if err != nil {
			return nil, err
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, errors.New("no free temporary file name")
}

// unwrap drops the *fs.PathError around err: messages name the path once.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
