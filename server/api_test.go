package server

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/templates"
	"github.com/xuri/excelize/v2"
	"golang.org/x/crypto/bcrypt"

	// Paces the collector of this test binary (see package testgc).
	_ "github.com/dpakit/dpakit/fixtures/testgc"
)

// apiRoute is one state-changing API route and a valid body for it.
type apiRoute struct {
	path, contentType string
	body              []byte
	wantType          string
}

func apiRoutes(t *testing.T) []apiRoute {
	ex := exampleDeal(t)
	notice := []byte(`{"date": "2026-12-01", "old": [{"name": "Papertrail (SolarWinds Worldwide, LLC)", "purpose": "Storage and search of system logs", "location": "United States", "country": "US", "category": "service", "transfer_mechanism": "scc"}]}`)
	return []apiRoute{
		{"/api/v1/validate", "application/yaml", ex, "application/json; charset=utf-8"},
		{"/api/v1/documents/dpa", "application/yaml", ex, "application/pdf"},
		{"/api/v1/documents/annex-i?format=html", "application/yaml", ex, "text/html; charset=utf-8"},
		{"/api/v1/documents/dpa?format=docx", "application/yaml", ex, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"/api/v1/documents/annex-ii?format=md", "application/yaml", ex, "text/markdown; charset=utf-8"},
		{"/api/v1/documents/annex-iii?format=pdf&paper=letter", "application/yaml", ex, "application/pdf"},
		{"/api/v1/subprocessors.xlsx", "application/yaml", ex, xlsxType},
		{"/api/v1/notice", "application/json", notice, "application/pdf"},
		{"/api/v1/bundle.zip", "application/yaml", ex, "application/zip"},
	}
}

// TestAPIRoutes sends every state-changing route a valid, an invalid, an
// oversized, a wrongly typed and a cross-origin request.
func TestAPIRoutes(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.MaxBody = 64 << 10 })
	invalidDeal := bytes.Replace(exampleDeal(t), []byte("governing_law: NL"), []byte("governing_law: US"), 1)
	for _, r := range apiRoutes(t) {
		t.Run(strings.TrimPrefix(r.path, "/api/v1/"), func(t *testing.T) {
			res := do(t, s, http.MethodPost, r.path, r.contentType, r.body)
			body := readAll(t, res)
			if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != r.wantType {
				t.Fatalf("valid: %d %s, want 200 %s: %.300s", res.StatusCode, res.Header.Get("Content-Type"), r.wantType, body)
			}

			invalid := invalidDeal
			wantPath := "scc.governing_law"
			if strings.Contains(r.path, "notice") {
				invalid = []byte(`{"date": "2026-12-01", "old": [{"name": "X", "purpose": "p", "location": "l", "country": "Mars", "category": "service", "transfer_mechanism": "scc"}]}`)
				wantPath = "old[0].country"
			}
			res = do(t, s, http.MethodPost, r.path, r.contentType, invalid)
			var pb problemsBody
			if err := json.Unmarshal(readAll(t, res), &pb); err != nil || res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("invalid: %d, %v", res.StatusCode, err)
			}
			if len(pb.Problems) == 0 || pb.Problems[0].Path != wantPath || pb.Problems[0].Message == "" {
				t.Errorf("invalid: problems %+v, want one at %s", pb.Problems, wantPath)
			}

			big := append(bytes.Repeat([]byte("# padding\n"), 7<<10), r.body...)
			res = do(t, s, http.MethodPost, r.path, r.contentType, big)
			if msg := errorOf(t, res); res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(msg, "64 KiB") {
				t.Errorf("oversized: %d %q, want 413 naming the limit", res.StatusCode, msg)
			}

			res = do(t, s, http.MethodPost, r.path, "text/plain", r.body)
			if msg := errorOf(t, res); res.StatusCode != http.StatusUnsupportedMediaType || !strings.Contains(msg, "application/json") {
				t.Errorf("wrong content type: %d %q, want 415 saying what to send", res.StatusCode, msg)
			}

			res = do(t, s, http.MethodPost, r.path, r.contentType, r.body,
				"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
			if msg := errorOf(t, res); res.StatusCode != http.StatusForbidden || !strings.Contains(msg, "cross-origin") {
				t.Errorf("cross-origin: %d %q, want 403", res.StatusCode, msg)
			}
		})
	}
}

// errorOf returns the message of a JSON error response.
func errorOf(t *testing.T, res *http.Response) string {
	t.Helper()
	var eb errorBody
	b := readAll(t, res)
	if err := json.Unmarshal(b, &eb); err != nil {
		t.Errorf("error body is not JSON: %.200s", b)
	}
	return eb.Error
}

func TestFormRoutesRefuseWrongContentType(t *testing.T) {
	s := newTestServer(t)
	for _, path := range []string{"/", "/upload", "/edit", "/download/dpa.pdf"} {
		res := do(t, s, http.MethodPost, path, "application/yaml", exampleDeal(t), "Sec-Fetch-Site", "same-origin")
		if b := readAll(t, res); res.StatusCode != http.StatusUnsupportedMediaType || !bytes.Contains(b, []byte("/api/v1")) {
			t.Errorf("POST %s with YAML: %d, want 415 pointing to the API", path, res.StatusCode)
		}
	}
}

