// Package subproc owns the sub-processor vocabulary and the rules of a
// sub-processor list, for every door that reads or writes one: the deal
// (Annex III), the list importer, the workbook, the notice.
//
// The vocabulary is the Subprocessor entry, the codes a deal or list file
// writes for a sub-processor's category and transfer mechanism, their
// labels (in the workbook, Annex III and the notice), the words an imported
// sheet may use for them, and the key by which two entries name the same
// sub-processor. The list rules (Rules.Check) are each entry's field rules,
// declared in Subprocessor's validate tags, unique names and transfer
// mechanisms that fit the country. The deal package runs these very rules
// for a deal's subprocessors.list, so a list that imports is a list a DPA
// accepts.
//
// The package depends only on the standard library, golang.org/x/text and
// the country and suggest packages: no validation, YAML or spreadsheet
// library, so that the importer can use it without them.
package subproc

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dpakit/dpakit/assemble/calendar"
)

// Subprocessor is one entry of the sub-processor list (Annex III and the
// workbook).
//
// The validate tags declare each field's rules in the syntax of
// go-playground/validator; Rules.Check interprets them (see fieldRules), so
// the tags are the one place where an entry's field rules are written. A
// data category holds no ";", which separates the categories in the
// workbook and its CSV file (rule excludes, see excludesProblem).
type Subprocessor struct {
	Name              string   `yaml:"name" json:"name" validate:"required,max=200,line"`
	Description       string   `yaml:"description" json:"description" validate:"max=500,line"`
	Purpose           string   `yaml:"purpose" json:"purpose" validate:"required,max=500,line"`
	Location          string   `yaml:"location" json:"location" validate:"required,max=200,line"`
	Country           string   `yaml:"country" json:"country" validate:"required,country"`
	Data              []string `yaml:"data" json:"data" validate:"max=50,dive,required,max=200,line,excludes=;"`
	Category          string   `yaml:"category" json:"category" validate:"required,oneof=infrastructure service"`
	TransferMechanism string   `yaml:"transfer_mechanism" json:"transfer_mechanism" validate:"required,oneof=none adequacy scc dpf bcr"`
	Website           string   `yaml:"website,omitempty" json:"website,omitempty" validate:"omitempty,max=500,http_url"`
	Address           string   `yaml:"address,omitempty" json:"address,omitempty" validate:"omitempty,max=300,line"`
	Contact           string   `yaml:"contact,omitempty" json:"contact,omitempty" validate:"omitempty,max=200,line"`
	// ContactTitle is the contact person's position (Annex III under
	// Clause 9 Option 1).
	ContactTitle string `yaml:"contact_title,omitempty" json:"contact_title,omitempty" validate:"omitempty,max=200,line"`
	// Responsibilities delimits what this sub-processor is responsible for
	// where several take part in the processing (Annex III under Clause 9
	// Option 1).
	Responsibilities string `yaml:"responsibilities,omitempty" json:"responsibilities,omitempty" validate:"omitempty,max=500,line"`
	// Added is the date the sub-processor was added to the list.
	Added calendar.Date `yaml:"added,omitempty" json:"added,omitzero"`
}

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

// TransferMechanisms returns the transfer mechanisms in drop-list order,
// labelled as for a DPA under the GDPR alone (the zero Laws). Their
// synonyms include the labels they take under other laws (Laws.
// TransferMechanisms), so that a workbook written for any deal imports.
// "none" covers a country in the EEA and a country with an adequacy
// decision for any recipient (see the transfer_mechanism_country rule).
func TransferMechanisms() []Choice {
	cs := baseTransferMechanisms()
	for i := range cs {
		for _, l := range allLaws() {
			if lab := l.label(cs[i]); lab != cs[i].Label && !slices.Contains(cs[i].Synonyms, lab) {
				cs[i].Synonyms = append(cs[i].Synonyms, lab)
			}
		}
		cs[i].Synonyms = append(cs[i].Synonyms, legacyUKLabels(cs[i].Code)...)
	}
	return cs
}

