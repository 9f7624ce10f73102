package server

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"go.yaml.in/yaml/v3"
)

// assets holds the page templates, the stylesheet and script, and the
// OpenAPI document. Nothing is fetched from elsewhere.
//
//go:embed assets
var assets embed.FS

// loadAssets parses the page templates and works out the content security
// policy.
func (s *Server) loadAssets() error {
	t, err := template.New("").Funcs(pageFuncs()).Option("missingkey=error").ParseFS(assets, "assets/*.html")
	if err != nil {
		return fmt.Errorf("server: page templates: %w", err)
	}
	s.pages = t
	if s.static, err = fs.Sub(assets, "assets/static"); err != nil {
		return fmt.Errorf("server: static files: %w", err)
	}
	s.formPaths = formPaths()
	s.formNames = newFormNames(s.formPaths)
	src, err := fs.ReadFile(assets, "assets/form.html")
	if err != nil {
		return fmt.Errorf("server: form template: %w", err)
	}
	s.fields = formFields(string(src))
	s.words = newFormWords(s.fields, s.labelFor)
	s.countries = countryOptions()
	// No inline script or style at all: the preview's document is set in
	// the page and styled by the static stylesheet.
	s.csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
	return nil
}

// isStatic reports whether path is a static asset, which browsers may
// cache.
func isStatic(path string) bool { return strings.HasPrefix(path, "/static/") }

// routes registers every route, in one place.
func (s *Server) routes() error {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	if err := r.SetTrustedProxies(s.cfg.TrustedProxies); err != nil {
		return fmt.Errorf("server: trusted proxies: %w", err)
	}
	r.NoRoute(func(c *gin.Context) {
		writeError(c.Writer, c.Request, http.StatusNotFound, "there is no page at "+routeOf(c.Request))
	})
	r.NoMethod(func(c *gin.Context) {
		writeError(c.Writer, c.Request, http.StatusMethodNotAllowed, c.Request.Method+" is not allowed here")
	})

	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)

	app := r.Group("", s.authenticate, strictQuery)
	app.StaticFS("/static", http.FS(s.static))
	app.GET("/", s.getForm)
	app.POST("/", formBody, s.postForm)
	app.POST("/check", formBody, s.postCheck)
	app.POST("/upload", formBody, s.upload)
	app.POST("/edit", formBody, s.postEdit)
	app.POST("/preview", formBody, s.render, s.postPreview)
	app.POST("/download/:file", formBody, s.render, s.postDownload)
	app.GET("/api/openapi.yaml", s.openAPI)

	v1 := app.Group("/api/v1")
	v1.POST("/validate", s.apiValidate)
	v1.POST("/documents/:doc", s.render, s.apiDocument)
	v1.POST("/subprocessors.xlsx", s.render, s.apiWorkbook)
	v1.POST("/notice", s.render, s.apiNotice)
	v1.POST("/bundle.zip", s.render, s.apiBundle)
	v1.GET("/clauses", s.apiClauses)
	v1.GET("/measures", s.apiMeasures)

	s.router = r
	s.handler = s.wrap(r)
	return nil
}

// authenticate is gin middleware requiring credentials when the server
// has an Auth.
func (s *Server) authenticate(c *gin.Context) {
	if s.cfg.Auth == nil {
		c.Next()
		return
	}
	passed := false
	s.cfg.Auth.middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { passed = true })).ServeHTTP(c.Writer, c.Request)
	if !passed {
		c.Abort()
		return
	}
	c.Next()
}

// formBody is gin middleware for the form's own routes: they read HTML
// form data only (a deal as JSON or YAML goes to the API), so any other
// body is refused with 415 rather than read as an empty form.
func formBody(c *gin.Context) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || (mt != "application/x-www-form-urlencoded" && mt != "multipart/form-data") {
		writeError(c.Writer, c.Request, http.StatusUnsupportedMediaType,
			"this page takes HTML form data; send a deal as JSON or YAML to the API under /api/v1 instead")
		c.Abort()
		return
	}
	c.Next()
}

// healthz answers GET /healthz: the process is up.
func (s *Server) healthz(c *gin.Context) {
	writeJSON(c.Writer, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers GET /readyz: the server takes requests (503 while it
// shuts down).
func (s *Server) readyz(c *gin.Context) {
	if s.draining.Load() {
		writeJSON(c.Writer, http.StatusServiceUnavailable, map[string]string{"status": "shutting down"})
		return
	}
	writeJSON(c.Writer, http.StatusOK, map[string]string{"status": "ready", "library": s.engine.Library().Version})
}

// openAPI answers GET /api/openapi.yaml.
func (s *Server) openAPI(c *gin.Context) {
	data, err := assets.ReadFile("assets/openapi.yaml")
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", data)
}

// encodeNode writes a YAML node as a file.
func encodeNode(n *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("# Draft deal written by dpakit serve: not valid yet; upload it to the form to see what to fix.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, fmt.Errorf("write draft deal: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("write draft deal: %w", err)
	}
	return buf.Bytes(), nil
}

// Shutdown timeouts and server timeouts.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	drainTimeout      = 30 * time.Second
)
