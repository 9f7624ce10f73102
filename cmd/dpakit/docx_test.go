package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderDOCX renders the example DPA and an annex as Word documents, as
// counsel asks for them, and reads the package back.
func TestRenderDOCX(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		doc, paper, wantText, wantSize string
	}{
		{"dpa", "a4", "Müller Logistik GmbH", `w:w="11906"`},
		{"annex-ii", "letter", "Technical and Organisational Measures", `w:w="12240"`},
	} {
		t.Run(tc.doc, func(t *testing.T) {
			out := filepath.Join(dir, tc.doc+".docx")
			code, _, errs := dpakit(t, "", "render", exampleDealPath, "--doc", tc.doc, "--format", "docx", "--paper", tc.paper, "-o", out)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatalf("not a .docx package: %v", err)
			}
			var doc []byte
			for _, f := range zr.File {
				if f.Name == "word/document.xml" {
					rc, _ := f.Open()
					doc, _ = io.ReadAll(rc)
					rc.Close()
				}
			}
			if !bytes.Contains(doc, []byte(tc.wantText)) || !bytes.Contains(doc, []byte(tc.wantSize)) {
				t.Errorf("document.xml lacks %q or page size %s", tc.wantText, tc.wantSize)
			}
		})
	}
	// An unknown paper is a usage error naming the allowed values.
	code, _, errs := dpakit(t, "", "render", exampleDealPath, "--format", "docx", "--paper", "a3", "-o", filepath.Join(dir, "x.docx"))
	if code != 2 || !strings.Contains(errs, "a4, letter") {
		t.Errorf("--paper a3: exit %d, %q", code, errs)
	}
}