// baseTransferMechanisms returns the transfer mechanisms with their labels
// under the GDPR alone and the other words an imported sheet may use.
func baseTransferMechanisms() []Choice {
	return []Choice{
		{TransferNone, "None required (EEA or adequate country)", []string{"none required", "not required",
			"none required (EEA)", "EEA", "within the EEA"}},
		{TransferAdequacy, "Adequacy decision", []string{"adequate country", "adequacy decisions"}},
		{TransferSCC, sccLabel, []string{"Standard Contractual Clauses", "SCCs", "Standard Contractual Clauses (SCCs)",
			"EU SCCs", "EU Standard Contractual Clauses", "Standard Contractual Clauses (SCC)"}},
		{TransferDPF, "EU-US Data Privacy Framework", []string{"Data Privacy Framework", "EU-US DPF",
			"EU-U.S. Data Privacy Framework", "EU-U.S. DPF", "EU-US Data Privacy Framework (DPF)", "Swiss-US DPF",
			"Swiss-U.S. Data Privacy Framework", "UK Extension to the EU-US DPF", "UK Extension to the EU-U.S. DPF",
			"UK Extension to the EU-US Data Privacy Framework"}},
		{TransferBCR, "Binding Corporate Rules", []string{"BCR", "BCRs", "Binding Corporate Rules (BCR)",
			"Binding Corporate Rules (BCRs)", "Processor BCR", "Processor Binding Corporate Rules", "BCR-P",
			"Intra-group BCR", "Art. 47 GDPR", "Article 47 GDPR"}},
	}
}

// Laws are the data protection laws that govern a DPA's restricted
// transfers. They decide how a transfer mechanism is named, in Annex III,
// the change notice and the workbook alike: "dpf" is the EU-US Data
// Privacy Framework for transfers under the GDPR (Commission Implementing
// Decision (EU) 2023/1795 of 10 July 2023), its UK Extension for transfers
// under UK Data Protection Laws (the UK's data bridge, in force 12 October
// 2023), and the Swiss-US Data Privacy Framework for transfers under the
// FADP (Annex 1 to the Data Protection Ordinance, since 15 September
// 2024); under the FADP alone, "none" and "adequacy" refer to the Swiss
// Federal Council's list of adequate countries, and under UK Data
// Protection Laws alone (a UK exporter the EU GDPR does not reach) to the
// regulations under Article 45A of the UK GDPR approving transfers (see
// country.UKAdequate). The zero Laws (a list not
// tied to a deal, or a deal without restricted transfers) names them as
// for the GDPR alone.
type Laws struct {
	// GDPR: the EU GDPR governs the transfers (every deal with an EEA,
	// UK or Swiss nexus except a Swiss exporter's under the FADP alone).
	GDPR bool
	// UK: UK Data Protection Laws govern some of them (the UK Addendum).
	UK bool
	// FADP: the Swiss FADP governs some of them (the Swiss terms).
	FADP bool
	// UKExporter: the exporter is a UK exporter under UK Data Protection
	// Laws alone (deal.UKOnly): regulations under Article 45A UK GDPR decide what
	// "none" and "adequacy" mean, even with the FADP beside them (which
	// without it, under the FADP alone, the Swiss Federal Council's list
	// decides). Meaningful only with UK and without GDPR.
	UKExporter bool
}

// Restricted reports whether any of l governs restricted transfers, so that
// a DPA states each sub-processor's transfer mechanism. It is false for a
// deal without an EEA, UK or Swiss nexus (gdpr.applies: false), whose DPA,
// change notice, workbook and deviations state no transfer mechanism and
// treat a change of one as no change to the customer.
func (l Laws) Restricted() bool { return l.GDPR || l.UK || l.FADP }

// allLaws returns every combination of Laws, UKExporter only where it is
// meaningful (UK Data Protection Laws without the GDPR).
func allLaws() []Laws {
	out := make([]Laws, 0, 10)
	for _, g := range []bool{false, true} {
		for _, u := range []bool{false, true} {
			for _, f := range []bool{false, true} {
				out = append(out, Laws{GDPR: g, UK: u, FADP: f})
				if u && !g {
					out = append(out, Laws{UK: u, FADP: f, UKExporter: true})
				}
			}
		}
	}
	return out
}

