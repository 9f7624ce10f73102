package deal

import (
	"strings"
	"testing"
)

// TestEEAProviderRules: a provider established in the EEA is bound by the
// GDPR, so a deal whose customer's processing UK or Swiss law alone
// governs is refused (its DPA would be under English or Swiss law, naming
// the UK or Swiss authority alone); a customer outside the EEA without a
// supervisory authority is told why the DPA cannot treat it as outside the
// GDPR, and, in a country without an adequacy decision, that Provider's
// transfers back to it need Module Four with Provider as exporter, which
// dpakit does not assemble; Module Four selected says the same.
func TestEEAProviderRules(t *testing.T) {
	v := NewValidator(Options{})
	nlProvider := func(d *Deal) { d.Provider.Country, d.Provider.Address = "NL", "Herengracht 450, 1017 CA Amsterdam" }
	tests := []struct {
		name   string
		mutate func(d *Deal)
		want   []string // "path rule" of each problem, in order
		says   []string
		not    []string
	}{
		{"UK-only, provider in the US", ukCustomer, nil, nil, nil},
		{"UK-only, provider in the Netherlands", func(d *Deal) { ukCustomer(d); nlProvider(d) },
			[]string{"provider.country eea_provider_gdpr"},
			[]string{"is in the EEA (the Netherlands), but the customer's processing is governed by UK Data Protection Laws alone", "including its Article 28(3)", "under English law and naming the Information Commissioner alone, provides neither for Provider's obligations under the GDPR nor for the competent EEA supervisory authority"}, nil},
		{"UK exporter under the GDPR too, provider in the Netherlands", func(d *Deal) {
			ukCustomer(d)
			nlProvider(d)
			d.SCC.SupervisoryAuthority = "Dutch Data Protection Authority (Autoriteit Persoonsgegevens), The Hague"
			d.SCC.GoverningLaw, d.SCC.Forum = "NL", "NL"
		}, nil, nil, nil},
		{"FADP-only, provider in Germany", func(d *Deal) {
			d.Customer.Name, d.Customer.Address, d.Customer.Country, d.Customer.State = "Alpenblick AG", "Bahnhofstrasse 1, 8001 Zürich", "CH", ""
			d.SCC.SupervisoryAuthority, d.SCC.GoverningLaw, d.SCC.Forum = "", "CH", "CH"
			d.Swiss.Enabled, d.UKAddendum.Enabled = true, false
			d.Provider.Country, d.Provider.Address = "DE", "Unter den Linden 1, 10117 Berlin"
		}, []string{"provider.country eea_provider_gdpr"},
			[]string{"is in the EEA (Germany), but the customer's processing is governed by the Swiss FADP alone", "under Swiss law and naming the FDPIC alone"}, nil},
		{"US customer without an authority, provider in the Netherlands", func(d *Deal) {
			d.Customer.Name, d.Customer.Address, d.Customer.Country, d.Customer.State = "Rainier Fitness Labs, Inc.", "1201 Third Avenue, Seattle, WA 98101", "US", "US-WA"
			d.Customer.Representative = nil
			d.SCC.SupervisoryAuthority, d.UKAddendum.Enabled, d.Swiss.Enabled = "", false, false
			nlProvider(d)
		}, []string{"scc.supervisory_authority supervisory_authority_required"},
			[]string{"cannot have this DPA with a provider established in the EEA (the Netherlands)", "need a safeguard of their own with Provider as the data exporter unless an adequacy decision covers Customer", "Module Four for a controller customer, Module Three for a processor customer"}, nil},
		{"Japanese customer without an authority, provider in the Netherlands", func(d *Deal) {
			d.Customer.Name, d.Customer.Address, d.Customer.Country, d.Customer.State = "Sakura KK", "1-1 Marunouchi, Tokyo", "JP", ""
			d.Customer.Representative = nil
			d.SCC.SupervisoryAuthority, d.UKAddendum.Enabled, d.Swiss.Enabled = "", false, false
			nlProvider(d)
		}, []string{"scc.supervisory_authority supervisory_authority_required"},
			[]string{"cannot have this DPA with a provider established in the EEA (the Netherlands)"}, []string{"Module Four"}},
		{"UK-only, provider in Norway (EEA EFTA)", func(d *Deal) {
			ukCustomer(d)
			d.Provider.Country, d.Provider.Address = "NO", "Karl Johans gate 1, 0154 Oslo"
		},
			[]string{"provider.country eea_provider_gdpr"}, []string{"is in the EEA (Norway)"}, []string{"EU Member State"}},
		{"module 4", func(d *Deal) { d.SCC.Modules = []int{2, 4} }, []string{"scc.modules dpa_module"},
			[]string{"in this DPA Customer is the data exporter", "needs a safeguard of its own with Provider as the data exporter unless an adequacy decision covers Customer (Module Four for a controller customer, Module Three for a processor customer, where the GDPR does not reach Customer;", "at most a stop-gap), which dpakit does not assemble"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := exampleDeal(t)
			tt.mutate(d)
			checkRules(t, v, d, tt.want, tt.says, tt.not)
		})
	}
}

