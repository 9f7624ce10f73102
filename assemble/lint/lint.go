// Package lint checks a clause library the way a careful reviewer would:
// every clause and template parses, every combination of SCC modules and
// options renders every document without error or leftover placeholder,
// and every DPA covers each item of GDPR Article 28(3).
package lint

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/sublist"
)

// Art28 returns the requirement ids every DPA must cover: the items of GDPR
// Article 28(3), as clauses tag them in their covers lists.
func Art28() []string {
	return []string{
		"gdpr-28-3-scope",
		"gdpr-28-3-a", "gdpr-28-3-b", "gdpr-28-3-c", "gdpr-28-3-d",
		"gdpr-28-3-e", "gdpr-28-3-f", "gdpr-28-3-g", "gdpr-28-3-h",
		"gdpr-28-3-infringing-instruction",
	}
}

// Combination is one set of SCC modules and options the linter renders.
type Combination struct {
	Modules      []int
	Clause9      deal.SubprocessorOption
	Clause17     int
	UK, Swiss    bool
	CCPA         bool
	Docking      bool
	RedressBody  bool
	CustomerRole deal.Role
}

// String names the combination for reports.
func (c Combination) String() string {
	mods := make([]string, len(c.Modules))
	for i, m := range c.Modules {
		mods[i] = fmt.Sprint(m)
	}
	s := "modules " + strings.Join(mods, "+")
	if c.Clause9 != "" {
		s += ", clause 9 " + string(c.Clause9)
	}
	s += fmt.Sprintf(", clause 17 option %d", c.Clause17)
	for _, f := range []struct {
		on   bool
		name string
	}{{c.UK, "UK"}, {c.Swiss, "Swiss"}, {c.CCPA, "CCPA"}, {c.Docking, "docking"}, {c.RedressBody, "redress"}} {
		if f.on {
			s += ", " + f.name
		}
	}
	return s
}

// Combinations returns every combination of modules the validator accepts
// (2, 3, 2+3, 1+2, 1+2+3),
// Clause 9 options and Clause 17 options where they apply, and the UK
// Addendum, Swiss and CCPA terms on and off. Docking and redress options
// alternate so that each appears both on and off.
func Combinations() []Combination {
	var out []Combination
	moduleSets := [][]int{{2}, {3}, {2, 3}, {1, 2}, {1, 2, 3}}
	for _, mods := range moduleSets {
		has23 := slices.Contains(mods, 2) || slices.Contains(mods, 3)
		opts9 := []deal.SubprocessorOption{""}
		opts17 := []int{1}
		if has23 {
			opts9 = []deal.SubprocessorOption{deal.SpecificAuthorisation, deal.GeneralAuthorisation}
			opts17 = []int{1, 2}
		}
		role := deal.Controller
		if slices.Equal(mods, []int{3}) {
			role = deal.Processor
		}
		for _, o9 := range opts9 {
			for _, o17 := range opts17 {
				for flags := 0; flags < 8; flags++ {
					n := len(out)
					out = append(out, Combination{
						Modules: mods, Clause9: o9, Clause17: o17,
						UK: flags&1 != 0, Swiss: flags&2 != 0, CCPA: flags&4 != 0,
						Docking: n%2 == 0, RedressBody: n%3 == 0,
						CustomerRole: role,
					})
				}
			}
		}
	}
	return out
}

// Apply returns a copy of base with the combination's selections.
func (c Combination) Apply(base *deal.Deal) *deal.Deal {
	d := *base
	d.SCC.Modules = slices.Clone(c.Modules)
	d.SCC.SubprocessorOption = c.Clause9
	d.SCC.GoverningLawOption = c.Clause17
	d.SCC.DockingClause = c.Docking
	d.SCC.RedressBody = c.RedressBody
	d.UKAddendum.Enabled = c.UK
	if c.UK && d.UKAddendum.EndingParty == "" {
		d.UKAddendum.EndingParty = "neither"
	}
	d.Swiss.Enabled = c.Swiss
	d.CCPA.Enabled = c.CCPA
	d.Customer.Role = c.CustomerRole
	d.ControllerTransfer = nil
	if slices.Contains(c.Modules, 1) {
		// Module One needs its own Annex I.B part; the processing
		// description stands in for it.
		ct := d.Processing
		d.ControllerTransfer = &ct
	}
	if c.Clause9 == "" {
		d.SCC.SubprocessorNoticeDays = 0
	}
	return &d
}

