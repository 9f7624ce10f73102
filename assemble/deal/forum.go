package deal

import (
	"fmt"

	"github.com/dpakit/dpakit/assemble/country"
)

// WarnForumNotLaw: the courts that Clause 18 of the SCCs names
// (scc.forum) are not those of the country whose law governs the SCCs
// under Clause 17. Clause 18(b) allows it, so the deal stays valid, but
// the forum follows the governing law only when neither the deal nor the
// profile sets scc.forum: a deal that changes scc.governing_law over a
// profile that sets scc.forum keeps the profile's courts, which is rarely
// what was meant.
const WarnForumNotLaw = "forum_not_governing_law"

// SCCLaw returns the country whose law governs the SCCs of d under Clause
// 17: with Option 2 (scc.governing_law_option 2), the EEA State in which
// the data exporter (the customer) is established, when it is one (an EEA
// EFTA State counts as a Member State under Protocol 1 to the EEA
// Agreement, as the DPA says); otherwise scc.governing_law. It returns "" when d has no SCCs (a
// US-only deal) or names no law.
func SCCLaw(d *Deal) string {
	if !d.GDPR.On() {
		return ""
	}
	if d.SCC.GoverningLawOption == 2 && country.IsEEA(d.Customer.Country) {
		return d.Customer.Country
	}
	return d.SCC.GoverningLaw
}

// ForumDiffers reports whether the courts of Clause 18 (scc.forum) are
// those of another country than the law governing the SCCs (see SCCLaw),
// and returns both. It is false when either is missing or not a country
// code (a problem, not this question), for a deal without the SCCs, and
// for a UK exporter under UK Data Protection Laws alone, for which the UK
// Addendum fixes both at England and Wales.
func ForumDiffers(d *Deal) (law, forum string, differs bool) {
	law, forum = SCCLaw(d), d.SCC.Forum
	if !country.Valid(law) || !country.Valid(forum) || law == forum || d.UKOnly() {
		return law, forum, false
	}
	return law, forum, true
}

// forumWarnings warns when the forum of the SCCs is not the country whose
// law governs them (see ForumDiffers), naming both and how to align them.
func forumWarnings(d *Deal) []Problem {
	law, forum, differs := ForumDiffers(d)
	if !differs {
		return nil
	}
	lawText := fmt.Sprintf("the law of %s governs them (Clause 17, scc.governing_law %q)", country.WithArticle(law), law)
	if law != d.SCC.GoverningLaw {
		state := "Member State"
		if !country.IsEU(law) {
			state = "EEA State" // an EEA EFTA State, a Member State under Protocol 1 to the EEA Agreement
		}
		lawText = fmt.Sprintf("the law of %s, the %s in which the customer (the data exporter) is established, governs them (Clause 17 Option 2, scc.governing_law_option 2)", country.WithArticle(law), state)
	}
	advice := fmt.Sprintf("Clause 18(b) allows the two to differ, but the forum follows the governing law only when neither the deal nor the profile sets scc.forum: if the courts of %s should decide, set scc.forum: %s in the deal",
		country.WithArticle(law), law)
	if needsMemberState(d.SCC) && !lawPlaceAllowed(law, d) {
		// The deal's own rules refuse law as its forum (and as its
		// governing law): never advise it.
		advice = fmt.Sprintf("The courts of %s cannot be chosen for this deal, since Clause 18 requires an EU Member State%s, and for the same reason neither can its law under Clause 17: choose a Member State in scc.governing_law, and in scc.forum the same one if its courts should decide",
			country.WithArticle(law), lawPlaceHint(d))
	}
	return []Problem{{Path: "scc.forum", Rule: WarnForumNotLaw, Message: fmt.Sprintf(
		"is %q: disputes under the Standard Contractual Clauses go to the courts of %s (Clause 18), while %s. %s",
		forum, country.WithArticle(forum), lawText, advice)}}
}
