package deal

import (
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/subproc"
)

// ukCustomer makes the example deal's customer a London controller under
// Module 2 with the UK Addendum on, no EU supervisory authority named, and
// Clauses 17 and 18 set to England and Wales: a UK-only deal.
func ukCustomer(d *Deal) {
	d.Customer.Name, d.Customer.Address, d.Customer.Country, d.Customer.State = "Thameside Analytics Ltd", "20 Farringdon Road, London EC1M 3HE", "GB", ""
	d.Customer.Role, d.SCC.Modules, d.SCC.SupervisoryAuthority = Controller, []int{2}, ""
	d.SCC.GoverningLaw, d.SCC.Forum, d.SCC.GoverningLawOption = "GB", "GB", 1
	d.UKAddendum.Enabled, d.UKAddendum.EndingParty = true, "neither"
	d.Swiss.Enabled = false
}

// TestUKOnlyRules checks the rules of UK-only mode: no EU supervisory
// authority is required, Clauses 17 and 18 take England and Wales (GB) and
// nothing else (Part 2 of the UK Addendum replaces them), Swiss or EU law
// only beside the Swiss terms; an EU authority named restores the EU
// reading (Article 3(2) GDPR) with its EU law rules.
func TestUKOnlyRules(t *testing.T) {
	v := NewValidator(Options{})
	tests := []struct {
		name   string
		mutate func(d *Deal)
		ukOnly bool
		want   []string // "path rule" of each problem, in order
		says   []string
	}{
		{"UK-only, England and Wales", ukCustomer, true, nil, nil},
		{"UK-only, Irish law", func(d *Deal) { ukCustomer(d); d.SCC.GoverningLaw, d.SCC.Forum = "IE", "IE" },
			true, []string{"scc.governing_law eu_governing_law", "scc.forum eu_forum"},
			[]string{"Part 2 of the UK Addendum (section 15) replaces Clause 17 with the laws of England and Wales", `so write "GB"`}},
		// Counsel: Scotland (GB-SCT) used to be refused as "not an EU Member
		// State's code"; the UK Addendum's own reason is given now.
		{"UK-only, Scots law and courts", func(d *Deal) { ukCustomer(d); d.SCC.GoverningLaw, d.SCC.Forum = "GB-SCT", "GB-SCT" },
			true, []string{"scc.governing_law country", "scc.forum country"},
			[]string{`"GB-SCT" is not a country code, and a UK exporter under UK Data Protection Laws alone (customer.country GB, the UK Addendum on, no scc.supervisory_authority) cannot choose it for Clause 17: the UK Addendum (Part 2, Section 15(m) and (n)) fixes the laws and courts of England and Wales; Scotland or Northern Ireland can be chosen only under the IDTA: write "GB"`,
				"cannot choose it for Clause 18"}},
		{"UK-only, Northern Ireland by name", func(d *Deal) { ukCustomer(d); d.SCC.Forum = "Northern Ireland" },
			true, []string{"scc.forum country"}, []string{"can be chosen only under the IDTA"}},
		{"UK-only, law not a code", func(d *Deal) { ukCustomer(d); d.SCC.GoverningLaw = "USA" },
			true, []string{"scc.governing_law country"}, []string{`"USA" is not a country code; Part 2 of the UK Addendum (section 15) replaces Clause 17 with the laws of England and Wales`}},
		{"UK-only with Swiss terms, Scots law", func(d *Deal) { ukCustomer(d); d.Swiss.Enabled = true; d.SCC.GoverningLaw = "GB-SCT" },
			true, []string{"scc.governing_law country"}, []string{`write "GB" (or, since the Swiss terms are on`}},
		{"UK-only with Swiss terms, Swiss law", func(d *Deal) {
			ukCustomer(d)
			d.Swiss.Enabled = true
			d.SCC.GoverningLaw, d.SCC.Forum = "CH", "CH"
		}, true, nil, nil},
		{"UK-only with Swiss terms, US law", func(d *Deal) {
			ukCustomer(d)
			d.Swiss.Enabled = true
			d.SCC.GoverningLaw = "US"
		}, true, []string{"scc.governing_law eu_governing_law"}, []string{`"CH" or an EU Member State`}},
		{"UK exporter under the GDPR too", func(d *Deal) {
			ukCustomer(d)
			d.SCC.SupervisoryAuthority = "Data Protection Commission (Ireland)"
		}, false, []string{"scc.governing_law eu_governing_law", "scc.forum eu_forum"}, []string{"is not an EU Member State"}},
		{"UK exporter without the UK Addendum", func(d *Deal) { ukCustomer(d); d.UKAddendum.Enabled = false },
			false, []string{"scc.governing_law eu_governing_law", "scc.forum eu_forum", "scc.supervisory_authority supervisory_authority_required", "uk_addendum.enabled uk_exporter"},
			[]string{"a UK customer whose processing the EU GDPR does not reach needs none: set uk_addendum.enabled and leave scc.supervisory_authority empty"}},
		// A UK customer of a UK provider needs no UK Addendum for a
		// transfer, yet was told only to name an EU authority: the message
		// now points to UK-only mode, which says that neither the SCCs nor
		// the UK Addendum govern the transfer to a provider in the UK.
		{"UK customer of a UK provider without the UK Addendum", func(d *Deal) {
			ukCustomer(d)
			d.UKAddendum.Enabled = false
			d.Provider.Country = "GB"
		}, false, []string{"scc.governing_law eu_governing_law", "scc.forum eu_forum", "scc.supervisory_authority supervisory_authority_required"},
			[]string{"also where the provider is in the United Kingdom and the UK Addendum then governs no transfer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := exampleDeal(t)
			tt.mutate(d)
			if d.UKOnly() != tt.ukOnly {
				t.Errorf("UKOnly() = %v, want %v", d.UKOnly(), tt.ukOnly)
			}
			checkRules(t, v, d, tt.want, tt.says, nil)
		})
	}
}

