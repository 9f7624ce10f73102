// Package clauses embeds the built-in clause library: one Markdown file per
// clause with front matter, and the Annex II measure catalogue.
package clauses

import "embed"

// FS holds the built-in clauses (*.md), their approved fallbacks
// (fallbacks/*.md), measures.yaml and versions.lock, which records each
// file's version and text hash (dpakit lint --update-lock).
//
//go:embed *.md measures.yaml versions.lock fallbacks/*.md
var FS embed.FS
