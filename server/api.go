package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/listfile"
	"github.com/dpakit/dpakit/assemble/sublist"
	"github.com/dpakit/dpakit/assemble/suggest"
	"github.com/dpakit/dpakit/assemble/wording"
	"github.com/gin-gonic/gin"
	"go.yaml.in/yaml/v3"
)

// bodyKind is how a request body encodes a deal.
type bodyKind int

const (
	bodyJSON bodyKind = iota
	bodyYAML
	bodyForm
)

// bodyFor is what a route reads from its request body.
type bodyFor int

const (
	// forDeal is a deal: JSON, YAML or the form app's form data.
	forDeal bodyFor = iota
	// forNotice is a notice request: JSON or YAML only.
	forNotice
)

// what names what a route reads, for messages that say what to send, and
// the file curl would send it from.
func (f bodyFor) what() (what, file string) {
	if f == forNotice {
		return "the notice request ({date, old, new?, customer?})", "notice.yaml"
	}
	return "a deal", "deal.yaml"
}

// sendAs says how to send what a route reads.
func (f bodyFor) sendAs() string {
	what, file := f.what()
	return "send " + what + " as YAML or JSON with Content-Type: application/yaml or application/json (curl -H 'Content-Type: application/yaml' --data-binary @" + file + ")"
}

// errMediaType is a request body in a format the API does not read.
type errMediaType struct {
	got string
	// what the route reads.
	what bodyFor
}

func (e errMediaType) Error() string {
	what, _ := e.what.what()
	send := "send " + what + " as application/json or application/yaml"
	if e.what == forDeal {
		send += " (or application/x-www-form-urlencoded, as the form does)"
	}
	if e.got == "" {
		return "the request has no Content-Type: " + send
	}
	return fmt.Sprintf("unsupported Content-Type %q: %s", e.got, send)
}

// errNotForm is a body labelled form data (application/x-www-form-urlencoded)
// that a route does not read as such: most often a YAML or JSON file that
// curl sent with --data or --data-binary and no Content-Type header, which
// curl then labels form data.
type errNotForm struct {
	// why the body is not the form's: it does not decode as form data, or
	// names none of the form's inputs; "" when it may be, but the route
	// reads no form data.
	why string
	// what the route reads.
	what bodyFor
}

// curlForm is the form data content type, and why a body that is not form
// data so often comes labelled as such.
const curlForm = "application/x-www-form-urlencoded, which curl sends for --data and --data-binary without a Content-Type header"

func (e errNotForm) Error() string {
	if e.why == "" {
		return "this route reads no form data, and the body came as " + curlForm + "; " + e.what.sendAs()
	}
	return "the body is not form data (" + e.why + "), although it came as " + curlForm + "; " + e.what.sendAs()
}

// readBody reads a request body and says how it is encoded. It fails with
// errMediaType for an unsupported Content-Type, with errNotForm for a body
// labelled form data that is not the form app's (or for any form data, on
// a route that takes none), with an "empty" problem for a body holding
// nothing, and with the body limit's *http.MaxBytesError for a body that
// is too large.
func (s *Server) readBody(r *http.Request, what bodyFor) ([]byte, bodyKind, error) {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, 0, errMediaType{got: ct, what: what}
	}
	var kind bodyKind
	switch mt {
	case "application/json":
		kind = bodyJSON
	case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml":
		kind = bodyYAML
	case "application/x-www-form-urlencoded":
		kind = bodyForm
	default:
		return nil, 0, errMediaType{got: mt, what: what}
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, 0, fmt.Errorf("read request body: %w", err)
	}
	if err := emptyBody(data, what); err != nil {
		return nil, 0, err
	}
	if kind == bodyForm {
		form, err := parseForm(data)
		var fields errFormFields
		if errors.As(err, &fields) {
			return nil, 0, err
		}
		switch why := s.notForm(form, err); {
		case why != "":
			return nil, 0, errNotForm{why: why, what: what}
		case what != forDeal:
			return nil, 0, errNotForm{what: what}
		}
	}
	return data, kind, nil
}

// notForm says why a body labelled form data is not the form app's form:
// it does not decode as form data (err, from parseForm), or none of its
// names is one of the form's inputs (a deal path such as customer.name).
// It returns "" for the form's data.
func (s *Server) notForm(form url.Values, err error) string {
	var enc errFormEncoding
	if errors.As(err, &enc) {
		return fmt.Sprintf("it does not decode as form data: its field %s %v", suggest.Quote(enc.field), enc.err)
	}
	for name := range form {
		if s.formPaths[genericPath(name)] {
			return ""
		}
	}
	return "none of its fields is one of the form's inputs, deal paths such as customer.name"
}

// emptyBody returns the "empty" problem of a body that holds nothing but
// white space, saying what to send; nil for any other body.
func emptyBody(data []byte, what bodyFor) error {
	if len(bytes.TrimSpace(data)) > 0 {
		return nil
	}
	msg := "the request body is empty (0 bytes)"
	if len(data) > 0 {
		msg = fmt.Sprintf("the request body holds only white space (%d bytes)", len(data))
	}
	return emptyProblem(msg, what)
}

