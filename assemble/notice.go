package assemble

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dpakit/dpakit/assemble/country"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/sublist"
	"github.com/dpakit/dpakit/assemble/wording"
)

// NoticeKind is the document kind of the sub-processor change notice.
const NoticeKind = "notice"

// Notice is a change to the sub-processor list that customers must be told
// of, with the date the notice is given.
type Notice struct {
	// Date is the date the notice is sent; the objection window runs from it.
	Date deal.Date
	// Changes is the change itself, as sublist.Diff found it: the entries
	// added and removed, and the matched before/after pairs of the changed
	// ones with their changed fields. The notice prints it as it is.
	Changes sublist.Changes
	// DPA, when the caller has it, is the customer's DPA as Assemble built
	// it from the same deal (a batch row that makes both, lint); the letter
	// takes the number of the sub-processor clause from it. When nil, the
	// notice assembles the DPA to find that number, which is most of a
	// notice's cost.
	DPA *document.Document
	// OwnList reports that the customer's DPA carries its own list of
	// sub-processors, not the vendor's published one (dpakit notice
	// --customer applies the change to it). The letter then calls the
	// published list Provider's general list, for information, instead of
	// the complete list that includes the changes.
	OwnList bool
}

// noticeView is the notice as clause templates see it: the change's
// entries as they are, the objection deadline and earliest start computed.
type noticeView struct {
	Date deal.Date
	// OwnList: the customer's DPA carries its own list (Notice.OwnList).
	OwnList bool
	// Deadline is the last day to object: Date plus the objection window.
	Deadline deal.Date
	// EarliestStart is the first day an added sub-processor may process
	// Customer Personal Data: Date plus the advance-notice period, and
	// never before the day after Deadline (EarliestStart).
	EarliestStart deal.Date
	Added         []addedView
	Removed       []deal.Subprocessor
	Changed       []changeView
	// Relocated are the existing sub-processors that move to a country
	// outside the EEA: the customer's transfer instructions cover only the
	// places its DPA lists, so a move that creates or changes a transfer to
	// a third country is notified like an addition, with the same lead time
	// and the same right to object (or to authorise).
	Relocated []relocationView
	// Extended are the authorised sub-processors whose processing a change
	// widens, for a customer whose DPA describes each sub-processor's
	// processing in its Annex III (Clause 9, modules 2 and 3): its
	// authorisation, specific (Option 1) or general (Option 2), covers the
	// processing Annex III describes (Art. 28(2) GDPR; EDPB Guidelines
	// 07/2020), so a change that adds data categories or changes the
	// purpose, the description or the responsibilities is requested like an
	// addition under Option 1 and notified like one, with the right to
	// object, under Option 2. Empty for a customer without Annex III, whose
	// letter lists such changes among the others.
	Extended []extensionView
	// DPAClause names the sub-processor clause of the customer's DPA
	// ("Clause 6"), empty if it could not be found; every letter cites it.
	DPAClause string
}

// extensionView is one authorised sub-processor whose processing a change
// widens: its name and address, where it processes the data and its
// transfer mechanism after the change (which a notice under Option 2
// states, as the DPA's sub-processor clause requires of every notice), and
// the widened details, before and after.
type extensionView struct {
	Name, Address     string
	Location, Country string
	Mechanism         string
	Diffs             []fieldDiff
}

// relocationView is one sub-processor moving to another country.
type relocationView struct {
	Name string
	// From and To are the places before and after the move ("eu-west-1"
	// and "IE"); Mechanism is the new transfer mechanism code.
	FromLocation, FromCountry string
	ToLocation, ToCountry     string
	Mechanism                 string
	Data                      []string
	// Address is the sub-processor's address, which a request for
	// specific authorisation states (the DPA's Option 1 clause); the
	// contact person, position, description, purpose and responsibilities
	// are the rest of its Annex III row, which such a request gives as for
	// an addition.
	Address               string
	Contact, ContactTitle string
	Description, Purpose  string
	Responsibilities      string
}

// Material reports whether the notice asks the customer to act: something
// is added or moves to a third country, or (for a customer that gives
// specific authorisation) an authorised sub-processor's processing widens.
func (n *noticeView) Material() bool {
	return len(n.Added) > 0 || len(n.Relocated) > 0 || len(n.Extended) > 0
}

