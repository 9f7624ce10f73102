// Package wording provides the legal-style phrasing used by clause templates:
// numbers in words and figures, dates as "1 December 2026", lists joined with
// commas and "and", and the names of SCC modules and transfer mechanisms.
package wording

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dpakit/dpakit/assemble/subproc"
)

var small = [...]string{
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
	"seventeen", "eighteen", "nineteen",
}

var tens = [...]string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

// Words returns n in English words: 48 is "forty-eight", 365 is "three
// hundred and sixty-five". Numbers outside 0..999,999 and negative numbers
// are returned in figures.
func Words(n int) string {
	switch {
	case n < 0 || n > 999999:
		return strconv.Itoa(n)
	case n < 20:
		return small[n]
	case n < 100:
		if n%10 == 0 {
			return tens[n/10]
		}
		return tens[n/10] + "-" + small[n%10]
	case n < 1000:
		s := small[n/100] + " hundred"
		if n%100 != 0 {
			s += " and " + Words(n%100)
		}
		return s
	}
	s := Words(n/1000) + " thousand"
	switch r := n % 1000; {
	case r == 0:
	case r < 100:
		s += " and " + Words(r)
	default:
		s += " " + Words(r)
	}
	return s
}

// Spell returns n in words followed by figures, as contracts state periods:
// 48 is "forty-eight (48)".
func Spell(n int) string {
	return Words(n) + " (" + strconv.Itoa(n) + ")"
}

// Count returns n spelled with a singular or plural noun: Count(1, "day")
// is "one (1) day" and Count(30, "day") is "thirty (30) days". The plural adds
// "s".
func Count(n int, noun string) string {
	if n == 1 {
		return Spell(n) + " " + noun
	}
	return Spell(n) + " " + noun + "s"
}

// Date formats a date as contracts do: "1 December 2026". It accepts a
// time.Time or any value with an embedded or direct time.Time (such as
// deal.Date); the zero time gives "".
func Date(v any) (string, error) {
	t, ok := asTime(v)
	if !ok {
		return "", fmt.Errorf("date: want a date, got %T", v)
	}
	if t.IsZero() {
		return "", nil
	}
	return t.Format("2 January 2006"), nil
}

func asTime(v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		return x, true
	case *time.Time:
		if x == nil {
			return time.Time{}, true
		}
		return *x, true
	}
	rv := reflect.Indirect(reflect.ValueOf(v))
	if rv.Kind() == reflect.Struct && rv.NumField() > 0 {
		if t, ok := rv.Field(0).Interface().(time.Time); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// Join joins items as English prose: "a", "a and b", "a, b and c".
func Join(items []string) string {
	return joinWith(items, "and")
}

// JoinOr joins items with "or": "a, b or c".
func JoinOr(items []string) string {
	return joinWith(items, "or")
}

// JoinInline joins list items as Join does, for items that stand inside a
// sentence or a table cell rather than as a list of their own: the first
// keeps its case, and each later one starts in lower case when its first
// word is an ordinary capitalised word ("Account data", "Usage logs",
// "IP address" give "Account data, usage logs and IP address"). See
// LowerInitial for the words that keep their capital.
func JoinInline(items []string) string {
	return Join(InlineItems(items))
}

// InlineItems writes list items for running text: each in sentence case
// when it was written in title case ("Last Name", "Profile Photo" as a
// source list spells them), and, after the first, with its first word in
// lower case as LowerInitial has it.
func InlineItems(items []string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		it = sentenceCase(it)
		if i > 0 {
			it = LowerInitial(it)
		}
		out[i] = it
	}
	return out
}

// sentenceCase returns s with the words after its first in lower case when
// s is written in title case: two words or more, every one with a letter
// starting in upper case ("First Name", "IP Address", "Browser
// Information" give "First name", "IP address", "Browser information").
// A word with another capital or a digit ("IP", "UPN", "iOS") and the
// DPA's defined terms keep their case; text not in title case is
// returned as it is.
func sentenceCase(s string) string {
	words := strings.Fields(s)
	if len(words) < 2 || strings.Join(words, " ") != s {
		return s
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) && !unicode.IsUpper(r) && !smallWords[w] {
			return s
		}
	}
	for i := 0; i < len(words); i++ {
		if n := definedTermAt(words[i:]); n > 0 {
			i += n - 1
			continue
		}
		if i > 0 {
			words[i] = lowerOrdinary(words[i])
		} else if head, rest, ok := strings.Cut(words[0], "-"); ok {
			// The first word keeps its initial (LowerInitial decides),
			// not the capitals after a hyphen: "One-Time" gives "One-time".
			words[0] = head + "-" + lowerOrdinary(rest)
		}
	}
	return strings.Join(words, " ")
}