// emptyProblem is the "empty" problem of a request body with no document
// in it: msg says what the body holds, the rest what to send.
func emptyProblem(msg string, what bodyFor) error {
	return &deal.ValidationError{Problems: []deal.Problem{{File: requestName, Rule: "empty", Message: msg + ": " + what.sendAs()}}}
}

// jsonProblem is the problem of a body that is not the JSON its
// Content-Type claims, at the line and column of the offending character,
// as a .json deal file's is (deal.JSONProblem); nil for valid JSON.
func jsonProblem(data []byte) error {
	p := deal.JSONProblem(data)
	if p == nil {
		return nil
	}
	p.File, p.Message = requestName, "the body "+p.Message
	return &deal.ValidationError{Problems: []deal.Problem{*p}}
}

// loadRequestDeal decodes the deal in a request body, lays it over the
// server's profile (a form's deal is complete and stands alone), applies
// defaults, validates it and checks it against the library. The deal and
// its warnings are returned with the error when it decoded but broke a
// rule.
func (s *Server) loadRequestDeal(data []byte, kind bodyKind) (*deal.Deal, []deal.Problem, error) {
	switch kind {
	case bodyJSON:
		if err := jsonProblem(data); err != nil {
			return nil, nil, err
		}
	case bodyForm:
		// readBody checked that the body is the form's.
		form, err := parseForm(data)
		if err != nil {
			return nil, nil, fmt.Errorf("read form data: %w", err)
		}
		d, err := s.loadForm(s.tickedMeasures(form))
		return d, s.formProblems(s.warnings(d)), s.formProblemsErr(err)
	}
	x, warnings, err := s.valid.LoadExplained(data, requestName, s.cfg.Profile, s.cfg.ProfileName)
	if x == nil {
		return nil, warnings, noDeal(err)
	}
	if err != nil {
		return x.Deal, warnings, err
	}
	if err := s.checkDeal(x); err != nil {
		return x.Deal, warnings, err
	}
	if ws := s.engine.DealWarnings(x.Deal); len(ws) > 0 {
		warnings = append(warnings, x.Locate(ws).Problems...)
	}
	return x.Deal, warnings, nil
}

// formProblems returns the problems of a deal sent as form data (the
// form's, or its live check's) as the form words them (see formWords),
// without their lines: those count the lines of the deal built from the
// fields, which the caller never sent; the path names each field.
func (s *Server) formProblems(problems []deal.Problem) []deal.Problem {
	for i := range problems {
		problems[i].Line = 0
	}
	return s.words.problems(problems)
}

// formProblemsErr is formProblems for the problems of a validation error.
func (s *Server) formProblemsErr(err error) error {
	var ve *deal.ValidationError
	if errors.As(err, &ve) {
		ve.Problems = s.formProblems(ve.Problems)
	}
	return err
}

// noDeal words the loader's "empty document" of a request body that holds
// only comments or null as a request's problem, saying what to send; it
// returns any other error as it is.
func noDeal(err error) error {
	var ve *deal.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 {
		return err
	}
	if p := ve.Problems[0]; p.Rule == "empty" && p.File == requestName {
		return emptyProblem("the request body holds no deal (only comments, white space or null)", forDeal)
	}
	return err
}

// checkDeal runs the clause library's checks on a loaded deal
// (assemble.Engine.CheckDeal) and locates its problems in the request
// body or the profile, as the loader locates its own.
func (s *Server) checkDeal(x *deal.Explained) error {
	err := s.engine.CheckDeal(x.Deal)
	var ve *deal.ValidationError
	if errors.As(err, &ve) {
		return x.Locate(ve.Problems)
	}
	return err
}

// loadForm loads the deal the form's values describe; see formDeal. A
// value that does not decode (text in a number field) is reported, and
// the rest of the deal is still validated without it, so the form shows
// every problem at once. A name that is none of the form's inputs, and a
// value given twice where the form gives one, are problems too (see
// formNames), reported before the deal's.
func (s *Server) loadForm(form url.Values) (*deal.Deal, error) {
	d, err := s.loadFormDeal(form)
	return d, withProblems(s.formNames.problems(form), err)
}

// withProblems returns err with the problems ps before its own: a
// *deal.ValidationError holding both, or ps alone when err is nil. Any
// other error is returned as it is, and err when ps is empty.
func withProblems(ps []deal.Problem, err error) error {
	var ve *deal.ValidationError
	switch {
	case len(ps) == 0:
		return err
	case err == nil:
		return &deal.ValidationError{Problems: ps}
	case errors.As(err, &ve):
		return &deal.ValidationError{Problems: append(slices.Clip(ps), ve.Problems...)}
	}
	return err
}

// loadFormDeal is loadForm without the check of the form's names.
func (s *Server) loadFormDeal(form url.Values) (*deal.Deal, error) {
	n, _ := formDeal(form)
	d, err := s.loadNode(n)
	var first *deal.ValidationError
	if d != nil || !errors.As(err, &first) {
		return d, err
	}
	bad := map[string]bool{}
	for _, p := range first.Problems {
		if p.Path == "" || !dropPath(n, p.Path) {
			return nil, err
		}
		bad[p.Path] = true
	}
	d, err2 := s.loadNode(n)
	problems := slices.Clone(first.Problems)
	var second *deal.ValidationError
	if errors.As(err2, &second) {
		for _, p := range second.Problems {
			if !bad[p.Path] {
				problems = append(problems, p)
			}
		}
	}
	return d, &deal.ValidationError{Problems: problems}
}