// Problem is one finding of the linter.
type Problem struct {
	// Where names the combination and document, or the library file,
	// where the problem was first found.
	Where   string
	Message string
	// Also lists the other places the same problem was found.
	Also []string
}

func (p Problem) String() string { return p.Where + ": " + p.Message }

// Report is the linter's result.
type Report struct {
	Combinations int
	Documents    int
	Problems     []Problem
	// Notes are remarks that do not fail the run.
	Notes []string
}

// Finding is one message of a report with every place it was found.
type Finding struct {
	Message string
	Where   []string
}

// String gives the message with the first place and the count of others.
func (f Finding) String() string {
	s := f.Message + "\n    in " + f.Where[0]
	if n := len(f.Where) - 1; n > 0 {
		s += fmt.Sprintf(" (and %d more)", n)
	}
	return s
}

// Findings lists the report's problems with every place each was found, in
// order of first appearance: a broken clause usually breaks many
// combinations alike, and is one finding.
func (r Report) Findings() []Finding {
	out := make([]Finding, len(r.Problems))
	for i, p := range r.Problems {
		out[i] = Finding{Message: p.Message, Where: append([]string{p.Where}, p.Also...)}
	}
	return out
}

// Validator validates a deal; *deal.Validator satisfies it.
type Validator interface {
	Validate(d *deal.Deal) error
}

// Run renders every document of the engine's library for every combination
// applied to base, which must be a valid deal with a non-empty sub-processor
// list, and reports every problem found.
func Run(eng *assemble.Engine, base *deal.Deal, v Validator) Report {
	r, _ := RunContext(context.Background(), eng, base, v)
	return r
}

// RunContext is Run, stopping as soon as ctx is cancelled: it then returns
// the report so far and ctx's error.
func RunContext(ctx context.Context, eng *assemble.Engine, base *deal.Deal, v Validator) (Report, error) {
	return RunCombinations(ctx, eng, base, v, Combinations())
}

// RunCombinations is RunContext over the given combinations only. The
// report says a clause is unused when none of these combinations prints
// it, so a narrowed run is for a library change that the given
// combinations exercise; dpakit lint renders them all.
//
// The combinations are rendered in parallel, on as many goroutines as
// GOMAXPROCS allows, and the report is the same, problem for problem and
// in the same order, as rendering them one after another.
func RunCombinations(ctx context.Context, eng *assemble.Engine, base *deal.Deal, v Validator, combos []Combination) (Report, error) {
	var r Report
	for _, p := range append(CheckLock(eng.Library()), CheckFallbacks(eng.Library())...) {
		r.add(p.Where, p.Message)
	}
	if _, ok := eng.Library().Lock(); !ok {
		r.Notes = append(r.Notes, "the library has no "+assemble.LockFile+", so clause versions were not checked against their texts: create it with dpakit lint --clauses DIR --templates DIR --update-lock")
	}
	r.Notes = append(r.Notes, UnapprovedFallbacks(eng.Library())...)
	c := &checker{eng: eng, base: base, v: v, docs: eng.Library().Templates(), notice: sampleNotice(base)}
	used := map[string]bool{}
	for _, o := range c.all(ctx, combos) {
		if o == nil || !o.done {
			return r, ctx.Err() // cancelled before this combination was done
		}
		if o.valid {
			r.Combinations++
		}
		r.Documents += o.documents
		for _, p := range o.problems {
			r.add(p.Where, p.Message)
		}
		for _, id := range o.used {
			used[id] = true
		}
		if o.stopped {
			return r, ctx.Err()
		}
	}
	if err := ctx.Err(); err != nil {
		return r, err
	}
	for _, cl := range eng.Library().Clauses() {
		if !used[cl.ID] {
			r.add(cl.FileName(), "clause is used by no document in any combination")
		}
	}
	return r, nil
}

// checker lints combinations of one library over one base deal. It is
// safe for concurrent use: each combination's findings go to its own
// outcome.
type checker struct {
	eng    *assemble.Engine
	base   *deal.Deal
	v      Validator
	docs   []string
	notice assemble.Notice
}

