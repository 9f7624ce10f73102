package deal

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/dpakit/dpakit/assemble/suggest"
)

// WarnProviderFromProfile: the deal names another provider than the
// profile (a group company: "Kestrel Cloud Europe B.V." for "Kestrel
// Cloud, Inc.") but leaves some of the provider's details to the profile,
// which describes the other company: its data protection officer, say,
// whom Annex I.A and the notices clause would then name for this one.
const WarnProviderFromProfile = "provider_from_profile"

// providerWarnings warns when the deal file dn names a provider other than
// the profile pn's and takes from the profile some of the details that
// belong to one company (the profile's provider mapping is merged key by
// key under the deal's).
// It needs the files, so Load gives it and Warnings does not.
func providerWarnings(dn, pn *yaml.Node) []Problem {
	dp, pp := child(dn, "provider"), child(pn, "provider")
	dname, pname := child(dp, "name"), child(pp, "name")
	if dname == nil || pname == nil || dname.Kind != yaml.ScalarNode || pname.Kind != yaml.ScalarNode ||
		NameKey(dname.Value) == NameKey(pname.Value) {
		return nil
	}
	var taken []string
	for _, key := range [...]string{"address", "country", "registration_number", "contact", "signatory", "dpo", "subprocessor_list_url"} {
		if child(dp, key) == nil && child(pp, key) != nil {
			taken = append(taken, "provider."+key)
		}
	}
	if len(taken) == 0 {
		return nil
	}
	return []Problem{{Path: "provider.name", Rule: WarnProviderFromProfile, Message: fmt.Sprintf(
		"names %s, but %s %s from the profile, which describes %s: check that %s this provider's, or give %s in the deal",
		suggest.Quote(dname.Value), andList(taken), verb(len(taken), "comes", "come"), suggest.Quote(pname.Value),
		verb(len(taken), "it is", "they are"), verb(len(taken), "it", "them"))}}
}
