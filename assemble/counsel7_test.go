package assemble_test

import (
	"bytes"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/mddoc"
	"github.com/dpakit/dpakit/assemble/sublist"
)

// The seventh counsel's reading (2 December 2026, evening): a customer's
// counsel reading the vendor-side changes of the day before, for balance.
// Each test rejects the wording that reading found wrong.

// TestCounsel7ControllerAudits checks that a Controller's own audit does
// not wait on a contract Provider could refuse: Customer answers for the
// Controller keeping the audit rules, the Controller confirms them only if
// Provider asks, and a breach or legally required audit does not wait for
// that; a Controller that audits directly has its own plan apply; the
// remote-first fallback counts on-site audits apart from remote ones, and
// each Controller's audits apart from another's.
func TestCounsel7ControllerAudits(t *testing.T) {
	const ensure = "Customer shall ensure that a Controller that conducts an audit itself, or mandates an auditor, complies with this paragraph and the next and, if Provider so requests, confirms this to Provider in writing before the audit begins; Provider shall not delay an audit in connection with a Personal Data Breach, or one that a supervisory authority or Data Protection Laws require, while awaiting that confirmation."
	const veto = "shall first agree in writing with Provider"
	// Each Controller has its own yearly audit (Article 28(3)(h) GDPR gives
	// each the right): one Controller's audit never uses up another's.
	tests := []struct {
		fixture, plan, onSite string
	}{
		{"processor-option2", "the reasonable plan proposed in the notice by whoever is to conduct or mandate the audit (Customer, for itself or on the Controller’s instructions, or the Controller) applies.",
			"Audits on site may take place once in any period of twelve (12) months (remote audits being counted separately) on Customer’s own account and once in that period for the Customer Personal Data of each Controller (whether that Controller conducts or mandates the audit or Customer conducts it on that Controller’s instructions), but not more often, except where"},
		{"example", "the reasonable plan proposed in the notice by whoever is to conduct or mandate the audit (Customer, for itself or on a Controller’s instructions, or the Controller) applies.",
			"Audits on site may take place once in any period of twelve (12) months (remote audits being counted separately) for the Customer Personal Data that Customer processes as controller and once in that period for the Customer Personal Data that it processes on behalf of each Controller, whoever conducts the audit, but not more often, except where"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			checkText(t, renderMD(t, tt.fixture, "dpa"), []string{ensure, tt.plan}, []string{veto, "the reasonable plan that Customer proposes"})
			d := fixtureDeal(t, tt.fixture)
			d.Negotiated = map[string]string{"audits": "remote-first"}
			checkText(t, dealMD(t, d, "dpa"), []string{ensure, tt.plan, tt.onSite}, []string{veto, "in total"})
		})
	}
	// A customer that processes only for itself has no Controller to answer for.
	checkText(t, renderMD(t, "us-ccpa", "dpa"), []string{"Customer’s reasonable plan applies."}, []string{"Customer shall ensure that a Controller"})
}

// TestCounsel7ObjectionExit checks that the excuse for Services Provider
// cannot provide after an unresolved objection neither suspends the DPA
// nor leaves Customer paying for them, and that a Sub-processor objected to
// late stops processing at the latest thirty days after Provider says it
// cannot go on without it, even if neither party ends the Services.
func TestCounsel7ObjectionExit(t *testing.T) {
	const excuse = "From that notice until the Services affected are terminated, Provider is not in breach of the Agreement for not providing a part of them that it cannot reasonably provide without the change, and the fees for that part are reduced accordingly; Provider’s obligations under this DPA continue unchanged."
	const late = "where Provider has by then notified Customer that it cannot reasonably continue without the Sub-processor, for no more than thirty (30) days after that notice, unless the objection has been withdrawn or resolved."
	for _, name := range []string{"example", "processor-option2", "us-ccpa"} {
		t.Run(name, func(t *testing.T) {
			checkText(t, renderMD(t, name, "dpa"), []string{excuse}, []string{"until they are terminated, Provider is not in breach"})
			d := fixtureDeal(t, name)
			d.Negotiated = map[string]string{"subprocessors": "late-objection"}
			checkText(t, dealMD(t, d, "dpa"), []string{excuse, late}, []string{"until the Services affected are terminated under this paragraph"})
		})
	}
	d := fixtureDeal(t, "example")
	checkText(t, noticeMD(t, d, withAddition(d)), []string{
		"either party may terminate them by written notice without penalty, and Provider will refund the fees as described above.",
	}, nil)
}

