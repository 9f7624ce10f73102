//go:build race

package main

// raceEnabled: the race detector reserves its own memory, so an address-space
// limit makes it, not the Go runtime, fail.
const raceEnabled = true
