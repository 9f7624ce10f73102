package server

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/subproc"
	"github.com/dpakit/dpakit/fixtures"
	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// fill sets every zero field of v (a Deal or a part of it) to a value
// derived from its path, so that a field the form drops shows up in a
// comparison. Fields with a closed set of values must already be set.
func fill(v reflect.Value, path string) { fillTagged(v, path, "") }

// oneOf returns the values a validate tag allows with oneof=, if any.
func oneOf(tag string) []string {
	for _, part := range strings.Split(tag, ",") {
		if vals, ok := strings.CutPrefix(part, "oneof="); ok {
			return strings.Fields(vals)
		}
	}
	return nil
}

func fillTagged(v reflect.Value, path, tag string) {
	switch {
	case v.Type() == dateType:
		if v.Interface().(deal.Date).IsZero() {
			v.Set(reflect.ValueOf(deal.Date{Time: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}))
		}
		return
	case v.Type() == measuresType:
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if key, _ := yamlKey(v.Type().Field(i)); key != "" {
				fillTagged(v.Field(i), join(path, key), v.Type().Field(i).Tag.Get("validate"))
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		fillTagged(v.Elem(), path, tag)
	case reflect.String:
		if v.String() == "" {
			v.SetString("Filled " + path)
			if one := oneOf(tag); len(one) > 0 {
				v.SetString(one[0])
			}
		}
	case reflect.Int:
		if v.Int() == 0 {
			v.SetInt(7)
		}
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Map:
		if v.Len() == 0 {
			v.Set(reflect.MakeMap(v.Type()))
			v.SetMapIndex(reflect.ValueOf("filled-clause"), reflect.ValueOf("filled-fallback"))
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
			if v.Type().Elem().Kind() == reflect.String {
				v.Index(0).SetString("Filled " + path)
			}
		}
		for i := range v.Len() {
			fill(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	}
}

// renderForm renders the form page for vals.
func renderForm(t *testing.T, s *Server, vals url.Values) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, "form", s.newFormPage(vals, nil)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// decodeForm decodes submitted values into a deal without defaults or
// validation.
func decodeForm(t *testing.T, vals url.Values) *deal.Deal {
	t.Helper()
	n, _ := formDeal(vals)
	b, err := yaml.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	d, err := deal.Load(b, "form", nil, "")
	if d == nil {
		t.Fatalf("the form's deal does not decode: %v\n%s", err, b)
	}
	return d
}

// TestFormRoundTrip checks that every field of the deal survives deal →
// form → (what a browser submits) → deal. The deal is filled generically,
// every field set, so a field added to the deal format that the form does
// not show fails here, by name.
func TestFormRoundTrip(t *testing.T) {
	s := newTestServer(t)
	base, err := s.valid.Load(exampleDeal(t), "example.yaml", s.cfg.Profile, s.cfg.ProfileName)
	if err != nil {
		t.Fatal(err)
	}
	cat := s.engine.Library().Catalog()
	for _, tt := range []struct {
		name     string
		measures deal.Measures
	}{
		{"all measures", deal.Measures{All: true}},
		{"selected measures", deal.Measures{IDs: []string{cat.Categories[0].Measures[0].ID, cat.Categories[1].Measures[1].ID}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := *base
			d.Subprocessors.List = slices.Clone(base.Subprocessors.List)
			d.SCC.Modules = []int{1, 2, 3, 4}
			d.Security.Measures = tt.measures
			fill(reflect.ValueOf(&d).Elem(), "")
			page := renderForm(t, s, formValues(&d))
			got := decodeForm(t, submission(t, page, "deal-form"))
			if diff := cmp.Diff(&d, got); diff != "" {
				t.Errorf("deal → form → deal lost or changed fields (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFormShowsEveryField names each deal field the form has no input for.
func TestFormShowsEveryField(t *testing.T) {
	s := newTestServer(t)
	var d deal.Deal
	d.Customer.Role, d.Subprocessors.List, d.Security.Extra, d.Riders = deal.Controller, make([]deal.Subprocessor, 1), make([]deal.Measure, 1), make([]deal.Rider, 1)
	fill(reflect.ValueOf(&d).Elem(), "")
	page := renderForm(t, s, formValues(&d))
	names := map[string]bool{}
	for _, m := range regexp.MustCompile(`name="([^"]+)"`).FindAllSubmatch(page, -1) {
		names[genericPath(string(m[1]))] = true
	}
	for p := range s.formPaths {
		if !names[p] {
			t.Errorf("the form has no input for the deal field %s", p)
		}
	}
}

func TestFormUnknownFieldFailsTheTemplate(t *testing.T) {
	s := newTestServer(t)
	p := s.newFormPage(url.Values{}, nil)
	if _, err := p.F("customer.nmae", "Name", ""); err == nil || !strings.Contains(err.Error(), "customer.nmae") {
		t.Errorf("F(customer.nmae) = %v, want an error naming the path", err)
	}
}

func TestGetFormPrefilledFromProfile(t *testing.T) {
	s := newTestServer(t)
	res := do(t, s, http.MethodGet, "/", "", nil)
	body := string(readAll(t, res))
	if res.StatusCode != 200 {
		t.Fatalf("GET / = %d", res.StatusCode)
	}
	for _, want := range []string{
		`value="Kestrel Cloud, Inc."`, // provider from the profile
		`name="breach.notice_hours" value="48"`,
		`value="2026-12-01"`,                  // today as the effective date
		`<option value="DE">Germany</option>`, // countries by name
		"example vendor profile",              // the banner
		`name="security.measures.ids" value=`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the form lacks %s", want)
		}
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, " onclick=") {
		t.Error("the form has inline script")
	}
}

// submitExample returns the example deal's form values with changes.
func submitExample(t *testing.T, s *Server, change func(url.Values)) url.Values {
	t.Helper()
	d, err := s.valid.Load(exampleDeal(t), "example.yaml", s.cfg.Profile, s.cfg.ProfileName)
	if err != nil {
		t.Fatal(err)
	}
	vals := submission(t, renderForm(t, s, formValues(d)), "deal-form")
	if change != nil {
		change(vals)
	}
	return vals
}

func TestSubmitInvalidKeepsValuesAndShowsMessages(t *testing.T) {
	s := newTestServer(t)
	vals := submitExample(t, s, func(v url.Values) {
		v.Set("scc.governing_law", "US")
		v.Set("breach.notice_hours", "abc")
		v.Set("customer.name", "Acme <b>GmbH</b>")
	})
	res := postForm(t, s, "/", vals)
	body := string(readAll(t, res))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", res.StatusCode)
	}
	for _, want := range []string{
		`<a href="#f-scc-governing-law">Governing law</a> <span class="path">scc.governing_law</span>: the United States is not an EU Member State`,
		`id="f-scc-governing-law-error"`,
		`&#34;abc&#34; is not a whole number`,
		`name="breach.notice_hours" value="abc"`, // the user's value kept
		`value="Acme &lt;b&gt;GmbH&lt;/b&gt;"`,   // escaped
		`<option value="US" selected>United States</option>`,
		"problems to fix",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

func TestSubmitValidShowsPreviewWithDeviations(t *testing.T) {
	s := newTestServer(t)
	vals := submitExample(t, s, func(v url.Values) { v.Set("breach.notice_hours", "36") })
	res := postForm(t, s, "/", vals)
	body := string(readAll(t, res))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200:\n%s", res.StatusCode, body)
	}
	dev := strings.Index(body, "breach notice 36 hours (standard 48)")
	frame := strings.Index(body, `class="doc"`)
	if dev < 0 || frame < 0 || dev > frame {
		t.Errorf("the deviation is not listed before the document (at %d, document at %d)", dev, frame)
	}
	for _, want := range []string{`formaction="/download/dpa.pdf"`, `formaction="/download/annex-iii.pdf"`, `formaction="/download/bundle.zip"`,
		`formaction="/download/subprocessors.xlsx"`, `formaction="/download/deal.yaml"`, `title="DPA - Müller Logistik GmbH - 2026-12-01.pdf"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the preview lacks %s", want)
		}
	}
}

// previewDeal returns the deal file a preview page carries.
func previewDeal(t *testing.T, page []byte) url.Values {
	t.Helper()
	return submission(t, page, "downloads")
}

func TestDownloadsFromPreview(t *testing.T) {
	s := newTestServer(t)
	res := postForm(t, s, "/", submitExample(t, s, func(v url.Values) { v.Set("breach.notice_hours", "36") }))
	post := previewDeal(t, readAll(t, res))
	tests := []struct {
		file, mediaType, name string
		check                 func(t *testing.T, b []byte)
	}{
		{"dpa.pdf", "application/pdf", "DPA - Müller Logistik GmbH - 2026-12-01.pdf", func(t *testing.T, b []byte) {
			text := pdfText(t, b)
			for _, want := range []string{"Müller Logistik GmbH", "thirty-six (36) hours"} {
				if !strings.Contains(text, want) {
					t.Errorf("the PDF lacks %q", want)
				}
			}
		}},
		{"annex-iii.pdf", "application/pdf", "Annex III - Müller Logistik GmbH - 2026-12-01.pdf", nil},
		{"dpa.html", "text/html; charset=utf-8", "DPA - Müller Logistik GmbH - 2026-12-01.html", nil},
		{"subprocessors.xlsx", xlsxType, "Sub-processors - Müller Logistik GmbH - 2026-12-01.xlsx", nil},
		{"deal.yaml", "application/yaml; charset=utf-8", "Deal - Müller Logistik GmbH - 2026-12-01.yaml", func(t *testing.T, b []byte) {
			d, err := s.valid.Load(b, "deal.yaml", nil, "")
			if err != nil || d.Breach.NoticeHours != 36 {
				t.Errorf("the deal file does not load back to the deal: %v", err)
			}
		}},
		{"bundle.zip", "application/zip", "DPA bundle - Müller Logistik GmbH - 2026-12-01.zip", func(t *testing.T, b []byte) {
			// Every download of the preview, the Word DPA to negotiate in
			// among them.
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range zr.File {
				names = append(names, f.Name)
			}
			for _, want := range []string{"DPA - Müller Logistik GmbH - 2026-12-01.pdf", "DPA - Müller Logistik GmbH - 2026-12-01.docx",
				"DPA - Müller Logistik GmbH - 2026-12-01.html", "Annex III - Müller Logistik GmbH - 2026-12-01.pdf",
				"Sub-processors - Müller Logistik GmbH - 2026-12-01.xlsx", "Deal - Müller Logistik GmbH - 2026-12-01.yaml", "manifest.json"} {
				if !slices.Contains(names, want) {
					t.Errorf("the form's ZIP lacks %q: %q", want, names)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := postForm(t, s, "/download/"+tt.file, post)
			b := readAll(t, res)
			if res.StatusCode != 200 {
				t.Fatalf("status %d: %s", res.StatusCode, b)
			}
			if got := res.Header.Get("Content-Type"); got != tt.mediaType {
				t.Errorf("Content-Type %q, want %q", got, tt.mediaType)
			}
			if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''"+strings.ReplaceAll(url.PathEscape(tt.name), "+", "%2B")) {
				t.Errorf("Content-Disposition %q does not name %q", cd, tt.name)
			}
			if tt.check != nil {
				tt.check(t, b)
			}
		})
	}
}

func TestEditReturnsThePreviewDealToTheForm(t *testing.T) {
	s := newTestServer(t)
	res := postForm(t, s, "/", submitExample(t, s, func(v url.Values) { v.Set("breach.notice_hours", "36") }))
	post := previewDeal(t, readAll(t, res))
	res = postForm(t, s, "/edit", post)
	page := readAll(t, res)
	vals := submission(t, page, "deal-form")
	if res.StatusCode != 200 || vals.Get("breach.notice_hours") != "36" || vals.Get("customer.name") != "Müller Logistik GmbH" {
		t.Errorf("status %d; the form holds hours %q, customer %q", res.StatusCode, vals.Get("breach.notice_hours"), vals.Get("customer.name"))
	}
}

func TestDownloadOfTamperedDealIsChecked(t *testing.T) {
	s := newTestServer(t)
	res := postForm(t, s, "/download/dpa.pdf", url.Values{"deal": {"customer: {name: x}\n"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422 (the form with the problems)", res.StatusCode)
	}
	if body := readAll(t, res); !bytes.Contains(body, []byte("problems to fix")) {
		t.Error("the problems are not shown")
	}
}

func TestRowsWithoutJavaScript(t *testing.T) {
	s := newTestServer(t)
	vals := submitExample(t, s, nil)
	vals.Set("action", "add:subprocessors.list")
	page := readAll(t, postForm(t, s, "/", vals))
	added := submission(t, page, "deal-form")
	if got := len(rowIndexes(added, "subprocessors.list")); got != 3 {
		t.Fatalf("after add: %d rows, want 3", got)
	}
	added.Set("action", "remove:subprocessors.list[0]")
	page = readAll(t, postForm(t, s, "/", added))
	left := submission(t, page, "deal-form")
	if got := rowIndexes(left, "subprocessors.list"); len(got) != 1 && len(got) != 2 {
		t.Fatalf("after remove: rows %v", got)
	}
	if left.Get("subprocessors.list[0].name") != "Papertrail (SolarWinds Worldwide, LLC)" {
		t.Errorf("after removing row 0, row 0 is %q", left.Get("subprocessors.list[0].name"))
	}
	// A blank row is dropped on submit; problems name the renumbered rows.
	left.Set("subprocessors.list[0].country", "XX")
	left.Del("action")
	page = readAll(t, postForm(t, s, "/", left))
	if !bytes.Contains(page, []byte(`href="#f-subprocessors-list-0-country"`)) {
		t.Error("the problem of row 0 does not link to its input")
	}
}

func TestUploadFillsTheForm(t *testing.T) {
	s := newTestServer(t)
	for _, tt := range []struct {
		name, file string
		data       []byte
		status     int
		want       string
	}{
		{"valid", "example.yaml", exampleDeal(t), 200, `value="Müller Logistik GmbH"`},
		{"invalid rule", "bad.yaml", bytes.Replace(exampleDeal(t), []byte("notice_hours: 48"), []byte("notice_hours: 96"), 1), 422, "must be at most 72"},
		{"unknown key", "typo.yaml", append(exampleDeal(t), []byte("custmer: {}\n")...), 422, "unknown field"},
		// The loader's warnings, which only it can give (it knows which
		// file gave what), reach the form: here the file describes its data
		// subjects and takes the rest of Annex I.B from the profile.
		{"warned of what the profile gives", "partly.yaml", onlyDataSubjects(t), 200, "the deal sets “Description of the processing – Categories of data subjects” but takes “Description of the processing – Categories of personal data”, “Description of the processing – Nature of the processing” and “Description of the processing – Purposes” from the profile"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var body bytes.Buffer
			mw := multipartWriter(&body)
			fw, _ := mw.CreateFormFile("deal", tt.file)
			fw.Write(tt.data)
			mw.Close()
			req := httptest.NewRequest(http.MethodPost, "/upload", &body)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("status %d (want %d); page has %q: %v", rec.Code, tt.status, tt.want, strings.Contains(rec.Body.String(), tt.want))
			}
		})
	}
}

func TestDownloadDraftDealFile(t *testing.T) {
	s := newTestServer(t)
	for _, typed := range []string{"96", "abc"} {
		vals := submitExample(t, s, func(v url.Values) { v.Set("breach.notice_hours", typed) })
		vals.Set("action", "deal.yaml")
		res := postForm(t, s, "/", vals)
		b := readAll(t, res)
		if res.StatusCode != 200 || !bytes.Contains(b, []byte("notice_hours: "+typed)) {
			t.Fatalf("status %d; the draft deal file should keep the typed value %s:\n%s", res.StatusCode, typed, b)
		}
	}
}

// TestFormOffersEveryTransferMechanism: each sub-processor row offers every
// transfer mechanism a deal file accepts (Binding Corporate Rules among
// them), under the vocabulary's label for the deal's transfers, and the one
// chosen reaches the deal and the DPA's Annex III.
func TestFormOffersEveryTransferMechanism(t *testing.T) {
	s := newTestServer(t)
	page, d := fixtureForm(t, s, fixtures.ExampleDeal)
	for _, c := range d.TransferLaws().TransferMechanisms() {
		radio := fmt.Sprintf(`name="subprocessors.list[1].transfer_mechanism" value="%s"`, c.Code)
		at := strings.Index(page, radio)
		if at < 0 {
			t.Errorf("the sub-processor row offers no %q transfer mechanism", c.Code)
			continue
		}
		if label, _, _ := strings.Cut(page[at:], "</label>"); !strings.HasSuffix(label, "> "+html.EscapeString(c.Label)) {
			t.Errorf("the %q radio is labelled %q, want the vocabulary's %q", c.Code, label, c.Label)
		}
	}

	vals := submitExample(t, s, func(v url.Values) { v.Set("subprocessors.list[1].transfer_mechanism", subproc.TransferBCR) })
	if got := decodeForm(t, vals).Subprocessors.List[1].TransferMechanism; got != subproc.TransferBCR {
		t.Errorf("the form's deal has transfer mechanism %q, want %q", got, subproc.TransferBCR)
	}
	res := postForm(t, s, "/", vals)
	body := string(readAll(t, res))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preview with a BCR sub-processor: status %d, want 200:\n%s", res.StatusCode, body)
	}
	if !strings.Contains(body, "Binding Corporate Rules") {
		t.Error("the preview's Annex III does not name Binding Corporate Rules for the sub-processor")
	}
}

// fixtureForm renders the form holding the fixture deal at path (laid over
// the test profile) and returns the page and the deal.
func fixtureForm(t *testing.T, s *Server, path string) (string, *deal.Deal) {
	t.Helper()
	data, err := fs.ReadFile(fixtures.FS, path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.valid.Load(data, path, s.cfg.Profile, s.cfg.ProfileName)
	if err != nil {
		t.Fatal(err)
	}
	return string(renderForm(t, s, formValues(d))), d
}

// TestFormTransferMechanismsFollowTheDealsLaws is the regression test for
// the form offering every deal the same transfer-mechanism radios, under
// the EU's labels ("None required (EEA or adequate country)") even for a
// US-only deal: a deal without an EEA, UK or Swiss nexus has no transfer
// mechanism to choose (each row, and a row added, carries "none", the
// code its deal file needs), and any other deal's choices are named for
// its transfers, as its Annex III names them. A change of the deal's laws
// shows on the next round trip, with or without JavaScript.
func TestFormTransferMechanismsFollowTheDealsLaws(t *testing.T) {
	s := newTestServer(t)
	radio := func(i int, code string) string {
		return fmt.Sprintf(`type="radio" name="subprocessors.list[%d].transfer_mechanism" value="%s"`, i, code)
	}

	us, _ := fixtureForm(t, s, "deals/us-ccpa.yaml")
	for _, not := range []string{`name="subprocessors.list[0].transfer_mechanism" value="scc"`, "None required (EEA", "Binding Corporate Rules", "Data Privacy Framework"} {
		if strings.Contains(us, not) {
			t.Errorf("the US-only deal's form offers a transfer mechanism: %q", not)
		}
	}
	for _, want := range []string{
		`<input type="hidden" name="subprocessors.list[0].transfer_mechanism" value="none">`,
		`<input type="hidden" name="subprocessors.list[__i__].transfer_mechanism" value="none">`,
		"None to choose: without EEA, UK or Swiss data the deal makes no restricted transfer",
	} {
		if !strings.Contains(us, want) {
			t.Errorf("the US-only deal's form lacks %q", want)
		}
	}
	vals := submission(t, []byte(us), "deal-form")
	vals.Set("action", "add:subprocessors.list")
	added := string(readAll(t, postForm(t, s, "/", vals)))
	if !strings.Contains(added, `<input type="hidden" name="subprocessors.list[2].transfer_mechanism" value="none">`) || strings.Contains(added, radio(2, "none")) {
		t.Error("a row added to the US-only deal without JavaScript offers a transfer mechanism")
	}
	vals.Del("action")
	res := postForm(t, s, "/", vals)
	if body := readAll(t, res); res.StatusCode != http.StatusOK {
		t.Fatalf("preview of the US-only deal from the form: status %d, want 200:\n%s", res.StatusCode, body)
	}
	if got := decodeForm(t, vals).Subprocessors.List[1].TransferMechanism; got != deal.TransferNone {
		t.Errorf("the US-only form's deal has transfer mechanism %q, want none", got)
	}

	for _, tt := range []struct{ fixture, dpf, none string }{
		{"deals/swiss-exporter.yaml", "Swiss-US Data Privacy Framework; UK Extension to the EU-US Data Privacy Framework",
			"None required (adequate under the FADP and UK Data Protection Laws)"},
		{"deals/seed-000.yaml", "EU-US Data Privacy Framework", "None required (EEA or adequate country)"},
		{"deals/seed-001.yaml", "EU-US Data Privacy Framework and its UK Extension; Swiss-US Data Privacy Framework", "None required (EEA or adequate country)"},
	} {
		page, d := fixtureForm(t, s, tt.fixture)
		for code, label := range map[string]string{"dpf": tt.dpf, "none": tt.none} {
			at := strings.Index(page, radio(0, code))
			if at < 0 {
				t.Errorf("%s: the sub-processor row offers no %q transfer mechanism", tt.fixture, code)
				continue
			}
			if got, _, _ := strings.Cut(page[at:], "</label>"); !strings.HasSuffix(got, "> "+html.EscapeString(label)) {
				t.Errorf("%s: the %q radio reads %q, want %q (laws %+v)", tt.fixture, code, got, label, d.TransferLaws())
			}
		}
	}

	// The example deal made US-only in the form: the next round trip asks
	// for no transfer mechanism.
	vals = submitExample(t, s, func(v url.Values) { v.Set("gdpr.applies", "false"); v.Set("action", "add:subprocessors.list") })
	page := string(readAll(t, postForm(t, s, "/", vals)))
	if strings.Contains(page, radio(0, "none")) || !strings.Contains(page, `type="hidden" name="subprocessors.list[0].transfer_mechanism"`) {
		t.Error("the example deal made US-only still offers transfer mechanisms after a round trip")
	}
}

// notApplicable returns the collapsed part of a US-only deal's form (the
// SCC, UK Addendum and Swiss choices it does not have) and the page
// without it; ok is false when the page has no such part.
func notApplicable(page string) (inside, outside string, ok bool) {
	start := strings.Index(page, `<details class="inapplicable" id="scc-not-applicable"`)
	if start < 0 {
		return "", page, false
	}
	end := start + strings.Index(page[start:], "</details>")
	return page[start:end], page[:start] + page[end:], true
}

// TestFormUSOnlyCollapsesTheSCCs is the regression test for the form
// asking a US-only deal for its Standard Contractual Clauses (modules,
// Clauses 7, 9, 11, 13, 17 and 18), UK Addendum and Swiss terms, and
// helping its sub-processor rows with Annex III and Clause 9, none of
// which its DPA has: they are collapsed under a line saying so, their
// values kept; the sub-processor periods its DPA states stay, worded for
// the CCPA; a problem among the collapsed choices opens them; and the
// deal made subject to EU law again shows them as before.
func TestFormUSOnlyCollapsesTheSCCs(t *testing.T) {
	s := newTestServer(t)
	us, _ := fixtureForm(t, s, "deals/us-ccpa.yaml")
	inside, outside, ok := notApplicable(us)
	if !ok {
		t.Fatal("the US-only deal's form has no collapsed SCC section")
	}
	if strings.Contains(inside[:strings.Index(inside, ">")], " open") {
		t.Error("the US-only deal's SCC choices show open without a problem among them")
	}
	if !strings.Contains(inside, "Standard Contractual Clauses, UK Addendum and Swiss terms: not part of a US-only deal") {
		t.Errorf("the collapsed section does not say why:\n%s", inside[:200])
	}
	for _, name := range []string{"scc.modules", "scc.docking_clause", "scc.redress_body", "scc.subprocessor_option", "scc.governing_law_option", "scc.governing_law", "scc.forum", "scc.supervisory_authority", "uk_addendum.enabled", "uk_addendum.ending_party", "swiss.enabled"} {
		if !strings.Contains(inside, `name="`+name+`"`) || strings.Contains(outside, `name="`+name+`"`) {
			t.Errorf("the US-only deal's %s is not (only) among the collapsed choices", name)
		}
	}
	for _, not := range []string{"Annex III", "Clause 9", "Clause 17", "Clause 13", "Option 1", "Role under the GDPR", "relevant to the transfer", "Frequency of the transfer",
		"data exporter", "data importer", "decides the default supervisory authority", "Art. 9 GDPR", "Art. 33 GDPR", "supervisory authority or the law requires"} {
		if strings.Contains(outside, not) {
			t.Errorf("the US-only deal's form speaks of %q outside the collapsed SCC choices", not)
		}
	}
	for _, want := range []string{
		"Notice of a new sub-processor (days)", "Cal. Civ. Code § 1798.140(ag)(2)", `name="scc.subprocessor_notice_days"`,
		`name="subprocessors.objection_days"`, `name="subprocessors.resolution_days"`,
		"Optional; the sub-processor workbook and each change notice give it.",
		"a US-only deal&#39;s documents do not give it: Annex I.B describes each sub-processor",
		"Sub-processors (Annex I.B and the workbook)",
	} {
		if !strings.Contains(outside, want) {
			t.Errorf("the US-only deal's form lacks %q outside the collapsed choices", want)
		}
	}

	// The choices a US-only deal cannot make, left as the profile or an
	// earlier answer had them (modules, UK Addendum and Swiss terms on),
	// are no problem: they are left out of the deal, and the form keeps
	// them collapsed.
	vals := submission(t, []byte(us), "deal-form")
	vals.Set("scc.modules", "2")
	vals.Set("uk_addendum.enabled", "true")
	vals.Set("swiss.enabled", "true")
	vals.Set("action", "preview")
	resp := postForm(t, s, "/", vals)
	page := string(readAll(t, resp))
	if resp.StatusCode != http.StatusOK || strings.Contains(page, "must be left out") {
		t.Errorf("a US-only deal with the SCC, UK and Swiss choices it cannot make left ticked does not preview (status %d):\n%.3000s", resp.StatusCode, page)
	}
	saved := submission(t, []byte(page), "downloads").Get("deal")
	var sd deal.Deal
	if err := yaml.Unmarshal([]byte(saved), &sd); err != nil {
		t.Fatalf("the preview's deal file: %v", err)
	}
	if len(sd.SCC.Modules) > 0 || sd.UKAddendum.Enabled || sd.Swiss.Enabled {
		t.Errorf("the US-only deal file keeps choices it cannot make: modules %v, UK %t, Swiss %t", sd.SCC.Modules, sd.UKAddendum.Enabled, sd.Swiss.Enabled)
	}

	// Made subject to EU law again, the form asks for the SCCs as before.
	vals = submission(t, []byte(us), "deal-form")
	vals.Set("gdpr.applies", "true")
	vals.Set("action", "add:subprocessors.list")
	page = string(readAll(t, postForm(t, s, "/", vals)))
	if _, _, ok := notApplicable(page); ok || !strings.Contains(page, "<legend>Standard Contractual Clauses (EU 2021/914)</legend>") ||
		!strings.Contains(page, "Time period under Clause 9 (days)") || !strings.Contains(page, "Under Clause 9 Option 1, required (Annex III)") {
		t.Error("the deal made subject to EU law again does not show the SCC section and Annex III help")
	}
	if eu, _ := fixtureForm(t, s, fixtures.ExampleDeal); strings.Contains(eu, "scc-not-applicable") || strings.Contains(eu, "not part of a US-only deal") {
		t.Error("the example deal's form collapses its SCCs")
	}
}

// TestFormRoundTripUSOnly checks that a US-only deal with every field
// set survives deal → form → deal: the values of the collapsed SCC, UK
// Addendum and Swiss choices, and of a sub-processor's transfer mechanism,
// are submitted as they were, so saving the deal from the form loses
// nothing.
func TestFormRoundTripUSOnly(t *testing.T) {
	s := newTestServer(t)
	var d deal.Deal
	d.Customer.Role, d.Subprocessors.List, d.Security.Extra, d.Riders = deal.Controller, make([]deal.Subprocessor, 2), make([]deal.Measure, 1), make([]deal.Rider, 1)
	d.SCC.Modules, d.SCC.GoverningLawOption = []int{1, 2, 3, 4}, 2
	d.Security.Measures = deal.Measures{IDs: []string{s.engine.Library().Catalog().Categories[0].Measures[0].ID}}
	fill(reflect.ValueOf(&d).Elem(), "")
	no := false
	d.GDPR.Applies = &no
	d.Subprocessors.List[1].TransferMechanism = deal.TransferSCC
	page := renderForm(t, s, formValues(&d))
	if _, _, ok := notApplicable(string(page)); !ok {
		t.Fatal("the US-only deal's form has no collapsed SCC section")
	}
	// Decoded as submitted, before the defaults drop the selections a
	// US-only deal does not use. The choices it cannot make (modules, UK
	// Addendum, Swiss terms, Module One's data) are left out of the deal,
	// and only those; the form itself keeps them (see
	// TestFormUSOnlyCollapsesTheSCCs).
	sub := submission(t, page, "deal-form")
	n, norm := formDeal(sub)
	var got deal.Deal
	if err := n.Decode(&got); err != nil {
		t.Fatal(err)
	}
	want := d
	want.SCC.Modules, want.UKAddendum.Enabled, want.Swiss.Enabled, want.ControllerTransfer = []int{}, false, false, nil
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("US-only deal → form → deal lost or changed fields (-want +got):\n%s", diff)
	}
	for _, k := range []string{"scc.modules", "uk_addendum.enabled", "swiss.enabled", "controller_transfer.nature"} {
		if norm.Get(k) == "" || norm.Get(k) != sub.Get(k) {
			t.Errorf("the form does not keep %s: %q, submitted %q", k, norm.Get(k), sub.Get(k))
		}
	}
}

// TestFormRepresentative: the form shows the customer's representative in
// the Union (Article 27 GDPR) of the us-representative fixture in inputs of
// its own, beside the DPO; submitted, the deal keeps it, the supervisory
// authority comes from its Member State, and Annex I names it on its own
// line and the Irish authority under Clause 13(a). Cleared, the
// representative is absent and the deal draws the warning again.
func TestFormRepresentative(t *testing.T) {
	s := newTestServer(t)
	page, _ := fixtureForm(t, s, "deals/us-representative.yaml")
	for _, want := range []string{
		`<fieldset class="person"><legend>Data protection officer</legend>`,
		`<fieldset class="person"><legend>Representative in the Union (Article 27 GDPR)</legend>`,
		`name="customer.representative.name" value="EU Representation Services Ltd"`,
		`name="customer.representative.address" value="1 Baggot Street Lower, Dublin 2, D02 X123"`,
		`name="customer.representative.email" value="rainier@eu-representation.example"`,
		`name="customer.representative.phone" value="&#43;353 1 555 0100"`,
		`name="customer.dpo.name" value="Elena Kovač"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the form lacks %s", want)
		}
	}
	sel := regexp.MustCompile(`(?s)<select id="[^"]*" name="customer\.representative\.country".*?</select>`).FindString(page)
	if !strings.Contains(sel, `<option value="IE" selected>Ireland</option>`) {
		t.Errorf("the representative's country is not Ireland in the form:\n%.300s", sel)
	}
	// The select offers the EEA's States, and only them.
	for _, c := range country.Codes() {
		if offered := strings.Contains(sel, `<option value="`+c+`"`); offered != country.IsEEA(c) {
			t.Errorf("the representative's country select offers %s (%s): %v, want %v", c, country.Name(c), offered, country.IsEEA(c))
		}
	}
	vals := submission(t, []byte(page), "deal-form")

	// A representative outside the EEA (from a deal file, or a request
	// crafted without the form) stays selected, named as outside the EEA,
	// beside the rule's message.
	outside := maps.Clone(vals)
	outside.Set("customer.representative.country", "US")
	res := postForm(t, s, "/", outside)
	again := html.UnescapeString(string(readAll(t, res)))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a representative in the United States: status %d, want 422", res.StatusCode)
	}
	sel = regexp.MustCompile(`(?s)<select id="[^"]*" name="customer\.representative\.country".*?</select>`).FindString(again)
	if !strings.Contains(sel, `<option value="US" selected>United States (outside the EEA)</option>`) {
		t.Errorf("the representative's country United States is not kept, named as outside the EEA:\n%.300s", sel)
	}
	if !strings.Contains(again, "the United States is not an EEA State") {
		t.Error("the form lacks the eea rule's message at the representative's country")
	}
	res = postForm(t, s, "/", vals)
	body := readAll(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want the preview:\n%s", res.StatusCode, body)
	}
	post := previewDeal(t, body)
	res = postForm(t, s, "/download/deal.yaml", post)
	d, err := s.valid.Load(readAll(t, res), "deal.yaml", nil, "")
	if err != nil {
		t.Fatalf("the deal file does not load: %v", err)
	}
	want := &deal.Representative{Name: "EU Representation Services Ltd", Address: "1 Baggot Street Lower, Dublin 2, D02 X123", Country: "IE", Email: "rainier@eu-representation.example", Phone: "+353 1 555 0100"}
	if diff := cmp.Diff(want, d.Customer.Representative); diff != "" {
		t.Errorf("representative (-want +got):\n%s", diff)
	}
	if d.SCC.SupervisoryAuthority != "Data Protection Commission (Ireland)" {
		t.Errorf("scc.supervisory_authority = %q, want the Irish authority", d.SCC.SupervisoryAuthority)
	}
	res = postForm(t, s, "/download/annex-i.html", post)
	// A designation and its number are joined by a no-break space ("Article
	// 27"), which a reader sees as a space.
	annex := strings.ReplaceAll(html.UnescapeString(string(readAll(t, res))), "\u00a0", " ")
	for _, want := range []string{
		"Representative in the Union (Article 27 GDPR):",
		"EU Representation Services Ltd, 1 Baggot Street Lower, Dublin 2, D02 X123, Ireland, rainier@eu-representation.example, +353 1 555 0100",
		"that representative is established in Ireland; Clause 13(a) of the Standard Contractual Clauses therefore makes competent the supervisory authority of that Member State: the Data Protection Commission (Ireland).",
	} {
		if !strings.Contains(annex, want) {
			t.Errorf("Annex I lacks %q", want)
		}
	}

	// Cleared in the form, the representative is absent; the authority is
	// then required, and named, the deal is warned about.
	for _, k := range []string{"name", "address", "country", "email", "phone"} {
		vals.Set("customer.representative."+k, "")
	}
	vals.Set("scc.supervisory_authority", "Data Protection Commission (Ireland)")
	d = decodeForm(t, vals)
	if d.Customer.Representative != nil {
		t.Errorf("a blank representative decodes as %+v, want none", d.Customer.Representative)
	}
	res = postForm(t, s, "/", vals)
	if body := string(readAll(t, res)); res.StatusCode != http.StatusOK || !strings.Contains(html.UnescapeString(body), "give the representative's name, address, Member State (country) and email in “Representative in the Union”") {
		t.Errorf("status %d; the preview lacks the no_eu_representative warning", res.StatusCode)
	}
}

// TestFormRefreshLaysOutForTheLaws: the "refresh" action shows the form
// again, unchecked, laid out for the laws its values now name: the example
// deal answered "not under EU, UK or Swiss law" gets the US-only layout,
// with its values as typed (an invalid one too) and no problem shown; and
// Enter in a field checks the form, as "Check and preview" does, because
// the form's first submit button is that action.
func TestFormRefreshLaysOutForTheLaws(t *testing.T) {
	s := newTestServer(t)
	page, _ := fixtureForm(t, s, fixtures.ExampleDeal)
	if _, _, ok := notApplicable(page); ok {
		t.Fatal("the example deal's form is laid out as US-only")
	}
	if !strings.Contains(page, `<button type="submit" name="action" value="refresh"`) {
		t.Error("the form has no button to lay it out again for its laws (JavaScript off)")
	}
	first := regexp.MustCompile(`(?s)id="deal-form".*?<button type="submit" name="action" value="([^"]*)"`).FindStringSubmatch(page)
	if first == nil || first[1] != "preview" {
		t.Errorf("the form's first submit button (which answers Enter) is %q, want preview", first)
	}
	vals := submission(t, []byte(page), "deal-form")
	vals.Set("gdpr.applies", "false")
	vals.Set("breach.notice_hours", "96") // invalid: refresh does not check it
	vals.Set("action", "refresh")
	res := postForm(t, s, "/", vals)
	again := string(readAll(t, res))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("refresh: status %d, want 200", res.StatusCode)
	}
	if _, _, ok := notApplicable(again); !ok {
		t.Error("refreshed as a US-only deal, the form has no collapsed SCC section")
	}
	if strings.Contains(again, `id="problems"`) || strings.Contains(again, "at most 72") {
		t.Error("refresh checked the form: it shows problems")
	}
	if !strings.Contains(again, `name="breach.notice_hours" value="96"`) {
		t.Error("refresh lost the breach hours typed")
	}
}

// TestCountryOptions: a country select offers every option, escaped, with
// the value selected; a value that is no option comes first, selected and
// named as no country code, so that it is kept beside its message.
func TestCountryOptions(t *testing.T) {
	opts := []option{{"CI", "Côte d'Ivoire"}, {"DE", "Germany"}, {"IE", "Ireland"}}
	for _, tt := range []struct {
		name, value, want string
	}{
		{"nothing chosen", "", `<option value="CI">Côte d&#39;Ivoire</option>` + "\n" +
			`<option value="DE">Germany</option>` + "\n" + `<option value="IE">Ireland</option>` + "\n"},
		{"a country", "DE", `<option value="CI">Côte d&#39;Ivoire</option>` + "\n" +
			`<option value="DE" selected>Germany</option>` + "\n" + `<option value="IE">Ireland</option>` + "\n"},
		{"no country code", `"><b>`, `<option value="&#34;&gt;&lt;b&gt;" selected>&#34;&gt;&lt;b&gt; (not in the list: choose a country)</option>` + "\n" +
			`<option value="CI">Côte d&#39;Ivoire</option>` + "\n" + `<option value="DE">Germany</option>` + "\n" + `<option value="IE">Ireland</option>` + "\n"},
	} {
		if got := string(selectCountryOptions(field{Value: tt.value, Options: opts})); got != tt.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

// TestFormRiderAfterSelect: a rider's "after" is a select of the DPA's
// numbered clauses (title and id), so that a rider cannot be put inside
// an annex from the form; a value from a deal file that is not one of
// them stays selected, named as such, beside the library's message.
func TestFormRiderAfterSelect(t *testing.T) {
	s := newTestServer(t)
	page, _ := fixtureForm(t, s, "deals/negotiated.yaml")
	sel := regexp.MustCompile(`(?s)<select id="[^"]*" name="riders\[0\]\.after".*?</select>`).FindString(page)
	for _, want := range []string{`<option value="">Choose a clause</option>`, `<option value="liability" selected>`, `<option value="breach">Personal Data Breaches (breach)</option>`} {
		if !strings.Contains(sel, want) {
			t.Errorf("the rider's select lacks %s:\n%.600s", want, sel)
		}
	}
	if strings.Contains(sel, `value="annex-i-parties"`) || strings.Contains(sel, `value="scc-selections"`) {
		t.Errorf("the rider's select offers a part of a schedule or an annex:\n%s", sel)
	}
	vals := submission(t, []byte(page), "deal-form")
	vals.Set("riders[0].after", "annex-iii")
	res := postForm(t, s, "/", vals)
	again := html.UnescapeString(string(readAll(t, res)))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a rider after Annex III: status %d, want 422", res.StatusCode)
	}
	sel = regexp.MustCompile(`(?s)<select id="[^"]*" name="riders\[0\]\.after".*?</select>`).FindString(again)
	if !strings.Contains(sel, `<option value="annex-iii" selected>annex-iii (not a numbered clause of the DPA)</option>`) {
		t.Errorf("the rider's anchor annex-iii is not kept, named as such:\n%.300s", sel)
	}
	if !strings.Contains(again, `"annex-iii" is not one of the DPA's numbered clauses`) {
		t.Error("the form lacks the library's message at the rider")
	}
}

// onlyDataSubjects returns the processor-option2 fixture cut before its
// processing.data_categories: a deal that describes its data subjects and
// takes the rest of Annex I.B from the profile.
func onlyDataSubjects(t *testing.T) []byte {
	t.Helper()
	src, err := fs.ReadFile(fixtures.FS, "deals/processor-option2.yaml")
	if err != nil {
		t.Fatal(err)
	}
	head, _, ok := strings.Cut(string(src), "  data_categories:")
	if !ok {
		t.Fatal("the fixture gives no processing.data_categories")
	}
	return []byte(head)
}

// TestFormProblemsTitleAndFocus: after a check that found problems, the
// page's title starts with their number and the summary asks for the
// focus (autofocus), so that a screen reader or a tab says the check
// failed; a form without problems keeps its plain title.
func TestFormProblemsTitleAndFocus(t *testing.T) {
	s := newTestServer(t)
	page := readAll(t, do(t, s, http.MethodGet, "/?example=1", "", nil))
	if !bytes.Contains(page, []byte("<title>New DPA · dpakit</title>")) || bytes.Contains(page, []byte("autofocus")) {
		t.Errorf("the form without problems has the title %q or an autofocus", regexp.MustCompile(`<title>.*</title>`).Find(page))
	}
	for _, tt := range []struct {
		name   string
		change map[string]string
		title  string
	}{
		{"one problem", map[string]string{"scc.governing_law": "US", "scc.forum": "DE"}, "1 problem to fix – New DPA · dpakit"},
		{"two problems", map[string]string{"scc.governing_law": "US", "scc.forum": "DE", "breach.notice_hours": "96"}, "2 problems to fix – New DPA · dpakit"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			vals := submission(t, page, "deal-form")
			for k, v := range tt.change {
				vals.Set(k, v)
			}
			res := postForm(t, s, "/", vals)
			body := readAll(t, res)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("POST / = %d, want 422", res.StatusCode)
			}
			if got := regexp.MustCompile(`<title>(.*)</title>`).FindSubmatch(body); got == nil || string(got[1]) != tt.title {
				t.Errorf("title %q, want %q", got, tt.title)
			}
			if !regexp.MustCompile(`<div class="summary" id="problems"[^>]* tabindex="-1"[^>]* autofocus>`).Match(body) {
				t.Errorf("the problem summary does not take the focus:\n%s", regexp.MustCompile(`<div class="summary"[^>]*>`).Find(body))
			}
		})
	}
}

// TestFormSummaryInFormOrder is the regression test for the problem
// summary listed in the deal file's order (located problems first), so
// that the customer's role came after its signatory and the audit terms
// after the sub-processor rows below them: it follows the page.
func TestFormSummaryInFormOrder(t *testing.T) {
	s := newTestServer(t)
	page, _ := fixtureForm(t, s, fixtures.ExampleDeal)
	vals := submission(t, []byte(page), "deal-form")
	fields := map[string]string{ // path → its input's id
		"subprocessors.list[1].purpose": "f-subprocessors-list-1-purpose",
		"audit.frequency_months":        "f-audit-frequency-months",
		"customer.signatory.title":      "f-customer-signatory-title",
		"customer.role":                 "f-customer-role",
	}
	vals.Set("audit.frequency_months", "abc")
	vals.Set("subprocessors.list[1].purpose", "")
	vals.Set("customer.signatory.title", "")
	vals.Del("customer.role")
	vals.Set("action", "preview")
	got := string(readAll(t, postForm(t, s, "/", vals)))
	start := strings.Index(got, `id="problems"`)
	if start < 0 {
		t.Fatal("no problem summary")
	}
	summary := got[start : start+strings.Index(got[start:], "</ul>")]
	paths := slices.Collect(maps.Keys(fields))
	onPage := slices.Clone(paths)
	slices.SortFunc(onPage, func(a, b string) int {
		return strings.Index(got, `id="`+fields[a]+`"`) - strings.Index(got, `id="`+fields[b]+`"`)
	})
	inSummary := slices.Clone(paths)
	slices.SortFunc(inSummary, func(a, b string) int {
		return strings.Index(summary, `<span class="path">`+a+`</span>`) - strings.Index(summary, `<span class="path">`+b+`</span>`)
	})
	for _, p := range paths {
		if !strings.Contains(summary, `<span class="path">`+p+`</span>`) || !strings.Contains(got, `id="`+fields[p]+`"`) {
			t.Fatalf("the page lacks %s or its input:\n%s", p, summary)
		}
	}
	if !slices.Equal(onPage, inSummary) {
		t.Errorf("the summary lists %v, the page has the fields in the order %v", inSummary, onPage)
	}
}

// TestFormWordsItsMessages: the form, whose countries are chosen by name
// and whose role is a pair of buttons, words those messages for what the
// user sees (the live check's too, which posts the form's data), while a
// deal sent as JSON keeps the deal file's words.
func TestFormWordsItsMessages(t *testing.T) {
	s := newTestServer(t)
	page, _ := fixtureForm(t, s, fixtures.ExampleDeal)
	vals := submission(t, []byte(page), "deal-form")
	vals.Set("scc.governing_law", "US")
	vals.Del("customer.role")
	vals.Set("action", "preview")
	got := html.UnescapeString(string(readAll(t, postForm(t, s, "/", vals))))
	for _, want := range []string{
		"Clause 17 requires one for modules 1-3: choose one, such as Germany, the customer's country",
		"is required: Controller when the customer decides why and how the data is processed (SCC module 2), or Processor when",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the form lacks %q", want)
		}
	}
	if strings.Contains(got, "ISO code") || strings.Contains(got, `"controller" when`) {
		t.Error("the form words a message for a deal file")
	}
	vals.Del("action")
	res := do(t, s, http.MethodPost, "/api/v1/validate", "application/x-www-form-urlencoded", []byte(vals.Encode()))
	if live := string(readAll(t, res)); !strings.Contains(live, "choose one, such as Germany") {
		t.Errorf("the live check's answer is not in the form's words: %.500s", live)
	}
	res = do(t, s, http.MethodPost, "/api/v1/validate", "application/json", []byte(`{"scc": {"governing_law": "US"}}`))
	if api := string(readAll(t, res)); !strings.Contains(api, "write its ISO code") {
		t.Errorf("a JSON deal's answer is not in the deal file's words: %.500s", api)
	}
}

// TestFormExampleMadeUSOnly: the example deal made US-only in the form (a
// US customer, EU law answered no) previews: the SCC, UK Addendum and
// Swiss choices it still holds from the example are no problem.
func TestFormExampleMadeUSOnly(t *testing.T) {
	s := newTestServer(t)
	page, _ := fixtureForm(t, s, fixtures.ExampleDeal)
	vals := submission(t, []byte(page), "deal-form")
	vals.Set("gdpr.applies", "false")
	vals.Set("customer.country", "US")
	vals.Set("customer.state", "US-TX")
	vals.Set("customer.address", "1200 Congress Avenue, Austin, TX 78701")
	vals.Set("action", "preview")
	res := postForm(t, s, "/", vals)
	got := html.UnescapeString(string(readAll(t, res)))
	if start := strings.Index(got, `id="problems"`); start >= 0 {
		summary := got[start : start+strings.Index(got[start:], "</ul>")]
		for _, prefix := range []string{"scc.", "uk_addendum.", "swiss.", "controller_transfer"} {
			if strings.Contains(summary, `<span class="path">`+prefix) {
				t.Errorf("the US-only example meets a problem under %s:\n%s", prefix, summary)
			}
		}
	}
	if res.StatusCode != http.StatusOK {
		t.Errorf("the example made US-only does not preview: %d", res.StatusCode)
	}
}

// TestFormOneLineFields: a field that is one line of the DPA (the
// controllers a processor customer serves, the nature of the processing)
// is a one-line input, however long it runs, not a text area whose lines
// would run together in the DPA; a line break sent anyway (form data
// composed by hand) is refused at its field, in words a form user can act
// on, as the API refuses it, not merged into the line before.
func TestFormOneLineFields(t *testing.T) {
	s := newTestServer(t)
	page, _ := fixtureForm(t, s, fixtures.ExampleDeal)
	for g := range wideText {
		id := inputID(strings.Replace(g, "subprocessors.list.", "subprocessors.list[0].", 1))
		if !strings.Contains(page, `<input type="text" id="`+id+`"`) || strings.Contains(page, `<textarea id="`+id+`"`) {
			t.Errorf("%s is not a one-line input", g)
		}
	}
	if !strings.Contains(page, `<div class="field wide" data-field="customer.controller">`) {
		t.Error("the controllers' input does not run across the form")
	}
	vals := submission(t, []byte(page), "deal-form")
	vals.Set("customer.role", "processor")
	vals.Set("customer.controller", "the employers that use the customer's payroll service\r\nPublic-sector clients")
	vals.Set("action", "preview")
	res := postForm(t, s, "/", vals)
	got := html.UnescapeString(string(readAll(t, res)))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a line break in a one-line field gives %d, want 422", res.StatusCode)
	}
	want := `<div class="error" id="f-customer-controller-error"><p>holds a line break: write it on one line (it is one line of the DPA)</p></div>`
	if !strings.Contains(got, want) {
		t.Errorf("the form lacks %s", want)
	}
	vals.Del("action")
	api := string(readAll(t, do(t, s, http.MethodPost, "/api/v1/validate", "application/x-www-form-urlencoded", []byte(vals.Encode()))))
	if !strings.Contains(api, "contains a line break (U+000D) at position 54; it must be a single line") {
		t.Errorf("the API does not refuse the line break in its own words: %.600s", api)
	}
}

// TestFormCheckPlacesProblemsAtTheirRows: the form's live check (POST
// /check) answers in the form's words, each problem at the input the page
// has for it: the deal numbers the rows that remain from 0, the page keeps
// its own numbers (a row removed leaves a gap, a blank row is left out),
// and a problem of the deal's second row belongs to the page's row 2.
func TestFormCheckPlacesProblemsAtTheirRows(t *testing.T) {
	s := newTestServer(t)
	page, _ := fixtureForm(t, s, fixtures.ExampleDeal)
	vals := submission(t, []byte(page), "deal-form")
	// Row 0 removed; row 3 added blank; row 4 added with row 1's name.
	for k := range vals {
		if strings.HasPrefix(k, "subprocessors.list[0].") {
			vals.Del(k)
		}
	}
	vals.Set("subprocessors.list[3].name", "")
	vals.Set("subprocessors.list[4].name", vals.Get("subprocessors.list[1].name"))
	vals.Set("subprocessors.objection_days", "45")
	res := postForm(t, s, "/check", vals)
	var got checkAnswer
	if err := json.Unmarshal(readAll(t, res), &got); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %v", res.StatusCode, err)
	}
	find := func(path string) checkItem {
		for _, p := range got.Problems {
			if p.Path == path {
				return p
			}
		}
		t.Fatalf("no problem at %s: %+v", path, got.Problems)
		return checkItem{}
	}
	dup := find("subprocessors.list[1].name")
	if dup.Field != "subprocessors.list[4].name" || dup.Anchor != "f-subprocessors-list-4-name" || dup.Label != "Sub-processor 2 – Legal name" ||
		dup.Message != `"Papertrail (SolarWinds Worldwide, LLC)" is listed twice (also as Sub-processor 1)` {
		t.Errorf("the duplicate is %+v, want it at the page's row 4, in the form's words", dup)
	}
	if p := find("subprocessors.objection_days"); p.Field != "subprocessors.objection_days" || !strings.Contains(p.Message, "(“Time period under Clause 9 (days)”)") {
		t.Errorf("the objection window is %+v", p)
	}
	for _, p := range got.Problems {
		if strings.HasPrefix(p.Field, "subprocessors.list[1].") {
			t.Errorf("a problem lands on the page's row 1, which is valid: %+v", p)
		}
	}
}

// TestFormCheckWarnings: the live check answers the deal's warnings
// too, in the form's words and placed at their inputs, with problems or
// without; a deal whose warning is gone answers none.
func TestFormCheckWarnings(t *testing.T) {
	s := newTestServer(t)
	page, _ := fixtureForm(t, s, fixtures.ExampleDeal)
	vals := submission(t, []byte(page), "deal-form")
	check := func(vals url.Values) checkAnswer {
		t.Helper()
		res := postForm(t, s, "/check", vals)
		var got checkAnswer
		if err := json.Unmarshal(readAll(t, res), &got); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %v", res.StatusCode, err)
		}
		return got
	}
	forum := func(a checkAnswer) *checkItem {
		for i, w := range a.Warnings {
			if w.Path == "scc.forum" {
				return &a.Warnings[i]
			}
		}
		return nil
	}
	if w := forum(check(vals)); w != nil {
		t.Fatalf("the example deal warns of its forum: %+v", w)
	}
	vals.Set("scc.forum", "FR")
	for _, breach := range []string{"36", "96"} {
		vals.Set("breach.notice_hours", breach)
		got := check(vals)
		w := forum(got)
		if w == nil {
			t.Fatalf("breach %s hours: no warning of a forum in France under Dutch law: %+v", breach, got.Warnings)
		}
		if w.Field != "scc.forum" || w.Anchor != "f-scc-forum" || w.Label == "" || !strings.Contains(w.Message, "France") {
			t.Errorf("breach %s hours: the forum's warning is %+v, want it at its field, labelled, naming France", breach, *w)
		}
		if (breach == "96") != (len(got.Problems) > 0) {
			t.Errorf("breach %s hours: problems %+v", breach, got.Problems)
		}
	}
}

