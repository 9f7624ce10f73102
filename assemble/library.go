// Package assemble builds a format-neutral Document from a deal, the clause
// library and a document template.
//
// A Library is parsed once (every clause, template and the Annex II measure
// catalogue, with missingkey=error) and is then safe for concurrent use: any
// number of goroutines may call Assemble at the same time.
package assemble

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"go.yaml.in/yaml/v3"
)

// ErrLibrary marks a clause library or template that cannot be loaded or
// used; it is a fault of the library, not of the deal.
var ErrLibrary = errors.New("clause library error")

// Clause is one clause of the library: its front matter and its compiled
// body.
type Clause struct {
	ID      string   `yaml:"id"`
	Title   string   `yaml:"title"`
	Version string   `yaml:"version"`
	When    string   `yaml:"when"`
	Covers  []string `yaml:"covers"`
	// File is the clause's file name within the library.
	File string `yaml:"-"`
	// Source is the clause body (Markdown with template actions).
	Source string `yaml:"-"`
	// Fallback is the name of the approved fallback this text is, or ""
	// for the standard clause.
	Fallback string `yaml:"-"`

	// rider marks the stand-in for a deal's rider (File is then its path
	// in the deal, "riders[0]").
	rider bool

	body *template.Template
	when *template.Template
}

// Fallback is an approved alternative wording of a library clause: a whole
// clause text that a deal selects instead of the standard one with
// negotiated: {clause: name}. It lives in clauses/fallbacks/CLAUSE.NAME.md.
type Fallback struct {
	// Clause is the alternative text. Its ID is the standard clause's, so
	// cross-references to the clause resolve whichever text a deal uses,
	// and its condition (when) is the standard clause's.
	*Clause
	// Name identifies the fallback among the clause's alternatives.
	Name string
	// Changes says in a sentence what the fallback changes against the
	// standard text, for reviewers and the deviation report.
	Changes string
	// ApprovedBy names who approved the position; Approved is when
	// (YYYY-MM-DD).
	ApprovedBy string
	Approved   string
	// BasedOn is the version of the standard clause that the fallback was
	// written or last reviewed against. When the standard clause moves on,
	// the fallback may lag behind it (a period that became a deal value, a
	// UK branch added to a sentence both share); dpakit lint reports every
	// fallback whose BasedOn is not the standard clause's version until its
	// author has carried the changes over and updated it.
	BasedOn string
	// ApprovedVersion is the version of the fallback's text that the
	// approval covers ("" when the front matter does not say, and then the
	// approval is taken to cover the text as it is). A fallback whose text
	// has moved on since (an edit that carried the standard clause's
	// changes over, or a new wording) still prints, but lint notes it and
	// every deal that negotiates it is warned, until Legal approves the
	// text again and approved_version is set to its version.
	ApprovedVersion string
}

// Unapproved reports whether the fallback's text is not the one its
// approval covers: its version is past approved_version.
func (f *Fallback) Unapproved() bool {
	return f.ApprovedVersion != "" && f.ApprovedVersion != f.Version
}

// UnapprovedMessage says, for a reviewer, that the fallback's text has
// changed since its approval; "" when it has not.
func (f *Fallback) UnapprovedMessage() string {
	if !f.Unapproved() {
		return ""
	}
	return fmt.Sprintf("the fallback %q of the clause %q is at version %s, but its approval (%s, %s) covers version %s: its text has changed since and needs approving again",
		f.Name, f.ID, f.Version, f.ApprovedBy, f.Approved, f.ApprovedVersion)
}

// ApprovalText says in a phrase which version of the fallback's text is
// current and whether Legal's approval covers it, for listings: "version
// 1.11.0, approved by Head of Legal on 2026-11-20" when it does, and
// "version 1.11.0, not approved: the approval by Head of Legal on
// 2026-11-20 covers version 1.0.0" when the text has changed since (see
// Unapproved). Without approved_version the approval covers the text as
// it is.
func (f *Fallback) ApprovalText() string {
	if f.Unapproved() {
		return fmt.Sprintf("version %s, not approved: the approval by %s on %s covers version %s", f.Version, f.ApprovedBy, f.Approved, f.ApprovedVersion)
	}
	return fmt.Sprintf("version %s, approved by %s on %s", f.Version, f.ApprovedBy, f.Approved)
}

