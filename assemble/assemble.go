package assemble

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/suggest"
	"github.com/dpakit/dpakit/assemble/wording"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// ErrUnknownDocument is returned for a document kind no template provides.
var ErrUnknownDocument = errors.New("unknown document")

// ErrNotApplicable is returned for a document that does not apply to the
// deal, such as Annex III for a deal without SCC Clause 9.
var ErrNotApplicable = errors.New("document does not apply")

// Engine assembles documents from one parsed Library. It is safe for
// concurrent use.
type Engine struct {
	lib  *Library
	md   parser.Parser
	bufs sync.Pool // *bytes.Buffer for the Markdown of one render

	// parsed caches the parsed Markdown of clauses by their exact text:
	// most clauses read the same for many deals, and parsing is half the
	// cost of a render. Parsed trees are only read after parsing, so
	// renders share them. Two generations bound the cache: when the
	// current one is full it becomes the previous one, and entries still
	// in use move back on their next hit (a cheap approximation of LRU).
	limits Limits

	mu         sync.Mutex
	parsed     map[string]*parsedMD
	parsedPrev map[string]*parsedMD
}

// parsedMD is one parsed piece of Markdown with the source its tree points
// into.
type parsedMD struct {
	src  []byte
	root ast.Node
}

// parsedGeneration is the number of parsed clauses one cache generation
// holds; the cache holds at most two generations.
const parsedGeneration = 256

// New returns an Engine over lib.
func New(lib *Library) *Engine {
	return &Engine{lib: lib, md: newMarkdown(), parsed: map[string]*parsedMD{}, bufs: sync.Pool{New: func() any {
		b := new(bytes.Buffer)
		b.Grow(32 << 10)
		return b
	}}}
}

// parse returns the parsed Markdown of one clause, from the cache when the
// same text was parsed before.
func (e *Engine) parse(md string) *parsedMD {
	e.mu.Lock()
	p := e.parsed[md]
	if p == nil {
		if p = e.parsedPrev[md]; p != nil {
			e.store(md, p)
		}
	}
	e.mu.Unlock()
	if p != nil {
		return p
	}
	src := []byte(md)
	p = &parsedMD{src: src, root: e.md.Parse(text.NewReader(src))}
	e.mu.Lock()
	e.store(md, p)
	e.mu.Unlock()
	return p
}

// store puts a parsed clause in the current generation; e.mu is held.
func (e *Engine) store(md string, p *parsedMD) {
	if len(e.parsed) >= parsedGeneration {
		e.parsedPrev, e.parsed = e.parsed, make(map[string]*parsedMD, parsedGeneration)
	}
	e.parsed[md] = p
}

// LoadEngine parses the clause library and templates and returns an Engine
// over them.
func LoadEngine(clauses, templates fs.FS) (*Engine, error) {
	lib, err := Load(clauses, templates)
	if err != nil {
		return nil, err
	}
	return New(lib), nil
}

// SetLimits replaces the template limits of every later render (see
// Limits); call it before the engine is shared.
func (e *Engine) SetLimits(l Limits) { e.limits = l }

// Library returns the engine's clause library.
func (e *Engine) Library() *Library { return e.lib }

// CheckDeal reports the problems of d that only the library can see: Annex
// II measure ids that are not in the catalogue. It returns a
// *deal.ValidationError or nil.
func (e *Engine) CheckDeal(d *deal.Deal) error {
	var probs []deal.Problem
	for i, id := range d.Security.Measures.IDs {
		if !e.lib.HasMeasure(id) {
			probs = append(probs, deal.Problem{
				Path:    fmt.Sprintf("security.measures[%d]", i),
				Rule:    "measure",
				Message: e.lib.measureProblem(id),
			})
		}
	}
	probs = append(probs, e.negotiationProblems(d)...)
	if len(probs) > 0 {
		return &deal.ValidationError{Problems: probs}
	}
	return nil
}

// WarnFallbackUnapproved is the rule of a warning that a deal negotiates a
// fallback whose text has changed since its approval (see
// Fallback.Unapproved).
const WarnFallbackUnapproved = "fallback_unapproved"

