package assemble

import (
	"reflect"
	"strings"
	"testing"
	"text/template"

	"github.com/dpakit/dpakit/assemble/deal"
)

// TestFieldsDocumented checks what `dpakit clauses fields` prints: every
// field of the deal with a meaning, and a template path that really
// executes against the template data.
func TestFieldsDocumented(t *testing.T) {
	d := testDeal()
	d.Customer.DPO = &deal.Contact{Name: "Eva Brandt", Email: "dpo@example.com"}
	d.Provider.DPO = &deal.Contact{Name: "Sam Lee", Email: "dpo@kestrel.example"}
	d.Customer.Representative = &deal.Representative{Name: "EU Rep Ltd", Address: "1 Main Street, Dublin 2", Country: "IE", Email: "rep@eurep.example"}
	d.ControllerTransfer = &deal.Processing{Nature: "Storage"}
	fields := Fields(d)
	if len(fields) < 50 {
		t.Fatalf("only %d fields", len(fields))
	}
	v := newView(d, nil, &render{seen: map[string]bool{}})
	for _, f := range fields {
		if f.Meaning == "" {
			t.Errorf("%s (%s) has no meaning: document it in docs/deal-format.md and regenerate assemble/deal/fielddoc.go", f.Path, f.Template)
		}
		if strings.Contains(f.Template, "[]") {
			continue // inside {{range}}
		}
		if _, err := executeString("{{"+f.Template+"}}", v); err != nil {
			t.Errorf("%s: %v", f.Template, err)
		}
	}
	for _, f := range fields {
		if f.Path == "customer.dpo.email" && f.Within != ".Customer.DPO" {
			t.Errorf("customer.dpo.email: Within = %q, want .Customer.DPO", f.Within)
		}
		if f.Path == "customer.representative.country" && f.Within != ".Customer.Representative" {
			t.Errorf("customer.representative.country: Within = %q, want .Customer.Representative", f.Within)
		}
		if f.Path == "negotiated" || f.Path == "riders" {
			t.Errorf("%s is listed, but it is not template data", f.Path)
		}
	}
	want := Field{Template: ".Customer.Name", Path: "customer.name", Type: "text", Meaning: deal.FieldMeaning("customer.name"), Example: "Müller Logistik GmbH"}
	for _, f := range fields {
		if f.Path == want.Path && f != want {
			t.Errorf("customer.name: got %+v, want %+v", f, want)
		}
	}
}

// TestConditionsDocumented checks that every named condition and method of
// the template data is documented, so clause authors find them all.
func TestConditionsDocumented(t *testing.T) {
	documented := map[string]bool{}
	for _, c := range conditionDocs() {
		name, _, _ := strings.Cut(strings.TrimPrefix(c.Template, "."), " ")
		documented[name] = true
	}
	vt := reflect.TypeFor[*view]()
	for name := range documented {
		_, isMethod := vt.MethodByName(name)
		_, isField := vt.Elem().FieldByName(name)
		if !isMethod && !isField {
			t.Errorf("conditionDocs documents .%s, which the template data does not have", name)
		}
	}
	for i := range vt.NumMethod() {
		if m := vt.Method(i); !documented[m.Name] {
			t.Errorf("the template method .%s is not in conditionDocs", m.Name)
		}
	}
	dealFields := map[string]bool{}
	dt := reflect.TypeFor[deal.Deal]()
	for i := range dt.NumField() {
		dealFields[dt.Field(i).Name] = true
	}
	st := vt.Elem()
	for i := range st.NumField() {
		if f := st.Field(i); f.IsExported() && !dealFields[f.Name] && !documented[f.Name] {
			t.Errorf("the template field .%s is not in conditionDocs", f.Name)
		}
	}
}

// TestHelpers checks each helper's example runs and prints what it says.
func TestHelpers(t *testing.T) {
	got := map[string]string{}
	for _, h := range Helpers() {
		got[h.Name] = h.Result
		if strings.HasPrefix(h.Result, "error") || h.Result == "" {
			t.Errorf("%s: %s → %q", h.Name, h.Example, h.Result)
		}
	}
	for name, want := range map[string]string{"spell": "forty-eight (48)", "count": "thirty (30) days", "date": "1 December 2026", "country": "the Netherlands", "join": "names, e-mail addresses and IP addresses", "joinOr": "customers or employees", "joinInline": "Name, email address, IP address and Customer content", "lowerInitial": "hosting of the platform"} {
		if got[name] != want {
			t.Errorf("%s = %q, want %q", name, got[name], want)
		}
	}
	if fns := SprigFunctions(); len(fns) < 10 || !contains(fns, "upper") || contains(fns, "randInt") {
		t.Errorf("SprigFunctions = %v", fns)
	}
}

func executeString(src string, data any) (string, error) {
	tm, err := newTestTemplate(src)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = tm.Execute(&b, data)
	return b.String(), err
}

func newTestTemplate(src string) (*template.Template, error) {
	return template.New("t").Funcs(funcMap()).Option("missingkey=error").Parse(src)
}
