package subproc

import (
	"cmp"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/suggest"
)

// Rule names of the list rules beyond the field rules (which are named by
// their validate tag: "required", "max", "line", ...).
const (
	RuleDuplicate         = "duplicate_subprocessor"
	RuleTransferMechanism = "transfer_mechanism_country"
	RulePrintable         = "printable"
)

// Problem is one thing wrong with a list: the path of the offending value
// ("list[3].country"), the rule broken and what is wrong, without the path.
type Problem struct {
	Path    string
	Rule    string
	Message string
}

// String returns "path: message".
func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Rules checks sub-processor lists. The zero Rules checks every rule as
// for a DPA under the GDPR, without the printable check.
type Rules struct {
	// Printable reports whether the PDF fonts can print r. When set, a
	// character of a text field that cannot be printed is a problem (rule
	// "printable"). Nil skips the check.
	Printable func(r rune) bool
	// Origin is where the data the sub-processors receive comes from, which
	// decides how transfer mechanisms are judged (see Origin). The zero
	// value judges them as for data from the EEA.
	Origin Origin
}

// Origin is where the data a list's sub-processors receive comes from: a
// transfer mechanism is judged from there, not from where the
// sub-processor is.
type Origin int

// The origins of the data.
const (
	// FromEEA: an exporter with an EEA nexus (and with it UK or Swiss
	// data): the EU's adequacy decisions decide (Transfers).
	FromEEA Origin = iota
	// FromSwitzerland: a Swiss exporter under the FADP alone: the Swiss
	// Federal Council's list decides (SwissTransfers).
	FromSwitzerland
	// FromUK: a UK exporter under UK Data Protection Laws alone:
	// regulations under Article 45A UK GDPR decide (UKTransfers).
	FromUK
	// NoRestrictedTransfer: no exporter in the EEA, the UK or Switzerland
	// (a deal with gdpr.applies: false): no transfer is restricted, so any
	// mechanism, "none" included, fits any country.
	NoRestrictedTransfer
)

// Check checks list by every list rule: each entry's fields (in the order
// of the entries and their fields), then unique names, then transfer
// mechanisms that fit the country. Problem paths start with prefix
// ("list" gives "list[3].country"). It returns nil for a good list.
func (r Rules) Check(list []Subprocessor, prefix string) []Problem {
	return slices.Concat(r.Entries(list, prefix), Duplicates(list, prefix), r.TransferProblems(list, prefix))
}

// Entries checks each entry's fields by the rules of its validate tags,
// and by the printable check when r.Printable is set: the problems of each
// field in turn, those of a rule before the printable one.
func (r Rules) Entries(list []Subprocessor, prefix string) []Problem {
	var ps []Problem
	for i := range list {
		v := reflect.ValueOf(&list[i]).Elem()
		for _, f := range entryFields() {
			path := fmt.Sprintf("%s[%d].%s", prefix, i, f.key)
			fv := v.Field(f.index)
			found := append(checkValue(fv, path, f.rules), r.unprintable(fv, path)...)
			if f.key == "transfer_mechanism" {
				r.explainPrivacyShield(found, list[i])
			}
			// A list's own problem first, then each element's in turn.
			slices.SortStableFunc(found, func(a, b Problem) int {
				return cmp.Compare(elementIndex(a.Path), elementIndex(b.Path))
			})
			ps = append(ps, found...)
		}
	}
	return ps
}

// explainPrivacyShield rewords the problem of a transfer mechanism that
// names the Privacy Shield, among found, with why it is refused and what to
// write instead for the entry's country (PrivacyShieldProblem), as the
// import words it: a deal file or form gets the same answer.
func (r Rules) explainPrivacyShield(found []Problem, s Subprocessor) {
	for i := range found {
		if found[i].Rule != "oneof" {
			continue
		}
		if msg := r.PrivacyShieldProblem(s.TransferMechanism, s.Country); msg != "" {
			found[i].Message = msg
		}
	}
}

// elementIndex returns n for a path that ends "[n]", else -1.
func elementIndex(path string) int {
	rest, ok := strings.CutSuffix(path, "]")
	if !ok {
		return -1
	}
	n, err := strconv.Atoi(rest[strings.LastIndexByte(rest, '[')+1:])
	if err != nil {
		return -1
	}
	return n
}

