// Command dpakit assembles GDPR data processing agreements from a deal file,
// a vendor profile and a versioned clause library.
package main

import (
	"context"
	"os"
	"runtime/debug"

	// Imported first for its side effect: it paces the collector while the
	// dependencies initialise (see the package's documentation).
	_ "github.com/dpakit/dpakit/cmd/dpakit/internal/startgc"
)

func main() {
	crashNotInvalid()
	ctx, stop := withSignals(context.Background())
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// crashNotInvalid makes a crash end the process with SIGABRT (exit status
// 134 in a shell) rather than exit status 2, which Go's runtime uses for an
// unrecovered panic or running out of memory and which dpakit reserves for
// invalid input: a script must never read a crash as "the deal is
// invalid".
func crashNotInvalid() {
	debug.SetTraceback("crash")
}