// outcome is what linting one combination found, in the order found.
type outcome struct {
	// done is set when the combination was linted to its end (or to a
	// stop), not cut short by cancellation.
	done bool
	// valid is set when the combination's deal passed validation.
	valid     bool
	documents int
	problems  []Problem
	// used lists the ids of the clauses the combination's documents print.
	used []string
	// stopped is set when a template went over a resource limit: lint
	// stops there, as every later combination would cost as much.
	stopped bool
}

// add records a problem of the combination.
func (o *outcome) add(where, msg string) {
	o.problems = append(o.problems, Problem{Where: where, Message: msg})
}

// all lints combos on GOMAXPROCS goroutines and returns their outcomes in
// the order of combos. After a combination that stops lint, no later one is
// started; its outcome and those of combinations not linted are nil or not
// done.
func (c *checker) all(ctx context.Context, combos []Combination) []*outcome {
	out := make([]*outcome, len(combos))
	var next atomic.Int64
	var stopAt atomic.Int64
	stopAt.Store(int64(len(combos)))
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(combos)) {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= stopAt.Load() || ctx.Err() != nil {
					return
				}
				o := c.one(ctx, combos[i])
				out[i] = o
				if o.stopped {
					lower(&stopAt, i)
				}
			}
		})
	}
	wg.Wait()
	return out
}

// lower sets n to i when i is lower.
func lower(n *atomic.Int64, i int64) {
	for {
		old := n.Load()
		if i >= old || n.CompareAndSwap(old, i) {
			return
		}
	}
}

// one lints one combination: every document as the deal is, with each
// approved fallback in its clause's place, and with every optional field
// empty.
func (c *checker) one(ctx context.Context, comb Combination) *outcome {
	o := &outcome{}
	d := comb.Apply(c.base)
	if err := c.v.Validate(d); err != nil {
		o.add(comb.String(), "the linter's deal is invalid: "+oneLine(err))
		o.done = true
		return o
	}
	o.valid = true
	lib := c.eng.Library()
	sparse := withoutOptional(d, c.v)
	// The DPAs of d and of sparse, once rendered, give the notices of the
	// same deals their clause number without assembling them again.
	var dpa, sparseDPA *document.Document
	for _, kind := range c.docs {
		where := comb.String() + ", " + kind
		doc, stop := c.render(ctx, o, d, kind, where, dpa)
		if stop != nil || ctx.Err() != nil {
			return o
		}
		if doc == nil {
			continue
		}
		if kind == "dpa" {
			dpa = doc
		}
		for _, cu := range doc.Meta.Clauses {
			o.used = append(o.used, cu.ID)
			// Every approved fallback of a clause the document prints is
			// rendered in its place, in this combination, like the
			// standard text.
			for _, fb := range lib.Fallbacks(cu.ID) {
				nd := *d
				nd.Negotiated = map[string]string{cu.ID: fb.Name}
				if _, stop := c.render(ctx, o, &nd, kind, where+", fallback "+cu.ID+"."+fb.Name, nil); stop != nil || ctx.Err() != nil {
					return o
				}
			}
		}
		sdoc, stop := c.render(ctx, o, sparse, kind, where+", optional fields empty", sparseDPA)
		if stop != nil || ctx.Err() != nil {
			return o
		}
		if sdoc != nil {
			if kind == "dpa" {
				sparseDPA = sdoc
			}
			if gap := emptyValue(sdoc); gap != "" {
				o.add(where+", optional fields empty", "a value prints as nothing inside a sentence: "+gap+" (print the phrase only when the field is given: {{with .Field}} ... {{end}})")
			}
		}
	}
	o.done = true
	return o
}

