// Package server is dpakit's web door: the form app in which legal staff
// generate DPAs without a terminal, and the JSON API other systems (a CRM,
// a contract lifecycle tool, a deal desk) call for the same things the CLI
// does. One Engine, library and font set serve every request.
package server

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/gin-gonic/gin"
)

// Config is what a Server is built from.
type Config struct {
	// Engine assembles documents; it is shared by every request.
	Engine *assemble.Engine
	// Validator checks deals. It should be built with the PDF fonts'
	// Printable check, so a deal valid for HTML is valid for PDF.
	Validator *deal.Validator
	// Profile is the vendor profile every deal of the API is laid over and
	// the form starts from; ProfileName names it in messages.
	Profile     []byte
	ProfileName string
	// ExampleProfile says the profile is the embedded example, which the
	// form says in a banner; ExampleDeal, if set, is a deal the form can be
	// filled with in one click.
	ExampleProfile bool
	ExampleDeal    []byte
	// MaxBody caps every request body, in bytes (default 1 MiB).
	MaxBody int64
	// MaxRenders is how many documents render at once (0: the number of
	// CPUs, at least 2; New refuses a negative number, naming
	// --max-renders, the flag that sets it); MaxQueue how many more requests wait
	// for a slot (default 8 per slot) before the server answers 503.
	MaxRenders, MaxQueue int
	// QueueWait is the longest a request waits for a render slot before it
	// gets 503 (default 10 s).
	QueueWait time.Duration
	// Auth, when set, is required for every page and API call except the
	// health checks.
	Auth *Auth
	// TrustedProxies are the proxies whose X-Forwarded-For the server
	// believes; none by default.
	TrustedProxies []string
	// Logger receives one line per request and every internal error.
	Logger *slog.Logger
	// ToolVersion is dpakit's version, recorded in PDFs and bundles.
	ToolVersion string
	// Today returns the date the form proposes as the effective date of a
	// new deal (default: the current UTC date).
	Today func() time.Time
	// PDFDate is recorded as every PDF's and Word file's creation and
	// modification date, as dpakit render --date records it; zero means the
	// time of each render for a PDF (see pdf.Options.Date) and the deal's
	// effective date for a Word file (see docx.Options.Date).
	PDFDate time.Time
}

// Server serves the form app and the API. Build it with New.
type Server struct {
	cfg     Config
	engine  *assemble.Engine
	valid   *deal.Validator
	profile *deal.Deal // the profile with defaults: the standard terms
	start   *deal.Deal // what a new form shows: the profile
	limiter *limiter
	pages   *template.Template
	static  fs.FS
	csp     string
	// formPaths are the form's input names (deal paths without row
	// numbers); countries the options of country selects.
	formPaths map[string]bool
	// formNames are the names form data may give, and which may repeat.
	formNames formNames
	// fields are what the form template says of its inputs (label,
	// widget, choices), by deal path without row numbers (see formFields).
	fields map[string]formField
	// words rewords problem messages for the form (see formWords).
	words     formWords
	countries []option
	log       *slog.Logger
	draining  atomic.Bool
	router    *gin.Engine
	handler   http.Handler
}

// New checks cfg, loads the profile and the page templates, and returns a
// Server ready to serve. It fails when the profile cannot be decoded.
func New(cfg Config) (*Server, error) {
	if cfg.Engine == nil || cfg.Validator == nil {
		return nil, errors.New("server: an engine and a validator are required")
	}
	if err := checkMaxRenders(cfg.MaxRenders); err != nil {
		return nil, err
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 1 << 20
	}
	if cfg.MaxRenders == 0 {
		cfg.MaxRenders = max(2, runtime.GOMAXPROCS(0))
	}
	if cfg.MaxQueue <= 0 {
		cfg.MaxQueue = 8 * cfg.MaxRenders
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = 10 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Today == nil {
		cfg.Today = time.Now
	}
	if cfg.ProfileName == "" {
		cfg.ProfileName = "profile.yaml"
	}
	s := &Server{cfg: cfg, engine: cfg.Engine, valid: cfg.Validator, log: cfg.Logger,
		limiter: newLimiter(cfg.MaxRenders, cfg.MaxQueue, cfg.QueueWait)}
	if err := s.loadProfile(); err != nil {
		return nil, err
	}
	if err := s.loadAssets(); err != nil {
		return nil, err
	}
	if err := s.routes(); err != nil {
		return nil, err
	}
	return s, nil
}

// checkMaxRenders refuses a negative number of renders at once, as
// --max-renders gives it: 0 is the default (the number of CPUs), and a
// server with no render slot would answer every document request 503.
func checkMaxRenders(n int) error {
	if n >= 0 {
		return nil
	}
	return fmt.Errorf("--max-renders: must be at least 1 (the documents rendered at once), not %d; leave it out to render as many at once as there are CPUs (at least 2)", n)
}

// loadProfile decodes the profile strictly; its problems are reported
// as the error, since a server cannot start on a broken profile.
func (s *Server) loadProfile() error {
	if s.cfg.Profile == nil {
		s.profile = new(deal.Deal)
		deal.Defaults(s.profile)
	} else {
		// A profile is not a deal of its own (it has no customer), so only
		// problems of decoding stop the server; Load returns the decoded,
		// defaulted profile with the problems of the missing parts.
		d, err := s.valid.Load(s.cfg.Profile, s.cfg.ProfileName, nil, "")
		if d == nil {
			return fmt.Errorf("profile %s: %w", s.cfg.ProfileName, err)
		}
		s.profile = d
	}
	s.start = s.profile
	return nil
}

// Handler returns the server's HTTP handler: the router behind request
// logging, panic recovery, security headers, the body limit and
// cross-origin protection.
func (s *Server) Handler() http.Handler { return s.handler }

// SetDraining marks the server as shutting down: /readyz answers 503 so a
// load balancer sends no new requests while those in flight finish.
func (s *Server) SetDraining() { s.draining.Store(true) }
