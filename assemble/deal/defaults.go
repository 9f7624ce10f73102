package deal

import (
	"slices"
	"strings"
	"unicode"

	"github.com/dpakit/dpakit/assemble/country"
	"golang.org/x/text/unicode/norm"
)

// Defaults fills in every field the deal leaves empty and that has a
// default. It is idempotent: applying it twice gives the same deal as
// applying it once. Fields without a default (breach.notice_hours,
// subprocessors.objection_days, scc.subprocessor_notice_days, ...) are left
// for Validate to report.
//
//   - language: "en"
//   - with gdpr.applies false: every SCC selection but scc.modules and
//     scc.subprocessor_notice_days is dropped (a profile's defaults for
//     the deals that have an SCC section do not apply)
//   - scc.modules: [2] for a controller customer, [3] for a processor,
//     unless gdpr.applies is false (a deal with no SCC section)
//   - scc.governing_law_option: 1
//   - scc.forum: scc.governing_law
//   - scc.supervisory_authority: the authority of customer.country, when the
//     customer is in the EEA and a module with Clause 13 (1-3) is selected;
//     for a German customer, the authority of its Land (customer.state, or
//     else the Land of the postal code in customer.address: CustomerLand)
//   - scc.supervisory_authority, for a customer established outside the
//     EEA (not in Switzerland) with a representative in the Union
//     (customer.representative): the authority of the representative's
//     EEA State, except Germany, whose authority is the Land's
//     (representativeAuthority)
//   - scc.subprocessor_option: "general", when module 2 or 3 is selected
//   - uk_addendum.ending_party: "neither", when the Addendum is enabled
//   - security.measures: "all", when neither "all" nor any id is given
//   - reference: DPA-YYYYMMDD-CUSTOMER (see DefaultReference)
//   - audit.frequency_months: 12; audit.notice_days: 30
//   - subprocessors.resolution_days: 30
//   - deletion.days: 30; deletion.backup_days: 90
//   - processing.special_undertaking: "intentional"
func Defaults(d *Deal) {
	if d.Language == "" {
		d.Language = "en"
	}
	if !d.GDPR.On() {
		// No EEA, UK or Swiss nexus: the SCC selections a vendor profile
		// supplies for its other deals do not apply. The advance notice of
		// a new sub-processor stays: the sub-processor clause uses it.
		d.SCC = SCC{Modules: d.SCC.Modules, SubprocessorNoticeDays: d.SCC.SubprocessorNoticeDays}
	}
	if len(d.SCC.Modules) == 0 && d.GDPR.On() {
		switch d.Customer.Role {
		case Controller:
			d.SCC.Modules = []int{2}
		case Processor:
			d.SCC.Modules = []int{3}
		}
	}
	if d.SCC.GoverningLawOption == 0 && d.GDPR.On() {
		d.SCC.GoverningLawOption = 1
	}
	if d.SCC.Forum == "" {
		d.SCC.Forum = d.SCC.GoverningLaw
	}
	if d.SCC.SupervisoryAuthority == "" {
		d.SCC.SupervisoryAuthority = derivedAuthority(d)
	}
	if d.SCC.SubprocessorOption == "" && d.SCC.Clause9() {
		d.SCC.SubprocessorOption = GeneralAuthorisation
	}
	if d.UKAddendum.Enabled && d.UKAddendum.EndingParty == "" {
		d.UKAddendum.EndingParty = "neither"
	}
	if !d.Security.Measures.All && len(d.Security.Measures.IDs) == 0 {
		d.Security.Measures = Measures{All: true}
	}
	if d.Reference == "" {
		d.Reference = DefaultReference(d.Customer.Name, d.EffectiveDate)
	}
	if d.Audit.FrequencyMonths == 0 {
		d.Audit.FrequencyMonths = 12
	}
	if d.Audit.NoticeDays == 0 {
		d.Audit.NoticeDays = 30
	}
	if d.Subprocessors.ResolutionDays == 0 {
		d.Subprocessors.ResolutionDays = 30
	}
	if d.Deletion.Days == 0 {
		d.Deletion.Days = 30
	}
	if d.Deletion.BackupDays == 0 {
		d.Deletion.BackupDays = 90
	}
	if d.Processing.SpecialUndertaking == "" {
		d.Processing.SpecialUndertaking = "intentional"
	}
}

// derivedAuthority returns the supervisory authority Defaults gives a deal
// that names none: the customer's (for Germany, its Land's, where known)
// for an EEA customer under Clause 13, else its representative's; "" when
// neither applies.
func derivedAuthority(d *Deal) string {
	if hasClause13(d.SCC) && country.IsEEA(d.Customer.Country) {
		if a := country.LandAuthority(CustomerLand(d)); a != "" {
			return a
		}
		if a := country.SupervisoryAuthority(d.Customer.Country); a != "" {
			return a
		}
	}
	return representativeAuthority(d)
}

