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

// TestMatcherFirstChoiceWins gives two choices a name in common: the first
// in order is found, as a scan of the choices in order would find it, and
// punctuation alone names nothing.
func TestMatcherFirstChoiceWins(t *testing.T) {
	m := NewMatcher([]Choice{
		{Code: "a", Label: "Shared name", Synonyms: []string{"first only"}},
		{Code: "b", Label: "Second", Synonyms: []string{"shared-name", "--"}},
	})
	for _, tt := range []struct {
		in, want string
	}{
		{"SHARED NAME", "a"},
		{"shared, name", "a"},
		{"second", "b"},
		{"first only", "a"},
		{"--", ""},
		{"", ""},
	} {
		if got, ok := m.Match(tt.in); got != tt.want || ok != (tt.want != "") {
			t.Errorf("Match(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

// TestVocabularyUnambiguous checks that no word names two codes.
func TestVocabularyUnambiguous(t *testing.T) {
	for _, choices := range [][]Choice{Categories(), TransferMechanisms()} {
		checkUnambiguous(t, choices)
	}
}

// checkUnambiguous fails for each word of choices that names two codes.
func checkUnambiguous(t *testing.T, choices []Choice) {
	t.Helper()
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

func TestNameKey(t *testing.T) {
	for _, tt := range [][2]string{{"AWS ", "aws"}, {"  Amazon   Web Services ", "amazon web services"}, {"", ""}} {
		if got := NameKey(tt[0]); got != tt[1] {
			t.Errorf("NameKey(%q) = %q; want %q", tt[0], got, tt[1])
		}
	}
}

// TestLawsTransferLabel names each mechanism for the laws that govern the
// transfers: "dpf" is the framework or frameworks that cover them (the
// EU-US one, its UK Extension, the Swiss-US one), and under the FADP alone
// "none" and "adequacy" refer to the Swiss Federal Council's list; every
// label imports back as its code.
func TestLawsTransferLabel(t *testing.T) {
	tests := []struct {
		laws       Laws
		code, want string
	}{
		{Laws{}, "dpf", "EU-US Data Privacy Framework"},
		{Laws{GDPR: true}, "dpf", "EU-US Data Privacy Framework"},
		{Laws{GDPR: true, UK: true}, "dpf", "EU-US Data Privacy Framework and its UK Extension"},
		{Laws{GDPR: true, FADP: true}, "dpf", "EU-US Data Privacy Framework; Swiss-US Data Privacy Framework"},
		{Laws{GDPR: true, UK: true, FADP: true}, "dpf", "EU-US Data Privacy Framework and its UK Extension; Swiss-US Data Privacy Framework"},
		{Laws{FADP: true}, "dpf", "Swiss-US Data Privacy Framework"},
		{Laws{UK: true, FADP: true}, "dpf", "Swiss-US Data Privacy Framework; UK Extension to the EU-US Data Privacy Framework"},
		{Laws{UK: true}, "dpf", "UK Extension to the EU-US Data Privacy Framework"},
		{Laws{FADP: true}, "none", "None required (Switzerland or a country listed as adequate by the Swiss Federal Council)"},
		// A Swiss exporter under the FADP alone with the UK Addendum: its UK
		// data rests on regulations under Article 45A UK GDPR.
		{Laws{FADP: true, UK: true}, "adequacy", "Adequacy finding of the Swiss Federal Council and regulations under Article 45A of the UK GDPR"},
		{Laws{FADP: true, UK: true}, "none", "None required (adequate under the FADP and UK Data Protection Laws)"},
		{Laws{FADP: true}, "adequacy", "Adequacy finding of the Swiss Federal Council"},
		{Laws{GDPR: true, FADP: true}, "none", "None required (EEA or adequate country)"},
		{Laws{GDPR: true, FADP: true}, "adequacy", "Adequacy decision"},
		{Laws{}, "scc", "Standard contractual clauses between Provider and the Sub-processor (Module Three)"},
		{Laws{GDPR: true}, "scc", "Standard contractual clauses between Provider and the Sub-processor (Module Three)"},
		{Laws{GDPR: true, UK: true}, "scc", "Standard contractual clauses between Provider and the Sub-processor (Module Three) with the ICO International Data Transfer Addendum"},
		{Laws{FADP: true}, "scc", "Standard contractual clauses between Provider and the Sub-processor (Module Three) with the Swiss adaptations"},
		{Laws{GDPR: true, FADP: true}, "scc", "Standard contractual clauses between Provider and the Sub-processor (Module Three) with the Swiss adaptations"},
		{Laws{UK: true, FADP: true}, "scc", "Standard contractual clauses between Provider and the Sub-processor (Module Three) with the ICO International Data Transfer Addendum and the Swiss adaptations"},
		{Laws{GDPR: true, UK: true, FADP: true}, "scc", "Standard contractual clauses between Provider and the Sub-processor (Module Three) with the ICO International Data Transfer Addendum and the Swiss adaptations"},
		{Laws{GDPR: true}, "pigeon", "pigeon"},
	}
	for _, tt := range tests {
		got := tt.laws.TransferLabel(tt.code)
		if got != tt.want {
			t.Errorf("%+v.TransferLabel(%q) = %q, want %q", tt.laws, tt.code, got, tt.want)
		}
		if tt.code == "pigeon" {
			continue
		}
		if code, ok := MatchChoice(TransferMechanisms(), got); !ok || code != tt.code {
			t.Errorf("%q imports as %q, %v; want %q", got, code, ok, tt.code)
		}
		if l, _ := Label(tt.laws.TransferMechanisms(), tt.code); l != got {
			t.Errorf("%+v.TransferMechanisms() labels %q %q, TransferLabel %q", tt.laws, tt.code, l, got)
		}
	}
	for _, l := range allLaws() {
		checkUnambiguous(t, l.TransferMechanisms())
	}
}

// TestLawsRestricted: transfers are restricted, and a DPA states transfer
// mechanisms, under any of the GDPR, UK Data Protection Laws and the FADP;
// not under none of them (a US-only deal).
func TestLawsRestricted(t *testing.T) {
	for _, l := range allLaws() {
		if want := l != (Laws{}); l.Restricted() != want {
			t.Errorf("%+v.Restricted() = %v, want %v", l, l.Restricted(), want)
		}
	}
}

// TestLegacyUKLabelsImport checks that workbooks exported before the UK
// labels cited Article 45A UK GDPR (Data (Use and Access) Act 2025) still
// import: their "none" and "adequacy" labels name the same codes, under UK
// Data Protection Laws alone, for a Swiss exporter with the UK Addendum, and
// in the list not tied to a deal.
func TestLegacyUKLabelsImport(t *testing.T) {
	for _, tt := range []struct {
		laws        Laws
		label, code string
	}{
		{Laws{UK: true, UKExporter: true}, "None required (the UK or a country covered by UK adequacy regulations)", TransferNone},
		{Laws{UK: true, UKExporter: true}, "UK adequacy regulations (section 17A of the Data Protection Act 2018)", TransferAdequacy},
		{Laws{UK: true, FADP: true}, "Adequacy finding of the Swiss Federal Council and UK adequacy regulations", TransferAdequacy},
		{Laws{}, "UK adequacy regulations (section 17A of the Data Protection Act 2018)", TransferAdequacy},
	} {
		choices := tt.laws.TransferMechanisms()
		if tt.laws == (Laws{}) {
			choices = TransferMechanisms()
		}
		if got, ok := MatchChoice(choices, tt.label); !ok || got != tt.code {
			t.Errorf("%+v: %q matched %q %v, want %q", tt.laws, tt.label, got, ok, tt.code)
		}
	}
	if got := (Laws{UK: true, UKExporter: true}).TransferLabel(TransferAdequacy); got != "Transfers approved by regulations under Article 45A of the UK GDPR" {
		t.Errorf("UK-only adequacy label %q", got)
	}
}
