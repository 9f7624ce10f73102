package deal

import (
	"fmt"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/suggest"
)

// WarnExporterAuthority: a customer established in the EEA names, in
// scc.supervisory_authority, the authority of another EEA State than its
// own. Clause 13(a) of the SCCs makes competent the authority responsible
// for the exporter's compliance with the GDPR, ordinarily that of the
// State where it is established; another State's can be right only where
// the customer's main establishment is there (Art. 56 GDPR), which the deal
// does not say.
const WarnExporterAuthority = "exporter_authority"

// exporterAuthorityWarnings warns when an EEA customer's deal with Clause
// 13 (modules 1-3 under the GDPR) names, in words dpakit recognises, the
// supervisory authority of another country than customer.country. An
// authority named in other words cannot be judged and draws no warning.
func exporterAuthorityWarnings(d *Deal) []Problem {
	c, a := d.Customer.Country, d.SCC.SupervisoryAuthority
	if !d.GDPR.On() || !hasClause13(d.SCC) || !country.IsEEA(c) || a == "" {
		return nil
	}
	named := country.AuthorityCountry(a)
	if named == "" || named == c {
		return nil
	}
	own := country.SupervisoryAuthority(c)
	if c == "DE" {
		own = "the authority of the customer's Land (customer.state)"
	}
	return []Problem{{Path: "scc.supervisory_authority", Rule: WarnExporterAuthority, Message: fmt.Sprintf(
		"%s is the supervisory authority of %s, but the customer (the data exporter) is established in %s: Clause 13(a) makes competent the authority responsible for the exporter's compliance with the GDPR, ordinarily its own State's (%s); keep this one only if the customer's main establishment is in %s (Art. 56 GDPR), or leave the field out to use the customer's own",
		suggest.Quote(a), country.WithArticle(named), country.WithArticle(c), own, country.WithArticle(named))}}
}
