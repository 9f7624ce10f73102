package assemble

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/template"
	"text/template/parse"
	"time"
)

// Limits on one render. A clause library may come from a legal team's own
// directory (--clauses, --templates), and a template is a program: these
// bound what any template can cost, whatever it says. A render over a limit
// fails with an error wrapping ErrLimit (and ErrLibrary) that names the
// clause or template being executed.
const (
	// MaxOutput is the most Markdown the templates and clauses of one
	// document may write, in bytes, all together. A DPA with 40
	// sub-processors writes about 80 KB; the largest valid deal (a 1 MiB
	// deal file, 1,900 sub-processors) about 0.7 MiB, a 263-page PDF. The
	// limit leaves five times that, and keeps a runaway template from
	// feeding a writer thousands of pages.
	MaxOutput = 4 << 20
	// MaxSteps is the most loop iterations ({{range}}) and template
	// calls (clauses, {{template}}) one document may execute. A DPA with
	// 40 sub-processors takes about 400: a few per sub-processor and data
	// category, so the largest valid deal stays far below.
	MaxSteps = 1_000_000
	// MaxValue is the longest string, in bytes, a template function may
	// return; functions that multiply their input (repeat, indent,
	// replace) check before they build it.
	MaxValue = 1 << 20
	// MaxRenderTime bounds the time one document's templates may run. It
	// is a backstop: MaxSteps and MaxOutput stop any template long
	// before, on any machine.
	MaxRenderTime = 20 * time.Second
)

// Limits bound the template execution of one document; the zero value of
// a field means its default (MaxOutput, MaxSteps, MaxRenderTime). A
// server may set tighter ones with Engine.SetLimits.
type Limits struct {
	Output int           // bytes of Markdown
	Steps  int           // loop iterations and template calls
	Time   time.Duration // wall-clock backstop
}

// withDefaults fills in the zero fields.
func (l Limits) withDefaults() Limits {
	if l.Output <= 0 {
		l.Output = MaxOutput
	}
	if l.Steps <= 0 {
		l.Steps = MaxSteps
	}
	if l.Time <= 0 {
		l.Time = MaxRenderTime
	}
	return l
}

// ErrLimit is wrapped by the error of a render that went over a limit.
var ErrLimit = errors.New("over a template limit")

// limitError is a limit hit while executing one file.
type limitError struct {
	file string
	msg  string
	err  error // the context's error, if that was the cause
}

func (e *limitError) Error() string { return e.file + ": " + e.msg }

// Is matches ErrLimit and ErrLibrary, or the context's error for a
// cancelled render.
func (e *limitError) Is(target error) bool {
	if e.err != nil {
		return errors.Is(e.err, target)
	}
	return target == ErrLimit || target == ErrLibrary
}

// budget is what one render may still spend; every template and clause
// execution of the render writes through a meter sharing it.
type budget struct {
	ctx      context.Context
	limits   Limits
	deadline time.Time
	out      int
	steps    int
}

func newBudget(ctx context.Context, l Limits) *budget {
	l = l.withDefaults()
	return &budget{ctx: ctx, limits: l, deadline: time.Now().Add(l.Time)}
}

// meter is the writer a template executes into: it passes the output on
// and charges it to the budget. Every loop iteration and template call
// writes an empty text node first (see instrument), so the meter also
// counts steps, and checks the context and the clock every 256 steps.
type meter struct {
	w    io.Writer
	b    *budget
	file string
}

func (m *meter) Write(p []byte) (int, error) {
	b := m.b
	if len(p) == 0 {
		b.steps++
		if b.steps > b.limits.Steps {
			return 0, &limitError{file: m.file, msg: fmt.Sprintf("the template runs more than %d loop iterations and template calls (the limit for one document)", b.limits.Steps)}
		}
		if b.steps%256 == 0 {
			if err := b.ctx.Err(); err != nil {
				return 0, &limitError{file: m.file, msg: "render cancelled", err: err}
			}
			if time.Now().After(b.deadline) {
				return 0, &limitError{file: m.file, msg: fmt.Sprintf("the template ran longer than %v (the limit for one document)", b.limits.Time)}
			}
		}
		return 0, nil
	}
	b.out += len(p)
	if b.out > b.limits.Output {
		return 0, &limitError{file: m.file, msg: fmt.Sprintf("the templates write more than %d KiB (the limit for one document)", b.limits.Output>>10)}
	}
	return m.w.Write(p)
}

// instrument makes every template of t write an empty text node at the
// start of its body and of every {{range}} iteration, so that a meter sees
// each step even of a loop that prints nothing ({{range 100000000000}}).
func instrument(t *template.Template) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Root != nil {
			tick(tt.Root)
		}
	}
}

// tick instruments one list and the lists nested in it.
func tick(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.IfNode:
			tick(n.List)
			tick(n.ElseList)
		case *parse.WithNode:
			tick(n.List)
			tick(n.ElseList)
		case *parse.RangeNode:
			tick(n.List)
			tick(n.ElseList)
		}
	}
	l.Nodes = append([]parse.Node{&parse.TextNode{NodeType: parse.NodeText}}, l.Nodes...)
}

// explainParse adds to a template parse error for an unknown function that
// template functions are an allow-list.
func explainParse(err error) error {
	if msg := err.Error(); strings.Contains(msg, "function ") && strings.Contains(msg, " not defined") {
		return fmt.Errorf("%w (templates may call only dpakit's functions and the allow-listed sprig functions listed in the README; nothing that reads the clock, randomness or the environment)", err)
	}
	return err
}
