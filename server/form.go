package server

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/htmldoc"
	"github.com/gin-gonic/gin"
)

// option is one choice of a select or a group of radio buttons.
type option struct{ Value, Label string }

// field is one input of the form as its template sees it.
type field struct {
	Name, ID    string
	Value       string
	Values      []string
	Label, Help string
	Errors      []string
	Options     []option
	Placeholder string
	MultiLine   bool
	// Wide shows a one-line input across the whole width of the form.
	Wide         bool
	Type         string
	Min, Max     int
	AutoComplete string
}

// Opts returns f with choices given as value, label pairs.
func (f field) Opts(pairs ...string) field {
	for i := 0; i+1 < len(pairs); i += 2 {
		f.Options = append(f.Options, option{pairs[i], pairs[i+1]})
	}
	return f
}

// Except returns f without the choices of the given values when drop is
// true, but for the one the field holds: a choice the deal's law rules out
// (a processor customer in a US-only deal) is not offered, while a value
// already chosen stays shown, checked, beside the message that refuses it.
func (f field) Except(drop bool, values ...string) field {
	if !drop {
		return f
	}
	f.Options = slices.DeleteFunc(slices.Clone(f.Options), func(o option) bool {
		return o.Value != f.Value && slices.Contains(values, o.Value)
	})
	return f
}

// Choices returns f with the choices of a closed vocabulary (the
// sub-processor transfer mechanisms), each under the label the documents
// and the workbook give it, so that the form never spells one differently.
func (f field) Choices(cs []deal.Choice) field {
	for _, c := range cs {
		f.Options = append(f.Options, option{c.Code, c.Label})
	}
	return f
}

// As returns f shown as an input of type t ("email", "url", "date",
// "number", "tel").
func (f field) As(t string) field { f.Type = t; return f }

// Range returns f as a number input between lo and hi.
func (f field) Range(lo, hi int) field { f.Type, f.Min, f.Max = "number", lo, hi; return f }

// Hint returns f with a placeholder.
func (f field) Hint(s string) field { f.Placeholder = s; return f }

// Auto returns f with an autocomplete token.
func (f field) Auto(s string) field { f.AutoComplete = s; return f }

// Has reports whether the field's values include v (a checked checkbox, a
// selected option).
func (f field) Has(v string) bool { return slices.Contains(f.Values, v) }

// summaryItem is one problem in the summary at the top of the form, or
// one warning.
type summaryItem struct {
	// Path is the deal path of the problem; Field the name of the input it
	// is shown at and Anchor that input's id, or "" where it has none.
	Path, Message, Field, Anchor string
	// Label names the field as the form does ("Customer's signatory –
	// Position"), or is "" when the form has no name for it.
	Label string
}

// formPage is the form's template data.
type formPage struct {
	s        *Server
	paths    map[string]bool
	vals     url.Values
	errs     map[string][]string
	Problems []summaryItem
	// Warnings are the deal's warnings, worded and named as its problems.
	Warnings []summaryItem
	Notice   string
	// NoticeFailed styles Notice as a failure (the upload could not be
	// read) rather than as news.
	NoticeFailed bool
	// Fresh marks the form a GET request shows (not the answer to a POST),
	// which the script fills again from the browser's history when the
	// user comes back to it (Back, Forward, reload).
	Fresh      bool
	Example    bool
	CanExample bool
	Profile    string
	Countries  []option
	Catalog    assemble.Catalog
	Status     int
	// laws are the laws that govern the transfers of the deal the form
	// holds (deal.TransferLaws), which decide whether a sub-processor has a
	// transfer mechanism to choose and how each choice is named.
	laws deal.Laws
	// usOnly reports whether the deal the form holds has no EEA, UK or
	// Swiss nexus (gdpr.applies: false): its DPA has no SCCs, UK Addendum
	// or Swiss terms, and the form says so instead of asking for them.
	usOnly bool
}

// USOnly reports whether the deal the form holds is a US-only deal
// (gdpr.applies: false), as the form last checked it: the form then
// collapses the SCC, UK Addendum and Swiss choices, which its DPA does not
// have, keeping their values, and words its help for the CCPA.
func (p *formPage) USOnly() bool { return p.usOnly }

// ByLaw returns eu, the wording for a deal under EU, UK or Swiss law, or
// us for a US-only deal.
func (p *formPage) ByLaw(eu, us string) string {
	if p.usOnly {
		return us
	}
	return eu
}

