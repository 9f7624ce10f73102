package assemble_test

import "testing"

// TestCounselUSOnlyReading: findings of counsel's reading of the US-only
// CCPA deal: no undefined "Restricted Transfer" in the sub-processor
// notice, the CCPA's "sensitive personal information" instead of the
// GDPR's special categories, and "this DPA provides" in the singular.
func TestCounselUSOnlyReading(t *testing.T) {
	dpa := renderMD(t, "us-ccpa", "dpa")
	checkText(t, dpa, []string{
		"shall not intentionally provide Provider with sensitive personal information within the meaning of the CCPA (Cal. Civ. Code § 1798.140(ae))",
		"**Sensitive personal information (within the meaning of the CCPA) processed, and the restrictions or safeguards applied**",
		"the places where it will process Customer Personal Data, and the last day on which Customer may object",
		"except as this DPA provides.",
	}, []string{"Restricted Transfer", "special categories", "this DPA provide."})
}

// TestNoticeSwissAndMixedRoles: a notice to a customer whose DPA also
// covers transfers from Switzerland and the United Kingdom names the
// Swiss-US Data Privacy Framework and the EU-US one's UK Extension beside
// the EU-US one, as its Annex III does; one to a Swiss exporter under the
// FADP alone (with a UK branch) names the Swiss-US one and the UK
// Extension, never the EU-US framework for its own data; and a
// controller customer that also processes for controllers (Modules Two
// and Three) is asked to pass the notice on to them, as its DPA provides.
func TestNoticeSwissAndMixedRoles(t *testing.T) {
	both := fixtureDeal(t, "seed-001")
	checkText(t, noticeMD(t, both, withAddition(both)), []string{
		"| **Zendesk, Inc.** | Handling support requests | United States | Name, email address and support request content | EU-US Data Privacy Framework and its UK Extension; Swiss-US Data Privacy Framework |",
		"Where you process personal data as a processor on behalf of a third-party controller (a “Controller”), your Data Processing Agreement provides that the right to object to the additions set out below is, for that data, exercised for the Controller: please pass this notice on to each Controller concerned without delay",
	}, nil)
	swiss := fixtureDeal(t, "swiss-exporter")
	checkText(t, noticeMD(t, swiss, withAddition(swiss)), []string{
		"| Swiss-US Data Privacy Framework; UK Extension to the EU-US Data Privacy Framework |",
	}, []string{"| EU-US Data Privacy Framework", "Controller"})
}
