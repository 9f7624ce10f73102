package server

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/suggest"
)

// formWords rewrites the deal file's words in a problem message for the
// form, whose countries are chosen from lists by name and whose customer
// role is a pair of radio buttons: "write its ISO code, such as "DE"
// (Germany, the customer's country)" becomes "choose one, such as Germany,
// the customer's country", and the role's "controller" and "processor"
// are its buttons' labels. Those words are the form's data's (message),
// which the API gives a client that sends form data too; the form's page
// and its live check go further (page): a field is named by its label, not
// its deal path, a value by what the form shows for it, a country by its
// name.
type formWords struct {
	codeAndName *regexp.Regexp // "DE" (Germany...)
	// fields are the form's inputs (formFields); label names the field
	// at a deal path as the form does (Server.labelFor).
	fields map[string]formField
	label  func(path string, usOnly bool) string
	// path finds a deal path in a message, with the value that may follow
	// it ("gdpr.applies is false", "customer.role: controller").
	path *regexp.Regexp
	// code is a quoted country code; writeCode one the message asks to
	// write.
	code, writeCode *regexp.Regexp
	// notCountry is the start of a message about a value that is no
	// country code, with the suggestion it may give.
	notCountry *regexp.Regexp
	// alsoAt is a duplicate's "also at" a row.
	alsoAt *regexp.Regexp
	// countryNames are the names of the countries the selects offer.
	countryNames []string
}

func newFormWords(fields map[string]formField, label func(string, bool) string) formWords {
	w := formWords{
		codeAndName: regexp.MustCompile(`"([A-Z]{2})" \(([^()]*)\)`),
		fields:      fields, label: label,
		path:       regexp.MustCompile(`[a-z][a-z_]*(?:\[\d+\]|\.[a-z][a-z_]*)+(?:( is |: | )("[^"]*"|[A-Za-z0-9_-]+))?`),
		code:       regexp.MustCompile(`"([A-Z]{2})"`),
		writeCode:  regexp.MustCompile(`\bwrite "([A-Z]{2})"`),
		notCountry: regexp.MustCompile(`^("(?:[^"\\]|\\.)*") is not (?:an ISO 3166-1 (?:alpha-2 )?|a )country code(?:; did you mean "[A-Z]{2}" \([^)]*\)\?|; (?:the )?[A-Z][A-Za-z ]* is "[A-Z]{2}"|: write it in upper case \("[A-Z]{2}"\)| \(such as "DE" or "US"\))?[;,:.]? ?`),
		alsoAt:     regexp.MustCompile(`\balso at (Sub-processor|Rider|Measure agreed for this deal) `),
	}
	for _, c := range country.Codes() {
		w.countryNames = append(w.countryNames, country.Name(c))
	}
	return w
}

// message returns p's message as the form's data words it. A role that is
// neither button's value (rule oneof, from form data a client composed)
// keeps the values' own spelling: the client must send "controller", not
// the label Controller.
func (w formWords) message(p deal.Problem) string {
	msg := p.Message
	const write = "write its ISO code, such as "
	if before, after, ok := strings.Cut(msg, write); ok {
		msg = before + "choose one, such as " + w.codeAndName.ReplaceAllString(after, "$2")
	}
	if p.Path == "customer.role" && p.Rule != "oneof" {
		msg = strings.NewReplacer(`"controller"`, "Controller", `"processor"`, "Processor").Replace(msg)
	}
	return msg
}

// problems returns ps with their messages as the form's data words them.
func (w formWords) problems(ps []deal.Problem) []deal.Problem {
	for i := range ps {
		ps[i].Message = w.message(ps[i])
	}
	return ps
}

// page returns p's message as the form's page and its live check word it,
// for the form of a US-only deal (usOnly) or any other: message's words,
// and then what the form shows differently from a deal file. A field is
// named by its label ("“Customer – Role”: Controller", not
// "customer.role: controller"; "also at Sub-processor 1", not
// "subprocessors.list[0]"), a country by its name, a choice by its label,
// a check box as ticked or not; a country select is told about a value
// that is none of its countries, with the one likely meant; a date input,
// which shows dates as the browser does, is not told to write YYYY-MM-DD;
// a one-line input is told to keep to one line.
func (w formWords) page(p deal.Problem, usOnly bool) string {
	msg := w.message(p)
	if p.File == formName && (p.Rule == "unknown_field" || p.Rule == "duplicate_key") {
		// About the names of form data a client composed, not a field.
		return msg
	}
	f := w.fields[genericPath(p.Path)]
	if p.Rule == "line" && strings.HasSuffix(msg, "it must be a single line") {
		// A one-line input holds no line break: form data composed by hand
		// (or pasted into an old page) did.
		return "holds a line break: write it on one line (it is one line of the DPA)"
	}
	if f.Widget == "country" {
		if m := w.notCountry.FindStringSubmatchIndex(msg); m != nil {
			msg = w.notACountry(msg[m[2]:m[3]], msg[m[1]:])
		}
	}
	if f.Date {
		msg = dateWords(msg)
	}
	if f.Widget == "checkbox" {
		msg = strings.NewReplacer("must be true", "must be ticked", "must be false", "must not be ticked", "is true but", "is ticked but").Replace(msg)
	}
	msg = w.paths(msg, usOnly)
	msg = w.alsoAt.ReplaceAllString(msg, "also as $1 ")
	return w.countries(msg)
}

