package clauses_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/fixtures"
)

// counselCase is one deal read as a customer's counsel reads it: phrases
// that must be in the rendered DPA and its annexes, and the wording of the
// faults counsel found, which must not be.
type counselCase struct {
	name   string
	deal   func(t *testing.T) *deal.Deal
	want   []string
	reject []string
}

// faults is wording no DPA may print, whatever the deal: each is a defect a
// signing lawyer found in an earlier version of the library.
var faults = []string{
	"Not stated",                                          // UK Table 1 registration number "if any"
	"within the retention period stated in",               // deletion has its own deadline
	"On Customer’s request, Provider shall certify",       // the certificate is given unasked
	"used for service analytics and capacity planning",    // processing for Provider's own purposes
	"irreversibly anonymised data",                        // creating test data from Customer Personal Data
	"from the date Provider notifies Customer in writing", // switching mechanism by notice
	"sole point of contact",
	"authorisation or objection",
	"authorisations and refusals under this Clause are those of that controller",
	"Where Customer acts as a processor on behalf of a third-party controller",
	"Where Module Three applies",
	"within five (5) business days", // Business Days are defined
}

func loadFixture(name string) func(t *testing.T) *deal.Deal {
	return func(t *testing.T) *deal.Deal {
		t.Helper()
		src, err := fs.ReadFile(fixtures.FS, "deals/"+name+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		d, err := deal.Load(src, name+".yaml", profile(t), fixtures.Profile)
		if err != nil {
			t.Fatalf("deal.Load: %v", err)
		}
		return d
	}
}

func TestCounselCases(t *testing.T) {
	cases := []counselCase{
		{
			name: "processor customer, Option 1, provider in the EEA",
			deal: loadFixture("processor-option1-eea"),
			want: []string{
				"(A) Provider provides the Services",
				"(B) Customer processes personal data as a processor on behalf of one or more controllers",
				"“Business Day” means a day other than a Saturday, a Sunday or a public holiday",
				"“Controller” means the employers that use Customer’s payroll service",
				// Controller duties stay with the Controller (item 1).
				"The Controller remains responsible for the obligations that Data Protection Laws place on a controller, including having a legal basis",
				"shall notify the Controller without undue delay of any Personal Data Breach of which Provider notifies it, as Article 33(2)",
				"Where the Controller carries out a data protection impact assessment",
				"makes it available to Customer for the Controller’s data protection impact assessments",
				// Instructions and Art. 28(4) (item 2).
				"The instructions are those of the Controller, as Customer communicates them to Provider, together with any additional instructions of Customer that do not conflict",
				"Where the instruction is the Controller’s, Customer shall inform the Controller immediately.",
				"and Customer shall immediately inform the Controller.",
				"is stricter than, or additional to, the obligations in this DPA",
				// Authorisation is the Controller's (item 3), Option 1 without objection (item 6).
				"The Controller has given, through Customer, its specific prior written authorisation",
				"Provider shall not engage any other Sub-processor without the Controller’s specific prior written authorisation.",
				"If no authorisation has been communicated within that period, the authorisation has not been given, and Provider may not engage the proposed Sub-processor",
				"it shall confirm the engagement (or the move or wider processing) to Customer in writing",
				"The authorisation is that of the Controller, given and communicated through Customer as Clause 6 of this DPA provides",
				"The Controller has authorised, through Customer, the engagement of each Sub-processor listed below",
				// Direct channels (item 4).
				"Where appropriate and feasible, in particular where Customer cannot be reached, Provider shall also notify the Controller directly.",
				"Provider shall notify Customer and, where appropriate, the Controller without undue delay, and in any event within five (5) Business Days.",
				"unless the Controller has authorised it to do so",
				"or at the Controller’s request made directly to Provider",
				"Customer shall forward each notification under this paragraph to the Controller.",
				// Audits (item 5).
				"conducted by Customer or the Controller, or by an independent auditor mandated by either of them, including audits that Customer carries out on the Controller’s instructions",
				"Where an audit is carried out on the Controller’s instructions, Customer shall make its results available to the Controller.",
				"where there are indications of non-compliance with this DPA, or in connection with a Personal Data Breach, shorter notice may be given",
				// Annex III under Option 1 (item 7).
				"AWS EMEA Privacy Team, aws-EU-privacy@amazon.example (Data protection team)",
				"Responsibilities: Stores and routes support tickets only; receives the employee names and identifiers that a ticket contains, and has no access to the payroll records themselves",
				"38 Avenue John F. Kennedy, L-1855 Luxembourg",
				// No restricted transfer (item 8).
				"Provider is established in the Netherlands, which is in the EEA.",
				"is therefore not a Restricted Transfer, and the Standard Contractual Clauses and the UK Addendum do not apply to it.",
				"They apply only if and to the extent that a Restricted Transfer from Customer to Provider takes place",
				// Deletion (item 9).
				"Provider shall complete the deletion within fourteen (14) days after the end of the Services or, if later, after the choice is communicated",
				"in any event within thirty-five (35) days after that deletion",
				"without waiting for a request",
				"returned or deleted, and copies remaining after a return are deleted, within fourteen (14) days after the end of the Services or, if later, after the choice to have it returned or deleted is communicated to Provider",
				// Special categories as the deal says (item 12).
				"None. Customer shall not provide special categories",
				// Smaller points (item 13).
				"Provider shall notify Customer and, where possible, the Data Subjects concerned",
				"only if and when Customer, with the Controller’s agreement, agrees to it in writing",
				"with the independent dispute resolution body Stichting Geschillencommissie Digitale Diensten, Bordewijklaan 46, 2591 XR Den Haag, Netherlands",
				"Official registration number (if any) | KvK 81234567 | KvK 87654321",
				"Key contact | Pieter de Wit, Privacy Counsel,",
				"### Measures to assist Customer and the Controller",
			},
			reject: []string{
				"is responsible for the lawfulness of the processing it instructs",
				"to meet its own obligations under Articles 33 and 34",
				"Where Customer carries out a data protection impact assessment",
				"Customer gives its specific prior",
				"Customer gives Provider general written authorisation",
				"the objection", "objections", "object to", "may object",
				"shall not refuse it without reasonable grounds",
				"Customer shall not intentionally provide",
				"as Clause 6 provides",
			},
		},
		{
			name: "processor customer, Option 2, no controller named, provider in the United States",
			deal: loadFixture("processor-option2"),
			want: []string{
				"“Controller” means each controller on whose behalf Customer processes Customer Personal Data as processor.",
				"The Controller has given, through Customer, its general written authorisation",
				"so that the Controller can object",
				"The Controller may object to the intended change, on reasonable grounds relating to the protection of Customer Personal Data, by written notice that Customer gives to Provider on the Controller’s behalf within fifteen (15) days",
				"The Controller, through Customer, authorises their engagement as at the Effective Date.",
				"Provider shall designate that body, inform Customer in writing of its name and address",
				"designated by Provider as Clause 12 of this DPA provides",
				"None. Customer shall not intentionally provide special categories",
				"Controller on whose behalf Customer acts: the controller or controllers for which Customer processes",
			},
			reject: []string{
				"is responsible for the lawfulness of the processing it instructs",
				"Customer gives Provider general written authorisation",
				"Customer may object",
				"is therefore not a Restricted Transfer",
				"Option 1 (specific prior authorisation) applies",
			},
		},
		{
			name: "controller customer, modules 2 and 3 (the example deal)",
			deal: loadFixture("example"),
			want: []string{
				"“Controller” means each controller, other than Customer, on whose behalf Customer processes Customer Personal Data as processor.",
				"Customer acts as the controller of Customer Personal Data, and Provider acts as Customer’s processor, except for any Customer Personal Data that Customer processes as a processor on behalf of a Controller",
				"For Customer Personal Data that Customer processes on behalf of a Controller, the legal basis for the processing, the information of Data Subjects and the other obligations of a controller are the Controller’s.",
				"For Customer Personal Data that Customer processes on behalf of a Controller, the instructions are the Controller’s, as Customer communicates them",
				"Customer gives Provider general written authorisation",
				"authorisation given and the objections made under this Clause are the Controller’s, as Clause 9(a) of the Standard Contractual Clauses (Module Three) provides",
				"so that Customer can object within the period, and in the manner, that Clause 6 of this DPA provides. The agreed list of sub-processors is set out in Annex III. Under Module Three, Provider informs the Controller, through Customer, so that the Controller can object, and the authorisation is that of the Controller, given and communicated through Customer as Clause 6 of this DPA provides.",
				"Provider shall also notify that Controller directly where appropriate and feasible",
				"at the request of a Controller made directly to Provider",
				"None. Customer shall not intentionally provide special categories",
				"within thirty (30) days after the end of the Services or, if later, after the choice is made or communicated",
				// Mixed roles: the Controller's agreement for its data,
				// and its instructions on notifying a breach.
				"only if and when Customer (with the agreement of each Controller on whose behalf Customer processes Customer Personal Data that the transfer concerns) agrees to it in writing",
				"unless the law requires it or it is instructed to do so: for Customer Personal Data of which Customer is the controller, by Customer; for Customer Personal Data that Customer processes on behalf of a Controller, by that Controller, directly or through Customer.",
				"is responsible, for Customer Personal Data of which it is the controller, for the lawfulness of the processing it instructs, including having a legal basis",
				"that Customer Personal Data of which it is the controller has been collected lawfully",
			},
			reject: []string{
				"Official registration number", // neither party has one: the row is left out
				"is therefore not a Restricted Transfer",
				"shall not provide special categories",
			},
		},
		{
			name: "controller customer, provider in the EEA",
			deal: func(t *testing.T) *deal.Deal {
				d := loadFixture("example")(t)
				d.Provider.Name, d.Provider.Address, d.Provider.Country = "Kestrel Cloud Ireland Limited", "1 Grand Canal Square, Dublin 2", "IE"
				d.SCC.Modules = []int{2}
				d.UKAddendum.Enabled = false
				return d
			},
			want: []string{
				"Provider is established in Ireland, which is in the EEA.",
				"is therefore not a Restricted Transfer, and the Standard Contractual Clauses do not apply to it.",
				"the selections made in the following paragraph apply to any such transfer",
				"Customer acts as the controller of Customer Personal Data, and Provider acts as Customer’s processor.",
			},
			reject: []string{"“Controller” means", "Controller’s"},
		},
	}
	e := engine(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.deal(t)
			if err := deal.NewValidator(deal.Options{}).Validate(d); err != nil {
				t.Fatalf("deal invalid: %v", err)
			}
			var all strings.Builder
			for _, kind := range []string{"dpa", "annex-i", "annex-ii", "annex-iii"} {
				doc, err := e.Assemble(d, kind)
				if err != nil {
					t.Fatalf("Assemble %s: %v", kind, err)
				}
				all.WriteString(text(doc))
			}
			txt := all.String()
			// Markdown-like cells: the text helper joins cells with " | ".
			for _, w := range c.want {
				if !strings.Contains(txt, strings.TrimPrefix(w, "### ")) {
					t.Errorf("missing %q", w)
				}
			}
			for _, r := range append(append([]string{}, faults...), c.reject...) {
				if i := strings.Index(txt, r); i >= 0 {
					t.Errorf("found %q in …%s…", r, txt[max(0, i-80):min(len(txt), i+80)])
				}
			}
		})
	}
}

// TestModuleFourAloneRefused records the fate of a module 4 deal: this DPA
// has no terms binding Customer as Provider's processor, so validation
// refuses it rather than rendering a DPA counsel would reject.
func TestModuleFourAloneRefused(t *testing.T) {
	d := loadFixture("example")(t)
	d.SCC.Modules = []int{4}
	d.SCC.SubprocessorOption = ""
	d.Customer.Role = deal.Processor
	err := deal.NewValidator(deal.Options{}).Validate(d)
	var ve *deal.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate = %v, want a *ValidationError", err)
	}
	for _, p := range ve.Problems {
		if p.Rule == deal.RuleDPAModule {
			return
		}
	}
	t.Errorf("no %s problem in %v", deal.RuleDPAModule, ve.Problems)
}
