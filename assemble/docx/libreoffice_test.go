package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/pdf"

	// Paces the collector of this test binary (see package testgc).
	_ "github.com/dpakit/dpakit/fixtures/testgc"
)

// tool returns the path of an external program the test needs, skipping
// the test when it is absent, unless DPAKIT_REQUIRE_TOOLS is set (as in CI).
func tool(t *testing.T, names ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skipf("-short leaves out the tests that run other programs (%s)", names[0])
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv("DPAKIT_REQUIRE_TOOLS") != "" {
		t.Fatalf("%s not found (DPAKIT_REQUIRE_TOOLS is set; apt-get install libreoffice-writer-nogui poppler-utils)", names[0])
	}
	t.Skipf("%s not found; apt-get install libreoffice-writer-nogui poppler-utils to run this test", names[0])
	return ""
}

// pdfText returns the text pdftotext extracts in layout mode (a hanging
// number stays on its paragraph's first line), white space folded and
// typographic ligatures undone.
func pdfText(t *testing.T, pdftotext, file string) string {
	t.Helper()
	out, err := exec.Command(pdftotext, "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	s := strings.NewReplacer("ﬁ", "fi", "ﬂ", "fl", "ﬀ", "ff", "ﬃ", "ffi", "ﬄ", "ffl").Replace(string(out))
	return strings.Join(strings.Fields(s), " ")
}

// numbered returns, in order, what a reader sees of each numbered heading
// and paragraph: "12. International Transfers", "A. List of Parties",
// "8.2 The notice", "(a) the nature".
func numbered(d *document.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *document.Heading:
			switch {
			case b.Number != "" && b.Level == 2:
				out = append(out, b.Number+". "+b.Text)
			case b.Number != "":
				out = append(out, b.Number+" "+b.Text)
			default:
				out = append(out, b.Text)
			}
		case *document.Paragraph:
			if b.Marker == "" || b.Marker == "•" || b.Marker == "–" {
				continue
			}
			words := strings.Fields(document.PlainText(b.Runs))
			out = append(out, b.Marker+" "+strings.Join(words[:min(2, len(words))], " "))
		}
	}
	return out
}

// inOrder reports the first of want not found in text after its
// predecessor, or "".
func inOrder(text string, want []string) string {
	at := 0
	for _, w := range want {
		w = strings.Join(strings.Fields(w), " ")
		i := strings.Index(text[at:], w)
		if i < 0 {
			return w
		}
		at += i + len(w)
	}
	return ""
}