// InapplicableOpen reports whether the collapsed choices of a US-only deal
// (its SCC selections but the sub-processor notice period, the UK Addendum
// and the Swiss terms) hold a problem, so that they show open at it.
func (p *formPage) InapplicableOpen() bool {
	for k := range p.errs {
		if k != "scc.subprocessor_notice_days" && (strings.HasPrefix(k, "scc.") || strings.HasPrefix(k, "uk_addendum.") || strings.HasPrefix(k, "swiss.")) {
			return true
		}
	}
	return false
}

// Transfers reports whether the deal the form holds makes restricted
// transfers, so that each sub-processor has a transfer mechanism to
// choose: not a deal without an EEA, UK or Swiss nexus (gdpr.applies:
// false), whose DPA, notice and workbook state none.
func (p *formPage) Transfers() bool { return p.laws.Restricted() }

// TransferMechanisms returns the sub-processor transfer mechanisms of the
// deal vocabulary (subproc), in drop-list order, each labelled as the
// deal's Annex III, notice and workbook name it for the laws of its
// transfers ("dpf" is the framework or frameworks that cover them).
func (p *formPage) TransferMechanisms() []deal.Choice { return p.laws.TransferMechanisms() }

// NoTransfer returns the field of a sub-processor's transfer mechanism in
// a deal without restricted transfers, which the form does not ask for: its
// value as given when it is a code of the vocabulary, else "none", the
// code a deal file gives such a sub-processor in any country.
func (p *formPage) NoTransfer(f field) field {
	if !slices.Contains(deal.Codes(deal.TransferMechanisms()), f.Value) {
		f.Value = deal.TransferNone
	}
	return f
}

// formLaws returns the laws that govern the transfers of the deal the
// form's values describe (deal.TransferLaws), and whether it is a US-only
// deal (gdpr.applies: false), read without validation: a value that does
// not decode is left out, as validation reports it.
func formLaws(vals url.Values) (laws deal.Laws, usOnly bool) {
	n, _ := formDeal(vals)
	var d deal.Deal
	if n != nil {
		_ = n.Decode(&d) // what decodes is enough to tell the laws
	}
	deal.Defaults(&d)
	return d.TransferLaws(), !d.GDPR.On()
}

// inputID is the HTML id of the input named path.
func inputID(path string) string {
	return "f-" + strings.NewReplacer("[", "-", "]", "", ".", "-", "_", "-").Replace(path)
}

// F returns the field of the input named path. It fails (and so does the
// page) for a name the deal has no field for: a typo in the template must
// not silently drop a field.
func (p *formPage) F(path, label, help string) (field, error) {
	if !p.paths[genericPath(path)] {
		return field{}, fmt.Errorf("form template: no deal field %q", path)
	}
	return field{
		Name: path, ID: inputID(path), Value: p.vals.Get(path), Values: p.vals[path],
		Label: label, Help: help, Errors: p.errs[path], Type: "text", MultiLine: paragraphs[genericPath(path)], Wide: wideText[genericPath(path)],
	}, nil
}

// row is one row of a list of records in the form.
type row struct {
	Index  int
	Prefix string
	Title  string
	Open   bool
}

// Rows returns the rows of the list named path, in order.
func (p *formPage) Rows(path string) []row {
	var out []row
	for _, i := range rowIndexes(p.vals, path) {
		prefix := fmt.Sprintf("%s[%d]", path, i)
		r := row{Index: i, Prefix: prefix, Title: p.vals.Get(prefix + ".name")}
		if r.Title == "" {
			r.Title = p.vals.Get(prefix + ".title")
		}
		if r.Title == "" {
			r.Title = p.vals.Get(prefix + ".category")
		}
		for k := range p.errs {
			if strings.HasPrefix(k, prefix+".") || k == prefix {
				r.Open = true
			}
		}
		if r.Title == "" {
			r.Open = true
		}
		out = append(out, r)
	}
	return out
}

// Template returns the placeholder row the form's script copies to add a
// row without a round trip.
func (p *formPage) Template(path string) row {
	return row{Index: -1, Prefix: path + "[__i__]", Open: true}
}

// Sub joins a row prefix and a key.
func (p *formPage) Sub(prefix, key string) string { return prefix + "." + key }

// RowErrors returns the problems of a row as a whole (a duplicate name).
func (p *formPage) RowErrors(prefix string) []string { return p.errs[prefix] }

// Measure reports whether the Annex II measure id is selected: every
// measure when the selection is "all".
func (p *formPage) Measure(id string) bool {
	return p.vals.Get("security.measures") == "all" || slices.Contains(p.vals[measuresIDs], id)
}