// loadNode loads a deal from a node as a deal file called "form".
func (s *Server) loadNode(n *yaml.Node) (*deal.Deal, error) {
	data, err := yaml.Marshal(n)
	if err != nil {
		return nil, fmt.Errorf("encode form: %w", err)
	}
	d, err := s.loadWritten(data, formName)
	if err != nil {
		return d, err
	}
	return d, s.engine.CheckDeal(d)
}

// loadWritten loads, as the deal file called name, a deal the server wrote
// itself from form data: the form's fields, or the deal a preview page
// carries. It is held to everything a deal file is held to but a deal
// file's 1 MiB (deal.MaxSize): the form data it came from is bounded by
// --max-body and maxFormFields, and the form of a deal of 2,000
// sub-processors, the most a deal may have, writes more.
func (s *Server) loadWritten(data []byte, name string) (*deal.Deal, error) {
	doc, err := deal.ParseBody(data, name)
	if err != nil {
		return nil, err
	}
	d, _, err := s.valid.LoadDocument(doc, name, nil, "")
	return d, err
}

// dropPath removes the value at path ("a.b[2].c") from a mapping node; it
// reports whether there was one.
func dropPath(n *yaml.Node, path string) bool {
	key, rest, _ := strings.Cut(path, ".")
	name, index, hasIndex := strings.Cut(key, "[")
	if n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != name {
			continue
		}
		v := n.Content[i+1]
		if hasIndex {
			k, err := strconv.Atoi(strings.TrimSuffix(index, "]"))
			if err != nil || v.Kind != yaml.SequenceNode || k < 0 || k >= len(v.Content) {
				return false
			}
			if rest == "" {
				v.Content = slices.Delete(v.Content, k, k+1)
				return true
			}
			return dropPath(v.Content[k], rest)
		}
		if rest == "" {
			n.Content = slices.Delete(n.Content, i, i+2)
			return true
		}
		return dropPath(v, rest)
	}
	return false
}

// warnings returns what the reviewer of a deal should be told without it
// blocking anything: the deal's own (deal.Warnings) and the library's (a
// negotiated fallback whose text has changed since its approval).
func (s *Server) warnings(d *deal.Deal) []deal.Problem {
	if d == nil {
		return nil
	}
	return append(deal.Warnings(d), s.engine.DealWarnings(d)...)
}

// requestDeal reads and loads the deal of an API request, answering the
// request itself when that fails; ok is false then.
func (s *Server) requestDeal(c *gin.Context) (*deal.Deal, bool) {
	data, kind, err := s.readBody(c.Request, forDeal)
	if err != nil {
		s.failBody(c, err)
		return nil, false
	}
	d, warnings, err := s.loadRequestDeal(data, kind)
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return nil, false
	}
	if len(warnings) > 0 {
		c.Writer.Header().Set(warningsHeader, warningsSummary(warnings))
	}
	return d, true
}

// warningsHeader names the response header that tells a client asking for
// a document that the deal has warnings, which POST /api/v1/validate lists
// in full: the document is made all the same, as the CLI makes it.
const warningsHeader = "X-Dpakit-Warnings"

// maxHeaderWarnings is how many warnings warningsSummary names.
const maxHeaderWarnings = 10

// warningsSummary words a deal's warnings for warningsHeader: their count,
// then the rule and path of each of the first maxHeaderWarnings, such as
// "2; forum_not_governing_law at scc.forum, retention_deadline at
// processing.retention; POST /api/v1/validate lists them". Rules and paths
// are ASCII, as a header value must be; the messages are not, so they are
// left to the validate endpoint.
func warningsSummary(ws []deal.Problem) string {
	named := make([]string, 0, min(len(ws), maxHeaderWarnings))
	for _, w := range ws[:min(len(ws), maxHeaderWarnings)] {
		item := w.Rule
		if w.Path != "" {
			item += " at " + w.Path
		}
		named = append(named, headerSafe(item))
	}
	if more := len(ws) - len(named); more > 0 {
		named = append(named, fmt.Sprintf("%d more", more))
	}
	return fmt.Sprintf("%d; %s; POST /api/v1/validate lists them", len(ws), strings.Join(named, ", "))
}

// noticeWarningsSummary words a notice's warnings for warningsHeader, as
// warningsSummary does a deal's; the customer deal's own are those
// POST /api/v1/validate lists for it, and those of the new list (at new)
// are those it lists for a deal whose subprocessors.list is that list.
func noticeWarningsSummary(ws []deal.Problem) string {
	out := strings.TrimSuffix(warningsSummary(ws), "POST /api/v1/validate lists them") +
		"POST /api/v1/validate lists the customer deal's with their messages"
	if slices.ContainsFunc(ws, func(w deal.Problem) bool {
		return w.Path == "new" || strings.HasPrefix(w.Path, "new.") || strings.HasPrefix(w.Path, "new[")
	}) {
		out += ", and those at new for the customer deal (or the profile) with new as its subprocessors.list"
	}
	return out
}

