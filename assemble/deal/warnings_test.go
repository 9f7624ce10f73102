package deal

import (
	"fmt"
	"strings"
	"testing"
)

// vendorsProcessing replaces d's sub-processors by n copies of its first,
// named "Vendor 00", "Vendor 01", ..., each processing category alone.
func vendorsProcessing(d *Deal, n int, category string) {
	base := d.Subprocessors.List[0]
	d.Subprocessors.List = nil
	for i := range n {
		s := base
		s.Name = fmt.Sprintf("Vendor %02d", i)
		s.Data = []string{category}
		d.Subprocessors.List = append(d.Subprocessors.List, s)
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(d *Deal)
		want   []string // "path rule" of each warning, in order
		says   []string // phrases the messages must contain
	}{
		{"provider in the United States", func(d *Deal) {}, nil, nil},
		{"provider in the EEA", func(d *Deal) { d.Provider.Country = "IE" },
			[]string{"provider.country " + WarnNoRestrictedTransfer},
			[]string{"no restricted transfer takes place", "established in Ireland (in the EEA)", "apply only if and when a restricted transfer from the customer to the provider arises"}},
		{"provider in an adequate country", func(d *Deal) { d.Provider.Country = "JP" },
			[]string{"provider.country " + WarnNoRestrictedTransfer},
			[]string{"Japan (a country with an EU adequacy decision)"}},
		{"sub-processor data not described", func(d *Deal) {
			d.Subprocessors.List[0].Data = []string{"Name", "Health records", "IP addresses"}
			d.Subprocessors.List[1].Data = []string{"health  RECORDS"}
		}, []string{"subprocessors.list[0].data[1] " + WarnUndescribedData},
			[]string{`"Health records" is not among the categories of personal data that Annex I.B describes`, `yet "Amazon Web Services EMEA SARL" and "Papertrail (SolarWinds Worldwide, LLC)" process it`}},
		{"many sub-processors of one undescribed category are counted, not all named", func(d *Deal) { vendorsProcessing(d, 12, "Health records") }, []string{"subprocessors.list[0].data[0] " + WarnUndescribedData},
			[]string{`yet "Vendor 00", "Vendor 01", "Vendor 02", "Vendor 03", "Vendor 04" and 7 others process it`}},
		{"six sub-processors are all named", func(d *Deal) { vendorsProcessing(d, 6, "Health records") }, []string{"subprocessors.list[0].data[0] " + WarnUndescribedData},
			[]string{`"Vendor 04" and "Vendor 05" process it`}},
		{"CCPA business purposes missing", func(d *Deal) {
			d.CCPA.BusinessPurposes = nil
			d.Processing.Purposes[0] = "Provision of the Services under the Agreement"
		},
			[]string{"processing.purposes[0] " + WarnGenericPurpose, "ccpa.business_purposes " + WarnGenericBusinessPurpose, "processing.purposes[0] " + WarnGenericBusinessPurpose},
			[]string{"is empty, so the CCPA clause names processing.purposes as the Business Purposes", "§ 7051(a)(2)", `"Provision of the Services under the Agreement" is too generic to be a CCPA business purpose`}},
		{"CCPA business purpose generic", func(d *Deal) {
			d.CCPA.BusinessPurposes = []string{"Detecting security incidents affecting Customer's network", "providing  the services.", "Technical support requested by Customer"}
		},
			[]string{"ccpa.business_purposes[1] " + WarnGenericBusinessPurpose},
			[]string{`"providing  the services." is too generic`}},
		{"redress body unnamed", func(d *Deal) { d.SCC.RedressBody = true },
			[]string{"scc.redress_body " + WarnRedressBodyUnnamed},
			[]string{"is true but scc.redress_body_name names no body", "independent and free of charge to data subjects"}},
		{"redress body named", func(d *Deal) {
			d.SCC.RedressBody, d.SCC.RedressBodyName, d.SCC.RedressBodyAddress = true, "Example Mediation Board", "1 Rue de la Paix, 75002 Paris"
		}, nil, nil},
		{"customer.state against the postal code", func(d *Deal) { d.Customer.State = "DE-BY" },
			[]string{"customer.state " + WarnLandMismatch},
			[]string{`"DE-BY" (Bavaria) is not the Land of the postal code 20457 in customer.address (Hamburg (DE-HH))`}},
		{"German Land unknown", func(d *Deal) {
			d.Customer.Address = "Hafenstraße 12, Hamburg"
			d.SCC.SupervisoryAuthority = ""
			Defaults(d)
		}, []string{"customer.state " + WarnLandUnknown},
			[]string{"is not set and customer.address has no German postal code", "set customer.state to the customer's Land (ISO 3166-2, such as DE-BY for Bavaria)"}},
		{"German authority named by the deal", func(d *Deal) {
			d.Customer.Address = "Hafenstraße 12, Hamburg"
			d.SCC.SupervisoryAuthority = "Hamburg Commissioner for Data Protection and Freedom of Information"
		}, nil, nil},
		{"customer outside the EEA under Art. 3(2) without a representative", func(d *Deal) {
			d.Customer.Country, d.Customer.Address = "GB", "10 Finsbury Square, London EC2A 1AF"
			d.SCC.SupervisoryAuthority = "the Data Protection Commission (Ireland)"
			d.Customer.DPO = nil
		}, []string{"customer.representative " + WarnNoRepresentative},
			[]string{"established in the United Kingdom, outside the EEA, and the deal has the GDPR apply to its processing (Article 3(2) GDPR), yet names no representative in the Union (Article 27 GDPR): give the representative's name, address, Member State (country) and email in customer.representative",
				"Clause 13(a) makes competent the supervisory authority of the Member State in which the representative is established", "only where Article 27(2) GDPR exempts the customer"}},
		{"customer outside the EEA with only a DPO: the DPO is no representative", func(d *Deal) {
			d.Customer.Country, d.Customer.Address = "GB", "10 Finsbury Square, London EC2A 1AF"
			d.SCC.SupervisoryAuthority = "the Data Protection Commission (Ireland)"
			d.Customer.DPO = &Contact{Name: "Jane Doe", Email: "dpo@example.com"}
		}, []string{"customer.representative " + WarnNoRepresentative},
			[]string{"yet names no representative in the Union (Article 27 GDPR)",
				`customer.dpo ("Jane Doe") does not name the representative: Annex I.A prints it as "data protection officer or representative" only for want of customer.representative; if "Jane Doe" is the representative, give it in customer.representative`}},
		{"customer outside the EEA with its representative", func(d *Deal) {
			d.Customer.Country, d.Customer.Address = "GB", "10 Finsbury Square, London EC2A 1AF"
			d.SCC.SupervisoryAuthority = "the Data Protection Commission (Ireland)"
			d.Customer.Representative = &Representative{Name: "EU Rep Ltd", Address: "1 Main Street, Dublin 2", Country: "IE", Email: "rep@eurep.example"}
		}, nil, nil},
		{"representative's authority named in other words: cannot be judged", func(d *Deal) {
			d.Customer.Country, d.Customer.Address = "US", "1 Market Street, San Francisco"
			d.SCC.SupervisoryAuthority = "Data Protection Commission, 21 Fitzwilliam Square South, Dublin 2"
			d.Customer.Representative = &Representative{Name: "EU Rep Ltd", Address: "1 Main Street, Dublin 2", Country: "IE", Email: "rep@eurep.example"}
		}, nil, nil},
		{"authority not the representative's Member State's", func(d *Deal) {
			d.Customer.Country, d.Customer.Address = "US", "1 Market Street, San Francisco"
			d.SCC.SupervisoryAuthority = "Commission Nationale de l'Informatique et des Libertés (CNIL)"
			d.Customer.Representative = &Representative{Name: "EU Rep Ltd", Address: "1 Main Street, Dublin 2", Country: "IE", Email: "rep@eurep.example"}
		}, []string{"scc.supervisory_authority " + WarnRepresentativeAuthority},
			[]string{`is the supervisory authority of France, but the customer's representative in the Union is established in Ireland (customer.representative.country)`,
				`Clause 13(a) makes competent the supervisory authority of the representative's Member State: "Data Protection Commission (Ireland)"`}},
		{"representative in Germany, a Land authority named", func(d *Deal) {
			d.Customer.Country, d.Customer.Address = "US", "1 Market Street, San Francisco"
			d.SCC.SupervisoryAuthority = "Berlin Commissioner for Data Protection and Freedom of Information (BlnBDI)"
			d.Customer.Representative = &Representative{Name: "EU Rep GmbH", Address: "Unter den Linden 1, 10117 Berlin", Country: "DE", Email: "rep@eurep.example"}
		}, nil, nil},
		{"representative in Germany, another State's authority named", func(d *Deal) {
			d.Customer.Country, d.Customer.Address = "US", "1 Market Street, San Francisco"
			d.SCC.SupervisoryAuthority = "Data Protection Commission (Ireland)"
			d.Customer.Representative = &Representative{Name: "EU Rep GmbH", Address: "Unter den Linden 1, 10117 Berlin", Country: "DE", Email: "rep@eurep.example"}
		}, []string{"scc.supervisory_authority " + WarnRepresentativeAuthority},
			[]string{"the authority of the Land in which the representative is established"}},
		{"Swiss exporter under the GDPR too (Art. 3(2)) without a representative", func(d *Deal) {
			d.Customer.Country, d.Customer.Address, d.Swiss.Enabled = "CH", "Bahnhofstrasse 40, 8001 Zürich", true
			d.SCC.SupervisoryAuthority = "the Bavarian State Office for Data Protection Supervision (BayLDA)"
		}, []string{"customer.representative " + WarnNoRepresentative}, []string{"established in Switzerland, outside the EEA"}},
		{"Swiss exporter under the FADP alone needs no EU representative", func(d *Deal) {
			d.Customer.Country, d.Customer.Address, d.Swiss.Enabled = "CH", "Bahnhofstrasse 40, 8001 Zürich", true
			d.SCC.SupervisoryAuthority = ""
		}, nil, nil},
		{"US-only deal: no GDPR, no representative", func(d *Deal) {
			off := false
			d.GDPR.Applies, d.Customer.Country, d.SCC = &off, "US", SCC{}
		}, nil, nil},
		{"Swiss exporter with the UK Addendum: adequate for Switzerland, not for the UK", func(d *Deal) {
			d.Customer.Country, d.Customer.Address, d.Swiss.Enabled = "CH", "Bahnhofstrasse 40, 8001 Zürich", true
			d.SCC.SupervisoryAuthority = ""
			d.UKAddendum.Enabled = true
			d.Subprocessors.List[0].Country, d.Subprocessors.List[0].TransferMechanism = "MC", TransferAdequacy
		}, []string{"subprocessors.list[0].transfer_mechanism " + WarnUKAdequacy},
			[]string{"Monaco (MC) is not covered, so a transfer from the United Kingdom needs a safeguard", "for personal data from the United Kingdom"}},
		{"Swiss exporter without the UK Addendum: no UK adequacy warning", func(d *Deal) {
			d.Customer.Country, d.Customer.Address, d.Swiss.Enabled = "CH", "Bahnhofstrasse 40, 8001 Zürich", true
			d.SCC.SupervisoryAuthority = ""
			d.UKAddendum.Enabled = false
			d.Subprocessors.List[0].Country, d.Subprocessors.List[0].TransferMechanism = "MC", TransferAdequacy
		}, nil, nil},
		{"Annex I.A contact persons without a position", func(d *Deal) { d.Customer.Contact.Title, d.Provider.Contact.Title = " ", "" },
			[]string{"customer.contact.title " + WarnContactPosition, "provider.contact.title " + WarnContactPosition},
			[]string{`Annex I.A of the Standard Contractual Clauses asks for the customer's (data exporter's) contact person's name, position and contact details, and gives no position for "Jana Müller"`,
				"give the position", "in customer.contact.title", "the provider's (data importer's) contact person's", "in provider.contact.title"}},
		{"no Annex I without modules 1-3: no position warning", func(d *Deal) {
			d.Customer.Contact.Title = ""
			d.SCC.Modules = []int{4}
		}, nil, nil},
		{"US-only deal: no Annex I, no position warning", func(d *Deal) {
			off := false
			d.GDPR.Applies, d.Customer.Country, d.SCC = &off, "US", SCC{}
			d.Customer.Contact.Title = ""
		}, nil, nil},
		{"forum other than the governing law", func(d *Deal) { d.SCC.GoverningLaw = "DE" },
			[]string{"scc.forum " + WarnForumNotLaw},
			[]string{`is "NL": disputes under the Standard Contractual Clauses go to the courts of the Netherlands (Clause 18), while the law of Germany governs them (Clause 17, scc.governing_law "DE")`,
				"Clause 18(b) allows the two to differ", "only when neither the deal nor the profile sets scc.forum", "set scc.forum: DE in the deal"}},
		{"forum of the governing law", func(d *Deal) { d.SCC.GoverningLaw, d.SCC.Forum = "DE", "DE" }, nil, nil},
		{"Option 2: the law is the customer's Member State's, the forum the fallback's", func(d *Deal) { d.SCC.GoverningLawOption = 2 },
			[]string{"scc.forum " + WarnForumNotLaw},
			[]string{"while the law of Germany, the Member State in which the customer (the data exporter) is established, governs them (Clause 17 Option 2", "set scc.forum: DE in the deal"}},
		{"Option 2 with the customer's courts", func(d *Deal) { d.SCC.GoverningLawOption, d.SCC.Forum = 2, "DE" }, nil, nil},
		// Protocol 1 to the EEA Agreement: an EEA EFTA customer's own law
		// governs under Option 2, as the DPA says; its own courts are no
		// departure from it.
		{"Option 2, Norwegian customer with Norwegian courts", func(d *Deal) {
			d.Customer.Country, d.Customer.Address = "NO", "Karl Johans gate 1, 0154 Oslo"
			d.SCC.GoverningLawOption, d.SCC.GoverningLaw, d.SCC.Forum = 2, "SE", "NO"
			d.SCC.SupervisoryAuthority = "Norwegian Data Protection Authority (Datatilsynet)"
		}, nil, nil},
		{"Option 2, Norwegian customer with Swedish courts", func(d *Deal) {
			d.Customer.Country, d.Customer.Address = "NO", "Karl Johans gate 1, 0154 Oslo"
			d.SCC.GoverningLawOption, d.SCC.GoverningLaw, d.SCC.Forum = 2, "SE", "SE"
			d.SCC.SupervisoryAuthority = "Norwegian Data Protection Authority (Datatilsynet)"
		}, []string{"scc.forum " + WarnForumNotLaw},
			[]string{"while the law of Norway, the EEA State in which the customer (the data exporter) is established, governs them (Clause 17 Option 2"}},
		{"no forum yet: a problem, not this warning", func(d *Deal) { d.SCC.Forum = "" }, nil, nil},
		{"US-only deal: no SCCs, no forum warning", func(d *Deal) {
			off := false
			d.GDPR.Applies, d.Customer.Country, d.SCC = &off, "US", SCC{GoverningLaw: "NL", Forum: "DE"}
		}, nil, nil},
		// Clause 13(a): an EEA exporter's own authority, ordinarily.
		{"a French customer naming the Irish authority", func(d *Deal) {
			d.Customer.Country, d.Customer.Address, d.Customer.State = "FR", "14 rue de la Paix, 75002 Paris", ""
			d.SCC.SupervisoryAuthority = "Data Protection Commission (Ireland)"
		}, []string{"scc.supervisory_authority " + WarnExporterAuthority},
			[]string{`"Data Protection Commission (Ireland)" is the supervisory authority of Ireland, but the customer (the data exporter) is established in France: Clause 13(a) makes competent the authority responsible for the exporter's compliance with the GDPR, ordinarily its own State's (Commission Nationale de l'Informatique et des Libertés (CNIL)); keep this one only if the customer's main establishment is in Ireland (Art. 56 GDPR)`}},
		{"a French customer naming the CNIL", func(d *Deal) {
			d.Customer.Country, d.Customer.Address, d.Customer.State = "FR", "14 rue de la Paix, 75002 Paris", ""
			d.SCC.SupervisoryAuthority = "Commission Nationale de l'Informatique et des Libertés (CNIL)"
		}, nil, nil},
		{"an authority named in other words: not judged", func(d *Deal) {
			d.Customer.Country, d.Customer.Address, d.Customer.State = "FR", "14 rue de la Paix, 75002 Paris", ""
			d.SCC.SupervisoryAuthority = "the lead authority under Art. 56 GDPR"
		}, nil, nil},
		{"audits every 36 months under the SCCs", func(d *Deal) { d.Audit.FrequencyMonths = 36 },
			[]string{"audit.frequency_months " + WarnAuditInterval},
			[]string{"is 36: the DPA allows an audit at most once in 36 months, but Clause 8.9(c) of the Standard Contractual Clauses has Provider allow audits at reasonable intervals"}},
		{"audits every 24 months: no warning", func(d *Deal) { d.Audit.FrequencyMonths = 24 }, nil, nil},
		{"audits every 36 months in a US-only deal: no SCCs, no warning", func(d *Deal) {
			off := false
			d.GDPR.Applies, d.Customer.Country, d.SCC = &off, "US", SCC{}
			d.Audit.FrequencyMonths = 36
		}, nil, nil},
		// Annex I.B's purposes are the processing's own, not the contract's
		// (twelfth counsel's reading), Module One's too.
		{"a purpose that only refers to the contract", func(d *Deal) {
			d.CCPA.Enabled, d.CCPA.BusinessPurposes = false, nil
			d.Processing.Purposes = []string{"Hosting Customer's documents", "Performing the Services under the Agreement"}
			d.ControllerTransfer = &Processing{Purposes: []string{"As described in the Agreement."}}
		}, []string{"processing.purposes[1] " + WarnGenericPurpose, "controller_transfer.purposes[0] " + WarnGenericPurpose},
			[]string{`"Performing the Services under the Agreement" only refers to the contract: Annex I.B (Art. 28(3) GDPR) asks for the purposes of the processing themselves`, `"As described in the Agreement." only refers`}},
		{"no CCPA, no CCPA warning", func(d *Deal) { d.CCPA.Enabled = false; d.CCPA.BusinessPurposes = nil }, nil, nil},
		{"a purpose Annex I.B describes that no business purpose covers", func(d *Deal) {
			d.CCPA.BusinessPurposes = d.CCPA.BusinessPurposes[:1]
		}, []string{"processing.purposes[1] " + WarnPurposeNotBusiness},
			[]string{`"Technical support" is a purpose Annex I.B describes but none of ccpa.business_purposes covers it`, "the CCPA clause forbids processing for any purpose other than the Business Purposes"}},
		{"words of a longer category describe a shorter one", func(d *Deal) {
			d.Processing.DataCategories = []string{"First and last name, email address and employee ID"}
			d.Subprocessors.List = d.Subprocessors.List[:1]
			d.Subprocessors.List[0].Data = []string{"First name", "Email addresses", "All categories described in Annex I.B"}
		}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := exampleDeal(t)
			d.Processing.DataCategories = append(d.Processing.DataCategories, "Account data", "Usage logs", "Customer content", "Browser information", "Logging data")
			d.CCPA.BusinessPurposes = []string{"Detecting security incidents affecting Customer's network", "Technical support requested by Customer"}
			d.Processing.Purposes = []string{"Detecting security incidents affecting Customer's network", "Technical support"}
			d.Customer.Contact.Title, d.Provider.Contact.Title = "Data Protection Officer", "Privacy Office"
			tt.mutate(d)
			ws := Warnings(d)
			var got []string
			var text strings.Builder
			for _, w := range ws {
				got = append(got, w.Path+" "+w.Rule)
				text.WriteString(w.Message + "\n")
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("warnings = %q, want %q\n%s", got, tt.want, text.String())
			}
			for _, s := range tt.says {
				if !strings.Contains(text.String(), s) {
					t.Errorf("messages lack %q:\n%s", s, text.String())
				}
			}
		})
	}
}

