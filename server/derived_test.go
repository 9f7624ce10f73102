package server

import (
	"bytes"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestFormDerivedValuesFollow: a deal loaded into the form (the example,
// an uploaded file, the preview's "back to the form") leaves the reference
// and the supervisory authority blank where they are the values derived
// from the customer and the date, so that a changed customer gets its own
// reference and authority instead of the old customer's; a value the deal
// gives of its own (the example's reference) stays.
func TestFormDerivedValuesFollow(t *testing.T) {
	s := newTestServer(t)
	vals := submitExample(t, s, nil)
	if got := vals.Get("scc.supervisory_authority"); got != "" {
		t.Errorf("the example's derived authority is in the form: %q", got)
	}
	if got := vals.Get("reference"); got != "DPA-2026-0042" {
		t.Errorf("the example's own reference is %q in the form, want DPA-2026-0042", got)
	}
	tests := []struct {
		name   string
		change func(url.Values)
		want   []string
		reject []string
	}{
		{"moved to Paris", func(v url.Values) {
			v.Set("customer.address", "14 rue de la Paix, 75002 Paris")
			v.Set("customer.country", "FR")
			v.Del("customer.state")
		}, []string{"Commission Nationale de l'Informatique et des Libertés (CNIL)"}, []string{"Hamburg Commissioner"}},
		{"renamed, no reference", func(v url.Values) {
			v.Set("customer.name", "Nordwind Analytics GmbH")
			v.Set("effective_date", "2027-01-15")
			v.Set("reference", "")
		}, []string{"DPA-20270115-NORDWIND-ANALYTICS"}, []string{"DPA-2026-0042"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := submitExample(t, s, tt.change)
			res := postForm(t, s, "/", v)
			page := html.UnescapeString(string(readAll(t, res)))
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("the preview lacks %q", w)
				}
			}
			for _, r := range tt.reject {
				if strings.Contains(page, r) {
					t.Errorf("the preview still has %q", r)
				}
			}
		})
	}
	// The preview's deal back in the form: still blank, so it follows.
	d, err := s.valid.Load(exampleDeal(t), "example.yaml", s.cfg.Profile, s.cfg.ProfileName)
	if err != nil {
		t.Fatal(err)
	}
	if got := formValues(d).Get("scc.supervisory_authority"); got != "" {
		t.Errorf("formValues of the loaded example has the authority %q", got)
	}
}

// upload posts a deal file to the form's upload and returns the page.
func upload(t *testing.T, s *Server, name string, data []byte) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipartWriter(&body)
	fw, err := mw.CreateFormFile("deal", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/upload", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// TestUploadWithUnknownKey: a deal file whose only fault is a mistyped key
// still fills the form with everything else, and the key is listed; a
// file that cannot be read at all lists its problems without putting any
// at a field (whose value is the profile's, not the file's), under a
// notice styled as a failure.
func TestUploadWithUnknownKey(t *testing.T) {
	s := newTestServer(t)
	typo := bytes.Replace(exampleDeal(t), []byte("  role: controller"), []byte("  role: controller\n  sigantory_note: signed in Hamburg"), 1)
	typo = bytes.Replace(typo, []byte("notice_hours: 48"), []byte("notice_hours: 96"), 1)
	code, page := upload(t, s, "typo.yaml", typo)
	for _, want := range []string{
		`value="Müller Logistik GmbH"`,
		"without the key that dpakit does not know",
		"customer.sigantory_note: unknown field",
		"must be at most 72", // the file's other mistake, at its field
	} {
		if !strings.Contains(html.UnescapeString(page), want) {
			t.Errorf("typo.yaml: the page lacks %q", want)
		}
	}
	if code != http.StatusUnprocessableEntity {
		t.Errorf("typo.yaml: status %d, want 422", code)
	}

	broken := append(bytes.Replace(exampleDeal(t), []byte("notice_hours: 48"), []byte("notice_hours: 96"), 1), []byte("customer: [\n")...)
	code, page = upload(t, s, "broken.yaml", broken)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `class="notice failed" role="alert"`) || !strings.Contains(page, "could not be read") {
		t.Errorf("broken.yaml: status %d; want 422 and a failure notice", code)
	}
	if strings.Contains(page, `class="field invalid"`) || strings.Contains(page, `aria-invalid="true"`) {
		t.Error("broken.yaml: a problem is shown at a field that holds the profile's value")
	}
}

// TestPreviewSaysWhatWasChecked: the preview says the checks passed, not
// that the deal is "valid", which a lawyer may read as legally valid.
func TestPreviewSaysWhatWasChecked(t *testing.T) {
	s := newTestServer(t)
	res := postForm(t, s, "/", submitExample(t, s, nil))
	page := string(readAll(t, res))
	if res.StatusCode != http.StatusOK || !strings.Contains(page, "every check passed: nothing is missing or contradictory (this is not a legal review of the terms)") || strings.Contains(page, "the deal is valid") {
		t.Errorf("status %d; the preview does not say what was checked", res.StatusCode)
	}
}
