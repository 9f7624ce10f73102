package assemble_test

import "testing"

// The fourteenth counsel's reading (3 December 2026): two second readers,
// one on Modules One and Four and the change notices, one on the
// negotiated terms and the Word version. Each test rejects the wording
// that reading found wrong.

// TestCounsel14DeletionAnnexAgreesWithClause: Annex I.B, which completes
// the SCCs' Appendix and so prevails, gives return and deletion (and the
// deletion of copies after a return) the deadline of the deletion clause:
// after the end of the Services or, if later, after the choice, never one
// running from a choice made during the Services; or, for a Controller
// whose data Customer stops processing mid-term, after Customer's notice.
func TestCounsel14DeletionAnnexAgreesWithClause(t *testing.T) {
	for _, tt := range []struct{ fixture, want string }{
		{"us-representative", "Customer Personal Data is returned or deleted, and copies remaining after a return are deleted, within thirty (30) days after the end of the Services or, if later, after the choice to have it returned or deleted is made (or the period for making it ends), and copies in backups"},
		{"processor-option2", "after the end of the Services or, if later, after the choice to have it returned or deleted is communicated to Provider (or the period for making it ends) or, for the Customer Personal Data of a Controller for which Customer ceases processing while the Services continue, within the same period after Customer’s notice under"},
		{"example", "after the end of the Services or, if later, after the choice to have it returned or deleted is made or communicated to Provider (or the period for making it ends) or, for the Customer Personal Data of a Controller for which Customer ceases processing"},
	} {
		t.Run(tt.fixture, func(t *testing.T) {
			checkText(t, renderMD(t, tt.fixture, "annex-i"), []string{tt.want}, []string{"days after the choice to delete"})
		})
	}
}

// TestCounsel14ProviderAsController: with Module One, Provider's duties
// under Data Protection Laws are a processor's for Customer Personal Data
// and a controller's for Provider Controller Data, whether or not those
// laws bind it directly, and Customer's instructions reach only Customer
// Personal Data; "including" attaches to Customer Personal Data, never to
// the Provider Controller Data carved out of it.
func TestCounsel14ProviderAsController(t *testing.T) {
	md := renderMD(t, "modules-1-2-bavaria", "dpa")
	checkText(t, md, []string{
		"it refers, for Customer Personal Data, to the requirements that those laws place on a processor in Provider’s position, and, for Provider Controller Data, to those that they place on a controller in Provider’s position, in each case whether or not they apply to Provider directly; for Customer Personal Data, a requirement that binds only Customer binds Provider",
		"means all Personal Data, including the Personal Data described in Part 1 of [Annex I.B](#annex-i-b), that Customer or its users provide to Provider",
	}, []string{"Provider Controller Data, including"})
	checkText(t, renderMD(t, "example", "dpa"), nil, []string{"for Provider Controller Data, to those"})
}

// TestCounsel14NoWrongTransferExample: the SCCs' conditional application
// for a provider in the EEA gives no example of a transfer that is not one
// (a provider's own staff reaching data from abroad is no transfer from
// Customer to Provider).
func TestCounsel14NoWrongTransferExample(t *testing.T) {
	d := fixtureDeal(t, "example")
	d.Provider.Country = "NL"
	d.Provider.Address = "Herengracht 450, 1017 CA Amsterdam"
	checkText(t, dealMD(t, d, "dpa"), []string{
		"They apply only if and to the extent that a Restricted Transfer from Customer to Provider takes place in connection with the Services; the selections made in the following paragraph apply to any such transfer.",
	}, []string{"gives access to Customer Personal Data from"})
}

// TestCounsel14SuperCapRecourse: under the data-protection cap, what
// Customer pays Data Subjects (or its Controller) for Provider's share of
// their damage is recoverable as direct loss, the cap never reaches what
// the next paragraph preserves, a processor customer recovers what it owes
// its Controller for the Controller's costs and fines, and under the FADP
// fines come from the criminal authorities, not the FDPIC.
func TestCounsel14SuperCapRecourse(t *testing.T) {
	const share = "for damage caused by such a breach, to the extent it corresponds to Provider’s part of the responsibility for that damage"
	for _, tt := range []struct {
		fixture string
		want    []string
	}{
		{"us-representative", []string{share, "compensation that Customer pays to Data Subjects for damage", "nor any liability that the following paragraph preserves"}},
		{"processor-option2", []string{share,
			"compensation that Customer pays to Data Subjects, or is liable to pay the Controller for compensation that the Controller pays them,",
			"the amounts Customer is liable to pay the Controller for the Controller’s reasonable costs of notifying supervisory authorities and Data Subjects and of investigating and remedying the Personal Data Breach;",
			", and the amounts Customer is liable to pay the Controller in respect of fines and penalties imposed on the Controller."}},
		{"swiss-exporter", []string{share, "fines and penalties imposed on Customer under Data Protection Laws by a supervisory authority or a court or, under the FADP (Article 64), by the competent criminal authority."}},
	} {
		t.Run(tt.fixture, func(t *testing.T) {
			d := fixtureDeal(t, tt.fixture)
			d.Negotiated = map[string]string{"liability": "data-protection-cap"}
			checkText(t, dealMD(t, d, "dpa"), tt.want, nil)
		})
	}
}
