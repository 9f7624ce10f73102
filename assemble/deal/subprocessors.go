package deal

import (
	"fmt"
	"strings"

	"github.com/dpakit/dpakit/assemble/country"
)

// checkDuplicateSubprocessor: each sub-processor is named once (names
// compared as NameKey does).
func checkDuplicateSubprocessor(d *Deal, report reportFunc) {
	first := map[string]int{}
	for i, s := range d.Subprocessors.List {
		key := strings.ToLower(strings.Join(strings.Fields(s.Name), " "))
		if key == "" {
			continue
		}
		if j, dup := first[key]; dup {
			report(s.Name, fmt.Sprintf("subprocessors.list[%d].name", i), "%s is listed twice (also at subprocessors.list[%d])", quote(s.Name), j)
			continue
		}
		first[key] = i
	}
}

// checkTransferMechanisms: each sub-processor's transfer mechanism fits its
// country.
func checkTransferMechanisms(d *Deal, report reportFunc) {
	for i, s := range d.Subprocessors.List {
		transferRule(s, fmt.Sprintf("subprocessors.list[%d].transfer_mechanism", i), report)
	}
}

// transferRule checks that a sub-processor's transfer mechanism fits its
// country.
func transferRule(s Subprocessor, path string, report reportFunc) {
	c := s.Country
	if !country.Valid(c) {
		return // reported by the country rule
	}
	name := country.WithArticle(c)
	switch s.TransferMechanism {
	case "none":
		if !country.IsEEA(c) && !adequate[c] {
			hint := `"scc"`
			if c == "US" {
				hint = `"scc", or "dpf" if it is certified under the EU-US Data Privacy Framework`
			}
			report(s.TransferMechanism, path,
				`"none" is only for a country in the EEA or with an EU adequacy decision, and %s (%s) is neither; use %s`, name, c, hint)
		}
	case "adequacy":
		if !country.IsEEA(c) && !adequate[c] {
			hint := `"scc"`
			if c == "US" {
				hint = `"dpf" (the adequacy decision for the United States covers only organisations certified under the EU-US Data Privacy Framework) or "scc"`
			}
			report(s.TransferMechanism, path,
				`"adequacy" needs a country with an EU adequacy decision, and %s (%s) has none; use %s`, name, c, hint)
		}
	case "dpf":
		if c != "US" {
			report(s.TransferMechanism, path,
				`"dpf" (the EU-US Data Privacy Framework) applies only to sub-processors in the United States, not in %s (%s)`, name, c)
		}
	}
}
