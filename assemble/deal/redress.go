package deal

import "strings"

// WarnRedressBodyUnnamed: a deal selects the optional wording of Clause
// 11(a) of the SCCs (scc.redress_body) without naming the body.
const WarnRedressBodyUnnamed = "redress_body_unnamed"

// redressWarnings warns when the SCCs apply with the optional wording of
// Clause 11(a) (data subjects may also complain, at no cost to them, to an
// independent dispute resolution body) but scc.redress_body_name names no
// body: the DPA then lets Provider designate one and tell Customer before
// the first transfer, so the customer signs without knowing the body or
// being able to check that it is independent and free of charge to data
// subjects, as the option requires. Lawful, but incomplete: counsel would
// ask for the name.
func redressWarnings(d *Deal) []Problem {
	if !d.SCC.RedressBody || strings.TrimSpace(d.SCC.RedressBodyName) != "" || !d.GDPR.On() || len(d.SCC.Modules) == 0 {
		return nil
	}
	return []Problem{{Path: "scc.redress_body", Rule: WarnRedressBodyUnnamed, Message: "is true but scc.redress_body_name names no body: the DPA then lets Provider designate the independent dispute resolution body of Clause 11(a) and tell Customer its name before the first transfer, so the customer signs without knowing the body or being able to check that it is independent and free of charge to data subjects; name it in scc.redress_body_name and scc.redress_body_address"}}
}
