package assemble

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/deal"
)

// Cross-references travel through Markdown as private-use runes around the
// target id. Values never reach the Markdown as text (see literal), so user
// text can never forge one.
const (
	refOpen  = '\uE000'
	refClose = '\uE001'
	refElse  = '\uE002'
	// partMark surrounds the index of a clause's Markdown in render.parts:
	// the template's Markdown holds one such token per clause, alone in its
	// paragraph, and each clause's Markdown is parsed (and cached) apart.
	partMark = '\uE003'
)

// view is the data every clause and template is executed with: the deal's
// fields as they are (printing one writes a literal token, see literal), and
// the methods that pull in clauses, make cross-references and compute
// derived facts.
//
// The deal's fields are copied rather than embedded: text/template finds a
// field of an embedded struct only by a breadth-first search on every
// access, which cost an eighth of a render.
type view struct {
	Reference     string
	EffectiveDate deal.Date
	Agreement     string
	Language      string
	Customer      deal.Customer
	Provider      deal.Provider
	GDPR          deal.GDPR
	SCC           deal.SCC
	UKAddendum    deal.UKAddendum
	Swiss         deal.Toggle
	CCPA          deal.CCPA
	Breach        deal.Breach
	Subprocessors deal.Subprocessors
	Processing    deal.Processing
	// ControllerTransfer is the Module One description (Annex I.B, Part 2);
	// nil without Module One.
	ControllerTransfer *deal.Processing
	Security           deal.Security
	Audit              deal.Audit
	Deletion           deal.Deletion

	// Named conditions, computed once from the deal so that clauses ask
	// the deal a question by name instead of re-deriving it.

	// ProcessorCustomer: the customer acts as processor for one or more
	// third-party controllers (customer.role: processor); the body is
	// written from that party's perspective (Module Three).
	ProcessorCustomer bool
	// MixedRoles: a controller customer that may also act as processor for
	// third-party controllers (modules 2 and 3 together).
	MixedRoles bool
	// AnnexIII: the DPA lists the sub-processors in an Annex III, each
	// with the processing it performs, which the authorisation covers and
	// no more (deal.Deal.AnnexIII): a change notice gives the right to
	// object to a wider processing as to an addition.
	AnnexIII bool
	// laws are the laws that govern the deal's transfers
	// (deal.TransferLaws): .GDPRApplies, .FADPApplies and the names of
	// transfer mechanisms (.Safeguard) read them.
	laws deal.Laws
	// RestrictedTransfer: sending Customer Personal Data to the provider is
	// a restricted transfer (the provider is outside the EEA and not in a
	// country with an EU adequacy decision); when false, the SCCs apply
	// only if and when one arises.
	RestrictedTransfer bool

	// Notice is the sub-processor change being notified; nil for every
	// document but the notice.
	Notice *noticeView
	r      *render
}

// newView returns the view of d for one render.
func newView(d *deal.Deal, notice *noticeView, r *render) *view {
	e := d
	r.negotiated, r.riders, r.placed = d.Negotiated, d.Riders, make([]bool, len(d.Riders))
	return &view{
		Reference: e.Reference, EffectiveDate: e.EffectiveDate, Agreement: e.Agreement, Language: e.Language,
		Customer: e.Customer, Provider: e.Provider, GDPR: e.GDPR, SCC: e.SCC, UKAddendum: e.UKAddendum,
		Swiss: e.Swiss, CCPA: e.CCPA, Breach: e.Breach, Subprocessors: e.Subprocessors,
		Processing: e.Processing, ControllerTransfer: e.ControllerTransfer, Security: e.Security, Audit: e.Audit, Deletion: e.Deletion,
		ProcessorCustomer:  d.Customer.Role == deal.Processor,
		MixedRoles:         d.Customer.Role == deal.Controller && d.SCC.HasModule(3),
		RestrictedTransfer: deal.RestrictedTransfer(d),
		AnnexIII:           d.AnnexIII(),
		laws:               d.TransferLaws(),
		Notice:             notice, r: r,
	}
}

