// Package startgc paces the garbage collector while the dpakit process
// starts, and only then.
//
// Initialising dpakit's dependencies (the workbook library, the validator,
// the Markdown parser, the web framework's codecs) allocates a few
// megabytes of tables that live for the whole process. At Go's default
// pace the collector runs several cycles over them before main is reached,
// which is a measurable part of a one-document command that lasts some
// tens of milliseconds. Package initialisation runs dependencies first and
// otherwise in import-path order, so this package, which depends only on
// the standard library, is initialised before those dependencies; its init
// lets the heap grow to five times the live data before collecting, unless
// the user set GOGC. The root command calls Done before any command runs,
// and each command then sets its own pace (see tuneGC in package main) or
// keeps Go's default.
package startgc

import (
	"os"
	"runtime/debug"
)

// startPercent is the collector's pace during start-up: collect when the
// heap reaches five times the live data.
const startPercent = 400

// defaultPercent is Go's default pace (GOGC=100).
const defaultPercent = 100

func init() {
	if userSet() {
		return
	}
	debug.SetGCPercent(startPercent)
}

// Done ends start-up: it puts the collector back to Go's default pace,
// unless the user set GOGC, which was never changed.
func Done() {
	if userSet() {
		return
	}
	debug.SetGCPercent(defaultPercent)
}

// userSet reports whether the user chose the collector's pace with GOGC.
func userSet() bool { return os.Getenv("GOGC") != "" }