// letterWords are the phrases a letter builds its sentences from, each
// covering what the letter is about: additions, moves and extensions of
// processing, in that order. A request for specific authorisation (Option
// 1) uses the first group, a notice under general authorisation (Option 2)
// the second.
type letterWords struct {
	// Subject: "the engagement of the Sub-processors and the changes of
	// location"; Each: "each Sub-processor and each move".
	Subject, Each string
	// NotDo: "allow a Sub-processor listed above to process X, nor move
	// ... to its new place,"; NotEngage: "engage that Sub-processor for X or
	// make that move"; NotYet: "no Sub-processor listed above will begin
	// to process X, and no move will be made,".
	NotDo, NotEngage, NotYet string
	// Done: "engaged a Sub-processor, or made a move,"; Confirm: "the
	// engagement or the move"; Without: "that Sub-processor processing X
	// or, as the case may be, without the move of the processing
	// concerned" (after "without").
	Done, Confirm, Without string

	// Objected names what a notice under general authorisation notifies
	// with a right to object: "the additions and the moves".
	Objected string
	// Object: "to the engagement of an added Sub-processor or to a move
	// listed above" (after "may object").
	Object string
	// Withhold: "allow an added Sub-processor to process X, nor move the
	// processing of an existing Sub-processor to its new place," (after
	// "Provider will not").
	Withhold string
	// WithoutChange: "the new Sub-processor processing X or, as the case
	// may be, without the move of the processing concerned" (after
	// "without").
	WithoutChange string
}

// letterPart is what one kind of change (an addition, a move, an
// extension of processing) contributes to each phrase of letterWords.
type letterPart struct {
	subject, each, notDo, notEngage, notYet, done, confirm, without string
	objected, object, withhold, withoutChange                       string
}

// Words returns the phrases of the letter, with data the data the letter
// speaks of ("your personal data") and own the same data after "for" in
// "engage that Sub-processor for ...".
func (n *noticeView) Words(data, own string) letterWords {
	var ps []letterPart
	if len(n.Added) > 0 {
		ps = append(ps, letterPart{subject: "the engagement of the Sub-processors", each: "each Sub-processor",
			notDo: "allow a Sub-processor listed above to process " + data, notEngage: "engage that Sub-processor for " + own,
			notYet: "no Sub-processor listed above will begin to process " + data, done: "engaged a Sub-processor",
			confirm: "the engagement", without: "that Sub-processor processing " + data,
			objected: "the additions", object: "to the engagement of an added Sub-processor",
			withhold: "allow an added Sub-processor to process " + data, withoutChange: "the new Sub-processor processing " + data})
	}
	if len(n.Relocated) > 0 {
		ps = append(ps, letterPart{subject: "the changes of location", each: "each move",
			notDo: "move the processing of an existing Sub-processor to its new place", notEngage: "make that move",
			notYet: "no move will be made", done: "made a move", confirm: "the move", without: "the move of the processing concerned",
			objected: "the moves", object: "to a move listed above",
			withhold: "move the processing of an existing Sub-processor to its new place", withoutChange: "the move of the processing concerned"})
	}
	if len(n.Extended) > 0 {
		ps = append(ps, letterPart{subject: "the extensions of the processing of authorised Sub-processors", each: "each extension",
			notDo: "extend the processing of an authorised Sub-processor as described above", notEngage: "extend that processing",
			notYet: "no extension of processing will take effect", done: "made an extension of processing", confirm: "the extension",
			without:  "the extension of the processing concerned",
			objected: "the extensions of processing", object: "to an extension of processing listed above",
			withhold: "extend the processing of an existing Sub-processor as described above", withoutChange: "the extension of the processing concerned"})
	}
	pick := func(f func(letterPart) string) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = f(p)
		}
		return out
	}
	var w letterWords
	w.Subject = wording.Join(pick(func(p letterPart) string { return p.subject }))
	w.Each = wording.Join(pick(func(p letterPart) string { return p.each }))
	w.NotDo = chain(pick(func(p letterPart) string { return p.notDo }), ", nor ", ", nor ")
	w.NotEngage = wording.JoinOr(pick(func(p letterPart) string { return p.notEngage }))
	w.NotYet = chain(pick(func(p letterPart) string { return p.notYet }), ", ", ", and ")
	w.Done = chain(pick(func(p letterPart) string { return p.done }), ", ", ", or ")
	w.Confirm = wording.JoinOr(pick(func(p letterPart) string { return p.confirm }))
	w.Without = eachWithout(pick(func(p letterPart) string { return p.without }))
	w.Objected = wording.Join(pick(func(p letterPart) string { return p.objected }))
	w.Object = wording.JoinOr(pick(func(p letterPart) string { return p.object }))
	w.Withhold = chain(pick(func(p letterPart) string { return p.withhold }), ", nor ", ", nor ")
	w.WithoutChange = eachWithout(pick(func(p letterPart) string { return p.withoutChange }))
	return w
}

