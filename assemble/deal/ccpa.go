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

// WarnPurposeNotBusiness: a specific purpose that Annex I.B describes
// (processing.purposes) is not among the CCPA Business Purposes, outside
// which the CCPA clause forbids any processing: the DPA would describe a
// purpose and forbid it.
const WarnPurposeNotBusiness = "ccpa_purpose_not_business"

// WarnBusinessPurposeNotDescribed: a CCPA Business Purpose
// (ccpa.business_purposes) is not among the purposes Annex I.B describes
// (processing.purposes): the DPA permits processing for it and describes
// the processing without it, and a conflict goes to the provision that
// restricts the processing more, so the two lists should be one
// (Cal. Code Regs. tit. 11, § 7051(a)(2)).
const WarnBusinessPurposeNotDescribed = "ccpa_business_purpose_not_described"

// BusinessPurposes returns the CCPA business purposes the DPA names:
// ccpa.business_purposes, or processing.purposes when it is empty.
func BusinessPurposes(d *Deal) []string {
	if len(d.CCPA.BusinessPurposes) > 0 {
		return d.CCPA.BusinessPurposes
	}
	return d.Processing.Purposes
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
	for i, p := range BusinessPurposes(d) {
		if genericPurpose(p) {
			ws = append(ws, Problem{Path: fmt.Sprintf("%s[%d]", path, i), Rule: WarnGenericBusinessPurpose, Message: fmt.Sprintf(
				"%s is too generic to be a CCPA business purpose (§ 7051(a)(2) requires the specific purpose, such as \"detecting security incidents\" or \"providing customer support on Customer's behalf\"), and a reference to the contract does not suffice", suggest.Quote(p))})
		}
	}
	ws = append(ws, uncoveredPurposes(d)...)
	return append(ws, undescribedBusinessPurposes(d)...)
}

// undescribedBusinessPurposes warns of each business purpose of
// ccpa.business_purposes that no purpose of processing.purposes covers
// (see WarnBusinessPurposeNotDescribed), when the deal gives both.
func undescribedBusinessPurposes(d *Deal) []Problem {
	if len(d.CCPA.BusinessPurposes) == 0 || len(d.Processing.Purposes) == 0 {
		return nil
	}
	var ws []Problem
	for _, i := range unmatchedPurposes(d.CCPA.BusinessPurposes, d.Processing.Purposes) {
		ws = append(ws, Problem{Path: fmt.Sprintf("ccpa.business_purposes[%d]", i), Rule: WarnBusinessPurposeNotDescribed, Message: fmt.Sprintf(
			"%s is a Business Purpose of the CCPA clause, but none of the purposes Annex I.B describes (processing.purposes) covers it, and where the two differ the provision that restricts the processing more prevails: add it to processing.purposes, or drop it here, so that the DPA names one list of purposes", suggest.Quote(d.CCPA.BusinessPurposes[i]))})
	}
	return ws
}

// WarnGenericPurpose: a purpose of the processing that Annex I.B describes
// (processing.purposes, or controller_transfer.purposes for the data
// Provider receives as a controller) only refers to the services or the
// contract, as "Provision of the Services under the Agreement" does; Art.
// 28(3) GDPR and Annex I.B of the SCCs ask for the purposes of the
// processing themselves.
const WarnGenericPurpose = "purpose_generic"

// purposeWarnings warns of each purpose of Annex I.B that only refers to
// the services or the contract.
func purposeWarnings(d *Deal) []Problem {
	var ws []Problem
	check := func(path string, purposes []string) {
		for i, p := range purposes {
			if genericPurpose(p) {
				ws = append(ws, Problem{Path: fmt.Sprintf("%s[%d]", path, i), Rule: WarnGenericPurpose, Message: fmt.Sprintf(
					"%s only refers to the contract: Annex I.B (Art. 28(3) GDPR) asks for the purposes of the processing themselves, such as \"hosting and backing up Customer's documents\" or \"answering support requests\"", suggest.Quote(p))})
			}
		}
	}
	check("processing.purposes", d.Processing.Purposes)
	if d.ControllerTransfer != nil {
		check("controller_transfer.purposes", d.ControllerTransfer.Purposes)
	}
	return ws
}

// uncoveredPurposes warns of each specific purpose of processing.purposes
// that no business purpose covers, when the deal names its own business
// purposes.
func uncoveredPurposes(d *Deal) []Problem {
	if len(d.CCPA.BusinessPurposes) == 0 {
		return nil
	}
	var ws []Problem
	for _, i := range unmatchedPurposes(d.Processing.Purposes, d.CCPA.BusinessPurposes) {
		ws = append(ws, Problem{Path: fmt.Sprintf("processing.purposes[%d]", i), Rule: WarnPurposeNotBusiness, Message: fmt.Sprintf(
			"%s is a purpose Annex I.B describes but none of ccpa.business_purposes covers it, and the CCPA clause forbids processing for any purpose other than the Business Purposes: add it to ccpa.business_purposes in specific words, or word it as one of them", suggest.Quote(d.Processing.Purposes[i]))})
	}
	return ws
}

// unmatchedPurposes returns the indexes of the specific purposes of list
// (generic ones aside: they are warned of as generic) that no purpose of
// others covers (see coversPurpose, which works both ways).
func unmatchedPurposes(list, others []string) []int {
	var out []int
	for i, p := range list {
		if !genericPurpose(p) && !slices.ContainsFunc(others, func(o string) bool { return coversPurpose(o, p) }) {
			out = append(out, i)
		}
	}
	return out
}

// coversPurpose reports whether the business purpose b covers the purpose
// p: one contains the other once case, spacing, a closing citation and the
// words that only refer to the contract ("Providing the …", "… under the
// Agreement", "… to Customer on its behalf") are set aside.
func coversPurpose(b, p string) bool {
	cb, cp := purposeCore(b), purposeCore(p)
	return cp != "" && cb != "" && (strings.Contains(cb, cp) || strings.Contains(cp, cb))
}

// purposeCore is a purpose in lower case without the words coversPurpose
// sets aside.
func purposeCore(p string) string {
	s := strings.ToLower(strings.Join(strings.Fields(p), " "))
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i] // a citation: "(§ 1798.140(e)(5))"
	}
	s = strings.TrimRight(s, ". ")
	for _, prefix := range []string{"provision of the ", "providing the ", "provision of ", "providing ", "to provide the ", "to provide "} {
		s = strings.TrimPrefix(s, prefix)
	}
	for _, suffix := range []string{" under the agreement", " to customer on its behalf", " on its behalf", " to customer"} {
		s = strings.TrimSuffix(s, suffix)
	}
	return s
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
