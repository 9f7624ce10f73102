package server

import "testing"

// TestSummaryLabel: the problem summary names a field as the form does,
// with the part of the deal it belongs to, and keeps the path for what the
// form has no name for.
func TestSummaryLabel(t *testing.T) {
	s := newTestServer(t)
	tests := []struct{ path, want string }{
		{"customer.signatory.title", "Customer's signatory – Position"},
		{"customer.signatory", "Customer's signatory"},
		{"provider.contact.email", "Provider's contact – Email"},
		{"customer.country", "Customer – Country"},
		{"breach.notice_hours", "Breach notice (hours)"},
		{"scc.governing_law", "Governing law"},
		{"subprocessors.list[2].transfer_mechanism", "Sub-processor 3 – Transfer mechanism"},
		// A row's fields and the processing's by their labels in the form.
		{"subprocessors.list[2].contact_title", "Sub-processor 3 – Contact's position"},
		{"subprocessors.list[2].name", "Sub-processor 3 – Legal name"},
		{"subprocessors.list[0].data", "Sub-processor 1 – Categories of data"},
		{"riders[1].after", "Rider 2 – After clause"},
		{"security.extra[0].text", "Measure agreed for this deal 1 – Measure"},
		{"processing.purposes", "Description of the processing – Purposes"},
		{"controller_transfer.frequency", "Module One data – Frequency of the transfer"},
		{"subprocessors.list[0]", "Sub-processor 1"},
		{"no.such.field", ""},
	}
	for _, tt := range tests {
		if got := s.summaryLabel(tt.path); got != tt.want {
			t.Errorf("summaryLabel(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