// headerSafe replaces every byte of s that is not printable ASCII with "?",
// so that a path holding a key a user wrote cannot break the header.
func headerSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return '?'
		}
		return r
	}, s)
}

// failBody answers a body that could not be read: 415 for one in a format
// the route does not read (errMediaType, errNotForm), 413 for form data
// with more fields than the server reads (errFormFields).
func (s *Server) failBody(c *gin.Context, err error) {
	var mt errMediaType
	var nf errNotForm
	var fields errFormFields
	switch {
	case errors.As(err, &mt) || errors.As(err, &nf):
		writeError(c.Writer, c.Request, http.StatusUnsupportedMediaType, err.Error())
		return
	case errors.As(err, &fields):
		writeError(c.Writer, c.Request, http.StatusRequestEntityTooLarge, err.Error())
		return
	}
	s.fail(c.Writer, c.Request, err)
}

// apiValidate answers POST /api/v1/validate: 200 with the warnings for a
// valid deal, 422 with every problem (and the warnings) for an invalid one.
func (s *Server) apiValidate(c *gin.Context) {
	if _, _, err := outputQuery(c); err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	data, kind, err := s.readBody(c.Request, forDeal)
	if err != nil {
		s.failBody(c, err)
		return
	}
	_, warnings, err := s.loadRequestDeal(data, kind)
	body := problemsBody{Problems: []apiProblem{}, Warnings: toAPI(warnings)}
	if err != nil {
		ps, ok := problemsOf(err)
		if !ok {
			s.fail(c.Writer, c.Request, err)
			return
		}
		body.Problems = toAPI(ps)
		writeJSON(c.Writer, http.StatusUnprocessableEntity, body)
		return
	}
	body.Valid = true
	writeJSON(c.Writer, http.StatusOK, body)
}

// The query parameters of the API's output routes.
const (
	paramFormat   = "format"
	paramPaper    = "paper"
	paramESign    = "esign"
	paramManifest = "manifest"
)

// outputQuery reads the output options of a request's query: its format
// (pdf when the route takes none or none is given) and the PDF's options.
// As the CLI refuses a flag it would ignore, it refuses (errBadOption, 400)
// a parameter the route does not take (takes), one given twice, and one
// that does not apply to the format: esign and manifest to any but a PDF,
// paper to HTML or Markdown. Format names are not case-sensitive.
func outputQuery(c *gin.Context, takes ...string) (format, pdfOptions, error) {
	q := c.Request.URL.Query()
	for name, vals := range q {
		if !slices.Contains(takes, name) {
			return format{}, pdfOptions{}, fmt.Errorf("%w: %s", errBadOption, unknownParam(name, takes))
		}
		if len(vals) > 1 {
			return format{}, pdfOptions{}, fmt.Errorf("%w: query parameter %q is given %d times; give it once", errBadOption, name, len(vals))
		}
	}
	name := strings.ToLower(q.Get(paramFormat))
	if name == "" {
		name = "pdf"
	}
	f, ok := formatNamed(name)
	if !ok {
		return format{}, pdfOptions{}, fmt.Errorf("%w: unknown format %q (want %s)", errBadOption, q.Get(paramFormat), formatNames())
	}
	o := pdfOptions{paper: q.Get(paramPaper), esign: q.Get(paramESign), manifest: q.Get(paramManifest)}
	switch {
	case f.name != "pdf" && o.esign != "":
		return format{}, pdfOptions{}, fmt.Errorf("%w: esign places anchor text in a PDF's signature blocks; format=%s has none (leave esign out)", errBadOption, f.name)
	case f.name != "pdf" && o.manifest != "":
		return format{}, pdfOptions{}, fmt.Errorf("%w: manifest is the manifest.json a PDF carries attached; format=%s carries none (leave manifest out)", errBadOption, f.name)
	case (f.name == "html" || f.name == "md") && o.paper != "":
		return format{}, pdfOptions{}, fmt.Errorf("%w: paper sets the page size of a PDF or Word file; format=%s has no pages (leave paper out)", errBadOption, f.name)
	}
	return f, o, nil
}

// unknownParam says that name is not a query parameter of the route, which
// takes those in takes, with the closest as a suggestion.
func unknownParam(name string, takes []string) string {
	if len(takes) == 0 {
		return fmt.Sprintf("unknown query parameter %q: this route takes none", name)
	}
	msg := fmt.Sprintf("unknown query parameter %q (this route takes %s)", name, wording.Join(takes))
	if s := suggest.Closest(name, takes); s != "" {
		msg += "; " + suggest.Hint(name, s, "a parameter name")
	}
	return msg
}

// apiDocument answers POST /api/v1/documents/{doc}: the document of the
// deal in the body, in the format asked for.
func (s *Server) apiDocument(c *gin.Context) {
	kind := c.Param("doc")
	if !s.isDocument(kind) {
		msg := fmt.Sprintf("unknown document %q (want %s)", kind, strings.Join(s.documents(), ", "))
		if d := assemble.SuggestDocument(kind, s.documents()); d != "" {
			msg += fmt.Sprintf("; did you mean %q?", d)
		}
		writeError(c.Writer, c.Request, http.StatusNotFound, msg)
		return
	}
	f, o, err := outputQuery(c, paramFormat, paramPaper, paramESign, paramManifest)
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	d, ok := s.requestDeal(c)
	if !ok {
		return
	}
	out, err := s.document(c.Request.Context(), d, kind, f, o)
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	s.send(c, out, f.mediaType, downloadName(docLabel(kind), d, f.ext))
}

