package deal

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/subproc"
	"github.com/dpakit/dpakit/assemble/suggest"
	"github.com/dpakit/dpakit/assemble/wording"
	"github.com/go-playground/validator/v10"
)

// Options configures a Validator.
type Options struct {
	// Printable reports whether the PDF fonts can print r. When set, every
	// text field of the deal is checked, and a character that cannot be
	// printed is a problem (rule "printable"). It must be safe for
	// concurrent use. Nil skips the check.
	Printable func(r rune) bool
}

// Validator checks a Deal against the field rules written in its validate
// tags and the cross-field rules of the SCCs, GDPR and the other regimes
// (see CrossRules). A Validator is safe for concurrent use.
type Validator struct {
	validate   *validator.Validate
	printable  func(rune) bool
	crossRules map[string]bool // names of CrossRules, read only
}

// NewValidator returns a Validator with opts.
func NewValidator(opts Options) *Validator {
	v := validator.New()
	v.RegisterTagNameFunc(yamlName)
	for tag, fn := range map[string]validator.Func{
		"line": func(fl validator.FieldLevel) bool {
			return lineProblem(fl.Field().String()) == ""
		},
		"country": func(fl validator.FieldLevel) bool {
			return country.Valid(fl.Field().String())
		},
		"eea": func(fl validator.FieldLevel) bool {
			return country.IsEEA(fl.Field().String())
		},
		"subdivision": func(fl validator.FieldLevel) bool {
			return subdivisionProblem(fl.Field().String()) == ""
		},
		"text": func(fl validator.FieldLevel) bool {
			return textProblem(fl.Field().String()) == ""
		},
		"ident": func(fl validator.FieldLevel) bool {
			return identPattern.MatchString(fl.Field().String())
		},
		"docref": func(fl validator.FieldLevel) bool {
			return docrefProblem(fl.Field().String()) == ""
		},
		"required_date": func(fl validator.FieldLevel) bool {
			d, ok := fl.Field().Interface().(Date)
			return ok && !d.IsZero()
		},
	} {
		if err := v.RegisterValidation(tag, fn); err != nil {
			// Only a malformed tag name fails, and these are constants.
			panic(fmt.Sprintf("deal: register %q: %v", tag, err))
		}
	}
	rules := CrossRules()
	names := make(map[string]bool, len(rules))
	for _, r := range rules {
		names[r.Name] = true
	}
	v.RegisterStructValidation(crossRuleChecker(rules), Deal{})
	return &Validator{validate: v, printable: opts.Printable, crossRules: names}
}

// Validate checks d and returns nil or a *ValidationError listing every
// problem: field problems in the order of the fields, then cross-field
// problems in a fixed order. Validate does not apply Defaults; call it on
// a defaulted deal (Load and Complete do).
func (v *Validator) Validate(d *Deal) error {
	if d == nil {
		return newValidationError([]Problem{{Rule: "required", Message: "no deal given"}})
	}
	var fields, rules []Problem
	err := v.validate.Struct(d)
	var verrs validator.ValidationErrors
	switch {
	case errors.As(err, &verrs):
		for _, fe := range verrs {
			path := mapKeyPath(strings.TrimPrefix(fe.Namespace(), "Deal."))
			if v.crossRules[fe.Tag()] {
				// Cross-field rules carry their message as the parameter.
				rules = append(rules, Problem{Path: path, Rule: fe.Tag(), Message: fe.Param()})
				continue
			}
			fields = append(fields, Problem{Path: path, Rule: fe.Tag(), Message: optionMessage(d, path, fe.Tag(), fieldMessage(fe, path))})
		}
	case err != nil:
		return fmt.Errorf("validate deal: %w", err)
	}
	fields = append(fields, v.listFieldProblems(d)...)
	if v.printable != nil {
		fields = append(fields, printableProblems(d, v.printable)...)
	}
	slices.SortStableFunc(fields, func(a, b Problem) int {
		return slices.Compare(pathOrder(a.Path), pathOrder(b.Path))
	})
	problems := knockOns(append(fields, rules...), nil)
	if len(problems) == 0 {
		return nil
	}
	return newValidationError(problems)
}