func TestFormRoutesRefuseCrossOriginAndOversized(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.MaxBody = 16 << 10 })
	for _, path := range []string{"/", "/upload", "/edit", "/download/dpa.pdf"} {
		res := do(t, s, http.MethodPost, path, "application/x-www-form-urlencoded", []byte("action=preview"),
			"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s cross-site: %d, want 403", path, res.StatusCode)
		}
		res = do(t, s, http.MethodPost, path, "application/x-www-form-urlencoded", bytes.Repeat([]byte("a=b&"), 5<<10),
			"Sec-Fetch-Site", "same-origin")
		if b := readAll(t, res); res.StatusCode != http.StatusRequestEntityTooLarge || !bytes.Contains(b, []byte("16 KiB")) {
			t.Errorf("POST %s oversized: %d, want 413 naming the limit", path, res.StatusCode)
		}
	}
}

func TestAPIValidateJSONAndWarnings(t *testing.T) {
	s := newTestServer(t)
	res := do(t, s, http.MethodPost, "/api/v1/validate", "application/json", []byte(`{"customer": {"name": "Acme"}, "breach": {"notice_hours": 96}}`))
	var pb problemsBody
	if err := json.Unmarshal(readAll(t, res), &pb); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 422 || pb.Valid || pb.Warnings == nil {
		t.Fatalf("status %d valid %v warnings %v", res.StatusCode, pb.Valid, pb.Warnings)
	}
	var hours *apiProblem
	for i, p := range pb.Problems {
		if p.Path == "breach.notice_hours" {
			hours = &pb.Problems[i]
		}
	}
	if hours == nil || hours.Line != 1 || !strings.Contains(hours.Message, "at most 72") {
		t.Errorf("breach problem %+v, want line 1 and the CLI's message", hours)
	}
	// The clause library's problems are located as the loader's are.
	rider := append(exampleDeal(t), []byte("riders: [{after: annex-iii, title: X, text: Y}]\n")...)
	res = do(t, s, http.MethodPost, "/api/v1/validate", "application/yaml", rider)
	pb = problemsBody{}
	if err := json.Unmarshal(readAll(t, res), &pb); err != nil {
		t.Fatal(err)
	}
	if want := bytes.Count(rider, []byte("\n")); res.StatusCode != 422 || len(pb.Problems) != 1 || pb.Problems[0].Path != "riders[0].after" || pb.Problems[0].Line != want ||
		!strings.Contains(pb.Problems[0].Message, "is not one of the DPA's numbered clauses") {
		t.Errorf("rider after Annex III: %d %+v, want 422 at line %d", res.StatusCode, pb.Problems, want)
	}
	res = do(t, s, http.MethodPost, "/api/v1/validate", "application/json", []byte(`{"customer": `))
	if err := json.Unmarshal(readAll(t, res), &pb); err != nil || res.StatusCode != 422 || !strings.Contains(pb.Problems[0].Message, "not valid JSON") {
		t.Errorf("broken JSON: %d %+v", res.StatusCode, pb.Problems)
	}
}

func TestAPIOutputsAreThatDeal(t *testing.T) {
	s := newTestServer(t)
	ex := exampleDeal(t)
	res := do(t, s, http.MethodPost, "/api/v1/documents/dpa", "application/yaml", bytes.Replace(ex, []byte("notice_hours: 48"), []byte("notice_hours: 24"), 1))
	text := pdfText(t, readAll(t, res))
	for _, want := range []string{"Müller Logistik GmbH", "twenty-four (24) hours", "Page 1 of"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}

	res = do(t, s, http.MethodPost, "/api/v1/subprocessors.xlsx", "application/yaml", ex)
	f, err := excelize.OpenReader(bytes.NewReader(readAll(t, res)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetList()[1])
	if err != nil || len(rows) < 3 || rows[1][0] != "Amazon Web Services EMEA SARL" && rows[2][0] != "Amazon Web Services EMEA SARL" {
		t.Errorf("workbook list sheet rows %v (%v)", rows, err)
	}

	res = do(t, s, http.MethodPost, "/api/v1/bundle.zip", "application/yaml", ex)
	b := readAll(t, res)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var m bundleManifest
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Name == "manifest.json" {
			rc, _ := f.Open()
			json.NewDecoder(rc).Decode(&m)
			rc.Close()
		}
	}
	want := []string{"DPA - Müller Logistik GmbH - 2026-12-01.pdf", "Annex I - Müller Logistik GmbH - 2026-12-01.pdf",
		"Annex II - Müller Logistik GmbH - 2026-12-01.pdf", "Annex III - Müller Logistik GmbH - 2026-12-01.pdf",
		"DPA - Müller Logistik GmbH - 2026-12-01.docx", "DPA - Müller Logistik GmbH - 2026-12-01.html",
		"Sub-processors - Müller Logistik GmbH - 2026-12-01.xlsx", "Deal - Müller Logistik GmbH - 2026-12-01.yaml", "manifest.json"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("bundle holds %q, want %q", names, want)
	}
	if len(m.Files) != 8 || m.DealHash == "" || len(m.Clauses) == 0 || m.Files[0].SHA256 == "" {
		t.Errorf("manifest %+v", m)
	}
	again := readAll(t, do(t, s, http.MethodPost, "/api/v1/bundle.zip", "application/yaml", ex))
	if !bytes.Equal(b, again) {
		t.Error("the same deal gave two different bundles")
	}

	res = do(t, s, http.MethodPost, "/api/v1/notice?format=md", "application/json", apiRoutes(t)[7].body)
	if md := string(readAll(t, res)); !strings.Contains(md, "Amazon Web Services EMEA SARL") || res.Header.Get("X-Objection-Deadline") != "2026-12-16" {
		t.Errorf("notice: deadline %q, text:\n%.400s", res.Header.Get("X-Objection-Deadline"), md)
	}
}