// Title is the page's title: after a check that found problems it starts
// with their number, as the summary's heading gives it, so that a screen
// reader announces it and a tab shows it.
func (p *formPage) Title() string {
	if n := len(p.Problems); n > 0 {
		word := "problems"
		if n == 1 {
			word = "problem"
		}
		return fmt.Sprintf("%d %s to fix – New DPA", n, word)
	}
	return "New DPA"
}

// MeasureErrors returns the problems of the Annex II selection.
func (p *formPage) MeasureErrors() []string { return p.errs["security.measures"] }

// newFormPage builds the form's data for values vals and the problems of
// err, if it holds any.
func (s *Server) newFormPage(vals url.Values, problems []deal.Problem) *formPage {
	p := &formPage{s: s, paths: s.formPaths, vals: vals, errs: map[string][]string{},
		Example: s.cfg.ExampleProfile, CanExample: s.cfg.ExampleDeal != nil, Profile: s.cfg.ProfileName,
		Countries: s.countries, Catalog: s.engine.Library().Catalog(), Status: http.StatusOK}
	p.laws, p.usOnly = formLaws(vals)
	for _, item := range s.items(problems, p.laws, p.usOnly) {
		if item.Field != "" {
			p.errs[item.Field] = append(p.errs[item.Field], item.Message)
		}
		p.Problems = append(p.Problems, item)
	}
	if len(problems) > 0 {
		p.Status = http.StatusUnprocessableEntity
	}
	return p
}

// items returns problems or warnings as the form shows them, for the form
// of a deal whose transfers laws govern, US-only (usOnly) or any other:
// worded for the form (formWords.page, with a transfer mechanism named by
// the label its radio button shows for those laws), each named by the
// label of its field and linked to its input, where the form has one.
func (s *Server) items(problems []deal.Problem, laws deal.Laws, usOnly bool) []summaryItem {
	out := make([]summaryItem, 0, len(problems))
	for _, pr := range problems {
		msg := mechanismLabels(s.words.page(pr, usOnly), pr.Path, laws)
		item := summaryItem{Path: pr.Path, Message: msg, Label: s.labelFor(pr.Path, usOnly)}
		if name := s.inputFor(pr.Path); name != "" {
			item.Field, item.Anchor = name, inputID(name)
		}
		out = append(out, item)
	}
	return out
}

// unlinked returns items without links to their inputs, for a page that
// has none (the preview).
func unlinked(items []summaryItem) []summaryItem {
	for i := range items {
		items[i].Field, items[i].Anchor = "", ""
	}
	return items
}

// inputFor returns the name of the input a problem at path belongs to:
// the path itself, the first input of a section it names (its name: a
// missing contact or signatory is shown at its name input), or the
// nearest enclosing input (a list's text area for one of its lines, the
// list row for a duplicate name); "" when there is none.
func (s *Server) inputFor(path string) string {
	if !s.formPaths[genericPath(path)] && s.formPaths[genericPath(path)+".name"] {
		return path + ".name"
	}
	for path != "" {
		if s.formPaths[genericPath(path)] || rowPath(path) {
			return path
		}
		if i := strings.LastIndexAny(path, ".["); i > 0 {
			path = path[:i]
			continue
		}
		break
	}
	return ""
}

// rowLists are the lists of records the form shows as rows.
var rowLists = map[string]bool{"subprocessors.list": true, "security.extra": true, "riders": true}

// rowPath reports whether path names a row of a list of records, like
// "subprocessors.list[3]".
func rowPath(path string) bool {
	i := strings.LastIndex(path, "[")
	return i > 0 && strings.HasSuffix(path, "]") && rowLists[path[:i]]
}

// page writes one of the page templates.
func (s *Server) page(c *gin.Context, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, data); err != nil {
		s.fail(c.Writer, c.Request, fmt.Errorf("page %s: %w", name, err))
		return
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// showForm writes the form.
func (s *Server) showForm(c *gin.Context, p *formPage) {
	if len(p.Problems) > 1 {
		if err := s.inFormOrder(p); err != nil {
			s.fail(c.Writer, c.Request, err)
			return
		}
	}
	s.page(c, p.Status, "form", p)
}

// inFormOrder puts the problem summary in the order of the fields on the
// page, which is not the deal file's (the form asks for the customer's
// role beside its name, the audit terms after the sub-processors): it
// renders the page once to find where each problem's input is. Problems
// without an input keep their order, after the others.
func (s *Server) inFormOrder(p *formPage) error {
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, "form", p); err != nil {
		return fmt.Errorf("page form: %w", err)
	}
	html := buf.String()
	at := func(it summaryItem) int {
		if it.Anchor == "" {
			return len(html)
		}
		if i := strings.Index(html, `id="`+it.Anchor+`"`); i >= 0 {
			return i
		}
		return len(html)
	}
	slices.SortStableFunc(p.Problems, func(a, b summaryItem) int { return at(a) - at(b) })
	return nil
}