// ukOnly reports whether UK Data Protection Laws alone decide what
// adequacy means: a UK exporter under them alone (with or without the
// FADP for a Swiss establishment), or UK Data Protection Laws without the
// GDPR and the FADP.
func (l Laws) ukOnly() bool { return l.UK && !l.GDPR && (l.UKExporter || !l.FADP) }

// fadpOnly reports whether the FADP alone decides what adequacy means:
// the FADP governs, the GDPR does not, and the exporter is not a UK
// exporter (see ukOnly).
func (l Laws) fadpOnly() bool { return l.FADP && !l.GDPR && !l.ukOnly() }

// The labels of "none" and "adequacy" under UK Data Protection Laws alone.
// Since the Data (Use and Access) Act 2025 (s. 85 and Sch. 7, in force 5
// February 2026) transfers are approved by regulations under Article 45A of
// the UK GDPR, which replaced Article 45 and the adequacy regulations of
// section 17A of the Data Protection Act 2018 (made before, they have effect
// as if made under Article 45A).
const (
	ukNoneLabel     = "None required (the UK or a country to which transfers are approved by regulations under Article 45A of the UK GDPR)"
	ukAdequacyLabel = "Transfers approved by regulations under Article 45A of the UK GDPR"
)

// legacyUKLabels returns the UK labels of code ("none" or "adequacy")
// before they cited Article 45A, accepted on import of older workbooks.
func legacyUKLabels(code string) []string {
	switch code {
	case TransferNone:
		return []string{"None required (the UK or a country covered by UK adequacy regulations)"}
	case TransferAdequacy:
		return []string{"UK adequacy regulations (section 17A of the Data Protection Act 2018)", "Adequacy finding of the Swiss Federal Council and UK adequacy regulations"}
	}
	return nil
}

// label returns c's label under l. Labels never contain a comma: Excel's
// drop lists separate their items by commas.
func (l Laws) label(c Choice) string {
	if lab := l.fadpUKLabel(c.Code); lab != "" {
		return lab
	}
	switch c.Code {
	case TransferNone:
		switch {
		case l.fadpOnly():
			return "None required (Switzerland or a country listed as adequate by the Swiss Federal Council)"
		case l.ukOnly():
			return ukNoneLabel
		}
	case TransferAdequacy:
		switch {
		case l.fadpOnly():
			return "Adequacy finding of the Swiss Federal Council"
		case l.ukOnly():
			return ukAdequacyLabel
		}
	case TransferDPF:
		return l.dpfLabel(c.Label)
	case TransferSCC:
		return l.sccLabel(c.Label)
	}
	return c.Label
}

// sccLabel is the label of "scc" under the GDPR alone. A sub-processor's
// standard contractual clauses are those Provider (a processor) concludes
// with it: Module Three of Commission Implementing Decision (EU) 2021/914,
// not the "Standard Contractual Clauses" that a DPA defines as those
// between Customer and Provider.
const sccLabel = "Standard contractual clauses between Provider and the Sub-processor (Module Three)"

// sccLabel names the standard contractual clauses between Provider and a
// sub-processor for the transfers under l: base (Module Three), with the
// ICO International Data Transfer Addendum for transfers under UK Data
// Protection Laws and with the Swiss adaptations (the FDPIC's recognition
// of 27 August 2021) for transfers under the FADP.
func (l Laws) sccLabel(base string) string {
	switch {
	case l.UK && l.FADP:
		return base + " with the ICO International Data Transfer Addendum and the Swiss adaptations"
	case l.UK:
		return base + " with the ICO International Data Transfer Addendum"
	case l.FADP:
		return base + " with the Swiss adaptations"
	}
	return base
}

