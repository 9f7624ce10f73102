package assemble_test

import (
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
)

// A processor customer's change notice, as a second reader (EU/Swiss
// privacy counsel) read it against the customer's own DPA.

// TestNoticeProcessorCustomerOption2SpeaksForController: a processor
// customer's change notice gives the objection to the Controller, made
// through the customer, and says that silence leaves the change authorised
// under the Controller's general authorisation, as the DPA's Clause 6.3
// does; the data is the personal data the customer processes for the
// Controller, not "your personal data".
func TestNoticeProcessorCustomerOption2SpeaksForController(t *testing.T) {
	d := fixtureDeal(t, "processor-option2")
	cur := withAddition(d)
	moved := -1
	for i, s := range cur {
		if s.Country == "IE" || s.Country == "DE" {
			moved = i
			break
		}
	}
	if moved < 0 {
		t.Fatal("processor-option2 has no sub-processor in the EEA to move")
	}
	cur[moved].Location, cur[moved].Country, cur[moved].TransferMechanism = "US East (N. Virginia)", "US", "scc"
	txt := noticeMD(t, d, cur)
	checkText(t, txt, []string{
		"it is the Controller that may object to the additions and the moves set out below, through you: please pass this notice on to the Controller without delay and tell Provider of the Controller’s objection, if any, in writing by the date below.",
		". The Controller’s right to object",
		"The Controller may object to the engagement of an added Sub-processor or to a move listed above, on reasonable grounds relating to the protection of the personal data you process for it, by notice in writing to the Privacy Team at privacy@kestrel.example, with a copy to Provider’s data protection officer, Tomás Ortega, at dpo@kestrel.example, given by you on its behalf. Please state those grounds, so that Provider can address them.",
		"The objection must be given no later than **16 December 2026**",
		"If no objection is made by then, the change is authorised under the Controller’s general authorisation, as your Data Processing Agreement provides.",
		"Provider will not allow an added Sub-processor to process the personal data you process for the Controller, nor move",
		"if an objection is made in time, not while it is unresolved",
		"the parties will discuss the Controller’s concerns in good faith",
		"with the same notice period and the same right of the Controller to object",
		"a transfer of the personal data you process for the Controller to a country outside the EEA",
	}, []string{
		"You may object", "you are treated as having accepted", "your personal data", "Your objection",
		"if you object", "If you object", "Your right to object",
	})
}

// TestNoticeProcessorCustomerOption1SpeaksForController: a processor
// customer under Option 1 is asked for the Controller's decision, not its
// own, and its customer.controller, written in the DPA's terms ("Customer's
// payroll service"), is read with "Customer" defined as the addressee.
func TestNoticeProcessorCustomerOption1SpeaksForController(t *testing.T) {
	d := fixtureDeal(t, "processor-option1-eea")
	if d.SCC.SubprocessorOption != deal.SpecificAuthorisation {
		t.Fatal("processor-option1-eea no longer chooses Option 1")
	}
	txt := noticeMD(t, d, withAddition(d))
	checkText(t, txt, []string{
		"(“Provider”) asks for specific prior written authorisation, under the sub-processor terms",
		"You (“Customer” in your Data Processing Agreement) act as a processor on behalf of the employers that use Customer’s payroll service under their contracts with Customer (the “Controller”).",
		"the authorisation requested here is the Controller’s, given through you, and nothing in this request takes effect without it",
		". The Controller’s decision",
		"Please communicate the Controller’s decision, giving or refusing its authorisation for each Sub-processor listed above, in writing to the Privacy Team at privacy-eu@kestrel.example, with a copy to Provider’s data protection officer, Tomás Ortega, at dpo@kestrel.example.",
		"The Controller’s decision is due within fourteen (14) days after you receive this request, as your Data Processing Agreement provides; if you receive it on the day it is dated, that is no later than **15 December 2026**.",
		"unless and until you have communicated the Controller’s authorisation in writing. Silence is not an authorisation: if the Controller’s authorisation has not been communicated to Provider within that period, it has not been given",
		"If the Controller refuses its authorisation, or none is given within the period for deciding",
		"which only the list in your Data Processing Agreement and the Controller’s written authorisations do",
	}, []string{
		"Please give or refuse your authorisation", "asks for your specific", "your personal data",
		"Your silence", "you have authorised", "If you refuse", "Your decision",
	})
}

// TestNoticeControllerCustomerKeepsItsOwnRight: the controller branch is
// the customer's own right, as before; a controller that also acts as
// processor (seed-001) is told who "Customer" is when its description of
// its controllers speaks of Customer.
func TestNoticeControllerCustomerKeepsItsOwnRight(t *testing.T) {
	d := fixtureDeal(t, "seed-001")
	txt := noticeMD(t, d, withAddition(d))
	checkText(t, txt, []string{
		". Your right to object",
		"You may object to the engagement of an added Sub-processor",
		"If you do not object by then, the change is authorised under your general authorisation",
		"Provider will not allow an added Sub-processor to process your personal data",
	}, []string{"The Controller may object", "“Customer” in your"})
	mixed := *d
	mixed.Customer.Controller = "the clients for which Customer runs payroll under its contracts with them"
	checkText(t, noticeMD(t, &mixed, withAddition(&mixed)), []string{
		"Where you (“Customer” in your Data Processing Agreement) process personal data as a processor on behalf of the clients for which Customer runs payroll",
		"You may object to the engagement of an added Sub-processor",
	}, nil)
}

// TestNoticeDefinesSubprocessorForProcessor: a processor customer's letter
// defines a Sub-processor by the data it processes for the Controller, not
// as processing "on your behalf", which its DPA does not say.
func TestNoticeDefinesSubprocessorForProcessor(t *testing.T) {
	d := fixtureDeal(t, "processor-option2")
	txt := noticeMD(t, d, withAddition(d))
	checkText(t, txt, []string{"A “Sub-processor” is any processor, including any affiliate of Provider, that Provider engages to process the personal data you process for the Controller in providing the Services."},
		[]string{"on your behalf"})
}
