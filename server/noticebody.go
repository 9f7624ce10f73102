package server

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/suggest"
	"go.yaml.in/yaml/v3"
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
// list[0].country; customer.effective_date), its line the body's (the one
// it names, for a part read with the body's lines; else that of the node
// at its path), its file the request. A problem of no file (a value the
// part lacks, such as a customer deal's effective_date) is the part's
// too. Problems of another file (the server's profile) and errors that
// are not a validation error are returned unchanged.
func (p bodyPart) inBody(err error) error {
	var ve *deal.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	out := make([]deal.Problem, len(ve.Problems))
	for i, pr := range ve.Problems {
		if pr.File == p.file || pr.File == "" {
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

// listShapes returns, by key, the problems of what the notice request body
// data (already parsed by deal.ParseBody) gives under each of keys as a
// list of sub-processors: see listShapeProblems. Keys without a problem
// are absent.
func listShapes(data []byte, keys ...string) map[string][]deal.Problem {
	var doc yaml.Node
	if yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc) != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil // deal.ParseBody has said why
	}
	out := map[string][]deal.Problem{}
	for _, key := range keys {
		if ps := listShapeProblems(valueAt(doc.Content[0], key), key); len(ps) > 0 {
			out[key] = ps
		}
	}
	return out
}

// listShapeProblems returns the problems of n, given under key as a list
// of sub-processors (an array of them, a list file, a deal or a profile),
// that the list's decoding would word as a Go type's or pass in silence:
// a single value (a string is taken for a file name, which the API does
// not read), and a null entry of the list, at its path (old[0]), which
// the decoding would drop. Nil for none, or when n is nil or null.
func listShapeProblems(n *yaml.Node, key string) []deal.Problem {
	switch {
	case n == nil || isNullNode(n):
		return nil
	case n.Kind == yaml.ScalarNode:
		what := "the value " + suggest.Quote(n.Value)
		switch n.ShortTag() {
		case "!!str":
			what = "the string " + suggest.Quote(n.Value)
		case "!!int", "!!float":
			what = "the number " + n.Value
		case "!!bool":
			what = "the value " + n.Value
		}
		return []deal.Problem{{File: requestName, Line: n.Line, Path: key, Rule: "notice", Message: notAListMessage(what, n.ShortTag() == "!!str")}}
	}
	list, at := listNode(n, key)
	var ps []deal.Problem
	for i, entry := range list {
		if isNullNode(entry) {
			ps = append(ps, deal.Problem{File: requestName, Line: entry.Line, Path: fmt.Sprintf("%s[%d]", at, i), Rule: "notice",
				Message: "is empty (null), not a sub-processor: remove the entry, or give the sub-processor's name, purpose, location, country, category and transfer_mechanism"})
		}
	}
	return ps
}

// notAListMessage says that a list of sub-processors was given as a single
// value, described by what, and what to send instead; a string is most
// likely a file name, which the API does not read.
func notAListMessage(what string, text bool) string {
	msg := "want a list of sub-processors (an array of them, or a list file, deal or profile as an object), not " + what
	if text {
		msg += ": the API does not read files, so send the list itself in the body"
	}
	return msg
}

// listNode returns the entries of the list of sub-processors that n, given
// under key, holds, and their path in the body: n itself when it is a
// list (old), its list (old.list) for a list file, its subprocessors.list
// (old.subprocessors.list) for a deal or profile; none when it holds no
// list.
func listNode(n *yaml.Node, key string) ([]*yaml.Node, string) {
	switch {
	case n.Kind == yaml.SequenceNode:
		return n.Content, key
	case valueAt(n, "list") != nil:
		if l := valueAt(n, "list"); l.Kind == yaml.SequenceNode {
			return l.Content, key + ".list"
		}
	case valueAt(valueAt(n, "subprocessors"), "list") != nil:
		if l := valueAt(valueAt(n, "subprocessors"), "list"); l.Kind == yaml.SequenceNode {
			return l.Content, key + ".subprocessors.list"
		}
	}
	return nil, key
}

// valueAt returns the value of key in the mapping n (the first, when it is
// given twice); nil when n is nil or no mapping, or has no such key.
func valueAt(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// isNullNode reports whether n is null ("~", "null" or nothing).
func isNullNode(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}
