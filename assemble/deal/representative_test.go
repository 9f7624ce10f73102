package deal

import (
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/country"
)

// irishRep is a representative in the Union established in Ireland.
func irishRep() *Representative {
	return &Representative{Name: "EU Rep Services Ltd", Address: "1 Baggot Street Lower, Dublin 2", Country: "IE", Email: "rep@eurep.example", Phone: "+353 1 234 5678"}
}

// usCustomer makes the example deal's customer a US controller that the
// GDPR reaches under Article 3(2), under Module 2, with no supervisory
// authority named.
func usCustomer(d *Deal) {
	d.Customer.Name, d.Customer.Address, d.Customer.Country, d.Customer.State = "Acme Analytics, Inc.", "1 Market Street, San Francisco, CA 94105", "US", ""
	d.Customer.Role, d.SCC.Modules, d.SCC.SupervisoryAuthority = Controller, []int{2}, ""
}

// TestRepresentativeRules checks the rules on customer.representative: it
// is refused for a customer in the EEA, a US-only deal and a Swiss
// exporter under the FADP alone, its country must be an EEA State, and a
// representative in Germany leaves scc.supervisory_authority to be named.
func TestRepresentativeRules(t *testing.T) {
	v := NewValidator(Options{})
	tests := []struct {
		name   string
		mutate func(d *Deal)
		want   []string // "path rule" of each problem, in order
		says   []string // phrases the messages must contain
	}{
		{"US customer, representative in Ireland", func(d *Deal) { usCustomer(d); d.Customer.Representative = irishRep() }, nil, nil},
		{"UK customer, representative in Norway (EEA EFTA)", func(d *Deal) {
			usCustomer(d)
			d.Customer.Country = "GB"
			d.Customer.Representative = irishRep()
			d.Customer.Representative.Country = "NO"
		}, nil, nil},
		{"EEA customer with a representative", func(d *Deal) { d.Customer.Representative = irishRep() },
			[]string{"customer.representative " + RuleRepresentative},
			[]string{"must be left out: the customer is established in Germany, in the EEA, and Article 27 GDPR asks for a representative in the Union only of a controller or processor not established there"}},
		{"representative outside the EEA", func(d *Deal) {
			usCustomer(d)
			d.Customer.Representative = irishRep()
			d.Customer.Representative.Country = "GB"
		}, []string{"customer.representative.country eea"},
			[]string{`"GB" (United Kingdom) is not an EEA State: a representative under Article 27 GDPR is established in one of the Member States where the data subjects are (Article 27(3) GDPR`}},
		{"representative in Switzerland", func(d *Deal) {
			usCustomer(d)
			d.Customer.Representative = irishRep()
			d.Customer.Representative.Country = "CH"
		}, []string{"customer.representative.country eea"}, []string{"is not an EEA State"}},
		{"representative's country no code", func(d *Deal) {
			usCustomer(d)
			d.Customer.Representative = irishRep()
			d.Customer.Representative.Country = "Ireland"
		}, []string{"customer.representative.country country"}, nil},
		{"representative without name, address or email", func(d *Deal) {
			usCustomer(d)
			d.Customer.Representative = &Representative{Country: "IE"}
		}, []string{"customer.representative.name required", "customer.representative.address required", "customer.representative.email required"}, nil},
		{"US-only deal with a representative", func(d *Deal) {
			usCustomer(d)
			off := false
			d.GDPR.Applies, d.SCC, d.UKAddendum, d.Swiss, d.ControllerTransfer = &off, SCC{SubprocessorNoticeDays: 30}, UKAddendum{}, Toggle{}, nil
			d.CCPA.Enabled = true
			d.Customer.Representative = irishRep()
		}, []string{"customer.representative " + RuleRepresentative},
			[]string{"must be left out: gdpr.applies is false, so the GDPR does not reach the customer's processing"}},
		{"Swiss exporter under the FADP alone with a representative", func(d *Deal) {
			usCustomer(d)
			d.Customer.Country, d.Customer.Address, d.Swiss.Enabled = "CH", "Bahnhofstrasse 40, 8001 Zürich", true
			d.SCC.GoverningLaw, d.SCC.Forum = "CH", "CH"
			d.Customer.Representative = irishRep()
		}, []string{"customer.representative " + RuleRepresentative},
			[]string{"must be left out for a Swiss exporter whose transfers the FADP alone governs (no scc.supervisory_authority)", "name in scc.supervisory_authority the supervisory authority of the Member State in which the representative is established"}},
		{"Swiss exporter under the GDPR too with a representative", func(d *Deal) {
			usCustomer(d)
			d.Customer.Country, d.Customer.Address, d.Swiss.Enabled = "CH", "Bahnhofstrasse 40, 8001 Zürich", true
			d.SCC.SupervisoryAuthority = country.SupervisoryAuthority("IE")
			d.Customer.Representative = irishRep()
		}, nil, nil},
		{"representative in Germany needs the Land's authority named", func(d *Deal) {
			usCustomer(d)
			d.Customer.Representative = irishRep()
			d.Customer.Representative.Country, d.Customer.Representative.Address = "DE", "Unter den Linden 1, 10117 Berlin"
		}, []string{"scc.supervisory_authority " + RuleSupervisoryAuthority},
			[]string{"is required when the customer's representative in the Union is established in Germany (customer.representative.country): Clause 13(a) makes competent the supervisory authority of the German Land in which the representative is established"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := exampleDeal(t)
			tt.mutate(d)
			Defaults(d)
			ps := problems(t, v.Validate(d))
			var got []string
			var text strings.Builder
			for _, p := range ps {
				got = append(got, p.Path+" "+p.Rule)
				text.WriteString(p.Message + "\n")
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems = %q, want %q\n%s", got, tt.want, text.String())
			}
			for _, s := range tt.says {
				if !strings.Contains(text.String(), s) {
					t.Errorf("messages lack %q:\n%s", s, text.String())
				}
			}
		})
	}
}