// DealWarnings returns what only the library can warn of in a deal that
// CheckDeal accepts: each fallback it negotiates whose text has changed
// since its approval, at negotiated.CLAUSE. The DPA still prints that
// text; the warning tells whoever sends it that Legal has not approved it.
func (e *Engine) DealWarnings(d *deal.Deal) []deal.Problem {
	if d == nil {
		return nil
	}
	var ws []deal.Problem
	for _, id := range slices.Sorted(maps.Keys(d.Negotiated)) {
		for _, fb := range e.lib.fallbacks[id] {
			if fb.Name == d.Negotiated[id] && fb.Unapproved() {
				ws = append(ws, deal.Problem{Path: "negotiated." + id, Rule: WarnFallbackUnapproved, Message: fb.UnapprovedMessage()})
			}
		}
		if e.noEffect(d, id) {
			ws = append(ws, deal.Problem{Path: "negotiated." + id, Rule: WarnFallbackNoEffect, Message: fmt.Sprintf(
				"%q prints the same DPA as the standard clause %q for this deal (its text applies only to other deals, as its description says), so it concedes nothing: leave it out, or negotiate what this deal needs",
				d.Negotiated[id], id)})
		}
	}
	return ws
}

// WarnFallbackNoEffect: a negotiated fallback prints, in this deal, the
// same DPA as the standard clause (the late-objection fallback of a deal
// under Clause 9 Option 1, which keeps the standard text there), so the
// customer would believe it won a concession it does not have.
const WarnFallbackNoEffect = "fallback_no_effect"

// noEffect reports whether the clause id of d writes the same Markdown
// with the fallback negotiated for it as the standard clause does, so that
// the DPA is the same either way (see sameClause).
func (e *Engine) noEffect(d *deal.Deal, id string) bool {
	return sameClause(e.lib, e.limits, d, id, d.Negotiated[id], "")
}

// sameClause reports whether the clause id of d writes the same Markdown
// with the fallback a as with the fallback b ("" for the standard text),
// so that the DPA is the same either way (deal values are tokens in both,
// see literal). Only the clause and the clauses it includes are rendered,
// twice, within limits, not the whole DPA. A clause that does not render
// either way is not this question's business (assembly reports it): it is
// never the same.
func sameClause(lib *Library, limits Limits, d *deal.Deal, id, a, b string) bool {
	with, err := clauseMarkdown(lib, limits, withFallback(d, id, a), id)
	if err != nil {
		return false
	}
	without, err := clauseMarkdown(lib, limits, withFallback(d, id, b), id)
	return err == nil && with == without
}

// withFallback returns a shallow copy of d that negotiates the fallback
// name for the clause id, or the standard text for name "". d is not
// modified.
func withFallback(d *deal.Deal, id, name string) *deal.Deal {
	c := *d
	c.Negotiated = maps.Clone(d.Negotiated)
	if c.Negotiated == nil {
		c.Negotiated = map[string]string{}
	}
	if name == "" {
		delete(c.Negotiated, id)
	} else {
		c.Negotiated[id] = name
	}
	return &c
}

// clauseMarkdown renders the clause id for d as an assembly does, within
// limits, and returns the Markdown of it and of every clause it includes.
func clauseMarkdown(lib *Library, limits Limits, d *deal.Deal, id string) (string, error) {
	r := &render{lib: lib, budget: newBudget(context.Background(), limits), seen: map[string]bool{}}
	if _, err := newView(d, nil, r).Clause(id); err != nil {
		return "", err
	}
	var b strings.Builder
	for _, pt := range r.parts {
		b.WriteString(pt.md)
	}
	return b.String(), nil
}

