package outfile

import (
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// openUnnamed opens a new file in dir that has no name yet (O_TMPFILE),
// with permission 0666 less the umask: if the process is killed while it
// writes, nothing is left behind. ok is false where the file system does
// not support it.
func openUnnamed(dir string) (f *os.File, ok bool) {
	f, err := os.OpenFile(dir, os.O_WRONLY|unix.O_TMPFILE, 0o666)
	if err != nil {
		return nil, false
	}
	return f, true
}

// nameUnnamed gives the unnamed file f the name name (which must not
// exist).
func nameUnnamed(f *os.File, name string) error {
	return unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(int(f.Fd())), unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW)
}
