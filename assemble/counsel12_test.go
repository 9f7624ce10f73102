package assemble_test

import (
	"testing"

	"github.com/dpakit/dpakit/assemble"
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
		"after receiving Provider’s request; Customer shall not refuse its authorisation, so far as it concerns Customer Personal Data of which Customer is the controller, without reasonable grounds relating to the protection of that data.",
		"the authorisations given or refused under this Clause are the Controller’s",
	}, []string{plain})

	controller := fixtureDeal(t, "example")
	controller.SCC.SubprocessorOption = deal.SpecificAuthorisation
	controller.SCC.Modules = []int{2}
	checkText(t, dealMD(t, controller, "dpa"), []string{plain}, []string{"so far as it concerns Customer Personal Data of which Customer is the controller"})
}

// TestCounsel12NoStartOnTheLastDayToObject: with an objection window as
// long as the advance notice (seed-000, a processor customer: 30 and 30 days, which validation
// allows), a notice of 1 December said an objection must be given by 31
// December and that the added sub-processor would not start before 31
// December: it could start on the last day to object, while Clause 9(a)
// Option 2 gives time to object "prior to the engagement". It starts on the
// day after; the DPA says so. Under Option 1 nothing starts unauthorised,
// and the request's lead time alone sets the day.
func TestCounsel12NoStartOnTheLastDayToObject(t *testing.T) {
	d := fixtureDeal(t, "seed-000")
	if d.SCC.SubprocessorNoticeDays != 30 || d.Subprocessors.ObjectionDays != 30 {
		t.Fatalf("seed-000 has notice %d, objection %d days; the test needs 30 and 30", d.SCC.SubprocessorNoticeDays, d.Subprocessors.ObjectionDays)
	}
	checkText(t, noticeMD(t, d, withAddition(d)), []string{
		"no later than **31 December 2026**",
		"Provider will not allow an added Sub-processor to process the personal data you process for the Controller before 1 January 2027",
	}, []string{"before 31 December 2026"})
	checkText(t, dealMD(t, d, "dpa"), []string{
		"Provider shall not allow a new Sub-processor to begin to process Customer Personal Data, or a move or extension to take effect, before that period has ended.",
	}, nil)

	date, _ := deal.ParseDate("2026-12-01")
	for _, tc := range []struct {
		name            string
		option          deal.SubprocessorOption
		notice, objects int
		want            string
	}{
		{"Option 2, window as long as the notice", deal.GeneralAuthorisation, 30, 30, "2027-01-01"},
		{"Option 2, shorter window", deal.GeneralAuthorisation, 30, 15, "2026-12-31"},
		{"Option 1, decision period as long as the notice", deal.SpecificAuthorisation, 30, 30, "2026-12-31"},
	} {
		d := fixtureDeal(t, "seed-000")
		d.SCC.SubprocessorOption, d.SCC.SubprocessorNoticeDays, d.Subprocessors.ObjectionDays = tc.option, tc.notice, tc.objects
		if got := assemble.EarliestStart(d, date).String(); got != tc.want {
			t.Errorf("%s: EarliestStart = %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestCounsel13SuperCapCapsNothingUncapped: the data-protection cap
// replaced the Agreement's treatment of data protection claims, so an
// Agreement that leaves, say, confidentiality claims uncapped had them
// newly capped by the fallback meant to raise the customer's protection
// (thirteenth counsel's reading).
func TestCounsel13SuperCapCapsNothingUncapped(t *testing.T) {
	checkText(t, renderMD(t, "negotiated", "dpa"), []string{
		"It applies only to the extent that the Agreement would otherwise limit that liability: it does not limit any liability that the Agreement leaves unlimited, nor any liability that the following paragraph preserves.",
	}, nil)
}

// TestCounsel13CCPATerms: the CCPA clause let Customer stop and remediate
// only a use proven unauthorised, while Cal. Civ. Code § 1798.100(d)(5)
// gives the right on notice, including after the service provider says it
// can no longer comply; "contractor" was used undefined; and Annex II
// called a Sub-processor's ICO Addendum "the UK Addendum", the DPA's term
// for Customer's own (thirteenth counsel's reading).
func TestCounsel13CCPATerms(t *testing.T) {
	for _, fixture := range []string{"us-ccpa", "example"} {
		t.Run(fixture, func(t *testing.T) {
			checkText(t, renderMD(t, fixture, "dpa"), []string{
				"On written notice to Provider, including after Provider has notified Customer that it can no longer meet its obligations under the CCPA, Customer may take reasonable and appropriate steps to stop and remediate any use of Customer Personal Data by Provider that this DPA does not authorise or the CCPA does not permit",
				"“service provider” and “share” (and “contractor”, where this DPA uses it beside “service provider”) have the meanings given to them in the CCPA",
			}, []string{"If Provider uses Customer Personal Data in a manner not authorised"})
		})
	}
	checkText(t, renderMD(t, "uk-only", "annex-ii"), []string{
		"with the International Data Transfer Addendum between Provider and the Sub-processor",
	}, []string{"Clause 14 of those standard contractual clauses, with the UK Addendum"})
}

// TestCounsel13ReturnHasADeadline: a return of the data had no deadline,
// where deletion had one, and nothing said that the SCCs' Clause 16(d)
// (return or deletion immediately, after a termination under Clause
// 16(c)) displaces the DPA's periods (thirteenth counsel's reading).
func TestCounsel13ReturnHasADeadline(t *testing.T) {
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"Provider shall return Customer Personal Data in a structured, commonly used and machine-readable format, within thirty (30) days after the end of the Services or, if later, after the choice to have it returned is made or communicated.",
		"Where the Standard Contractual Clauses apply and are terminated under Clause 16(c) of the Standard Contractual Clauses, the personal data transferred under them before the termination shall, at Customer’s choice",
		"be returned or deleted in its entirety immediately, as Clause 16(d) of the Standard Contractual Clauses provides, and not within the periods of this Clause; paragraph 4 of this Clause applies to that data only to the extent that Clause 16(d) of the Standard Contractual Clauses allows (local laws that prohibit its return or deletion).",
	}, nil)
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{
		"within thirty (30) days after the end of the Services or, if later, after the choice to have it returned is communicated.",
		"at the Controller’s choice as communicated by Customer, be returned or deleted in its entirety immediately",
	}, nil)
	checkText(t, renderMD(t, "us-ccpa", "dpa"), []string{"within thirty (30) days after the end of the Services or, if later, after Customer chooses to have it returned."}, []string{"Clause 16(d)"})
}

// TestCounsel13EitherPartyEndsTheUKAddendum: Table 4 of the ICO's
// Addendum lets both the importer and the exporter be ticked; the deal
// format allowed one of them or neither (thirteenth counsel's reading).
func TestCounsel13EitherPartyEndsTheUKAddendum(t *testing.T) {
	d := fixtureDeal(t, "uk-only")
	d.UKAddendum.EndingParty = "both"
	checkText(t, dealMD(t, d, "dpa"), []string{
		"by the selection that either party may end the UK Addendum as Section 19 of the UK Addendum provides",
		"Which parties may end the UK Addendum as set out in its Section 19: the Importer (Provider) and the Exporter (Customer).",
	}, nil)
}
