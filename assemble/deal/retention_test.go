package deal

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRetentionDeadlines(t *testing.T) {
	tests := []struct {
		name, text string
		want       []retentionDeadline
	}{
		{"the profile's", "For the term of the Agreement, then until returned or deleted as the Data Processing Agreement provides", nil},
		{"months during the term", "Event data is kept for 14 months, then deleted; other data for the term of the Agreement", nil},
		{"a cap during the term, then a deadline after the end",
			"Log data is kept for the retention period Customer configures in the Services (at most 365 days) and in any event is deleted within 30 days after the Agreement ends",
			[]retentionDeadline{{days: 30}}},
		{"after the end and for backups", "For the term of the Agreement; deleted within 60 days after it ends, backups within a further 35 days",
			[]retentionDeadline{{days: 60}, {days: 35, backup: true}}},
		{"backups as the deal has them", "For the term of the Agreement; backups within a further 90 days", nil},
		{"words and figures", "deleted within thirty (30) days following termination", []retentionDeadline{{days: 30}}},
		{"business days after expiry", "Deleted 10 business days after expiry of the Agreement", []retentionDeadline{{days: 10}}},
		{"days after the choice", "Deleted within 30 days after Customer's choice", nil},
		{"a year", "Kept for one year after the end of the Services", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := retentionDeadlines(tt.text, 90)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(retentionDeadline{})); diff != "" {
				t.Errorf("retentionDeadlines(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestRetentionWarning(t *testing.T) {
	d := &Deal{Processing: Processing{Retention: "For the term of the Agreement; deleted within 60 days after it ends, backups within a further 35 days"},
		Deletion: Deletion{Days: 30, BackupDays: 90}}
	ws := retentionWarnings(d)
	if len(ws) != 1 || ws[0].Path != "processing.retention" || ws[0].Rule != WarnRetentionDeadline {
		t.Fatalf("warnings = %v", ws)
	}
	for _, w := range []string{"(60 days after the end, 35 days for backups)", "deletion within 30 days after the customer's choice", "backups within 90 days after that (deletion.backup_days)"} {
		if !strings.Contains(ws[0].Message, w) {
			t.Errorf("message %q lacks %q", ws[0].Message, w)
		}
	}
	d.Processing.Retention = "For the term of the Agreement"
	if ws := retentionWarnings(d); ws != nil {
		t.Errorf("no deadline: %v", ws)
	}
}