// chain joins "a", "b", "c" as "a<sep>b<last>c," with a comma closing a
// list of more than one.
func chain(items []string, sep, last string) string {
	if len(items) == 0 {
		return ""
	}
	out := items[0]
	for i, it := range items[1:] {
		if i == len(items)-2 {
			out += last + it
		} else {
			out += sep + it
		}
	}
	if len(items) > 1 {
		out += ","
	}
	return out
}

// eachWithout joins the things Provider may continue without, each
// alternative with its own "without" so that the last one is not read as a
// second object of the first: "A, without B or, as the case may be,
// without C" (after a first "without").
func eachWithout(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", without ") + " or, as the case may be, without " + items[len(items)-1]
}

// asksAuthorisation reports whether the customer of d gives specific
// authorisation (Clause 9(a) Option 1, modules 2 or 3): its notices ask
// for authorisation rather than give a right to object.
func asksAuthorisation(d *deal.Deal) bool {
	return d.SCC.SubprocessorOption == deal.SpecificAuthorisation && d.SCC.Clause9()
}

// widens reports whether the change c of field widens the processing that
// the customer's Annex III describes and its specific authorisation covers:
// a data category the sub-processor did not receive (or no categories
// stated any more, "only the data needed"), or any change to its
// description, purpose or responsibilities, which words cannot tell
// narrower from wider. A new name, website, address or contact is
// information only.
func widens(c sublist.Change, field string) bool {
	switch field {
	case "description", "purpose", "responsibilities":
		return true
	case "data":
		if len(c.After.Data) == 0 {
			return len(c.Before.Data) > 0
		}
		had := map[string]bool{}
		for _, x := range c.Before.Data {
			had[strings.ToLower(strings.TrimSpace(x))] = true
		}
		for _, x := range c.After.Data {
			if !had[strings.ToLower(strings.TrimSpace(x))] {
				return true
			}
		}
	}
	return false
}

// relocates reports whether a change moves a sub-processor to a country
// outside the exporter's own area (a new transfer to a third country, or a
// different one), for a deal under EU, UK or Swiss law: the EEA, and for a
// Swiss exporter under the FADP alone Switzerland as well (a move from
// Germany to Switzerland brings the data home, not abroad), and for a UK
// exporter under UK Data Protection Laws alone the United Kingdom.
func relocates(d *deal.Deal, c sublist.Change) bool {
	if !d.TransferLaws().Restricted() || c.Before.Country == c.After.Country || country.IsEEA(c.After.Country) {
		return false
	}
	return !(d.FADPOnly() && c.After.Country == "CH") && !(d.UKOnly() && c.After.Country == "GB")
}

// relocationFields are the fields a relocation row prints; they are not
// repeated among the changed details.
var relocationFields = map[string]bool{"location": true, "country": true, "transfer_mechanism": true}

type addedView struct {
	deal.Subprocessor
	// Replaces names the removed sub-processor with the same purpose, if any.
	Replaces string
}

type changeView struct {
	Name  string
	Diffs []fieldDiff
}

type fieldDiff struct {
	Field, Before, After string
}

// Empty reports whether the notice lists no change at all.
func (n *noticeView) Empty() bool {
	return len(n.Added) == 0 && len(n.Removed) == 0 && len(n.Changed) == 0 && len(n.Relocated) == 0 && len(n.Extended) == 0
}

// clauseNumber returns how d's DPA names its clause id ("Clause 6"), or ""
// if the DPA cannot be assembled or has no such clause. It reads dpa, d's
// DPA, when the caller has it, and otherwise assembles d's DPA, since
// which clauses print (and riders) decide the numbering. That is most of a
// notice's cost (BenchmarkAssembleNotice: 3.7 ms with it, 0.3 ms without);
// a cheaper route would have to repeat the DPA template's choice of
// clauses.
func (e *Engine) clauseNumber(ctx context.Context, d *deal.Deal, dpa *document.Document, id string) string {
	if dpa == nil {
		var err error
		if dpa, err = e.assemble(ctx, d, "dpa", nil); err != nil {
			return ""
		}
	}
	for _, b := range dpa.Blocks {
		if h, ok := b.(*document.Heading); ok && h.ID == id {
			return h.Label
		}
	}
	return ""
}

