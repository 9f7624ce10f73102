//go:build !linux

package outfile

import "os"

// openUnnamed is not available here: Write uses a named temporary file.
func openUnnamed(string) (*os.File, bool) { return nil, false }

func nameUnnamed(*os.File, string) error { return nil }
