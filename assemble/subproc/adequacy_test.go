package subproc

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAdequacyAtHome is the regression test for "adequacy" accepted for a
// sub-processor in the EEA (Annex III printed "Adequacy decision" for
// Ireland): no adequacy decision is made for an EEA State, so the transfer
// rule refuses it and asks for "none"; likewise Switzerland for data from
// Switzerland and the United Kingdom for data from the United Kingdom. The
// other countries of those lists keep "adequacy".
func TestAdequacyAtHome(t *testing.T) {
	entry := func(c string) Subprocessor {
		s := good()
		s.Name, s.Country, s.TransferMechanism = "Sub-processor in "+c, c, TransferAdequacy
		return s
	}
	list := []Subprocessor{entry("IE"), entry("CH"), entry("GB"), entry("NO"), entry("JP")}
	const (
		ie = `"adequacy" is for a country outside the EEA with an EU adequacy decision, and Ireland (IE) is in the EEA, where the GDPR applies and no adequacy decision is made (none is needed); use "none"`
		no = `"adequacy" is for a country outside the EEA with an EU adequacy decision, and Norway (NO) is in the EEA, where the GDPR applies and no adequacy decision is made (none is needed); use "none"`
		ch = `"adequacy" is for a country outside Switzerland that the Swiss Federal Council lists as adequate, and Switzerland (CH) is where the data comes from, so no transfer takes place; use "none"`
		gb = `"adequacy" is for a country outside the United Kingdom to which regulations under Article 45A of the UK GDPR approve transfers, and the United Kingdom (GB) is where the data comes from, so no transfer takes place; use "none"`
	)
	at := func(i int) string { return "list[" + string(rune('0'+i)) + "].transfer_mechanism" }
	for _, tc := range []struct {
		origin Origin
		want   []Problem
	}{
		{FromEEA, []Problem{{at(0), RuleTransferMechanism, ie}, {at(3), RuleTransferMechanism, no}}},
		// Japan is not on the Swiss list.
		{FromSwitzerland, []Problem{{at(1), RuleTransferMechanism, ch}, {at(4), RuleTransferMechanism,
			`"adequacy" is only for Switzerland or a country that the Swiss Federal Council lists as adequate (Annex 1 to the Data Protection Ordinance), and Japan (JP) is not listed, so a transfer from Switzerland needs a safeguard; use "scc"`}}},
		{FromUK, []Problem{{at(2), RuleTransferMechanism, gb}}},
		{NoRestrictedTransfer, nil},
	} {
		if diff := cmp.Diff(tc.want, Rules{Origin: tc.origin}.Check(list, "list")); diff != "" {
			t.Errorf("origin %d (-want +got):\n%s", tc.origin, diff)
		}
	}
	// "none" fits each of them as the problem says.
	for i := range list {
		list[i].TransferMechanism = TransferNone
	}
	if ps := (Rules{Origin: FromEEA}).Check(list[:4], "list"); ps != nil {
		t.Errorf(`"none" in the EEA and adequate countries: %v`, ps)
	}
}