// smallWords stay in lower case in a title ("Date of Birth").
var smallWords = map[string]bool{"a": true, "an": true, "and": true, "by": true, "for": true, "in": true, "of": true, "on": true, "or": true, "per": true, "the": true, "to": true, "with": true}

// definedTermAt returns how many of words a defined term spells at their
// start, or 0. A term's last word may be in the possessive ("Customer's",
// "Data Subjects'").
func definedTermAt(words []string) int {
	for _, t := range definedTerms {
		tw := strings.Fields(t)
		if len(tw) > len(words) {
			continue
		}
		head := strings.Join(words[:len(tw)-1], " ")
		last := words[len(tw)-1]
		if (head == "" || head == strings.Join(tw[:len(tw)-1], " ")) && baseForm(last) == tw[len(tw)-1] {
			return len(tw)
		}
	}
	return 0
}

// baseForm returns a word without a possessive ending ("Customer's",
// "Data Subjects'").
func baseForm(w string) string {
	for _, suffix := range []string{"'s", "’s", "'", "’"} {
		if b, ok := strings.CutSuffix(w, suffix); ok && b != "" {
			return b
		}
	}
	return w
}

// lowerOrdinary lowers the initial of an ordinary capitalised word (one
// upper-case letter followed by lower-case letters only), and of each such
// part of a hyphenated word ("One-Time" gives "one-time").
func lowerOrdinary(w string) string {
	if strings.Contains(w, "-") {
		parts := strings.Split(w, "-")
		for i, p := range parts {
			parts[i] = lowerOrdinary(p)
		}
		return strings.Join(parts, "-")
	}
	if !ordinaryCapitalised(w) {
		return w
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToLower(r)) + w[n:]
}