// getForm answers GET /: the form, prefilled from the profile (or with
// the example deal, with ?example=1).
func (s *Server) getForm(c *gin.Context) {
	if c.Query("example") != "" && s.cfg.ExampleDeal != nil {
		d, err := s.valid.Load(s.cfg.ExampleDeal, "example.yaml", s.cfg.Profile, s.cfg.ProfileName)
		if d == nil {
			s.fail(c.Writer, c.Request, err)
			return
		}
		ps, _ := problemsOf(err)
		p := s.newFormPage(formValues(d), ps)
		p.Notice = "The form holds the example deal."
		p.Fresh = true
		s.showForm(c, p)
		return
	}
	start := *s.start
	if start.EffectiveDate.IsZero() {
		t := s.cfg.Today().UTC()
		start.EffectiveDate, _ = deal.ParseDate(t.Format(deal.DateLayout))
	}
	p := s.newFormPage(formValues(&start), nil)
	p.Fresh = true
	s.showForm(c, p)
}

// postForm answers POST /: the form's buttons. "preview" (the default)
// checks the deal and shows the preview, or the form again with every
// problem; "deal.yaml" downloads the form's content as a deal file;
// "add:LIST" and "remove:LIST[i]" add and remove list rows for browsers
// without JavaScript; "refresh" shows the form again, unchecked, laid out
// for the laws its values now name (the script asks for it when one of
// those values changes).
func (s *Server) postForm(c *gin.Context) {
	posted, err := formData(c)
	if err != nil {
		s.failForm(c, err)
		return
	}
	form := s.tickedMeasures(posted)
	action := form.Get("action")
	_, norm := formDeal(form)
	switch {
	case strings.HasPrefix(action, "add:"):
		list := strings.TrimPrefix(action, "add:")
		if !rowLists[list] {
			break
		}
		n := len(rowIndexes(norm, list))
		// An empty first field makes the new row appear in the form.
		norm.Set(fmt.Sprintf("%s[%d].%s", list, n, firstKey(list)), "")
		s.showForm(c, s.newFormPage(norm, nil))
		return
	case strings.HasPrefix(action, "remove:"):
		s.showForm(c, s.newFormPage(removeRow(norm, strings.TrimPrefix(action, "remove:")), nil))
		return
	case action == "refresh":
		// The values as the page has them, rows numbered as its inputs
		// are: the script that asks for this keeps what it knows of the
		// inputs by their names.
		s.showForm(c, s.newFormPage(asTyped(form), nil))
		return
	case action == "deal.yaml":
		s.downloadFormDeal(c, form)
		return
	case action == "recheck":
		// The form as it was after a check (the script brings it back
		// when the user returns to it): its values, with every problem,
		// and never the preview.
		d, err := s.loadForm(form)
		ps, ok := problemsOf(err)
		if err != nil && !ok {
			s.fail(c.Writer, c.Request, err)
			return
		}
		p := s.newFormPage(norm, ps)
		if d != nil && len(ps) > 0 {
			p.Warnings = s.items(s.warnings(d), p.laws, p.usOnly)
		}
		s.showForm(c, p)
		return
	}
	release, err := s.limiter.acquire(c.Request.Context())
	if err != nil {
		c.Header("Retry-After", "1")
		writeError(c.Writer, c.Request, http.StatusServiceUnavailable, errBusy.Error())
		return
	}
	defer release()
	d, err := s.loadForm(form)
	if err != nil {
		ps, ok := problemsOf(err)
		if !ok {
			s.fail(c.Writer, c.Request, err)
			return
		}
		p := s.newFormPage(norm, ps)
		if d != nil {
			p.Warnings = s.items(s.warnings(d), p.laws, p.usOnly)
		}
		s.showForm(c, p)
		return
	}
	s.showPreview(c, d)
}

// asTyped returns the form's values as the page sent them, without the
// button pressed, to show the form again as it was.
func asTyped(form url.Values) url.Values {
	out := maps.Clone(form)
	out.Del("action")
	return out
}

// checkAnswer is the answer of POST /check: the problems of the form's
// deal and its warnings (those the deal as it stands gives, whether or
// not it has problems: none when its values cannot be read), as the form
// shows them.
type checkAnswer struct {
	Problems []checkItem `json:"problems"`
	Warnings []checkItem `json:"warnings"`
}