// render is the state of one Assemble call.
type render struct {
	lib    *Library
	budget *budget
	used   []*Clause
	seen   map[string]bool
	depth  int
	bufs   []*bytes.Buffer // by depth: see buffer
	// parts holds each included clause's Markdown; the template's output
	// refers to them by index.
	parts []part

	// negotiated and riders are the deal's own (not escaped): fallback
	// names by clause id, and the riders with where each was placed.
	negotiated map[string]string
	riders     []deal.Rider
	placed     []bool
}

// buffer returns the emptied buffer a clause included at the current depth
// writes its Markdown to: one per depth (a clause may include another
// while it is written), kept from one clause to the next.
func (r *render) buffer() *bytes.Buffer {
	for len(r.bufs) <= r.depth {
		r.bufs = append(r.bufs, new(bytes.Buffer))
	}
	b := r.bufs[r.depth]
	b.Reset()
	return b
}

// part is the Markdown one clause produced in one render.
type part struct {
	clause *Clause
	md     string
}

// Clause renders the clause with the given id for the deal, records its
// Markdown in the render's parts and returns a token standing for it in
// its own paragraph; it returns "" when the clause's when condition does
// not hold for the deal.
func (v *view) Clause(id string) (markdown, error) {
	c, ok := v.r.lib.clauses[id]
	if !ok {
		return "", fmt.Errorf("no clause with id %q in the library", id)
	}
	if name := v.r.negotiated[id]; name != "" {
		fb, ok := v.r.lib.Fallback(id, name)
		if !ok {
			return "", fmt.Errorf("%w: negotiated.%s: %q is not a fallback of the clause", deal.ErrInvalid, id, name)
		}
		c = fb.Clause // with the standard clause's id and condition
	}
	if c.when != nil {
		var b strings.Builder
		if err := c.when.Execute(&b, v); err != nil {
			return "", fmt.Errorf("%s: when: %w", c.FileName(), err)
		}
		if b.Len() == 0 {
			return "", nil
		}
	}
	if v.r.depth > 8 {
		return "", fmt.Errorf("%s: clauses include each other too deeply", c.FileName())
	}
	b := v.r.buffer()
	v.r.depth++
	// No blank lines before the body: each part is parsed on its own, and
	// its line numbers are then the clause file's.
	err := c.body.Execute(&meter{w: b, b: v.r.budget, file: c.FileName()}, v)
	v.r.depth--
	if err != nil {
		return "", err
	}
	b.WriteString("\n\n")
	if !v.r.seen[id] {
		v.r.seen[id] = true
		v.r.used = append(v.r.used, c)
	}
	v.r.parts = append(v.r.parts, part{clause: c, md: b.String()})
	token := "\n\n" + string(partMark) + strconv.Itoa(len(v.r.parts)-1) + string(partMark) + "\n\n"
	for i, rd := range v.r.riders {
		if rd.After != id || v.r.placed[i] {
			continue
		}
		v.r.placed[i] = true
		v.r.parts = append(v.r.parts, part{clause: riderClause(i, rd), md: riderMarkdown(i, rd)})
		token += string(partMark) + strconv.Itoa(len(v.r.parts)-1) + string(partMark) + "\n\n"
	}
	return markdown(token), nil
}

// RiderID is the anchor of the i-th rider's heading (from 0): "rider-1".
func RiderID(i int) string { return "rider-" + strconv.Itoa(i+1) }

// riderClause stands for a rider where a clause is expected: in messages
// and in the parts of a render.
func riderClause(i int, rd deal.Rider) *Clause {
	return &Clause{ID: RiderID(i), Title: rd.Title, File: fmt.Sprintf("riders[%d]", i), rider: true}
}

// riderMarkdown writes a rider as a clause: its title as the clause heading,
// each paragraph of its text as a numbered paragraph. The text is the
// deal's, so it goes in as literal tokens: it is data, never Markdown.
func riderMarkdown(i int, rd deal.Rider) string {
	var b strings.Builder
	b.WriteString("\n\n## ")
	b.WriteString(string(literal(rd.Title)))
	b.WriteString(" {#" + RiderID(i) + "}\n\n")
	for j, p := range rd.Paragraphs() {
		b.WriteString(strconv.Itoa(j + 1))
		b.WriteString(". ")
		b.WriteString(string(literal(p)))
		b.WriteString("\n")
	}
	b.WriteString("\n")
	return b.String()
}

