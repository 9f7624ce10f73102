package deal

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// WarnProcessingFromProfile: the deal describes its processing in Annex
// I.B only in part (processing.data_subjects, say) and takes the rest of
// the description (the nature, purposes and data categories) from the
// profile, which wrote it for the vendor's standard processing: Annex I.B
// then describes the profile's processing for this deal's data subjects,
// where Article 28(3) GDPR and Annex I.B of the SCCs ask for a description
// of this processing.
const WarnProcessingFromProfile = "processing_partly_from_profile"

// WarnProcessorProcessingFromProfile: a processor customer's deal takes
// the whole description of the processing in Annex I.B from the profile,
// which the vendor wrote for its standard processing for a customer that
// is the controller ("Customer's employees", "Customer's network"): under
// Module Three Annex I.B describes the processing that Customer carries out
// on the Controller's behalf, for the Controller's data subjects and
// purposes (Art. 28(3) GDPR, Annex I.B of the SCCs).
const WarnProcessorProcessingFromProfile = "processor_processing_from_profile"

// describingFields are the keys of processing that together describe the
// processing in Annex I.B, in the order Annex I.B prints them, with the
// words the warning uses for each.
var describingFields = [...]struct{ key, words string }{
	{"data_subjects", "data subjects"},
	{"data_categories", "data categories"},
	{"nature", "nature"},
	{"purposes", "purposes"},
}

// processingWarnings warns when the deal file dn gives some of the fields
// that describe the processing (describingFields) a value of its own (one
// that is not the profile pn's) while the profile gives the others, which
// the deal leaves out: the profile's processing mapping is merged key by
// key under the deal's. A field the deal gives with the profile's own
// value is the deal's and the profile's alike: it neither makes the deal's
// description its own nor is taken from the profile. The warning is at
// the deal's processing key, in dealName.
// It needs the files, so Load gives it and Warnings does not.
func processingWarnings(dn, pn *yaml.Node, dealName string) []Problem {
	key := keyIn(dn, "processing")
	dp, pp := child(dn, "processing"), child(pn, "processing")
	if key == nil || dp.Kind != yaml.MappingNode || pp == nil || pp.Kind != yaml.MappingNode {
		// No processing in the deal, one that replaces the profile's
		// whole (null, say), or none in the profile to take from.
		return nil
	}
	var set, own, taken []string
	var setWords, takenWords []string
	for _, f := range describingFields {
		dv, pv := describedAs(child(dp, f.key)), describedAs(child(pp, f.key))
		switch {
		case child(dp, f.key) == nil && pv != nil:
			taken = append(taken, "processing."+f.key)
			takenWords = append(takenWords, f.words)
		case dv != nil:
			set = append(set, "processing."+f.key)
			setWords = append(setWords, f.words)
			if !reflect.DeepEqual(dv, pv) {
				own = append(own, f.key)
			}
		}
	}
	if len(own) == 0 || len(taken) == 0 {
		return nil
	}
	return []Problem{{Path: "processing", File: dealName, Line: key.Line, Rule: WarnProcessingFromProfile, Message: fmt.Sprintf(
		"the deal sets %s but takes %s from the profile, so Annex I.B describes the profile's %s for this deal's %s: the profile's processing, which may not be this customer's; set %s in the deal too, or leave all four to the profile",
		andList(set), andList(taken), andList(takenWords), andList(setWords), andList(taken))}}
}

// describedAs returns what a describing field's node says, its texts with
// runs of white space made one space (a text is a list of one), or nil
// when it says nothing: no node, null, an empty text or an empty list.
func describedAs(n *yaml.Node) []string {
	if n == nil || isNull(n) {
		return nil
	}
	var texts []string
	if err := n.Decode(&texts); err != nil {
		var text string
		if n.Decode(&text) != nil {
			return nil
		}
		texts = []string{text}
	}
	var out []string
	for _, t := range texts {
		if t = strings.Join(strings.Fields(t), " "); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// processorProcessingWarnings warns when the customer of d is a processor
// and the deal file dn gives none of the fields that describe the
// processing (describingFields) a value of its own, while the profile pn
// gives at least one: Annex I.B is then the profile's description
// (WarnProcessorProcessingFromProfile). A field the deal gives with the
// profile's value is the profile's. The warning is at the deal's
// customer.role key (path and line), or else at its processing key, in
// dealName.
func processorProcessingWarnings(d *Deal, dn, pn *yaml.Node, dealName string) []Problem {
	if d.Customer.Role != Processor {
		return nil
	}
	dp, pp := child(dn, "processing"), child(pn, "processing")
	var taken []string
	for _, f := range describingFields {
		dv, pv := describedAs(child(dp, f.key)), describedAs(child(pp, f.key))
		if dv != nil && !reflect.DeepEqual(dv, pv) {
			return nil // the deal describes the processing itself
		}
		if pv != nil {
			taken = append(taken, f.words)
		}
	}
	if len(taken) == 0 {
		return nil
	}
	p := Problem{Path: "processing", Rule: WarnProcessorProcessingFromProfile, File: dealName, Message: fmt.Sprintf(
		"the customer is a processor (customer.role), but Annex I.B takes its %s from the profile, which describes the vendor's standard processing for a customer that is the controller; under Module Three Annex I.B describes the processing Customer carries out on the Controller's behalf, for the Controller's data subjects and purposes: check that the profile's description fits, or set processing.data_subjects, processing.data_categories, processing.nature and processing.purposes in the deal",
		andList(taken))}
	switch {
	case keyIn(dn, "customer.role") != nil:
		p.Path, p.Line = "customer.role", keyIn(dn, "customer.role").Line
	case keyIn(dn, "processing") != nil:
		p.Line = keyIn(dn, "processing").Line
	default:
		p.File = ""
	}
	return []Problem{p}
}