// TestFormComesBack: what the script posts to show a page again when the
// user comes back to it (Back, Forward, reload): "recheck" shows the form
// with every problem, and never the preview, even for a valid deal;
// /preview shows the preview of a preview's deal.
func TestFormComesBack(t *testing.T) {
	s := newTestServer(t)
	page, _ := fixtureForm(t, s, fixtures.ExampleDeal)
	vals := submission(t, []byte(page), "deal-form")
	vals.Set("action", "recheck")
	res := postForm(t, s, "/", vals)
	body := string(readAll(t, res))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `data-view="form" data-state="posted"`) || strings.Contains(body, `id="problems"`) {
		t.Errorf("a valid deal rechecked: status %d, want the form without problems", res.StatusCode)
	}
	vals.Set("breach.notice_hours", "96")
	res = postForm(t, s, "/", vals)
	body = string(readAll(t, res))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-breach-notice-hours-error"`) {
		t.Errorf("an invalid deal rechecked: status %d, want the form with its problems", res.StatusCode)
	}
	vals.Set("breach.notice_hours", "36")
	vals.Set("action", "preview")
	post := previewDeal(t, readAll(t, postForm(t, s, "/", vals)))
	res = postForm(t, s, "/preview", post)
	body = string(readAll(t, res))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `data-view="preview"`) || !strings.Contains(body, "breach notice 36 hours (standard 48)") {
		t.Errorf("the preview posted back: status %d, want the preview", res.StatusCode)
	}
	fresh := string(readAll(t, do(t, s, http.MethodGet, "/", "", nil)))
	if !strings.Contains(fresh, `data-view="form" data-state="fresh"`) {
		t.Error("the form a GET shows is not marked fresh, for the script to fill from history")
	}
	// /preview assembles a DPA, so it waits for a render slot as every
	// route that renders does: with none free, the busy answer.
	busy := newTestServer(t, func(c *Config) { c.MaxRenders, c.MaxQueue, c.QueueWait = 1, 0, 10*time.Millisecond })
	hold, err := busy.limiter.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer hold()
	if res := postForm(t, busy, "/preview", post); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/preview with every render slot taken: status %d, want 503", res.StatusCode)
	}
}

