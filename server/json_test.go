package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
)

// TestJSONBodyAsTheCommandLineReadsAJSONFile is the regression test for
// a deal with a trailing comma that dpakit validate accepted as YAML
// while the API refused it as JSON: a JSON body and a .json file are
// refused alike, at the same line and column, in the same words.
func TestJSONBodyAsTheCommandLineReadsAJSONFile(t *testing.T) {
	s := newTestServer(t)
	for _, body := range []string{
		"{\"effective_date\": \"2026-12-01\",\n \"breach\": {\"notice_hours\": 48},}\n",
		"{\"agreement\": 'x'}",
	} {
		_, err := deal.Load([]byte(body), "deal.json", nil, "")
		var ve *deal.ValidationError
		if !errors.As(err, &ve) || len(ve.Problems) != 1 {
			t.Fatalf("deal.json: %v, want one problem", err)
		}
		file := ve.Problems[0]
		res := do(t, s, http.MethodPost, "/api/v1/validate", "application/json", []byte(body))
		var pb problemsBody
		if err := json.Unmarshal(readAll(t, res), &pb); err != nil || res.StatusCode != http.StatusUnprocessableEntity || len(pb.Problems) != 1 {
			t.Fatalf("%d, %v, %+v", res.StatusCode, err, pb.Problems)
		}
		api := pb.Problems[0]
		if api.Message != "the body "+file.Message || api.Line != file.Line || api.Rule != file.Rule {
			t.Errorf("API %+v\nfile %+v", api, file)
		}
	}
}
