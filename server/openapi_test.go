package server

import (
	"encoding/json"
	"mime"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dpakit/dpakit/assemble/deal"
	"go.yaml.in/yaml/v3"
)

// spec is the OpenAPI document, decoded loosely.
type spec map[string]any

func loadSpec(t *testing.T, s *Server) spec {
	t.Helper()
	res := do(t, s, http.MethodGet, "/api/openapi.yaml", "", nil)
	if res.StatusCode != 200 {
		t.Fatalf("GET /api/openapi.yaml: %d", res.StatusCode)
	}
	var m map[string]any
	if err := yaml.Unmarshal(readAll(t, res), &m); err != nil {
		t.Fatal(err)
	}
	sp := spec(m)
	if sp["openapi"] != "3.1.0" {
		t.Errorf("openapi: %v, want 3.1.0", sp["openapi"])
	}
	return sp
}

// get walks keys (and resolves a $ref at the end).
func (sp spec) get(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return sp.resolve(v)
}

func (sp spec) resolve(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	ref, ok := m["$ref"].(string)
	if !ok {
		return v
	}
	var cur any = map[string]any(sp)
	for _, k := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		cur = cur.(map[string]any)[k]
	}
	return sp.resolve(cur)
}

var ginParam = regexp.MustCompile(`:([a-z]+)`)