// checkItem is one problem of a check: its deal path, the name
// and id of the input the page shows it at ("" for none), its label and
// its message, in the form's words.
type checkItem struct {
	Path    string `json:"path"`
	Field   string `json:"field,omitempty"`
	Anchor  string `json:"anchor,omitempty"`
	Label   string `json:"label,omitempty"`
	Message string `json:"message"`
}

// postCheck answers POST /check, the form's live check: the form's data
// checked as Check and preview checks it, each problem worded and named
// as the page words it and placed at the input the page has for it. The
// deal numbers the rows that remain from 0, while the page keeps the
// numbers its rows were given (one removed or left blank leaves a gap),
// so each problem is placed at its own row's input.
func (s *Server) postCheck(c *gin.Context) {
	posted, err := formData(c)
	if err != nil {
		s.failForm(c, err)
		return
	}
	form := s.tickedMeasures(posted)
	d, err := s.loadForm(form)
	ps, ok := problemsOf(err)
	if err != nil && !ok {
		s.fail(c.Writer, c.Request, err)
		return
	}
	laws, usOnly := formLaws(form)
	rows := rowOrigins(form)
	answer := checkAnswer{
		Problems: s.checkItems(ps, laws, usOnly, rows),
		Warnings: s.checkItems(s.warnings(d), laws, usOnly, rows),
	}
	writeJSON(c.Writer, http.StatusOK, answer)
}

// checkItems returns problems (or warnings) as the live check answers
// them, each placed at the input of the row the page gave it (rows).
func (s *Server) checkItems(problems []deal.Problem, laws deal.Laws, usOnly bool, rows rowNumbers) []checkItem {
	out := []checkItem{}
	for _, it := range s.items(problems, laws, usOnly) {
		ci := checkItem{Path: it.Path, Label: it.Label, Message: it.Message}
		if name := s.inputFor(rows.onPage(it.Path)); name != "" {
			ci.Field, ci.Anchor = name, inputID(name)
		}
		out = append(out, ci)
	}
	return out
}

// firstKey is the key of a list's first input.
func firstKey(list string) string {
	switch list {
	case "security.extra":
		return "category"
	case "riders":
		return "after"
	}
	return "name"
}

// removeRow drops the inputs of one row ("subprocessors.list[2]") and
// renumbers the rest.
func removeRow(vals url.Values, rowName string) url.Values {
	out := url.Values{}
	for k, v := range vals {
		if !strings.HasPrefix(k, rowName+".") {
			out[k] = v
		}
	}
	_, norm := formDeal(out)
	return norm
}

// failForm answers a form that could not be read: 413 for one over the
// body limit or with more fields than the server reads (errFormFields),
// each saying what to do instead; 400 for form data that does not decode,
// naming the field (errFormEncoding).
func (s *Server) failForm(c *gin.Context, err error) {
	var fields errFormFields
	var enc errFormEncoding
	switch {
	case isTooLarge(err):
		writeError(c.Writer, c.Request, http.StatusRequestEntityTooLarge, s.tooLargeFor(c.Request))
	case errors.As(err, &fields):
		writeError(c.Writer, c.Request, http.StatusRequestEntityTooLarge, fields.Error())
	case errors.As(err, &enc):
		writeError(c.Writer, c.Request, http.StatusBadRequest, enc.Error())
	default:
		writeError(c.Writer, c.Request, http.StatusBadRequest, "the form data cannot be read: send the form as a browser does (application/x-www-form-urlencoded)")
	}
}

// downloadFormDeal sends the form's content as a deal file, valid or not,
// so a draft can be kept and finished later.
func (s *Server) downloadFormDeal(c *gin.Context, form url.Values) {
	n, _ := formDeal(form)
	d, loadErr := s.loadForm(form)
	var (
		out []byte
		err error
	)
	if loadErr == nil {
		out, err = dealYAML(d)
	} else {
		// A draft that is not valid yet: give back what was typed, as
		// YAML, to finish in the form or an editor.
		out, err = encodeNode(n)
	}
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	name := downloadName("Deal", &deal.Deal{Customer: deal.Customer{Name: form.Get("customer.name")}}, ".yaml")
	if d != nil {
		name = downloadName("Deal", d, ".yaml")
	}
	s.send(c, out, "application/yaml; charset=utf-8", name)
}

