package deal

import "testing"

func TestAddDays(t *testing.T) {
	tests := []struct {
		from string
		days int
		want string
	}{
		{"2026-12-01", 15, "2026-12-16"},
		{"2026-12-20", 15, "2027-01-04"}, // year end
		{"2026-01-31", 1, "2026-02-01"},  // month end
		{"2028-02-14", 15, "2028-02-29"}, // leap day
		{"2028-02-29", 1, "2028-03-01"},
		{"2027-02-14", 15, "2027-03-01"}, // no leap day
		{"2024-02-29", 365, "2025-02-28"},
		{"2026-11-30", 30, "2026-12-30"},
		{"2026-12-31", 0, "2026-12-31"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.from)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.AddDays(tt.days).String(); got != tt.want {
			t.Errorf("%s + %d days = %s, want %s", tt.from, tt.days, got, tt.want)
		}
	}
}