// TestOpenAPIMatchesRoutes checks the document lists exactly the API's
// routes.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	s := newTestServer(t)
	sp := loadSpec(t, s)
	documented := map[string]bool{}
	for path, item := range sp["paths"].(map[string]any) {
		for method := range item.(map[string]any) {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	served := map[string]bool{}
	for _, r := range s.router.Routes() {
		if strings.HasPrefix(r.Path, "/api/") || r.Path == "/healthz" || r.Path == "/readyz" {
			served[r.Method+" "+ginParam.ReplaceAllString(r.Path, "{$1}")] = true
		}
	}
	for op := range served {
		if !documented[op] {
			t.Errorf("%s is served but not in openapi.yaml", op)
		}
	}
	for op := range documented {
		if !served[op] {
			t.Errorf("%s is in openapi.yaml but not served", op)
		}
	}
}

// TestOpenAPIDescribesResponses sends the API real requests (valid ones,
// and each kind of failure) and checks that every response's status,
// media type and JSON body are what the document says.
func TestOpenAPIDescribesResponses(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.MaxBody = 64 << 10 })
	sp := loadSpec(t, s)
	type call struct {
		method, target, ct string
		body               []byte
		headers            []string
	}
	var calls []call
	for _, r := range apiRoutes(t) {
		calls = append(calls,
			call{"POST", r.path, r.contentType, r.body, nil},
			call{"POST", r.path, r.contentType, []byte("{}"), nil},
			call{"POST", r.path, "text/plain", r.body, nil},
			call{"POST", r.path, r.contentType, append(make([]byte, 65<<10), r.body...), nil},
			call{"POST", r.path, r.contentType, r.body, []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}},
		)
	}
	calls = append(calls,
		call{"POST", "/api/v1/documents/annex-iv", "application/yaml", exampleDeal(t), nil},
		call{"POST", "/api/v1/documents/dpa?format=odt", "application/yaml", exampleDeal(t), nil},
		call{"POST", "/api/v1/documents/annex-iii", "application/yaml", noClause9(t), nil},
		call{"GET", "/api/v1/clauses", "", nil, nil},
		call{"GET", "/api/v1/measures", "", nil, nil},
		call{"GET", "/api/openapi.yaml", "", nil, nil},
		call{"GET", "/healthz", "", nil, nil},
		call{"GET", "/readyz", "", nil, nil},
	)
	busy := newTestServer(t, func(c *Config) { c.MaxRenders, c.MaxQueue, c.QueueWait = 1, 1, time.Millisecond })
	release, _ := busy.limiter.acquire(t.Context())
	defer release()
	busy.limiter.queue <- struct{}{}
	defer func() { <-busy.limiter.queue }()

	check := func(s *Server, c call) {
		res := do(t, s, c.method, c.target, c.ct, c.body, c.headers...)
		body := readAll(t, res)
		path, _, _ := strings.Cut(c.target, "?")
		tmpl := path
		if strings.HasPrefix(path, "/api/v1/documents/") {
			tmpl = "/api/v1/documents/{doc}"
		}
		op := sp.get(sp["paths"], tmpl, strings.ToLower(c.method))
		if op == nil {
			t.Errorf("%s %s: no operation in openapi.yaml", c.method, tmpl)
			return
		}
		resp := sp.get(op, "responses", strconv.Itoa(res.StatusCode))
		if resp == nil {
			t.Errorf("%s %s answered %d, which openapi.yaml does not list", c.method, c.target, res.StatusCode)
			return
		}
		mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
		content := sp.get(resp, "content")
		schema := sp.get(content, mt, "schema")
		if sp.get(content, mt) == nil {
			t.Errorf("%s %s %d: media type %s is not documented", c.method, c.target, res.StatusCode, mt)
			return
		}
		if res.StatusCode == http.StatusServiceUnavailable && sp.get(resp, "headers", "Retry-After") == nil {
			t.Errorf("%s: 503 without a documented Retry-After", c.target)
		}
		if mt != "application/json" {
			return
		}
		var obj map[string]any
		if err := json.Unmarshal(body, &obj); err != nil {
			t.Errorf("%s %s: body is not a JSON object: %v", c.method, c.target, err)
			return
		}
		props, _ := sp.get(schema, "properties").(map[string]any)
		for _, req := range sp.get(schema, "required").([]any) {
			if _, ok := obj[req.(string)]; !ok {
				t.Errorf("%s %s %d: required %q missing from %s", c.method, c.target, res.StatusCode, req, body)
			}
		}
		for k := range obj {
			if _, ok := props[k]; !ok {
				t.Errorf("%s %s %d: %q is not in the documented schema", c.method, c.target, res.StatusCode, k)
			}
		}
		if probs, ok := obj["problems"].([]any); ok {
			pprops := sp.get(sp["components"], "schemas", "Problem", "properties").(map[string]any)
			for _, p := range probs {
				for k := range p.(map[string]any) {
					if _, ok := pprops[k]; !ok {
						t.Errorf("%s: problem key %q is not documented", c.target, k)
					}
				}
			}
		}
	}
	for _, c := range calls {
		check(s, c)
	}
	check(busy, call{"POST", "/api/v1/documents/dpa", "application/yaml", exampleDeal(t), nil})
	statuses := []string{}
	for _, r := range apiRoutes(t) {
		statuses = append(statuses, r.path)
	}
	if !slices.Contains(statuses, "/api/v1/notice") {
		t.Error("the notice route is not exercised")
	}
}

// TestOpenAPITransferMechanisms: the document's sub-processor accepts every
// transfer mechanism code of the deal vocabulary, Binding Corporate Rules
// (bcr) among them, and no other.
func TestOpenAPITransferMechanisms(t *testing.T) {
	s := newTestServer(t)
	sp := loadSpec(t, s)
	var got []string
	for _, v := range sp.get(map[string]any(sp), "components", "schemas", "Subprocessor", "properties", "transfer_mechanism", "enum").([]any) {
		got = append(got, v.(string))
	}
	if want := deal.Codes(deal.TransferMechanisms()); !slices.Equal(got, want) {
		t.Errorf("Subprocessor.transfer_mechanism enum %v, want the vocabulary's %v", got, want)
	}
}