// TestUKOnlyLaws checks what UK-only mode means for the transfers: UK Data
// Protection Laws without the GDPR, judged from the United Kingdom (a
// sub-processor in the Republic of Korea needs nothing, one in Brazil a
// safeguard), no representative warning, and the provider in a country the
// UK recognises is no restricted transfer.
func TestUKOnlyLaws(t *testing.T) {
	d := exampleDeal(t)
	ukCustomer(d)
	if got, want := d.TransferLaws(), (Laws{UK: true, UKExporter: true}); got != want {
		t.Errorf("TransferLaws() = %+v, want %+v", got, want)
	}
	if got := listOrigin(d); got != subproc.FromUK {
		t.Errorf("listOrigin = %v, want FromUK", got)
	}
	for _, w := range Warnings(d) {
		if w.Rule == WarnNoRepresentative {
			t.Errorf("UK-only deal warned %s: %s", w.Rule, w.Message)
		}
	}
	d.Provider.Country = "KR"
	if RestrictedTransfer(d) {
		t.Error("a provider in the Republic of Korea is a restricted transfer from the UK, want none (UK adequacy regulations 2022)")
	}
	d.Provider.Country = "BR"
	if !RestrictedTransfer(d) {
		t.Error("a provider in Brazil is no restricted transfer from the UK, want one")
	}
}

// TestNamesICO: the UK Information Commissioner is recognised under its
// usual names, and Slovenia's and Malta's commissioners are not taken for
// it; naming it as the EU authority is refused.
func TestNamesICO(t *testing.T) {
	for name, want := range map[string]bool{
		"Information Commissioner's Office":                 true,
		"Information Commissioner’s Office (ICO), Wilmslow": true,
		"ICO":                             true,
		"the UK Information Commissioner": true,
		"Information Commissioner, United Kingdom":             true,
		"Information Commissioner (Slovenia)":                  false,
		"Information and Data Protection Commissioner (Malta)": false,
		"Data Protection Commission (Ireland)":                 false,
	} {
		if got := namesICO(name); got != want {
			t.Errorf("namesICO(%q) = %v, want %v", name, got, want)
		}
	}
	d := exampleDeal(t)
	ukCustomer(d)
	d.SCC.SupervisoryAuthority = "Information Commissioner's Office"
	ps := problems(t, NewValidator(Options{}).Validate(d))
	found := false
	for _, p := range ps {
		if p.Path == "scc.supervisory_authority" && p.Rule == RuleSupervisoryAuthority && strings.Contains(p.Message, "Leave scc.supervisory_authority empty for a UK exporter") {
			found = true
		}
	}
	if !found {
		t.Errorf("naming the ICO as the EU authority is not refused: %v", ps)
	}
}
