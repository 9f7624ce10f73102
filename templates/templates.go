// Package templates embeds the built-in document templates: one per
// document kind, each setting the order of a document's sections and the
// clauses it pulls in.
package templates

import "embed"

// FS holds the built-in templates (*.tmpl).
//
//go:embed *.tmpl
var FS embed.FS
