package server

import (
	"bytes"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/pdf"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/fixtures"
	"github.com/dpakit/dpakit/templates"
	"golang.org/x/net/html"
)

// builtInEngine loads the built-in library once for the servers of all
// the tests: an Engine is safe for concurrent use (a server shares one
// among its requests), and a test that needs another library loads its
// own.
var builtInEngine = sync.OnceValues(func() (*assemble.Engine, error) {
	return assemble.LoadEngine(clauses.FS, templates.FS)
})

// testConfig is the configuration of the servers under test: the built-in
// library, the example profile and deal, a fixed date for new forms.
func testConfig(t testing.TB) Config {
	t.Helper()
	eng, err := builtInEngine()
	if err != nil {
		t.Fatal(err)
	}
	profile, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	example, err := fs.ReadFile(fixtures.FS, fixtures.ExampleDeal)
	if err != nil {
		t.Fatal(err)
	}
	return Config{
		Engine: eng, Validator: deal.NewValidator(deal.Options{Printable: pdf.Covers}),
		Profile: profile, ProfileName: "profile.yaml", ExampleProfile: true, ExampleDeal: example,
		ToolVersion: "test",
		Today:       func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) },
		PDFDate:     time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC),
	}
}

func newTestServer(t testing.TB, change ...func(*Config)) *Server {
	t.Helper()
	cfg := testConfig(t)
	for _, f := range change {
		f(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// exampleDeal returns the example deal file.
func exampleDeal(t testing.TB) []byte {
	t.Helper()
	b, err := fs.ReadFile(fixtures.FS, fixtures.ExampleDeal)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// do sends a request to the server's handler and returns the response.
func do(t testing.TB, s *Server, method, target, contentType string, body []byte, headers ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec.Result()
}

func readAll(t testing.TB, r *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// postForm submits form values as a browser does.
func postForm(t testing.TB, s *Server, target string, vals url.Values) *http.Response {
	t.Helper()
	return do(t, s, http.MethodPost, target, "application/x-www-form-urlencoded", []byte(vals.Encode()),
		"Sec-Fetch-Site", "same-origin", "Origin", "http://example.com")
}

// needTool skips the test when a command-line tool is missing, unless
// DPAKIT_REQUIRE_TOOLS is set (as in CI), where it fails.
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("DPAKIT_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s is required (DPAKIT_REQUIRE_TOOLS is set) but not installed", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// pdfText extracts the text of a PDF with pdftotext.
func pdfText(t testing.TB, data []byte) string {
	t.Helper()
	needTool(t, "pdftotext")
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// submission returns what a browser submits for the form with the given
// id in page: every named input, checked box, selected option and text
// area, as the HTML says (content of <template> elements is not part of a
// form). Buttons are not included.
func submission(t testing.TB, page []byte, formID string) url.Values {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *html.Node, key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	var form *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "form" {
			if id, _ := attr(n, "id"); id == formID {
				form = n
			}
		}
		for c := n.FirstChild; c != nil && form == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if form == nil {
		t.Fatalf("no form #%s in the page", formID)
	}
	vals := url.Values{}
	var text func(n *html.Node) string
	text = func(n *html.Node) string {
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			} else {
				b.WriteString(text(c))
			}
		}
		return b.String()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			name, named := attr(n, "name")
			switch n.Data {
			case "template":
				return
			case "input":
				typ, _ := attr(n, "type")
				v, _ := attr(n, "value")
				_, checked := attr(n, "checked")
				switch typ {
				case "checkbox", "radio":
					if checked && named {
						if v == "" {
							v = "on"
						}
						vals.Add(name, v)
					}
				case "submit", "button", "file", "image", "reset":
				default:
					if named {
						vals.Add(name, v)
					}
				}
			case "textarea":
				if named {
					vals.Add(name, text(n))
				}
			case "select":
				if named {
					var first, chosen *html.Node
					var opts func(n *html.Node)
					opts = func(n *html.Node) {
						for c := n.FirstChild; c != nil; c = c.NextSibling {
							if c.Type == html.ElementNode && c.Data == "option" {
								if first == nil {
									first = c
								}
								if _, sel := attr(c, "selected"); sel {
									chosen = c
								}
							}
							opts(c)
						}
					}
					opts(n)
					if chosen == nil {
						chosen = first
					}
					if chosen != nil {
						v, ok := attr(chosen, "value")
						if !ok {
							v = text(chosen)
						}
						vals.Add(name, v)
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(form)
	return vals
}

// multipartWriter returns a multipart writer over buf.
func multipartWriter(buf *bytes.Buffer) *multipart.Writer { return multipart.NewWriter(buf) }
