package deal

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestProcessingPartlyFromProfile: a deal that describes its processing in
// part (Annex I.B's data subjects, data categories, nature and purposes)
// and takes the rest from the profile is warned, at its processing key;
// one that gives all four or none, one without a profile and one that
// repeats the profile's values is not.
func TestProcessingPartlyFromProfile(t *testing.T) {
	profile := "processing:\n" +
		"  data_subjects: [Customer's employees and contractors, Customer's end users]\n" +
		"  data_categories: [Name, IP address, Usage logs]\n" +
		"  frequency: continuous\n" +
		"  nature: Hosting, storage and analysis of network traffic logs to provide the Services\n" +
		"  purposes: [Detecting security threats to Customer's network, Technical support requested by Customer]\n" +
		"  retention: For the term of the Agreement\n"
	const (
		subjects   = "  data_subjects: [Customers and prospects of the Controller]\n"
		categories = "  data_categories: [Name, Email address, Campaign interactions]\n"
		nature     = "  nature: Storage and analysis of campaign-interaction data for the Controller's marketing campaigns\n"
		purposes   = "  purposes: [Measuring the performance of the Controller's marketing campaigns]\n"
	)
	tests := []struct {
		name, deal string
		noProfile  bool
		profile    string // instead of profile, when set
		want       string // the message; "" for no warning
	}{
		{"only the data subjects", "processing:\n" + subjects,
			false, "", "the deal sets processing.data_subjects but takes processing.data_categories, processing.nature and processing.purposes from the profile, so Annex I.B describes the profile's data categories, nature and purposes for this deal's data subjects: the profile's processing, which may not be this customer's; set processing.data_categories, processing.nature and processing.purposes in the deal too, or leave all four to the profile"},
		{"nature and purposes", "processing:\n" + nature + purposes,
			false, "", "the deal sets processing.nature and processing.purposes but takes processing.data_subjects and processing.data_categories from the profile, so Annex I.B describes the profile's data subjects and data categories for this deal's nature and purposes: the profile's processing, which may not be this customer's; set processing.data_subjects and processing.data_categories in the deal too, or leave all four to the profile"},
		{"three of four, written as block lists", "processing:\n  data_subjects:\n    - Customers and prospects of the Controller\n" + categories + "  nature: >-\n    Storage and analysis\n    of campaign data\n",
			false, "", "the deal sets processing.data_subjects, processing.data_categories and processing.nature but takes processing.purposes from the profile, so Annex I.B describes the profile's purposes for this deal's data subjects, data categories and nature: the profile's processing, which may not be this customer's; set processing.purposes in the deal too, or leave all four to the profile"},
		{"one field of its own, one the profile's repeated", "processing:\n" + subjects + "  nature: Hosting, storage and analysis of network traffic logs to provide the Services\n",
			false, "", "the deal sets processing.data_subjects and processing.nature but takes processing.data_categories and processing.purposes from the profile, so Annex I.B describes the profile's data categories and purposes for this deal's data subjects and nature: the profile's processing, which may not be this customer's; set processing.data_categories and processing.purposes in the deal too, or leave all four to the profile"},
		{"all four", "processing:\n" + subjects + categories + nature + purposes, false, "", ""},
		{"none: no processing", "reference: X\n", false, "", ""},
		{"none: only the retention", "processing:\n  retention: For the term of the Agreement, then 30 days\n", false, "", ""},
		{"no profile", "processing:\n" + subjects, true, "", ""},
		{"a profile without processing", "processing:\n" + subjects, false, "reference: Y\n", ""},
		{"the profile's data subjects repeated", "processing:\n  data_subjects:\n    - Customer's employees and  contractors\n    - Customer's end users\n", false, "", ""},
		{"the profile's nature and purposes repeated", "processing:\n  nature: Hosting, storage and analysis of network traffic logs to provide the Services\n  purposes: [Detecting security threats to Customer's network, Technical support requested by Customer]\n", false, "", ""},
		{"processing null: the profile's replaced whole", "processing: null\n", false, "", ""},
		{"a field null: neither the deal's nor taken", "processing:\n  nature: null\n  data_categories: []\n", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dn := topNode(t, "\n"+tt.deal) // the processing key, where there is one, on line 2
			pn := topNode(t, profile)
			switch {
			case tt.noProfile:
				pn = nil
			case tt.profile != "":
				pn = topNode(t, tt.profile)
			}
			ws := processingWarnings(dn, pn, "deal.yaml")
			switch {
			case tt.want == "" && ws != nil:
				t.Errorf("warnings %v, want none", ws)
			case tt.want != "" && len(ws) != 1:
				t.Errorf("warnings %v, want %q", ws, tt.want)
			case tt.want != "":
				w := ws[0]
				if w.Path != "processing" || w.Rule != WarnProcessingFromProfile || w.File != "deal.yaml" || w.Line != 2 || w.Message != tt.want {
					t.Errorf("warning %s:%d: %s (%s), want deal.yaml:2: processing: %s (%s)", w.File, w.Line, w.String(), w.Rule, tt.want, WarnProcessingFromProfile)
				}
			}
		})
	}
}

