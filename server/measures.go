package server

import (
	"maps"
	"net/url"
	"slices"
)

// measuresShown is the name of a hidden input of the form: the Annex II
// selection ("all" or "selected") the form was shown with, so that the
// server can tell a box unticked under "All measures" from a radio changed
// to "All measures" without ticking the boxes again.
const measuresShown = "security.measures.shown"

// tickedMeasures returns the form's values with the Annex II selection as
// its ticks mean it. Under "All measures" the form shows every catalogue
// measure ticked, so a form shown that way and sent back with "all" but
// with catalogue measures unticked has had them taken out: its selection
// becomes "selected", the measures still ticked, and the preview lists the
// ones left out among its deviations. A form shown with "selected" and
// sent with "all" (the radio changed in a browser without the script,
// which ticks the boxes again) keeps "all", and so does form data with no
// ticks that does not say how the form was shown (not the form page's).
func (s *Server) tickedMeasures(form url.Values) url.Values {
	ticked := form[measuresIDs]
	shown := form.Get(measuresShown)
	if form.Get("security.measures") != "all" || shown == "selected" || (len(ticked) == 0 && shown == "") {
		return form
	}
	for _, c := range s.engine.Library().Catalog().Categories {
		for _, m := range c.Measures {
			if !slices.Contains(ticked, m.ID) {
				out := maps.Clone(form)
				out.Set("security.measures", "selected")
				return out
			}
		}
	}
	return form
}