// Ref returns a cross-reference to the heading with the given id; it is
// resolved to that heading's label ("Clause 8", "Annex II") once the whole
// document is numbered.
func (v *view) Ref(id string) markdown {
	return markdown(string(refOpen) + id + string(refClose))
}

// DPARef is Ref followed by "of this DPA": the form for a reference to one
// of the DPA's own clauses inside a paragraph whose numbered references are
// to clauses of the Standard Contractual Clauses (the linter rejects a bare
// one there).
func (v *view) DPARef(id string) markdown {
	return v.Ref(id) + " of this DPA"
}

// RefOr is Ref for a heading that may be absent from the document (a
// standalone annex has no body clauses): then the fallback text is printed
// instead.
func (v *view) RefOr(id, fallback string) markdown {
	return markdown(string(refOpen) + id + string(refElse) + fallback + string(refClose))
}

// DPARefOr is RefOr for one of the DPA's own clauses cited where "Clause N"
// could be read as a clause of the Standard Contractual Clauses, as in the
// annexes that also form the SCCs' Appendix: "Clause 10 of this DPA" where
// the heading is in the document, the fallback text where it is not (a
// standalone annex).
func (v *view) DPARefOr(id, fallback string) markdown {
	return markdown(string(refOpen) + id + string(refElse) + fallback + string(refElse) + " of this DPA" + string(refClose))
}

// HasModule reports whether SCC module m is selected.
func (v *view) HasModule(m int) bool { return v.SCC.HasModule(m) }

// Negotiates reports whether the deal selects the named fallback of a
// clause (negotiated: {clause: name}): for another document that must
// speak the negotiated terms, as a change notice to a customer with the
// late objection tells it that right too.
func (v *view) Negotiates(clause, name string) bool { return v.r.negotiated[clause] == name }

// Clause9 reports whether Clause 9 (and so a sub-processor option) applies:
// module 2 or 3 is selected.
func (v *view) Clause9() bool { return v.SCC.Clause9() }

// Clause13 reports whether Clause 13 and Annex I.C apply: any of modules 1-3.
func (v *view) Clause13() bool { return v.HasModule(1) || v.HasModule(2) || v.HasModule(3) }

// EU reports whether EU, UK or Swiss data protection law applies to the
// deal: false only for a deal that says gdpr.applies: false, which has no
// SCC section, no Schedule 1 and no Annex I.C.
func (v *view) EU() bool { return v.GDPR.On() }

// PersonalData is the law's term for personal data, for running text:
// "personal data" (GDPR Art. 4(1), UK GDPR, FADP Art. 5(a)) in every deal
// with an EEA, UK or Swiss nexus; "personal information" in one without
// (the CCPA's term, Cal. Civ. Code § 1798.140(v), and the US state laws').
func (v *view) PersonalData() string {
	if v.EU() {
		return "personal data"
	}
	return "personal information"
}

// DPALaw is the EEA State whose law governs this DPA, for processing
// subject to the GDPR, where the Agreement is not governed by the law of an
// EEA State (see dpaLaw).
func (v *view) DPALaw() string { return dpaLaw(v.laws, v.SCC, v.Customer.Country) }

// DPAForum is the EEA State whose courts hear disputes about this DPA
// where DPALaw governs it (see dpaForum).
func (v *view) DPAForum() string { return dpaForum(v.laws, v.SCC, v.Customer.Country) }

// dpaLaw is the EEA State whose law governs a DPA, for processing subject
// to the GDPR, where the Agreement is not governed by the law of an EEA
// State: Article 28(3) GDPR requires such processing to be governed by a
// contract under Union or Member State law. It follows the SCCs (scc), so
// that one incident is not argued under two laws: the customer's own State
// under Clause 17 Option 2 (the law Option 2 names first, see
// ownStateLaw), else the State whose law the deal names for the SCCs, else
// the customer's own if it is in the EEA; "" where none is an EEA State or
// the EU GDPR does not govern the deal (laws.GDPR false: a UK exporter
// under UK Data Protection Laws alone, a Swiss exporter under the FADP
// alone, a US-only deal). customer is the customer's country.
func dpaLaw(laws deal.Laws, scc deal.SCC, customer string) string {
	switch {
	case !laws.GDPR:
		return ""
	case ownStateLaw(scc, customer):
		return customer
	case country.IsEEA(scc.GoverningLaw):
		return scc.GoverningLaw
	case country.IsEEA(customer):
		return customer
	}
	return ""
}

