package deal

import (
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// readExample returns testdata/example.yaml, a copy of
// shared/spec/deal.example.yaml.
func readExample(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// exampleDeal returns the example deal, loaded, defaulted and valid.
func exampleDeal(t testing.TB) *Deal {
	t.Helper()
	d, err := Load(readExample(t), "deal.yaml", nil, "")
	if err != nil {
		t.Fatalf("example deal: %v", err)
	}
	return d
}

// problems returns the problems of a *ValidationError (nil for nil) and
// fails the test for any other error.
func problems(t testing.TB, err error) []Problem {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v (%T) is not a *ValidationError", err, err)
	}
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("errors.Is(%v, ErrInvalid) = false", err)
	}
	return ve.Problems
}

// ignoreLocation compares problems without File and Line.
var ignoreLocation = cmpopts.IgnoreFields(Problem{}, "File", "Line")

func diffProblems(t testing.TB, want, got []Problem) {
	t.Helper()
	if diff := cmp.Diff(want, got, ignoreLocation, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
