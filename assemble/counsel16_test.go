package assemble_test

import "testing"

// The sixteenth counsel's reading (3 December 2026): a second reader on
// the US-only DPA and the CCPA terms. Each test rejects the wording that
// reading found wrong.

// TestCounsel16CCPAReading: the CCPA clause binds the persons a
// Sub-processor engages, and their engagement is notified up the chain
// (§ 1798.140(ag)(2) reaches "any other person engaged by the service
// provider"); Annex II's breach measure gives the deadline the breach
// clause gives, never a flat period that reads as a safe harbour; the
// US-only DPA takes "personal information", "sensitive personal
// information" and "business purpose" from the CCPA; an infringing
// instruction whose confirmation Provider declines is treated as one it
// cannot comply with, not stated as a fact.
func TestCounsel16CCPAReading(t *testing.T) {
	us := renderMD(t, "us-ccpa", "dpa")
	checkText(t, us, []string{
		"That contract shall also require the Sub-processor to engage any other person to assist it in processing that personal information only under a written contract binding that person to observe all the requirements of this Clause, and to notify Provider of that engagement, which Provider shall in turn notify to Customer",
		"The terms “business”, “business purpose”, “commercial purpose”, “consumer”, “personal information”, “sell”, “sensitive personal information”, “service provider” and “share”",
		"and Customer is notified without undue delay, and in any event within seventy-two (72) hours, as provided in [Clause 8](#breach) of this DPA, with the information",
	}, []string{"and Customer is notified within"})
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"In that case Provider is treated as unable to comply with the instruction, and the next paragraph applies.",
		"That contract shall also require the Sub-processor to engage any other person",
	}, []string{"Provider then cannot comply with the instruction", "and Customer is notified within"})
	// A customer that processes for a Controller that is a business: the
	// steps serve that Controller's CCPA obligations too, and Provider's
	// notice that it can no longer meet its obligations reaches it
	// (§ 1798.100(d)(4)).
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"consistent with Customer’s obligations under the CCPA (and, for personal information that Customer processes on behalf of a Controller, that Controller’s)",
		"Customer shall pass that notice on without undue delay to each Controller on whose behalf Customer processes personal information under this Clause, the business that Cal. Civ. Code § 1798.100(d)(4) requires to be notified.",
	}, nil)
	checkText(t, renderMD(t, "us-ccpa", "dpa"), nil, []string{"Customer shall pass that notice on"})
}
