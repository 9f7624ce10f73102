package server

import (
	"bytes"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/fixtures"
)

// TestFormWordsPage: the form's page and its live check word the engine's
// messages for someone who sees only the form: fields by their labels, not
// deal paths; values as the form shows them (a country's name, a choice's
// label, a box ticked); a country select told a value is none of its
// countries, with the one likely meant; a date input not told to write
// YYYY-MM-DD.
func TestFormWordsPage(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		name   string
		p      deal.Problem
		usOnly bool
		want   string
	}{
		{"a country's local name uploaded", deal.Problem{Path: "customer.country", Rule: "country", Message: `"Deutschland" is not a country code; did you mean "DE" (Germany)?`},
			false, `"Deutschland" is not in the list of countries; did you mean Germany? Choose it from the list`},
		{"a misspelt country", deal.Problem{Path: "customer.country", Rule: "country", Message: `"Germny" is not an ISO 3166-1 alpha-2 country code (such as "DE" or "US")`},
			false, `"Germny" is not in the list of countries; did you mean Germany? Choose it from the list`},
		{"no country at all", deal.Problem{Path: "subprocessors.list[2].country", Rule: "country", Message: `"Atlantis" is not an ISO 3166-1 alpha-2 country code (such as "DE" or "US")`},
			false, `"Atlantis" is not in the list of countries: choose a country from the list`},
		{"a country with what follows", deal.Problem{Path: "scc.governing_law", Rule: "eu_member", Message: `"Deutschland" is not a country code; did you mean "DE" (Germany)? Clause 17 requires an EU Member State for modules 1-3`},
			false, `"Deutschland" is not in the list of countries; did you mean Germany? Choose it from the list. Clause 17 requires an EU Member State for modules 1-3`},
		{"a country code", deal.Problem{Path: "scc.governing_law", Rule: "eu_member", Message: `"US" is not an EU Member State; Clause 17 requires one for modules 1-3: write its ISO code, such as "DE" (Germany, the customer's country)`},
			false, `the United States is not an EU Member State; Clause 17 requires one for modules 1-3: choose one, such as Germany, the customer's country`},
		{"a code to write", deal.Problem{Path: "scc.forum", Rule: "uk_only", Message: `"IE" cannot be the forum of a UK exporter: write "GB"`},
			false, `Ireland cannot be the forum of a UK exporter: choose the United Kingdom`},
		{"a role as a deal file writes it", deal.Problem{Path: "scc.modules", Rule: "role_modules", Message: "a processor customer needs module 3 alone. A customer that is the controller of some of the data and a processor of the rest is customer.role: controller with modules 2 and 3"},
			false, "a processor customer needs module 3 alone. A customer that is the controller of some of the data and a processor of the rest is “Customer – Role”: Controller with modules 2 and 3"},
		{"a path in parentheses", deal.Problem{Path: "subprocessors.objection_days", Rule: "objection_window", Message: "45 days is longer than the 30-day advance notice (scc.subprocessor_notice_days); a new sub-processor could start before the objection window closes"},
			false, "45 days is longer than the 30-day advance notice (“Time period under Clause 9 (days)”); a new sub-processor could start before the objection window closes"},
		{"a path in a US-only deal's form", deal.Problem{Path: "subprocessors.objection_days", Rule: "objection_window", Message: "45 days is longer than the 30-day advance notice (scc.subprocessor_notice_days)"},
			true, "45 days is longer than the 30-day advance notice (“Notice of a new sub-processor (days)”)"},
		{"a row", deal.Problem{Path: "subprocessors.list[1].name", Rule: "duplicate", Message: `"Papertrail (SolarWinds Worldwide, LLC)" is listed twice (also at subprocessors.list[0])`},
			false, `"Papertrail (SolarWinds Worldwide, LLC)" is listed twice (also as Sub-processor 1)`},
		{"a check box and a select's value", deal.Problem{Path: "ccpa.enabled", Rule: "us_ccpa", Message: "must be true when gdpr.applies is false: without EU, UK or Swiss law the CCPA service-provider terms are the law this DPA implements"},
			false, "must be ticked when “EU, UK or Swiss data protection law applies” is No: without EU, UK or Swiss law the CCPA service-provider terms are the law this DPA implements"},
		{"a radio button's value", deal.Problem{Path: "subprocessors.list[0].address", Rule: "annex_iii", Message: `is required when scc.subprocessor_option is "specific": Annex III under Clause 9(a) Option 1 gives, for each sub-processor, its address`},
			false, "is required when “Sub-processors (Clause 9, Modules Two and Three)” is Option 1: Annex III under Clause 9(a) Option 1 gives, for each sub-processor, its address"},
		{"a box to tick", deal.Problem{Path: "scc.supervisory_authority", Rule: "exporter_authority", Message: "a UK customer needs none: set uk_addendum.enabled and leave scc.supervisory_authority empty"},
			false, "a UK customer needs none: tick “UK International Data Transfer Addendum” and leave “Supervisory authority (Clause 13)” empty"},
		{"a value to choose", deal.Problem{Path: "scc.forum", Rule: "forum_not_law", Message: "if the courts of Germany should decide, set scc.forum: DE in the deal"},
			false, "if the courts of Germany should decide, choose Germany for “Courts (Clause 18)” in the deal"},
		{"a date", deal.Problem{Path: "effective_date", Rule: "required_date", Message: "is required (a date, YYYY-MM-DD)"},
			false, "is required: choose a date"},
		{"a line of a list", deal.Problem{Path: "subprocessors.list[2].data[0]", Rule: "undescribed_data", Message: `"Health records" is not among the categories of personal data that Annex I.B describes (processing.data_categories)`},
			false, `"Health records" is not among the categories of personal data that Annex I.B describes (“Description of the processing – Categories of personal data”)`},
		{"an optional field", deal.Problem{Path: "customer.contact.title", Rule: "contact_position", Message: `is empty: give the position (such as "Data Protection Officer" or "Head of Legal") in customer.contact.title`},
			false, `is empty: give the position (such as "Data Protection Officer" or "Head of Legal") in “Customer's contact – Position”`},
		{"an address is no path", deal.Problem{Path: "provider.subprocessor_list_url", Rule: "http_url", Message: `"kestrel.example/subprocessors.list" is not a web address`},
			false, `"kestrel.example/subprocessors.list" is not a web address`},
		{"a name form data composed", deal.Problem{File: formName, Path: "customer.nmae", Rule: "unknown_field", Message: `unknown field (did you mean "customer.name"?)`},
			false, `unknown field (did you mean "customer.name"?)`},
	}
	for _, tt := range tests {
		if got := s.words.page(tt.p, tt.usOnly); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

// TestFormWordsOnlyTheForm: the API keeps the engine's words and paths,
// for form data too, while the form words the same problem for its user;
// the form names a warning's field by its label too.
func TestFormWordsOnlyTheForm(t *testing.T) {
	s := newTestServer(t)
	page, _ := fixtureForm(t, s, fixtures.ExampleDeal)
	vals := submission(t, []byte(page), "deal-form")
	vals.Set("subprocessors.objection_days", "45")
	vals.Set("customer.contact.title", "")
	api := string(readAll(t, do(t, s, http.MethodPost, "/api/v1/validate", "application/x-www-form-urlencoded", []byte(vals.Encode()))))
	if !strings.Contains(api, "(scc.subprocessor_notice_days)") || !strings.Contains(api, "in customer.contact.title") {
		t.Errorf("the API's answer to form data is not in the engine's words: %.800s", api)
	}
	form := url.Values{}
	for k, v := range vals {
		form[k] = v
	}
	form.Set("action", "preview")
	got := html.UnescapeString(string(readAll(t, postForm(t, s, "/", form))))
	for _, want := range []string{
		"(“Time period under Clause 9 (days)”); a new sub-processor could start",
		`"><a href="#f-customer-contact-title">Customer's contact – Position</a> <span class="path">customer.contact.title</span>: is empty: Annex I.A`,
		`in “Customer's contact – Position”</li>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the form lacks %s", want)
		}
	}

	// The preview names a warning's field so too, without a link to a
	// field it does not have.
	form.Set("subprocessors.objection_days", "15")
	got = html.UnescapeString(string(readAll(t, postForm(t, s, "/", form))))
	if want := `<li>Customer's contact – Position <span class="path">customer.contact.title</span>: is empty: Annex I.A`; !strings.Contains(got, `id="deviations"`) || !strings.Contains(got, want) {
		t.Errorf("the preview lacks %s", want)
	}
	// A deal file's country that is none of the select's, uploaded.
	data := strings.Replace(string(exampleDeal(t)), "country: DE ", "country: Deutschland ", 1)
	var body bytes.Buffer
	mw := multipartWriter(&body)
	fw, _ := mw.CreateFormFile("deal", "deal.yaml")
	fw.Write([]byte(data))
	mw.Close()
	res := do(t, s, http.MethodPost, "/upload", mw.FormDataContentType(), body.Bytes())
	got = html.UnescapeString(string(readAll(t, res)))
	for _, want := range []string{
		`<div class="error" id="f-customer-country-error"><p>"Deutschland" is not in the list of countries; did you mean Germany? Choose it from the list</p></div>`,
		`<option value="Deutschland" selected>Deutschland (not in the list: choose a country)</option>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the uploaded form lacks %s", want)
		}
	}
}
