// Command dpakit assembles GDPR data processing agreements from a deal file,
// a vendor profile and a versioned clause library.
package main

import (
	"context"
	"os"
)

func main() {
	ctx, stop := withSignals(context.Background())
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
