package deal

import "github.com/dpakit/dpakit/assemble/subproc"

// WarnUKAdequacy: a Swiss exporter under the FADP alone with the UK
// Addendum relies on "none" or "adequacy" for a sub-processor in a country
// on the Swiss Federal Council's list but to which regulations under
// Article 45A UK GDPR do not approve transfers, so the data of its UK establishment needs another safeguard
// (and the label "adequate under the FADP and UK Data Protection Laws"
// would say too much).
const WarnUKAdequacy = "uk_adequacy"

// ukAdequacyWarnings warns, for a Swiss exporter under the FADP alone with
// the UK Addendum, about each sub-processor whose mechanism the Swiss
// Federal Council's list allows (Art. 16(1) FADP) but regulations under
// Art. 45A UK GDPR do not (formerly Art. 45 UK GDPR and s. 17A DPA 2018,
// replaced by the Data (Use and Access) Act 2025): one mechanism per
// sub-processor cannot state both. list is the list judged, its paths below
// prefix (see ListWarnings).
func ukAdequacyWarnings(d *Deal, list []Subprocessor, prefix string) []Problem {
	if !d.GDPR.On() || !d.FADPOnly() || !d.UKAddendum.Enabled {
		return nil
	}
	swiss := map[string]bool{}
	for _, p := range subproc.SwissTransfers(list, prefix) {
		swiss[p.Path] = true
	}
	skipAtHome(swiss, subproc.FromUK, list, prefix)
	var ws []Problem
	for _, p := range subproc.UKTransfers(list, prefix) {
		if swiss[p.Path] {
			continue
		}
		ws = append(ws, Problem{Path: p.Path, Rule: WarnUKAdequacy, Message: p.Message +
			" for personal data from the United Kingdom; as a sub-processor has one transfer mechanism for all its data, write that one, which serves the data from Switzerland as well"})
	}
	return ws
}