// TestProcessingPartlyFromProfileLoaded: through Load, the processor
// customer's fixture, which describes its own marketing processing in
// full, draws no warning; with only its data subjects left (as it once
// was) it is warned at the deal's processing key, and without the
// profile it is not.
func TestProcessingPartlyFromProfileLoaded(t *testing.T) {
	deal, err := os.ReadFile("../../fixtures/deals/processor-option2.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, prof := readOption1Fixture(t)
	v := NewValidator(Options{})
	rules := func(deal, prof []byte) []string {
		t.Helper()
		_, ws, _ := v.LoadWithWarnings(deal, "p2.yaml", prof, "profile.yaml")
		var got []string
		for _, w := range ws {
			if w.Rule == WarnProcessingFromProfile {
				got = append(got, fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.String()))
			}
		}
		return got
	}
	if got := rules(deal, prof); got != nil {
		t.Errorf("the fixture: warnings %q, want none", got)
	}
	head, _, ok := strings.Cut(string(deal), "  data_categories:")
	if !ok {
		t.Fatal("the fixture gives no processing.data_categories")
	}
	line := strings.Count(head[:strings.Index(head, "\nprocessing:")+1], "\n") + 1
	want := fmt.Sprintf("p2.yaml:%d: processing: the deal sets processing.data_subjects but takes processing.data_categories, processing.nature and processing.purposes from the profile", line)
	got := rules([]byte(head), prof)
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("only the data subjects: warnings %q, want one starting %q", got, want)
	}
	if got := rules([]byte(head), nil); got != nil {
		t.Errorf("without the profile: warnings %q, want none", got)
	}
}

// TestProcessorProcessingFromProfile: a processor customer's deal that
// leaves Annex I.B's whole description to the profile (or repeats it) is
// warned at its customer.role key; one that describes any part itself (the
// partial case has its own warning), a controller customer and a deal
// whose profile describes nothing are not.
func TestProcessorProcessingFromProfile(t *testing.T) {
	profile := "processing:\n" +
		"  data_subjects: [Customer's employees and contractors]\n" +
		"  nature: Hosting of network traffic logs\n" +
		"  purposes: [Detecting security threats to Customer's network]\n"
	const want = "the customer is a processor (customer.role), but Annex I.B takes its data subjects, nature and purposes from the profile, which describes the vendor's standard processing for a customer that is the controller; under Module Three Annex I.B describes the processing Customer carries out on the Controller's behalf, for the Controller's data subjects and purposes: check that the profile's description fits, or set processing.data_subjects, processing.data_categories, processing.nature and processing.purposes in the deal"
	tests := []struct {
		name, deal, profile string
		role                Role
		want                bool
	}{
		{"processor, no processing in the deal", "customer:\n  role: processor\n", profile, Processor, true},
		{"processor repeating the profile's nature", "customer:\n  role: processor\nprocessing:\n  nature: Hosting of  network traffic logs\n", profile, Processor, true},
		{"processor with its own data subjects", "customer:\n  role: processor\nprocessing:\n  data_subjects: [The Controller's patients]\n", profile, Processor, false},
		{"controller", "customer:\n  role: controller\n", profile, Controller, false},
		{"processor, the profile describes nothing", "customer:\n  role: processor\n", "processing:\n  retention: one year\n", Processor, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Deal{}
			d.Customer.Role = tt.role
			ws := processorProcessingWarnings(d, topNode(t, "\n"+tt.deal), topNode(t, tt.profile), "deal.yaml")
			switch {
			case !tt.want && ws != nil:
				t.Errorf("warnings %v, want none", ws)
			case tt.want && len(ws) != 1:
				t.Errorf("warnings %v, want one", ws)
			case tt.want:
				if w := ws[0]; w.Rule != WarnProcessorProcessingFromProfile || w.File != "deal.yaml" || w.Line != 3 || w.Path != "customer.role" || w.Message != want {
					t.Errorf("warning %s:%d: %s (%s), want deal.yaml:3: customer.role: %s", w.File, w.Line, w.String(), w.Rule, want)
				}
			}
		})
	}
}