// upload answers POST /upload: a deal file, laid over the profile, fills
// the form; its problems are shown at their fields.
func (s *Server) upload(c *gin.Context) {
	fh, err := c.FormFile("deal")
	if err != nil {
		if isTooLarge(err) {
			s.failForm(c, err)
			return
		}
		msg := "choose a deal file (YAML or JSON) to upload"
		if !errors.Is(err, http.ErrMissingFile) {
			// Not a missing file: multipart data that does not parse
			// (no boundary, more parts than Go reads) is no upload the
			// page sends.
			msg = fmt.Sprintf("the upload could not be read (%v): upload the deal file from the page's form, one file in its deal field", err)
			if strings.Contains(err.Error(), "message too large") {
				// Go reads at most 1,000 parts of multipart data (and
				// says "message too large" whatever the size).
				msg = "the upload could not be read: it has more parts than the 1,000 the server reads; upload the deal file from the page's form, one file in its deal field"
			}
		}
		p := s.newFormPage(formValues(s.start), []deal.Problem{{Rule: "upload", Message: msg}})
		s.showForm(c, p)
		return
	}
	f, err := fh.Open()
	if err != nil {
		s.fail(c.Writer, c.Request, fmt.Errorf("open upload: %w", err))
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, s.cfg.MaxBody+1))
	if err != nil {
		s.fail(c.Writer, c.Request, fmt.Errorf("read upload: %w", err))
		return
	}
	name := safeFileName(fh.Filename)
	x, warnings, err := s.valid.LoadExplained(data, name, s.cfg.Profile, s.cfg.ProfileName)
	ps, isProblem := problemsOf(err)
	if err != nil && !isProblem {
		s.fail(c.Writer, c.Request, err)
		return
	}
	// A file whose only fault is keys dpakit does not know (a typo) still
	// fills the form with everything else: those keys are left out, and
	// listed with the file's other problems.
	var unknown []deal.Problem
	if x == nil {
		if pruned, left, ok := withoutUnknownKeys(data, ps); ok {
			x, warnings, err = s.valid.LoadExplained(pruned, name, s.cfg.Profile, s.cfg.ProfileName)
			if ps, isProblem = problemsOf(err); err != nil && !isProblem {
				s.fail(c.Writer, c.Request, err)
				return
			}
			unknown = left
		}
	}
	if x == nil {
		// Nothing to fill the form with: the problems are listed, none at
		// a field, whose value is still the profile's.
		p := s.newFormPage(formValues(s.start), nil)
		p.Problems = summaryOnly(ps)
		p.Status = http.StatusUnprocessableEntity
		p.Notice, p.NoticeFailed = name+" could not be read, so the form still holds the profile's terms: fix the problems listed and upload it again.", true
		s.showForm(c, p)
		return
	}
	if err == nil {
		if err = s.checkDeal(x); err != nil {
			if ps, isProblem = problemsOf(err); !isProblem {
				s.fail(c.Writer, c.Request, err)
				return
			}
		}
	}
	p := s.newFormPage(formValues(x.Deal), append(unknown, ps...))
	p.Notice = "The form holds the deal from " + name + "."
	if len(unknown) > 0 {
		p.Notice = fmt.Sprintf("The form holds the deal from %s, without %s that dpakit does not know (listed below): check their spelling, then correct the form.", name, countWords(len(unknown), "the key", "the keys"))
	}
	// The loader's warnings, which know what came from the file and what
	// from the profile (provider_from_profile,
	// processing_partly_from_profile), then the library's.
	p.Warnings = s.items(append(warnings, x.Locate(s.engine.DealWarnings(x.Deal)).Problems...), p.laws, p.usOnly)
	s.showForm(c, p)
}

// countWords returns one for n == 1, else many with n before its noun:
// "the key", "the 2 keys".
func countWords(n int, one, many string) string {
	if n == 1 {
		return one
	}
	article, noun, _ := strings.Cut(many, " ")
	return fmt.Sprintf("%s %d %s", article, n, noun)
}

// summaryOnly returns the problems as summary items without a link to a
// field: for a file that could not be read, whose values are not the
// form's.
func summaryOnly(ps []deal.Problem) []summaryItem {
	out := make([]summaryItem, len(ps))
	for i, p := range ps {
		out[i] = summaryItem{Path: p.Path, Message: p.Message}
	}
	return out
}

// previewPage is the preview's template data.
type previewPage struct {
	Deal       *deal.Deal
	Deviations []assemble.Deviation
	Warnings   []summaryItem
	DealYAML   string
	// HTML is the body of the HTML writer's page for the DPA: markup the
	// writer built, with every piece of text escaped.
	HTML      template.HTML
	Downloads []download
	Bundle    string
	Example   bool
	Profile   string
}