func TestAPIErrors(t *testing.T) {
	s := newTestServer(t)
	ex := exampleDeal(t)
	tests := []struct {
		name, method, path string
		body               []byte
		status             int
		want               string
	}{
		{"unknown document", "POST", "/api/v1/documents/annex-iv", ex, 404, `unknown document \"annex-iv\" (want dpa, annex-i, annex-ii, annex-iii)`},
		{"unknown format", "POST", "/api/v1/documents/dpa?format=odt", ex, 400, `unknown format \"odt\"`},
		{"unknown paper", "POST", "/api/v1/documents/dpa?paper=a3", ex, 400, `unknown paper \"a3\"`},
		{"unknown manifest", "POST", "/api/v1/documents/dpa?manifest=secret", ex, 400, `unknown manifest \"secret\" (want full, versions or none)`},
		{"annex iii without clause 9", "POST", "/api/v1/documents/annex-iii", noClause9(t), 422, "not_applicable"},
		// A query parameter the route does not take, or that does not
		// apply to the format, is refused, as the CLI refuses such flags.
		{"mistyped parameter", "POST", "/api/v1/documents/dpa?fromat=docx", ex, 400, `unknown query parameter \"fromat\" (this route takes format, paper, esign and manifest); did you mean \"format\"?`},
		{"esign for HTML", "POST", "/api/v1/documents/dpa?format=html&esign=docusign", ex, 400, "esign places anchor text in a PDF's signature blocks; format=html has none (leave esign out)"},
		{"manifest for Word", "POST", "/api/v1/documents/dpa?format=docx&manifest=none", ex, 400, "format=docx carries none (leave manifest out)"},
		{"paper for Markdown", "POST", "/api/v1/documents/dpa?format=md&paper=letter", ex, 400, "paper sets the page size of a PDF or Word file; format=md has no pages (leave paper out)"},
		{"parameter twice", "POST", "/api/v1/documents/dpa?format=pdf&format=docx", ex, 400, `query parameter \"format\" is given 2 times`},
		{"a parameter for the workbook", "POST", "/api/v1/subprocessors.xlsx?format=csv", ex, 400, `unknown query parameter \"format\": this route takes none`},
		{"esign for a notice", "POST", "/api/v1/notice?esign=docusign", []byte(`{"date": "2026-12-01", "old": []}`), 400, `unknown query parameter \"esign\" (this route takes format, paper and manifest)`},
		{"format for the bundle", "POST", "/api/v1/bundle.zip?format=docx", ex, 400, `unknown query parameter \"format\" (this route takes paper, esign and manifest)`},
		{"GET on a POST route", "GET", "/api/v1/validate", nil, 405, "not allowed"},
		{"no such path", "GET", "/api/v2/nothing", nil, 404, "no page"},
		{"notice without old", "POST", "/api/v1/notice", []byte(`{"date": "2026-12-01"}`), 422, "the list before the change is required"},
		{"notice with a bad date", "POST", "/api/v1/notice", []byte(`{"date": "1 Dec", "old": []}`), 422, "is not a date"},
		{"notice with a file name", "POST", "/api/v1/notice", []byte(`{"date": "2026-12-01", "old": "fixtures/lists/planned.yaml"}`), 422, "the API does not read files, so send the list itself in the body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := "application/yaml"
			if strings.HasPrefix(string(tt.body), "{") {
				ct = "application/json"
			}
			res := do(t, s, tt.method, tt.path, ct, tt.body)
			b := string(readAll(t, res))
			if res.StatusCode != tt.status || !strings.Contains(b, tt.want) {
				t.Errorf("%d %s, want %d containing %q", res.StatusCode, b, tt.status, tt.want)
			}
		})
	}
}

func TestAPIReadOnlyRoutes(t *testing.T) {
	s := newTestServer(t)
	for _, path := range []string{"/api/v1/clauses", "/api/v1/measures", "/healthz", "/readyz"} {
		res := do(t, s, http.MethodGet, path, "", nil)
		var v map[string]any
		if err := json.Unmarshal(readAll(t, res), &v); err != nil || res.StatusCode != 200 {
			t.Errorf("GET %s: %d %v", path, res.StatusCode, err)
		}
	}
	s.SetDraining()
	if res := do(t, s, http.MethodGet, "/readyz", "", nil); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz while draining: %d, want 503", res.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := newTestServer(t)
	res := do(t, s, http.MethodGet, "/", "", nil)
	h := res.Header
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'", "default-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %s", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP allows inline script or eval: %s", csp)
	}
	for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY", "Cache-Control": "no-store"} {
		if h.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, h.Get(k), v)
		}
	}
}