// TestLibreOffice opens DOCX files the way a user does, in a word
// processor: LibreOffice converts them to PDF, and the text of that PDF must
// hold every heading and every clause and item number of the PDF writer's
// output, in the same order. The numbers there come from Word numbering
// (TestFixturePackages proves document.xml holds none as text), so this
// proves LibreOffice computes the same numbers dpakit does.
func TestLibreOffice(t *testing.T) {
	// LibreOffice works in its own process while the other parallel tests run.
	t.Parallel()
	soffice := tool(t, "soffice", "libreoffice")
	pdftotext := tool(t, "pdftotext")
	docs := fixtureDocs(t)
	pick := []string{"example/dpa", "seed-001/dpa", "seed-004/dpa", "example/annex-i", "seed-004/annex-iii"}
	dir := t.TempDir()
	dw, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	pw, err := pdf.New(pdf.Options{ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, k := range pick {
		d := docs[k]
		if d == nil {
			t.Fatalf("fixture %s missing", k)
		}
		base := filepath.Join(dir, strings.ReplaceAll(k, "/", "-"))
		if err := os.WriteFile(base+".docx", write(t, dw, d), 0o644); err != nil {
			t.Fatal(err)
		}
		var ref bytes.Buffer
		if err := pw.Write(&ref, d); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(base+".ref.pdf", ref.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, base+".docx")
	}
	// The example DPA once more, every REF field showing 0: LibreOffice,
	// like Word when it updates fields, computes each from the heading it
	// names, so its text must be the same as the DPA's.
	stale := filepath.Join(dir, "example-dpa-stale")
	if err := os.WriteFile(stale+".docx", staleFields(t, write(t, dw, docs["example/dpa"])), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, stale+".docx")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// A private profile: a user's running LibreOffice or a parallel test
	// run must not share (and lock) ours.
	profile := filepath.Join(dir, "profile")
	seedProfile(t, ctx, soffice, profile)
	args := append([]string{"-env:UserInstallation=file://" + profile,
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", filepath.Join(dir, "out")}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	t.Run("fields updated", func(t *testing.T) {
		got := pdfText(t, pdftotext, filepath.Join(dir, "out", "example-dpa-stale.pdf"))
		want := pdfText(t, pdftotext, filepath.Join(dir, "out", "example-dpa.pdf"))
		if got != want {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Errorf("with its REF fields computed by LibreOffice the DPA reads …%s… where dpakit wrote …%s…", got[max(0, i-60):min(len(got), i+40)], want[max(0, i-60):min(len(want), i+40)])
		}
	})
	for _, k := range pick {
		t.Run(k, func(t *testing.T) {
			name := strings.ReplaceAll(k, "/", "-")
			got := filepath.Join(dir, "out", name+".pdf")
			if _, err := os.Stat(got); err != nil {
				t.Fatalf("LibreOffice did not convert %s.docx: %v", name, err)
			}
			want := numbered(docs[k])
			if len(want) == 0 {
				t.Fatalf("only %d numbered blocks in %s", len(want), k)
			}
			if miss := inOrder(pdfText(t, pdftotext, filepath.Join(dir, name+".ref.pdf")), want); miss != "" {
				t.Fatalf("the PDF writer's output lacks %q (the expectation is wrong)", miss)
			}
			if miss := inOrder(pdfText(t, pdftotext, got), want); miss != "" {
				t.Errorf("the DOCX, as LibreOffice prints it, lacks %q (or has it out of order)", miss)
			}
		})
	}
}

// staleFields returns the DOCX package data with the cached result of every
// REF field replaced by "0", as fields look that Word has not computed.
func staleFields(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	replaced := 0
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "word/document.xml" {
			b = refField.ReplaceAllFunc(b, func(m []byte) []byte {
				replaced++
				sub := refField.FindSubmatchIndex(m)
				return slices.Concat(m[:sub[4]], []byte("0"), m[sub[5]:])
			})
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if replaced < 20 {
		t.Fatalf("only %d REF fields in the example DPA", replaced)
	}
	return out.Bytes()
}

// loVersion matches the release in soffice --version: "LibreOffice 7.4.7.2 …".
var loVersion = regexp.MustCompile(`LibreOffice (\d+\.\d+)`)

// seedProfile writes a LibreOffice user profile at dir that records the
// installed release as the last one it ran. A profile without that record
// counts as "first start after an upgrade", and on every such start
// LibreOffice runs its hundred graphics self-tests (GraphicsRenderTests),
// about 4 s of CPU, before it converts anything; --convert-to never
// records the release, so without the seed every run pays them. When the
// release cannot be read the profile is left empty: slower, not wrong.
func seedProfile(t *testing.T, ctx context.Context, soffice, dir string) {
	t.Helper()
	out, err := exec.CommandContext(ctx, soffice, "--version").Output()
	m := loVersion.FindSubmatch(out)
	if err != nil || m == nil {
		t.Logf("LibreOffice release unknown (%v, %q): its profile is not seeded", err, out)
		return
	}
	xcu := `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>` + string(m[1]) + `</value></prop></item>
</oor:items>
`
	if err := os.MkdirAll(filepath.Join(dir, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "user", "registrymodifications.xcu"), []byte(xcu), 0o644); err != nil {
		t.Fatal(err)
	}
}
