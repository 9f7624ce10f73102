package deal

import (
	"strings"
	"testing"
)

// TestListWarnings: the warnings a deal gives of its own list are those
// ListWarnings gives of any list serving its customer, so that a change
// notice's new list and an exported workbook are warned of as the DPA is.
// A sub-processor in South Korea with "none" fits the EU's adequacy
// decisions but not the Swiss Federal Council's list (the example deal,
// under the GDPR and the FADP); one in Monaco fits the Swiss list but not
// the UK's regulations (a Swiss exporter under the FADP alone with the UK
// Addendum).
func TestListWarnings(t *testing.T) {
	kr := Subprocessor{Name: "Kakao Corp.", Purpose: "Support chat", Location: "Seoul", Country: "KR",
		Category: CategoryService, TransferMechanism: TransferNone}
	d := exampleDeal(t)
	list := append(append([]Subprocessor(nil), d.Subprocessors.List...), kr)
	got := ListWarnings(d, list, "list")
	if len(got) != 1 || got[0].Path != "list[2].transfer_mechanism" || got[0].Rule != WarnSwissAdequacy ||
		!strings.Contains(got[0].Message, "South Korea (KR) is not listed") {
		t.Fatalf("ListWarnings = %v, want one swiss_adequacy warning at list[2].transfer_mechanism", got)
	}
	// The deal carrying the same list warns of it in the same words.
	d.Subprocessors.List = list
	own := ListWarnings(d, d.Subprocessors.List, listPrefix)
	var found bool
	for _, w := range Warnings(d) {
		if w.Rule == WarnSwissAdequacy {
			found = true
			if len(own) != 1 || w != own[0] || w.Message != got[0].Message {
				t.Errorf("Warnings gives %v, ListWarnings %v", w, own)
			}
		}
	}
	if !found {
		t.Error("Warnings gives no swiss_adequacy warning")
	}
	// A Swiss exporter under the FADP alone with the UK Addendum: Monaco.
	d = exampleDeal(t)
	d.Customer.Country, d.SCC.SupervisoryAuthority = "CH", ""
	if !d.FADPOnly() || !d.UKAddendum.Enabled {
		t.Fatal("the deal is not a Swiss exporter's under the FADP alone with the UK Addendum")
	}
	mc := kr
	mc.Country = "MC"
	got = ListWarnings(d, []Subprocessor{mc}, "list")
	if len(got) != 1 || got[0].Rule != WarnUKAdequacy || !strings.Contains(got[0].Message, "Monaco (MC) is not covered") {
		t.Errorf("ListWarnings = %v, want one uk_adequacy warning", got)
	}
	for _, r := range ListWarningRules() {
		if !strings.Contains(strings.Join(WarningRules(), " "), r) {
			t.Errorf("ListWarningRules has %q, which WarningRules lacks", r)
		}
	}
}
