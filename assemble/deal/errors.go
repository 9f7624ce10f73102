package deal

import (
	"errors"
	"strings"
)

// ErrInvalid is the category of every error that describes a problem with
// the input (a deal or profile that cannot be decoded, or a deal that breaks
// a rule): errors.Is(err, ErrInvalid) is true for a *ValidationError.
var ErrInvalid = errors.New("invalid deal")

// Problem is one thing wrong with a deal or profile, in terms the person who
// wrote it can act on.
type Problem struct {
	// File is the name of the file the problem was found in, when known.
	File string `json:"file,omitempty"`
	// Line is the 1-based line in File, when known.
	Line int `json:"line,omitempty"`
	// Path is the YAML path of the offending value, such as
	// "subprocessors.list[3].country"; "" for a problem with the whole file.
	Path string `json:"path"`
	// Rule names the rule broken: a validate tag ("required", "line", ...),
	// a cross-field rule ("eu_governing_law", ...) or a decoding rule
	// ("unknown_field", "type", ...).
	Rule string `json:"rule"`
	// Message says what is wrong, in plain English, without the path.
	Message string `json:"message"`
}

// String returns "path: message", or "file: message" for a problem with a
// whole file.
func (p Problem) String() string {
	switch {
	case p.Path != "":
		return p.Path + ": " + p.Message
	case p.File != "":
		return p.File + ": " + p.Message
	}
	return p.Message
}

// ValidationError lists every problem found in a deal, all at once, in a
// deterministic order. It is the only error type Load and Validate
// return for bad input.
type ValidationError struct {
	// File is the file every problem was found in, or "" when the problems
	// come from several files or concern the merged deal as a whole.
	File     string    `json:"file,omitempty"`
	Problems []Problem `json:"problems"`
}

// Error lists the problems, one "path: message" line each.
func (e *ValidationError) Error() string {
	if len(e.Problems) == 0 {
		return ErrInvalid.Error()
	}
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns ErrInvalid, so that errors.Is(err, ErrInvalid) holds.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// newValidationError returns a *ValidationError for problems, with File set
// when they all come from the same file.
func newValidationError(problems []Problem) *ValidationError {
	e := &ValidationError{Problems: problems}
	for i, p := range problems {
		if p.File == "" || (i > 0 && p.File != e.File) {
			e.File = ""
			break
		}
		e.File = p.File
	}
	return e
}
