package assemble

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// MaxLibraryFile is the largest file a clause library or its templates
// may hold (a clause, a fallback, the measure catalogue, the lock, a
// template): the largest built-in one is a few dozen KiB.
const MaxLibraryFile = 1 << 20

// boundedFS is a library's file system as Load reads it: every file it
// opens or reads is a regular file of at most MaxLibraryFile bytes,
// checked before it is opened, so that a library folder holding a link
// to /dev/zero, a FIFO or a huge file is refused at once, naming the file,
// instead of being read without end. Directories are listed as they are.
type boundedFS struct{ fsys fs.FS }

// Open opens name after checking it (see boundedFS).
func (b boundedFS) Open(name string) (fs.File, error) {
	if err := b.check(name); err != nil {
		return nil, err
	}
	return b.fsys.Open(name)
}

// ReadFile reads name after checking it, never more than MaxLibraryFile
// bytes (a file that grows meanwhile is refused too).
func (b boundedFS) ReadFile(name string) ([]byte, error) {
	if err := b.check(name); err != nil {
		return nil, err
	}
	f, err := b.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxLibraryFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxLibraryFile {
		return nil, b.tooLarge()
	}
	return data, nil
}

// ReadDir lists the directory name.
func (b boundedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(b.fsys, name)
}

// Stat describes name, as the underlying file system does.
func (b boundedFS) Stat(name string) (fs.FileInfo, error) {
	return fs.Stat(b.fsys, name)
}

// check refuses name unless it is a directory or a regular file of at
// most MaxLibraryFile bytes. It stats without opening: opening a FIFO
// waits for a writer.
func (b boundedFS) check(name string) error {
	st, err := fs.Stat(b.fsys, name)
	if err != nil {
		return err
	}
	switch {
	case st.IsDir():
		return nil
	case !st.Mode().IsRegular():
		return errors.New("is not a regular file (a device, a FIFO or a socket): a library holds only text files")
	case st.Size() > MaxLibraryFile:
		return b.tooLarge()
	}
	return nil
}

// tooLarge is the error for a file over MaxLibraryFile; Load's messages
// name the file.
func (b boundedFS) tooLarge() error {
	return fmt.Errorf("is larger than %d KiB, the limit for a library file", MaxLibraryFile>>10)
}
