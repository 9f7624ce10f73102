package deal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// billionLaughs is the classic alias bomb: 9^9 strings once expanded.
const billionLaughs = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // Error() lines
	}{
		{"unknown key with suggestion", "customer:\n  contcat: {name: x}\n",
			[]string{`customer.contcat: unknown field (did you mean "contact"?)`}},
		{"unknown top-level key", "efective_date: 2026-12-01\n",
			[]string{`efective_date: unknown field (did you mean "effective_date"?)`}},
		{"camel case key", "effectiveDate: 2026-12-01\n",
			[]string{`effectiveDate: unknown field (did you mean "effective_date"?)`}},
		{"upper-case key", "customer: {Name: x}\n",
			[]string{`customer.Name: unknown field (a key is case-sensitive: write "name")`}},
		{"comma inside an unquoted value in braces", "customer:\n  representative: { name: R, address: 1 Baggot Street Lower, Dublin 2, country: IE }\n",
			[]string{`customer.representative.Dublin 2: unknown field; "Dublin 2" looks like the rest of address's value: inside { } a comma ends a value, so quote a value that holds one (address: "1 Baggot Street Lower, Dublin 2")`}},
		{"two commas inside an unquoted value in braces", "customer:\n  representative: { name: R, address: 1 Baggot Street Lower, Dublin 2, D02 XY45, country: IE }\n",
			[]string{
				`customer.representative.Dublin 2: unknown field; "Dublin 2" looks like the rest of address's value: inside { } a comma ends a value, so quote a value that holds one (address: "1 Baggot Street Lower, Dublin 2, D02 XY45")`,
				`customer.representative.D02 XY45: unknown field; "D02 XY45" looks like the rest of address's value: inside { } a comma ends a value, so quote a value that holds one (address: "1 Baggot Street Lower, Dublin 2, D02 XY45")`,
			}},
		{"key without a value in braces after a quoted value", "customer:\n  representative: { address: \"1 Baggot Street Lower\", Dublin 2 }\n",
			[]string{`customer.representative.Dublin 2: unknown field; the keys of customer.representative are name, address, country, email, phone`}},
		{"null sub-processor", "subprocessors:\n  list:\n    - name: A\n    -\n",
			[]string{"subprocessors.list[1]: is an empty entry (null): fill it in or remove the line"}},
		{"null text in a list", "processing: {data_subjects: [Customers, null]}\n",
			[]string{"processing.data_subjects[1]: is an empty entry (null): fill it in or remove the line"}},
		{"tagged float", "breach: {notice_hours: !!float 48}\n",
			[]string{`breach.notice_hours: "48" is tagged !!float, so it is not a whole number: remove the tag`}},
		{"octal days", "scc: {subprocessor_notice_days: 030}\n",
			[]string{`scc.subprocessor_notice_days: "030" has a leading zero, which YAML reads as the octal number 24: write 30`}},
		{"negative octal", "breach: {notice_hours: -030}\n",
			[]string{`breach.notice_hours: "-030" has a leading zero, which YAML reads as the octal number -24: write -30`}},
		{"leading zero, not octal", "breach: {notice_hours: 09}\n",
			[]string{`breach.notice_hours: "09" has a leading zero: write 9`}},
		{"leading zero in quotes", "breach: {notice_hours: '030'}\n",
			[]string{`breach.notice_hours: "030" has a leading zero: write 30`}},
		{"hexadecimal hours", "breach: {notice_hours: 0x30}\n",
			[]string{`breach.notice_hours: "0x30" is read as 48, a whole number written in another base or form: write it in plain decimal digits, such as 48`}},
		{"plus sign", "breach: {notice_hours: +48}\n",
			[]string{`breach.notice_hours: "+48" is read as 48, a whole number written in another base or form: write it in plain decimal digits, such as 48`}},
		{"digit separator", "breach: {notice_hours: 4_8}\n",
			[]string{`breach.notice_hours: "4_8" is read as 48, a whole number written in another base or form: write it in plain decimal digits, such as 48`}},
		{"unknown key far from any", "colour: blue\n",
			[]string{"colour: unknown field; the top-level keys are " + strings.Join(yamlFields(dealType).names, ", ")}},
		{"unknown key in a list entry", "subprocessors:\n  list:\n    - name: a\n    - name: b\n      contry: US\n",
			[]string{`subprocessors.list[1].contry: unknown field (did you mean "country"?)`}},
		{"not a whole number", "breach:\n  notice_hours: abc\n",
			[]string{`breach.notice_hours: "abc" is not a whole number`}},
		{"decimal", "breach: {notice_hours: 48.5}\n",
			[]string{`breach.notice_hours: "48.5" is not a whole number`}},
		{"quoted number", `{"breach": {"notice_hours": "48"}}`,
			[]string{`breach.notice_hours: "48" is text (in quotes), not a whole number: write 48 without the quotes`}},
		{"quoted yes or no", "ccpa: {enabled: 'true'}\n",
			[]string{`ccpa.enabled: "true" is text (in quotes), not true or false: write true without the quotes`}},
		{"quoted text that is no number", `{"breach": {"notice_hours": "48 hours"}}`,
			[]string{`breach.notice_hours: "48 hours" is not a whole number`}},
		{"list for a number", "audit: {notice_days: [30]}\n",
			[]string{"audit.notice_days: A list is not a whole number"}},
		{"want a list", "scc:\n  modules: 2\n",
			[]string{`scc.modules: want a list: write [2], or one "- " item per line`}},
		{"want a list, items run together", "processing:\n  data_subjects: Employees, customers\n",
			[]string{`processing.data_subjects: want a list: write [Employees, customers], or one "- " item per line`}},
		{"module not a number", "scc: {modules: [two]}\n",
			[]string{`scc.modules[0]: "two" is not a whole number`}},
		{"bool", "uk_addendum: {enabled: yes}\n",
			[]string{`uk_addendum.enabled: "yes" is not true or false`}},
		{"text wanted", "customer: {name: [Acme]}\n",
			[]string{"customer.name: want text, not a list"}},
		{"mapping wanted", "customer: Acme\n",
			[]string{"customer: want a mapping with the keys " + strings.Join(yamlFields(reflect.TypeFor[Customer]()).names, ", ") + `, not "Acme"`}},
		{"switch written as a word", "uk_addendum: off\nswiss: yes\n",
			[]string{`uk_addendum: want a mapping such as { enabled: false }, not "off"`, `swiss: want a mapping such as { enabled: true }, not "yes"`}},
		{"key in the wrong section", "scc:\n  objection_days: 10\n",
			[]string{"scc.objection_days: unknown field here: objection_days belongs in subprocessors (subprocessors.objection_days)"}},
		{"unknown key lists the section's keys", "audit: {every: 12}\n",
			[]string{"audit.every: unknown field; the keys of audit are frequency_months, notice_days"}},
		{"day that does not exist", "effective_date: 2027-02-30\n",
			[]string{`effective_date: "2027-02-30" is not a date: February 2027 has only 28 days`}},
		{"leap day that does not exist", "effective_date: 2100-02-29\n",
			[]string{`effective_date: "2100-02-29" is not a date: February 2100 has only 28 days`}},
		{"day 31 of a 30-day month", "effective_date: 2026-04-31\n",
			[]string{`effective_date: "2026-04-31" is not a date: April 2026 has only 30 days`}},
		{"single-digit month", "effective_date: 2026-1-05\n",
			[]string{`effective_date: "2026-1-05" is not a date: write it YYYY-MM-DD, with two digits for the month and the day (2026-01-05)`}},
		{"bad date", "effective_date: 2026-13-01\n",
			[]string{`effective_date: "2026-13-01" is not a date: there is no month 13 (write YYYY-MM-DD)`}},
		{"date with time", "effective_date: 2026-12-01T10:00:00Z\n",
			[]string{`effective_date: "2026-12-01T10:00:00Z" is not a date (want YYYY-MM-DD, such as 2026-12-01)`}},
		{"date in another order", "effective_date: 01.12.2026\n",
			[]string{`effective_date: "01.12.2026" is not a date (want YYYY-MM-DD, such as 2026-12-01)`}},
		{"measures word", "security: {measures: some}\n",
			[]string{`security.measures: want "all" or a list of measure ids, not "some"`}},
		{"measures mapping", "security: {measures: {a: 1}}\n",
			[]string{`security.measures: want "all" or a list of measure ids, not a mapping`}},
		{"measures entry", "security: {measures: [enc, {a: 1}]}\n",
			[]string{"security.measures[1]: want a measure id, not a mapping"}},
		{"deep path", "subprocessors:\n  list:\n    - {}\n    - {}\n    - {}\n    - {country: [US]}\n",
			[]string{"subprocessors.list[3].country: want text, not a list"}},
		{"duplicate key", "reference: A\nagreement: B\nreference: C\n",
			[]string{"reference: is given twice (first at line 1)"}},
		{"duplicate key in JSON", `{"customer": {"name": "a", "name": "b"}}`,
			[]string{"customer.name: is given twice (first at line 1)"}},
		{"custom tag", "reference: !env DPA_REF\n",
			[]string{"reference: the tag !env is not supported"}},
		{"binary", "reference: !!binary aGVsbG8=\n",
			[]string{"reference: want text, not binary data"}},
		{"merge key", "customer: &c {name: x}\nprovider:\n  <<: *c\n",
			[]string{"provider.<<: merge keys (<<) are not supported; write the keys out"}},
		{"complex key", "? [a]\n: 1\n",
			[]string{"deal.yaml: a key must be plain text, not a list"}},
		{"several problems", "customer:\n  contcat: {}\n  country: [DE]\nbreach: {notice_hours: x}\n",
			[]string{
				`customer.contcat: unknown field (did you mean "contact"?)`,
				"customer.country: want text, not a list",
				`breach.notice_hours: "x" is not a whole number`,
			}},
		{"empty file", "", []string{"deal.yaml: empty document"}},
		{"white space", "  \n\n", []string{"deal.yaml: empty document"}},
		{"comments only", "# nothing yet\n", []string{"deal.yaml: empty document"}},
		{"document marker only", "---\n", []string{"deal.yaml: empty document"}},
		{"null", "~\n", []string{"deal.yaml: empty document"}},
		{"two documents", "reference: A\n---\nreference: B\n",
			[]string{"deal.yaml: holds more than one YAML document (the second starts at line 2)"}},
		{"a second document after an empty one", "reference: A\n---\n---\nreference: B\n",
			[]string{"deal.yaml: holds more than one YAML document (the second starts at line 3)"}},
		{"top-level list", "- reference: A\n",
			[]string{"deal.yaml: the top level must be a mapping of keys to values, not a list"}},
		{"top-level scalar", "hello\n",
			[]string{`deal.yaml: the top level must be a mapping of keys to values, not "hello"`}},
		{"syntax error", "customer:\n  name: [Acme\n",
			[]string{"deal.yaml: the list opened with [ on line 2 is not closed: end it with ]"}},
		{"tab indentation", "customer:\n\tname: x\n",
			[]string{"deal.yaml: indent with spaces, not tabs (a tab is at column 1 of line 2)"}},
		{"invalid UTF-8", "reference: \xff\n",
			[]string{"deal.yaml: is not valid UTF-8 text"}},
		{"alias cycle", "customer: &c {name: *c}\n",
			[]string{"deal.yaml: line 1: alias *c refers to a value that contains it"}},
		{"billion laughs", billionLaughs,
			[]string{"deal.yaml: line 6: aliases expand to more than 100000 values; write the document out"}},
		{"too large", "reference: " + strings.Repeat("x", MaxSize),
			[]string{fmt.Sprintf("deal.yaml: is %d bytes; the limit is 1048576 (1 MiB)", MaxSize+11)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := parse([]byte(tt.in), "deal.yaml")
			if err == nil {
				t.Fatalf("Parse = %v, nil; want an error", n)
			}
			problems(t, err) // a *ValidationError wrapping ErrInvalid
			if diff := cmp.Diff(tt.want, strings.Split(err.Error(), "\n")); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			var ve *ValidationError
			errors.As(err, &ve)
			if ve.File != "deal.yaml" {
				t.Errorf("File = %q, want deal.yaml", ve.File)
			}
		})
	}
}

