package calendar

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
		d, err := Parse(tt.from)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.AddDays(tt.days).String(); got != tt.want {
			t.Errorf("%s + %d days = %s, want %s", tt.from, tt.days, got, tt.want)
		}
	}
}

func TestDateErrors(t *testing.T) {
	for in, want := range map[string]string{
		"2027-02-30": `"2027-02-30" is not a date: February 2027 has only 28 days`,
		"2028-02-30": `"2028-02-30" is not a date: February 2028 has only 29 days`,
		"2026-00-10": `"2026-00-10" is not a date: there is no month 0 (write YYYY-MM-DD)`,
		"2026-12-00": `"2026-12-00" is not a date: there is no day 0`,
		"2026-12-1":  `"2026-12-1" is not a date: write it YYYY-MM-DD, with two digits for the month and the day (2026-12-01)`,
		"1/12/2026":  `"1/12/2026" is not a date (want YYYY-MM-DD, such as 2026-12-01)`,
		"tomorrow":   `"tomorrow" is not a date (want YYYY-MM-DD, such as 2026-12-01)`,
		"20261201":   `"20261201" is not a date: write it YYYY-MM-DD, with hyphens (2026-12-01)`,
		"20261301":   `"20261301" is not a date (want YYYY-MM-DD, such as 2026-12-01)`,
	} {
		if _, err := Parse(in); err == nil || err.Error() != want {
			t.Errorf("Parse(%q) = %v, want %q", in, err, want)
		}
	}
}

// TestEncodings: a Date reads and writes YYYY-MM-DD as text and JSON, and
// the zero Date is "".
func TestEncodings(t *testing.T) {
	var d Date
	if err := d.UnmarshalText([]byte("2026-12-01")); err != nil || d.String() != "2026-12-01" {
		t.Fatalf("UnmarshalText = %v, %v", d, err)
	}
	if b, _ := d.MarshalText(); string(b) != "2026-12-01" {
		t.Errorf("MarshalText = %s", b)
	}
	if v, _ := d.MarshalYAML(); v != "2026-12-01" {
		t.Errorf("MarshalYAML = %v", v)
	}
	if b, _ := d.MarshalJSON(); string(b) != `"2026-12-01"` {
		t.Errorf("MarshalJSON = %s", b)
	}
	var j Date
	if err := j.UnmarshalJSON([]byte(`"2028-02-29"`)); err != nil || j.String() != "2028-02-29" {
		t.Errorf("UnmarshalJSON = %v, %v", j, err)
	}
	for in, want := range map[string]string{`12`: "want a date (YYYY-MM-DD)", `"2027-02-29"`: `"2027-02-29" is not a date: February 2027 has only 28 days`} {
		if err := j.UnmarshalJSON([]byte(in)); err == nil || err.Error() != want {
			t.Errorf("UnmarshalJSON(%s) = %v, want %q", in, err, want)
		}
	}
	if err := d.UnmarshalText([]byte("2026-13-01")); err == nil {
		t.Error("UnmarshalText accepted month 13")
	}
	for _, empty := range []func() error{func() error { return d.UnmarshalText(nil) }, func() error { return d.UnmarshalJSON([]byte(`""`)) }} {
		d, _ = Parse("2026-12-01")
		if err := empty(); err != nil || !d.IsZero() || d.String() != "" {
			t.Errorf("empty input: %v, %q", err, d.String())
		}
	}
}