// notACountry words the message of a country select whose value (quoted)
// is none of its countries (uploaded with a deal file), with the country it
// likely names; rest is what the message says after that.
func (w formWords) notACountry(quoted, rest string) string {
	value := quoted
	if u, ok := unquote(quoted); ok {
		value = u
	}
	meant := ""
	if code, ok := country.Lookup(value); ok {
		meant = country.WithArticle(code)
	} else if name := suggest.Closest(value, w.countryNames); name != "" {
		meant = name
	}
	msg := quoted + " is not in the list of countries: choose a country from the list"
	if meant != "" {
		msg = quoted + " is not in the list of countries; did you mean " + meant + "? Choose it from the list"
	}
	if rest = strings.TrimSpace(rest); rest != "" {
		msg += ". " + upperFirst(rest)
	}
	return msg
}

// unquote reads a value as suggest.Quote quoted it, when it has nothing
// escaped.
func unquote(s string) (string, bool) {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' && !strings.Contains(s, `\`) {
		return s[1 : len(s)-1], true
	}
	return "", false
}

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// dateWords words a date input's message without the deal file's date
// format: the browser shows and takes a date in the user's own format.
func dateWords(msg string) string {
	for _, r := range []struct{ old, new string }{
		{" (a date, YYYY-MM-DD)", ": choose a date"},
		{" (write YYYY-MM-DD)", ""},
		{" (want YYYY-MM-DD, such as 2026-12-01)", ": choose a date"},
	} {
		msg = strings.ReplaceAll(msg, r.old, r.new)
	}
	if i := strings.Index(msg, ": write it YYYY-MM-DD"); i >= 0 {
		msg = msg[:i] + ": choose a date"
	}
	if strings.HasPrefix(msg, "want a date (YYYY-MM-DD), not ") {
		msg = "is not a date: choose one"
	}
	return msg
}

// paths replaces each deal path in msg that names a field or part of the
// form by its label, and a value after it (", is" or ":") by what the form
// shows for it. A path inside a web or e-mail address, or quoted, is left
// alone.
func (w formWords) paths(msg string, usOnly bool) string {
	var b strings.Builder
	last := 0
	for _, m := range w.path.FindAllStringSubmatchIndex(msg, -1) {
		start, end := m[0], m[1]
		if start > 0 && strings.ContainsRune("@/.:-\"", rune(msg[start-1])) {
			continue
		}
		path := msg[start:end]
		sep, value := "", ""
		if m[2] >= 0 {
			path, sep, value = msg[start:m[2]], msg[m[2]:m[3]], msg[m[4]:m[5]]
		}
		label := w.label(path, usOnly)
		if label == "" {
			continue
		}
		if rowLabel(path) == "" {
			label = "“" + label + "”"
		}
		before := msg[last:start]
		shown, known := w.value(path, value)
		if !known {
			// Not a value of the field ("empty", "and"): left as it is.
			sep, end = "", start+len(path)
		}
		set, isSet := strings.CutSuffix(before, "set ")
		switch {
		case isSet && sep != "" && known:
			// "set scc.forum: DE" is "choose Germany for “Courts”".
			b.WriteString(set + "choose " + shown + " for " + label)
		case isSet && sep == "" && w.fields[genericPath(path)].Widget == "checkbox":
			b.WriteString(set + "tick " + label)
		case sep == "":
			b.WriteString(before + label)
		default:
			if sep == " " {
				sep = ": "
			}
			b.WriteString(before + label + sep + shown)
		}
		last = end
	}
	b.WriteString(msg[last:])
	return b.String()
}

// value returns what the form shows for value (as a deal file writes it,
// maybe quoted) of the field at path, and whether it knows: a choice's
// label (its first part, before a colon: "Option 1", "No"), a check box
// ticked or not, a country's name.
func (w formWords) value(path, value string) (string, bool) {
	value = strings.Trim(value, `"`)
	f := w.fields[genericPath(path)]
	switch {
	case f.Options != nil && f.Options[value] != "":
		label, _, _ := strings.Cut(f.Options[value], ": ")
		return label, true
	case f.Widget == "checkbox" && value == "true":
		return "ticked", true
	case f.Widget == "checkbox" && value == "false":
		return "not ticked", true
	case f.Widget == "country" && country.Valid(value):
		return country.WithArticle(value), true
	}
	return "", false
}

// countries names the countries msg gives by their codes: "the United
// States is not an EU Member State", "did you mean Germany?", "choose the
// United Kingdom" for `write "GB"`.
func (w formWords) countries(msg string) string {
	msg = w.codeAndName.ReplaceAllStringFunc(msg, func(s string) string {
		m := w.codeAndName.FindStringSubmatch(s)
		switch {
		case !country.Valid(m[1]):
			return s
		case m[2] == country.Name(m[1]):
			return country.WithArticle(m[1])
		}
		return m[2]
	})
	msg = w.writeCode.ReplaceAllStringFunc(msg, func(s string) string {
		code := w.writeCode.FindStringSubmatch(s)[1]
		if !country.Valid(code) {
			return s
		}
		return "choose " + country.WithArticle(code)
	})
	return w.code.ReplaceAllStringFunc(msg, func(s string) string {
		code := s[1:3]
		if !country.Valid(code) {
			return s
		}
		return country.WithArticle(code)
	})
}

// mechanismLabels names, in the message of a problem or warning about a
// sub-processor's transfer mechanism (at path), each quoted mechanism code
// ("none", "scc") by the label its radio button shows in the form for the
// laws of the deal's transfers: the form's user chooses “Standard
// contractual clauses”, never types "scc".
func mechanismLabels(msg, path string, laws deal.Laws) string {
	if !strings.HasSuffix(path, ".transfer_mechanism") {
		return msg
	}
	var pairs []string
	for _, c := range laws.TransferMechanisms() {
		pairs = append(pairs, `"`+c.Code+`"`, "“"+c.Label+"”")
	}
	return strings.NewReplacer(pairs...).Replace(msg)
}