func TestBusyServerAnswers503(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.MaxRenders, c.MaxQueue, c.QueueWait = 1, 1, 50*time.Millisecond })
	release, err := s.limiter.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// One request waits in the queue and times out; with the queue full,
	// the next is refused at once.
	var wg sync.WaitGroup
	wg.Add(1)
	var queued *http.Response
	go func() {
		defer wg.Done()
		queued = do(t, s, http.MethodPost, "/api/v1/documents/dpa", "application/yaml", exampleDeal(t))
	}()
	time.Sleep(10 * time.Millisecond)
	res := do(t, s, http.MethodPost, "/api/v1/documents/dpa", "application/yaml", exampleDeal(t))
	wg.Wait()
	for _, r := range []*http.Response{res, queued} {
		if r.StatusCode != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" {
			t.Errorf("status %d Retry-After %q, want 503 with Retry-After", r.StatusCode, r.Header.Get("Retry-After"))
		}
	}
	release()
	if res := do(t, s, http.MethodPost, "/api/v1/documents/dpa", "application/yaml", exampleDeal(t)); res.StatusCode != 200 {
		t.Errorf("after release: %d", res.StatusCode)
	}
}

func TestAuth(t *testing.T) {
	hash, err := bcrypt.GenerateFromPassword([]byte("correct horse"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	token := "tok-0123456789abcdefghijklmnop"
	a, err := ParseAuth([]byte("# users\nlegal:"+string(hash)+"\n"+token+"\n"), "auth.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, func(c *Config) { c.Auth = a })
	tests := []struct {
		name    string
		headers []string
		status  int
	}{
		{"no credentials", nil, 401},
		{"wrong token", []string{"Authorization", "Bearer tok-wrong-wrong-wrong-wrong-wrong"}, 401},
		{"token", []string{"Authorization", "Bearer " + token}, 200},
		{"wrong password", []string{"Authorization", basic("legal", "wrong")}, 401},
		{"unknown user", []string{"Authorization", basic("nobody", "correct horse")}, 401},
		{"user", []string{"Authorization", basic("legal", "correct horse")}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, path := range []string{"/", "/api/v1/clauses", "/static/form.css"} {
				res := do(t, s, http.MethodGet, path, "", nil, tt.headers...)
				if res.StatusCode != tt.status {
					t.Errorf("GET %s: %d, want %d", path, res.StatusCode, tt.status)
				}
				if tt.status == 401 && !strings.Contains(res.Header.Get("WWW-Authenticate"), "Basic") {
					t.Errorf("GET %s: no basic-auth challenge", path)
				}
			}
		})
	}
	if res := do(t, s, http.MethodGet, "/healthz", "", nil); res.StatusCode != 200 {
		t.Errorf("healthz needs no credentials: %d", res.StatusCode)
	}
	for _, bad := range []string{"short-token\n", "legal:$2a$10$broken\n", "# nothing\n",
		"legal:" + string(hash) + "   # a comment after the hash would be taken as part of it\n",
		token + " # nor after a token\n"} {
		if _, err := ParseAuth([]byte(bad), "auth.txt"); err == nil {
			t.Errorf("ParseAuth(%q) accepted it", bad)
		}
	}
}

// TestParseAuthRefusals checks that each bad line of an auth file is
// refused with a message naming its line and what it was taken for; a
// USER:PASSWORD line, however long, is never taken for a token (whoever
// sent the whole line would get in).
func TestParseAuthRefusals(t *testing.T) {
	hash, err := bcrypt.GenerateFromPassword([]byte("pw"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, file, want string }{
		{"short token", "short-token\n", "auth.txt:1: an API token must be at least 24 characters long"},
		{"password in clear", "legal:a-long-password-written-in-clear\n", `auth.txt:1: the password hash of the user "legal" is not a bcrypt hash`},
		{"short password in clear", "# people\nlegal:secret\n", `auth.txt:2: the password hash of the user "legal" is not a bcrypt hash`},
		{"broken bcrypt hash", "legal:$2a$10$broken\n", `auth.txt:1: the password hash of "legal" is not a bcrypt hash`},
		{"no user", ":" + string(hash) + "\n", "auth.txt:1: a user name is missing before the colon"},
		{"user twice", "legal:" + string(hash) + "\nlegal:" + string(hash) + "\n", `auth.txt:2: the user "legal" is given twice`},
		{"nothing", "# nothing\n", "auth.txt: no tokens or users in the file"},
		{"comment after a token", "abcdefghijklmnopqrstuvwxyz0123 # note\n", "auth.txt:1: a credential has no spaces in it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseAuth([]byte(tc.file), "auth.txt")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ParseAuth(%q) = %v, want an error with %q", tc.file, err, tc.want)
			}
		})
	}
}