// Rule names of the cross-field rules, reported after the field problems
// in this order, and of the printable check (Options.Printable). Field
// problems are named by their validate tag: "required", "max", "line", ...
const (
	RuleDateRange             = "date_range"
	RuleModulesRequired       = "modules_required"
	RuleDPAModule             = "dpa_module"
	RuleRoleModules           = "role_modules"
	RuleControllerTransfer    = "controller_transfer"
	RuleSCCRequired           = "scc_required"
	RuleNoNexus               = "no_gdpr_nexus"
	RuleSwissExporter         = "swiss_exporter"
	RuleUKExporter            = "uk_exporter"
	RuleEEAProvider           = "eea_provider_gdpr"
	RuleState                 = "state"
	RuleEUGoverningLaw        = "eu_governing_law"
	RuleEUForum               = "eu_forum"
	RuleGoverningLawOption    = "governing_law_option"
	RuleNoClause9             = "no_clause_9"
	RuleSubprocessorOption    = "subprocessor_option_required"
	RuleNoticeDays            = "notice_days_required"
	RuleObjectionWindow       = "objection_window"
	RuleAnnexIII              = "annex_iii_required"
	RuleSupervisoryAuthority  = "supervisory_authority_required"
	RuleUKEndingParty         = "uk_ending_party_required"
	RuleSpecialSafeguards     = "special_safeguards_required"
	RuleDuplicateSubprocessor = subproc.RuleDuplicate
	RuleTransferMechanism     = subproc.RuleTransferMechanism
	RuleMeasures              = "measures_required"
	RuleMeasureID             = "measure_id"
	RuleDuplicateMeasure      = "duplicate_measure"
	RulePrintable             = subproc.RulePrintable
	RuleAnnexIIIDetails       = "annex_iii_details"
	RuleController            = "controller_needs_processor"
	RuleRedressBody           = "redress_body_details"
)

// optionMessage returns msg, or the message that names a field by its
// meaning under the deal's Clause 9 option: under Option 1 (specific
// authorisation) subprocessors.objection_days is the period in which the
// customer gives or refuses authorisation, not an objection window.
func optionMessage(d *Deal, path, tag, msg string) string {
	if path == "subprocessors.objection_days" && tag == "min" && d.SCC.SubprocessorOption == SpecificAuthorisation && d.SCC.Clause9() {
		return "is required: how many days the customer has to give or refuse its specific authorisation of a new sub-processor (Clause 9(a) Option 1)"
	}
	if tag == "country" && needsMemberState(d.SCC) {
		var m string
		switch path {
		case "scc.governing_law":
			m = memberStateMessage(d, d.SCC.GoverningLaw, "Clause 17")
		case "scc.forum":
			m = memberStateMessage(d, d.SCC.Forum, "Clause 18")
		}
		if m != "" {
			return m
		}
	}
	return msg
}

// crossRuleChecker returns the struct-level validation that runs rules in
// order, each problem carrying its full message as the parameter.
func crossRuleChecker(rules []CrossRule) validator.StructLevelFunc {
	return func(sl validator.StructLevel) {
		d := sl.Current().Interface().(Deal)
		for _, r := range rules {
			r.check(&d, func(value any, path, format string, args ...any) {
				sl.ReportError(value, path, "", r.Name, fmt.Sprintf(format, args...))
			})
		}
	}
}

// Effective dates outside this range are typing mistakes.
var (
	minDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
)

// DateRange names, for messages, the dates dpakit accepts anywhere: an
// effective date, a notice's date, a workbook's as-of date.
const DateRange = "2000-01-01 to 2100-12-31"

// DateInRange reports whether d lies within DateRange; a date outside it
// (0001-01-01, 9999-12-31) is a typing mistake, and the zero Date is none.
func DateInRange(d Date) bool { return !d.IsZero() && !d.Before(minDate) && !d.After(maxDate) }

// validModules reports whether mods is a non-empty list of modules 1 to 4.
func validModules(mods []int) bool {
	for _, m := range mods {
		if m < 1 || m > 4 {
			return false
		}
	}
	return len(mods) > 0
}

// fieldMessage writes the message for a failed validate tag: the message
// written for that field and tag, if any (see specificMessages), or else
// the tag's general message.
func fieldMessage(fe validator.FieldError, path string) string {
	if msg, ok := specificMessage(fe, genericPath(path)); ok {
		return msg
	}
	return tagMessage(fe, path)
}