// TestRepresentativeAuthorityDefault checks that a customer outside the EEA
// with a representative gets the authority of the representative's
// Member State, and that explain's sources name the field it comes from.
func TestRepresentativeAuthorityDefault(t *testing.T) {
	tests := []struct {
		name, rep, want, from string
	}{
		{"Ireland", "IE", "Data Protection Commission (Ireland)", "customer.representative.country"},
		{"France", "FR", country.SupervisoryAuthority("FR"), "customer.representative.country"},
		{"Germany: named by the deal, no default", "DE", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(readExample(t)), `  name: Müller Logistik GmbH
  address: Hafenstraße 12, 20457 Hamburg
  country: DE                       # ISO 3166-1 alpha-2
`, `  name: Acme Analytics, Inc.
  address: 1 Market Street, San Francisco, CA 94105
  country: US
  representative: { name: EU Rep Services Ltd, address: 1 Main Street, country: `+tt.rep+`, email: rep@eurep.example }
`, 1)
			src = strings.Replace(src, "  supervisory_authority: \"\"", "", 1)
			src = strings.Replace(src, "modules: [2, 3]", "modules: [2]", 1)
			x, _, err := NewValidator(Options{}).LoadExplained([]byte(src), "deal.yaml", nil, "")
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), "scc.supervisory_authority: is required when the customer's representative in the Union is established in Germany") {
					t.Fatalf("err = %v, want scc.supervisory_authority required", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("the deal is invalid: %v", err)
			}
			if x.SCC.SupervisoryAuthority != tt.want {
				t.Errorf("scc.supervisory_authority = %q, want %q", x.SCC.SupervisoryAuthority, tt.want)
			}
			if s := x.Sources["scc.supervisory_authority"]; s != (Source{Origin: Derived, From: tt.from}) {
				t.Errorf("source = %+v, want derived from %s", s, tt.from)
			}
			for _, w := range Warnings(x.Deal) {
				if w.Rule == WarnNoRepresentative || w.Rule == WarnRepresentativeAuthority {
					t.Errorf("warning %s: %s", w.Rule, w.Message)
				}
			}
		})
	}
}