// TestAuthDummyCost checks that an unknown user's password is compared
// with a hash as slow as the slowest user's, so the time of a refusal does
// not tell whether the user exists.
func TestAuthDummyCost(t *testing.T) {
	var lines []string
	for i, cost := range []int{bcrypt.MinCost, bcrypt.MinCost + 2, bcrypt.MinCost + 1} {
		hash, err := bcrypt.GenerateFromPassword([]byte("pw"), cost)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("user%d:%s", i, hash))
	}
	a, err := ParseAuth([]byte(strings.Join(lines, "\n")), "auth.txt")
	if err != nil {
		t.Fatal(err)
	}
	if cost, err := bcrypt.Cost(a.dummy); err != nil || cost != bcrypt.MinCost+2 {
		t.Errorf("the unknown users' hash has cost %d (%v), want %d, the users' highest", cost, err, bcrypt.MinCost+2)
	}
}

func basic(user, pass string) string {
	r, _ := http.NewRequest("GET", "/", nil)
	r.SetBasicAuth(user, pass)
	return r.Header.Get("Authorization")
}

// TestInternalErrorsShowNothing renders with a library whose template
// fails at run time: the client sees "internal error" and a request id,
// never the template's name, path or Go's message.
func TestInternalErrorsShowNothing(t *testing.T) {
	tm := fstest.MapFS{}
	for _, name := range []string{"dpa.tmpl", "annex-i.tmpl", "annex-ii.tmpl", "annex-iii.tmpl", "notice.tmpl"} {
		b, err := templates.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		tm[name] = &fstest.MapFile{Data: b}
	}
	tm["annex-i.tmpl"].Data = append(tm["annex-i.tmpl"].Data, []byte("\n{{index .SCC.Modules 9}}\n")...)
	eng, err := assemble.LoadEngine(clauses.FS, tm)
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, func(c *Config) { c.Engine = eng })
	res := do(t, s, http.MethodPost, "/api/v1/documents/annex-i", "application/yaml", exampleDeal(t))
	msg := errorOf(t, res)
	if res.StatusCode != 500 || !strings.HasPrefix(msg, "internal error (request ") {
		t.Fatalf("%d %q, want 500 internal error", res.StatusCode, msg)
	}
	for _, leak := range []string{"tmpl", "index", "range", "/", "goroutine"} {
		if strings.Contains(strings.TrimPrefix(msg, "internal error (request "), leak) {
			t.Errorf("the error shows %q: %s", leak, msg)
		}
	}
}

// TestGracefulShutdown cancels the server's context while a request is in
// flight: the request completes, then Serve returns.
func TestGracefulShutdown(t *testing.T) {
	s := newTestServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	url := "http://" + ln.Addr().String()
	resc := make(chan *http.Response, 1)
	go func() {
		res, err := http.Post(url+"/api/v1/bundle.zip", "application/yaml", bytes.NewReader(exampleDeal(t)))
		if err != nil {
			t.Error(err)
		}
		resc <- res
	}()
	// Wait until the request holds a render slot: it is in flight.
	for deadline := time.Now().Add(10 * time.Second); len(s.limiter.slots) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the request never started")
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	res := <-resc
	if res == nil || res.StatusCode != 200 {
		t.Fatalf("the request in flight did not finish: %v", res)
	}
	if b := readAll(t, res); len(b) < 1000 {
		t.Errorf("the bundle is %d bytes", len(b))
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Error("the server still answers after shutdown")
	}
}

func TestContentDisposition(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"DPA - Acme Ltd - 2026-12-01.pdf", `attachment; filename="DPA - Acme Ltd - 2026-12-01.pdf"`},
		{"DPA - Müller Logistik GmbH - 2026-12-01.pdf", `attachment; filename="DPA - Muller Logistik GmbH - 2026-12-01.pdf"; filename*=UTF-8''DPA%20-%20M%C3%BCller%20Logistik%20GmbH%20-%202026-12-01.pdf`},
		{"Sub-processor notice - Łódź Logistyka Sp. z o.o. - 2026-12-01.pdf", `attachment; filename="Sub-processor notice - Lodz Logistyka Sp. z o.o. - 2026-12-01.pdf"; filename*=UTF-8''Sub-processor%20notice%20-%20%C5%81%C3%B3d%C5%BA%20Logistyka%20Sp.%20z%20o.o.%20-%202026-12-01.pdf`},
		{"DPA - Øresund Æble ApS – Þór - 2026-12-01.pdf", `attachment; filename="DPA - Oresund AEble ApS - Thor - 2026-12-01.pdf"; filename*=UTF-8''DPA%20-%20%C3%98resund%20%C3%86ble%20ApS%20%E2%80%93%20%C3%9E%C3%B3r%20-%202026-12-01.pdf`},
		{`Deal - "Q" 100% - x.yaml`, `attachment; filename="Deal - _Q_ 100_ - x.yaml"; filename*=UTF-8''Deal%20-%20%22Q%22%20100%25%20-%20x.yaml`},
	} {
		h := http.Header{}
		attachment(h, tt.name)
		if got := h.Get("Content-Disposition"); got != tt.want {
			t.Errorf("attachment(%q) = %s, want %s", tt.name, got, tt.want)
		}
	}
	if got := safeFileName("a/b\\c:d\x00e"); got != "a_b_c_d_e" {
		t.Errorf("safeFileName = %q", got)
	}
}