// fallbackFront is the front matter of a fallback file.
type fallbackFront struct {
	Clause     string   `yaml:"clause"`
	Name       string   `yaml:"name"`
	Title      string   `yaml:"title"`
	Version    string   `yaml:"version"`
	Covers     []string `yaml:"covers"`
	Changes    string   `yaml:"changes"`
	ApprovedBy string   `yaml:"approved_by"`
	Approved   string   `yaml:"approved"`
	BasedOn    string   `yaml:"based_on"`
	// ApprovedVersion is the version the approval covers (optional).
	ApprovedVersion string `yaml:"approved_version"`
}

// FallbackDir is the folder of a clause library that holds the fallbacks.
const FallbackDir = "fallbacks"

// LockFile is the name of a clause library's lock file: one line per clause,
// fallback and the measure catalogue with its version and the hash of its
// text, written by dpakit lint --update-lock, so that lint can tell when a
// text changed and its version did not.
const LockFile = "versions.lock"

// FileHash is the version and text hash of one file of the library, as the
// lock file records it: Name is "breach", "fallbacks/breach.phone-notice"
// or "measures.yaml".
type FileHash struct {
	Name, Version, Hash string
	// Earlier is the hash as dpakit before 3 December 2026 computed it,
	// with a fallback's based_on line: a lock written then still matches
	// the text it recorded until --update-lock rewrites it.
	Earlier string
}

// Template is a document template: the order of a document's sections and
// the clauses it pulls in.
type Template struct {
	Name       string `yaml:"-"`
	Title      string `yaml:"title"`
	ShortTitle string `yaml:"short_title"`
	Version    string `yaml:"version"`
	// When is the condition under which the document applies to a deal
	// (Annex III needs Clause 9); Unless says why it does not.
	When   string `yaml:"when"`
	Unless string `yaml:"unless"`
	File   string `yaml:"-"`

	tmpl *template.Template
	when *template.Template
}

// MeasureCategory is one heading of the Annex II catalogue.
type MeasureCategory struct {
	ID       string           `yaml:"id"`
	Title    string           `yaml:"title"`
	Measures []CatalogMeasure `yaml:"measures"`
}

// CatalogMeasure is one technical or organisational measure of the Annex II
// catalogue.
type CatalogMeasure struct {
	ID string `yaml:"id"`
	// Text is the measure's wording. For a measure with ByLaw it is the
	// wording that cites no law: for a deal under none of the GDPR, UK Data
	// Protection Laws and the FADP (a US-only deal) and for listings of the
	// catalogue.
	Text string `yaml:"text"`
	// ByLaw holds the wording of a measure that cites the law requiring it,
	// for each set of laws a deal can be under (lawKeys): the GDPR, the
	// FADP or both, each with or without UK Data Protection Laws (the UK
	// Addendum). A measure gives all of them or none; TextFor picks one.
	ByLaw map[string]string `yaml:"by_law"`
}

// The keys of CatalogMeasure.ByLaw: the laws that govern a deal's
// processing (deal.TransferLaws, as the templates' .GDPRApplies,
// .UKAddendum.Enabled and .FADPApplies say), named in the order GDPR, UK,
// FADP and joined by "+".
const (
	LawGDPR       = "gdpr"
	LawFADP       = "fadp"
	LawGDPRFADP   = "gdpr+fadp"
	LawGDPRUK     = "gdpr+uk"
	LawUK         = "uk"
	LawUKFADP     = "uk+fadp"
	LawGDPRUKFADP = "gdpr+uk+fadp"
)

// lawKeys returns the keys a measure's by_law gives, in the order messages
// and listings name them: every set of laws a valid deal can be under. UK
// Data Protection Laws apply alone to a UK exporter that the EU GDPR does
// not reach (deal.UKOnly); every other deal with the UK Addendum is under
// the GDPR, the FADP or both as well (deal.TransferLaws).
func lawKeys() []string {
	return []string{LawGDPR, LawFADP, LawGDPRFADP, LawUK, LawGDPRUK, LawUKFADP, LawGDPRUKFADP}
}

// lawKey returns the by_law key for the laws l: "gdpr+uk" for the GDPR and
// UK Data Protection Laws; "" for none of them.
func lawKey(l deal.Laws) string {
	var parts []string
	for _, p := range []struct {
		on  bool
		key string
	}{{l.GDPR, "gdpr"}, {l.UK, "uk"}, {l.FADP, "fadp"}} {
		if p.on {
			parts = append(parts, p.key)
		}
	}
	return strings.Join(parts, "+")
}

// TextFor returns the measure's wording for a deal under the laws l: its
// ByLaw text for those laws, else Text (a deal under none of them, or a
// measure whose one text serves every deal).
func (m CatalogMeasure) TextFor(l deal.Laws) string {
	if t, ok := m.ByLaw[lawKey(l)]; ok {
		return t
	}
	return m.Text
}