// TestAPIMeasuresByLaw: GET /api/v1/measures gives a measure worded per law
// (the record of processing activities) its by_law wordings beside its
// law-neutral text, as the catalogue has them, and every key of every
// measure, down to by_law's, is one the OpenAPI document describes.
func TestAPIMeasuresByLaw(t *testing.T) {
	s := newTestServer(t)
	sp := loadSpec(t, s)
	item := sp.get(map[string]any(sp), "components", "schemas", "Catalogue", "properties", "categories", "items", "properties", "measures", "items")
	props, _ := sp.get(item, "properties").(map[string]any)
	byLawProps, _ := sp.get(props, "by_law", "properties").(map[string]any)
	res := do(t, s, http.MethodGet, "/api/v1/measures", "", nil)
	var got struct {
		Categories []struct {
			Measures []map[string]any `json:"measures"`
		} `json:"categories"`
	}
	if err := json.Unmarshal(readAll(t, res), &got); err != nil {
		t.Fatal(err)
	}
	listed := map[string]map[string]any{}
	for _, c := range got.Categories {
		for _, m := range c.Measures {
			listed[m["id"].(string)] = m
			for k := range m {
				if _, ok := props[k]; !ok {
					t.Errorf("measure %v: key %q is not in the documented schema", m["id"], k)
				}
			}
			bl, _ := m["by_law"].(map[string]any)
			for k := range bl {
				if _, ok := byLawProps[k]; !ok {
					t.Errorf("measure %v: by_law key %q is not documented", m["id"], k)
				}
			}
		}
	}
	withByLaw := 0
	for _, c := range s.engine.Library().Catalog().Categories {
		for _, m := range c.Measures {
			want := map[string]any{}
			for k, v := range m.ByLaw {
				want[k] = v
			}
			gotByLaw, _ := listed[m.ID]["by_law"].(map[string]any)
			if len(want) == 0 {
				want = nil
			} else {
				withByLaw++
			}
			if gotByLaw == nil && want == nil {
				continue
			}
			if !reflect.DeepEqual(gotByLaw, want) {
				t.Errorf("measure %s: by_law %v, want the catalogue's %v", m.ID, gotByLaw, want)
			}
		}
	}
	if acc := listed["acc-records"]; acc == nil || acc["by_law"] == nil || withByLaw == 0 {
		t.Errorf("acc-records has no by_law in the listing: %v", acc)
	}
}

// TestOpenAPICustomer: the document's customer lists every key of the deal
// file's customer, and its representative in the Union (Article 27 GDPR)
// every key of the deal's, with the required ones required.
func TestOpenAPICustomer(t *testing.T) {
	s := newTestServer(t)
	sp := loadSpec(t, s)
	for _, tc := range []struct {
		schema string
		typ    reflect.Type
	}{
		{"Customer", reflect.TypeFor[deal.Customer]()},
		{"Representative", reflect.TypeFor[deal.Representative]()},
		{"Contact", reflect.TypeFor[deal.Contact]()},
	} {
		props, _ := sp.get(map[string]any(sp), "components", "schemas", tc.schema, "properties").(map[string]any)
		var required []string
		if r, ok := sp.get(map[string]any(sp), "components", "schemas", tc.schema, "required").([]any); ok {
			for _, x := range r {
				required = append(required, x.(string))
			}
		}
		var wantRequired []string
		for i := range tc.typ.NumField() {
			f := tc.typ.Field(i)
			key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if _, ok := props[key]; !ok {
				t.Errorf("%s lacks the deal key %q", tc.schema, key)
			}
			if strings.HasPrefix(f.Tag.Get("validate"), "required") {
				wantRequired = append(wantRequired, key)
			}
		}
		if tc.schema != "Customer" && !slices.Equal(required, wantRequired) {
			t.Errorf("%s requires %v, want %v", tc.schema, required, wantRequired)
		}
	}
	customer := sp.get(map[string]any(sp), "components", "schemas", "Deal", "properties", "customer")
	if rep := sp.get(customer, "properties", "representative"); sp.get(rep, "required") == nil {
		t.Error("the Deal's customer does not list the representative")
	}
}
