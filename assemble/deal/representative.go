package deal

import (
	"fmt"
	"strings"

	"github.com/dpakit/dpakit/assemble/country"
)

// WarnNoRepresentative: a customer established outside the EEA that the
// GDPR reaches for its transfers (Article 3(2) GDPR) names no
// representative in the Union (Article 27 GDPR) in customer.dpo, so Annex
// I.A names none and Annex I.C cannot show that the authority of Clause
// 13(a) is the one of the representative's Member State.
const WarnNoRepresentative = "no_eu_representative"

// representativeWarnings warns when the customer is established outside
// the EEA, is subject to the GDPR (a deal with an EEA, UK or Swiss nexus,
// except a Swiss exporter under the FADP alone), has Clause 13 (modules 1
// to 3) and gives no customer.dpo. Clause 13(a) of the SCCs then makes
// competent the authority of the Member State where its Article 27
// representative is established; only where Article 27(2) exempts it from
// appointing one, the authority of a Member State where the data subjects
// are. The deal cannot say which applies, so it is a warning, not a
// problem: scc.supervisory_authority is required anyway.
func representativeWarnings(d *Deal) []Problem {
	c := d.Customer.Country
	if !d.GDPR.On() || d.FADPOnly() || !hasClause13(d.SCC) || !country.Valid(c) || country.IsEEA(c) {
		return nil
	}
	if dpo := d.Customer.DPO; dpo != nil && strings.TrimSpace(dpo.Name) != "" {
		return nil
	}
	return []Problem{{Path: "customer.dpo", Rule: WarnNoRepresentative, Message: fmt.Sprintf(
		"the customer (data exporter) is established in %s, outside the EEA, and the deal has the GDPR apply to its processing (Article 3(2) GDPR), yet names no representative in the Union (Article 27 GDPR): give the representative's name and contact details in customer.dpo, so that Annex I.A names it, and name in scc.supervisory_authority the supervisory authority of the Member State in which the representative is established (Clause 13(a)); a supervisory authority of a Member State in which the data subjects are located is competent only where Article 27(2) GDPR exempts the customer from appointing a representative",
		country.WithArticle(c))}}
}
