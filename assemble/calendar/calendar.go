// Package calendar holds Date, the calendar date that deals and
// sub-processor lists write as YYYY-MM-DD. It depends on the standard
// library and suggest (for quoting a value in a message) only, so that
// every package that reads a date (the deal, the list importer) shares one
// type and one set of messages.
package calendar

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/dpakit/dpakit/assemble/suggest"
)

// Layout is the only date format a deal or list accepts.
const Layout = "2006-01-02"

// Date is a calendar date written YYYY-MM-DD. The zero Date means "not set".
type Date struct{ time.Time }

// Parse parses a YYYY-MM-DD date. Its error says what is wrong in terms a
// person can act on: the day or month that does not exist, or the form a
// date must take.
func Parse(s string) (Date, error) {
	t, err := time.Parse(Layout, s)
	if err != nil {
		return Date{}, dateError(s)
	}
	return Date{t}, nil
}

// dateError explains why s is not a YYYY-MM-DD date.
func dateError(s string) error {
	var y, m, d int
	var rest string
	q := suggest.Quote(s)
	n, _ := fmt.Sscanf(s, "%4d-%2d-%2d%s", &y, &m, &d, &rest)
	switch {
	case n == 3 && len(s) == len(Layout) && (m < 1 || m > 12):
		return fmt.Errorf("%s is not a date: there is no month %d (write YYYY-MM-DD)", q, m)
	case n == 3 && len(s) == len(Layout) && d < 1:
		return fmt.Errorf("%s is not a date: there is no day %d", q, d)
	case n == 3 && len(s) == len(Layout):
		last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		return fmt.Errorf("%s is not a date: %s %d has only %d days", q, time.Month(m), y, last)
	case n == 3 && rest == "":
		return fmt.Errorf("%s is not a date: write it YYYY-MM-DD, with two digits for the month and the day (%04d-%02d-%02d)", q, y, m, d)
	}
	if t, err := time.Parse("20060102", s); err == nil {
		return fmt.Errorf("%s is not a date: write it YYYY-MM-DD, with hyphens (%s)", q, t.Format(Layout))
	}
	return fmt.Errorf("%s is not a date (want YYYY-MM-DD, such as 2026-12-01)", q)
}

// String returns the date as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(Layout)
}

// UnmarshalText accepts a YYYY-MM-DD date, or "" for the zero Date. The
// YAML decoder calls it for a scalar, whatever tag the scalar resolves to.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText writes the date as YYYY-MM-DD, or "" for the zero Date.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// MarshalYAML writes the date as YYYY-MM-DD. It names no YAML library
// type: a YAML encoder calls it by its signature.
func (d Date) MarshalYAML() (any, error) { return d.String(), nil }

// MarshalJSON writes the date as a YYYY-MM-DD string.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a YYYY-MM-DD string.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("want a date (YYYY-MM-DD)")
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := Parse(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// AddDays returns the date n calendar days after d (before it for negative
// n), across month ends, year ends and leap days.
func (d Date) AddDays(n int) Date {
	return Date{d.AddDate(0, 0, n)}
}