// dpfLabel names the Data Privacy Framework or frameworks that cover the
// transfers under l, by their names written out (the UK Extension's
// official name, "UK Extension to the EU-U.S. DPF", uses an abbreviation
// the DPA never defines); eu is the EU-US framework's name.
func (l Laws) dpfLabel(eu string) string {
	const (
		swiss = "Swiss-US Data Privacy Framework"
		uk    = "UK Extension to the EU-US Data Privacy Framework"
	)
	switch {
	case l.GDPR && l.UK && l.FADP:
		return eu + " and its UK Extension; " + swiss
	case l.GDPR && l.UK:
		return eu + " and its UK Extension"
	case l.GDPR && l.FADP:
		return eu + "; " + swiss
	case l.UK && l.FADP && l.UKExporter:
		return uk + "; " + swiss
	case l.UK && l.FADP:
		return swiss + "; " + uk
	case l.FADP:
		return swiss
	case l.UK:
		return uk
	}
	return eu
}

// TransferMechanisms returns the transfer mechanisms in drop-list order,
// each labelled as for transfers under l, its label under the GDPR alone
// among its synonyms.
func (l Laws) TransferMechanisms() []Choice {
	cs := TransferMechanisms()
	for i := range cs {
		if lab := l.label(cs[i]); lab != cs[i].Label {
			cs[i].Synonyms = append([]string{cs[i].Label}, slices.DeleteFunc(cs[i].Synonyms, func(s string) bool { return s == lab })...)
			cs[i].Label = lab
		}
		if l.fadpUKLabel(cs[i].Code) != "" {
			// Workbooks exported before the label named UK adequacy too.
			cs[i].Synonyms = append(cs[i].Synonyms, Laws{FADP: true}.label(cs[i]))
		}
		if l.ukOnly() || l.fadpUKLabel(cs[i].Code) != "" {
			// Workbooks exported before the labels cited Article 45A.
			cs[i].Synonyms = append(cs[i].Synonyms, legacyUKLabels(cs[i].Code)...)
		}
	}
	return cs
}

// TransferLabel spells out a transfer mechanism code as for transfers under
// l ("dpf" under the GDPR and the FADP gives "EU-US Data Privacy
// Framework; Swiss-US Data Privacy Framework"); an unknown code is returned
// as it is.
func (l Laws) TransferLabel(code string) string {
	for _, c := range baseTransferMechanisms() {
		if c.Code == code {
			return l.label(c)
		}
	}
	return code
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
// and "eu us dpf" are the same). Where two choices share a name, the first
// is found. To match many cells against the same choices, make a Matcher.
func MatchChoice(choices []Choice, s string) (string, bool) {
	return NewMatcher(choices).Match(s)
}

// Matcher finds codes among a fixed set of choices, as MatchChoice does,
// with every name of every choice folded once: an import matches each of
// up to 20,000 rows against the same choices.
type Matcher struct {
	codes map[string]string // folded code, label or synonym -> code
}

// NewMatcher returns a Matcher for choices.
func NewMatcher(choices []Choice) *Matcher {
	m := &Matcher{codes: map[string]string{}}
	for _, c := range choices {
		for _, name := range append([]string{c.Code, c.Label}, c.Synonyms...) {
			if k := FoldWords(name); k != "" {
				if _, taken := m.codes[k]; !taken {
					m.codes[k] = c.Code
				}
			}
		}
	}
	return m
}

// Match finds the code that s names.
func (m *Matcher) Match(s string) (string, bool) {
	code, ok := m.codes[FoldWords(s)]
	return code, ok
}

// FoldWords lower-cases s and turns every run of characters other than
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

// fadpUKLabel returns the label of "none" and "adequacy" for a Swiss
// exporter under the FADP alone with the UK Addendum: the data of its UK
// establishment reaches the sub-processor under the UK's adequacy
// regulations (regulations under Article 45A of the UK GDPR), the rest under
// the Swiss Federal Council's list (Art. 16(1) FADP), so the label names
// both. It returns "" for any other code or laws.
func (l Laws) fadpUKLabel(code string) string {
	if !l.fadpOnly() || !l.UK {
		return ""
	}
	switch code {
	case TransferNone:
		return "None required (adequate under the FADP and UK Data Protection Laws)"
	case TransferAdequacy:
		return "Adequacy finding of the Swiss Federal Council and regulations under Article 45A of the UK GDPR"
	}
	return ""
}
