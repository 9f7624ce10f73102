package sublist

import (
	"testing"

	"github.com/dpakit/dpakit/assemble/subproc"
)

// TestDiffComparesDataAsLists is the regression test for a change of data
// categories that Diff did not see because it compared them joined with
// "; ": ["Logs; metrics", "IP address"] and ["Logs", "metrics", "IP
// address"] read the same. They are compared as lists, and the change
// names each side so that the two can be told apart.
func TestDiffComparesDataAsLists(t *testing.T) {
	old := subproc.Subprocessor{Name: "Datadog", Purpose: "Monitoring", Location: "EU", Country: "DE",
		Category: subproc.CategoryService, TransferMechanism: subproc.TransferNone, Data: []string{"Logs; metrics", "IP address"}}
	cur := old
	cur.Data = []string{"Logs", "metrics", "IP address"}
	ch := Diff([]subproc.Subprocessor{old}, []subproc.Subprocessor{cur})
	if len(ch.Changed) != 1 || len(ch.Changed[0].Fields) != 1 {
		t.Fatalf("Diff = %+v, want the data categories changed", ch)
	}
	f := ch.Changed[0].Fields[0]
	if f.Field != "data" || f.Old != `"Logs; metrics"; "IP address"` || f.New != "Logs; metrics; IP address" {
		t.Errorf("change %+v", f)
	}
	// Applied to the old list, the change gives the new one.
	if got := ApplyTo([]subproc.Subprocessor{old}, ch); len(got) != 1 || len(got[0].Data) != 3 {
		t.Errorf("ApplyTo = %+v", got)
	}
	if !Diff([]subproc.Subprocessor{cur}, []subproc.Subprocessor{cur}).Empty() {
		t.Error("the same list differs")
	}
}