// render assembles one document and checks it: the render succeeds, no
// placeholder is left, and a DPA covers GDPR Art. 28(3). It returns the
// document (nil when it does not apply or failed) and, for a template over
// a resource limit, a non-nil error: lint stops there, as every other
// combination would cost as much. dpa, when not nil, is d's DPA, which a
// notice reads its clause number from.
func (c *checker) render(ctx context.Context, o *outcome, d *deal.Deal, kind, where string, dpa *document.Document) (*document.Document, error) {
	var doc *document.Document
	var err error
	if kind == assemble.NoticeKind {
		n := c.notice
		n.DPA = dpa
		doc, err = c.eng.AssembleNoticeContext(ctx, d, n)
	} else {
		doc, err = c.eng.AssembleContext(ctx, d, kind)
	}
	if ctx.Err() != nil || errors.Is(err, assemble.ErrNotApplicable) {
		return nil, nil // Annex III without Clause 9, say
	}
	o.documents++
	if errors.Is(err, assemble.ErrLimit) {
		o.add(where, oneLine(err)+" (lint stopped here)")
		o.stopped, o.done = true, true
		return nil, errStopped
	}
	if err != nil {
		o.add(where, oneLine(err))
		return nil, nil
	}
	if leftover := placeholders(doc); leftover != "" {
		o.add(where, "leftover placeholder: "+leftover)
	}
	if at := straightApostrophe(doc); at != "" {
		o.add(where, "straight apostrophe in the clause text: "+at+" (write ’, as the rest of the library does; a deal value's is printed typographic already)")
	}
	for _, bare := range clauseNumberProblems(doc) {
		o.add(where, bare)
	}
	if kind == "dpa" {
		if missing := c.eng.Library().Uncovered(doc, Art28()); len(missing) > 0 {
			o.add(where, "no clause covers "+strings.Join(missing, ", "))
		}
	}
	return doc, nil
}

// errStopped ends a lint run early; RunContext reports it as a problem, not
// as an error.
var errStopped = errors.New("lint stopped")

// add records a problem. The same message found again (a typo in a clause
// fails every combination that prints it) is counted with the first, so
// one fault is one problem.
func (r *Report) add(where, msg string) {
	for i := range r.Problems {
		if r.Problems[i].Message == msg {
			r.Problems[i].Also = append(r.Problems[i].Also, where)
			return
		}
	}
	r.Problems = append(r.Problems, Problem{Where: where, Message: msg})
}

// sampleNotice is a notice with one change of each kind, built from the
// base deal's list, so that every part of the notice template renders.
func sampleNotice(base *deal.Deal) assemble.Notice {
	n := assemble.Notice{Date: base.EffectiveDate}
	if len(base.Subprocessors.List) == 0 {
		return n
	}
	first := base.Subprocessors.List[0]
	added := first
	added.Name = "Lint Sample Hosting B.V."
	moved := first
	moved.Name = "Lint Sample Storage S.A."
	after := moved
	after.Location, after.Country = "EU (Frankfurt)", "DE"
	// first is removed, added is added, moved changes location and country.
	n.Changes = sublist.Diff([]deal.Subprocessor{first, moved}, []deal.Subprocessor{added, after})
	return n
}

// placeholders returns the first text of doc that looks like an unfilled
// template action or a missing value, or "".
func placeholders(doc *document.Document) string {
	check := func(s string) string {
		for _, bad := range []string{"<no value>", "{{", "}}", "%!", "\uE000", "\uE001", "\uE002", "\uE003", "\uE004", "\uE005", "\uE006"} {
			if i := strings.Index(s, bad); i >= 0 {
				return fmt.Sprintf("%q in %q", bad, excerpt(s, i))
			}
		}
		return ""
	}
	for _, b := range doc.Blocks {
		var texts []string
		switch b := b.(type) {
		case *document.Heading:
			texts = append(texts, b.Text)
		case *document.Paragraph:
			texts = append(texts, document.PlainText(b.Runs))
			if strings.TrimSpace(document.PlainText(b.Runs)) == "" && b.Marker != "" {
				return fmt.Sprintf("empty list item %s", b.Marker)
			}
		case *document.Table:
			for _, row := range b.Rows {
				for _, c := range row {
					texts = append(texts, document.PlainText(c.Runs))
				}
			}
		}
		for _, t := range texts {
			if s := check(t); s != "" {
				return s
			}
		}
	}
	return ""
}