// noClause9 returns a US-only deal under the CCPA: no SCCs, so no Clause 9
// and no Annex III.
func noClause9(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/us-only.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// BenchmarkAPIDocumentPDF measures POST /api/v1/documents/dpa end to end
// in process: decoding, validation, assembly and the PDF.
func BenchmarkAPIDocumentPDF(b *testing.B) {
	s := newTestServer(b)
	body := exampleDeal(b)
	for b.Loop() {
		res := do(b, s, http.MethodPost, "/api/v1/documents/dpa", "application/yaml", body)
		if res.StatusCode != 200 {
			b.Fatalf("status %d", res.StatusCode)
		}
	}
}

// BenchmarkFormPreview measures a form submission that shows the preview.
func BenchmarkFormPreview(b *testing.B) {
	s := newTestServer(b)
	d, err := s.valid.Load(exampleDeal(b), "example.yaml", s.cfg.Profile, s.cfg.ProfileName)
	if err != nil {
		b.Fatal(err)
	}
	vals := formValues(d).Encode()
	for b.Loop() {
		res := do(b, s, http.MethodPost, "/", "application/x-www-form-urlencoded", []byte(vals), "Sec-Fetch-Site", "same-origin")
		if res.StatusCode != 200 {
			b.Fatalf("status %d", res.StatusCode)
		}
	}
}

// BenchmarkFormRefresh measures the form laid out again for its laws (the
// "refresh" action the script sends when a law changes): the example deal
// made US-only, nothing checked.
func BenchmarkFormRefresh(b *testing.B) {
	s := newTestServer(b)
	d, err := s.valid.Load(exampleDeal(b), "example.yaml", s.cfg.Profile, s.cfg.ProfileName)
	if err != nil {
		b.Fatal(err)
	}
	form := formValues(d)
	form.Set("gdpr.applies", "false")
	form.Set("action", "refresh")
	vals := form.Encode()
	for b.Loop() {
		res := do(b, s, http.MethodPost, "/", "application/x-www-form-urlencoded", []byte(vals), "Sec-Fetch-Site", "same-origin")
		if res.StatusCode != 200 {
			b.Fatalf("status %d", res.StatusCode)
		}
	}
}

// BenchmarkAPIBundle measures POST /api/v1/bundle.zip.
func BenchmarkAPIBundle(b *testing.B) {
	s := newTestServer(b)
	body := exampleDeal(b)
	for b.Loop() {
		if res := do(b, s, http.MethodPost, "/api/v1/bundle.zip", "application/yaml", body); res.StatusCode != 200 {
			b.Fatalf("status %d", res.StatusCode)
		}
	}
}

// TestPDFManifestRecordsDeviations checks that a PDF from the API records,
// in its attached manifest, how the deal departs from the profile.
func TestPDFManifestRecordsDeviations(t *testing.T) {
	detach, err := exec.LookPath("pdfdetach")
	if err != nil {
		if os.Getenv("DPAKIT_REQUIRE_TOOLS") != "" {
			t.Fatal("pdfdetach not found")
		}
		t.Skip("pdfdetach not found")
	}
	s := newTestServer(t)
	ex := bytes.Replace(exampleDeal(t), []byte("notice_hours: 48"), []byte("notice_hours: 24"), 1)
	pdfData := readAll(t, do(t, s, http.MethodPost, "/api/v1/documents/dpa", "application/yaml", ex))
	dir := t.TempDir()
	p := filepath.Join(dir, "dpa.pdf")
	if err := os.WriteFile(p, pdfData, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(detach, "-saveall", "-o", dir, p).CombinedOutput(); err != nil {
		t.Fatalf("pdfdetach: %v %s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Deviations []string }
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(m.Deviations, "breach notice 24 hours (standard 48)") {
		t.Errorf("manifest deviations = %q", m.Deviations)
	}
}

// TestAPIManifestOption checks that ?manifest=none leaves the manifest out
// of the PDF and that the default attaches it.
func TestAPIManifestOption(t *testing.T) {
	s := newTestServer(t)
	for query, want := range map[string]bool{"": true, "?manifest=full": true, "?manifest=versions": true, "?manifest=none": false} {
		res := do(t, s, http.MethodPost, "/api/v1/documents/dpa"+query, "application/yaml", exampleDeal(t))
		body := readAll(t, res)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", query, res.StatusCode, body)
		}
		if got := bytes.Contains(body, []byte("/Filespec")); got != want { // the attachment's file specification
			t.Errorf("%s: manifest.json attached = %t, want %t", query, got, want)
		}
	}
}

// TestAPIWarnsOfUnapprovedFallback checks that the API tells its caller,
// among a valid deal's warnings, that a fallback the deal negotiates has
// changed since Legal approved it, as the CLI does.
func TestAPIWarnsOfUnapprovedFallback(t *testing.T) {
	s := newTestServer(t)
	body, err := os.ReadFile("../fixtures/deals/negotiated.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res := do(t, s, http.MethodPost, "/api/v1/validate", "application/yaml", body)
	var pb problemsBody
	if err := json.Unmarshal(readAll(t, res), &pb); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || !pb.Valid {
		t.Fatalf("status %d valid %v problems %v", res.StatusCode, pb.Valid, pb.Problems)
	}
	found := false
	for _, w := range pb.Warnings {
		if w.Path == "negotiated.subprocessors" && w.Rule == "fallback_unapproved" && strings.Contains(w.Message, "needs approving again") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning that late-objection changed since its approval: %+v", pb.Warnings)
	}
}

// TestAPIDocumentWarningsHeader: a document made for a deal with warnings
// says so in X-Dpakit-Warnings (the count, each warning's rule and path,
// and where to read them in full), as the CLI prints them beside its
// output; a deal without warnings gets no such header.
func TestAPIDocumentWarningsHeader(t *testing.T) {
	s := newTestServer(t)
	// The built-in fallbacks changed since their approval: a deal that
	// negotiates one is warned (fallback_unapproved); the forum kept from
	// the profile beside a changed governing law is warned of too.
	negotiated := append(exampleDeal(t), []byte("negotiated: {breach: phone-notice}\n")...)
	tests := []struct {
		name, target string
		body         []byte
		want         []string // in the header; nil: no header
	}{
		{"no warnings", "/api/v1/documents/dpa?format=md", exampleDeal(t), nil},
		{"a negotiated fallback", "/api/v1/documents/dpa?format=md", negotiated,
			[]string{"fallback_unapproved at negotiated.breach", "POST /api/v1/validate lists them"}},
		{"the workbook", "/api/v1/subprocessors.xlsx", negotiated, []string{"fallback_unapproved at negotiated.breach"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, s, http.MethodPost, tt.target, "application/yaml", tt.body)
			readAll(t, res)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			got := res.Header.Get(warningsHeader)
			if tt.want == nil {
				if got != "" {
					t.Errorf("%s: %q, want none", warningsHeader, got)
				}
				return
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s: %q lacks %q", warningsHeader, got, w)
				}
			}
			// The count agrees with the validate endpoint's list.
			res = do(t, s, http.MethodPost, "/api/v1/validate", "application/yaml", tt.body)
			var pb problemsBody
			if err := json.Unmarshal(readAll(t, res), &pb); err != nil {
				t.Fatal(err)
			}
			if want := fmt.Sprintf("%d; ", len(pb.Warnings)); !strings.HasPrefix(got, want) {
				t.Errorf("%s: %q, want it to start %q (validate lists %d warnings)", warningsHeader, got, want, len(pb.Warnings))
			}
		})
	}
}

func TestWarningsSummary(t *testing.T) {
	many := make([]deal.Problem, 12)
	for i := range many {
		many[i] = deal.Problem{Rule: "r", Path: fmt.Sprintf("p%d", i)}
	}
	tests := []struct {
		name string
		ws   []deal.Problem
		want string
	}{
		{"one", []deal.Problem{{Rule: "retention_deadline", Path: "processing.retention", Message: "states its own…"}},
			"1; retention_deadline at processing.retention; POST /api/v1/validate lists them"},
		{"no path", []deal.Problem{{Rule: "x"}}, "1; x; POST /api/v1/validate lists them"},
		{"not ASCII", []deal.Problem{{Rule: "r", Path: "subprocessors.list[Müller]"}}, "1; r at subprocessors.list[M?ller]; POST /api/v1/validate lists them"},
		{"more than ten", many, "12; r at p0, r at p1, r at p2, r at p3, r at p4, r at p5, r at p6, r at p7, r at p8, r at p9, 2 more; POST /api/v1/validate lists them"},
	}
	for _, tt := range tests {
		if got := warningsSummary(tt.ws); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestAPIFormatNameAnyCase: a format named in capitals is the format, as
// a user typing PDF means.
func TestAPIFormatNameAnyCase(t *testing.T) {
	s := newTestServer(t)
	res := do(t, s, http.MethodPost, "/api/v1/documents/annex-ii?format=HTML", "application/yaml", exampleDeal(t))
	body := readAll(t, res)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !bytes.Contains(body, []byte("<html")) {
		t.Errorf("format=HTML: %d %s, want the HTML annex", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

// TestNoticeProblemsInTheBody is the regression test for the problems of a
// notice request's lists and customer deal, which named the part's own
// paths and lines ("list[0].country" at line 1 of "new.yaml"): each is
// named by its path and line in the request body, as the caller sent it.
func TestNoticeProblemsInTheBody(t *testing.T) {
	s := newTestServer(t)
	for _, tc := range []struct {
		name, contentType, body string
		wantPath                string
		wantLine                int
	}{
		{"a list in JSON", "application/json", "{\n  \"date\": \"2026-12-01\",\n  \"old\": [],\n  \"new\": [\n    {\n      \"name\": \"X\",\n      \"purpose\": \"p\",\n      \"location\": \"l\",\n      \"country\": \"Germany\",\n      \"category\": \"service\",\n      \"transfer_mechanism\": \"none\"\n    }\n  ]\n}\n",
			"new[0].country", 9},
		{"a list file in YAML", "application/yaml", "date: 2026-12-01\nold: []\nnew:\n  list:\n    - name: X\n      purpose: p\n      location: l\n      country: Germany\n      category: service\n      transfer_mechanism: none\n",
			"new.list[0].country", 8},
		{"a customer deal in YAML", "application/yaml", "date: 2026-12-01\nold: []\ncustomer:\n  breach:\n    notice_hours: 96\n",
			"customer.breach.notice_hours", 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := do(t, s, http.MethodPost, "/api/v1/notice", tc.contentType, []byte(tc.body))
			var pb problemsBody
			if err := json.Unmarshal(readAll(t, res), &pb); err != nil || res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d, %v", res.StatusCode, err)
			}
			for _, p := range pb.Problems {
				if p.Path == tc.wantPath {
					if p.Line != tc.wantLine || p.File != "" {
						t.Errorf("%s at line %d of %q, want line %d of the request", p.Path, p.Line, p.File, tc.wantLine)
					}
					return
				}
			}
			t.Errorf("problems %+v, want one at %s", pb.Problems, tc.wantPath)
		})
	}
}

// TestFormDataProblemsHaveNoLines: the problems of a deal sent as form data
// name their fields by path, without the lines of the deal built from the
// fields, which the caller never sent.
func TestFormDataProblemsHaveNoLines(t *testing.T) {
	s := newTestServer(t)
	res := do(t, s, http.MethodPost, "/api/v1/validate", "application/x-www-form-urlencoded", []byte("customer.name=Acme&breach.notice_hours=96"))
	var pb problemsBody
	if err := json.Unmarshal(readAll(t, res), &pb); err != nil || res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("%d, %v", res.StatusCode, err)
	}
	found := false
	for _, p := range append(pb.Problems, pb.Warnings...) {
		if p.Line != 0 {
			t.Errorf("%s at line %d of a form body", p.Path, p.Line)
		}
		found = found || p.Path == "breach.notice_hours"
	}
	if !found {
		t.Errorf("problems %+v lack breach.notice_hours", pb.Problems)
	}
}

// TestJSONSyntaxErrorPosition: a body that is not valid JSON is reported
// at the line and column of the offending character, as a deal file's
// problems are.
func TestJSONSyntaxErrorPosition(t *testing.T) {
	s := newTestServer(t)
	for _, tc := range []struct {
		body     string
		line     int
		position string
	}{
		{"{\n  \"customer\": {\n    \"name\": 'Acme'\n  }\n}\n", 3, "(line 3, column 13)"},
		{"{\n  \"customer\": {\"name\": \"Acme\"}\n", 2, "unexpected end of JSON input (line 2, column 31)"},
	} {
		res := do(t, s, http.MethodPost, "/api/v1/validate", "application/json", []byte(tc.body))
		var pb problemsBody
		if err := json.Unmarshal(readAll(t, res), &pb); err != nil || res.StatusCode != http.StatusUnprocessableEntity || len(pb.Problems) != 1 {
			t.Fatalf("%d, %v, %+v", res.StatusCode, err, pb.Problems)
		}
		if p := pb.Problems[0]; p.Line != tc.line || !strings.Contains(p.Message, tc.position) {
			t.Errorf("%q: line %d, %q; want line %d and %q", tc.body, p.Line, p.Message, tc.line, tc.position)
		}
	}
}

// TestNoticeProblemsTogether: a notice request whose customer deal and new
// list are both invalid gets the problems of both in one answer, each at
// its place in the body.
func TestNoticeProblemsTogether(t *testing.T) {
	s := newTestServer(t)
	body := "date: 2026-12-01\nold: []\nnew:\n  - name: X\n    purpose: p\n    location: l\n    country: Germany\n    category: service\n    transfer_mechanism: none\ncustomer:\n  breach:\n    notice_hours: 96\n"
	res := do(t, s, http.MethodPost, "/api/v1/notice", "application/yaml", []byte(body))
	var pb problemsBody
	if err := json.Unmarshal(readAll(t, res), &pb); err != nil || res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("%d, %v", res.StatusCode, err)
	}
	lines := map[string]int{}
	for _, p := range pb.Problems {
		lines[p.Path] = p.Line
	}
	if lines["new[0].country"] != 7 || lines["customer.breach.notice_hours"] != 12 {
		t.Errorf("problems %+v, want new[0].country at line 7 and customer.breach.notice_hours at line 12", pb.Problems)
	}
}

// TestAPIWordFileDatedAsPDF: the server records its date (SOURCE_DATE_EPOCH,
// Config.PDFDate) in its Word files as in its PDFs, as dpakit render
// --date does in both: the API's DOCX carried the deal's effective date
// while its PDF carried the server's, so the same deal and date gave other
// bytes through the API than through the CLI.
func TestAPIWordFileDatedAsPDF(t *testing.T) {
	s := newTestServer(t)
	res := do(t, s, http.MethodPost, "/api/v1/documents/dpa?format=docx", "application/yaml", exampleDeal(t))
	body := readAll(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %.300s", res.StatusCode, body)
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("docProps/core.xml")
	if err != nil {
		t.Fatal(err)
	}
	core, _ := io.ReadAll(f)
	want := `<dcterms:created xsi:type="dcterms:W3CDTF">` + s.cfg.PDFDate.UTC().Format(time.RFC3339) + `</dcterms:created>`
	if !bytes.Contains(core, []byte(want)) {
		t.Errorf("core.xml lacks %s:\n%s", want, core)
	}
}
