//go:build unix

package outfile

import "golang.org/x/sys/unix"

// canWrite reports whether the process may create a file in dir: an error
// for a directory it has no write or search permission to, or one on a
// read-only file system.
func canWrite(dir string) error {
	return unix.Access(dir, unix.W_OK|unix.X_OK)
}
