package server

import (
	"context"
	"encoding/json"
	"errors"
	"html"
	"net/http"
	"strings"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/sublist"
)

// apiProblem is one problem or warning as the API reports it.
type apiProblem struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Rule    string `json:"rule,omitempty"`
	Message string `json:"message"`
	// File is set when the value came from the server's profile rather
	// than from the request.
	File string `json:"file,omitempty"`
}

// problemsBody is the body of a 422 and of a validation result.
type problemsBody struct {
	Valid    bool         `json:"valid"`
	Problems []apiProblem `json:"problems"`
	Warnings []apiProblem `json:"warnings"`
}

// toAPI converts deal problems for the API; the request body is not named.
func toAPI(ps []deal.Problem) []apiProblem {
	out := make([]apiProblem, 0, len(ps))
	for _, p := range ps {
		ap := apiProblem{Path: p.Path, Line: p.Line, Rule: p.Rule, Message: p.Message}
		if p.File != requestName && p.File != formName {
			ap.File = p.File
		}
		out = append(out, ap)
	}
	return out
}

// The names requests' deals carry in problems.
const (
	requestName = "request"
	formName    = "form"
)

// problemsOf returns the problems an error reports to the user, and
// whether it is such an error (invalid input, or a document that does not
// apply to the deal).
func problemsOf(err error) ([]deal.Problem, bool) {
	var ve *deal.ValidationError
	if errors.As(err, &ve) {
		return ve.Problems, true
	}
	if errors.Is(err, assemble.ErrNotApplicable) {
		msg := err.Error()
		if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, assemble.ErrNotApplicable.Error()) {
			msg = msg[i+2:]
		}
		return []deal.Problem{{Rule: "not_applicable", Message: msg}}, true
	}
	if errors.Is(err, assemble.ErrLimit) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return []deal.Problem{{Rule: "limit", Message: "the document would be too large to render: " + err.Error()}}, true
	}
	var ie *sublist.ImportError
	if errors.As(err, &ie) {
		return []deal.Problem{{Rule: "list", Message: ie.Error()}}, true
	}
	if errors.Is(err, sublist.ErrInvalid) || errors.Is(err, sublist.ErrFormat) || errors.Is(err, sublist.ErrTooLarge) {
		return []deal.Problem{{Rule: "list", Message: err.Error()}}, true
	}
	return nil, false
}

// statusOf maps an error to the HTTP status and the message the client
// sees; anything unexpected is a 500 whose message reveals nothing.
func statusOf(err error) (int, string) {
	switch {
	case isTooLarge(err):
		return http.StatusRequestEntityTooLarge, ""
	case errors.Is(err, assemble.ErrUnknownDocument):
		return http.StatusNotFound, err.Error()
	case errors.Is(err, errBadOption):
		return http.StatusBadRequest, strings.TrimPrefix(err.Error(), errBadOption.Error()+": ")
	case errors.Is(err, errBusy):
		return http.StatusServiceUnavailable, err.Error()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the request was cancelled or took too long"
	}
	return http.StatusInternalServerError, ""
}

// fail answers a request that failed with err: 422 with the problems for
// invalid input, the status of statusOf otherwise; internal errors are
// logged in full and shown only as "internal error" with the request id.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if ps, ok := problemsOf(err); ok {
		writeJSON(w, http.StatusUnprocessableEntity, problemsBody{Problems: toAPI(ps), Warnings: []apiProblem{}})
		return
	}
	status, msg := statusOf(err)
	switch status {
	case http.StatusRequestEntityTooLarge:
		msg = s.tooLarge()
	case http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", "1")
	case http.StatusInternalServerError:
		s.log.Error("internal error", "request_id", requestID(r), "route", routeOf(r), "error", err.Error())
		msg = "internal error (request " + requestID(r) + ")"
	}
	writeError(w, r, status, msg)
}

// writeJSON writes v as the JSON body of a response.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error": "internal error"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// errorBody is the JSON body of every error other than a 422.
type errorBody struct {
	Error string `json:"error"`
}

// writeError answers with an error message: JSON for the API and for
// clients that ask for JSON, a short page for browsers.
func writeError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if wantsJSON(r) {
		writeJSON(w, status, errorBody{Error: msg})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	title := http.StatusText(status)
	w.Write([]byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>` +
		html.EscapeString(title) + ` · dpakit</title><link rel="stylesheet" href="/static/form.css"></head><body><main class="page"><h1>` +
		html.EscapeString(title) + `</h1><p>` + html.EscapeString(msg) + `</p><p><a href="/">Back to the form</a></p></main></body></html>`))
}

// wantsJSON reports whether the client reads JSON: an API path, or an
// Accept header that prefers it.
func wantsJSON(r *http.Request) bool {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return true
	}
	accept := r.Header.Get("Accept")
	return strings.Contains(accept, "application/json") && !strings.Contains(accept, "text/html")
}