// ownStateLaw reports whether Clause 17 Option 2 makes the law of the
// customer's own EEA State govern the SCCs, and so the DPA (dpaLaw).
func ownStateLaw(scc deal.SCC, customer string) bool {
	return scc.GoverningLawOption == 2 && country.IsEEA(customer)
}

// dpaForum is the EEA State whose courts hear disputes about a DPA where
// dpaLaw governs it: the courts chosen for the SCCs (Clause 18) if they
// are an EEA State's, else dpaLaw's own.
func dpaForum(laws deal.Laws, scc deal.SCC, customer string) string {
	if country.IsEEA(scc.Forum) {
		return scc.Forum
	}
	return dpaLaw(laws, scc, customer)
}

// UKDPALaw reports whether UK Data Protection Laws govern some of the
// processing (a UK exporter, or the UK Addendum on): Article 28(3) UK GDPR
// requires it to be governed by a contract under domestic law, so where
// the Agreement is not governed by the law of a part of the United
// Kingdom, this DPA is governed, for the processing that UK Data
// Protection Laws govern and the GDPR does not, by the laws of England and
// Wales, the law of the UK Addendum (its Section 15(m)); processing under
// both stays with DPALaw, so that one dispute has one law and one court.
func (v *view) UKDPALaw() bool { return v.UKOnly() || v.UKAddendum.Enabled }

// SwissExporter reports whether the customer (data exporter) is
// established in Switzerland.
func (v *view) SwissExporter() bool { return v.Customer.Country == "CH" }

// FADPOnly reports whether the customer is a Swiss exporter for which no
// GDPR supervisory authority is named: its transfers are governed by the
// FADP alone. A Swiss exporter is subject to the GDPR only under its
// Article 3(2) (offering goods or services to, or monitoring, people in the
// EU), and then Clause 13 names the authority of its representative's
// Member State; without one, the DPA speaks Swiss law only.
func (v *view) FADPOnly() bool { return v.SwissExporter() && v.SCC.SupervisoryAuthority == "" }

// UKOnly reports whether the customer is a UK exporter for which no EU
// supervisory authority is named and the UK Addendum is on: its transfers
// are governed by UK Data Protection Laws alone (deal.UKOnly). A UK
// exporter is subject to the EU GDPR only under its Article 3(2), and then
// Clause 13 names the authority of its representative's Member State;
// without one, the DPA speaks UK law only, and the SCCs apply as the UK
// Addendum amends them (the Information Commissioner, the laws and courts
// of England and Wales).
func (v *view) UKOnly() bool {
	return v.Customer.Country == "GB" && v.UKAddendum.Enabled && v.SCC.SupervisoryAuthority == ""
}

// GDPRName names, for running text, the GDPR whose articles a clause cites
// where the EU GDPR or, for a UK exporter under UK Data Protection Laws
// alone (.UKOnly), the UK GDPR governs the processing: "the GDPR" or "the
// UK GDPR" (which keeps the GDPR's numbering, European Union (Withdrawal)
// Act 2018 s. 3).
func (v *view) GDPRName() string {
	if v.UKOnly() {
		return "the UK GDPR"
	}
	return "the GDPR"
}

// GDPRApplies reports whether the EU GDPR applies to the processing: every
// deal with an EEA, UK or Swiss nexus except a Swiss exporter's under the
// FADP alone and a UK exporter's under UK Data Protection Laws alone
// (deal.TransferLaws). The UK GDPR is the UK toggle's.
func (v *view) GDPRApplies() bool { return v.laws.GDPR }