// download is one download button of the preview.
type download struct {
	File, Label, Name string
}

// showPreview writes the preview of a valid deal: the deviations from the
// standard terms first, the warnings, the download buttons and the DPA.
func (s *Server) showPreview(c *gin.Context, d *deal.Deal) {
	y, err := dealYAML(d)
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	doc, err := s.engine.AssembleContext(c.Request.Context(), d, "dpa")
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	var h bytes.Buffer
	if err := htmldoc.New().Write(&h, doc); err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	p := previewPage{Deal: d, Deviations: assemble.Deviations(s.profile, d, s.engine.Library()),
		Warnings: unlinked(s.items(s.warnings(d), d.TransferLaws(), !d.GDPR.On())), DealYAML: string(y), HTML: template.HTML(pageBody(h.String())),
		Bundle: downloadName("DPA bundle", d, ".zip"), Example: s.cfg.ExampleProfile, Profile: s.cfg.ProfileName}
	for _, kind := range s.documents() {
		if kind != "dpa" {
			if _, err := s.engine.Assemble(d, kind); errors.Is(err, assemble.ErrNotApplicable) {
				continue
			}
		}
		p.Downloads = append(p.Downloads, download{kind + ".pdf", docLabel(kind) + " (PDF)", downloadName(docLabel(kind), d, ".pdf")})
	}
	p.Downloads = append(p.Downloads,
		download{"dpa.docx", "DPA (Word, to negotiate)", downloadName("DPA", d, ".docx")},
		download{"dpa.html", "DPA (HTML)", downloadName("DPA", d, ".html")},
		download{"subprocessors.xlsx", "Sub-processor workbook (Excel)", downloadName("Sub-processors", d, ".xlsx")},
		download{"deal.yaml", "Deal file (YAML)", downloadName("Deal", d, ".yaml")})
	s.page(c, http.StatusOK, "preview", p)
}

// pageBody returns what is inside <main> of a page the HTML writer made.
func pageBody(page string) string {
	_, rest, ok := strings.Cut(page, "<main>")
	if !ok {
		return ""
	}
	body, _, _ := strings.Cut(rest, "</main>")
	return body
}

// dealOfPost loads the complete deal a preview page posts back.
func (s *Server) dealOfPost(c *gin.Context) (*deal.Deal, bool) {
	posted, err := formData(c)
	if err != nil {
		s.failForm(c, err)
		return nil, false
	}
	d, err := s.loadWritten([]byte(posted.Get("deal")), "deal.yaml")
	if err == nil {
		err = s.engine.CheckDeal(d)
	}
	if err != nil {
		if ps, ok := problemsOf(err); ok {
			vals := formValues(s.start)
			if d != nil {
				vals = formValues(d)
			}
			s.showForm(c, s.newFormPage(vals, ps))
			return nil, false
		}
		s.fail(c.Writer, c.Request, err)
		return nil, false
	}
	return d, true
}

// postDownload answers POST /download/{file}: one output of the deal a
// preview page posts back.
func (s *Server) postDownload(c *gin.Context) {
	file := c.Param("file")
	d, ok := s.dealOfPost(c)
	if !ok {
		return
	}
	kind, ext, _ := strings.Cut(file, ".")
	switch {
	case file == "bundle.zip":
		out, err := s.bundle(c.Request.Context(), d, pdfOptions{})
		if err != nil {
			s.fail(c.Writer, c.Request, err)
			return
		}
		s.send(c, out, "application/zip", downloadName("DPA bundle", d, ".zip"))
	case file == "subprocessors.xlsx":
		out, err := workbookOf(d)
		if err != nil {
			s.fail(c.Writer, c.Request, err)
			return
		}
		s.send(c, out, xlsxType, downloadName("Sub-processors", d, ".xlsx"))
	case file == "deal.yaml":
		out, err := dealYAML(d)
		if err != nil {
			s.fail(c.Writer, c.Request, err)
			return
		}
		s.send(c, out, "application/yaml; charset=utf-8", downloadName("Deal", d, ".yaml"))
	default:
		f, okf := formatNamed(ext)
		if !okf || !s.isDocument(kind) {
			writeError(c.Writer, c.Request, http.StatusNotFound, fmt.Sprintf("no download called %q", file))
			return
		}
		out, err := s.document(c.Request.Context(), d, kind, f, pdfOptions{})
		if err != nil {
			s.fail(c.Writer, c.Request, err)
			return
		}
		s.send(c, out, f.mediaType, downloadName(docLabel(kind), d, f.ext))
	}
}