// unprintable reports the first unprintable character of a text field, or
// of each text of a list field.
func (r Rules) unprintable(v reflect.Value, path string) []Problem {
	if r.Printable == nil {
		return nil
	}
	var ps []Problem
	add := func(s, path string) {
		if msg := UnprintableProblem(s, r.Printable); msg != "" {
			ps = append(ps, Problem{Path: path, Rule: RulePrintable, Message: msg})
		}
	}
	switch v.Kind() {
	case reflect.String:
		add(v.String(), path)
	case reflect.Slice:
		for j := range v.Len() {
			add(v.Index(j).String(), fmt.Sprintf("%s[%d]", path, j))
		}
	}
	return ps
}

// entryField is one field of Subprocessor with its rules.
type entryField struct {
	index int
	key   string   // the YAML key
	rules []string // the validate tag's rules, in order
}

// entryFields lists the fields of Subprocessor that hold text, with the
// rules of their validate tags.
func entryFields() []entryField {
	t := reflect.TypeFor[Subprocessor]()
	var out []entryField
	for i := range t.NumField() {
		f := t.Field(i)
		if k := f.Type.Kind(); k != reflect.String && k != reflect.Slice {
			continue // the date added: its decoding checks it
		}
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		var rules []string
		if tag := f.Tag.Get("validate"); tag != "" {
			rules = strings.Split(tag, ",")
		}
		out = append(out, entryField{index: i, key: key, rules: rules})
	}
	return out
}

// checkValue applies rules to v, a string or a list of strings, as
// go-playground/validator does: in order, stopping at the first rule
// broken; "omitempty" skips an empty value; "dive" applies the rules after
// it to each element.
func checkValue(v reflect.Value, path string, rules []string) []Problem {
	for i, rule := range rules {
		tag, param, _ := strings.Cut(rule, "=")
		switch tag {
		case "omitempty":
			if v.IsZero() {
				return nil
			}
		case "dive":
			var ps []Problem
			for j := range v.Len() {
				ps = append(ps, checkValue(v.Index(j), fmt.Sprintf("%s[%d]", path, j), rules[i+1:])...)
			}
			return ps
		default:
			if msg := ruleProblem(tag, param, v, path); msg != "" {
				return []Problem{{Path: path, Rule: tag, Message: msg}}
			}
		}
	}
	return nil
}

// EmptyEntry is the message for an empty entry of a list field (an empty
// item of an entry's data).
const EmptyEntry = "is empty; write the entry or remove it from the list"

// ruleProblem explains why v breaks the rule tag with param, or returns "".
func ruleProblem(tag, param string, v reflect.Value, path string) string {
	s := ""
	if v.Kind() == reflect.String {
		s = v.String()
	}
	switch tag {
	case "required":
		if !v.IsZero() {
			return ""
		}
		if strings.HasSuffix(path, "]") {
			return EmptyEntry
		}
		return "is required"
	case "max":
		return maxProblem(v, param)
	case "oneof":
		return oneOfProblem(s, strings.Fields(param))
	case "line":
		return LineProblem(s)
	case "country":
		if country.Valid(s) {
			return ""
		}
		return CountryProblem(s)
	case "excludes":
		if !strings.Contains(s, param) {
			return ""
		}
		return excludesProblem(s, param)
	case "http_url":
		if isWebAddress(s) {
			return ""
		}
		return fmt.Sprintf("%s is not a web address (want one starting with https:// or http://)", suggest.Quote(s))
	}
	return fmt.Sprintf("breaks the rule %q", tag)
}

// maxProblem explains why v, text or a list, is longer than param allows,
// or returns "".
func maxProblem(v reflect.Value, param string) string {
	n, err := strconv.Atoi(param)
	if err != nil {
		return fmt.Sprintf("breaks the rule %q", "max="+param)
	}
	switch v.Kind() {
	case reflect.String:
		if got := utf8.RuneCountInString(v.String()); got > n {
			return fmt.Sprintf("is %d characters long; at most %s are allowed", got, param)
		}
	case reflect.Slice:
		if got := v.Len(); got > n {
			return fmt.Sprintf("lists %d entries; at most %s are allowed", got, param)
		}
	}
	return ""
}