// straightApostrophe returns the first straight apostrophe between two
// letters in doc's text, outside an e-mail or web address, with its
// context, or "". Deal values print with typographic apostrophes, so one
// left is the clause library's own.
func straightApostrophe(doc *document.Document) string {
	check := func(s string) string {
		for i := strings.IndexByte(s, '\''); i >= 0; {
			if i > 0 && i+1 < len(s) && isLetter(s[i-1]) && isLetter(s[i+1]) {
				if word := wordAt(s, i); !strings.Contains(word, "@") && !strings.Contains(word, "://") {
					return fmt.Sprintf("%q", excerpt(s, i))
				}
			}
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				break
			}
			i += 1 + j
		}
		return ""
	}
	for _, b := range doc.Blocks {
		var at string
		switch b := b.(type) {
		case *document.Heading:
			at = check(b.Text)
		case *document.Paragraph:
			at = check(document.PlainText(b.Runs))
		case *document.Table:
			for _, row := range b.Rows {
				for _, c := range row {
					if at = check(document.PlainText(c.Runs)); at != "" {
						break
					}
				}
				if at != "" {
					break
				}
			}
		}
		if at != "" {
			return at
		}
	}
	return ""
}

// isLetter reports whether c is an ASCII letter.
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// wordAt returns the word of s (between spaces) around s[i].
func wordAt(s string, i int) string {
	start := strings.LastIndexByte(s[:i], ' ') + 1
	end := strings.IndexByte(s[i:], ' ')
	if end < 0 {
		return s[start:]
	}
	return s[start : i+end]
}

func excerpt(s string, i int) string {
	lo, hi := max(0, i-30), min(len(s), i+30)
	return s[lo:hi]
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// sccScopeMarkers open a paragraph or table in which numbered references
// are to clauses of the Standard Contractual Clauses (or of the approved
// SCCs the UK Addendum points to). The scope takes in the whole paragraph
// that holds the marker, the words before it included: a reader who meets
// "Clause 12" there, a sentence before being told that numbered clauses are
// the SCCs', reads it as an SCC clause all the same.
var sccScopeMarkers = []string{
	"references to numbered clauses are to clauses of the Standard Contractual Clauses",
	"references to clauses are to clauses of the Approved EU SCCs",
}

// clauseNumberProblems reports, in one walk of doc, each cross-reference
// to one of the DPA's own clauses ("Clause 6") inside an SCC-scoped part
// that is not followed by "of this DPA" (checkRefs: there a reader takes
// "Clause 6" for Clause 6 of the Standard Contractual Clauses; clause
// authors write such a reference with {{.DPARef "id"}}), and each clause
// number written as text outside the SCC-scoped parts whose sentence does
// not say whose clause it is (checkClauseNumbers: there a bare number is
// one of the DPA's own clauses, as its reading rule says, so a clause of
// the Standard Contractual Clauses or of the UK Addendum must be named as
// such: "Clauses 14(f) and 16(d) of the Standard Contractual Clauses").
func clauseNumberProblems(doc *document.Document) []string {
	var out []string
	walkScopes(doc, func(runs []document.Run, scoped bool) {
		if scoped {
			out = append(out, checkRefs(runs)...)
		} else {
			out = append(out, checkClauseNumbers(runs)...)
		}
	})
	return out
}

// walkScopes calls visit with the runs of every paragraph and table row
// cell of doc, saying whether they stand in an SCC scope. A scope opens at
// the start of the paragraph that holds a marker sentence and runs over the
// items nested under it (or, for a paragraph that introduces tables, over
// the tables and sub-headings that follow) until the next paragraph at the
// same level or the next clause heading.
func walkScopes(doc *document.Document, visit func(runs []document.Run, scoped bool)) {
	in, indent := false, 0
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case *document.Heading:
			if b.Level <= 2 {
				in = false
			}
		case *document.Paragraph:
			if in && b.Indent <= indent && (b.Marker != "" || indent > 0) {
				in = false
			}
			if !in && inScope(b.Runs) {
				in, indent = true, b.Indent
			}
			visit(b.Runs, in)
		case *document.Table:
			for _, row := range b.Rows {
				for _, c := range row {
					visit(c.Runs, in)
				}
			}
		}
	}
}

// inScope reports whether runs hold an SCC-scope marker.
func inScope(runs []document.Run) bool {
	for _, r := range runs {
		for _, m := range sccScopeMarkers {
			if strings.Contains(r.Text, m) {
				return true
			}
		}
	}
	return false
}

