package subproc

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEveryTagRuleKnown: each rule written in Subprocessor's validate tags
// is one that Rules.Check applies, not silently broken.
func TestEveryTagRuleKnown(t *testing.T) {
	known := map[string]bool{"required": true, "max": true, "oneof": true, "line": true,
		"country": true, "http_url": true, "omitempty": true, "dive": true, "excludes": true}
	typ := reflect.TypeFor[Subprocessor]()
	for i := range typ.NumField() {
		tag := typ.Field(i).Tag.Get("validate")
		for rule := range strings.SplitSeq(tag, ",") {
			name, _, _ := strings.Cut(rule, "=")
			if tag != "" && !known[name] {
				t.Errorf("%s: rule %q is not applied by Rules.Check", typ.Field(i).Name, name)
			}
		}
	}
}

func good() Subprocessor {
	return Subprocessor{Name: "Hetzner Online GmbH", Purpose: "Hosting", Location: "Falkenstein",
		Country: "DE", Category: CategoryInfrastructure, TransferMechanism: TransferNone}
}

// TestCheck: each rule's problem, with its path and message, in the order
// of entries and fields, then duplicates, then transfers.
func TestCheck(t *testing.T) {
	list := []Subprocessor{good(), good(), good(), good()}
	list[0].Data = []string{"Name", ""}
	list[1].Name = "HETZNER online gmbh "
	list[2].Name, list[2].Country, list[2].TransferMechanism = "Okta", "US", TransferNone
	list[2].Website = "okta.com"
	list[3].Name, list[3].Category, list[3].TransferMechanism = "Zendesk", "infra", "sccs"
	latin := func(r rune) bool { return r < 0x2000 }
	list[3].Purpose = "Support \u2603"
	got := Rules{Printable: latin}.Check(list, "list")
	want := []Problem{
		{"list[0].data[1]", "required", "is empty; write the entry or remove it from the list"},
		{"list[1].name", "line", "ends with white space (U+0020); remove it"},
		{"list[2].website", "http_url", `"okta.com" is not a web address (want one starting with https:// or http://)`},
		{"list[3].purpose", "printable", `character "☃" (U+2603) cannot be printed in the PDF fonts`},
		{"list[3].category", "oneof", `"infra" is not allowed (want infrastructure or service)`},
		{"list[3].transfer_mechanism", "oneof", `"sccs" is not allowed (want none, adequacy, scc, dpf or bcr); did you mean "scc"?`},
		{"list[1].name", RuleDuplicate, `"HETZNER online gmbh " is listed twice (also at list[0])`},
		{"list[2].transfer_mechanism", RuleTransferMechanism, `"none" is only for a country in the EEA or with an EU adequacy decision, and the United States (US) is neither; use "scc", or "dpf" if it is certified under the EU-US Data Privacy Framework`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
	if ps := (Rules{}).Check([]Subprocessor{good()}, "list"); ps != nil {
		t.Errorf("a good list: %v", ps)
	}
}

// TestNoRestrictedTransfers: for a customer with no EEA, UK or Swiss nexus
// any mechanism fits any country, except "dpf" outside the United States
// (no framework certifies an organisation elsewhere); the other rules
// still apply.
func TestNoRestrictedTransfers(t *testing.T) {
	us := good()
	us.Country, us.TransferMechanism = "US", TransferNone
	dup := us
	list := []Subprocessor{us, dup}
	got := Rules{Origin: NoRestrictedTransfer}.Check(list, "list")
	want := []Problem{{"list[1].name", RuleDuplicate, `"Hetzner Online GmbH" is listed twice (also at list[0])`}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
	if ps := (Rules{}).TransferProblems(list[:1], "list"); len(ps) != 1 {
		t.Errorf("under the GDPR: %v, want the transfer rule", ps)
	}
	in := good()
	in.Country, in.TransferMechanism = "IN", TransferDPF
	got = Rules{Origin: NoRestrictedTransfer}.Check([]Subprocessor{in, us2(in)}, "list")
	want = []Problem{{"list[0].transfer_mechanism", RuleTransferMechanism, `"dpf" (a Data Privacy Framework certification) applies only to sub-processors in the United States, not in India (IN)`}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dpf in India (-want +got):\n%s", diff)
	}
	jp := good()
	jp.Country = "JP"
	if ps := (Rules{Origin: FromSwitzerland}).TransferProblems([]Subprocessor{jp}, "list"); len(ps) != 1 || (Rules{}).TransferProblems([]Subprocessor{jp}, "list") != nil {
		t.Errorf("Japan with \"none\": from Switzerland %v (want the Swiss rule), from the EEA accepted", ps)
	}
}

// us2 is s under another name, in the United States.
func us2(s Subprocessor) Subprocessor {
	s.Name, s.Country = s.Name+" Inc.", "US"
	return s
}

func TestRulesHome(t *testing.T) {
	tests := []struct {
		origin Origin
		code   string
		want   bool
	}{
		{FromEEA, "DE", true}, {FromEEA, "NO", true}, {FromEEA, "CH", false}, {FromEEA, "JP", false}, {FromEEA, "US", false},
		{FromSwitzerland, "CH", true}, {FromSwitzerland, "DE", true}, {FromSwitzerland, "GB", false}, {FromSwitzerland, "US", false},
		{NoRestrictedTransfer, "US", true}, {NoRestrictedTransfer, "IN", true}, {NoRestrictedTransfer, "XX", false},
	}
	for _, tt := range tests {
		if got := (Rules{Origin: tt.origin}).Home(tt.code); got != tt.want {
			t.Errorf("Rules{Origin: %d}.Home(%q) = %v, want %v", tt.origin, tt.code, got, tt.want)
		}
	}
}

// TestSwissTransfersDPFOutsideUS: "dpf" names a framework for
// organisations in the United States, so it is refused for a sub-processor
// in the EEA or another country the Swiss Federal Council lists as
// adequate, as for one elsewhere.
func TestSwissTransfersDPFOutsideUS(t *testing.T) {
	for _, c := range []string{"LU", "DE", "GB", "IN"} {
		s := good()
		s.Country, s.TransferMechanism = c, TransferDPF
		ps := SwissTransfers([]Subprocessor{s}, "list")
		if len(ps) != 1 || ps[0].Rule != RuleTransferMechanism || !strings.Contains(ps[0].Message, "applies only to sub-processors in the United States") {
			t.Errorf("%s: %v, want the dpf rule", c, ps)
		}
	}
	us := good()
	us.Country, us.TransferMechanism = "US", TransferDPF
	if ps := SwissTransfers([]Subprocessor{us}, "list"); ps != nil {
		t.Errorf("US: %v", ps)
	}
}

// TestUKTransfers checks transfer mechanisms judged from the United Kingdom
// (a UK exporter under UK Data Protection Laws alone): "none" fits the UK,
// the EEA and a country to which Article 45A UK GDPR regulations approve
// transfers (the Republic of
// Korea, Switzerland), not Brazil or the United States; "dpf" only the
// United States.
func TestUKTransfers(t *testing.T) {
	r := Rules{Origin: FromUK}
	for _, tt := range []struct {
		country, mechanism string
		ok                 bool
	}{
		{"GB", TransferNone, true}, {"IE", TransferNone, true}, {"KR", TransferNone, true}, {"CH", TransferAdequacy, true},
		{"BR", TransferNone, false}, {"US", TransferNone, false}, {"US", TransferDPF, true}, {"CA", TransferDPF, false},
	} {
		ps := r.TransferProblems([]Subprocessor{{Name: "X", Country: tt.country, TransferMechanism: tt.mechanism}}, "list")
		if (len(ps) == 0) != tt.ok {
			t.Errorf("%s %s: problems %v, want ok %v", tt.country, tt.mechanism, ps, tt.ok)
		}
	}
	if !r.Home("GB") || r.Home("CH") || r.HomeName() != "the United Kingdom or the EEA" {
		t.Errorf("Home/HomeName from the UK wrong: %v %v %q", r.Home("GB"), r.Home("CH"), r.HomeName())
	}
	l := Laws{UK: true, UKExporter: true}
	if got := l.TransferLabel(TransferNone); got != "None required (the UK or a country to which transfers are approved by regulations under Article 45A of the UK GDPR)" {
		t.Errorf("UK-only none label %q", got)
	}
	if got := (Laws{UK: true, FADP: true, UKExporter: true}).TransferLabel(TransferNone); got != "None required (the UK or a country to which transfers are approved by regulations under Article 45A of the UK GDPR)" {
		t.Errorf("UK exporter with the FADP: none label %q", got)
	}
	// A Swiss exporter under the FADP alone with the UK Addendum: the data
	// of its UK establishment rests on UK adequacy regulations too.
	if got := (Laws{UK: true, FADP: true}).TransferLabel(TransferNone); got != "None required (adequate under the FADP and UK Data Protection Laws)" {
		t.Errorf("Swiss exporter with the UK Addendum: none label %q", got)
	}
}

// TestEntriesExplainPrivacyShield: a list entry (in a deal file or the
// form, not only an import) whose transfer mechanism names the Privacy
// Shield is told why it is refused and what to write for its country.
func TestEntriesExplainPrivacyShield(t *testing.T) {
	tests := []struct {
		mech, country, want string
	}{
		{"Privacy Shield", "US", `write "dpf" if the sub-processor is certified under the EU-US Data Privacy Framework`},
		{"swiss-us privacy shield", "US", "Swiss-US Data Privacy Framework"},
		{"privacy shield", "IN", `write "scc" (standard contractual clauses)`},
		{"sccs", "US", `"sccs" is not allowed (want none, adequacy, scc, dpf or bcr); did you mean "scc"?`},
	}
	for _, tt := range tests {
		s := good()
		s.Country, s.TransferMechanism = tt.country, tt.mech
		ps := Rules{}.Entries([]Subprocessor{s}, "list")
		if len(ps) != 1 || ps[0].Path != "list[0].transfer_mechanism" || !strings.Contains(ps[0].Message, tt.want) {
			t.Errorf("%s in %s: %+v, want one problem saying %q", tt.mech, tt.country, ps, tt.want)
		}
	}
}
