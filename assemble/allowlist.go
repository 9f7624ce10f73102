package assemble

import (
	"fmt"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// sprigAllowed names the sprig functions templates may call: pure
// functions whose result depends on their arguments alone and whose cost
// is bounded by them. Anything else, and in particular whatever reads the
// clock (now, date, ago, toDate), randomness (randInt, shuffle, uuidv4),
// the environment or the network, or does cryptography (bcrypt, htpasswd,
// encryptAES, genPrivateKey), is not in the function map: a template that
// calls it fails to parse, and dpakit lint reports it. So are functions
// whose one call can cost more than linear time in its arguments (uniq is
// quadratic) or build an unbounded list (until, seq), since a single call
// is not interrupted by the template limits. The list is explicit so that
// a new sprig release cannot add a function behind our back.
var sprigAllowed = []string{
	// strings
	"trim", "trimAll", "trimPrefix", "trimSuffix", "upper", "lower", "title", "untitle",
	"substr", "trunc", "abbrev", "abbrevboth", "initials", "contains", "hasPrefix", "hasSuffix",
	"quote", "squote", "plural", "nospace", "snakecase", "camelcase", "kebabcase",
	"split", "splitList", "splitn", "toString", "toStrings",
	// defaults and flow
	"default", "empty", "coalesce", "ternary", "fail", "all", "any",
	// numbers
	"atoi", "int", "int64", "float64", "add", "add1", "sub", "mul", "div", "mod", "max", "min",
	"floor", "ceil", "round",
	// lists and dictionaries
	"list", "first", "last", "rest", "initial", "has", "without", "compact",
	"append", "push", "prepend", "reverse", "sortAlpha", "dict", "get", "hasKey", "keys",
	"pick", "omit", "values", "kindIs", "typeIs", "deepEqual",
}

// boundedFuncs are functions whose result can be much longer than their
// arguments, in versions that refuse a result over MaxValue before
// building it. They replace sprig's and text/template's own.
func boundedFuncs() template.FuncMap {
	return template.FuncMap{
		"repeat": func(count int, s string) (string, error) {
			if count < 0 || (len(s) > 0 && count > MaxValue/len(s)) {
				return "", valueTooLong("repeat")
			}
			return strings.Repeat(s, count), nil
		},
		"indent": func(spaces int, s string) (string, error) {
			return indent("indent", spaces, s)
		},
		"nindent": func(spaces int, s string) (string, error) {
			t, err := indent("nindent", spaces, s)
			return "\n" + t, err
		},
		"replace": func(old, repl, src string) (string, error) {
			n := strings.Count(src, old)
			if len(src)+n*(len(repl)-len(old)) > MaxValue {
				return "", valueTooLong("replace")
			}
			return strings.ReplaceAll(src, old, repl), nil
		},
		"cat": func(v ...any) (string, error) {
			return capped("cat", strings.TrimSpace(fmt.Sprintln(nonNil(v)...)))
		},
		"printf": func(format string, v ...any) (string, error) {
			return capped("printf", fmt.Sprintf(format, v...))
		},
		"print": func(v ...any) (string, error) {
			return capped("print", fmt.Sprint(v...))
		},
		"println": func(v ...any) (string, error) {
			return capped("println", fmt.Sprintln(v...))
		},
		"html": func(v ...any) (string, error) {
			return capped("html", template.HTMLEscaper(v...))
		},
		"js": func(v ...any) (string, error) {
			return capped("js", template.JSEscaper(v...))
		},
		"urlquery": func(v ...any) (string, error) {
			return capped("urlquery", template.URLQueryEscaper(v...))
		},
	}
}

// allowedFuncs returns the allow-listed sprig functions and the bounded
// ones; the engine adds its legal wording functions.
func allowedFuncs() template.FuncMap {
	all := sprig.TxtFuncMap()
	fm := template.FuncMap{}
	for _, name := range sprigAllowed {
		if f, ok := all[name]; ok {
			fm[name] = f
		}
	}
	for name, f := range boundedFuncs() {
		fm[name] = f
	}
	return fm
}

func indent(name string, spaces int, s string) (string, error) {
	if spaces < 0 || spaces > 1000 {
		return "", fmt.Errorf("%s: %d spaces (want 0 to 1000)", name, spaces)
	}
	if len(s)+(strings.Count(s, "\n")+1)*spaces > MaxValue {
		return "", valueTooLong(name)
	}
	pad := strings.Repeat(" ", spaces)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad), nil
}

func capped(name, s string) (string, error) {
	if len(s) > MaxValue {
		return "", valueTooLong(name)
	}
	return s, nil
}

func valueTooLong(name string) error {
	return fmt.Errorf("%s: %w: the result would be longer than %d KiB", name, ErrLimit, MaxValue>>10)
}

// nonNil drops nil arguments, as sprig's cat does.
func nonNil(v []any) []any {
	out := v[:0:0]
	for _, x := range v {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}