// LawWording is one of a measure's wordings per law (CatalogMeasure.ByLaw).
type LawWording struct {
	// Key is the by_law key: one of lawKeys.
	Key string
	// Laws names the laws for a reader: "GDPR", "GDPR and UK GDPR", "GDPR,
	// UK GDPR and FADP".
	Laws string
	// Text is the measure's wording for a deal under those laws.
	Text string
}

// lawNames names the laws of a by_law key for listings of the catalogue:
// "gdpr+uk+fadp" gives "GDPR, UK GDPR and FADP".
func lawNames(key string) string {
	names := map[string]string{"gdpr": "GDPR", "uk": "UK GDPR", "fadp": "FADP"}
	parts := strings.Split(key, "+")
	for i, p := range parts {
		if n, ok := names[p]; ok {
			parts[i] = n
		}
	}
	if len(parts) < 2 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// Variants returns the measure's wordings per law in the order of lawKeys
// (GDPR; FADP; GDPR and FADP; then each with UK GDPR); none for a measure
// whose one text serves every deal.
func (m CatalogMeasure) Variants() []LawWording {
	var out []LawWording
	for _, k := range lawKeys() {
		if t, ok := m.ByLaw[k]; ok {
			out = append(out, LawWording{Key: k, Laws: lawNames(k), Text: t})
		}
	}
	return out
}

// Catalog is the Annex II catalogue of security measures.
type Catalog struct {
	Version    string            `yaml:"version"`
	Categories []MeasureCategory `yaml:"categories"`
}

// Library is a parsed clause library with its document templates.
type Library struct {
	// Version identifies the library: the catalogue version and a digest of
	// every clause id and version.
	Version string

	clauses   map[string]*Clause
	order     []string
	fallbacks map[string][]*Fallback // by clause id, sorted by name
	templates map[string]*Template
	body      []string // the clauses of the DPA's numbered body, in order
	catalog   Catalog
	measures  map[string]int // measure id -> category index

	hashes []FileHash // in lock-file order
	lock   []byte     // the library's versions.lock, nil when it has none

	// lookup is an Engine over the library for the questions only an
	// assembled document answers (the number a deal's DPA gives a clause:
	// see dpaClauseLabel), made on first use and shared, so that its parse
	// cache serves every such question.
	lookup func() *Engine
}

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	versionPattern = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`)
)

// CatalogFile is the name of the Annex II measure catalogue in a clause
// library.
const CatalogFile = "measures.yaml"

// Load parses a clause library: every *.md file of clauses (with front
// matter) and measures.yaml, and every *.tmpl file of templates. Errors name
// the file and, for template syntax, the line. Every file must be a regular
// file of at most MaxLibraryFile bytes (see boundedFS).
func Load(clauses, templates fs.FS) (*Library, error) {
	clauses, templates = boundedFS{clauses}, boundedFS{templates}
	lib := &Library{
		clauses:   map[string]*Clause{},
		fallbacks: map[string][]*Fallback{},
		templates: map[string]*Template{},
		measures:  map[string]int{},
	}
	lib.lookup = sync.OnceValue(func() *Engine { return New(lib) })
	funcs := funcMap()
	var errs []error

	names, err := fs.Glob(clauses, "*.md")
	if err != nil {
		return nil, fmt.Errorf("%w: list clauses: %v", ErrLibrary, err)
	}
	sort.Strings(names)
	names = slices.DeleteFunc(names, func(n string) bool { return strings.EqualFold(n, "README.md") })
	for _, r := range loadClauses(clauses, names, funcs) {
		c, err := r.clause, r.err
		if err != nil {
			errs = append(errs, err)
			continue
		}
		name := c.File
		if prev, ok := lib.clauses[c.ID]; ok {
			errs = append(errs, fmt.Errorf("clauses/%s: id %q is already used by %s", name, c.ID, prev.File))
			continue
		}
		lib.clauses[c.ID] = c
		lib.order = append(lib.order, c.ID)
		lib.addHash(clauses, name, c.ID, c.Version)
	}
	if len(lib.order) == 0 && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("clauses: no clause files (*.md) found"))
	}

	errs = append(errs, lib.loadFallbacks(clauses, funcs)...)

	if err := lib.loadCatalog(clauses); err != nil {
		errs = append(errs, err)
	} else {
		lib.addHash(clauses, CatalogFile, CatalogFile, lib.catalog.Version)
	}
	if lock, err := fs.ReadFile(clauses, LockFile); err == nil {
		lib.lock = lock
	}

	tnames, err := fs.Glob(templates, "*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("%w: list templates: %v", ErrLibrary, err)
	}
	sort.Strings(tnames)
	for _, name := range tnames {
		t, err := loadTemplate(templates, name, funcs)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		lib.templates[t.Name] = t
	}
	if len(lib.templates) == 0 && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("templates: no document templates (*.tmpl) found"))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w:\n%w", ErrLibrary, errors.Join(errs...))
	}
	if t, ok := lib.templates[DPATemplate]; ok {
		lib.body = bodyClauses(t.tmpl.Tree.Root)
	}
	lib.Version = lib.computeVersion()
	return lib, nil
}

// DPATemplate is the name of the template of the DPA itself, whose body
// (before its schedules and annexes) holds the numbered clauses.
const DPATemplate = "dpa"

// bodyClauses returns the ids of the clauses that the list node places
// ({{.Clause "id"}}, also inside {{if}} and {{with}}) before its first
// top-level heading ("# Schedule 1", "# Annex I"): the DPA's numbered
// clauses, after which a rider may be placed. The schedules and annexes
// have their own lettering, which follows the SCCs' Appendix.
func bodyClauses(list *parse.ListNode) []string {
	var ids []string
	var walk func(*parse.ListNode) bool
	walk = func(l *parse.ListNode) bool {
		if l == nil {
			return true
		}
		for _, n := range l.Nodes {
			switch n := n.(type) {
			case *parse.TextNode:
				if startsTopHeading(n.Text) {
					return false
				}
			case *parse.ActionNode:
				if id, ok := clauseCall(n.Pipe); ok {
					ids = append(ids, id)
				}
			case *parse.IfNode:
				if !walk(n.List) || !walk(n.ElseList) {
					return false
				}
			case *parse.WithNode:
				if !walk(n.List) || !walk(n.ElseList) {
					return false
				}
			}
		}
		return true
	}
	walk(list)
	return ids
}

// startsTopHeading reports whether text holds a Markdown heading of level
// one at the start of a line.
func startsTopHeading(text []byte) bool {
	for line := range bytes.Lines(text) {
		if bytes.HasPrefix(line, []byte("# ")) {
			return true
		}
	}
	return false
}

// clauseCall returns id for a pipeline that is exactly .Clause "id" (or
// $.Clause "id").
func clauseCall(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 2 {
		return "", false
	}
	switch f := p.Cmds[0].Args[0].(type) {
	case *parse.FieldNode: // .Clause
		if len(f.Ident) != 1 || f.Ident[0] != "Clause" {
			return "", false
		}
	case *parse.VariableNode: // $.Clause, inside {{with}}
		if len(f.Ident) != 2 || f.Ident[0] != "$" || f.Ident[1] != "Clause" {
			return "", false
		}
	default:
		return "", false
	}
	str, ok := p.Cmds[0].Args[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	return str.Text, true
}

// readFrontMatter reads a library file, decodes its front matter strictly
// into v and returns its body and the body's first line number.
func readFrontMatter(fsys fs.FS, name, file string, v any) (body []byte, line int, err error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", file, err)
	}
	front, body, line, err := splitFrontMatter(data)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", file, err)
	}
	if err := decodeStrict(front, v); err != nil {
		return nil, 0, fmt.Errorf("%s: front matter: %w", file, err)
	}
	return body, line, nil
}

// loaded is a clause file's clause, or the error that kept it out.
type loaded struct {
	clause *Clause
	err    error
}

// loadClauses loads the named clause files (see loadClause) on up to
// GOMAXPROCS goroutines, as parsing their templates is most of the cost
// of loading a library, and returns the results in the order of names.
func loadClauses(fsys fs.FS, names []string, funcs template.FuncMap) []loaded {
	out := make([]loaded, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for i := range next {
				out[i].clause, out[i].err = loadClause(fsys, names[i], funcs)
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func loadClause(fsys fs.FS, name string, funcs template.FuncMap) (*Clause, error) {
	file := "clauses/" + name
	c := &Clause{File: name}
	body, line, err := readFrontMatter(fsys, name, file, c)
	if err != nil {
		return nil, err
	}
	want := strings.TrimSuffix(name, ".md")
	switch {
	case !idPattern.MatchString(c.ID):
		return nil, fmt.Errorf("%s: id %q must be lower-case words joined by hyphens", file, c.ID)
	case c.ID != want:
		return nil, fmt.Errorf("%s: id %q does not match the file name (want %q)", file, c.ID, want)
	case strings.TrimSpace(c.Title) == "":
		return nil, fmt.Errorf("%s: title is required", file)
	case !versionPattern.MatchString(c.Version):
		return nil, fmt.Errorf("%s: version %q must be MAJOR.MINOR.PATCH", file, c.Version)
	}
	for _, cv := range c.Covers {
		if !idPattern.MatchString(cv) {
			return nil, fmt.Errorf("%s: covers: %q is not a requirement id", file, cv)
		}
	}
	c.Source = string(body)
	// Blank lines keep the template's line numbers equal to the file's, so
	// errors point at the right line.
	src := strings.Repeat("\n", line-1) + anchorFirstHeading(c.Source, c.ID)
	c.body, err = template.New(file).Funcs(funcs).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, explainParse(err)
	}
	instrument(c.body)
	addLiteral(c.body)
	if w := strings.TrimSpace(c.When); w != "" {
		c.when, err = template.New(file + ":when").Funcs(funcs).Option("missingkey=error").
			Parse("{{if " + w + "}}1{{end}}")
		if err != nil {
			return nil, fmt.Errorf("%s: when %q: %w", file, c.When, err)
		}
	}
	return c, nil
}

// loadFallbacks loads every clauses/fallbacks/CLAUSE.NAME.md of the
// library; the standard clauses must be loaded first.
func (lib *Library) loadFallbacks(fsys fs.FS, funcs template.FuncMap) []error {
	names, err := fs.Glob(fsys, FallbackDir+"/*.md")
	if err != nil {
		return []error{fmt.Errorf("%w: list fallbacks: %v", ErrLibrary, err)}
	}
	sort.Strings(names)
	var errs []error
	for _, name := range names {
		if strings.EqualFold(path.Base(name), "README.md") {
			continue
		}
		fb, err := lib.loadFallback(fsys, name, funcs)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		lib.fallbacks[fb.ID] = append(lib.fallbacks[fb.ID], fb)
		lib.addHash(fsys, name, strings.TrimSuffix(name, ".md"), fb.Version)
	}
	return errs
}

func (lib *Library) loadFallback(fsys fs.FS, name string, funcs template.FuncMap) (*Fallback, error) {
	file := "clauses/" + name
	var front fallbackFront
	body, line, err := readFrontMatter(fsys, name, file, &front)
	if err != nil {
		return nil, err
	}
	std, ok := lib.clauses[front.Clause]
	want := front.Clause + "." + front.Name
	switch {
	case !ok:
		return nil, fmt.Errorf("%s: clause %q is not a clause of the library", file, front.Clause)
	case !idPattern.MatchString(front.Name):
		return nil, fmt.Errorf("%s: name %q must be lower-case words joined by hyphens", file, front.Name)
	case path.Base(name) != want+".md":
		return nil, fmt.Errorf("%s: the file name must be %s.md (clause.name)", file, want)
	case strings.TrimSpace(front.Title) == "":
		return nil, fmt.Errorf("%s: title is required", file)
	case !versionPattern.MatchString(front.Version):
		return nil, fmt.Errorf("%s: version %q must be MAJOR.MINOR.PATCH", file, front.Version)
	case strings.TrimSpace(front.Changes) == "":
		return nil, fmt.Errorf("%s: changes is required: say in a sentence what this fallback changes", file)
	case strings.TrimSpace(front.ApprovedBy) == "":
		return nil, fmt.Errorf("%s: approved_by is required: who approved this position", file)
	case !versionPattern.MatchString(front.BasedOn):
		return nil, fmt.Errorf("%s: based_on %q must be the version (MAJOR.MINOR.PATCH) of clause %s that this fallback was written against (it is %s now)", file, front.BasedOn, front.Clause, std.Version)
	}
	if _, err := time.Parse("2006-01-02", front.Approved); err != nil {
		return nil, fmt.Errorf("%s: approved %q must be a date (YYYY-MM-DD)", file, front.Approved)
	}
	if front.ApprovedVersion != "" && !versionPattern.MatchString(front.ApprovedVersion) {
		return nil, fmt.Errorf("%s: approved_version %q must be the version (MAJOR.MINOR.PATCH) of this fallback that the approval covers", file, front.ApprovedVersion)
	}
	covers := front.Covers
	if covers == nil {
		covers = std.Covers
	}
	for _, cv := range covers {
		if !idPattern.MatchString(cv) {
			return nil, fmt.Errorf("%s: covers: %q is not a requirement id", file, cv)
		}
	}
	c := &Clause{ID: std.ID, Title: front.Title, Version: front.Version, When: std.When, Covers: covers,
		File: name, Source: string(body), Fallback: front.Name, when: std.when}
	src := strings.Repeat("\n", line-1) + anchorFirstHeading(c.Source, c.ID)
	c.body, err = template.New(file).Funcs(funcs).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, explainParse(err)
	}
	// As for a standard clause: the resource limits count its steps, and
	// deal values reach the Document as written, never read as Markdown.
	instrument(c.body)
	addLiteral(c.body)
	return &Fallback{Clause: c, Name: front.Name, Changes: strings.TrimSpace(front.Changes),
		ApprovedBy: strings.TrimSpace(front.ApprovedBy), Approved: front.Approved, BasedOn: front.BasedOn,
		ApprovedVersion: front.ApprovedVersion}, nil
}

func loadTemplate(fsys fs.FS, name string, funcs template.FuncMap) (*Template, error) {
	file := "templates/" + name
	t := &Template{Name: strings.TrimSuffix(name, ".tmpl"), File: name}
	body, line, err := readFrontMatter(fsys, name, file, t)
	if err != nil {
		return nil, err
	}
	switch {
	case strings.TrimSpace(t.Title) == "":
		return nil, fmt.Errorf("%s: title is required", file)
	case !versionPattern.MatchString(t.Version):
		return nil, fmt.Errorf("%s: version %q must be MAJOR.MINOR.PATCH", file, t.Version)
	}
	if t.ShortTitle == "" {
		t.ShortTitle = t.Title
	}
	src := strings.Repeat("\n", line-1) + string(body)
	t.tmpl, err = template.New(file).Funcs(funcs).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, explainParse(err)
	}
	instrument(t.tmpl)
	addLiteral(t.tmpl)
	if w := strings.TrimSpace(t.When); w != "" {
		t.when, err = template.New(file + ":when").Funcs(funcs).Option("missingkey=error").
			Parse("{{if " + w + "}}1{{end}}")
		if err != nil {
			return nil, fmt.Errorf("%s: when %q: %w", file, t.When, err)
		}
	}
	return t, nil
}

func (lib *Library) loadCatalog(fsys fs.FS) error {
	data, err := fs.ReadFile(fsys, CatalogFile)
	if err != nil {
		return fmt.Errorf("clauses/%s: %w", CatalogFile, err)
	}
	if err := decodeStrict(data, &lib.catalog); err != nil {
		return fmt.Errorf("clauses/%s: %w", CatalogFile, err)
	}
	if !versionPattern.MatchString(lib.catalog.Version) {
		return fmt.Errorf("clauses/%s: version %q must be MAJOR.MINOR.PATCH", CatalogFile, lib.catalog.Version)
	}
	seenCat := map[string]bool{}
	for ci, cat := range lib.catalog.Categories {
		if !idPattern.MatchString(cat.ID) || seenCat[cat.ID] {
			return fmt.Errorf("clauses/%s: category %d: id %q is invalid or repeated", CatalogFile, ci+1, cat.ID)
		}
		seenCat[cat.ID] = true
		if strings.TrimSpace(cat.Title) == "" || len(cat.Measures) == 0 {
			return fmt.Errorf("clauses/%s: category %q needs a title and at least one measure", CatalogFile, cat.ID)
		}
		for _, m := range cat.Measures {
			if !idPattern.MatchString(m.ID) {
				return fmt.Errorf("clauses/%s: measure id %q must be lower-case words joined by hyphens", CatalogFile, m.ID)
			}
			if _, dup := lib.measures[m.ID]; dup {
				return fmt.Errorf("clauses/%s: measure id %q is repeated", CatalogFile, m.ID)
			}
			if strings.TrimSpace(m.Text) == "" {
				return fmt.Errorf("clauses/%s: measure %q has no text", CatalogFile, m.ID)
			}
			if err := checkByLaw(m); err != nil {
				return fmt.Errorf("clauses/%s: measure %q: %w", CatalogFile, m.ID, err)
			}
			lib.measures[m.ID] = ci
		}
	}
	return nil
}

// checkByLaw checks a measure's by_law: none, or a non-empty text for each
// of the law keys and no other key, so that no deal under a law falls back
// to the wording that cites none.
func checkByLaw(m CatalogMeasure) error {
	if m.ByLaw == nil {
		return nil
	}
	for k := range m.ByLaw {
		if !slices.Contains(lawKeys(), k) {
			return fmt.Errorf("by_law: %q is not a law key (want %s)", k, strings.Join(lawKeys(), ", "))
		}
	}
	for _, k := range lawKeys() {
		if strings.TrimSpace(m.ByLaw[k]) == "" {
			return fmt.Errorf("by_law: %q needs a text (a measure that varies by law gives one for each of %s)", k, strings.Join(lawKeys(), ", "))
		}
	}
	return nil
}

// splitFrontMatter splits a file into its YAML front matter (between two
// "---" lines) and its body, and returns the body's first line number.
func splitFrontMatter(data []byte) (front, body []byte, line int, err error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, nil, 0, errors.New("missing front matter (the file must start with a --- line)")
	}
	rest := data[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		if bytes.HasSuffix(rest, []byte("\n---")) {
			end = len(rest) - 4
		} else {
			return nil, nil, 0, errors.New("front matter is not closed by a --- line")
		}
	}
	front = rest[:end]
	body = rest[min(end+5, len(rest)):]
	line = 1 + bytes.Count(data[:len(data)-len(body)], []byte("\n"))
	return front, body, line, nil
}

func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return err
	}
	return nil
}

func (lib *Library) computeVersion() string {
	var b strings.Builder
	for _, id := range lib.order {
		fmt.Fprintf(&b, "%s@%s\n", id, lib.clauses[id].Version)
		for _, fb := range lib.fallbacks[id] {
			fmt.Fprintf(&b, "%s.%s@%s\n", id, fb.Name, fb.Version)
		}
	}
	names := make([]string, 0, len(lib.templates))
	for n := range lib.templates {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "%s.tmpl@%s\n", n, lib.templates[n].Version)
	}
	fmt.Fprintf(&b, "measures@%s\n", lib.catalog.Version)
	return shortDigest(b.String())
}

// Clauses returns every clause of the library in file-name order.
func (lib *Library) Clauses() []*Clause {
	out := make([]*Clause, 0, len(lib.order))
	for _, id := range lib.order {
		out = append(out, lib.clauses[id])
	}
	return out
}

// Clause returns the clause with the given id.
func (lib *Library) Clause(id string) (*Clause, bool) {
	c, ok := lib.clauses[id]
	return c, ok
}

// addHash records the text hash of a library file that loaded.
func (lib *Library) addHash(fsys fs.FS, file, name, version string) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return // it was just read; a file that vanished since has no hash
	}
	lib.hashes = append(lib.hashes, FileHash{Name: name, Version: version, Hash: textHash(data), Earlier: hashText(data, approvalLine)})
}

// textHash hashes a library file's text without its version line and,
// in a fallback's front matter, its bookkeeping (bookkeepingLine), so that
// the hash changes exactly when the text does: recording Legal's approval
// of a text, or that it was checked against a newer standard clause to
// which none of the changes applied, is not a new text.
func textHash(data []byte) string { return hashText(data, bookkeepingLine) }

// hashText hashes data without its version line and the front-matter
// lines skip reports.
func hashText(data []byte, skip func(line []byte) bool) string {
	data = bytes.ReplaceAll(bytes.TrimPrefix(data, []byte("\ufeff")), []byte("\r\n"), []byte("\n"))
	var kept [][]byte
	front := 0 // the "---" lines seen: 1 inside the front matter
	for _, line := range bytes.Split(data, []byte("\n")) {
		if front < 2 && bytes.Equal(bytes.TrimRight(line, " "), []byte("---")) {
			front++
		}
		if bytes.HasPrefix(line, []byte("version:")) || front == 1 && skip(line) {
			continue
		}
		kept = append(kept, line)
	}
	sum := sha256.Sum256(bytes.Join(kept, []byte("\n")))
	return hex.EncodeToString(sum[:8])
}

// bookkeepingLine reports whether a front-matter line records a
// fallback's approval or the version of the standard clause it was last
// checked against (based_on), neither of which is its text.
func bookkeepingLine(line []byte) bool {
	return approvalLine(line) || bytes.HasPrefix(line, []byte("based_on:"))
}

// approvalLine reports whether a front-matter line records a fallback's
// approval.
func approvalLine(line []byte) bool {
	for _, key := range []string{"approved_by:", "approved:", "approved_version:"} {
		if bytes.HasPrefix(line, []byte(key)) {
			return true
		}
	}
	return false
}

// Hashes returns the version and text hash of every clause, fallback and
// the measure catalogue, in lock-file order.
func (lib *Library) Hashes() []FileHash { return slices.Clone(lib.hashes) }

// BodyClauses returns the ids of the clauses of the DPA's numbered body,
// in order: the clauses after which a rider may stand (the schedules and
// annexes follow the lettering of the SCCs' Appendix). A library without a
// DPA template has none.
func (lib *Library) BodyClauses() []string { return slices.Clone(lib.body) }

// Lock returns the library's lock file (see LockFile) as it was read, and
// whether it has one.
func (lib *Library) Lock() ([]byte, bool) { return lib.lock, lib.lock != nil }

// Fallbacks returns the approved fallbacks of a clause, sorted by name.
func (lib *Library) Fallbacks(clauseID string) []*Fallback {
	return slices.Clone(lib.fallbacks[clauseID])
}

// Fallback returns the fallback of a clause with the given name.
func (lib *Library) Fallback(clauseID, name string) (*Fallback, bool) {
	for _, fb := range lib.fallbacks[clauseID] {
		if fb.Name == name {
			return fb, true
		}
	}
	return nil, false
}

// fallback is Fallback on a library that may be nil.
func (lib *Library) fallback(clauseID, name string) (*Fallback, bool) {
	if lib == nil {
		return nil, false
	}
	return lib.Fallback(clauseID, name)
}

// AllFallbacks returns every fallback of the library, by clause (in
// file-name order) then name.
func (lib *Library) AllFallbacks() []*Fallback {
	var out []*Fallback
	for _, id := range lib.order {
		out = append(out, lib.fallbacks[id]...)
	}
	return out
}

// Templates returns the names of the document templates, sorted.
func (lib *Library) Templates() []string {
	out := make([]string, 0, len(lib.templates))
	for n := range lib.templates {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Template returns the document template with the given name.
func (lib *Library) Template(name string) (*Template, bool) {
	t, ok := lib.templates[name]
	return t, ok
}

// Catalog returns the Annex II catalogue of measures.
func (lib *Library) Catalog() Catalog { return lib.catalog }

// HasMeasure reports whether id is a measure of the catalogue.
func (lib *Library) HasMeasure(id string) bool {
	_, ok := lib.measures[id]
	return ok
}

// FileName returns the clause's path for messages: "clauses/breach.md",
// "clauses/fallbacks/breach.phone-notice.md", or for a rider its place in
// the deal, "the deal's riders[0]".
func (c *Clause) FileName() string {
	if c.rider {
		return "the deal's " + c.File
	}
	return path.Join("clauses", c.File)
}

// Uncovered returns the requirement ids of want that no clause used by doc
// covers, sorted: `dpakit lint` proves with it that every DPA covers GDPR
// Art. 28(3).
func (lib *Library) Uncovered(doc *document.Document, want []string) []string {
	have := map[string]bool{}
	for _, cu := range doc.Meta.Clauses {
		if c, ok := lib.clauses[cu.ID]; ok {
			for _, cv := range c.Covers {
				have[cv] = true
			}
		}
	}
	var missing []string
	for _, w := range want {
		if !have[w] {
			missing = append(missing, w)
		}
	}
	slices.Sort(missing)
	return missing
}

// anchorFirstHeading gives a clause that opens with a clause heading (##),
// after any lines of template actions only, the clause id as that heading's
// anchor, unless the author gave it one. It runs once, on the clause source,
// when the library loads.
func anchorFirstHeading(md, id string) string {
	i := 0
	for i < len(md) {
		end := strings.IndexByte(md[i:], '\n')
		if end < 0 {
			end = len(md) - i
		}
		line := strings.TrimSpace(md[i : i+end])
		if strings.HasPrefix(line, "{{") && !strings.HasSuffix(line, "}}") {
			// An action over several lines, such as the comment that opens
			// a clause: skip to the line where it closes.
			close := strings.Index(md[i:], "}}")
			if close < 0 {
				return md
			}
			next := strings.IndexByte(md[i+close:], '\n')
			if next < 0 {
				return md
			}
			i += close + next + 1
			continue
		}
		switch {
		case line == "" || isActionLine(line):
			i += end + 1
			continue
		case !strings.HasPrefix(line, "## ") || strings.Contains(line, "{#"):
			return md
		}
		return md[:i+end] + " {#" + id + "}" + md[i+end:]
	}
	return md
}

// isActionLine reports whether a line holds only template actions, such as
// a comment or a variable assignment written before the clause heading.
func isActionLine(line string) bool {
	return strings.HasPrefix(line, "{{") && strings.HasSuffix(line, "}}")
}
