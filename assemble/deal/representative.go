package deal

import (
	"fmt"
	"strings"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/suggest"
)

// WarnNoRepresentative: a customer established outside the EEA that the
// GDPR reaches for its transfers (Article 3(2) GDPR) names no
// representative in the Union (Article 27 GDPR) in customer.representative,
// so Annex I.A names none and Annex I.C cannot show that the authority of
// Clause 13(a) is the one of the representative's Member State.
const WarnNoRepresentative = "no_eu_representative"

// WarnRepresentativeAuthority: scc.supervisory_authority names the
// authority of another country than the Member State in which the
// customer's representative (customer.representative) is established.
const WarnRepresentativeAuthority = "representative_authority"

// RuleRepresentative names the cross-field rule on customer.representative.
const RuleRepresentative = "eu_representative"

// representativeReached reports whether the GDPR reaches a customer
// established outside the EEA for the transfers of the deal (Article 3(2)
// GDPR), so that Article 27 GDPR asks it for a representative in the Union:
// the deal has an EEA, UK or Swiss nexus, a module with Clause 13, the
// customer's country is known and outside the EEA, and it is not a Swiss
// exporter under the FADP alone or a UK exporter under UK Data Protection
// Laws alone.
func representativeReached(d *Deal) bool {
	c := d.Customer.Country
	return d.GDPR.On() && !d.FADPOnly() && !d.UKOnly() && hasClause13(d.SCC) && country.Valid(c) && !country.IsEEA(c)
}

// representativeWarnings warns when the customer is established outside
// the EEA, is subject to the GDPR (a deal with an EEA, UK or Swiss nexus,
// except a Swiss exporter under the FADP alone), has Clause 13 (modules 1
// to 3) and gives no customer.representative. Clause 13(a) of the SCCs
// then makes competent the authority of the Member State where its Article
// 27 representative is established; only where Article 27(2) exempts it
// from appointing one, the authority of a Member State where the data
// subjects are. The deal cannot say which applies, so it is a warning, not
// a problem: scc.supervisory_authority is required anyway. A customer.dpo
// no longer stands for the representative; the warning says so when one is
// given. With a representative, it warns when scc.supervisory_authority
// names another country's authority (see authorityWarnings).
func representativeWarnings(d *Deal) []Problem {
	if !representativeReached(d) {
		return nil
	}
	if d.Customer.Representative != nil {
		return authorityWarnings(d)
	}
	msg := fmt.Sprintf(
		"the customer (data exporter) is established in %s, outside the EEA, and the deal has the GDPR apply to its processing (Article 3(2) GDPR), yet names no representative in the Union (Article 27 GDPR): give the representative's name, address, Member State (country) and email in customer.representative, so that Annex I.A names it and Annex I.C shows that Clause 13(a) makes competent the supervisory authority of the Member State in which the representative is established, which scc.supervisory_authority then names (by default, when left empty); a supervisory authority of a Member State in which the data subjects are located is competent only where Article 27(2) GDPR exempts the customer from appointing a representative",
		country.WithArticle(d.Customer.Country))
	if dpo := d.Customer.DPO; dpo != nil && strings.TrimSpace(dpo.Name) != "" {
		msg += fmt.Sprintf(". customer.dpo (%s) does not name the representative: Annex I.A prints it as \"data protection officer or representative\" only for want of customer.representative; if %s is the representative, give it in customer.representative", suggest.Quote(dpo.Name), suggest.Quote(dpo.Name))
	}
	return []Problem{{Path: "customer.representative", Rule: WarnNoRepresentative, Message: msg}}
}

// authorityWarnings warns when scc.supervisory_authority names the
// authority of a country other than the representative's Member State: the
// authority Clause 13(a) makes competent for an exporter that has appointed
// a representative is that of the representative's Member State. The name
// is free text, so it is judged only when it is one that
// country.AuthorityCountry recognises (for Germany, a Land authority).
func authorityWarnings(d *Deal) []Problem {
	r, a := d.Customer.Representative, d.SCC.SupervisoryAuthority
	if !country.IsEEA(r.Country) || a == "" {
		return nil
	}
	named := country.AuthorityCountry(a)
	if named == "" || named == r.Country {
		return nil
	}
	want := country.SupervisoryAuthority(r.Country)
	if r.Country == "DE" {
		want = "the authority of the Land in which the representative is established"
	} else {
		want = suggest.Quote(want)
	}
	return []Problem{{Path: "scc.supervisory_authority", Rule: WarnRepresentativeAuthority, Message: fmt.Sprintf(
		"%s is the supervisory authority of %s, but the customer's representative in the Union is established in %s (customer.representative.country), and Clause 13(a) makes competent the supervisory authority of the representative's Member State: %s; name that authority, or correct customer.representative.country",
		suggest.Quote(a), country.WithArticle(named), country.WithArticle(r.Country), want)}}
}

// representativeAuthority returns the supervisory authority that Clause
// 13(a) makes competent through the customer's representative: that of
// the EEA State in which the representative is established, for a customer
// the GDPR reaches from outside the EEA (not a Swiss one: a Swiss exporter
// names the authority itself, which takes it out of the FADP alone). It
// returns "" when there is none to take, and for a representative in
// Germany, where the authority is that of the representative's Land, which
// the deal does not give.
func representativeAuthority(d *Deal) string {
	r := d.Customer.Representative
	c := d.Customer.Country
	if r == nil || !d.GDPR.On() || !hasClause13(d.SCC) || !country.Valid(c) || country.IsEEA(c) || c == "CH" {
		return ""
	}
	if !country.IsEEA(r.Country) || r.Country == "DE" {
		return ""
	}
	return country.SupervisoryAuthority(r.Country)
}

// checkRepresentative: a representative under Article 27 GDPR is for a
// controller or processor not established in the Union whose processing
// the GDPR reaches under Article 3(2). The deal refuses one for a customer
// established in the EEA, for a US-only deal (gdpr.applies false) and for
// a Swiss exporter whose transfers the FADP alone governs.
func checkRepresentative(d *Deal, report reportFunc) {
	if d.Customer.Representative == nil {
		return
	}
	const path = "customer.representative"
	c := d.Customer.Country
	switch {
	case !d.GDPR.On():
		report(nil, path,
			"must be left out: gdpr.applies is false, so the GDPR does not reach the customer's processing and Article 27 GDPR asks for no representative in the Union")
	case country.IsEEA(c):
		report(nil, path,
			"must be left out: the customer is established in %s, in the EEA, and Article 27 GDPR asks for a representative in the Union only of a controller or processor not established there (Article 3(2) GDPR); name its data protection officer in customer.dpo", country.WithArticle(c))
	case d.FADPOnly():
		report(nil, path,
			"must be left out for a Swiss exporter whose transfers the FADP alone governs (no scc.supervisory_authority): the GDPR does not reach them, so there is no representative under Article 27 GDPR. If the GDPR does apply to the customer's processing (Article 3(2) GDPR), name in scc.supervisory_authority the supervisory authority of the Member State in which the representative is established")
	}
}
