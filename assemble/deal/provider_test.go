package deal

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestProviderFromProfile(t *testing.T) {
	profile := "provider:\n  name: Kestrel Cloud, Inc.\n  address: 400 Market Street\n  country: US\n" +
		"  contact: { name: Privacy Team, email: privacy@kestrel.example }\n  signatory: { name: Dana, title: GC }\n" +
		"  dpo: { name: Tomás Ortega, email: dpo@kestrel.example }\n"
	tests := []struct {
		name, provider, want string
	}{
		{"the profile's provider", "provider: { name: \"kestrel cloud, inc.\" }\n", ""},
		{"no provider in the deal", "", ""},
		{"another company, its DPO from the profile",
			"provider:\n  name: Kestrel Cloud Europe B.V.\n  address: Herengracht 450\n  country: NL\n  contact: { name: EU Team, email: eu@kestrel.example }\n  signatory: { name: Eva, title: MD }\n",
			`names "Kestrel Cloud Europe B.V.", but provider.dpo comes from the profile, which describes "Kestrel Cloud, Inc.": check that it is this provider's, or give it in the deal`},
		{"another company, almost everything from the profile", "provider: { name: Kestrel GmbH, country: DE }\n",
			`names "Kestrel GmbH", but provider.address, provider.contact, provider.signatory and provider.dpo come from the profile, which describes "Kestrel Cloud, Inc.": check that they are this provider's, or give them in the deal`},
		{"another company with every detail of its own",
			"provider:\n  name: Kestrel GmbH\n  address: A\n  country: DE\n  contact: { name: B, email: b@k.example }\n  signatory: { name: C, title: D }\n  dpo: { name: E, email: e@k.example }\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := providerWarnings(topNode(t, tt.provider+"reference: X\n"), topNode(t, profile))
			switch {
			case tt.want == "" && ws != nil:
				t.Errorf("warnings %v, want none", ws)
			case tt.want != "" && (len(ws) != 1 || ws[0].Path != "provider.name" || ws[0].Rule != WarnProviderFromProfile || ws[0].Message != tt.want):
				t.Errorf("warnings %v, want %q", ws, tt.want)
			}
		})
	}
	// Through Load, at the deal's provider.name: the fixture of a Dutch
	// group company whose DPO the profile of its US parent gives.
	deal, prof := readOption1Fixture(t)
	_, ws, err := NewValidator(Options{}).LoadWithWarnings(deal, "p1.yaml", prof, "profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range ws {
		if w.Rule == WarnProviderFromProfile {
			got = append(got, fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.String()))
		}
	}
	// The published sub-processor list's address is the parent's too.
	want := `p1.yaml:16: provider.name: names "Kestrel Cloud Europe B.V.", but provider.dpo and provider.subprocessor_list_url come from the profile, which describes "Kestrel Cloud, Inc.": check that they are this provider's, or give them in the deal`
	if len(got) != 1 || got[0] != want {
		t.Errorf("warnings %q, want %q", got, want)
	}
}

// topNode parses src and returns its top-level node.
func topNode(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Content[0]
}

// TestContactDetailsUnderOption1: under specific authorisation Annex III
// gives each sub-processor's contact person with contact details; a name
// alone is refused, an email address or a telephone number is enough.
func TestContactDetailsUnderOption1(t *testing.T) {
	deal, prof := readOption1Fixture(t)
	v := NewValidator(Options{})
	for contact, ok := range map[string]bool{
		"Zendesk Privacy Team, privacy@zendesk.example": true,
		"Zendesk Privacy Team, +1 415 555 0100":         true,
		"Zendesk Privacy Team":                          false,
	} {
		y := []byte(strings.Replace(string(deal), "contact: Zendesk Privacy Team, privacy@zendesk.example", "contact: "+contact, 1))
		_, err := v.Load(y, "p1.yaml", prof, "profile.yaml")
		want := "subprocessors.list[1].contact: gives a name but no contact details (an email address or a telephone number)"
		if got := err != nil && strings.Contains(err.Error(), want); got == ok || (ok && err != nil) {
			t.Errorf("contact %q: err = %v", contact, err)
		}
	}
	for s, want := range map[string]bool{"a@b": true, "Team": false, "Team, 030 1234 5678": true, "Team 12": false} {
		if got := ContactHasDetails(s); got != want {
			t.Errorf("ContactHasDetails(%q) = %v, want %v", s, got, want)
		}
	}
}

// readOption1Fixture reads the processor-option1-eea fixture (a Dutch
// group company, Clause 9 Option 1) and the example profile.
func readOption1Fixture(t *testing.T) (deal, profile []byte) {
	t.Helper()
	deal, err := os.ReadFile("../../fixtures/deals/processor-option1-eea.yaml")
	if err != nil {
		t.Fatal(err)
	}
	profile, err = os.ReadFile("../../fixtures/profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return deal, profile
}
