package deal

import (
	"fmt"
	"strings"

	"github.com/dpakit/dpakit/assemble/suggest"
)

// WarnContactPosition: a deal with the SCCs' Annex I (modules 1-3) gives
// no position for a party's contact person, which Annex I.A asks for
// ("name, position and contact details"). Not a problem: deals written
// before the position was asked for must still render.
const WarnContactPosition = "contact_position_missing"

// contactWarnings warns, in a deal whose SCCs have Annex I (modules 1-3
// under EU, UK or Swiss law), when customer.contact.title or
// provider.contact.title is empty: Annex I.A lists, for the data exporter
// and the data importer, the contact person's name, position and contact
// details (Commission Implementing Decision (EU) 2021/914, Annex, Annex
// I.A).
func contactWarnings(d *Deal) []Problem {
	if !d.GDPR.On() || !hasClause13(d.SCC) {
		return nil
	}
	var ws []Problem
	for _, p := range []struct {
		path, who string
		c         Contact
	}{
		{"customer.contact.title", "the customer's (data exporter's)", d.Customer.Contact},
		{"provider.contact.title", "the provider's (data importer's)", d.Provider.Contact},
	} {
		if strings.TrimSpace(p.c.Title) != "" || strings.TrimSpace(p.c.Name) == "" && strings.TrimSpace(p.c.Email) == "" {
			// A party without a contact at all is a problem, not this warning.
			continue
		}
		name := "the contact person"
		if strings.TrimSpace(p.c.Name) != "" {
			name = suggest.Quote(p.c.Name)
		}
		ws = append(ws, Problem{Path: p.path, Rule: WarnContactPosition, Message: fmt.Sprintf(
			"is empty: Annex I.A of the Standard Contractual Clauses asks for %s contact person's name, position and contact details, and gives no position for %s; give the position (such as \"Data Protection Officer\" or \"Head of Legal\") in %s",
			p.who, name, p.path)})
	}
	return ws
}

// WarningRules returns the rule name of every warning Warnings may give,
// in the order Warnings gives them; the README's warning table lists the
// same names.
func WarningRules() []string {
	return []string{WarnNoRestrictedTransfer, WarnTransferBack, WarnNoRepresentative, WarnRepresentativeAuthority, WarnExporterAuthority, WarnContactPosition, WarnForumNotLaw, WarnRedressBodyUnnamed,
		WarnSwissAdequacy, WarnUKAdequacy, WarnEstablishedAbroad, WarnPartialAdequacy, WarnUndescribedData, WarnRetentionDeadline, WarnGenericPurpose, WarnGenericBusinessPurpose, WarnPurposeNotBusiness, WarnBusinessPurposeNotDescribed, WarnLandUnknown, WarnLandMismatch, WarnAddressRepeatsCountry, WarnAuditInterval, WarnRiderClauseNumber, WarnProviderFromProfile,
		WarnProcessingFromProfile, WarnProcessorProcessingFromProfile, WarnAuthorisedListFromProfile}
}
