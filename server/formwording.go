package server

import (
	"regexp"
	"strings"

	"github.com/dpakit/dpakit/assemble/deal"
)

// formWords rewrites the deal file's words in a problem message for the
// form, whose countries are chosen from lists by name and whose customer
// role is a pair of radio buttons: "write its ISO code, such as "DE"
// (Germany, the customer's country)" becomes "choose one, such as Germany,
// the customer's country", and the role's "controller" and "processor"
// are its buttons' labels.
type formWords struct {
	codeAndName *regexp.Regexp // "DE" (Germany...)
}

func newFormWords() formWords {
	return formWords{codeAndName: regexp.MustCompile(`"[A-Z]{2}" \(([^()]*)\)`)}
}

// message returns p's message as the form words it. A role that is
// neither button's value (rule oneof, from form data a client composed)
// keeps the values' own spelling: the client must send "controller", not
// the label Controller.
func (w formWords) message(p deal.Problem) string {
	msg := p.Message
	const write = "write its ISO code, such as "
	if before, after, ok := strings.Cut(msg, write); ok {
		msg = before + "choose one, such as " + w.codeAndName.ReplaceAllString(after, "$1")
	}
	if p.Path == "customer.role" && p.Rule != "oneof" {
		msg = strings.NewReplacer(`"controller"`, "Controller", `"processor"`, "Processor").Replace(msg)
	}
	return msg
}

// problems returns ps with their messages as the form words them.
func (w formWords) problems(ps []deal.Problem) []deal.Problem {
	for i := range ps {
		ps[i].Message = w.message(ps[i])
	}
	return ps
}

// page returns p's message as the form page and its live check word it:
// message's words, and what the form shows differently from a deal file
// or form data a client composed. The API keeps the engine's words.
func (w formWords) page(p deal.Problem) string {
	msg := w.message(p)
	if p.Rule == "line" && strings.HasSuffix(msg, "it must be a single line") {
		// A one-line input holds no line break: form data composed by hand
		// (or pasted into an old page) did.
		return "holds a line break: write it on one line (it is one line of the DPA)"
	}
	return msg
}
