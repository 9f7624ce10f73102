package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/dpakit/dpakit/assemble/suggest"
	"github.com/gin-gonic/gin"
)

// strictQuery is gin middleware for every route but the health checks: a
// query string that does not decode is refused with 400, naming the part
// that does not, rather than read without it (Go drops such a part in
// silence, so that ?fromat=md;x was a PDF with the misspelt name never
// reported). The routes' own checks of their parameters then apply.
func strictQuery(c *gin.Context) {
	if err := checkQuery(c.Request.URL.RawQuery); err != nil {
		writeError(c.Writer, c.Request, http.StatusBadRequest, err.Error())
		c.Abort()
		return
	}
	c.Next()
}

// checkQuery reports the first part of the raw query string (name=value,
// between ampersands) that does not decode, saying why and what to write
// instead; nil when every part decodes, as url.ParseQuery then decodes the
// whole.
func checkQuery(raw string) error {
	for part := range strings.SplitSeq(raw, "&") {
		if err := checkQueryPart(part); err != nil {
			return fmt.Errorf("query parameter %s cannot be read: %w", suggest.Quote(part), err)
		}
	}
	if _, err := url.ParseQuery(raw); err != nil {
		return fmt.Errorf("the query string cannot be read: %w", err)
	}
	return nil
}

// checkQueryPart checks one name=value part of a query string: it must
// hold no semicolon (Go no longer takes one for a separator) and decode
// (a % followed by two hex digits, or a literal % written as %25).
func checkQueryPart(part string) error {
	if strings.Contains(part, ";") {
		return errors.New("a semicolon does not separate parameters: separate them with & (and write a semicolon in a value as %3B)")
	}
	name, value, _ := strings.Cut(part, "=")
	for _, s := range []string{name, value} {
		if _, err := url.QueryUnescape(s); err != nil {
			return fmt.Errorf("%w: a %% starts an escape of two hex digits, such as %%20; write a %% itself as %%25", err)
		}
	}
	return nil
}
