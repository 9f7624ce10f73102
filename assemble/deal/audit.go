package deal

import "fmt"

// WarnAuditInterval: audit.frequency_months allows an audit less often than
// every 24 months in a deal with the SCCs (modules 2 or 3). Clause 8.9(c)
// of the SCCs has the importer allow audits "at reasonable intervals", and
// the SCCs prevail over the DPA, so a longer period may not hold against
// an audit the exporter asks for under them.
const WarnAuditInterval = "audit_interval_long"

// maxUsualAuditMonths is the longest audit period that reads as a
// reasonable interval without argument.
const maxUsualAuditMonths = 24

// auditWarnings warns of an audit period over maxUsualAuditMonths in a deal
// whose SCCs have Clause 8.9 (modules 2 or 3, under EU, UK or Swiss law).
func auditWarnings(d *Deal) []Problem {
	if !d.GDPR.On() || !d.SCC.Clause9() || d.Audit.FrequencyMonths <= maxUsualAuditMonths {
		return nil
	}
	return []Problem{{Path: "audit.frequency_months", Rule: WarnAuditInterval, Message: fmt.Sprintf(
		"is %d: the DPA allows an audit at most once in %d months, but Clause 8.9(c) of the Standard Contractual Clauses has Provider allow audits at reasonable intervals, and the SCCs prevail over the DPA, so a customer may insist on an audit under them sooner; a period of %d months or less (12 is usual) avoids the argument",
		d.Audit.FrequencyMonths, d.Audit.FrequencyMonths, maxUsualAuditMonths)}}
}
