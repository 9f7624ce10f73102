package deal

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dpakit/dpakit/assemble/country"
)

// The sub-processor vocabulary: the codes a deal file writes for a
// sub-processor's category and transfer mechanism, their labels (in the
// workbook, Annex III and the notice), the words an imported sheet may use
// for them, and the key by which two entries name the same sub-processor.
// Every door reads it from here: the validate tags of Subprocessor are
// tested against it.

// Choice is one code of a closed set with its label and the other words
// that an imported sheet may use for it.
type Choice struct {
	// Code is what the deal file writes: "scc".
	Code string
	// Label is how documents and the workbook spell it out: "Standard
	// Contractual Clauses".
	Label string
	// Synonyms are other spellings accepted on import, compared as
	// MatchChoice compares them (case, spaces and punctuation ignored).
	Synonyms []string
}

// Sub-processor categories.
const (
	CategoryInfrastructure = "infrastructure"
	CategoryService        = "service"
)

// Transfer mechanisms.
const (
	TransferNone     = "none"
	TransferAdequacy = "adequacy"
	TransferSCC      = "scc"
	TransferDPF      = "dpf"
	TransferBCR      = "bcr"
)

// Categories returns the sub-processor categories in drop-list order.
func Categories() []Choice {
	return []Choice{
		{CategoryInfrastructure, "Infrastructure", []string{"infra", "infrastructure sub-processor",
			"infrastructure sub-processors", "hosting"}},
		{CategoryService, "Service", []string{"services", "service-specific", "service-specific sub-processor",
			"service-specific sub-processors", "service provider"}},
	}
}

// TransferMechanisms returns the transfer mechanisms in drop-list order.
// "none" covers a country in the EEA and a country with an adequacy
// decision for any recipient (see the transfer_mechanism_country rule).
func TransferMechanisms() []Choice {
	return []Choice{
		{TransferNone, "None required (EEA or adequate country)", []string{"none required", "not required",
			"none required (EEA)", "EEA", "within the EEA"}},
		{TransferAdequacy, "Adequacy decision", []string{"adequate country", "adequacy decisions"}},
		{TransferSCC, "Standard Contractual Clauses", []string{"SCCs", "Standard Contractual Clauses (SCCs)",
			"EU SCCs", "EU Standard Contractual Clauses", "Standard Contractual Clauses (SCC)"}},
		{TransferDPF, "EU-US Data Privacy Framework", []string{"Data Privacy Framework", "EU-US DPF",
			"EU-U.S. Data Privacy Framework", "EU-U.S. DPF", "EU-US Data Privacy Framework (DPF)"}},
		{TransferBCR, "Binding Corporate Rules", []string{"BCR", "BCRs", "Binding Corporate Rules (BCR)",
			"Binding Corporate Rules (BCRs)", "Processor BCR", "Processor Binding Corporate Rules", "BCR-P",
			"Intra-group BCR", "Art. 47 GDPR", "Article 47 GDPR"}},
	}
}

// Codes returns the codes of choices, in order.
func Codes(choices []Choice) []string {
	out := make([]string, len(choices))
	for i, c := range choices {
		out[i] = c.Code
	}
	return out
}

// Labels returns the labels of choices, in order.
func Labels(choices []Choice) []string {
	out := make([]string, len(choices))
	for i, c := range choices {
		out[i] = c.Label
	}
	return out
}

// Label returns the label of code among choices, and false for an unknown
// code.
func Label(choices []Choice, code string) (string, bool) {
	for _, c := range choices {
		if c.Code == code {
			return c.Label, true
		}
	}
	return "", false
}

// CategoryLabel spells out a category code ("infrastructure" gives
// "Infrastructure"); an unknown code is returned as it is.
func CategoryLabel(code string) string {
	if l, ok := Label(Categories(), code); ok {
		return l
	}
	return code
}

// TransferLabel spells out a transfer mechanism code ("scc" gives "Standard
// Contractual Clauses"); an unknown code is returned as it is.
func TransferLabel(code string) string {
	if l, ok := Label(TransferMechanisms(), code); ok {
		return l
	}
	return code
}

// MatchChoice finds the code that s names among choices: the code, the
// label or a synonym, ignoring case, spaces and punctuation ("EU-U.S. DPF"
// and "eu us dpf" are the same).
func MatchChoice(choices []Choice, s string) (string, bool) {
	k := FoldWords(s)
	if k == "" {
		return "", false
	}
	for _, c := range choices {
		if k == FoldWords(c.Code) || k == FoldWords(c.Label) {
			return c.Code, true
		}
		for _, syn := range c.Synonyms {
			if k == FoldWords(syn) {
				return c.Code, true
			}
		}
	}
	return "", false
}