func TestParseLocation(t *testing.T) {
	_, err := parse([]byte("reference: A\ncustomer:\n  contcat: {}\n"), "deals/acme.yaml")
	want := []Problem{{File: "deals/acme.yaml", Line: 3, Path: "customer.contcat", Rule: "unknown_field", Message: `unknown field (did you mean "contact"?)`}}
	if diff := cmp.Diff(want, problems(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestParseAccepts(t *testing.T) {
	tests := []struct{ name, in string }{
		{"nulls", "customer:\nprovider: ~\nscc: {modules: null}\neffective_date:\n"},
		{"aliases", "customer:\n  name: &n Acme\n  address: *n\n"},
		{"numbers as text", "reference: 2026\nagreement: 1.5\n"},
		{"measures all", "security: {measures: all}\n"},
		{"measures list", "security: {measures: [enc, mfa]}\n"},
		{"quoted date", `{"effective_date": "2026-12-01"}`},
		{"JSON with tabs", "{\n\t\"reference\": \"x\",\n\t\"scc\": {\"modules\": [2]}\n}\n"},
		{"byte order mark", "\ufeffreference: x\n"},
		{"document markers", "---\nreference: x\n...\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parse([]byte(tt.in), "deal.yaml"); err != nil {
				t.Errorf("Parse: %v", err)
			}
		})
	}
}

// TestJSONEqualsYAML decodes the example as YAML and as JSON.
func TestJSONEqualsYAML(t *testing.T) {
	fromYAML := exampleDeal(t)
	var generic any
	if err := yaml.Unmarshal(readExample(t), &generic); err != nil {
		t.Fatal(err)
	}
	js, err := json.MarshalIndent(jsonable(generic), "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := NewValidator(Options{}).FromJSON(js, "deal.json")
	if err != nil {
		t.Fatalf("FromJSON: %v\n%s", err, js)
	}
	if diff := cmp.Diff(fromYAML, fromJSON); diff != "" {
		t.Errorf("JSON and YAML differ (-yaml +json):\n%s", diff)
	}
	// Unknown keys are errors in JSON too.
	bad := bytes.Replace(js, []byte(`"contact"`), []byte(`"contcat"`), 1)
	_, err = NewValidator(Options{}).FromJSON(bad, "deal.json")
	if got, want := fmt.Sprint(err), `customer.contcat: unknown field (did you mean "contact"?)`; got != want {
		t.Errorf("FromJSON(unknown key) = %s, want %s", got, want)
	}
}

// jsonable turns YAML's generic values into ones encoding/json accepts.
func jsonable(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = jsonable(x)
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = jsonable(x)
		}
		return v
	case time.Time:
		return v.Format(DateLayout)
	}
	return v
}

