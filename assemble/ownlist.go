package assemble

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/sublist"
)

// WarnCustomerList is the rule of the warning that a notice to a customer
// whose DPA carries its own sub-processor list gives the change as it
// affects that list.
const WarnCustomerList = "customer_list"

// ForCustomer returns notice n, the change from the vendor's list old to
// cur, as it affects the customer of d: unchanged when d carries the
// vendor's list (vendor, the profile's list, or none of its own); when
// its DPA carries a list of its own, the changes of n applied to that list
// (an entry the customer's list lacks is added, one it has is replaced or
// removed), with OwnList set, and a warning (WarnCustomerList) at
// subprocessors.list of file that says so and names the entries of the
// customer's list that neither vendor list has. Both the CLI and the API
// build a customer's notice with it.
func ForCustomer(n Notice, d *deal.Deal, vendor, old, cur []deal.Subprocessor, file string) (Notice, []deal.Problem) {
	own := d.Subprocessors.List
	if len(own) == 0 || reflect.DeepEqual(own, vendor) {
		return n, nil
	}
	n.Changes = sublist.Diff(own, sublist.ApplyTo(own, n.Changes))
	n.OwnList = true
	where := "its Annex III"
	if !d.GDPR.On() {
		where = "in its sub-processor clause" // no SCCs, so no Annex III
	}
	msg := fmt.Sprintf("the customer's DPA carries its own list of %d sub-processors (%s), so the notice gives the changes between the old and new lists as they affect that list, not the vendor's lists as they are", len(own), where)
	if unknown := unknownEntries(own, old, cur); len(unknown) > 0 {
		msg += fmt.Sprintf("; neither list has %s, so check the customer's list", someNames(unknown))
	}
	return n, []deal.Problem{{File: file, Path: "subprocessors.list", Rule: WarnCustomerList, Message: msg}}
}

// unknownEntries names, quoted, the entries of own that neither the old nor
// the new vendor list has.
func unknownEntries(own, old, cur []deal.Subprocessor) []string {
	known := map[string]bool{}
	for _, s := range append(append([]deal.Subprocessor(nil), old...), cur...) {
		known[deal.NameKey(s.Name)] = true
	}
	var out []string
	for _, s := range own {
		if !known[deal.NameKey(s.Name)] {
			out = append(out, strconv.Quote(s.Name))
		}
	}
	return out
}

// someNames joins names, naming at most five and counting the rest: a
// customer's list of hundreds must not make one warning of hundreds of
// names.
func someNames(names []string) string {
	const shown = 5
	if len(names) <= shown+1 {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d others", strings.Join(names[:shown], ", "), len(names)-shown)
}

// UndescribedChanges warns of the data of each sub-processor that the
// change ch adds or changes (its entry in cur, the new list, whose entries'
// paths start with prefix) and that the customer's Annex I.B (d's
// processing.data_categories) does not describe: the notice would ask the
// customer, or its Controller, to accept processing of data outside the
// DPA's description of the processing. Both the CLI and the API warn with
// it.
func UndescribedChanges(d *deal.Deal, ch sublist.Changes, cur []deal.Subprocessor, prefix string) []deal.Problem {
	changed := map[string]bool{}
	for _, s := range ch.Added {
		changed[deal.NameKey(s.Name)] = true
	}
	for _, c := range ch.Changed {
		changed[deal.NameKey(c.After.Name)] = true
	}
	ws := deal.UndescribedData(d, cur, prefix, func(s deal.Subprocessor) bool { return changed[deal.NameKey(s.Name)] })
	for i := range ws {
		ws[i].Message = strings.Replace(ws[i].Message, "that Annex I.B describes (processing.data_categories)",
			"that the customer's Annex I.B describes (processing.data_categories of its deal)", 1)
	}
	return ws
}