// AssembleNotice builds the sub-processor change notice for d: what is
// added, replaced, changed or removed, where the full list is, and the
// objection deadline (the notice date plus d's objection window). d may be
// a profile alone (a notice to every customer) or a customer's deal laid
// over it. A notice without any change is ErrNotApplicable.
func (e *Engine) AssembleNotice(d *deal.Deal, n Notice) (*document.Document, error) {
	return e.AssembleNoticeContext(context.Background(), d, n)
}

// AssembleNoticeContext is AssembleNotice, stopping with ctx's error
// (wrapped) when ctx is cancelled.
func (e *Engine) AssembleNoticeContext(ctx context.Context, d *deal.Deal, n Notice) (*document.Document, error) {
	if n.Date.IsZero() {
		return nil, errors.New("assemble notice: the notice date is required")
	}
	ch := n.Changes
	if ch.Empty() {
		return nil, fmt.Errorf("%w: %s: the old and new lists are the same, so there is nothing to give notice of", ErrNotApplicable, NoticeKind)
	}
	if ps := RequestProblems(d, ch, nil, "", ""); len(ps) > 0 {
		return nil, fmt.Errorf("assemble %s: %w", NoticeKind, &deal.ValidationError{Problems: ps})
	}
	nv := &noticeView{
		Date:          n.Date,
		Deadline:      Deadline(d, n.Date),
		EarliestStart: EarliestStart(d, n.Date),
		Removed:       ch.Removed,
		OwnList:       n.OwnList,
	}
	byPurpose := map[string]string{}
	for _, r := range ch.Removed {
		byPurpose[strings.ToLower(strings.TrimSpace(r.Purpose))] = r.Name
	}
	for _, a := range ch.Added {
		nv.Added = append(nv.Added, addedView{Subprocessor: a})
	}
	for i, a := range ch.Added {
		if name, ok := byPurpose[strings.ToLower(strings.TrimSpace(a.Purpose))]; ok {
			nv.Added[i].Replaces = name
		}
	}
	laws := d.TransferLaws()
	described := d.AnnexIII()
	for _, c := range ch.Changed {
		moved := relocates(d, c)
		if moved {
			nv.Relocated = append(nv.Relocated, relocationView{
				Name:         c.After.Name,
				FromLocation: c.Before.Location, FromCountry: c.Before.Country,
				ToLocation: c.After.Location, ToCountry: c.After.Country,
				Mechanism: c.After.TransferMechanism, Data: c.After.Data,
				Address: c.After.Address, Contact: c.After.Contact, ContactTitle: c.After.ContactTitle,
				Description: c.After.Description, Purpose: c.After.Purpose, Responsibilities: c.After.Responsibilities,
			})
		}
		cv := changeView{Name: c.After.Name}
		ev := extensionView{Name: c.After.Name, Address: c.After.Address,
			Location: c.After.Location, Country: c.After.Country, Mechanism: c.After.TransferMechanism}
		for _, f := range c.FieldNames() {
			if moved && relocationFields[f] || f == "transfer_mechanism" && !laws.Restricted() {
				// A customer without an EEA, UK or Swiss nexus makes no
				// restricted transfer: its DPA states no mechanism.
				continue
			}
			fd := fieldDiff{
				Field:  fieldTitle(f),
				Before: fieldValue(c.Before, f, laws),
				After:  fieldValue(c.After, f, laws),
			}
			if described && widens(c, f) {
				ev.Diffs = append(ev.Diffs, fd)
			} else {
				cv.Diffs = append(cv.Diffs, fd)
			}
		}
		if len(ev.Diffs) > 0 {
			nv.Extended = append(nv.Extended, ev)
		}
		if len(cv.Diffs) > 0 {
			nv.Changed = append(nv.Changed, cv)
		}
	}
	nv.DPAClause = e.clauseNumber(ctx, d, n.DPA, "subprocessors")
	if nv.Empty() {
		return nil, fmt.Errorf("%w: %s: the lists differ only in transfer mechanisms, which a DPA without an EEA, UK or Swiss nexus (gdpr.applies: false) does not state, so there is nothing to give notice of", ErrNotApplicable, NoticeKind)
	}
	doc, err := e.assemble(ctx, d, NoticeKind, nv)
	if err != nil {
		return nil, err
	}
	// Its files are dated the day it is sent, by whatever makes them: the
	// same notice, the same bytes.
	doc.Meta.Dated = n.Date.Time
	return doc, nil
}

