package server

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/fixtures"
)

// TestAPIProcessingPartlyFromProfile: a deal that describes only its data
// subjects and takes the rest of Annex I.B from the server's profile (the
// processor-option2 fixture as it was) is warned in the validate answer,
// at the request's processing key, and in X-Dpakit-Warnings beside a
// document; the fixture as it is now, which describes all four, is not.
func TestAPIProcessingPartlyFromProfile(t *testing.T) {
	s := newTestServer(t)
	src, err := fs.ReadFile(fixtures.FS, "deals/processor-option2.yaml")
	if err != nil {
		t.Fatal(err)
	}
	head, _, ok := strings.Cut(string(src), "  data_categories:")
	if !ok {
		t.Fatal("the fixture gives no processing.data_categories")
	}
	line := strings.Count(head[:strings.Index(head, "\nprocessing:")+1], "\n") + 1
	partly := func(body []byte) []apiProblem {
		t.Helper()
		res := do(t, s, http.MethodPost, "/api/v1/validate", "application/yaml", body)
		var pb problemsBody
		if err := json.Unmarshal(readAll(t, res), &pb); err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != http.StatusOK || !pb.Valid {
			t.Fatalf("status %d valid %v problems %+v", res.StatusCode, pb.Valid, pb.Problems)
		}
		var out []apiProblem
		for _, w := range pb.Warnings {
			if w.Rule == deal.WarnProcessingFromProfile {
				out = append(out, w)
			}
		}
		return out
	}
	if ws := partly(src); ws != nil {
		t.Errorf("the fixture: warnings %+v, want none", ws)
	}
	ws := partly([]byte(head))
	if len(ws) != 1 || ws[0].Path != "processing" || ws[0].Line != line || ws[0].File != "" ||
		!strings.HasPrefix(ws[0].Message, "the deal sets processing.data_subjects but takes processing.data_categories, processing.nature and processing.purposes from the profile") {
		t.Errorf("only the data subjects: warnings %+v, want one at processing, line %d of the request", ws, line)
	}
	res := do(t, s, http.MethodPost, "/api/v1/documents/dpa?format=md", "application/yaml", []byte(head))
	readAll(t, res)
	want := fmt.Sprintf("%s at processing", deal.WarnProcessingFromProfile)
	if got := res.Header.Get(warningsHeader); res.StatusCode != http.StatusOK || !strings.Contains(got, want) {
		t.Errorf("document: status %d, %s %q, want it to name %q", res.StatusCode, warningsHeader, got, want)
	}
}
