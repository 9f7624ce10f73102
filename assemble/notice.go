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
}

// noticeView is the notice as clause templates see it: the change's
// entries as they are, the objection deadline and earliest start computed.
type noticeView struct {
	Date deal.Date
	// Deadline is the last day to object: Date plus the objection window.
	Deadline deal.Date
	// EarliestStart is the first day an added sub-processor may process
	// Customer Personal Data: Date plus the advance-notice period.
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
	// specific authorisation states (the DPA's Option 1 clause).
	Address string
}

// Material reports whether the notice asks the customer to act: something
// is added or moves to a third country.
func (n *noticeView) Material() bool { return len(n.Added) > 0 || len(n.Relocated) > 0 }

// relocates reports whether a change moves a sub-processor to a country
// outside the exporter's own area (a new transfer to a third country, or a
// different one), for a deal under EU, UK or Swiss law: the EEA, and for a
// Swiss exporter under the FADP alone Switzerland as well (a move from
// Germany to Switzerland brings the data home, not abroad).
func relocates(d *deal.Deal, c sublist.Change) bool {
	if !d.TransferLaws().Restricted() || c.Before.Country == c.After.Country || country.IsEEA(c.After.Country) {
		return false
	}
	return !(d.FADPOnly() && c.After.Country == "CH")
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
	return len(n.Added) == 0 && len(n.Removed) == 0 && len(n.Changed) == 0 && len(n.Relocated) == 0
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
		EarliestStart: n.Date.AddDays(max(d.SCC.SubprocessorNoticeDays, d.Subprocessors.ObjectionDays)),
		Removed:       ch.Removed,
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
	for _, c := range ch.Changed {
		moved := relocates(d, c)
		if moved {
			nv.Relocated = append(nv.Relocated, relocationView{
				Name:         c.After.Name,
				FromLocation: c.Before.Location, FromCountry: c.Before.Country,
				ToLocation: c.After.Location, ToCountry: c.After.Country,
				Mechanism: c.After.TransferMechanism, Data: c.After.Data,
				Address: c.After.Address,
			})
		}
		cv := changeView{Name: c.After.Name}
		for _, f := range c.FieldNames() {
			if moved && relocationFields[f] || f == "transfer_mechanism" && !laws.Restricted() {
				// A customer without an EEA, UK or Swiss nexus makes no
				// restricted transfer: its DPA states no mechanism.
				continue
			}
			cv.Diffs = append(cv.Diffs, fieldDiff{
				Field:  fieldTitle(f),
				Before: fieldValue(c.Before, f, laws),
				After:  fieldValue(c.After, f, laws),
			})
		}
		if len(cv.Diffs) > 0 {
			nv.Changed = append(nv.Changed, cv)
		}
	}
	if nv.Empty() {
		return nil, fmt.Errorf("%w: %s: the lists differ only in transfer mechanisms, which a DPA without an EEA, UK or Swiss nexus (gdpr.applies: false) does not state, so there is nothing to give notice of", ErrNotApplicable, NoticeKind)
	}
	return e.assemble(ctx, d, NoticeKind, nv)
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
		return wording.Join(s.Data)
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
	if d.SCC.SubprocessorOption != deal.SpecificAuthorisation || !(d.SCC.HasModule(2) || d.SCC.HasModule(3)) {
		return nil
	}
	asked := slices.Clone(ch.Added)
	for _, c := range ch.Changed {
		if relocates(d, c) {
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
			if strings.TrimSpace(f.value(s)) != "" {
				continue
			}
			msg := fmt.Sprintf(`is required in a request for specific authorisation (the customer's scc.subprocessor_option is "specific"): the customer's Annex III under Clause 9(a) Option 1, to which the authorisation adds the sub-processor, gives for each sub-processor %s`, f.what)
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
	return ps
}