// EarliestStart returns the first day a change notified on date may take
// effect under d: the advance notice after the date and, where the
// customer may object (anything but Clause 9 Option 1, under which it
// authorises), not before the day after the last day to object. A window
// as long as the notice would otherwise end on the day the change takes
// effect, leaving no time to object "prior to the engagement" (SCC Clause
// 9(a) Option 2), as the DPA's sub-processor clause says.
func EarliestStart(d *deal.Deal, date deal.Date) deal.Date {
	start := date.AddDays(max(d.SCC.SubprocessorNoticeDays, d.Subprocessors.ObjectionDays))
	if asksAuthorisation(d) {
		return start
	}
	if after := Deadline(d, date).AddDays(1); after.After(start.Time) {
		return after
	}
	return start
}

// Deadline returns the last day on which a customer may object to a notice
// given on date under d's objection window.
func Deadline(d *deal.Deal, date deal.Date) deal.Date {
	return date.AddDays(d.Subprocessors.ObjectionDays)
}

// fieldTitle names a sub-processor field for people.
func fieldTitle(field string) string {
	switch field {
	case "data":
		return "Data categories"
	case "transfer_mechanism":
		return "Transfer mechanism"
	case "added":
		return "Date added"
	case "contact_title":
		return "Contact person’s position"
	}
	t := strings.ReplaceAll(field, "_", " ")
	if t == "" {
		return t
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// fieldValue returns a sub-processor field as printed in a notice: a
// transfer mechanism named for the laws of the deal's transfers, as the
// notice's additions and moves and the customer's Annex III name it.
func fieldValue(s deal.Subprocessor, field string, laws deal.Laws) string {
	switch field {
	case "name":
		return s.Name
	case "description":
		return s.Description
	case "purpose":
		return s.Purpose
	case "location":
		return s.Location
	case "country":
		if n := country.Name(s.Country); n != "" {
			return n
		}
		return s.Country
	case "data":
		// Semicolons on both sides of the change, whatever the
		// categories, so that each category stays distinct and the two
		// sides read alike.
		out := wording.InlineItems(s.Data)
		return strings.Join(out, "; ")
	case "category":
		return s.Category
	case "transfer_mechanism":
		return laws.TransferLabel(s.TransferMechanism)
	case "website":
		return s.Website
	case "address":
		return s.Address
	case "contact":
		return s.Contact
	case "contact_title":
		return s.ContactTitle
	case "responsibilities":
		return s.Responsibilities
	case "added":
		d, _ := wording.Date(s.Added)
		return d
	}
	return ""
}

// WarnNoticeDate is the rule of the warning about a notice dated before
// the customer's DPA takes effect.
const WarnNoticeDate = "notice_before_effective_date"

// NoticeDateWarnings warns of a notice dated before the customer's DPA
// takes effect: its sub-processor terms (the notice period, the objection
// window, the request for authorisation) do not apply yet, so the deadlines
// the letter states rest on terms not yet in force, and the change may
// rather belong in the DPA's list before it is signed. A deal without an
// effective date (the profile's, for a notice to every customer) has none.
func NoticeDateWarnings(d *deal.Deal, date deal.Date) []deal.Problem {
	eff := d.EffectiveDate
	if eff.IsZero() || !date.Before(eff.Time) {
		return nil
	}
	return []deal.Problem{{Path: "effective_date", Rule: WarnNoticeDate, Message: fmt.Sprintf(
		"is %s, after the notice date %s: the DPA's sub-processor terms, on which the letter's deadlines rest, do not apply before it takes effect; put the change into the DPA's list of sub-processors before it is signed, or date the notice on or after %s",
		eff, date, eff)}}
}

// requestDetails are the fields of a sub-processor that a request for
// specific authorisation states for each sub-processor it adds or moves:
// those the customer's Annex III gives under Clause 9(a) Option 1 (name,
// address, contact person with position and contact details, and the
// delimitation of responsibilities), which the authorisation adds to it,
// and which the DPA's Option 1 clause requires the request to state (the
// sub-processor's name and address). Deal validation requires the same of
// the deal's own list (deal.RuleAnnexIIIDetails).
var requestDetails = []struct {
	key, what string
	value     func(deal.Subprocessor) string
}{
	{"address", "its address", func(s deal.Subprocessor) string { return s.Address }},
	{"contact", "a contact person's name and contact details", func(s deal.Subprocessor) string { return s.Contact }},
	{"contact_title", "the contact person's position", func(s deal.Subprocessor) string { return s.ContactTitle }},
	{"responsibilities", "the delimitation of its responsibilities", func(s deal.Subprocessor) string { return s.Responsibilities }},
}

// RequestProblems returns, for a notice to the customer of d that asks for
// specific authorisation (Clause 9(a) Option 1, modules 2 or 3), each
// Annex III detail that a sub-processor the change adds or moves to a third
// country lacks: the request could not state what the customer's DPA
// requires it to state, nor update its Annex III. list is the new list the
// change came from and prefix the path of that list in file ("list", or
// "subprocessors.list" in a deal or profile): a problem's path is that of
// the entry's field there ("list[1].address"); without a prefix, or for an
// entry list does not hold, the message names the sub-processor instead.
// It returns nil for a notice that asks for no authorisation.
func RequestProblems(d *deal.Deal, ch sublist.Changes, list []deal.Subprocessor, file, prefix string) []deal.Problem {
	if !asksAuthorisation(d) {
		return nil
	}
	asked := slices.Clone(ch.Added)
	for _, c := range ch.Changed {
		if relocates(d, c) || slices.ContainsFunc(c.FieldNames(), func(f string) bool { return widens(c, f) }) {
			asked = append(asked, c.After)
		}
	}
	index := map[string]int{}
	for i, s := range list {
		if _, seen := index[deal.NameKey(s.Name)]; !seen {
			index[deal.NameKey(s.Name)] = i
		}
	}
	var ps []deal.Problem
	for _, s := range asked {
		i, found := index[deal.NameKey(s.Name)]
		for _, f := range requestDetails {
			var msg string
			switch {
			case strings.TrimSpace(f.value(s)) == "":
				msg = fmt.Sprintf(`is required in a request for specific authorisation (the customer's scc.subprocessor_option is "specific"): the customer's Annex III under Clause 9(a) Option 1, which records what each authorisation covers, gives for each sub-processor %s`, f.what)
			case f.key == "contact" && !deal.ContactHasDetails(s.Contact):
				msg = `gives a name but no contact details (an email address or a telephone number), which a request for specific authorisation states: the customer's Annex III under Clause 9(a) Option 1 gives for each sub-processor a contact person's name and contact details`
			default:
				continue
			}
			if f.key == "address" {
				msg += ", and its Data Processing Agreement requires each request to state the sub-processor's name and address"
			}
			p := deal.Problem{File: file, Rule: deal.RuleAnnexIIIDetails, Message: msg}
			if found && prefix != "" {
				p.Path = fmt.Sprintf("%s[%d].%s", prefix, i, f.key)
			} else {
				p.Message = fmt.Sprintf("%q: %s %s", s.Name, f.key, msg)
			}
			ps = append(ps, p)
		}
	}
	// A change the customer need not authorise must still leave its Annex
	// III whole: a contact that loses its contact details does not.
	for _, c := range ch.Changed {
		s := c.After
		if slices.ContainsFunc(asked, func(a deal.Subprocessor) bool { return deal.NameKey(a.Name) == deal.NameKey(s.Name) }) ||
			strings.TrimSpace(s.Contact) == "" || deal.ContactHasDetails(s.Contact) {
			continue
		}
		msg := `gives a name but no contact details (an email address or a telephone number): the customer's Annex III under Clause 9(a) Option 1, which this change updates, gives for each sub-processor a contact person's name and contact details`
		p := deal.Problem{File: file, Rule: deal.RuleAnnexIIIDetails, Message: msg}
		if i, found := index[deal.NameKey(s.Name)]; found && prefix != "" {
			p.Path = fmt.Sprintf("%s[%d].contact", prefix, i)
		} else {
			p.Message = fmt.Sprintf("%q: contact %s", s.Name, msg)
		}
		ps = append(ps, p)
	}
	return ps
}