// ordinaryCapitalised reports whether w is an ordinary capitalised word:
// an upper-case letter followed by no other capital and no digit ("Name",
// not "IP", "AWS", "S3" or "iOS").
func ordinaryCapitalised(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, c := range w[n:] {
		if unicode.IsUpper(c) || unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

// JoinData joins data categories for a sentence or a table cell, as
// JoinInline does, unless a category itself contains "and" or a comma
// ("Employee names and identifiers", "Salary and bank details"): the
// categories are then separated by semicolons, so that each stays distinct
// ("Employee names and identifiers; salary and bank details").
func JoinData(items []string) string {
	for _, it := range items {
		if strings.Contains(it, ",") || strings.Contains(" "+strings.ToLower(it)+" ", " and ") {
			return strings.Join(InlineItems(items), "; ")
		}
	}
	return JoinInline(items)
}

// definedTerms are the DPA's capitalised defined terms that can begin a
// data category or a purpose ("Customer content", "Services usage data");
// they keep their capital inside a sentence.
var definedTerms = []string{"Agreement", "Controller", "Controllers", "Customer", "Data Subject", "Data Subjects", "Personal Data", "Provider", "Services", "Sub-processor", "Sub-processors"}

// LowerInitial returns s with its first letter in lower case when s starts
// with an ordinary capitalised word, for use after a colon or inside a
// list: "Hosting of the platform" gives "hosting of the platform". A
// first word with another capital letter or a digit ("IP", "AWS", "iOS",
// "S3"), a defined term of the DPA ("Customer content") and a name of two
// or more capitalised words ("Google Workspace user IDs", "Microsoft Teams
// messages") are left as they are. A one-word name ("Slack messages")
// cannot be told from an ordinary word, and is lowered.
func LowerInitial(s string) string {
	for _, t := range definedTerms {
		if rest, ok := strings.CutPrefix(s, t); ok {
			if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !unicode.IsLower(r) {
				return s
			}
		}
	}
	words := strings.Fields(s)
	if len(words) == 0 || !ordinaryCapitalised(words[0]) {
		return s
	}
	if len(words) > 1 && ordinaryCapitalised(strings.TrimRight(words[1], ",;:.)")) {
		return s // a name: "Google Workspace"
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// Addressee returns a party's contact as it is named inside a sentence
// ("notice ... to X at privacy@..."): a person's name as it is ("Morgan
// Reyes"), a team, office or position with the definite article English
// gives it ("the Privacy Team", "the Data Protection Officer"), and a name
// written with its own article, in any case, with that article once and in
// lower case ("The Privacy Office" and "THE Legal Department" give "the
// Privacy Office" and "the Legal Department", never "the The ..."). A name
// stands for a team, office or position when a noun that names one
// (team, office, department, desk, group, unit, committee, function,
// division, centre, officer, counsel, manager, lead, DPO) ends it, a
// bracket, acronyms ("Privacy Team EMEA") or an "of" phrase ("Privacy Team
// of Müller Logistik") after it aside, or when it is a title with an "of"
// phrase ("Head of Legal", "Director of Privacy"); see namesOffice. Standing alone, in a
// salutation, a name takes no article (Salutation); in a list of contact
// details it is used as it is.
func Addressee(name string) string {
	name = strings.TrimSpace(name)
	if rest, ok := cutArticle(name); ok {
		return "the " + rest
	}
	base := name
	if i := strings.LastIndex(base, " ("); i > 0 && strings.HasSuffix(base, ")") {
		base = base[:i] // "Privacy Office (EU)": the office is named before the bracket
	}
	if !namesOffice(strings.Fields(base)) {
		return name
	}
	return "the " + name
}

// Salutation returns the greeting of a letter to a party's contact, without
// its comma: "Dear Morgan Reyes", "Dear Privacy Team", and a name written
// with its article, in any case, without it ("The Privacy Office" gives
// "Dear Privacy Office", not "Dear The Privacy Office"); "Dear Customer"
// when the contact has no name.
func Salutation(name string) string {
	name = strings.TrimSpace(name)
	if rest, ok := cutArticle(name); ok {
		name = rest
	}
	if name == "" {
		return "Dear Customer"
	}
	return "Dear " + name
}

// cutArticle returns name without a leading definite article ("The", "the",
// "THE" followed by a space), and whether it had one. A name that is only
// the word, or that merely begins with its letters ("Theodora Office"),
// has none.
func cutArticle(name string) (string, bool) {
	i := strings.IndexFunc(name, unicode.IsSpace)
	if i < 0 || !strings.EqualFold(name[:i], "the") {
		return name, false
	}
	rest := strings.TrimLeftFunc(name[i:], unicode.IsSpace)
	return rest, rest != ""
}

// namesOffice reports whether the words of a contact's name name a team,
// office or position rather than a person: a team or office noun ending
// the name ("Privacy Team", "Data Protection Officer"), or followed only by
// acronyms ("Privacy Team EMEA") or by a phrase with "of" or "for"
// ("Privacy Team of Müller Logistik"); or a title with such a phrase
// ("Head of Legal", "Director of Privacy"). A title alone ends no name
// here, since it may be a surname ("Morgan Head").
func namesOffice(words []string) bool {
	for i, w := range words {
		noun := strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }))
		rest := words[i+1:]
		phrase := len(rest) > 0 && (rest[0] == "of" || rest[0] == "for")
		switch {
		case officeNoun(noun) && (allAcronyms(rest) || phrase):
			return true
		case titleNoun(noun) && phrase:
			return true
		}
	}
	return false
}

// officeNoun reports whether a lower-case word names a team, office or
// position; no person's name ends so.
func officeNoun(word string) bool {
	switch word {
	case "team", "office", "department", "desk", "group", "unit", "committee", "function", "division",
		"centre", "center", "officer", "counsel", "manager", "lead", "dpo":
		return true
	}
	return false
}

// titleNoun reports whether a lower-case word is a title that names a
// position when a phrase follows it ("Head of Legal").
func titleNoun(word string) bool {
	switch word {
	case "head", "director", "president", "chair", "vice":
		return true
	}
	return false
}

// allAcronyms reports whether every word is an acronym or code ("EMEA",
// "EU/UK", "DACH"): capital letters, digits and slashes only. No words is
// all acronyms.
func allAcronyms(words []string) bool {
	for _, w := range words {
		hasLetter := false
		for _, r := range w {
			switch {
			case unicode.IsUpper(r):
				hasLetter = true
			case unicode.IsDigit(r) || r == '/' || r == '-':
			default:
				return false
			}
		}
		if !hasLetter {
			return false
		}
	}
	return true
}

// Sentence returns s ended as a sentence: with a full stop, unless it ends
// in one already, or in a question or exclamation mark ("Hosting" gives
// "Hosting.", "Hosting." stays). Trailing spaces are dropped.
func Sentence(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…") {
		return s
	}
	return s + "."
}