// DerivedPaths lists the fields of a defaulted deal whose value is the one
// Defaults works out from other fields (reference from customer.name and
// effective_date, scc.modules from customer.role, scc.forum from
// scc.governing_law, scc.supervisory_authority from customer.country,
// customer.state or customer.representative): left empty, they would get
// the same value, and follow those fields when they change. A form filled
// from a loaded deal leaves them empty, so that changing the customer's
// country changes the authority instead of keeping the old one.
func DerivedPaths(d *Deal) []string {
	var out []string
	if d.Reference != "" && d.Reference == DefaultReference(d.Customer.Name, d.EffectiveDate) {
		out = append(out, "reference")
	}
	if d.GDPR.On() && (slices.Equal(d.SCC.Modules, []int{2}) && d.Customer.Role == Controller || slices.Equal(d.SCC.Modules, []int{3}) && d.Customer.Role == Processor) {
		out = append(out, "scc.modules")
	}
	if d.SCC.Forum != "" && d.SCC.Forum == d.SCC.GoverningLaw {
		out = append(out, "scc.forum")
	}
	if a := d.SCC.SupervisoryAuthority; a != "" && a == derivedAuthority(d) {
		out = append(out, "scc.supervisory_authority")
	}
	return out
}

// Clause9 reports whether a selected module has Clause 9 of the SCCs
// (sub-processors): modules 2 and 3.
func (s SCC) Clause9() bool { return s.HasModule(2) || s.HasModule(3) }

// AnnexIII reports whether the DPA for d lists its sub-processors in an
// Annex III, each with the processing it performs, which the customer's
// authorisation covers and no more: wherever Clause 9 applies and, for a
// profile or list read without a customer (no role and no modules), as in
// the DPA of any customer under the GDPR, whose modules default to 2 or 3.
func (d *Deal) AnnexIII() bool {
	return d.SCC.Clause9() || len(d.SCC.Modules) == 0 && d.Customer.Role == "" && d.GDPR.On()
}

// hasClause13 reports whether a selected module has Clause 13 (supervision)
// and Annex I.C: modules 1 to 3.
func hasClause13(s SCC) bool { return s.HasModule(1) || s.HasModule(2) || s.HasModule(3) }

// maxReference is the longest reference a deal accepts.
const maxReference = 64

// DefaultReference derives a reference from the customer's name and the
// effective date: "DPA-20261201-MULLER-LOGISTIK" for "Müller Logistik GmbH"
// on 1 December 2026. The name is folded to upper-case ASCII, its legal form
// (GmbH, Inc., Ltd, ...) dropped, and the result cut to 64 characters at a
// word boundary. Parts that are missing are left out; it returns "" when
// both are.
func DefaultReference(customerName string, date Date) string {
	ref := "DPA"
	if !date.IsZero() {
		ref += "-" + date.Format("20060102")
	}
	words := dropLegalForm(asciiWords(customerName))
	for i, w := range words {
		if len(ref)+1+len(w) > maxReference {
			if i == 0 {
				// A first word too long to fit: cut it.
				ref = (ref + "-" + w)[:maxReference]
			}
			break
		}
		ref += "-" + w
	}
	if ref == "DPA" {
		return ""
	}
	return ref
}

// foldTable spells letters that do not decompose into an ASCII letter plus
// marks.
var foldTable = map[rune]string{
	'ß': "SS", 'ẞ': "SS", 'Æ': "AE", 'æ': "AE", 'Œ': "OE", 'œ': "OE",
	'Ø': "O", 'ø': "O", 'Ł': "L", 'ł': "L", 'Đ': "D", 'đ': "D", 'Ð': "D", 'ð': "D",
	'Þ': "TH", 'þ': "TH", 'ı': "I", 'Ħ': "H", 'ħ': "H", 'Ŧ': "T", 'ŧ': "T",
	'Ŋ': "NG", 'ŋ': "NG", 'ĸ': "K", 'ſ': "S", '&': "AND",
}

// asciiWords folds s to upper-case ASCII words: accents are dropped (ü→U),
// a few letters spelled out (ß→SS, ł→L), dots, slashes and apostrophes
// removed ("B.V."→"BV", "A/S"→"AS") and anything else splits words.
func asciiWords(s string) []string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToUpper(r))
		case r == '.' || r == '/' || r == '\'' || r == '’' || unicode.Is(unicode.Mn, r):
			// joins: "B.V.", "A/S", "O'Brien"; combining marks vanish
		case foldTable[r] != "":
			b.WriteString(foldTable[r])
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// legalForms are company-form words dropped from the end of a name.
var legalForms = map[string]bool{
	"AB": true, "AG": true, "APS": true, "AS": true, "ASA": true, "BV": true, "BVBA": true,
	"CO": true, "CORP": true, "CORPORATION": true, "COMPANY": true, "EV": true, "GMBH": true,
	"INC": true, "INCORPORATED": true, "KFT": true, "KG": true, "KGAA": true, "LIMITED": true,
	"LLC": true, "LLP": true, "LP": true, "LTD": true, "NV": true, "OG": true, "OHG": true,
	"OY": true, "OYJ": true, "PLC": true, "PTY": true, "SA": true, "SARL": true, "SAS": true,
	"SASU": true, "SE": true, "SL": true, "SPA": true, "SRL": true, "SRO": true, "UG": true,
	"AND": true, "SP": true, "Z": true, "OO": true, "ZOO": true, "HAFTUNGSBESCHRANKT": true,
}

// dropLegalForm removes legal-form words from the end of words, keeping at
// least one word.
func dropLegalForm(words []string) []string {
	for len(words) > 1 && legalForms[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	return words
}
