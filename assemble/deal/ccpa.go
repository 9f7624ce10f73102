package deal

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dpakit/dpakit/assemble/suggest"
)

// WarnGenericBusinessPurpose: the CCPA terms apply but the business
// purposes they name are missing (processing.purposes stands in) or as
// generic as "Provision of the Services under the Agreement"; Cal. Code
// Regs. tit. 11, § 7051(a)(2) requires the contract to identify the
// specific business purposes.
const WarnGenericBusinessPurpose = "ccpa_business_purpose_generic"

// BusinessPurposes returns the CCPA business purposes the DPA names:
// ccpa.business_purposes, then each specific purpose of processing.purposes
// (Annex I.B) that they do not already name, or processing.purposes alone
// when ccpa.business_purposes is empty. A purpose Annex I.B describes is
// one for which Customer discloses the data, and the CCPA clause, which
// forbids any other, must not forbid it; a generic one ("Provision of the
// Services") is left out, as the CCPA regulations require specific ones.
func BusinessPurposes(d *Deal) []string {
	if len(d.CCPA.BusinessPurposes) == 0 {
		return d.Processing.Purposes
	}
	out := slices.Clip(d.CCPA.BusinessPurposes)
	for _, p := range d.Processing.Purposes {
		if !genericPurpose(p) && !slices.ContainsFunc(out, func(q string) bool { return samePurpose(p, q) }) {
			out = append(out, p)
		}
	}
	return out
}

// samePurpose reports whether two purposes are written alike, ignoring
// case, spacing and a closing full stop.
func samePurpose(a, b string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.TrimRight(s, ". ")), " ") }
	return strings.EqualFold(norm(a), norm(b))
}

// ccpaWarnings warns when the CCPA terms are on and the business purposes
// are not given or are generic.
func ccpaWarnings(d *Deal) []Problem {
	if !d.CCPA.Enabled {
		return nil
	}
	var ws []Problem
	path := "ccpa.business_purposes"
	if len(d.CCPA.BusinessPurposes) == 0 {
		ws = append(ws, Problem{Path: path, Rule: WarnGenericBusinessPurpose, Message: "is empty, so the CCPA clause names processing.purposes as the Business Purposes; the CCPA regulations (Cal. Code Regs. tit. 11, § 7051(a)(2)) require the specific business purposes for which the personal information is disclosed: list them here"})
		path = "processing.purposes"
	}
	given := d.CCPA.BusinessPurposes
	if len(given) == 0 {
		given = d.Processing.Purposes
	}
	for i, p := range given {
		if genericPurpose(p) {
			ws = append(ws, Problem{Path: fmt.Sprintf("%s[%d]", path, i), Rule: WarnGenericBusinessPurpose, Message: fmt.Sprintf(
				"%s is too generic to be a CCPA business purpose (§ 7051(a)(2) requires the specific purpose, such as \"detecting security incidents\" or \"providing customer support on Customer's behalf\"), and a reference to the contract does not suffice", suggest.Quote(p))})
		}
	}
	return ws
}

// genericPurpose reports whether a purpose only refers to the services or
// the contract: "Provision of the Services under the Agreement",
// "Providing the Services", "As described in the Agreement".
func genericPurpose(p string) bool {
	s := strings.ToLower(strings.Join(strings.Fields(strings.TrimRight(p, ". ")), " "))
	for _, prefix := range []string{"provision of ", "providing ", "to provide ", "performance of ", "performing ", "as described in ", "as set out in ", "the purposes of "} {
		s = strings.TrimPrefix(s, prefix)
	}
	for _, suffix := range []string{" under the agreement", " pursuant to the agreement", " in accordance with the agreement", " to customer"} {
		s = strings.TrimSuffix(s, suffix)
	}
	switch s {
	case "the services", "services", "the service", "service", "the agreement", "agreement", "the contract", "business purposes", "the business purposes":
		return true
	}
	return false
}
