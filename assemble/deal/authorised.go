package deal

import (
	"go.yaml.in/yaml/v3"
)

// WarnAuthorisedListFromProfile: under Clause 9(a) Option 1 (specific
// authorisation) the deal takes its sub-processor list from the profile.
const WarnAuthorisedListFromProfile = "authorised_list_from_profile"

// authorisedListWarnings warns when the deal d, loaded from the deal file
// dn over the profile pn, has Clause 9 Option 1 (specific prior
// authorisation) yet leaves subprocessors.list to the profile. Under
// Option 1 the customer's Annex III is the list of the sub-processors it
// has authorised (SCC Clause 9(a) Option 1; GDPR Art. 28(2)), while the
// profile's list is the vendor's current one: every change to it would
// enter this customer's DPA the next time it is rendered, before the
// customer authorised it. The warning is at the deal's
// scc.subprocessor_option key if it has one, else at its subprocessors
// key, else at the path alone. It needs the files, so Load gives it and
// Warnings does not.
func authorisedListWarnings(d *Deal, dn, pn *yaml.Node, dealName string) []Problem {
	if pn == nil || d.SCC.SubprocessorOption != "specific" || !d.SCC.Clause9() {
		return nil
	}
	if l := child(child(dn, "subprocessors"), "list"); l != nil && !isNull(l) {
		return nil // the deal's own list
	}
	if l := child(child(pn, "subprocessors"), "list"); l == nil || l.Kind != yaml.SequenceNode || len(l.Content) == 0 {
		return nil // nothing taken from the profile
	}
	p := Problem{Path: "subprocessors.list", Rule: WarnAuthorisedListFromProfile, Message: "is taken from the profile while Clause 9(a) Option 1 (specific prior authorisation) applies: the customer's Annex III is the list of the sub-processors it has authorised, but a list taken from the profile follows the vendor's changes, which would enter this customer's DPA the next time it is made, before the customer authorised them; put the list the customer has authorised in the deal (dpakit subprocessors import LIST --into DEAL) and change it only once the customer authorises a request (dpakit notice)"}
	for _, at := range []string{"scc.subprocessor_option", "subprocessors"} {
		if key := keyIn(dn, at); key != nil {
			p.File, p.Line = dealName, key.Line
			break
		}
	}
	return []Problem{p}
}
