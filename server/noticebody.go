package server

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/deal"
	"go.yaml.in/yaml/v3"
)

// bodyPart is one part of a notice request's body (old, new or customer)
// that is read as a document of its own: its problems name that
// document's paths and lines, which inBody turns into the body's.
type bodyPart struct {
	key  string     // the body's key: "old", "new" or "customer"
	node *yaml.Node // the part as the body gives it, with the body's lines
	file string     // the name the part was read under
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
				pr.Line = nodeAt(p.node, rel).Line
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

// nodeAt returns the node at path (keys and [index] steps, such as
// list[2].country) below n, or the deepest node on the way to it that
// exists.
func nodeAt(n *yaml.Node, path string) *yaml.Node {
	for _, step := range pathSteps(path) {
		next := childAt(n, step)
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

// pathSteps splits a problem path into keys and [index] steps.
func pathSteps(path string) []string {
	var steps []string
	for _, key := range strings.Split(path, ".") {
		for key != "" {
			open := strings.IndexByte(key, '[')
			switch {
			case open > 0:
				steps, key = append(steps, key[:open]), key[open:]
			case open == 0:
				end := strings.IndexByte(key, ']')
				if end < 0 {
					return append(steps, key)
				}
				steps, key = append(steps, key[:end+1]), key[end+1:]
			default:
				steps, key = append(steps, key), ""
			}
		}
	}
	return steps
}

// childAt returns the child of n at one step: a mapping's value by key,
// a sequence's item by [index]; nil when there is none.
func childAt(n *yaml.Node, step string) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if strings.HasPrefix(step, "[") {
		i, err := strconv.Atoi(strings.Trim(step, "[]"))
		if err != nil || n.Kind != yaml.SequenceNode || i < 0 || i >= len(n.Content) {
			return nil
		}
		return n.Content[i]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == step {
			return n.Content[i+1]
		}
	}
	return nil
}