// TestFormHelpSaysWhatTheDPADoes: the help a legal user chooses by says
// what the DPA does with the choice (a counsel's reading of the form): a
// blank special-categories field is an undertaking that covers criminal
// data too; Module Four is not available; the UK Addendum's ending right
// has Section 19's conditions; Clause 9 and the audit limit name the
// controller of a processor customer; Annex III's details are required
// under Option 1; the US-only form speaks of a business, its service
// provider and sensitive personal information.
func TestFormHelpSaysWhatTheDPADoes(t *testing.T) {
	s := newTestServer(t)
	eu, _ := fixtureForm(t, s, fixtures.ExampleDeal)
	eu = html.UnescapeString(eu)
	for _, want := range []string{
		"data on criminal convictions and offences (Art. 10 GDPR",
		"left blank, the customer undertakes, as chosen below, not to provide them intentionally (the default) or not to provide them at all",
		"Module Four: processor to controller (not available in this DPA)",
		"A customer that is the controller of some data and a processor of the rest: Controller, with Modules Two and Three.",
		"substantially, disproportionately and demonstrably increase its direct costs or risk",
		"the customer's (for a processor customer, its controller's) authorisation",
		"Under Clause 9 Option 1, required (Annex III)",
		"once for each controller's data and once on its own account",
		"counted from the end of the services or, if later, from when the choice to return or delete it is made",
		"with the agreement of the parties, by completing the Appendix and signing Annex I.A",
		"where feasible, within 72 hours of becoming aware of the breach (Art. 33 GDPR or UK GDPR; under the FADP, Art. 24: as soon as possible)",
	} {
		if !strings.Contains(eu, want) {
			t.Errorf("the example deal's form lacks %q", want)
		}
	}
	us, _ := fixtureForm(t, s, "deals/us-ccpa.yaml")
	us = html.UnescapeString(us)
	for _, want := range []string{"The customer (business)", "The provider (service provider)", "Sensitive personal information (Cal. Civ. Code § 1798.140(ae))", "Not part of a US-only deal: leave all five blank"} {
		if !strings.Contains(us, want) {
			t.Errorf("the US-only deal's form lacks %q", want)
		}
	}
}

