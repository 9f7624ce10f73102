package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/dpakit/dpakit/assemble/htmldoc"
)

const chromiumPath = "/usr/bin/chromium"

// BenchmarkChromiumPrintPDF is the yardstick for BenchmarkRenderPDF: the
// same example DPA (fixtures/deals/bench-40.yaml) written as HTML by
// assemble/htmldoc and printed to PDF by headless Chromium, one fresh
// browser process per document as a command-line conversion would run it.
func BenchmarkChromiumPrintPDF(b *testing.B) {
	if _, err := os.Stat(chromiumPath); err != nil {
		b.Skipf("%s is not installed (Debian: apt-get install chromium): %v", chromiumPath, err)
	}
	eng, deals := fixtureDeals(b)
	d, ok := deals["bench-40"]
	if !ok {
		b.Fatal("fixtures/deals/bench-40.yaml is missing")
	}
	doc, err := eng.Assemble(d, "dpa")
	if err != nil {
		b.Fatal(err)
	}
	var html bytes.Buffer
	if err := htmldoc.New().Write(&html, doc); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	in := filepath.Join(dir, "dpa.html")
	if err := os.WriteFile(in, html.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "dpa.pdf")
	profile := filepath.Join(dir, "profile")
	printPDF := func() {
		os.Remove(out)
		cmd := exec.Command(chromiumPath, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir="+profile, "--no-pdf-header-footer", "--print-to-pdf="+out, "file://"+in)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("chromium: %v\n%s", err, msg)
		}
	}
	// A first run creates the profile directory, as a long-lived converter
	// would have it.
	printPDF()
	raw, err := os.ReadFile(out)
	if err != nil {
		b.Fatalf("chromium wrote no PDF: %v", err)
	}
	pages := 0
	if info, err := exec.Command("pdfinfo", out).Output(); err == nil {
		if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info); m != nil {
			pages, _ = strconv.Atoi(string(m[1]))
		}
	}
	for b.Loop() {
		printPDF()
	}
	b.ReportMetric(float64(len(raw)), "bytes")
	if pages > 0 {
		b.ReportMetric(float64(pages), "pages")
	}
}
