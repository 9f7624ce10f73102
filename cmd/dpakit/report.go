package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// report tells the user, on standard error, what was written to the file
// out: "dpa.pdf: PDF, 14 pages, 182 KB". Nothing is said for standard
// output (the data is the answer) or with --quiet.
func (a *app) report(out, what string) {
	if a.quiet || out == "" || out == "-" {
		return
	}
	fmt.Fprintf(a.stderr, "%s: %s\n", out, what)
}

// describeOutput describes a finished document: its format, its pages when
// it is a PDF, and its size.
func describeOutput(format string, data []byte) string {
	label := map[string]string{"pdf": "PDF", "html": "HTML", "md": "Markdown", "docx": "Word document", "xlsx": "Excel workbook"}[format]
	if label == "" {
		label = format
	}
	if format == "pdf" {
		if n := pdfPages(data); n > 0 {
			label += ", " + plural(n, "page")
		}
	}
	return label + ", " + byteSize(len(data))
}

// pagesCount finds the page tree's /Count in a PDF's root /Pages object.
var pagesCount = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)`)

// pdfPages returns the number of pages of a PDF written by dpakit, from its
// page tree, or 0 when it cannot tell.
func pdfPages(data []byte) int {
	m := pagesCount.FindSubmatch(data)
	if m == nil {
		return 0
	}
	n, err := strconv.Atoi(string(bytes.TrimSpace(m[1])))
	if err != nil {
		return 0
	}
	return n
}

// byteSize writes a size the way a file manager does: "812 bytes",
// "18 KB", "2.4 MB" (1 KB = 1,000 bytes).
func byteSize(n int) string {
	switch {
	case n < 1000:
		return plural(n, "byte")
	case n < 1_000_000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// plural writes "1 page", "14 pages".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
