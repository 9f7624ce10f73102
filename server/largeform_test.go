package server

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
)

// largestList is the most sub-processors a deal may have (the validate tag
// of deal.Subprocessors.List, max=2000).
const largestList = 2000

// overLimit is a number of sub-processors whose form has more fields than
// net/url reads (10,000), and lastName the name of the last of them.
const (
	overLimit = 750
	lastName  = "Sub-processor 0750 GmbH"
)

// largeDeal returns the example deal with n sub-processors, each the
// example's first under a name of its own.
func largeDeal(t testing.TB, s *Server, n int) *deal.Deal {
	t.Helper()
	d, err := s.valid.Load(exampleDeal(t), "example.yaml", s.cfg.Profile, s.cfg.ProfileName)
	if err != nil {
		t.Fatal(err)
	}
	first := d.Subprocessors.List[0]
	d.Subprocessors.List = make([]deal.Subprocessor, n)
	for i := range d.Subprocessors.List {
		sp := first
		sp.Name = fmt.Sprintf("Sub-processor %04d GmbH", i+1)
		d.Subprocessors.List[i] = sp
	}
	return d
}

// rowFields counts the inputs the form has for a row of list (generic
// paths such as subprocessors.list.name).
func rowFields(s *Server, list string) int {
	n := 0
	for p := range s.formPaths {
		if strings.HasPrefix(p, list+".") {
			n++
		}
	}
	return n
}

// TestLargestFormIsRead is the regression test for the form of a deal
// with more than about 700 sub-processors being refused as "the form data
// cannot be read" (net/url reads at most 10,000 fields): the form of a
// deal of 2,000 sub-processors, the most a deal may have, posted as the
// browser posts it, is checked and previewed, and maxFormFields leaves
// room for every other list of the form at its largest.
func TestLargestFormIsRead(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, func(c *Config) { c.MaxBody = 8 << 20 })
	if got := rowFields(s, "subprocessors.list"); got != subprocessorRowFields {
		t.Errorf("a sub-processor's row has %d inputs; subprocessorRowFields says %d: change it (and maxFormFields)", got, subprocessorRowFields)
	}
	// The form of overLimit sub-processors is past net/url's 10,000 fields
	// and is posted; the largest form is counted from it, each row of the
	// largest list adding a row's fields: posting 2,000 rows proves
	// nothing more and costs seconds.
	vals := submission(t, renderForm(t, s, formValues(largeDeal(t, s, overLimit))), "deal-form")
	fields := 0
	for _, v := range vals {
		fields += len(v)
	}
	// The largest form: 2,000 sub-processors, 100 extra measures and 20
	// riders (their validate tags).
	largest := fields + (largestList-overLimit)*subprocessorRowFields + 100*rowFields(s, "security.extra") + 20*rowFields(s, "riders")
	if fields <= 10000 || largest > maxFormFields*3/4 {
		t.Errorf("the form of %d sub-processors has %d fields, the largest form %d: want more than net/url's 10,000, and the largest within 3/4 of maxFormFields (%d)",
			overLimit, fields, largest, maxFormFields)
	}

	res := postForm(t, s, "/check", vals)
	if b := readAll(t, res); res.StatusCode != http.StatusOK || !strings.Contains(string(b), `"problems": []`) {
		t.Errorf("POST /check = %d %.300s, want 200 without problems", res.StatusCode, b)
	}
	res = postForm(t, s, "/", vals)
	page := string(readAll(t, res))
	if res.StatusCode != http.StatusOK || !strings.Contains(page, lastName) || !strings.Contains(page, `formaction="/download/dpa.pdf"`) {
		t.Fatalf("POST / = %d %.300s, want the preview naming %s", res.StatusCode, page, lastName)
	}
	// The preview's deal comes back for a download, and to the form.
	res = postForm(t, s, "/download/deal.yaml", previewDeal(t, []byte(page)))
	if b := readAll(t, res); res.StatusCode != http.StatusOK || !strings.Contains(string(b), lastName) {
		t.Errorf("POST /download/deal.yaml = %d %.300s, want the deal file", res.StatusCode, b)
	}
}

// TestFormDataOverLimits: form data over a limit, or that does not decode,
// is answered with what is wrong and what to do, not "cannot be read".
func TestFormDataOverLimits(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, func(c *Config) { c.MaxBody = 8 << 20 })
	many := strings.Repeat("customer.name=x&", maxFormFields) + "customer.name=x"
	tests := []struct {
		name, target, body string
		status             int
		want               []string
	}{
		{"too many fields for the form", "/", many, 413, []string{fmt.Sprintf("the form data has %d fields, more than the %d the server reads", maxFormFields+1, maxFormFields), "dpakit validate", "Content-Type: application/yaml"}},
		{"too many fields for the check", "/check", many, 413, []string{"more than the", "send it to the API as YAML or JSON"}},
		{"too many fields for the API", "/api/v1/validate", many, 413, []string{"more than the", "send it to the API as YAML or JSON"}},
		{"a bad escape in the form", "/", "customer.name=100%&agreement=x", 400, []string{`the form data cannot be read: its field "customer.name=100%" has a value that does not decode: invalid URL escape "%"`}},
		{"a semicolon in the check", "/check", "customer.name=a;b", 400, []string{`its field "customer.name=a;b" has a semicolon`}},
		{"a bad escape for the API", "/api/v1/validate", "customer.name=100%", 415, []string{`it does not decode as form data: its field "customer.name=100%" has a value that does not decode`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, s, http.MethodPost, tt.target, "application/x-www-form-urlencoded", []byte(tt.body), "Sec-Fetch-Site", "same-origin")
			b := string(readAll(t, res))
			if strings.HasPrefix(tt.target, "/api/") {
				b = strings.ReplaceAll(b, `\"`, `"`)
			} else {
				b = strings.ReplaceAll(b, "&#34;", `"`)
			}
			if res.StatusCode != tt.status {
				t.Errorf("POST %s = %d %.300s, want %d", tt.target, res.StatusCode, b, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(b, w) {
					t.Errorf("POST %s: %.500s\nlacks %q", tt.target, b, w)
				}
			}
		})
	}
	small := newTestServer(t, func(c *Config) { c.MaxBody = 256 << 10 })
	res := postForm(t, small, "/", submission(t, renderForm(t, small, formValues(largeDeal(t, small, 300))), "deal-form"))
	if b := string(readAll(t, res)); res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(b, "limit of 256 KiB: check a deal this large") || !strings.Contains(b, "--max-body") {
		t.Errorf("a form over --max-body: %d %.500s, want 413 saying what to do", res.StatusCode, b)
	}
}

// TestMultipartFormIsRead: the form posted as multipart/form-data (a page
// or a client that sets that enctype) is read as the same form, not as an
// empty one (a review found the form's routes reading it as empty).
func TestMultipartFormIsRead(t *testing.T) {
	s := newTestServer(t)
	vals := submitExample(t, s, nil)
	var body bytes.Buffer
	mw := multipartWriter(&body)
	for name, vs := range vals {
		for _, v := range vs {
			mw.WriteField(name, v)
		}
	}
	mw.Close()
	res := do(t, s, http.MethodPost, "/check", mw.FormDataContentType(), body.Bytes(), "Sec-Fetch-Site", "same-origin")
	if b := readAll(t, res); res.StatusCode != http.StatusOK || !strings.Contains(string(b), `"problems": []`) {
		t.Errorf("POST /check as multipart = %d %.300s, want 200 without problems", res.StatusCode, b)
	}
}
