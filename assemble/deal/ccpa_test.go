package deal

import (
	"slices"
	"testing"
)

// TestBusinessPurposes checks that the CCPA Business Purposes include each
// specific purpose Annex I.B describes (the CCPA clause forbids any other
// purpose, so a purpose Annex I.B names but the Business Purposes do not
// would be a purpose the DPA both describes and forbids), but not a
// generic one, nor one they already name in other words of case or
// spacing; and that the deal's own list is not changed.
func TestBusinessPurposes(t *testing.T) {
	for _, tc := range []struct {
		name               string
		business, purposes []string
		want               []string
	}{
		{"none given: Annex I.B's", nil, []string{"Hosting", "Support"}, []string{"Hosting", "Support"}},
		{"a specific purpose added", []string{"Detecting security incidents"}, []string{"Technical support requested by Customer"},
			[]string{"Detecting security incidents", "Technical support requested by Customer"}},
		{"a generic purpose left out", []string{"Detecting security incidents"}, []string{"Provision of the Services under the Agreement"},
			[]string{"Detecting security incidents"}},
		{"named already", []string{"Technical support requested by Customer."}, []string{"technical  support requested by customer"},
			[]string{"Technical support requested by Customer."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d Deal
			d.Processing.Purposes = tc.purposes
			if tc.business != nil {
				d.CCPA.BusinessPurposes = append(make([]string, 0, 8), tc.business...) // room to append into
			}
			got := BusinessPurposes(&d)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if tc.business != nil && !slices.Equal(d.CCPA.BusinessPurposes, tc.business) {
				t.Errorf("the deal's business purposes changed: %q", d.CCPA.BusinessPurposes)
			}
			if len(got) > len(tc.business) && tc.business != nil && &got[0] == &d.CCPA.BusinessPurposes[0] {
				t.Error("the result shares the deal's array")
			}
		})
	}
}