func TestLoadWithWarningsLocatesAndKeepsValid(t *testing.T) {
	src := strings.Replace(string(readExample(t)), "  country: US\n", "  country: IE\n", 1)
	d, ws, err := NewValidator(Options{}).LoadWithWarnings([]byte(src), "deal.yaml", nil, "")
	if err != nil || d == nil {
		t.Fatalf("LoadWithWarnings: %v", err)
	}
	var found bool
	for _, w := range ws {
		if w.Rule == WarnNoRestrictedTransfer {
			found = true
			if w.File != "deal.yaml" || w.Line == 0 {
				t.Errorf("warning not located: %+v", w)
			}
		}
	}
	if !found {
		t.Errorf("no %s warning in %+v", WarnNoRestrictedTransfer, ws)
	}
}

// TestAddressRepeatsCountry: an address that ends with its country's name
// is warned of, since the DPA prints the country after it; an address
// that merely contains the name elsewhere is not.
func TestAddressRepeatsCountry(t *testing.T) {
	for _, tc := range []struct {
		address, code string
		want          bool
	}{
		{"Hafenstraße 12, 20457 Hamburg, Germany", "DE", true},
		{"Hafenstraße 12, 20457 Hamburg, germany.", "DE", true},
		{"Keizersgracht 1, 1015 CJ Amsterdam, The Netherlands", "NL", true},
		{"Hafenstraße 12\n20457 Hamburg\nGermany", "DE", true},
		{"Hafenstraße 12, 20457 Hamburg", "DE", false},
		{"Germany Street 1, Dublin", "IE", false},
		{"1 Road, Dublin, Germany", "IE", false},
	} {
		d := &Deal{Customer: Customer{Address: tc.address, Country: tc.code}}
		got := false
		for _, w := range addressWarnings(d) {
			got = got || (w.Rule == WarnAddressRepeatsCountry && w.Path == "customer.address")
		}
		if got != tc.want {
			t.Errorf("%q (%s): warned %t, want %t", tc.address, tc.code, got, tc.want)
		}
	}
}
