package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
)

// wrap puts the middleware that every request passes through, outermost
// first, around the router: the request log (with panic recovery inside
// it), security headers, cross-origin protection and the body limit.
func (s *Server) wrap(router http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, http.StatusForbidden, "cross-origin request refused: this server accepts changes only from its own pages or from clients that are not browsers")
	}))
	h := cop.Handler(s.limitBody(router))
	h = securityHeaders(h, s.csp)
	return s.logRequests(h)
}

// statusWriter records the status and size of a response for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

type ctxKey int

const idKey ctxKey = 0

// logRequests writes one structured line per request: method, route
// pattern, status, size, duration and a request id, and recovers from a
// panic with a 500 that shows nothing of it. It never logs what could be
// personal data: no client address, no user agent, no query string, no
// user name, no body.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := newRequestID()
		sw := &statusWriter{ResponseWriter: w}
		r = r.WithContext(context.WithValue(r.Context(), idKey, id))
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic", "request_id", id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if sw.status == 0 {
					writeError(sw, r, http.StatusInternalServerError, "internal error (request "+id+")")
				}
			}
			s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("id", id),
				slog.String("method", r.Method),
				slog.String("route", routeOf(r)),
				slog.Int("status", max(sw.status, 200)),
				slog.Int64("bytes", sw.bytes),
				slog.Duration("duration", time.Since(start)))
		}()
		next.ServeHTTP(sw, r)
	})
}

// routeOf returns the request's path without its query. Paths hold no
// personal data: deals travel in bodies, never in URLs.
func routeOf(r *http.Request) string {
	if len(r.URL.Path) > 200 {
		return r.URL.Path[:200] + "..."
	}
	return r.URL.Path
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// requestID returns the id logRequests gave the request.
func requestID(r *http.Request) string {
	id, _ := r.Context().Value(idKey).(string)
	return id
}

// securityHeaders sets the headers every response carries: a content
// security policy without inline script, no framing by other sites, no
// MIME sniffing, no referrer, and no caching of anything built from a
// deal.
func securityHeaders(next http.Handler, csp string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		if r.Method != http.MethodGet || !isStatic(r.URL.Path) {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody caps every request body at MaxBody bytes; handlers that read a
// body turn the *http.MaxBytesError into a 413.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.cfg.MaxBody {
			writeError(w, r, http.StatusRequestEntityTooLarge, s.tooLargeFor(r))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		next.ServeHTTP(w, r)
	})
}

// tooLarge is the message of a 413.
func (s *Server) tooLarge() string {
	return fmt.Sprintf("the request body is larger than the server's limit of %s", sizeText(s.cfg.MaxBody))
}

// tooLargeFor is the message of a 413 for the request r: on the form's
// pages, what to do with a deal too large for them.
func (s *Server) tooLargeFor(r *http.Request) string {
	if wantsJSON(r) {
		return s.tooLarge()
	}
	return s.tooLarge() + ": check a deal this large (one with many sub-processors) with dpakit validate, or send its deal file to the API as YAML or JSON, or ask for the server to be started with a larger --max-body"
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// isTooLarge reports whether err comes from reading past the body limit.
func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// limiter bounds the renders running at once, and the requests waiting
// for one, so that a burst costs a bounded amount of memory: a request
// that finds the queue full, or waits too long, is refused with 503.
type limiter struct {
	slots chan struct{}
	queue chan struct{}
	wait  time.Duration
}

func newLimiter(renders, queue int, wait time.Duration) *limiter {
	return &limiter{slots: make(chan struct{}, renders), queue: make(chan struct{}, renders+queue), wait: wait}
}

// errBusy means every render slot and queue place is taken.
var errBusy = errors.New("the server is busy rendering other documents; try again in a moment")

// acquire takes a render slot, waiting in the queue if there is room; the
// returned function gives it back.
func (l *limiter) acquire(ctx context.Context) (func(), error) {
	select {
	case l.queue <- struct{}{}:
	default:
		return nil, errBusy
	}
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return func() { <-l.slots; <-l.queue }, nil
	case <-t.C:
		<-l.queue
		return nil, errBusy
	case <-ctx.Done():
		<-l.queue
		return nil, ctx.Err()
	}
}

// render is gin middleware for the routes that render documents: it holds
// a render slot for the request, or answers 503 with Retry-After.
func (s *Server) render(c *gin.Context) {
	release, err := s.limiter.acquire(c.Request.Context())
	if err != nil {
		c.Header("Retry-After", "1")
		writeError(c.Writer, c.Request, http.StatusServiceUnavailable, errBusy.Error())
		c.Abort()
		return
	}
	defer release()
	c.Next()
}
