package subproc

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestVocabularyMatchesTags checks that the validate tags of Subprocessor
// allow exactly the codes of the vocabulary.
func TestVocabularyMatchesTags(t *testing.T) {
	typ := reflect.TypeFor[Subprocessor]()
	for _, tt := range []struct {
		field   string
		choices []Choice
	}{
		{"Category", Categories()},
		{"TransferMechanism", TransferMechanisms()},
	} {
		f, _ := typ.FieldByName(tt.field)
		_, oneof, ok := strings.Cut(f.Tag.Get("validate"), "oneof=")
		if !ok {
			t.Fatalf("%s has no oneof tag", tt.field)
		}
		oneof, _, _ = strings.Cut(oneof, ",")
		if diff := cmp.Diff(Codes(tt.choices), strings.Fields(oneof)); diff != "" {
			t.Errorf("%s: tag and vocabulary differ (-vocabulary +tag):\n%s", tt.field, diff)
		}
	}
}

func TestMatchChoice(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"scc", "scc"},
		{"Standard Contractual Clauses", "scc"},
		{"  standard   contractual clauses ", "scc"},
		{"EU-U.S. DPF", "dpf"},
		{"None required (EEA or adequate country)", "none"},
		{"None required (EEA)", "none"},
		{"Adequacy", "adequacy"},
		{"binding corporate rules", "bcr"},
		{"BCRs", "bcr"},
		{"Binding Corporate Rules (BCR)", "bcr"},
		{"consent", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := MatchChoice(TransferMechanisms(), tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("MatchChoice(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	if got, _ := MatchChoice(Categories(), "Hosting"); got != CategoryInfrastructure {
		t.Errorf("MatchChoice(Categories, Hosting) = %q", got)
	}
}

// TestVocabularyUnambiguous checks that no word names two codes.
func TestVocabularyUnambiguous(t *testing.T) {
	for _, choices := range [][]Choice{Categories(), TransferMechanisms()} {
		owner := map[string]string{}
		for _, c := range choices {
			for _, w := range append([]string{c.Code, c.Label}, c.Synonyms...) {
				k := FoldWords(w)
				if o, ok := owner[k]; ok && o != c.Code {
					t.Errorf("%q names both %q and %q", w, o, c.Code)
				}
				owner[k] = c.Code
			}
		}
	}
}

func TestNameKey(t *testing.T) {
	for _, tt := range [][2]string{{"AWS ", "aws"}, {"  Amazon   Web Services ", "amazon web services"}, {"", ""}} {
		if got := NameKey(tt[0]); got != tt[1] {
			t.Errorf("NameKey(%q) = %q; want %q", tt[0], got, tt[1])
		}
	}
}