// FADPApplies reports whether the Swiss Federal Act on Data Protection
// governs some of the processing: the Swiss terms are on (always for a
// Swiss exporter; deal.TransferLaws). With GDPRApplies both laws apply,
// each to its part.
func (v *view) FADPApplies() bool { return v.laws.FADP }

// Safeguard names a sub-processor's transfer mechanism code for the
// transfers of this deal (subproc.Laws.TransferLabel): "dpf" is the
// EU-US Data Privacy Framework, with its UK Extension where the UK
// Addendum is on and the Swiss-US Data Privacy Framework where the FADP
// governs; under the FADP alone, "none" and "adequacy" refer to the Swiss
// Federal Council's list.
func (v *view) Safeguard(code string) string { return v.laws.TransferLabel(code) }

// ThirdCountryExporter reports whether the customer is established outside
// the EEA, Switzerland and the United Kingdom while the GDPR governs its
// processing (Customer is subject to it under its Article 3(2)). Its
// transfers to Provider are made from its own country, not from the EEA,
// and are transfers to which Chapter V of the GDPR applies (EDPB
// Guidelines 05/2021, the three criteria); the SCCs serve such an exporter
// (Decision 2021/914, recital 7; Clause 13(a), second option).
func (v *view) ThirdCountryExporter() bool {
	c := v.Customer.Country
	return v.GDPRApplies() && country.Valid(c) && !country.IsEEA(c) && c != "CH" && c != "GB"
}

// UKExporter reports whether the customer is established in the United
// Kingdom while the GDPR also governs its processing (Customer is subject
// to it under its Article 3(2), with a supervisory authority named; the
// UK Addendum on): each of its transfers to Provider is made from the
// United Kingdom and governed by both laws, so the Standard Contractual
// Clauses serve it for the GDPR as they stand and for UK Data Protection
// Laws as the UK Addendum amends them.
func (v *view) UKExporter() bool {
	return v.GDPRApplies() && v.Customer.Country == "GB" && v.UKAddendum.Enabled
}

// ExporterCountry names the customer's country for running text: "the
// United States".
func (v *view) ExporterCountry() string { return country.WithArticle(v.Customer.Country) }

// ExportPlaces names the places from which this DPA's Restricted Transfers
// are made, for running text: "the EEA, the United Kingdom or Switzerland",
// "Switzerland" for a Swiss exporter (under the FADP alone, or under the
// GDPR as well by its Article 3(2)), with the United Kingdom where the UK
// Addendum is on; the exporter's own country and the EEA for a
// ThirdCountryExporter ("the United States or the EEA"), whichever of the
// GDPR and UK Data Protection Laws governs the transfer;
// "" for a deal without an EEA, UK or Swiss nexus.
func (v *view) ExportPlaces() string {
	// A Swiss exporter transfers from Switzerland, whether the FADP alone
	// or the GDPR as well (its Article 3(2): EDPB Guidelines 05/2021)
	// governs the transfer, not from the EEA. The United Kingdom is a place
	// of export wherever the UK Addendum is on: a UK establishment (a
	// Swiss customer's UK branch) transfers from there.
	var places []string
	third := v.ThirdCountryExporter()
	switch {
	case third:
		// Its own transfers leave from its country; onward transfers
		// (a Sub-processor in the EEA, accessed from elsewhere) from the
		// EEA.
		places = append(places, v.ExporterCountry(), "the EEA")
	case v.GDPRApplies() && !v.SwissExporter():
		places = append(places, "the EEA")
	}
	if v.EU() && v.UKAddendum.Enabled && !third {
		places = append(places, "the United Kingdom")
	}
	if v.FADPApplies() {
		places = append(places, "Switzerland")
	}
	switch len(places) {
	case 0:
		return ""
	case 1:
		return places[0]
	}
	return strings.Join(places[:len(places)-1], ", ") + " or " + places[len(places)-1]
}

// Authority returns the supervisory authority of Clause 13 for use inside
// a sentence: "the Dutch Data Protection Authority (...)", whether or not
// the deal wrote it with a leading "The" or "the".
func (v *view) Authority() string {
	a := strings.TrimSpace(v.SCC.SupervisoryAuthority)
	for _, p := range []string{"The ", "the ", "THE "} {
		a = strings.TrimPrefix(a, p)
	}
	if a == "" {
		return ""
	}
	return "the " + a
}

