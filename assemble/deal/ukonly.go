package deal

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/suggest"
)

// UKOnly reports whether the customer is a UK exporter whose transfers are
// governed by UK Data Protection Laws alone (the UK GDPR and the Data
// Protection Act 2018): established in the United Kingdom, with the UK
// Addendum on and no EU supervisory authority named. A UK controller or
// processor is subject to the EU GDPR only under its Article 3(2)
// (offering goods or services to, or monitoring, people in the EU), and
// then names in scc.supervisory_authority the authority of its Article 27
// representative's Member State; without one, the DPA speaks UK law only,
// and the SCCs apply as the UK Addendum amends them (Part 2, section 15:
// the UK GDPR for the GDPR, the Information Commissioner for the
// supervisory authority, UK law for Member State law, the laws and courts
// of England and Wales for Clauses 17 and 18). It mirrors FADPOnly.
func (d *Deal) UKOnly() bool {
	return d.Customer.Country == "GB" && d.UKAddendum.Enabled && d.SCC.SupervisoryAuthority == ""
}

// EUGDPRApplies reports whether the EU GDPR governs the deal's processing:
// every deal with an EEA, UK or Swiss nexus except a Swiss exporter's under
// the FADP alone (FADPOnly) and a UK exporter's under UK Data Protection
// Laws alone (UKOnly).
func (d *Deal) EUGDPRApplies() bool {
	return d.GDPR.On() && !d.FADPOnly() && !d.UKOnly()
}

// ukLawPlaceAllowed reports whether the law or courts of c may be chosen
// under Clauses 17 and 18 for a UK exporter under UK Data Protection Laws
// alone (UKOnly). Part 2 of the UK Addendum (section 15(m) and (n))
// replaces Clauses 17 and 18, for the transfers it covers, with the laws
// and courts of England and Wales, and in UK-only mode it covers every
// transfer: an EU Member State's law would be chosen for no transfer, so
// only "GB" (England and Wales) is accepted. With the Swiss terms on too
// (a UK exporter's Swiss establishment), the chosen law also governs the
// transfers from Switzerland, so Swiss or EU law, as the FDPIC's
// recognition of the SCCs allows, is accepted beside it.
func ukLawPlaceAllowed(c string, d *Deal) bool {
	if c == "GB" {
		return true
	}
	return d.Swiss.Enabled && (c == "CH" || country.IsEU(c))
}

// ukLawPlaceHint says what Clause clause (17 or 18) takes in UK-only mode;
// what is "laws" or "courts".
func ukLawPlaceHint(d *Deal, clause, what string) string {
	h := "Part 2 of the UK Addendum (section 15) replaces Clause " + clause + " with the " + what + " of England and Wales for every transfer it covers, which here is every transfer, so write \"GB\""
	if d.Swiss.Enabled {
		h += " or, since the Swiss terms are on and the choice also serves the transfers from Switzerland, \"CH\" or an EU Member State"
	}
	return h + ". If the EU GDPR applies to the customer's processing too (Article 3(2) GDPR), name the EU supervisory authority in scc.supervisory_authority and choose an EU Member State"
}

// ukPlaceCodeMessage explains, for a UK exporter under UK Data Protection
// Laws alone (UKOnly), why s, which is no country code, cannot be the
// value of the Clause 17 or 18 field (clause): Part 2 of the UK Addendum,
// Section 15(m) and (n), fixes the laws and courts of England and Wales for
// every transfer it covers, and only the ICO's International Data Transfer
// Agreement (IDTA) lets the parties choose Scotland or Northern Ireland. A
// part of the United Kingdom ("GB-SCT", "Scotland") or the United Kingdom
// spelled otherwise ("UK") is told to write "GB"; anything else also gets
// ukLawPlaceHint.
func ukPlaceCodeMessage(d *Deal, s, clause string) string {
	what := "laws"
	if clause == "Clause 18" {
		what = "courts"
	}
	code, named := country.Lookup(s)
	if !ukPart(s) && !(named && code == "GB") {
		return fmt.Sprintf("%s is not a country code; %s", suggest.Quote(s), ukLawPlaceHint(d, strings.TrimPrefix(clause, "Clause "), what))
	}
	msg := fmt.Sprintf("%s is not a country code, and a UK exporter under UK Data Protection Laws alone (customer.country GB, the UK Addendum on, no scc.supervisory_authority) cannot choose it for %s: the UK Addendum (Part 2, Section 15(m) and (n)) fixes the laws and courts of England and Wales; Scotland or Northern Ireland can be chosen only under the IDTA: write \"GB\"", suggest.Quote(s), clause)
	if d.Swiss.Enabled {
		msg += " (or, since the Swiss terms are on and the choice also serves the transfers from Switzerland, \"CH\" or an EU Member State)"
	}
	return msg
}

// ukPart reports whether s names a part of the United Kingdom: an ISO
// 3166-2:GB code ("GB-SCT", "GB-NIR", "GB-ENG", "GB-WLS") or the name of
// one of its countries ("Scotland", "Northern Ireland", "England", "Wales",
// "England and Wales").
func ukPart(s string) bool {
	u := strings.ToUpper(strings.TrimSpace(s))
	if strings.HasPrefix(u, "GB-") || strings.HasPrefix(u, "UK-") {
		return true
	}
	switch strings.Join(strings.Fields(u), " ") {
	case "SCOTLAND", "NORTHERN IRELAND", "ENGLAND", "WALES", "ENGLAND AND WALES", "ENGLAND & WALES":
		return true
	}
	return false
}

// namesICO reports whether an authority's name is the UK Information
// Commissioner's: "Information Commissioner's Office", the abbreviation
// ICO, or "Information Commissioner" with the United Kingdom (or its seat,
// Wilmslow) named beside it. Slovenia's authority is also called
// "Information Commissioner", so those words alone are not enough.
func namesICO(authority string) bool {
	a := strings.ToLower(strings.ReplaceAll(authority, "’", "'"))
	if strings.Contains(a, "information commissioner's office") {
		return true
	}
	words := strings.FieldsFunc(a, func(r rune) bool { return !unicode.IsLetter(r) })
	uk := false
	for i, w := range words {
		switch {
		case w == "ico":
			return true
		case w == "uk" || w == "wilmslow" || (w == "united" && i+1 < len(words) && words[i+1] == "kingdom"):
			uk = true
		}
	}
	return uk && strings.Contains(a, "information commissioner")
}
