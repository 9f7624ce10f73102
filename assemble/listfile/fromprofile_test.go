package listfile

import (
	"errors"
	"testing"

	"github.com/dpakit/dpakit/assemble/sublist"
)

// TestLoadRefusesListFromProfile is the regression test for a deal with a
// subprocessors section but no list (a deal whose list is its profile's),
// which was read as an empty list: diff then found every sub-processor
// removed, and a notice announced every one as new. It is refused as a
// file with no subprocessors section is, saying that its list is the
// profile's; an explicit "list: []" stays an empty list.
func TestLoadRefusesListFromProfile(t *testing.T) {
	const want = `deal.yaml: no sub-processor list: its subprocessors section has no list, so the deal takes its list from its profile; give the profile (or a list file) instead (a deal without any sub-processor writes "list: []")`
	for _, data := range []string{
		"customer: {name: X}\nsubprocessors:\n  objection_days: 15\n",
		"customer: {name: X}\nsubprocessors: { objection_days: 20 }\n",
		"customer: {name: X}\nsubprocessors:\n",
		"{\"subprocessors\": {\"objection_days\": 15}}",
	} {
		name := "deal.yaml"
		_, err := Load([]byte(data), name)
		var nl *NoListError
		if err == nil || err.Error() != want || !errors.As(err, &nl) || !errors.Is(err, sublist.ErrInvalid) {
			t.Errorf("%q: err = %v\nwant  %s (a sublist.ErrInvalid)", data, err, want)
		}
	}
	for _, data := range []string{
		"subprocessors:\n  objection_days: 15\n  list: []\n",
		"subprocessors: { list: [] }\n",
		"list: []\n",
	} {
		if list, err := Load([]byte(data), "deal.yaml"); err != nil || len(list) != 0 {
			t.Errorf("%q: %v, %v; want the empty list", data, list, err)
		}
	}
	// The file's own gdpr setting still decides how a list put into it is
	// judged (import --into a US-only deal without a list).
	us := []byte("gdpr: { applies: false }\nsubprocessors: { objection_days: 15 }\n")
	if rd := NewReader(nil); rd.ForFile(us, "us.yaml") == rd {
		t.Error("ForFile ignores the gdpr setting of a deal without a list")
	}
}