// negotiationProblems checks the deal's fallbacks and riders against the
// library: each fallback must be one the library approves for that clause,
// and each rider must follow a clause of this deal's documents.
func (e *Engine) negotiationProblems(d *deal.Deal) []deal.Problem {
	if len(d.Negotiated) == 0 && len(d.Riders) == 0 {
		return nil
	}
	var probs []deal.Problem
	add := func(path, rule, msg string) {
		probs = append(probs, deal.Problem{Path: path, Rule: rule, Message: msg})
	}
	v := newView(d, nil, &render{lib: e.lib, seen: map[string]bool{}})
	ids := make([]string, 0, len(d.Negotiated))
	for id := range d.Negotiated {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		path, name := "negotiated."+id, d.Negotiated[id]
		c, ok := e.lib.clauses[id]
		if !ok {
			add(path, "fallback", e.unknownClause(id))
			continue
		}
		var names []string
		for _, fb := range e.lib.fallbacks[id] {
			names = append(names, fb.Name)
		}
		switch {
		case len(names) == 0:
			add(path, "fallback", fmt.Sprintf("the clause %q has no approved fallbacks (clauses with fallbacks: %s)", id, e.clausesWithFallbacks()))
		case !slices.Contains(names, name):
			add(path, "fallback", fmt.Sprintf("%q is not an approved fallback of the clause %q (want %s)", name, id, wording.JoinOr(names)))
		case !applies(c, v):
			add(path, "fallback", fmt.Sprintf("the clause %q is not part of this deal's documents (its condition %s is false), so a fallback of it cannot apply", id, c.When))
		}
	}
	for i, rd := range d.Riders {
		path := fmt.Sprintf("riders[%d].after", i)
		c, ok := e.lib.clauses[rd.After]
		switch {
		case !ok:
			add(path, "rider", e.unknownClause(rd.After))
		case e.lib.body != nil && !slices.Contains(e.lib.body, rd.After):
			add(path, "rider", fmt.Sprintf("%q is not one of the DPA's numbered clauses but part of its schedules or annexes, whose parts follow the Appendix of the Standard Contractual Clauses; a rider is printed as a numbered clause of its own, so place it after one of the DPA's clauses (%s)", rd.After, strings.Join(e.lib.body, ", ")))
		case !applies(c, v):
			add(path, "rider", fmt.Sprintf("the clause %q is not part of this deal's documents (its condition %s is false); place the rider after another clause", rd.After, c.When))
		}
	}
	return probs
}

// applies reports whether a clause's condition holds for the view's deal.
func applies(c *Clause, v *view) bool {
	if c.when == nil {
		return true
	}
	var b strings.Builder
	return c.when.Execute(&b, v) == nil && b.Len() > 0
}

// unknownClause says that id is not a clause, suggesting the nearest one.
func (e *Engine) unknownClause(id string) string {
	msg := fmt.Sprintf("%q is not a clause of the library (dpakit clauses lists them)", id)
	if s := suggest.Closest(id, e.lib.order); s != "" {
		msg += "; " + suggest.Hint(id, s, "a clause id")
	}
	return msg
}

