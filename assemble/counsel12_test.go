package assemble_test

import (
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
)

// TestCounsel12MixedRolesRefusalIsCustomersOwn: under Clause 9 Option 1, a
// customer that is the controller of some data and a processor of the rest
// (modules 2 and 3) undertook not to refuse an authorisation without
// reasonable grounds, while the same clause makes the authorisations for
// the Controller's data the Controller's: the restriction bound the
// Controller's specific authorisation (SCC Module Three, Clause 9(a)
// Option 1; Art. 28(2) GDPR). It binds Customer for its own data alone; a
// controller customer keeps the plain undertaking.
func TestCounsel12MixedRolesRefusalIsCustomersOwn(t *testing.T) {
	const plain = "after receiving Provider’s request, and shall not refuse it without reasonable grounds"
	mixed := fixtureDeal(t, "example")
	mixed.SCC.SubprocessorOption = deal.SpecificAuthorisation
	checkText(t, dealMD(t, mixed, "dpa"), []string{
		"after receiving Provider’s request; for Customer Personal Data of which Customer is the controller, it shall not refuse it without reasonable grounds relating to the protection of Customer Personal Data.",
		"the authorisations given or refused under this Clause are the Controller’s",
	}, []string{plain})

	controller := fixtureDeal(t, "example")
	controller.SCC.SubprocessorOption = deal.SpecificAuthorisation
	controller.SCC.Modules = []int{2}
	checkText(t, dealMD(t, controller, "dpa"), []string{plain}, []string{"of which Customer is the controller, it shall not refuse"})
}