// TestFormUSOnlyOffersNoProcessorRole is the regression test for a US-only
// deal's form offering "Processor" as the customer's role, which its
// check always refused (a US-only DPA is between a business and its
// service provider): the choice is gone; a deal that already holds it
// keeps it shown and checked beside the message that refuses it; a deal
// under EU law offers both roles.
func TestFormUSOnlyOffersNoProcessorRole(t *testing.T) {
	s := newTestServer(t)
	us, _ := fixtureForm(t, s, "deals/us-ccpa.yaml")
	role := func(page string) string {
		i := strings.Index(page, `data-field="customer.role" id="f-customer-role"`)
		if i < 0 {
			t.Fatal("the form has no role field")
		}
		return page[i : i+strings.Index(page[i:], "</fieldset>")]
	}
	if got := role(us); strings.Contains(got, `value="processor"`) || !strings.Contains(got, `value="controller" checked`) {
		t.Errorf("the US-only deal's role offers a processor, or not a checked controller:\n%s", got)
	}

	vals := submission(t, []byte(us), "deal-form")
	vals.Set("customer.role", "processor")
	vals.Set("action", "preview")
	page := string(readAll(t, postForm(t, s, "/", vals)))
	if got := role(page); !strings.Contains(got, `value="processor" checked`) || !strings.Contains(got, "must be controller") {
		t.Errorf("a US-only deal holding a processor role does not show it checked with its message:\n%s", got)
	}

	eu, _ := fixtureForm(t, s, fixtures.ExampleDeal)
	if got := role(eu); !strings.Contains(got, `value="processor"`) || !strings.Contains(got, `value="controller"`) {
		t.Errorf("the example deal's role does not offer both roles:\n%s", got)
	}
}