// clausesWithFallbacks lists the ids of the clauses that have fallbacks.
func (e *Engine) clausesWithFallbacks() string {
	var ids []string
	for _, id := range e.lib.order {
		if len(e.lib.fallbacks[id]) > 0 {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

// Assemble builds the document of the given kind ("dpa", "annex-i", ...) for
// d, which must already be defaulted and valid (deal.Load returns such a
// deal). It returns ErrUnknownDocument for a kind no template provides, a
// *deal.ValidationError for measure ids the catalogue lacks, and an error
// wrapping ErrLibrary when a clause or template fails.
func (e *Engine) Assemble(d *deal.Deal, kind string) (*document.Document, error) {
	return e.AssembleContext(context.Background(), d, kind)
}

// AssembleContext is Assemble, stopping with ctx's error (wrapped) when ctx
// is cancelled. Every render, cancellable or not, is bounded by the
// template limits (MaxOutput, MaxSteps, MaxRenderTime).
func (e *Engine) AssembleContext(ctx context.Context, d *deal.Deal, kind string) (*document.Document, error) {
	if kind == NoticeKind {
		return nil, fmt.Errorf("%w %q: a notice needs a change to the sub-processor list (dpakit notice)", ErrUnknownDocument, kind)
	}
	return e.assemble(ctx, d, kind, nil)
}

// Documents returns the document kinds Assemble makes for a deal: every
// template but the notice.
func (e *Engine) Documents() []string {
	var out []string
	for _, k := range e.lib.Templates() {
		if k != NoticeKind {
			out = append(out, k)
		}
	}
	return out
}

func (e *Engine) assemble(ctx context.Context, d *deal.Deal, kind string, notice *noticeView) (*document.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t, ok := e.lib.templates[kind]
	if !ok {
		return nil, unknownDocument(kind, e.Documents())
	}
	if err := e.CheckDeal(d); err != nil {
		return nil, err
	}
	r := &render{lib: e.lib, budget: newBudget(ctx, e.limits), seen: map[string]bool{}}
	v := newView(d, notice, r)
	if t.when != nil {
		var w strings.Builder
		if err := t.when.Execute(&w, v); err != nil {
			return nil, fmt.Errorf("%w: templates/%s: when: %w", ErrLibrary, t.File, err)
		}
		if w.Len() == 0 {
			why := t.Unless
			if why == "" {
				why = "its condition " + t.When + " is false"
			}
			return nil, fmt.Errorf("%w: %s: %s", ErrNotApplicable, kind, why)
		}
	}
	buf := e.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	// The Document holds copies of all the text it needs, so the buffer can
	// serve the next render once the blocks are built.
	defer e.bufs.Put(buf)
	if err := t.tmpl.Execute(&meter{w: buf, b: r.budget, file: "templates/" + t.File}, v); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLibrary, err)
	}
	src := buf.Bytes()
	root := e.md.Parse(text.NewReader(src))
	effective, _ := wording.Date(d.EffectiveDate)
	parts := make([]*parsedMD, len(r.parts))
	names := make([]string, len(r.parts))
	for i, pt := range r.parts {
		parts[i] = e.parse(pt.md)
		names[i] = pt.clause.FileName()
	}
	b := &builder{
		src:    src,
		parts:  parts,
		names:  names,
		labels: map[string]string{},
		directive: func(kind string, lines [][]document.Run) (document.Block, error) {
			return directive(kind, lines, t, d, effective)
		},
	}
	if err := b.build(root); err != nil {
		return nil, fmt.Errorf("%w: templates/%s: %w", ErrLibrary, t.File, err)
	}
	doc := &document.Document{Meta: meta(t, d, e.lib, r.used), Blocks: b.blocks}
	doc.Meta.Riders = riderUses(d, r.placed)
	return doc, nil
}

func directive(kind string, lines [][]document.Run, t *Template, d *deal.Deal, effective string) (document.Block, error) {
	switch kind {
	case "title":
		tb := &document.TitleBlock{Title: t.Title}
		if len(lines) > 0 {
			tb.Subtitle = document.PlainText(lines[0])
			tb.Lines = lines[1:]
		}
		return tb, nil
	case "signatures":
		sb := &document.SignatureBlock{Parties: []document.SignatureParty{
			{Role: "Customer", Party: d.Customer.Name, Name: d.Customer.Signatory.Name, Title: d.Customer.Signatory.Title, Index: 1},
			{Role: "Provider", Party: d.Provider.Name, Name: d.Provider.Signatory.Name, Title: d.Provider.Signatory.Title, Index: 2},
		}}
		for i, l := range lines {
			if i > 0 {
				sb.Intro = appendRun(sb.Intro, document.Run{Text: " "})
			}
			for _, r := range l {
				sb.Intro = appendRun(sb.Intro, r)
			}
		}
		return sb, nil
	}
	return nil, fmt.Errorf("unknown directive dpakit:%s (want dpakit:title or dpakit:signatures)", kind)
}

func meta(t *Template, d *deal.Deal, lib *Library, used []*Clause) document.Meta {
	m := document.Meta{
		Kind:           t.Name,
		Title:          t.Title,
		ShortTitle:     t.ShortTitle,
		Reference:      d.Reference,
		EffectiveDate:  d.EffectiveDate.Time,
		Author:         d.Provider.Name,
		DealHash:       dealHash(d),
		Template:       t.Name + "@" + t.Version,
		LibraryVersion: lib.Version,
		Parties: []document.Party{
			{Role: "Customer", Description: customerRole(d), Name: d.Customer.Name, Address: d.Customer.Address, Country: d.Customer.Country},
			{Role: "Provider", Description: "processor and data importer", Name: d.Provider.Name, Address: d.Provider.Address, Country: d.Provider.Country},
		},
		Signers: []document.Signer{
			{Role: "Customer", Party: d.Customer.Name, Name: d.Customer.Signatory.Name, Title: d.Customer.Signatory.Title},
			{Role: "Provider", Party: d.Provider.Name, Name: d.Provider.Signatory.Name, Title: d.Provider.Signatory.Title},
		},
	}
	m.Subject = t.Title + " between " + d.Customer.Name + " and " + d.Provider.Name
	for _, c := range used {
		m.Clauses = append(m.Clauses, document.ClauseUse{ID: c.ID, Version: c.Version, Title: c.Title, Fallback: c.Fallback})
	}
	return m
}

// riderUses lists the riders a render placed.
func riderUses(d *deal.Deal, placed []bool) []document.RiderUse {
	var out []document.RiderUse
	for i, rd := range d.Riders {
		if i < len(placed) && placed[i] {
			out = append(out, document.RiderUse{ID: RiderID(i), After: rd.After, Title: rd.Title})
		}
	}
	return out
}

func customerRole(d *deal.Deal) string {
	if d.Customer.Role == deal.Processor {
		return "processor and data exporter"
	}
	return "controller and data exporter"
}

func dealHash(d *deal.Deal) string {
	return deal.Hash(d)
}

func shortDigest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// SuggestDocument returns the document of known that kind most likely
// means, or "": a near miss ("anex-ii"), or an annex numbered in digits
// or written apart ("annex-3", "annex_III", "Annex I") for the roman
// numeral the library uses ("annex-iii").
func SuggestDocument(kind string, known []string) string {
	k := strings.ToLower(strings.TrimSpace(kind))
	k = strings.NewReplacer("_", "-", " ", "-").Replace(k)
	if rest, ok := strings.CutPrefix(k, "annex"); ok {
		rest = strings.TrimPrefix(rest, "-")
		if roman, ok := map[string]string{"1": "i", "2": "ii", "3": "iii"}[rest]; ok {
			rest = roman
		}
		// An annex is named by its number alone: another number
		// ("annex-iv") is no near miss of a known one.
		if k = "annex-" + rest; !slices.Contains(known, k) {
			return ""
		}
	}
	if slices.Contains(known, k) && k != kind {
		return k
	}
	return suggest.Closest(kind, known)
}

// unknownDocument is the error for a document kind no template provides,
// listing those that are, with a suggestion where one fits.
func unknownDocument(kind string, known []string) error {
	err := fmt.Errorf("%w %q (want %s)", ErrUnknownDocument, kind, strings.Join(known, ", "))
	if s := SuggestDocument(kind, known); s != "" {
		err = fmt.Errorf("%w; did you mean %q?", err, s)
	}
	return err
}

// measureProblem explains why id is not a measure of the Annex II
// catalogue: a category's id is named as one, with its measures' ids.
func (l *Library) measureProblem(id string) string {
	for _, c := range l.catalog.Categories {
		if c.ID != id {
			continue
		}
		ids := make([]string, len(c.Measures))
		for i, m := range c.Measures {
			ids[i] = m.ID
		}
		return fmt.Sprintf("%q is a category of the Annex II catalogue, not a measure: list the measures of that category you want (%s), or give all for the whole catalogue (see dpakit clauses measures)", id, strings.Join(ids, ", "))
	}
	return fmt.Sprintf("%q is not a measure of the Annex II catalogue (see dpakit clauses measures)", id)
}
