package server

import (
	"errors"
	"strings"

	"github.com/dpakit/dpakit/assemble/deal"
)

// bodyPart is one part of a notice request's body (old, new or customer)
// that is read as a document of its own: its problems name that
// document's paths and lines, which inBody turns into the body's.
type bodyPart struct {
	key  string         // the body's key: "old", "new" or "customer"
	node *deal.Document // the part as the body gives it, with the body's lines
	file string         // the name the part was read under
	// wrapped: the part is a bare list, read as the list file {list: ...}.
	wrapped bool
	// bodyLines: the part was read from node itself, not from a copy of
	// it, so the lines its problems name are already the body's.
	bodyLines bool
}

// inBody returns err with each problem of the part located in the request
// body: its path under the part's key (new[0].country, not
// list[0].country), its line the body's (the one it names, for a part
// read with the body's lines; else that of the node at its path), its
// file the request. Problems of
// another file (the server's profile) and errors that are not a
// validation error are returned unchanged.
func (p bodyPart) inBody(err error) error {
	var ve *deal.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	out := make([]deal.Problem, len(ve.Problems))
	for i, pr := range ve.Problems {
		if pr.File == p.file {
			rel := pr.Path
			if p.wrapped {
				rel = strings.TrimPrefix(strings.TrimPrefix(rel, "list"), ".")
			}
			if !p.bodyLines || pr.Line == 0 {
				pr.Line = p.node.LineOf(rel)
			}
			pr.File = requestName
			pr.Path = p.key
			switch {
			case rel == "":
			case strings.HasPrefix(rel, "["):
				pr.Path += rel
			default:
				pr.Path += "." + rel
			}
		}
		out[i] = pr
	}
	return &deal.ValidationError{File: requestName, Problems: out}
}