func joinWith(items []string, conj string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}

var moduleNames = [...]string{
	1: "Module One (controller to controller)",
	2: "Module Two (controller to processor)",
	3: "Module Three (processor to processor)",
	4: "Module Four (processor to controller)",
}

var moduleShort = [...]string{1: "Module One", 2: "Module Two", 3: "Module Three", 4: "Module Four"}

// Module names an SCC module: 2 is "Module Two (controller to processor)".
func Module(m int) (string, error) {
	if m < 1 || m > 4 {
		return "", fmt.Errorf("module: %d is not an SCC module (want 1 to 4)", m)
	}
	return moduleNames[m], nil
}

// ModuleShort names an SCC module briefly: 2 is "Module Two".
func ModuleShort(m int) (string, error) {
	if m < 1 || m > 4 {
		return "", fmt.Errorf("module: %d is not an SCC module (want 1 to 4)", m)
	}
	return moduleShort[m], nil
}

// Modules names a set of modules as prose: [2 3] is "Module Two and Module Three".
func Modules(ms []int) (string, error) {
	names := make([]string, 0, len(ms))
	for _, m := range ms {
		s, err := ModuleShort(m)
		if err != nil {
			return "", err
		}
		names = append(names, s)
	}
	return Join(names), nil
}

// moduleRoles is each party's role under each module: the exporter is a
// controller under Modules One and Two and a processor under Three and
// Four; the importer a controller under One and Four, a processor under
// Two and a processor acting as sub-processor under Three.
var moduleRoles = map[string][5]string{
	"exporter": {1: "controller", 2: "controller", 3: "processor", 4: "processor"},
	"importer": {1: "controller", 2: "processor", 3: "processor acting as sub-processor", 4: "controller"},
}

var moduleNumbers = [...]string{1: "One", 2: "Two", 3: "Three", 4: "Four"}

// Roles states a party's role ("exporter" or "importer") under the
// selected modules, once for the modules in which it is the same, as Annex
// I.A asks: the exporter of [1 2] is "controller (Modules One and Two)",
// the importer "controller (Module One); processor (Module Two)".
func Roles(party string, ms []int) (string, error) {
	roles, ok := moduleRoles[party]
	if !ok {
		return "", fmt.Errorf("roles: unknown party %q (want exporter or importer)", party)
	}
	var order []string
	numbers := map[string][]string{}
	for _, m := range ms {
		if m < 1 || m > 4 {
			return "", fmt.Errorf("roles: %d is not an SCC module (want 1 to 4)", m)
		}
		r := roles[m]
		if _, seen := numbers[r]; !seen {
			order = append(order, r)
		}
		numbers[r] = append(numbers[r], moduleNumbers[m])
	}
	parts := make([]string, len(order))
	for i, r := range order {
		noun := "Module "
		if len(numbers[r]) > 1 {
			noun = "Modules "
		}
		parts[i] = r + " (" + noun + Join(numbers[r]) + ")"
	}
	return strings.Join(parts, "; "), nil
}

// Mechanism spells out a transfer mechanism code of the sub-processor list
// with the label of the sub-processor vocabulary (subproc.TransferMechanisms).
func Mechanism(code string) (string, error) {
	if l, ok := subproc.Label(subproc.TransferMechanisms(), code); ok {
		return l, nil
	}
	return "", fmt.Errorf("mechanism: unknown transfer mechanism %q (want %s)", code, JoinOr(subproc.Codes(subproc.TransferMechanisms())))
}

// Letter returns the n-th (1-based) upper-case letter label: 1 is "A", 27 is "AA".
func Letter(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// Roman returns n in lower-case roman numerals: 4 is "iv".
func Roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := [...]int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := [...]string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
