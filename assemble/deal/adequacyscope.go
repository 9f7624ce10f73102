package deal

import (
	"fmt"

	"github.com/dpakit/dpakit/assemble/subproc"
)

// WarnPartialAdequacy: a sub-processor in Canada relies on adequacy
// ("none", "adequacy"), but the adequacy findings for Canada (Commission
// Decision 2002/2/EC, and the UK's and the Swiss Federal Council's, which
// follow it) cover only recipients subject to the Personal Information
// Protection and Electronic Documents Act (PIPEDA), which applies to
// organisations handling personal information in the course of commercial
// activities (and to personal information crossing a provincial or
// national border, whatever provincial law applies within a province), so
// the label states a safeguard only as far as that holds.
const WarnPartialAdequacy = "partial_adequacy"

// partialAdequacyWarnings warns about each sub-processor of list in Canada
// whose transfer mechanism is "none" or "adequacy", in a deal with
// restricted transfers.
func partialAdequacyWarnings(d *Deal, list []Subprocessor, prefix string) []Problem {
	if listOrigin(d) == subproc.NoRestrictedTransfer {
		return nil
	}
	var ws []Problem
	for i, s := range list {
		if s.Country != "CA" || (s.TransferMechanism != subproc.TransferNone && s.TransferMechanism != subproc.TransferAdequacy) {
			continue
		}
		ws = append(ws, Problem{Path: fmt.Sprintf("%s[%d].transfer_mechanism", prefix, i), Rule: WarnPartialAdequacy,
			Message: fmt.Sprintf(`%q relies on the adequacy finding for Canada (the EU's Commission Decision 2002/2/EC, which the UK's and the Swiss Federal Council's follow), which covers only recipients subject to the Personal Information Protection and Electronic Documents Act (PIPEDA): organisations handling the data in the course of commercial activities, not, for example, a public body, or an employer for its employees' data outside federally regulated work; confirm that %s receives the data under PIPEDA, or use "scc"`,
				s.TransferMechanism, s.Name)})
	}
	return ws
}
