// Package clauses embeds the built-in clause library: one Markdown file per
// clause with front matter, and the Annex II measure catalogue.
package clauses

import "embed"

// FS holds the built-in clauses (*.md), their approved fallbacks
// (fallbacks/*.md) and measures.yaml.
//
//go:embed *.md measures.yaml fallbacks/*.md
var FS embed.FS