// documents returns the document kinds the engine assembles for a deal,
// the DPA first.
func (s *Server) documents() []string {
	docs := s.engine.Documents()
	if i := slices.Index(docs, "dpa"); i > 0 {
		docs = append(append([]string{"dpa"}, docs[:i]...), docs[i+1:]...)
	}
	return docs
}

// isDocument reports whether kind is a document the engine assembles.
func (s *Server) isDocument(kind string) bool {
	for _, k := range s.engine.Documents() {
		if k == kind {
			return true
		}
	}
	return false
}

// send writes a finished output as a download.
func (s *Server) send(c *gin.Context, data []byte, mediaType, name string) {
	attachment(c.Writer.Header(), name)
	c.Data(http.StatusOK, mediaType, data)
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// apiWorkbook answers POST /api/v1/subprocessors.xlsx.
func (s *Server) apiWorkbook(c *gin.Context) {
	if _, _, err := outputQuery(c); err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	d, ok := s.requestDeal(c)
	if !ok {
		return
	}
	out, err := workbookOf(d)
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	s.send(c, out, xlsxType, downloadName("Sub-processors", d, ".xlsx"))
}

// apiBundle answers POST /api/v1/bundle.zip.
func (s *Server) apiBundle(c *gin.Context) {
	_, o, err := outputQuery(c, paramPaper, paramESign, paramManifest)
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	d, ok := s.requestDeal(c)
	if !ok {
		return
	}
	out, err := s.bundle(c.Request.Context(), d, o)
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	s.send(c, out, "application/zip", downloadName("DPA bundle", d, ".zip"))
}

// noticeRequest is the body of POST /api/v1/notice.
type noticeRequest struct {
	// Date is the day the notice is sent (YYYY-MM-DD).
	Date string
	// Old and New are the lists before and after the change: a list, a
	// list file ({list: [...]}) or a deal or profile. New defaults to the
	// server profile's list. Each keeps the body's lines.
	Old, New *deal.Document
	// Customer, if given, is the deal of the customer the notice is
	// addressed to, laid over the profile; its objection window applies.
	Customer *deal.Document
	// Shapes are the problems of what old and new are, by key: not a
	// list at all, or a list with a null entry (see listShapeProblems).
	// A part with such a problem is not read.
	Shapes map[string][]deal.Problem
}

// apiNotice answers POST /api/v1/notice: the notice of a change to the
// sub-processor list, with the objection deadline.
func (s *Server) apiNotice(c *gin.Context) {
	f, o, err := outputQuery(c, paramFormat, paramPaper, paramManifest)
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	data, kind, err := s.readBody(c.Request, forNotice)
	if err != nil {
		s.failBody(c, err)
		return
	}
	d, n, warnings, err := s.noticeOf(data, kind)
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	if len(warnings) > 0 {
		c.Writer.Header().Set(warningsHeader, noticeWarningsSummary(warnings))
	}
	w, err := s.writer(f, o)
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	doc, err := s.engine.AssembleNoticeContext(c.Request.Context(), d, n)
	if err != nil {
		s.fail(c.Writer, c.Request, err)
		return
	}
	var buf bytes.Buffer
	if err := w.Write(&buf, doc); err != nil {
		s.fail(c.Writer, c.Request, fmt.Errorf("write notice %s: %w", f.name, err))
		return
	}
	c.Header("X-Objection-Deadline", assemble.Deadline(d, n.Date).String())
	s.send(c, buf.Bytes(), f.mediaType, noticeName(d, n, f.ext))
}

// noticeKeys are the keys of a notice request, as its messages name them.
var noticeKeys = []string{"date", "old", "new", "customer"}

// noticeOf reads a notice request: the customer's deal (or the
// profile's, for a notice to every customer), the notice of the change
// between the lists, and the warnings of a notice to one customer.
func (s *Server) noticeOf(data []byte, kind bodyKind) (*deal.Deal, assemble.Notice, []deal.Problem, error) {
	req, when, err := readNoticeRequest(data, kind)
	if err != nil {
		return nil, assemble.Notice{}, nil, err
	}
	p, err := s.noticeParties(req)
	if err != nil {
		return nil, assemble.Notice{}, nil, err
	}
	n := noticeFrom(when, p.old, p.cur)
	if req.Customer == nil {
		return p.d, n, newListWarnings(req, p), nil
	}
	return s.customerNotice(req, when, p, n)
}

// newListAt returns the path in a notice request of the entries of its new
// list: newListPath's, or without new the profile's list, which it
// defaults to.
func newListAt(req noticeRequest) string {
	if req.New == nil {
		return "profile.subprocessors.list"
	}
	return newListPath(req.New)
}

// newListWarnings returns the warnings that the DPA of the notice's
// customer (or, for a notice to every customer, the profile) gives of the
// new list as its own sub-processor list (deal.ListWarnings), as dpakit
// notice gives them: a transfer mechanism that fits one law of the
// customer's transfers but not the other. None when the customer's DPA
// carries that very list (no difference between the two, as diff compares
// entries), whose warnings are the customer deal's own.
func newListWarnings(req noticeRequest, p noticeParties) []deal.Problem {
	if req.Customer != nil && sublist.Diff(p.d.Subprocessors.List, p.cur).Empty() {
		return nil
	}
	return deal.ListWarnings(p.d, p.cur, newListAt(req))
}

// readNoticeRequest decodes a notice request's body and checks what it
// must hold: a date and the list before the change.
func readNoticeRequest(data []byte, kind bodyKind) (noticeRequest, deal.Date, error) {
	var req noticeRequest
	if kind == bodyJSON {
		if err := jsonProblem(data); err != nil {
			return req, deal.Date{}, err
		}
	}
	invalid := func(path, msg string) error {
		return &deal.ValidationError{Problems: []deal.Problem{{File: requestName, Path: path, Rule: "notice", Message: msg}}}
	}
	if isNullDocument(data) {
		return req, deal.Date{}, emptyProblem("the request body holds no notice request (only comments, white space or null)", forNotice)
	}
	doc, err := deal.ParseBody(data, requestName)
	if err != nil {
		return req, deal.Date{}, err
	}
	if !doc.IsMapping() {
		return req, deal.Date{}, invalid("", "the body must be a mapping with date, old and optionally new and customer, not "+doc.Describe())
	}
	if err := noticeKeyProblems(doc); err != nil {
		return req, deal.Date{}, err
	}
	req.Old, req.New, req.Customer = part(doc, "old"), part(doc, "new"), part(doc, "customer")
	if date := part(doc, "date"); date != nil {
		text, ok := date.Text()
		if !ok {
			return req, deal.Date{}, invalid("date", "want a date (YYYY-MM-DD), not "+date.Describe()+" (the date the notice is sent)")
		}
		req.Date = text
	}
	if strings.TrimSpace(req.Date) == "" {
		return req, deal.Date{}, &deal.ValidationError{Problems: []deal.Problem{{File: requestName, Path: "date", Rule: "required",
			Message: "is required (a date, YYYY-MM-DD): the date the notice is sent"}}}
	}
	when, err := deal.ParseDate(req.Date)
	if err != nil {
		return req, deal.Date{}, invalid("date", err.Error()+" (the date the notice is sent)")
	}
	if !deal.DateInRange(when) {
		return req, deal.Date{}, &deal.ValidationError{Problems: []deal.Problem{{File: requestName, Path: "date", Rule: deal.RuleDateRange,
			Message: fmt.Sprintf("%s is outside the accepted range %s (the date the notice is sent)", req.Date, deal.DateRange)}}}
	}
	if req.Old == nil {
		return req, deal.Date{}, invalid("old", "the list before the change is required")
	}
	req.Shapes = listShapes(data, "old", "new")
	return req, when, nil
}

// noticeParties is what a notice is made from: the deal of the customer
// it is addressed to (or the profile's), the vendor's own (the profile's),
// and the lists before and after the change.
type noticeParties struct {
	d, vendor *deal.Deal
	old, cur  []deal.Subprocessor
}

// noticeParties loads the customer's deal and the two lists of a notice
// request. The problems of all three are reported together, each at its
// place in the body; the lists of an invalid customer deal are judged as
// the profile's are.
func (s *Server) noticeParties(req noticeRequest) (noticeParties, error) {
	var p noticeParties
	var problems []deal.Problem
	// collect keeps the problems of a validation error and returns any
	// other error.
	collect := func(err error) error {
		var ve *deal.ValidationError
		if errors.As(err, &ve) {
			problems = append(problems, ve.Problems...)
			return nil
		}
		return err
	}
	vendor, err := s.profileDeal()
	if err != nil {
		return p, err
	}
	p.d, p.vendor = vendor, vendor
	if req.Customer != nil {
		// Read from the body's own part, its problems carry the body's
		// lines (a key given twice names the line of the first).
		d, _, err := s.valid.LoadDocument(req.Customer, "customer", s.cfg.Profile, s.cfg.ProfileName)
		if err := collect(bodyPart{key: "customer", node: req.Customer, file: "customer", bodyLines: true}.inBody(err)); err != nil {
			return p, err
		}
		if err == nil {
			p.d = d
		}
	}
	// The lists are judged as lists serving d's customer (or the
	// profile's): a customer with no EEA, UK or Swiss nexus has no
	// restricted transfers.
	// A list that is not one, or has a null entry, is not read: its
	// entries would be numbered without the null ones.
	if shapes := req.Shapes["old"]; len(shapes) > 0 {
		problems = append(problems, shapes...)
	} else {
		p.old, err = listOf(req.Old, "old", p.d)
		if err := collect(err); err != nil {
			return p, err
		}
	}
	// new defaults to the profile's list: the vendor's list as it is,
	// whatever list the customer's DPA carries, judged like a list given
	// as serving the customer.
	p.cur = vendor.Subprocessors.List
	if shapes := req.Shapes["new"]; len(shapes) > 0 {
		problems = append(problems, shapes...)
	} else if req.New != nil {
		p.cur, err = listOf(req.New, "new", p.d)
		if err := collect(err); err != nil {
			return p, err
		}
	} else if p.d != vendor {
		err := s.valid.ValidateList(p.d, p.cur, requestName, newListAt(req))
		if err := collect(err); err != nil {
			return p, err
		}
	}
	if len(problems) > 0 {
		return p, &deal.ValidationError{File: requestName, Problems: problems}
	}
	return p, nil
}

// customerNotice returns the notice n as it reaches the customer of the
// request, with its warnings: a customer whose DPA carries its own list is
// told of the change as it affects that list, as dpakit notice --customer
// tells it, and a request for specific authorisation must name each
// sub-processor as the customer's Annex III will.
func (s *Server) customerNotice(req noticeRequest, when deal.Date, p noticeParties, n assemble.Notice) (*deal.Deal, assemble.Notice, []deal.Problem, error) {
	d := p.d
	n, warnings := assemble.ForCustomer(n, d, p.vendor.Subprocessors.List, p.old, p.cur, "")
	for i := range warnings {
		warnings[i].Path = join("customer", warnings[i].Path)
	}
	for _, w := range s.warnings(d) {
		w.Path = join("customer", w.Path)
		warnings = append(warnings, w)
	}
	for _, w := range assemble.NoticeDateWarnings(d, when) {
		w.Path = join("customer", w.Path)
		warnings = append(warnings, w)
	}
	// Without new, the new list is the server profile's.
	at := newListAt(req)
	// A missing Annex III detail is a problem of the new list's entry,
	// named by its path in the request.
	if ps := assemble.RequestProblems(d, n.Changes, p.cur, requestName, at); len(ps) > 0 {
		return nil, assemble.Notice{}, nil, &deal.ValidationError{File: requestName, Problems: ps}
	}
	warnings = append(warnings, newListWarnings(req, p)...)
	warnings = append(warnings, assemble.UndescribedChanges(d, n.Changes, p.cur, at)...)
	return d, n, warnings, nil
}

// noticeKeyProblems checks the keys of a notice request: a key that is not
// one of noticeKeys is an unknown field at its line (a list file sent as
// the body itself gets where it belongs).
func noticeKeyProblems(doc *deal.Document) error {
	var ps []deal.Problem
	first := map[string]int{}
	for _, k := range doc.Keys() {
		if line, twice := first[k.Name]; twice {
			ps = append(ps, deal.Problem{File: requestName, Line: k.Line, Path: k.Name, Rule: "duplicate_key", Message: fmt.Sprintf("is given twice (first at line %d)", line)})
			continue
		}
		first[k.Name] = k.Line
		if slices.Contains(noticeKeys, k.Name) {
			continue
		}
		msg := fmt.Sprintf("unknown field %q: the body needs date, old and optionally new and customer", k.Name)
		switch {
		case k.Name == "list" || k.Name == "subprocessors":
			msg += "; a list file (or a deal) goes under old or new"
		case suggest.Closest(k.Name, noticeKeys) != "":
			msg += fmt.Sprintf(" (%s)", suggest.Hint(k.Name, suggest.Closest(k.Name, noticeKeys), "a key"))
		}
		ps = append(ps, deal.Problem{File: requestName, Line: k.Line, Path: k.Name, Rule: "unknown_field", Message: msg})
	}
	if len(ps) > 0 {
		return &deal.ValidationError{Problems: ps}
	}
	return nil
}

// part returns the part of the request body doc under key; nil when the
// body has none or it is null.
func part(doc *deal.Document, key string) *deal.Document {
	p, ok := doc.Get(key)
	if !ok || p.IsNull() {
		return nil
	}
	return p
}

// newListPath returns the path in a notice request of the entries of its
// new list: new[i] for a list, new.list[i] for a list file,
// new.subprocessors.list[i] for a deal or profile.
func newListPath(n *deal.Document) string {
	if p := listfile.PathIn(n, "new.yaml"); p != "" {
		return "new." + p
	}
	return "new"
}

// isNullDocument reports whether a YAML (or JSON) body holds no document,
// or one that is null: only comments, white space, "~" or "null".
func isNullDocument(data []byte) bool {
	var n yaml.Node
	err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&n)
	if errors.Is(err, io.EOF) {
		return true
	}
	if err != nil || n.Kind != yaml.DocumentNode || len(n.Content) != 1 {
		return false
	}
	v := n.Content[0]
	return v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null"
}