// AuthorityName returns the supervisory authority of Clause 13 as a name
// standing alone (a table cell), capitalised and without "the".
func (v *view) AuthorityName() string {
	a := strings.TrimPrefix(v.Authority(), "the ")
	if a == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(a)
	return string(unicode.ToUpper(r)) + a[n:]
}

// Specific reports whether Clause 9 Option 1 (specific prior authorisation)
// is selected.
func (v *view) Specific() bool {
	return v.Clause9() && v.SCC.SubprocessorOption == deal.SpecificAuthorisation
}

// General reports whether Clause 9 Option 2 (general written authorisation)
// is selected.
func (v *view) General() bool {
	return v.Clause9() && v.SCC.SubprocessorOption == deal.GeneralAuthorisation
}

// MeasureGroup is one category of Annex II with its selected measures.
type MeasureGroup struct {
	ID    string
	Title string
	// Measures are the measures' texts, each mention of an annex in them
	// ("Annex I.B") a cross-reference to it (annexRefs).
	Measures []markdown
}

// annexMention matches a mention of an annex in measure text: "Annex I.B",
// "Annex II".
var annexMention = regexp.MustCompile(`\bAnnex (I\.[ABC]|III|II|I)\b`)

// annexRefs returns text, a value, with each mention of an annex a
// cross-reference to its heading (printed as written where the document
// does not hold it: a standalone Annex II), so that the catalogue's "Annex
// I.B" links like the clauses' own references, and in Word follows the
// annex's lettering.
func (v *view) annexRefs(text string) markdown {
	if !strings.Contains(text, "Annex ") {
		return literal(text)
	}
	var b strings.Builder
	last := 0
	for _, m := range annexMention.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(string(literal(text[last:m[0]])))
		id := "annex-" + strings.ToLower(strings.ReplaceAll(text[m[2]:m[3]], ".", "-"))
		b.WriteString(string(v.RefOr(id, text[m[0]:m[1]])))
		last = m[1]
	}
	if last == 0 {
		return literal(text)
	}
	b.WriteString(string(literal(text[last:])))
	return markdown(b.String())
}

// Measures returns the Annex II measures selected by the deal, grouped by
// catalogue category in catalogue order, with the deal's extra measures
// added to the category of the same title or, failing that, in categories
// of their own after the catalogue's. A measure that cites the law is
// worded for the laws the deal is under (CatalogMeasure.TextFor).
func (v *view) Measures() []MeasureGroup {
	cat := v.r.lib.catalog
	selected := map[string]bool{}
	for _, id := range v.Security.Measures.IDs {
		selected[id] = true
	}
	groups := make([]MeasureGroup, 0, len(cat.Categories)+len(v.Security.Extra))
	index := map[string]int{}
	for _, c := range cat.Categories {
		g := MeasureGroup{ID: c.ID, Title: c.Title}
		for _, m := range c.Measures {
			if v.Security.Measures.All || selected[m.ID] {
				g.Measures = append(g.Measures, v.annexRefs(m.TextFor(v.laws)))
			}
		}
		index[strings.ToLower(c.Title)] = len(groups)
		groups = append(groups, g)
	}
	// Under the customer-measures fallback the measures agreed for Customer
	// bind as the security clause says; Annex II, which may stand alone,
	// marks them so that they do not read as measures Provider may update.
	agreedMark := ""
	if v.Negotiates("security", "customer-measures") {
		agreedMark = " This measure was agreed specifically with Customer: Provider may not withdraw or weaken it without Customer’s prior written consent."
	}
	for _, x := range v.Security.Extra {
		key := strings.ToLower(x.Category)
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, MeasureGroup{Title: x.Category})
		}
		text := x.Text
		if agreedMark != "" {
			if !strings.HasSuffix(text, ".") {
				text += "."
			}
			text += agreedMark
		}
		groups[i].Measures = append(groups[i].Measures, v.annexRefs(text))
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g.Measures) > 0 {
			out = append(out, g)
		}
	}
	return out
}
