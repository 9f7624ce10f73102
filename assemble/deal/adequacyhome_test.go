package deal

import (
	"testing"
)

// TestAdequacyAtHomeInDeal: a deal's sub-processor in the EEA with
// "adequacy" is a problem of the transfer rule (no adequacy decision is
// made for an EEA State), while in a deal under two laws "adequacy" for
// the other law's own country (Switzerland beside the GDPR, the United
// Kingdom beside the FADP) stands for the data under the first law and
// draws no adequacy warning: the data from there needs no safeguard.
func TestAdequacyAtHomeInDeal(t *testing.T) {
	v := NewValidator(Options{})
	d := exampleDeal(t)
	d.Subprocessors.List[0].TransferMechanism = TransferAdequacy // Ireland
	ps := problems(t, v.Validate(d))
	if len(ps) != 1 || ps[0].Path != "subprocessors.list[0].transfer_mechanism" || ps[0].Rule != RuleTransferMechanism {
		t.Errorf("adequacy for Ireland: %v, want the transfer rule", ps)
	}
	d = exampleDeal(t)
	ch := d.Subprocessors.List[0]
	ch.Name, ch.Country, ch.TransferMechanism = "Swisscom (Schweiz) AG", "CH", TransferAdequacy
	d.Subprocessors.List = append(d.Subprocessors.List, ch)
	if err := v.Validate(d); err != nil {
		t.Errorf("adequacy for Switzerland under the GDPR: %v", err)
	}
	for _, w := range ListWarnings(d, d.Subprocessors.List, listPrefix) {
		t.Errorf("adequacy for Switzerland under the GDPR and the FADP: %v", w)
	}
	// A Swiss exporter under the FADP alone with the UK Addendum.
	d = exampleDeal(t)
	d.Customer.Country, d.SCC.SupervisoryAuthority = "CH", ""
	gb := d.Subprocessors.List[0]
	gb.Name, gb.Country, gb.TransferMechanism = "BT plc", "GB", TransferAdequacy
	d.Subprocessors.List = []Subprocessor{gb}
	if ps := (v.ListRules(d)).Check(d.Subprocessors.List, listPrefix); ps != nil {
		t.Errorf("adequacy for the United Kingdom under the FADP: %v", ps)
	}
	for _, w := range ListWarnings(d, d.Subprocessors.List, listPrefix) {
		t.Errorf("adequacy for the United Kingdom under the FADP and UK Data Protection Laws: %v", w)
	}
}