// postPreview answers POST /preview: the preview of the complete deal a
// preview page posts back (the script shows a preview again so when the
// user comes back to it).
func (s *Server) postPreview(c *gin.Context) {
	d, ok := s.dealOfPost(c)
	if !ok {
		return
	}
	s.showPreview(c, d)
}

// postEdit answers POST /edit: the preview's deal back in the form.
func (s *Server) postEdit(c *gin.Context) {
	d, ok := s.dealOfPost(c)
	if !ok {
		return
	}
	s.showForm(c, s.newFormPage(formValues(d), nil))
}

// countryOptions lists every country for the selects, by name.
func countryOptions() []option {
	codes := country.Codes()
	out := make([]option, len(codes))
	for i, c := range codes {
		out[i] = option{c, country.Name(c)}
	}
	return out
}

// pageFuncs are the functions page templates use.
func pageFuncs() template.FuncMap {
	return template.FuncMap{
		"inc":  func(i int) int { return i + 1 },
		"itoa": strconv.Itoa,
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"countryName":    country.Name,
		"countryOptions": selectCountryOptions,
		"dict":           func(p *formPage, r row) rowData { return rowData{p, r} },
		"proc":           func(p *formPage, prefix string) procData { return procData{p, prefix} },
	}
}

// procData is what the processing template gets: the page and the path
// of the description (processing or controller_transfer).
type procData struct {
	Page   *formPage
	Prefix string
}

// rowData is what a row template gets: the page and the row.
type rowData struct {
	Page *formPage
	Row  row
}

// selectCountryOptions writes the options of a country select: the field's
// value selected, and first, named as no country code, when it is none of
// the options. A select offers some 250 countries and the form has several:
// written here, escaped once each, rather than by a template range, the
// form renders in about half the time.
func selectCountryOptions(f field) template.HTML {
	var b strings.Builder
	b.Grow(len(f.Options) * 48)
	known := f.Value == ""
	for _, o := range f.Options {
		known = known || o.Value == f.Value
	}
	if !known {
		v := template.HTMLEscapeString(f.Value)
		b.WriteString(`<option value="` + v + `" selected>` + v + " (not in the list: choose a country)</option>\n")
	}
	for _, o := range f.Options {
		b.WriteString(`<option value="` + template.HTMLEscapeString(o.Value) + `"`)
		if o.Value == f.Value {
			b.WriteString(" selected")
		}
		b.WriteString(">" + template.HTMLEscapeString(o.Label) + "</option>\n")
	}
	return template.HTML(b.String())
}

// C returns the field of a country select.
func (p *formPage) C(path, label, help string) (field, error) {
	f, err := p.F(path, label, help)
	f.Options = p.Countries
	return f, err
}

// EEA returns the field of a select of the EEA's countries (where a
// representative in the Union is established). A value from a deal file
// outside the EEA stays selected, named as such, beside its message.
func (p *formPage) EEA(path, label, help string) (field, error) {
	f, err := p.F(path, label, help)
	if err != nil {
		return f, err
	}
	for _, o := range p.Countries {
		switch {
		case country.IsEEA(o.Value):
			f.Options = append(f.Options, o)
		case o.Value == f.Value:
			f.Options = append(f.Options, option{o.Value, o.Label + " (outside the EEA)"})
		}
	}
	return f, nil
}

// Rider returns the field of a rider's "after" select: the DPA's numbered
// clauses, by title and id, after which a rider may stand. A value from a
// deal file that is not one of them (an annex part, a mistyped id) stays
// selected, named as such, beside its message.
func (p *formPage) Rider(path, label, help string) (field, error) {
	f, err := p.F(path, label, help)
	if err != nil {
		return f, err
	}
	lib := p.s.engine.Library()
	f.Options = append(f.Options, option{"", "Choose a clause"})
	known := false
	for _, id := range lib.BodyClauses() {
		if c, ok := lib.Clause(id); ok {
			f.Options = append(f.Options, option{id, c.Title + " (" + id + ")"})
			known = known || id == f.Value
		}
	}
	if f.Value != "" && !known {
		f.Options = append(f.Options, option{f.Value, f.Value + " (not a numbered clause of the DPA)"})
	}
	return f, nil
}

// V returns the value of the input named path.
func (p *formPage) V(path string) string { return p.vals.Get(path) }

// Open reports whether a part of the form (a collapsed section) has
// problems and must be shown open.
func (p *formPage) Open(prefix string) bool {
	for k := range p.errs {
		if strings.HasPrefix(k, prefix+".") || k == prefix {
			return true
		}
	}
	return false
}