// foldWords lower-cases s and turns every run of characters other than
// letters and digits into one space, trimmed.
func FoldWords(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

// NameKey is the key by which two entries name the same sub-processor: the
// name in lower case with its runs of white space made single spaces and
// trimmed ("AWS " and "aws" are the same). The unique-name rule, the import
// and the diff all compare names by it.
//
// The name is first brought to Unicode normalisation form NFKC (full-width
// "ＡＷＳ" is "AWS", a composed "é" equals "e" with a combining accent) and
// stripped of invisible formatting characters (zero-width spaces, soft
// hyphens), which the line rule refuses in a deal anyway.
func NameKey(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, norm.NFKC.String(name))
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// adequate lists the countries outside the EEA with an EU adequacy
// decision that covers transfers to any recipient there (the United States'
// decision covers only organisations certified under the Data Privacy
// Framework: transfer mechanism "dpf").
var adequate = map[string]bool{
	"CH": true, "GB": true, "AD": true, "AR": true, "CA": true, "FO": true, "GG": true,
	"IL": true, "IM": true, "JP": true, "JE": true, "NZ": true, "KR": true, "UY": true,
}

// ValidateList checks a sub-processor list on its own (a list file, the
// list of a profile) by exactly the rules a deal's subprocessors.list must
// meet: every entry's fields, unique names, and transfer mechanisms that fit
// the country. Problem paths start with prefix ("list" gives
// "list[3].country"); file names the file for messages.
func (v *Validator) ValidateList(list []Subprocessor, file, prefix string) error {
	err := v.Validate(&Deal{Subprocessors: Subprocessors{List: list}})
	var ve *ValidationError
	if err == nil || !errors.As(err, &ve) {
		return err
	}
	var kept []Problem
	for _, p := range ve.Problems {
		if rest, ok := strings.CutPrefix(p.Path, "subprocessors.list["); ok {
			p.Path = prefix + "[" + rest
			p.Message = strings.ReplaceAll(p.Message, "subprocessors.list[", prefix+"[")
			p.File = file
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	out := newValidationError(kept)
	out.File = file
	return out
}

// checkDuplicateSubprocessor: each sub-processor is named once (names
// compared as NameKey does).
func checkDuplicateSubprocessor(d *Deal, report reportFunc) {
	first := map[string]int{}
	for i, s := range d.Subprocessors.List {
		key := NameKey(s.Name)
		if key == "" {
			continue
		}
		if j, dup := first[key]; dup {
			report(s.Name, fmt.Sprintf("subprocessors.list[%d].name", i), "%s is listed twice (also at subprocessors.list[%d])", quote(s.Name), j)
			continue
		}
		first[key] = i
	}
}

// checkTransferMechanisms: each sub-processor's transfer mechanism fits its
// country.
//
// Without an EEA, UK or Swiss nexus (gdpr.applies: false) no transfer is
// restricted, so any mechanism, "none" included, fits any country: the
// mechanism is judged from where the data comes from.
func checkTransferMechanisms(d *Deal, report reportFunc) {
	if !d.GDPR.On() {
		return
	}
	for i, s := range d.Subprocessors.List {
		transferRule(s, fmt.Sprintf("subprocessors.list[%d].transfer_mechanism", i), report)
	}
}

// transferRule checks that a sub-processor's transfer mechanism fits its
// country.
func transferRule(s Subprocessor, path string, report reportFunc) {
	c := s.Country
	if !country.Valid(c) {
		return // reported by the country rule
	}
	name := country.WithArticle(c)
	switch s.TransferMechanism {
	case TransferNone:
		if !country.IsEEA(c) && !adequate[c] {
			hint := `"scc"`
			if c == "US" {
				hint = `"scc", or "dpf" if it is certified under the EU-US Data Privacy Framework`
			}
			report(s.TransferMechanism, path,
				`"none" is only for a country in the EEA or with an EU adequacy decision, and %s (%s) is neither; use %s`, name, c, hint)
		}
	case TransferAdequacy:
		if !country.IsEEA(c) && !adequate[c] {
			hint := `"scc"`
			if c == "US" {
				hint = `"dpf" (the adequacy decision for the United States covers only organisations certified under the EU-US Data Privacy Framework) or "scc"`
			}
			report(s.TransferMechanism, path,
				`"adequacy" needs a country with an EU adequacy decision, and %s (%s) has none; use %s`, name, c, hint)
		}
	case TransferDPF:
		if c != "US" {
			report(s.TransferMechanism, path,
				`"dpf" (the EU-US Data Privacy Framework) applies only to sub-processors in the United States, not in %s (%s)`, name, c)
		}
	}
}