// specificMessage returns the message written for one field's failed tag,
// keyed "path tag" with list indexes as "[]", or false when there is none
// or it does not apply to this value.
func specificMessage(fe validator.FieldError, generic string) (string, bool) {
	val := fe.Value()
	switch generic + " " + fe.Tag() {
	case "customer.role required":
		return `is required: "controller" when the customer decides why and how the data is processed (SCC module 2), or "processor" when it processes the data for its own customers (module 3)`, true
	case "breach.notice_hours max":
		return "must be at most 72 (the controller itself has 72 hours to notify its supervisory authority)", true
	case "breach.notice_hours min":
		return "is required, 1 to 72: within how many hours the provider notifies the customer of a personal data breach", val == 0
	case "subprocessors.objection_days min":
		return "is required, at least 1: how many days the customer has to object to a new sub-processor", val == 0
	case "scc.modules[] min", "scc.modules[] max":
		return "must be between 1 and 4", true
	case "scc.modules max":
		return fmt.Sprintf("lists %d modules; there are only 4", reflect.ValueOf(val).Len()), true
	case "scc.modules unique":
		if mods, ok := val.([]int); ok {
			if m, ok := firstDuplicate(mods); ok {
				return fmt.Sprintf("lists module %d twice", m), true
			}
		}
	case "language oneof":
		return fmt.Sprintf(`%s is not supported (only "en" for now)`, suggest.Quote(fieldString(fe))), true
	case "scc.governing_law_option oneof":
		return fmt.Sprintf("must be 1 or 2 (the Clause 17 option), not %v", val), true
	case "scc.subprocessor_option oneof":
		return fmt.Sprintf(`%s is not a Clause 9(a) option (want "specific" for Option 1 or "general" for Option 2)`, suggest.Quote(fieldString(fe))), true
	}
	return "", false
}

// fieldString returns the failed value when it is text, else "".
func fieldString(fe validator.FieldError) string {
	if fe.Kind() == reflect.String {
		return reflect.ValueOf(fe.Value()).String()
	}
	return ""
}

// tagMessage writes the general message of a failed validate tag.
func tagMessage(fe validator.FieldError, path string) string {
	str := fieldString(fe)
	switch tag := fe.Tag(); tag {
	case "required":
		if strings.HasSuffix(path, "]") {
			return emptyEntry(path)
		}
		return explained("is required", path)
	case "required_date":
		return "is required (a date, YYYY-MM-DD)"
	case "max", "min":
		return sizeMessage(fe, str, path)
	case "oneof":
		allowed := strings.Fields(fe.Param())
		msg := fmt.Sprintf("%s is not allowed (want %s)", describeAny(fe.Value(), fe.Kind()), wording.JoinOr(allowed))
		if s := suggest.Closest(str, allowed); s != "" && str != "" {
			msg += "; " + suggest.Hint(str, s, "the value")
		}
		return msg
	case "unique":
		return "lists the same value twice"
	case "email":
		return fmt.Sprintf("%s is not an e-mail address", suggest.Quote(str))
	case "http_url":
		return fmt.Sprintf("%s is not a web address (want one starting with https:// or http://)", suggest.Quote(str))
	case "country":
		return subproc.CountryProblem(str)
	case "eea":
		return fmt.Sprintf("%s (%s) is not an EEA State: a representative under Article 27 GDPR is established in one of the Member States where the data subjects are (Article 27(3) GDPR; Iceland, Liechtenstein and Norway count through the EEA Agreement)", suggest.Quote(str), country.Name(str))
	case "docref":
		return docrefProblem(str)
	case "subdivision":
		return subdivisionProblem(str)
	case "line":
		return lineProblem(str)
	case "text":
		return textProblem(str)
	case "ident":
		return fmt.Sprintf("%s is not a clause or fallback id (lower-case words joined by hyphens, as dpakit clauses lists them)", suggest.Quote(str))
	default:
		return fmt.Sprintf("breaks the rule %q", tag)
	}
}