// listOf reads a sub-processor list given as a list, a list file or a
// deal, checked by the rules of a deal's list as a list serving the
// customer of deal d.
func listOf(n *deal.Document, name string, d *deal.Deal) ([]deal.Subprocessor, error) {
	part := bodyPart{key: name, node: n, file: name + ".yaml", wrapped: n.IsList(), bodyLines: true}
	if text, ok := n.Text(); ok {
		// listShapes has refused it already, knowing a string from a
		// number; this is its fallback.
		return nil, &deal.ValidationError{Problems: []deal.Problem{{File: requestName, Line: n.Line(), Path: name, Rule: "notice",
			Message: notAListMessage(suggest.Quote(text), true)}}}
	}
	if n.IsList() {
		n = n.Under("list")
	}
	// Read from the body's own nodes, its problems carry the body's lines.
	list, err := listfile.NewReader(nil).For(d).LoadDocument(n, part.file)
	var ve *deal.ValidationError
	var nl *listfile.NoListError
	if errors.As(err, &nl) {
		// A deal that takes its list from the profile: its list is not
		// empty, it is the profile's.
		msg := "holds no sub-processor list: its subprocessors section has no list, so the deal takes its list from the profile; send the list itself"
		if name == "new" {
			msg += ", or leave new out for the profile's list"
		}
		line := part.node.Line()
		for _, k := range n.Keys() {
			if k.Name == "subprocessors" {
				line = k.Line // the first, when it is given twice
				break
			}
		}
		return nil, &deal.ValidationError{Problems: []deal.Problem{{File: requestName, Line: line, Path: name + ".subprocessors", Rule: "notice",
			Message: msg + " (a deal without any sub-processor gives list: [])"}}}
	}
	if err != nil && !errors.As(err, &ve) && errors.Is(err, sublist.ErrInvalid) {
		// No list in it: said of the part, not of a file the caller never
		// sent.
		return nil, &deal.ValidationError{Problems: []deal.Problem{{File: requestName, Line: part.node.Line(), Path: name, Rule: "notice",
			Message: `holds no sub-processor list: want a list of sub-processors, a list file with a "list" key, or a deal or profile with subprocessors.list`}}}
	}
	return list, part.inBody(err)
}