// checkRefs reports each reference to a DPA clause in runs that is not
// followed by "of this DPA".
func checkRefs(runs []document.Run) []string {
	var out []string
	for i, r := range runs {
		if r.Ref == "" || !strings.HasPrefix(r.Text, "Clause ") {
			continue
		}
		if i+1 < len(runs) && strings.HasPrefix(runs[i+1].Text, " of this DPA") {
			continue
		}
		context := ""
		if i+1 < len(runs) {
			context = excerpt(runs[i+1].Text, 0)
		}
		out = append(out, fmt.Sprintf("bare reference to %s (#%s) inside a paragraph whose numbered clauses are those of the Standard Contractual Clauses: a reader takes it for an SCC clause; write {{.DPARef %q}} so it reads %q (…%s%s)",
			r.Text, r.Ref, r.Ref, r.Text+" of this DPA", r.Text, context))
	}
	return out
}

// clauseOwners name the instrument a clause number written as text belongs
// to.
var clauseOwners = []string{"Standard Contractual Clauses", "standard contractual clauses", "SCCs", "UK Addendum", "Data Processing Agreement", "this DPA"}

// checkClauseNumbers reports each "Clause N" or "Clauses N" in the text of
// runs (cross-references aside) that is not followed, before its sentence
// or the next such number ends, by the name of its instrument
// (clauseOwners): "as Clause 14(f) of the Standard Contractual Clauses (and,
// where it applies, Clause 16) provides" leaves "Clause 16" to be read as
// the DPA's.
func checkClauseNumbers(runs []document.Run) []string {
	var b strings.Builder
	for _, r := range runs {
		if r.Ref == "" {
			b.WriteString(r.Text)
		} else {
			b.WriteString("\x00") // a cross-reference: not text to read
		}
	}
	txt := b.String()
	var out []string
	for at := clauseNumberAt(txt, 0); at >= 0; {
		token := clauseToken(txt, at)
		after := at + len(token)
		next := clauseNumberAt(txt, after)
		end := sentenceEnd(txt, after)
		if next >= 0 && next < end {
			end = next
		}
		if !containsAny(txt[after:end], clauseOwners) {
			out = append(out, fmt.Sprintf("%q in running text outside the SCC paragraphs reads as a clause of this DPA (where a bare number is one), but it is not a cross-reference: write {{.Ref \"id\"}} for a clause of this DPA, or name the instrument after the number (\"%s of the Standard Contractual Clauses\") (…%s…)",
				token, token, excerpt(txt, at)))
		}
		at = next
	}
	return out
}

// clauseNumberAt returns the index of the first "Clause N" or "Clauses N"
// in txt at or after from, or -1.
func clauseNumberAt(txt string, from int) int {
	for i := from; i < len(txt); {
		j := strings.Index(txt[i:], "Clause")
		if j < 0 {
			return -1
		}
		at := i + j
		rest := strings.TrimPrefix(txt[at+len("Clause"):], "s")
		if len(rest) >= 2 && rest[0] == ' ' && rest[1] >= '0' && rest[1] <= '9' {
			return at
		}
		i = at + len("Clause")
	}
	return -1
}

// clauseToken returns the clause number at txt[at:]: "Clause 14(f)",
// "Clauses 8.9".
func clauseToken(txt string, at int) string {
	end := at + len("Clause")
	if strings.HasPrefix(txt[end:], "s") {
		end++
	}
	end++         // the space
	open := false // inside "(f)"
	for ; end < len(txt); end++ {
		c := txt[end]
		switch {
		case isDigit(c):
		case c == '.' && end+1 < len(txt) && isDigit(txt[end+1]): // "8.9"
		case c == '(' && !open:
			open = true
		case c == ')' && open:
			open = false
		case c >= 'a' && c <= 'z' && txt[end-1] == '(': // the letter of "(f)"
		default:
			return txt[at:end]
		}
	}
	return txt[at:end]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// sentenceEnd returns where the sentence holding txt[i] ends.
func sentenceEnd(txt string, i int) int {
	if k := strings.Index(txt[i:], ". "); k >= 0 {
		return i + k + 1
	}
	return len(txt)
}

// containsAny reports whether s contains any of subs.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