// TestCounsel7ProviderNotDirectlyBound checks that Provider's duty to
// comply with Data Protection Laws does not fall away where those laws do
// not bind Provider itself (a processor outside the EEA, Art. 3 GDPR): it
// is measured by what they require of a processor in its position.
func TestCounsel7ProviderNotDirectlyBound(t *testing.T) {
	tests := []struct{ fixture, role string }{
		{"processor-option2", "a processor (sub-processor)"},
		{"example", "a processor"},
		{"us-ccpa", "a service provider or processor"},
	}
	for _, tt := range tests {
		checkText(t, renderMD(t, tt.fixture, "dpa"), []string{
			"it refers to the requirements that those laws place on " + tt.role + " in Provider’s position, whether or not they apply to Provider directly;",
		}, []string{"place on Provider as"})
	}
}

// TestCounsel7LawfulRetentionAndBreachTiming checks that the CCPA
// conflict rule keeps only the uses a law binding Provider requires, within
// the instructions clause (Art. 28(3)(a) GDPR), and that the US breach
// notice says what Cal. Civ. Code § 1798.82(b) requires (notice
// immediately following discovery), not a "time" it never sets.
func TestCounsel7LawfulRetentionAndBreachTiming(t *testing.T) {
	for _, name := range []string{"example", "us-ccpa"} {
		checkText(t, renderMD(t, name, "dpa"), []string{
			"retaining or using personal information to the extent that a law to which Provider is subject requires it, within the limits of [Clause 3](#instructions)",
			", after becoming aware of a Personal Data Breach, or sooner where a law applicable to Provider requires it (Cal. Civ. Code § 1798.82(b), for example, requires notice immediately following the discovery of a breach it covers).",
		}, []string{"where the law requires it", "any shorter time"})
	}
}

// TestCounsel7ContactsAndDeletion checks that the business-contact
// exception cannot take user accounts out of the DPA, that Customer's own
// deletion of one Controller's data leaves Provider's duty for the other
// copies, that Provider's refusal of an unlawful instruction leads to the
// remedies for an instruction it cannot follow, termination there being
// without penalty and refunded, and that a notice to a customer with its
// own list does not say the notice has already changed it.
func TestCounsel7ContactsAndDeletion(t *testing.T) {
	checkText(t, renderMD(t, "us-ccpa", "dpa"), []string{
		"the same details processed in providing the Services (for example, in user accounts) remain Customer Personal Data.",
		"provided that it gives Customer its reasons in writing. In that case Provider is treated as unable to comply with the instruction, and the next paragraph applies.",
		"terminate the affected part of the Services by written notice to Provider without penalty; Provider shall then refund, pro rata, the fees Customer has paid in advance for that part for the period after termination.",
	}, []string{"that Provider processes as a controller to administer", "and the next paragraph then applies", "terminate the affected part of the Services in accordance with the Agreement"})
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{
		"may delete it itself using the functions of the Services; Provider remains responsible for deleting the remaining copies, including those in backups, as this Clause provides.",
	}, []string{"where the functions of the Services reach it"})
	// The letter to a customer whose DPA carries its own list: the notice
	// changes it only as the DPA provides (cmd/dpakit's
	// TestNoticeOwnListIsNotThePublishedOne reads it through the CLI).
	d := fixtureDeal(t, "us-ccpa")
	date, _ := deal.ParseDate("2026-12-01")
	doc, err := engine(t).AssembleNotice(d, assemble.Notice{Date: date, Changes: sublist.Diff(d.Subprocessors.List, withAddition(d)), OwnList: true})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := mddoc.New().Write(&b, doc); err != nil {
		t.Fatal(err)
	}
	checkText(t, b.String(), []string{
		"with the changes of earlier notices that have taken effect under it; the changes in this notice take effect only as described below.",
		"is for information only and may differ from yours.",
	}, []string{"as changed by this notice"})
}