// profileDeal is the server's profile as a deal of its own, for a notice
// to every customer: only the provider, the list and the notice terms
// must be valid.
func (s *Server) profileDeal() (*deal.Deal, error) {
	d, err := s.valid.Load(s.cfg.Profile, s.cfg.ProfileName, nil, "")
	var ve *deal.ValidationError
	if err == nil || d == nil || !errors.As(err, &ve) {
		return d, err
	}
	var kept []deal.Problem
	for _, p := range ve.Problems {
		for _, prefix := range []string{"provider", "subprocessors", "scc.subprocessor_notice_days"} {
			if p.Path == prefix || strings.HasPrefix(p.Path, prefix+".") || strings.HasPrefix(p.Path, prefix+"[") {
				kept = append(kept, p)
				break
			}
		}
	}
	if len(kept) > 0 {
		return nil, &deal.ValidationError{Problems: kept}
	}
	return d, nil
}

// noticeFrom turns the difference between two lists into a notice.
func noticeFrom(date deal.Date, old, cur []deal.Subprocessor) assemble.Notice {
	return assemble.Notice{Date: date, Changes: sublist.Diff(old, cur)}
}

// clauseInfo is one clause as GET /api/v1/clauses lists it.
type clauseInfo struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Version string   `json:"version"`
	When    string   `json:"when"`
	Covers  []string `json:"covers"`
}