// sizeMessage writes the message for a failed min or max tag.
func sizeMessage(fe validator.FieldError, str, path string) string {
	param := fe.Param()
	switch fe.Kind() {
	case reflect.String:
		n := utf8.RuneCountInString(str)
		if fe.Tag() == "max" {
			return fmt.Sprintf("is %d characters long; at most %s are allowed", n, param)
		}
		return fmt.Sprintf("is %d characters long; at least %s are needed", n, param)
	case reflect.Slice:
		n := reflect.ValueOf(fe.Value()).Len()
		if fe.Tag() == "max" {
			return fmt.Sprintf("lists %d entries; at most %s are allowed", n, param)
		}
		if param == "1" {
			return explained("must list at least one entry", path)
		}
		return fmt.Sprintf("lists %d entries; at least %s are needed", n, param)
	}
	if fe.Tag() == "max" {
		return fmt.Sprintf("must be at most %s", param)
	}
	if fe.Value() == 0 {
		return fmt.Sprintf("is required (a whole number, at least %s)", param)
	}
	return fmt.Sprintf("must be at least %s", param)
}

// genericPath replaces list indexes by "[]": "a.b[3].c" → "a.b[].c".
func genericPath(path string) string {
	var b strings.Builder
	skip := false
	for _, r := range path {
		switch {
		case r == '[':
			skip = true
			b.WriteRune(r)
		case r == ']':
			skip = false
			b.WriteRune(r)
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func firstDuplicate(xs []int) (int, bool) {
	seen := map[int]bool{}
	for _, x := range xs {
		if seen[x] {
			return x, true
		}
		seen[x] = true
	}
	return 0, false
}

// describeAny shows a value in a message: quoted if text.
func describeAny(v any, k reflect.Kind) string {
	if k == reflect.String {
		return suggest.Quote(reflect.ValueOf(v).String())
	}
	return fmt.Sprint(v)
}

// memberStateMessage explains that the value s of a Clause 17 or 18 field
// (clause) is not an EU Member State's code, which modules 1-3 need, and
// suggests one: the code s names if that is a Member State, else the
// customer's country if that is one. A UK exporter under UK Data Protection
// Laws alone gets the UK Addendum's reason instead (ukPlaceCodeMessage).
func memberStateMessage(d *Deal, s, clause string) string {
	code, named := country.Lookup(s)
	if d.UKOnly() && !(named && d.Swiss.Enabled && ukLawPlaceAllowed(code, d)) {
		return ukPlaceCodeMessage(d, s, clause)
	}
	if named && country.IsEU(code) {
		if code == s {
			return "" // not this message's business
		}
		return fmt.Sprintf("%s is not a country code; did you mean %q (%s)? %s requires an EU Member State for modules 1-3", suggest.Quote(s), code, country.WithArticle(code), clause)
	}
	what := suggest.Quote(s) + " is not an EU Member State's code"
	if named {
		what = fmt.Sprintf("%s (%s) is not an EU Member State", suggest.Quote(s), country.WithArticle(code))
	}
	return fmt.Sprintf("%s; %s requires one for modules 1-3: %s", what, clause, memberStateHint(d))
}

// needsMemberState reports whether Clauses 17 and 18 need an EU Member
// State: when module 1, 2 or 3 is selected, and when no module is, because
// the customer's role is invalid and the default module, once the role is
// right, will be 2 or 3.
func needsMemberState(s SCC) bool { return hasClause13(s) || len(s.Modules) == 0 }

// memberStateHint suggests a Member State for Clauses 17 and 18: the
// customer's country when it is one.
func memberStateHint(d *Deal) string {
	if c, ok := country.Lookup(d.Customer.Country); ok && country.IsEU(c) {
		return fmt.Sprintf("write its ISO code, such as %q (%s, the customer's country)", c, country.WithArticle(c))
	}
	return `write its ISO code, such as "IE" (Ireland) or "NL" (the Netherlands)`
}

// docrefProblem explains why s is not a document reference, or returns "".
func docrefProblem(s string) string {
	pos := 0
	for _, r := range s {
		pos++
		if r < utf8.RuneSelf && (r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./", r)) {
			continue
		}
		return fmt.Sprintf("contains %s at position %d; a reference may use only the letters A-Z and a-z, digits and - _ . /", runeName(r), pos)
	}
	return ""
}

// measureIDProblem explains why id is not a measure id, or returns "".
func measureIDProblem(id string) string {
	if id == "" {
		return "must not be empty"
	}
	if n := utf8.RuneCountInString(id); n > 100 {
		return fmt.Sprintf("is %d characters long; at most 100 are allowed", n)
	}
	if p := docrefProblem(id); p != "" {
		return strings.Replace(p, "a reference", "a measure id", 1)
	}
	return ""
}

// runeName shows a rune in a message: `" " (U+0020)`, or with an escape
// where it is invisible.
func runeName(r rune) string {
	return fmt.Sprintf("%q (U+%04X)", string(r), r)
}

// lineProblem explains why s is not acceptable single-line text, or returns
// "" (the line rule of a deal and a sub-processor list alike).
func lineProblem(s string) string { return subproc.LineProblem(s) }

// mapKeyPath writes the validator's map-key namespace, "negotiated[breach]",
// as the YAML path "negotiated.breach".
func mapKeyPath(path string) string {
	const prefix = "negotiated["
	if rest, ok := strings.CutPrefix(path, prefix); ok {
		if key, tail, ok := strings.Cut(rest, "]"); ok {
			return "negotiated." + key + tail
		}
	}
	return path
}

// identPattern is the form of clause and fallback ids.
var identPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// textProblem describes what is wrong with free text of several
// paragraphs (a rider's wording), or returns "": each line must be valid
// single-line text; lines are separated by line feeds, paragraphs by blank
// lines.
func textProblem(s string) string {
	if strings.TrimSpace(s) == "" {
		return "is blank (only white space)"
	}
	for i, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if msg := lineProblem(strings.TrimSpace(line)); msg != "" {
			return fmt.Sprintf("line %d %s", i+1, msg)
		}
	}
	return ""
}

// printableProblems reports, for each text field of d, the first character
// that printable rejects. Characters the line rule rejects are left to it.
func printableProblems(d *Deal, printable func(rune) bool) []Problem {
	var ps []Problem
	check := func(s, path string) {
		if msg := subproc.UnprintableProblem(s, printable); msg != "" {
			ps = append(ps, Problem{Path: path, Rule: RulePrintable, Message: msg})
		}
	}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			switch v.Type() {
			case dateType:
				return
			case measuresType:
				for i, id := range v.Interface().(Measures).IDs {
					check(id, fmt.Sprintf("%s[%d]", path, i))
				}
				return
			}
			for i := range v.NumField() {
				// The list rules check the list's entries (listFieldProblems).
				if name := yamlName(v.Type().Field(i)); name != "" && joinPath(path, name) != listPrefix {
					walk(v.Field(i), joinPath(path, name))
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.String:
			check(v.String(), path)
		}
	}
	walk(reflect.ValueOf(d).Elem(), "")
	return ps
}

// pathOrder turns a problem path into the positions of its fields and
// indexes, so that problems sort in the order of Deal's fields.
func pathOrder(path string) []int {
	var key []int
	t := dealType
	for seg := range strings.SplitSeq(path, ".") {
		name, rest, _ := strings.Cut(seg, "[")
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return append(key, 1<<30)
		}
		i, ok := yamlFields(t).byName[name]
		if !ok {
			return append(key, 1<<30)
		}
		key = append(key, i)
		t = t.Field(i).Type
		for rest != "" {
			idx, after, _ := strings.Cut(rest, "]")
			n, _ := strconv.Atoi(idx)
			key = append(key, n)
			switch t.Kind() {
			case reflect.Slice:
				t = t.Elem()
			default:
				t = stringType // Measures ids
			}
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return key
}

// emptyEntry is the message for an empty entry of a list at path (which
// ends in its index): it says what the list holds and how to mend it.
func emptyEntry(path string) string {
	msg := subproc.EmptyEntry
	list := path[:strings.LastIndexByte(path, '[')]
	if meaning := FieldMeaning(genericPath(list)); meaning != "" {
		return msg + " (the list holds " + strings.ReplaceAll(meaning, "`", "") + ")"
	}
	return msg
}

// explained appends to msg what the field at path means, as
// docs/deal-format.md says ("is required: full legal name of the
// customer"), so that a reader who does not know the field learns what to
// give; msg is returned alone for a field the docs do not describe.
func explained(msg, path string) string {
	meaning := FieldMeaning(genericPath(path))
	if meaning == "" {
		return msg
	}
	return msg + ": " + strings.ReplaceAll(meaning, "`", "")
}
