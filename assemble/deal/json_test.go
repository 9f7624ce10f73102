package deal

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestJSONFileIsReadAsJSON is the regression test for a .json deal with a
// trailing comma that the command line read as YAML, reporting its fields,
// while the API refused it, and for a .json file's syntax error said to be
// "not valid YAML": a .json file must be JSON, its syntax errors named in
// JSON's terms at their line and column; any other file is read as YAML.
func TestJSONFileIsReadAsJSON(t *testing.T) {
	tests := []struct {
		name, data string
		want       string // the one problem, as File:Line: Problem.String
	}{
		{"trailing.json", "{\"agreement\": \"x\",\n \"breach\": {\"notice_hours\": 48},}\n",
			"trailing.json:2: trailing.json: is not valid JSON: a comma before } (JSON allows no comma after the last item) (line 2, column 33)"},
		{"quotes.json", "{\"agreement\": 'x'}",
			"quotes.json:1: quotes.json: is not valid JSON: invalid character '\\'' looking for beginning of value (line 1, column 15)"},
		{"comment.JSON", "# a deal\n{\"agreement\": \"x\"}",
			"comment.JSON:1: comment.JSON: is not valid JSON: invalid character '#' looking for beginning of value (line 1, column 1)"},
		{"cut.json", "{\"agreement\": \"x\"",
			"cut.json:1: cut.json: is not valid JSON: unexpected end of JSON input (line 1, column 17)"},
		{"twice.json", "{\"agreement\": \"x\",\n \"agreement\": \"y\"}",
			"twice.json:2: agreement: is given twice (first at line 1)"},
		{"empty.json", " \n", "empty.json:0: empty.json: empty document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load([]byte(tt.data), tt.name, nil, "")
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("err = %v, want problems", err)
			}
			p := ve.Problems[0]
			if got := fmt.Sprintf("%s:%d: %s", p.File, p.Line, p); got != tt.want {
				t.Errorf("problem %s\nwant    %s", got, tt.want)
			}
			if strings.Contains(err.Error(), "YAML") {
				t.Errorf("a .json file's problem names YAML: %v", err)
			}
		})
	}
	// The same text in a .yaml file is YAML, which allows the comma.
	if _, err := Load([]byte(tests[0].data), "trailing.yaml", nil, ""); err == nil || strings.Contains(err.Error(), "JSON") || !strings.Contains(err.Error(), "customer: is missing") {
		t.Errorf("trailing.yaml: %v, want the deal's field problems", err)
	}
	// A byte order mark before JSON is no syntax error.
	if p := JSONProblem([]byte("\xef\xbb\xbf{}")); p != nil {
		t.Errorf("JSON with a byte order mark: %+v", p)
	}
	// A number too large for a float64 is valid JSON: the field's rule
	// judges it at its path (it had been "json: cannot unmarshal number
	// 1e400 into Go value of type float64", with no path).
	_, err := Load([]byte(`{"breach": {"notice_hours": 1e400}}`), "big.json", nil, "")
	if err == nil || !strings.Contains(err.Error(), `breach.notice_hours: "1e400" is not a whole number`) || strings.Contains(err.Error(), "float64") {
		t.Errorf("big.json: %v", err)
	}
}
