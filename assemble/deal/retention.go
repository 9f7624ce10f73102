package deal

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// WarnRetentionDeadline: processing.retention states a deadline of its own,
// in days, for deleting the data after the Services end or for deleting
// backups. Annex I.B prints it right after the deadlines it takes from
// deletion.days and deletion.backup_days, which the deletion clause counts
// from the choice to return or delete the data (made up to thirty days
// after the end), so the reader meets two deadlines for one duty.
const WarnRetentionDeadline = "retention_deadline"

// retentionDays finds "N days" in running text, also in the "thirty (30)
// days" form.
var retentionDays = regexp.MustCompile(`(?i)\b(\d{1,4})\)?\s+(?:calendar\s+|business\s+)?days?\b`)

// retentionDeadline is one deadline that processing.retention states.
type retentionDeadline struct {
	days   int
	backup bool // for backups; else after the end of the Services
}

// retentionDeadlines returns the deadlines in days that text states for
// deleting backups (any "N days" in a clause that speaks of backups, unless
// N is backupDays) and for deleting the data after the end ("N days after"
// or "N days following" the end, ending, termination, expiry or
// cancellation), in the order they appear. A clause is the text between commas, semicolons and full stops.
func retentionDeadlines(text string, backupDays int) []retentionDeadline {
	var out []retentionDeadline
	for _, m := range retentionDays.FindAllStringSubmatchIndex(text, -1) {
		n, err := strconv.Atoi(text[m[2]:m[3]])
		if err != nil {
			continue
		}
		start := strings.LastIndexAny(text[:m[0]], ",;.") + 1
		end := len(text)
		if i := strings.IndexAny(text[m[1]:], ",;."); i >= 0 {
			end = m[1] + i
		}
		clause := strings.ToLower(text[start:end])
		after := strings.ToLower(text[m[1]:end])
		switch {
		case strings.Contains(clause, "backup"):
			if n != backupDays {
				out = append(out, retentionDeadline{days: n, backup: true})
			}
		case startsAfter(after) && mentionsEnd(after):
			out = append(out, retentionDeadline{days: n})
		}
	}
	return out
}

// startsAfter reports whether s, the text that follows "N days", begins
// with "after" or "following": the days are counted from what comes next.
func startsAfter(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "after ") || strings.HasPrefix(s, "following ")
}

// mentionsEnd reports whether s speaks of the end of the Services or the
// Agreement: the words that make "within N days after ..." a deadline
// after it.
func mentionsEnd(s string) bool {
	for _, w := range [...]string{" end", "terminat", "expir", "cancel"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// retentionWarnings warns when processing.retention states its own
// deadline for deleting the data after the end or for deleting backups
// (WarnRetentionDeadline), naming the deal's deletion values so that the
// user can make the two agree.
func retentionWarnings(d *Deal) []Problem {
	found := retentionDeadlines(d.Processing.Retention, d.Deletion.BackupDays)
	if len(found) == 0 {
		return nil
	}
	var said []string
	for _, f := range found {
		if f.backup {
			said = append(said, fmt.Sprintf("%d days for backups", f.days))
		} else {
			said = append(said, fmt.Sprintf("%d days after the end", f.days))
		}
	}
	return []Problem{{Path: "processing.retention", Rule: WarnRetentionDeadline, Message: fmt.Sprintf(
		"states its own deletion deadline (%s), and Annex I.B prints it after the deadlines of the deletion clause: deletion within %d days after the customer's choice to return or delete the data, which it may make up to 30 days after the end of the Services (deletion.days), and backups within %d days after that (deletion.backup_days); set those fields to the deadlines agreed, and let processing.retention say only how long the data is kept while the Services run",
		strings.Join(said, ", "), d.Deletion.Days, d.Deletion.BackupDays)}}
}
