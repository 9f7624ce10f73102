package deal

import (
	"encoding/json"
	"fmt"

	"github.com/dpakit/dpakit/assemble/calendar"
)

// DateLayout is the only date format a deal accepts.
const DateLayout = calendar.Layout

// Date is a calendar date written YYYY-MM-DD. The zero Date means "not set".
type Date = calendar.Date

// ParseDate parses a YYYY-MM-DD date. Its error says what is wrong in
// terms a person can act on: the day or month that does not exist, or the
// form a date must take.
func ParseDate(s string) (Date, error) { return calendar.Parse(s) }

// Measures selects Annex II measures from the catalogue: every measure
// ("all"), or the listed ids.
type Measures struct {
	All bool
	IDs []string
}

// UnmarshalYAML accepts the scalar "all" (or "", for no measures) or a
// sequence of measure ids. It takes the decoder's unmarshal function, so
// that no YAML library type is part of this package's API.
func (m *Measures) UnmarshalYAML(unmarshal func(any) error) error {
	var ids []string
	if err := unmarshal(&ids); err == nil {
		*m = Measures{IDs: ids}
		return nil
	}
	var s string
	if err := unmarshal(&s); err != nil {
		return fmt.Errorf("want \"all\" or a list of measure ids")
	}
	if s != "all" && s != "" {
		return fmt.Errorf("want \"all\" or a list of measure ids, got %q", s)
	}
	*m = Measures{All: s == "all"}
	return nil
}

// MarshalYAML writes "all" or the list of ids.
func (m Measures) MarshalYAML() (any, error) {
	if m.All {
		return "all", nil
	}
	return m.IDs, nil
}

// MarshalJSON writes "all" or the list of ids.
func (m Measures) MarshalJSON() ([]byte, error) {
	if m.All {
		return json.Marshal("all")
	}
	if m.IDs == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(m.IDs)
}
