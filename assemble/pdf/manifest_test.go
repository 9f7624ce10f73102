package pdf

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/document"
)

// TestManifestModes checks what each Options.Manifest puts in the
// attached manifest: the whole negotiation for full (the default), nothing
// of it for versions, no attachment for none; and that an unknown mode is
// refused.
func TestManifestModes(t *testing.T) {
	meta := &document.Meta{
		Template: "dpa@3.1.0", LibraryVersion: "2026.11", DealHash: "9f2c4e1b", Reference: "DPA-1",
		Clauses:    []document.ClauseUse{{ID: "breach", Version: "1.6.0", Fallback: "phone-notice"}},
		Riders:     []document.RiderUse{{ID: "rider-1", After: "liability", Title: "Insurance"}},
		Deviations: []string{"breach notice 24 hours (standard 48)"},
	}
	for _, tc := range []struct {
		mode         string
		want, reject []string
	}{
		{ManifestFull, []string{`"fallback": "phone-notice"`, `"riders"`, "(standard 48)", `"deal_hash": "9f2c4e1b"`}, nil},
		{ManifestVersions, []string{`"id": "breach"`, `"version": "1.6.0"`, `"deal_hash": "9f2c4e1b"`}, []string{"phone-notice", "riders", "standard 48", "deviations"}},
	} {
		b, err := manifestJSON("1.2.3", tc.mode, meta)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("%s: manifest lacks %s:\n%s", tc.mode, w, b)
			}
		}
		for _, r := range tc.reject {
			if bytes.Contains(b, []byte(r)) {
				t.Errorf("%s: manifest has %s:\n%s", tc.mode, r, b)
			}
		}
		if !json.Valid(b) {
			t.Errorf("%s: not JSON: %s", tc.mode, b)
		}
	}
	if _, err := New(Options{Manifest: "some"}); err == nil || !strings.Contains(err.Error(), `unknown manifest "some" (want full, versions or none)`) {
		t.Errorf("New with an unknown manifest: %v", err)
	}
}

// TestManifestNoneAttachesNothing checks with pdfdetach that a PDF made
// with ManifestNone has no attachment, and one made by default has the
// manifest.
func TestManifestNoneAttachesNothing(t *testing.T) {
	dir := t.TempDir()
	for mode, want := range map[string]string{"": "1: manifest.json", ManifestNone: "0 embedded files"} {
		path := filepath.Join(dir, "m"+mode+".pdf")
		if err := os.WriteFile(path, render(t, Options{Manifest: mode}, sampleDoc(1, 3)), 0o644); err != nil {
			t.Fatal(err)
		}
		if list := tool(t, "pdfdetach", "-list", path); !strings.Contains(list, want) {
			t.Errorf("manifest %q: pdfdetach -list = %q, want %q", mode, list, want)
		}
	}
}
