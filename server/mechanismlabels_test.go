package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestFormNamesMechanismsByLabel: the form's user picks a transfer
// mechanism by the label of its radio button, so a problem or warning
// about one names the label (“None required ...”, “Standard contractual
// clauses ...”), not the code a deal file writes ("none", "scc").
func TestFormNamesMechanismsByLabel(t *testing.T) {
	s := newTestServer(t)
	vals := submitExample(t, s, func(v url.Values) {
		v.Set("subprocessors.list[1].country", "KR")
		v.Set("subprocessors.list[1].transfer_mechanism", "none")
	})
	res := postForm(t, s, "/check", vals)
	var got checkAnswer
	if err := json.Unmarshal(readAll(t, res), &got); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %v", res.StatusCode, err)
	}
	var found bool
	for _, w := range got.Warnings {
		if w.Path != "subprocessors.list[1].transfer_mechanism" {
			continue
		}
		found = true
		if strings.Contains(w.Message, `"none"`) || strings.Contains(w.Message, `"scc"`) ||
			!strings.Contains(w.Message, "“None required") || !strings.Contains(w.Message, "use “Standard contractual clauses") {
			t.Errorf("the warning names codes, not the form's labels: %s", w.Message)
		}
	}
	if !found {
		t.Fatalf("no warning at the transfer mechanism: %+v", got.Warnings)
	}
}