// oneOfProblem explains why s is not one of allowed, with the closest
// allowed value, or returns "".
func oneOfProblem(s string, allowed []string) string {
	if slices.Contains(allowed, s) {
		return ""
	}
	msg := fmt.Sprintf("%s is not allowed (want %s)", suggest.Quote(s), orList(allowed))
	if c := suggest.Closest(s, allowed); c != "" && s != "" {
		msg += "; " + suggest.Hint(s, c, "the value")
	}
	return msg
}

// excludesProblem explains why s may not hold sep: a data category with
// ";" would be read back from the workbook or its CSV file, where ";"
// separates the categories, as several.
func excludesProblem(s, sep string) string {
	if sep != ";" {
		return fmt.Sprintf("%s holds %q, which is not allowed here", suggest.Quote(s), sep)
	}
	var parts []string
	for p := range strings.SplitSeq(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, suggest.Quote(p))
		}
	}
	return fmt.Sprintf(`%s holds ";", which separates the data categories in the sub-processor workbook and its CSV file, so it would be read back as %s; write the category without ";" (with "," or "and"), or give each category as an entry of its own`,
		suggest.Quote(s), andQuoted(parts))
}

// andQuoted joins quoted texts as "a", "a and b", "a, b and c"; nothing
// becomes "no category".
func andQuoted(xs []string) string {
	switch len(xs) {
	case 0:
		return "no category"
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// isWebAddress reports whether s is an http or https address with a host,
// as validator's http_url rule has it.
func isWebAddress(s string) bool {
	u, err := url.Parse(strings.ToLower(s))
	if err != nil || u.Host == "" {
		return false
	}
	return u.Scheme == "http" || u.Scheme == "https"
}

// Duplicates checks that each sub-processor is named once (names compared
// as NameKey does); an empty name is the field rules' business.
func Duplicates(list []Subprocessor, prefix string) []Problem {
	var ps []Problem
	first := map[string]int{}
	for i, s := range list {
		key := NameKey(s.Name)
		if key == "" {
			continue
		}
		if j, dup := first[key]; dup {
			ps = append(ps, Problem{Path: fmt.Sprintf("%s[%d].name", prefix, i), Rule: RuleDuplicate,
				Message: fmt.Sprintf("%s is listed twice (also at %s[%d])", suggest.Quote(s.Name), prefix, j)})
			continue
		}
		first[key] = i
	}
	return ps
}

// Adequate reports whether code is a country outside the EEA with an EU
// adequacy decision that covers transfers to any recipient there (the
// United States' decision covers only organisations certified under the
// Data Privacy Framework: transfer mechanism "dpf").
func Adequate(code string) bool {
	switch code {
	case "CH", "GB", "AD", "AR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR", "UY":
		return true
	}
	return false
}

// Home reports whether data from r.Origin reaches a sub-processor in
// country code without any transfer mechanism, so that an importer may
// fill in "none" where a sheet gives none: in the EEA for data from the
// EEA, in Switzerland or the EEA for data from Switzerland, in the United
// Kingdom or the EEA for data from the United Kingdom, anywhere when
// no transfer is restricted. An adequate country is not home: that a
// transfer relies on adequacy must be said, not guessed.
func (r Rules) Home(code string) bool {
	switch r.Origin {
	case NoRestrictedTransfer:
		return country.Valid(code)
	case FromSwitzerland:
		return code == "CH" || country.IsEEA(code)
	case FromUK:
		return code == "GB" || country.IsEEA(code)
	}
	return country.IsEEA(code)
}

// HomeName names the area Home describes, for messages: "the EEA",
// "Switzerland or the EEA", "the United Kingdom or the EEA".
func (r Rules) HomeName() string {
	switch r.Origin {
	case FromSwitzerland:
		return "Switzerland or the EEA"
	case FromUK:
		return "the United Kingdom or the EEA"
	}
	return "the EEA"
}

// TransferProblems checks that each sub-processor's transfer mechanism
// fits its country, as judged from r.Origin.
func (r Rules) TransferProblems(list []Subprocessor, prefix string) []Problem {
	switch r.Origin {
	case NoRestrictedTransfer:
		return transferProblems(list, prefix, dpfOutsideUS)
	case FromSwitzerland:
		return SwissTransfers(list, prefix)
	case FromUK:
		return UKTransfers(list, prefix)
	}
	return Transfers(list, prefix)
}

// Transfers checks that each sub-processor's transfer mechanism fits its
// country, for data that comes from an exporter in the EEA (or the UK or
// Switzerland beside it, whose adequacy findings this list follows).
func Transfers(list []Subprocessor, prefix string) []Problem {
	return transferProblems(list, prefix, transferProblem)
}

// SwissTransfers checks that each sub-processor's transfer mechanism fits
// its country for data that comes from Switzerland: adequacy is the Swiss
// Federal Council's (Article 16(1) FADP; Annex 1 to the Data Protection
// Ordinance, see country.SwissAdequate), not the European Commission's,
// and "dpf" means the Swiss-US Data Privacy Framework.
func SwissTransfers(list []Subprocessor, prefix string) []Problem {
	return transferProblems(list, prefix, swissTransferProblem)
}

// UKTransfers checks that each sub-processor's transfer mechanism fits its
// country for data that comes from a UK exporter under UK Data Protection
// Laws alone: adequacy is the UK's (regulations under Article 45A UK GDPR,
// see country.UKAdequate), and "dpf" means
// the UK Extension to the EU-US Data Privacy Framework.
func UKTransfers(list []Subprocessor, prefix string) []Problem {
	return transferProblems(list, prefix, ukTransferProblem)
}

// dpfOutsideUS explains why "dpf" does not fit a sub-processor outside the
// United States, or returns "". It is the one transfer rule left when the
// customer's data makes no restricted transfer: no mechanism is needed
// then, but a list that names one must still be true, and only an
// organisation in the United States can be certified under a Data Privacy
// Framework.
func dpfOutsideUS(s Subprocessor) string {
	c := s.Country
	if s.TransferMechanism != TransferDPF || c == "US" || !country.Valid(c) {
		return ""
	}
	return fmt.Sprintf(`"dpf" (a Data Privacy Framework certification) applies only to sub-processors in the United States, not in %s (%s)`, country.WithArticle(c), c)
}

// ukTransferProblem explains why a sub-processor's transfer mechanism does
// not fit its country for a transfer from the United Kingdom, or returns "".
func ukTransferProblem(s Subprocessor) string {
	c := s.Country
	if !country.Valid(c) {
		return ""
	}
	name := country.WithArticle(c)
	if s.TransferMechanism == TransferDPF && c != "US" {
		return fmt.Sprintf(`"dpf" (the UK Extension to the EU-US Data Privacy Framework) applies only to sub-processors in the United States, not in %s (%s)`, name, c)
	}
	if FromUK.AdequacyAtHome(s) {
		return adequacyAtHome(name, c, "a country outside the United Kingdom to which regulations under Article 45A of the UK GDPR approve transfers", "where the data comes from, so no transfer takes place")
	}
	if country.UKAdequate(c) {
		return ""
	}
	hint := `"scc"`
	if c == "US" {
		hint = `"scc", or "dpf" if it is certified under the UK Extension to the EU-US Data Privacy Framework`
	}
	switch s.TransferMechanism {
	case TransferNone, TransferAdequacy:
		return fmt.Sprintf(`%q is only for the United Kingdom or a country to which transfers are approved by regulations under Article 45A of the UK GDPR, and %s (%s) is not covered, so a transfer from the United Kingdom needs a safeguard; use %s`,
			s.TransferMechanism, name, c, hint)
	}
	return ""
}

// AdequacyAtHome reports whether s relies on an adequacy decision
// ("adequacy") for a sub-processor where the data of origin o comes from:
// in the EEA for data from the EEA, in Switzerland for data from
// Switzerland, in the United Kingdom for data from the United Kingdom.
// No transfer takes place there and no adequacy is found for it, so the
// transfer rule of o refuses it and asks for "none".
func (o Origin) AdequacyAtHome(s Subprocessor) bool {
	if s.TransferMechanism != TransferAdequacy {
		return false
	}
	switch o {
	case FromEEA:
		return country.IsEEA(s.Country)
	case FromSwitzerland:
		return s.Country == "CH"
	case FromUK:
		return s.Country == "GB"
	}
	return false
}

// adequacyAtHome is the problem of "adequacy" given for the sub-processor
// in country c, called name: it is for what, and c is where.
func adequacyAtHome(name, c, what, where string) string {
	return fmt.Sprintf(`"adequacy" is for %s, and %s (%s) is %s; use "none"`, what, name, c, where)
}

// transferProblems reports, for each sub-processor of list, the problem
// that problem explains with its transfer mechanism, at its path below
// prefix.
func transferProblems(list []Subprocessor, prefix string, problem func(Subprocessor) string) []Problem {
	var ps []Problem
	for i, s := range list {
		if msg := problem(s); msg != "" {
			ps = append(ps, Problem{Path: fmt.Sprintf("%s[%d].transfer_mechanism", prefix, i),
				Rule: RuleTransferMechanism, Message: msg})
		}
	}
	return ps
}

// swissTransferProblem explains why a sub-processor's transfer mechanism
// does not fit its country for a transfer from Switzerland, or returns "".
func swissTransferProblem(s Subprocessor) string {
	c := s.Country
	if !country.Valid(c) {
		return ""
	}
	name := country.WithArticle(c)
	if s.TransferMechanism == TransferDPF && c != "US" {
		// Before the adequacy shortcut: a sub-processor in the EEA or in
		// another country the Federal Council lists cannot be certified
		// under a framework for organisations in the United States.
		return fmt.Sprintf(`"dpf" (the Swiss-US Data Privacy Framework) applies only to sub-processors in the United States, not in %s (%s)`, name, c)
	}
	if FromSwitzerland.AdequacyAtHome(s) {
		return adequacyAtHome(name, c, "a country outside Switzerland that the Swiss Federal Council lists as adequate", "where the data comes from, so no transfer takes place")
	}
	if country.SwissAdequate(c) {
		return ""
	}
	hint := `"scc"`
	if c == "US" {
		hint = `"scc", or "dpf" if it is certified under the Swiss-US Data Privacy Framework`
	}
	switch s.TransferMechanism {
	case TransferNone, TransferAdequacy:
		return fmt.Sprintf(`%q is only for Switzerland or a country that the Swiss Federal Council lists as adequate (Annex 1 to the Data Protection Ordinance), and %s (%s) is not listed, so a transfer from Switzerland needs a safeguard; use %s`,
			s.TransferMechanism, name, c, hint)
	}
	return ""
}

// transferProblem explains why a sub-processor's transfer mechanism does
// not fit its country, or returns "". An invalid country is the country
// rule's business.
func transferProblem(s Subprocessor) string {
	c := s.Country
	if !country.Valid(c) {
		return ""
	}
	name := country.WithArticle(c)
	switch s.TransferMechanism {
	case TransferNone:
		if !country.IsEEA(c) && !Adequate(c) {
			hint := `"scc"`
			if c == "US" {
				hint = `"scc", or "dpf" if it is certified under the EU-US Data Privacy Framework`
			}
			return fmt.Sprintf(`"none" is only for a country in the EEA or with an EU adequacy decision, and %s (%s) is neither; use %s`, name, c, hint)
		}
	case TransferAdequacy:
		if country.IsEEA(c) {
			return adequacyAtHome(name, c, "a country outside the EEA with an EU adequacy decision", "in the EEA, where the GDPR applies and no adequacy decision is made (none is needed)")
		}
		if !Adequate(c) {
			hint := `"scc"`
			if c == "US" {
				hint = `"dpf" (the adequacy decision for the United States covers only organisations certified under the EU-US Data Privacy Framework) or "scc"`
			}
			return fmt.Sprintf(`"adequacy" needs a country with an EU adequacy decision, and %s (%s) has none; use %s`, name, c, hint)
		}
	case TransferDPF:
		if c != "US" {
			return fmt.Sprintf(`"dpf" (the EU-US Data Privacy Framework) applies only to sub-processors in the United States, not in %s (%s)`, name, c)
		}
	}
	return ""
}