// TestUploadThatDoesNotParse: multipart data that does not parse (no
// boundary; more parts than Go reads) says the upload could not be read,
// and why, not "choose a deal file", which a user who chose one cannot
// act on; a form without the file still asks for one.
func TestUploadThatDoesNotParse(t *testing.T) {
	s := newTestServer(t)
	var many bytes.Buffer
	mw := multipartWriter(&many)
	for i := range 1100 {
		mw.WriteField(fmt.Sprintf("f%d", i), "x")
	}
	fw, _ := mw.CreateFormFile("deal", "example.yaml")
	fw.Write(exampleDeal(t))
	mw.Close()
	var none bytes.Buffer
	mwNone := multipartWriter(&none)
	mwNone.WriteField("other", "x")
	mwNone.Close()
	for _, tt := range []struct {
		name, contentType string
		body              []byte
		want              string
	}{
		{"no boundary", "multipart/form-data", []byte("--x\r\n"), "the upload could not be read ("},
		{"too many parts", mw.FormDataContentType(), many.Bytes(), "the upload could not be read: it has more parts than the 1,000 the server reads"},
		{"no file", mwNone.FormDataContentType(), none.Bytes(), "choose a deal file (YAML or JSON) to upload"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, s, http.MethodPost, "/upload", tt.contentType, tt.body, "Sec-Fetch-Site", "same-origin")
			if b := string(readAll(t, res)); !strings.Contains(b, tt.want) {
				t.Errorf("status %d, page lacks %q:\n%.400s", res.StatusCode, tt.want, b)
			}
		})
	}
}
