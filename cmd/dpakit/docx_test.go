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

// TestRenderDOCXDate checks the Word file's properties take --date, as the
// PDF's do, and otherwise the effective date, so the same deal gives the
// same bytes.
func TestRenderDOCXDate(t *testing.T) {
	dir := t.TempDir()
	core := func(args ...string) string {
		out := filepath.Join(dir, "dpa.docx")
		os.Remove(out)
		code, _, errs := dpakit(t, "", append([]string{"render", exampleDealPath, "-o", out}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		zr, err := zip.OpenReader(out)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			if f.Name == "docProps/core.xml" {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				return string(b)
			}
		}
		t.Fatal("no docProps/core.xml")
		return ""
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if c := core(); !strings.Contains(c, ">2026-12-01T00:00:00Z</dcterms:created>") {
		t.Errorf("without --date, core.xml = %s", c)
	}
	if c := core("--date", "2027-03-04"); !strings.Contains(c, ">2027-03-04T00:00:00Z</dcterms:created>") {
		t.Errorf("--date 2027-03-04: core.xml = %s", c)
	}
}