// TestParseManyProblems checks that a large file full of mistakes is
// rejected with a bounded list of problems (its speed is measured by the
// hostile corpus's memory test and benchmarks, never by a wall clock here).
func TestParseManyProblems(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < MaxSize-100; i++ {
		fmt.Fprintf(&b, "k%07d: x\n", i)
	}
	_, err := parse([]byte(b.String()), "deal.yaml")
	ps := problems(t, err)
	if len(ps) != maxProblems+1 {
		t.Fatalf("%d problems, want %d", len(ps), maxProblems+1)
	}
	last := ps[len(ps)-1]
	if last.Rule != "too_many" || !strings.HasSuffix(last.Message, "more problems not shown; fix these first") {
		t.Errorf("last problem = %+v", last)
	}
}

// TestRemovedField: a field that the deal format no longer has is refused
// with the reason and what to do, in YAML and JSON alike and whatever its
// value, not reported as a typo.
func TestRemovedField(t *testing.T) {
	for _, in := range []string{
		"uk_addendum:\n  enabled: true\n  combined_data: true\n",
		"uk_addendum: {enabled: true, combined_data: false}\n",
		`{"uk_addendum": {"enabled": true, "combined_data": true}}`,
	} {
		_, err := parse([]byte(in), "deal.yaml")
		ps := problems(t, err)
		if len(ps) != 1 || ps[0].Path != "uk_addendum.combined_data" || ps[0].Rule != "removed_field" {
			t.Fatalf("%q: problems = %+v, want one removed_field at uk_addendum.combined_data", in, ps)
		}
		for _, s := range []string{"was removed", "Module Four only", "never selects Module Four (rule dpa_module)", "delete this line"} {
			if !strings.Contains(ps[0].Message, s) {
				t.Errorf("%q: message %q lacks %q", in, ps[0].Message, s)
			}
		}
	}
	// Elsewhere the name is an ordinary unknown field.
	ps := problems(t, func() error { _, err := parse([]byte("ccpa: {combined_data: true}\n"), "deal.yaml"); return err }())
	if len(ps) != 1 || ps[0].Rule != "unknown_field" {
		t.Errorf("ccpa.combined_data: problems = %+v, want unknown_field", ps)
	}
}

// TestLoadTextForms: a file that ends with a document marker ("---", as
// some editors write it) is one document; a name typed or pasted in
// decomposed form ("Mu" + U+0308, as macOS may give it) is read in
// composed form, one "ü", which the PDF fonts draw in place (a new user
// saw the diaeresis printed over the next letter).
func TestLoadTextForms(t *testing.T) {
	src := strings.Replace(string(readExample(t)), "name: Müller Logistik GmbH", "name: \"Mu\u0308ller Logistik GmbH\"", 1)
	if src == string(readExample(t)) {
		t.Fatal("the example deal's customer name moved")
	}
	for _, tail := range []string{"", "---\n", "...\n---\n# nothing\n"} {
		d, err := Load([]byte(src+tail), "deal.yaml", nil, "")
		if err != nil {
			t.Fatalf("with %q at the end: %v", tail, err)
		}
		if d.Customer.Name != "Müller Logistik GmbH" || len(d.Customer.Name) != len("Müller Logistik GmbH") {
			t.Errorf("customer.name = %q (%d bytes), want the composed %q", d.Customer.Name, len(d.Customer.Name), "Müller Logistik GmbH")
		}
	}
}