// checkRules validates d with v and checks its problems: their "path rule"
// in order (want), and that their messages say each of says and none of
// not.
func checkRules(t *testing.T, v *Validator, d *Deal, want, says, not []string) {
	t.Helper()
	var got []string
	var text strings.Builder
	for _, p := range problems(t, v.Validate(d)) {
		got = append(got, p.Path+" "+p.Rule)
		text.WriteString(p.Message + "\n")
	}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("problems = %q, want %q\n%s", got, want, text.String())
	}
	for _, s := range says {
		if !strings.Contains(text.String(), s) {
			t.Errorf("messages lack %q:\n%s", s, text.String())
		}
	}
	for _, s := range not {
		if strings.Contains(text.String(), s) {
			t.Errorf("messages say %q:\n%s", s, text.String())
		}
	}
}

// TestTransferBackWarning: a provider in the EEA serving a customer in a
// country without an EU adequacy decision is warned that its transfers
// back to the customer (returns, the customer's access from there) are
// not covered by the DPA's SCCs, with the module that would cover them;
// an adequate country, an EEA customer, a provider outside the EEA and a
// UK-only deal give no such warning.
func TestTransferBackWarning(t *testing.T) {
	us := func(d *Deal) {
		d.Customer.Name, d.Customer.Address, d.Customer.Country, d.Customer.State = "Rainier Fitness Labs, Inc.", "1201 Third Avenue, Seattle, WA 98101", "US", "US-WA"
		d.SCC.SupervisoryAuthority = "Dutch Data Protection Authority (Autoriteit Persoonsgegevens), The Hague"
		d.UKAddendum.Enabled, d.Swiss.Enabled = false, false
		d.Provider.Country, d.Provider.Address = "NL", "Herengracht 450, 1017 CA Amsterdam"
	}
	tests := []struct {
		name   string
		mutate func(d *Deal)
		says   []string // empty: no warning
	}{
		{"US controller customer, provider in the Netherlands", us, []string{
			"the provider is established in the Netherlands, in the EEA, and the customer in the United States",
			"unless an adequacy decision covers Customer (the EU-US Data Privacy Framework, for a company certified under it)",
			"Module Four of the Standard Contractual Clauses, with Provider as the data exporter, is the usual stop-gap", "recital 7"}},
		{"US processor customer", func(d *Deal) {
			us(d)
			d.Customer.Role, d.SCC.Modules = Processor, []int{3}
		}, []string{"Module Three of the Standard Contractual Clauses"}},
		{"Japanese customer (adequate)", func(d *Deal) { us(d); d.Customer.Country, d.Customer.State = "JP", "" }, nil},
		{"German customer", func(d *Deal) { d.Provider.Country = "NL" }, nil},
		{"US customer, provider in the US", func(d *Deal) { us(d); d.Provider.Country = "US" }, nil},
		{"UK-only, provider in the US", ukCustomer, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := exampleDeal(t)
			tt.mutate(d)
			var got []Problem
			for _, w := range Warnings(d) {
				if w.Rule == WarnTransferBack {
					got = append(got, w)
				}
			}
			if len(tt.says) == 0 {
				if len(got) > 0 {
					t.Errorf("warned: %s", got[0].Message)
				}
				return
			}
			if len(got) != 1 || got[0].Path != "customer.country" {
				t.Fatalf("warnings %+v, want one at customer.country", got)
			}
			for _, s := range tt.says {
				if !strings.Contains(got[0].Message, s) {
					t.Errorf("the warning lacks %q:\n%s", s, got[0].Message)
				}
			}
		})
	}
}