// apiClauses answers GET /api/v1/clauses: the library's version and
// clauses.
func (s *Server) apiClauses(c *gin.Context) {
	lib := s.engine.Library()
	out := struct {
		Version   string       `json:"version"`
		Documents []string     `json:"documents"`
		Clauses   []clauseInfo `json:"clauses"`
	}{Version: lib.Version, Documents: s.documents()}
	for _, cl := range lib.Clauses() {
		covers := cl.Covers
		if covers == nil {
			covers = []string{}
		}
		out.Clauses = append(out.Clauses, clauseInfo{cl.ID, cl.Title, cl.Version, cl.When, covers})
	}
	writeJSON(c.Writer, http.StatusOK, out)
}

// measureInfo and categoryInfo are the Annex II catalogue as GET
// /api/v1/measures lists it.
type measureInfo struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	// ByLaw is the wording of a measure that cites the law requiring it,
	// by the laws a deal is under ("gdpr", "fadp", "gdpr+fadp", "uk",
	// "gdpr+uk", "uk+fadp", "gdpr+uk+fadp"); absent
	// for a measure whose text serves every deal.
	ByLaw map[string]string `json:"by_law,omitempty"`
}

type categoryInfo struct {
	ID       string        `json:"id"`
	Title    string        `json:"title"`
	Measures []measureInfo `json:"measures"`
}

// apiMeasures answers GET /api/v1/measures: the Annex II catalogue.
func (s *Server) apiMeasures(c *gin.Context) {
	cat := s.engine.Library().Catalog()
	out := struct {
		Version    string         `json:"version"`
		Categories []categoryInfo `json:"categories"`
	}{Version: cat.Version}
	for _, cg := range cat.Categories {
		ci := categoryInfo{ID: cg.ID, Title: cg.Title}
		for _, m := range cg.Measures {
			mi := measureInfo{ID: m.ID, Text: m.Text}
			for _, v := range m.Variants() {
				if mi.ByLaw == nil {
					mi.ByLaw = map[string]string{}
				}
				mi.ByLaw[v.Key] = v.Text
			}
			ci.Measures = append(ci.Measures, mi)
		}
		out.Categories = append(out.Categories, ci)
	}
	writeJSON(c.Writer, http.StatusOK, out)
}
