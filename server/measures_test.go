package server

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// measureText returns the catalogue's wording of the measure id.
func measureText(t *testing.T, s *Server, id string) string {
	t.Helper()
	for _, c := range s.engine.Library().Catalog().Categories {
		for _, m := range c.Measures {
			if m.ID == id {
				return m.Text
			}
		}
	}
	t.Fatalf("no measure %s in the catalogue", id)
	return ""
}

// untick removes the measure id from the form's ticked measures.
func untick(vals url.Values, id string) url.Values {
	vals[measuresIDs] = slices.DeleteFunc(slices.Clone(vals[measuresIDs]), func(v string) bool { return v == id })
	return vals
}

// TestFormUntickedMeasureUnderAll: with "All measures" chosen, as the
// example deal has it, unticking a measure's box in a browser without the
// script takes the measure out of Annex II: the preview's deviations name
// it by its wording and the DPA no longer has it. A form shown with
// "Only the selected measures" whose radio is changed to "All measures"
// gets every measure, ticked or not.
func TestFormUntickedMeasureUnderAll(t *testing.T) {
	s := newTestServer(t)
	const id = "enc-endpoints"
	text := measureText(t, s, id)
	page := readAll(t, do(t, s, http.MethodGet, "/?example=1", "", nil))
	if !regexp.MustCompile(`name="security.measures" value="all" checked`).Match(page) {
		t.Fatal(`the example's form does not show "All measures" chosen`)
	}
	preview := func(t *testing.T, vals url.Values) string {
		t.Helper()
		res := postForm(t, s, "/", vals)
		body := html.UnescapeString(string(readAll(t, res)))
		if res.StatusCode != http.StatusOK || !strings.Contains(body, `id="deviations"`) {
			t.Fatalf("POST / = %d, not the preview:\n%.1500s", res.StatusCode, body)
		}
		return body
	}
	// dpa is what the preview shows after its deviations: the DPA.
	dpa := func(body string) string {
		_, after, _ := strings.Cut(body, `id="deviations"`)
		_, doc, _ := strings.Cut(after, "</section>")
		return doc
	}
	deviations := func(body string) string {
		_, after, _ := strings.Cut(body, `id="deviations"`)
		devs, _, _ := strings.Cut(after, "</section>")
		return devs
	}

	t.Run("unticked under All", func(t *testing.T) {
		body := preview(t, untick(submission(t, page, "deal-form"), id))
		want := `Annex II measures: leaves out 1 catalogue measure ("` + text + `") (standard: the whole catalogue)`
		if !strings.Contains(deviations(body), want) {
			t.Errorf("the deviations lack %q:\n%s", want, deviations(body))
		}
		if strings.Contains(dpa(body), text) {
			t.Errorf("the DPA still has the unticked measure %q", text)
		}
	})
	t.Run("every box ticked under All", func(t *testing.T) {
		body := preview(t, submission(t, page, "deal-form"))
		if strings.Contains(deviations(body), "Annex II measures") || !strings.Contains(dpa(body), text) {
			t.Errorf("All measures with every box ticked is not the whole catalogue:\n%s", deviations(body))
		}
	})
	t.Run("the form again, as the ticks mean it", func(t *testing.T) {
		vals := untick(submission(t, page, "deal-form"), id)
		vals.Set("action", "refresh")
		again := readAll(t, postForm(t, s, "/", vals))
		for _, want := range []string{`name="security.measures" value="selected" checked`, `name="security.measures.shown" value="selected"`} {
			if !strings.Contains(string(again), want) {
				t.Errorf("the form shown again lacks %s", want)
			}
		}
		if strings.Contains(string(again), `value="`+id+`" checked`) {
			t.Errorf("the form shown again has %s ticked", id)
		}
	})
	t.Run("All chosen on a form shown with Selected", func(t *testing.T) {
		vals := untick(submission(t, page, "deal-form"), id)
		vals.Set("security.measures", "selected")
		vals.Set("action", "refresh")
		selected := readAll(t, postForm(t, s, "/", vals))
		vals = submission(t, selected, "deal-form")
		if vals.Get("security.measures") != "selected" || slices.Contains(vals[measuresIDs], id) {
			t.Fatalf("the form shown with Selected sends %q with %v", vals.Get("security.measures"), vals[measuresIDs])
		}
		vals.Set("security.measures", "all")
		body := preview(t, vals)
		if strings.Contains(deviations(body), "Annex II measures") || !strings.Contains(dpa(body), text) {
			t.Errorf("All measures chosen is not the whole catalogue:\n%s", deviations(body))
		}
	})
}
