package batch

import (
	"context"
	"fmt"
	"io"
)

// cancelReader reads r so that a read waiting for input (a pipe or a
// terminal that nothing is written to) gives up when ctx is cancelled.
// Each Read of r runs on a goroutine of its own, into a buffer of the
// cancelReader's; Read returns at once with ctx's error when ctx ends
// first. The Read of r it gave up on goes on until r returns (input
// arrives or ends, or the process exits); what it reads is dropped, and
// every later Read fails with the same error. An io.Reader offers no
// other way to stop a read that is under way.
type cancelReader struct {
	ctx  context.Context
	r    io.Reader
	buf  []byte
	done chan readResult
	err  error // once cancelled
}

// readResult is what one Read of the underlying reader returned.
type readResult struct {
	n   int
	err error
}

// newCancelReader returns r read under ctx, or r itself when ctx can
// never be cancelled.
func newCancelReader(ctx context.Context, r io.Reader) io.Reader {
	if ctx.Done() == nil {
		return r
	}
	return &cancelReader{ctx: ctx, r: r, done: make(chan readResult, 1)}
}

// Read reads from the underlying reader, or returns ctx's error once ctx
// is cancelled.
func (c *cancelReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.ctx.Err() != nil {
		return 0, c.cancelled()
	}
	if len(p) == 0 {
		return 0, nil
	}
	if cap(c.buf) < len(p) {
		c.buf = make([]byte, len(p))
	}
	buf := c.buf[:len(p)]
	go func() {
		n, err := c.r.Read(buf)
		c.done <- readResult{n, err} // buffered: never blocks, even once abandoned
	}()
	select {
	case res := <-c.done:
		return copy(p, buf[:res.n]), res.err
	case <-c.ctx.Done():
		c.buf = nil // still the abandoned read's
		return 0, c.cancelled()
	}
}

// cancelled records and returns the error of every Read after ctx ended:
// ctx.Err(), with its cause when the cause says more (a signal, say).
func (c *cancelReader) cancelled() error {
	c.err = c.ctx.Err()
	if cause := context.Cause(c.ctx); cause != nil && cause != c.err {
		c.err = fmt.Errorf("%w: %w", c.err, cause)
	}
	return c.err
}
