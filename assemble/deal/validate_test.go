package deal

import (
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dpakit/dpakit/assemble/subproc"
)

func TestExampleIsValid(t *testing.T) {
	d := exampleDeal(t)
	if err := NewValidator(Options{}).Validate(d); err != nil {
		t.Fatalf("Validate(example) = %v", err)
	}
}

func TestValidateRules(t *testing.T) {
	p := func(path, rule, msg string) []Problem { return []Problem{{Path: path, Rule: rule, Message: msg}} }
	date := func(s string) Date {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name   string
		mutate func(d *Deal)
		want   []Problem
	}{
		// Field rules.
		{"reference docref", func(d *Deal) { d.Reference = "DPA 2026" },
			p("reference", "docref", `contains " " (U+0020) at position 4; a reference may use only the letters A-Z and a-z, digits and - _ . /`)},
		{"reference too long", func(d *Deal) { d.Reference = strings.Repeat("A", 65) },
			p("reference", "max", "is 65 characters long; at most 64 are allowed")},
		{"effective date missing", func(d *Deal) { d.EffectiveDate = Date{} },
			p("effective_date", "required_date", "is required (a date, YYYY-MM-DD)")},
		{"agreement missing", func(d *Deal) { d.Agreement = "" },
			p("agreement", "required", "is required: the principal agreement this DPA supplements, as the DPA should name it")},
		{"agreement with a line break", func(d *Deal) { d.Agreement = "MSA\ndated 1 March" },
			p("agreement", "line", "contains a line break (U+000A) at position 4; it must be a single line")},
		{"language", func(d *Deal) { d.Language = "de" },
			p("language", "oneof", `"de" is not supported (only "en" for now)`)},
		{"customer name missing", func(d *Deal) { d.Customer.Name = "" },
			p("customer.name", "required", "is required: full legal name of the customer")},
		{"customer name 100 kB", func(d *Deal) { d.Customer.Name = strings.Repeat("x", 100_000) },
			p("customer.name", "max", "is 100000 characters long; at most 200 are allowed")},
		{"control character", func(d *Deal) { d.Customer.Name = "Acme\aCorp" },
			p("customer.name", "line", "contains a control character (U+0007) at position 5")},
		{"tab", func(d *Deal) { d.Customer.Name = "Acme\tCorp" },
			p("customer.name", "line", "contains a tab (U+0009) at position 5")},
		{"bidi override", func(d *Deal) { d.Provider.Name = "Kestrel \u202eduolC" },
			p("provider.name", "line", "contains an invisible bidirectional text control (U+202E) at position 9")},
		{"bidi isolate", func(d *Deal) { d.Provider.Name = "\u2066Kestrel" },
			p("provider.name", "line", "contains an invisible bidirectional text control (U+2066) at position 1")},
		{"left-to-right mark", func(d *Deal) { d.Provider.Name = "Kestrel\u200e" },
			p("provider.name", "line", "contains an invisible bidirectional text control (U+200E) at position 8")},
		{"private use", func(d *Deal) { d.Customer.Address = "Hafen\ue000straße" },
			p("customer.address", "line", "contains a private-use character (U+E000) at position 6")},
		{"replacement character", func(d *Deal) { d.Customer.Address = "M\ufffdller" },
			p("customer.address", "line", "contains the replacement character U+FFFD (was the text decoded with the wrong encoding?) at position 2")},
		{"line separator", func(d *Deal) { d.Customer.Address = "a\u2028b" },
			p("customer.address", "line", "contains a line break (U+2028) at position 2; it must be a single line")},
		{"invalid UTF-8", func(d *Deal) { d.Customer.Address = "ab\xffc" },
			p("customer.address", "line", "is not valid UTF-8 text (bad byte 0xFF at byte 3)")},
		{"blank", func(d *Deal) { d.Customer.Address = " \u00a0 " },
			p("customer.address", "line", "is blank (only white space)")},
		{"country lower case", func(d *Deal) { d.Customer.Country = "de" },
			p("customer.country", "country", `"de" is not a country code: write it in upper case ("DE")`)},
		{"country unknown", func(d *Deal) { d.Customer.Country = "XX" },
			p("customer.country", "country", `"XX" is not an ISO 3166-1 alpha-2 country code (such as "DE" or "US")`)},
		{"country UK", func(d *Deal) { d.Provider.Country = "UK" },
			p("provider.country", "country", `"UK" is not an ISO 3166-1 country code; the United Kingdom is "GB"`)},
		{"country alpha-3", func(d *Deal) { d.Subprocessors.List[1].Country = "USA" },
			p("subprocessors.list[1].country", "country", `"USA" is not a country code; did you mean "US" (the United States)?`)},
		{"country name", func(d *Deal) { d.Customer.Country = "France" },
			p("customer.country", "country", `"France" is not a country code; did you mean "FR" (France)?`)},
		{"country local name", func(d *Deal) { d.Customer.Country = "Deutschland" },
			p("customer.country", "country", `"Deutschland" is not a country code; did you mean "DE" (Germany)?`)},
		{"role in the wrong case", func(d *Deal) { d.Customer.Role = "Controller" },
			p("customer.role", "oneof", `"Controller" is not allowed (want controller or processor); the value is case-sensitive: write "controller"`)},
		{"category typo", func(d *Deal) { d.Subprocessors.List[0].Category = "infrastucture" },
			p("subprocessors.list[0].category", "oneof", `"infrastucture" is not allowed (want infrastructure or service); did you mean "infrastructure"?`)},
		{"governing law not a code, modules 2-3", func(d *Deal) { d.SCC.GoverningLaw = "USA" },
			p("scc.governing_law", "country", `"USA" (the United States) is not an EU Member State; Clause 17 requires one for modules 1-3: write its ISO code, such as "DE" (Germany, the customer's country)`)},
		{"governing law named Member State", func(d *Deal) { d.SCC.GoverningLaw = "Netherlands" },
			p("scc.governing_law", "country", `"Netherlands" is not a country code; did you mean "NL" (the Netherlands)? Clause 17 requires an EU Member State for modules 1-3`)},
		{"role", func(d *Deal) { d.Customer.Role = "admin" },
			p("customer.role", "oneof", `"admin" is not allowed (want controller or processor)`)},
		{"email", func(d *Deal) { d.Customer.Contact.Email = "x@" },
			p("customer.contact.email", "email", `"x@" is not an e-mail address`)},
		{"signatory title", func(d *Deal) { d.Provider.Signatory.Title = "" },
			p("provider.signatory.title", "required", "is required: the signatory's position")},
		{"dpo email", func(d *Deal) { d.Provider.DPO.Email = "dpo" },
			p("provider.dpo.email", "email", `"dpo" is not an e-mail address`)},
		{"web address", func(d *Deal) { d.Provider.SubprocessorListURL = "kestrel.example/subprocessors" },
			p("provider.subprocessor_list_url", "http_url", `"kestrel.example/subprocessors" is not a web address (want one starting with https:// or http://)`)},
		{"module out of range", func(d *Deal) { d.SCC.Modules = []int{2, 5} },
			p("scc.modules[1]", "max", "must be between 1 and 4")},
		{"module zero", func(d *Deal) { d.SCC.Modules = []int{0} },
			p("scc.modules[0]", "min", "must be between 1 and 4")},
		{"module twice", func(d *Deal) { d.SCC.Modules = []int{2, 3, 2} },
			p("scc.modules", "unique", "lists module 2 twice")},
		{"modules empty", func(d *Deal) { d.SCC.Modules = []int{} },
			p("scc.modules", RuleModulesRequired, "is required: the SCC modules, 2 for a controller customer and 3 for a processor (or gdpr.applies: false for a deal with no EEA, UK or Swiss nexus)")},
		{"state not ISO 3166-2", func(d *Deal) { d.Customer.State = "Bayern" },
			p("customer.state", "subdivision", `"Bayern" is not an ISO 3166-2 subdivision code (the country code, a hyphen and up to three capital letters or digits, such as "DE-BY" for Bavaria)`)},
		{"governing law option 3", func(d *Deal) { d.SCC.GoverningLawOption = 3 },
			p("scc.governing_law_option", "oneof", "must be 1 or 2 (the Clause 17 option), not 3")},
		{"subprocessor option", func(d *Deal) { d.SCC.SubprocessorOption = "prior" },
			p("scc.subprocessor_option", "oneof", `"prior" is not a Clause 9(a) option (want "specific" for Option 1 or "general" for Option 2)`)},
		{"forum missing", func(d *Deal) { d.SCC.Forum = "" },
			p("scc.forum", RuleSCCRequired, "is required: the country whose courts resolve disputes under the Standard Contractual Clauses (Clause 18)")},
		{"ending party", func(d *Deal) { d.UKAddendum.EndingParty = "all" },
			p("uk_addendum.ending_party", "oneof", `"all" is not allowed (want importer, exporter, both or neither)`)},
		// The ICO's Table 4 lets both boxes be ticked (thirteenth reading).
		{"both parties may end the Addendum", func(d *Deal) { d.UKAddendum.EndingParty = "both" }, nil},
		{"breach notice over 72 hours", func(d *Deal) { d.Breach.NoticeHours = 96 },
			p("breach.notice_hours", "max", "must be at most 72 (the controller itself has 72 hours to notify its supervisory authority)")},
		{"breach notice missing", func(d *Deal) { d.Breach.NoticeHours = 0 },
			p("breach.notice_hours", "min", "is required, 1 to 72: within how many hours the provider notifies the customer of a personal data breach")},
		{"breach notice negative", func(d *Deal) { d.Breach.NoticeHours = -1 },
			p("breach.notice_hours", "min", "must be at least 1")},
		{"objection days missing", func(d *Deal) { d.Subprocessors.ObjectionDays = 0 },
			p("subprocessors.objection_days", "min", "is required, at least 1: how many days the customer has to object to a new sub-processor")},
		{"subprocessor name missing", func(d *Deal) { d.Subprocessors.List[1].Name = "" },
			p("subprocessors.list[1].name", "required", "is required")},
		{"subprocessor category", func(d *Deal) { d.Subprocessors.List[0].Category = "hosting" },
			p("subprocessors.list[0].category", "oneof", `"hosting" is not allowed (want infrastructure or service)`)},
		{"subprocessor transfer mechanism", func(d *Deal) { d.Subprocessors.List[0].TransferMechanism = "consent" },
			p("subprocessors.list[0].transfer_mechanism", "oneof", `"consent" is not allowed (want none, adequacy, scc, dpf or bcr)`)},
		{"binding corporate rules anywhere", func(d *Deal) {
			d.Subprocessors.List[1].TransferMechanism = "bcr"
			d.Subprocessors.List[1].Country = "IN"
		}, nil},
		{"subprocessor data too many", func(d *Deal) { d.Subprocessors.List[0].Data = make([]string, 51) },
			p("subprocessors.list[0].data", "max", "lists 51 entries; at most 50 are allowed")},
		{"subprocessor data entry empty", func(d *Deal) { d.Subprocessors.List[0].Data[2] = "" },
			p("subprocessors.list[0].data[2]", "required", "is empty; write the entry or remove it from the list (the list holds the categories of personal data it processes)")},
		{"data subjects an empty list", func(d *Deal) { d.Processing.DataSubjects = []string{} },
			p("processing.data_subjects", "min", "must list at least one entry: the categories of people whose data is processed")},
		{"data category entry empty", func(d *Deal) { d.Processing.DataCategories = []string{"Name", ""} },
			p("processing.data_categories[1]", "required", "is empty; write the entry or remove it from the list (the list holds the categories of personal data)")},
		{"data subjects empty", func(d *Deal) { d.Processing.DataSubjects = nil },
			p("processing.data_subjects", "required", "is required: the categories of people whose data is processed")},
		{"frequency", func(d *Deal) { d.Processing.Frequency = "daily" },
			p("processing.frequency", "oneof", `"daily" is not allowed (want continuous or one-off)`)},
		{"extra measure text", func(d *Deal) { d.Security.Extra[0].Text = "" },
			p("security.extra[0].text", "required", "is required: the measure, one sentence stating what the vendor does")},
		{"audit frequency", func(d *Deal) { d.Audit.FrequencyMonths = 61 },
			p("audit.frequency_months", "max", "must be at most 60")},

		// Cross-field rules.
		{"effective date range", func(d *Deal) { d.EffectiveDate = date("1999-12-31") },
			p("effective_date", RuleDateRange, "1999-12-31 is outside the accepted range 2000-01-01 to 2100-12-31")},
		{"controller with module 3 only", func(d *Deal) { d.SCC.Modules = []int{3} },
			p("scc.modules", RuleRoleModules, "module 3 is for a processor exporting to a (sub-)processor, but the customer is a controller; a controller customer needs module 2 (controller to processor)")},
		{"processor with module 2 only", func(d *Deal) { d.Customer.Role = Processor; d.SCC.Modules = []int{2} },
			p("scc.modules", RuleRoleModules, "module 2 is for a controller exporting to a processor, but the customer is a processor; a processor customer needs module 3 alone (processor to processor). A customer that is the controller of some of the data and a processor of the rest is customer.role: controller with modules 2 and 3")},
		// A processor customer with modules 2 and 3 got a DPA written for a
		// processor customer throughout whose SCCs treated it as the
		// controller of the Module Two data (twelfth counsel's reading).
		{"processor with modules 2 and 3", func(d *Deal) { d.Customer.Role = Processor; d.SCC.Modules = []int{2, 3} },
			p("scc.modules", RuleRoleModules, "module 2 is for a controller exporting to a processor, but the customer is a processor; a processor customer needs module 3 alone (processor to processor). A customer that is the controller of some of the data and a processor of the rest is customer.role: controller with modules 2 and 3")},
		{"governing law outside the EU", func(d *Deal) { d.SCC.GoverningLaw = "US" },
			p("scc.governing_law", RuleEUGoverningLaw, `"US" is not an EU Member State; Clause 17 requires one for modules 1-3: write its ISO code, such as "DE" (Germany, the customer's country)`)},
		{"forum outside the EU", func(d *Deal) { d.SCC.Forum = "CH" },
			p("scc.forum", RuleEUForum, `"CH" is not an EU Member State; Clause 18 requires one for modules 1-3: write its ISO code, such as "DE" (Germany, the customer's country)`)},
		{"governing law option 2 outside the EU", func(d *Deal) {
			d.Customer.Country = "US"
			d.SCC.GoverningLawOption = 2
		}, p("scc.governing_law_option", RuleGoverningLawOption, "Option 2 of Clause 17 applies the law of the EU Member State where the data exporter is established, and the customer is established in the United States (US), outside the EU; use Option 1 with scc.governing_law")},
		{"governing law option 2 falling back on the exporter's own law", func(d *Deal) {
			d.SCC.GoverningLawOption = 2
			d.SCC.GoverningLaw = d.Customer.Country
		}, p("scc.governing_law", RuleGoverningLawOption, `with Option 2 of Clause 17 (scc.governing_law_option), scc.governing_law names the fallback: the law of another EU Member State that allows third-party beneficiary rights, for the case where the law of the customer's own Member State does not; it cannot be the customer's own country "DE". Name another Member State, or choose Option 1 to have the law of Germany govern`)},
		// The refused modules' fix (module 2 or 3) needs the Clause 9 option,
		// so no_clause_9 is not reported beside dpa_module.
		{"Clause 9 option with module 1 alone", func(d *Deal) { d.SCC.Modules = []int{1}; d.ControllerTransfer = &d.Processing },
			p("scc.modules", RuleDPAModule, "module 1 is selected without module 2 or 3; this DPA governs processing Provider performs on Customer's behalf, which needs module 2 (controller customer) or 3 (processor customer). Add module 1 beside module 2 only for personal data Provider receives as a controller in its own right, described in controller_transfer")},
		{"module 4 alone with a Clause 9 option", func(d *Deal) {
			d.Customer.Role = Processor
			d.SCC.Modules = []int{4}
		}, p("scc.modules", RuleDPAModule, module4Message)},
		{"module 4 alone", func(d *Deal) {
			d.Customer.Role = Processor
			d.SCC.Modules = []int{4}
			d.SCC.SubprocessorOption = ""
		}, p("scc.modules", RuleDPAModule, module4Message)},
		{"controller customer with modules 2 and 4", func(d *Deal) { d.SCC.Modules = []int{2, 4} },
			p("scc.modules", RuleDPAModule, module4Message)},
		{"processor customer with module 1", func(d *Deal) {
			d.Customer.Role = Processor
			d.SCC.Modules = []int{1, 3}
			d.ControllerTransfer = &d.Processing
		}, p("scc.modules", RuleRoleModules, "module 1 cannot be selected with module 3: dpakit supports Module One only beside Module Two, for a controller customer (customer.role: controller). For a processor customer select module 3 alone, and cover any personal data it sends Provider as a controller in its own right (its own business data) in a separate Module One arrangement")},
		{"module 1 without its description", func(d *Deal) { d.SCC.Modules = []int{1, 2} },
			p("controller_transfer", RuleControllerTransfer, "is required when module 1 is selected: describe the personal data Provider receives as a controller (data subjects, data categories, frequency, nature, purposes, retention), which Annex I.B sets out apart from the processing on Customer's behalf")},
		{"controller transfer without module 1 or 4", func(d *Deal) { d.ControllerTransfer = &d.Processing },
			p("controller_transfer", RuleControllerTransfer, "must be left out unless module 1 is selected: without it Provider receives no personal data as a controller under this DPA")},
		{"controller transfer fields", func(d *Deal) {
			d.SCC.Modules = []int{1, 2}
			d.ControllerTransfer = &Processing{Frequency: "often"}
		}, []Problem{
			{Path: "controller_transfer.data_subjects", Rule: "required", Message: "is required: whose data the vendor receives as controller"},
			{Path: "controller_transfer.data_categories", Rule: "required", Message: "is required: the categories of that data"},
			{Path: "controller_transfer.frequency", Rule: "oneof", Message: `"often" is not allowed (want continuous or one-off)`},
			{Path: "controller_transfer.nature", Rule: "required", Message: "is required: what the vendor does with it"},
			{Path: "controller_transfer.purposes", Rule: "required", Message: "is required: the vendor's own purposes, and the only ones it may use the data for"},
			{Path: "controller_transfer.retention", Rule: "required", Message: "is required: how long the vendor keeps it"},
		}},
		{"Swiss exporter without the Swiss terms", func(d *Deal) {
			d.Customer.Country = "CH"
			d.Swiss.Enabled = false
		}, p("swiss.enabled", RuleSwissExporter, "must be true when the customer (data exporter) is established in Switzerland: its transfers are governed by the FADP, under which the SCCs apply only with the FDPIC's adaptations")},
		// Regression: a UK customer without the UK Addendum got a DPA that
		// cited no UK law and put its transfers under the EU SCCs alone.
		{"UK exporter without the UK Addendum", func(d *Deal) {
			d.Customer.Country = "GB"
			d.SCC.SupervisoryAuthority = "the Data Protection Commission (Ireland)"
			d.UKAddendum.Enabled = false
		}, p("uk_addendum.enabled", RuleUKExporter, "must be true when the customer (data exporter) is established in the United Kingdom: its transfers are governed by UK Data Protection Laws, under which the SCCs serve as a safeguard only with the UK Addendum")},
		{"UK exporter to a UK provider", func(d *Deal) {
			d.Customer.Country, d.Provider.Country = "GB", "GB"
			d.SCC.SupervisoryAuthority = "the Data Protection Commission (Ireland)"
			d.UKAddendum.Enabled = false
		}, nil},
		{"Swiss law with a GDPR authority", func(d *Deal) {
			d.Customer.Country = "CH"
			d.Swiss.Enabled = true
			d.SCC.GoverningLaw = "CH"
		}, p("scc.governing_law", RuleEUGoverningLaw, `"CH" is not an EU Member State; Clause 17 requires one for modules 1-3 (Swiss law and courts only for transfers governed by the FADP alone, that is without scc.supervisory_authority): write its ISO code, such as "IE" (Ireland) or "NL" (the Netherlands)`)},
		{"Norwegian law for a Swedish exporter", func(d *Deal) { d.Customer.Country = "SE"; d.SCC.GoverningLaw = "NO" },
			p("scc.governing_law", RuleEUGoverningLaw, `"NO" is not an EU Member State; Clause 17 requires one for modules 1-3: write its ISO code, such as "SE" (Sweden, the customer's country)`)},
		{"state of another country", func(d *Deal) { d.Customer.State = "AT-9" },
			p("customer.state", RuleState, `"AT-9" is a subdivision of Austria, not of customer.country "DE"`)},
		{"German state unknown", func(d *Deal) { d.Customer.State = "DE-XX" },
			p("customer.state", RuleState, `"DE-XX" is not one of the 16 German Länder (DE-BW, DE-BY, DE-BE, DE-BB, DE-HB, DE-HH, DE-HE, DE-MV, DE-NI, DE-NW, DE-RP, DE-SL, DE-SN, DE-ST, DE-SH, DE-TH)`)},
		{"no nexus, but EU customer and SCC fields", func(d *Deal) {
			f := false
			d.GDPR.Applies = &f
		}, []Problem{
			{Path: "gdpr.applies", Rule: RuleNoNexus, Message: "cannot be false: the customer is established in Germany, so EU, UK or Swiss data protection law applies to the processing"},
			{Path: "scc.modules", Rule: RuleNoNexus, Message: "must be left out: gdpr.applies is false (a deal with no EEA, UK or Swiss nexus has no SCC section)"},
			{Path: "uk_addendum.enabled", Rule: RuleNoNexus, Message: "must be left out: gdpr.applies is false (a deal with no EEA, UK or Swiss nexus has no SCC section)"},
			{Path: "swiss.enabled", Rule: RuleNoNexus, Message: "must be left out: gdpr.applies is false (a deal with no EEA, UK or Swiss nexus has no SCC section)"},
		}},
		{"no nexus without CCPA", func(d *Deal) {
			f := false
			d.GDPR.Applies = &f
			d.Customer.Country, d.Provider.Country = "US", "US"
			d.SCC = SCC{GoverningLawOption: 1}
			d.UKAddendum = UKAddendum{}
			d.Swiss.Enabled, d.CCPA.Enabled = false, false
			d.Subprocessors.List[1].TransferMechanism = "none"
		}, p("ccpa.enabled", RuleNoNexus, "must be true when gdpr.applies is false: without EU, UK or Swiss law the CCPA service-provider terms are the law this DPA implements")},
		{"Clause 9 option missing", func(d *Deal) { d.SCC.SubprocessorOption = "" },
			p("scc.subprocessor_option", RuleSubprocessorOption, "is required when module 2 or 3 is selected (Clause 9(a)): specific or general")},
		{"advance notice missing", func(d *Deal) { d.SCC.SubprocessorNoticeDays = 0 },
			p("scc.subprocessor_notice_days", RuleNoticeDays, "is required, at least 1, when module 2 or 3 is selected: the number of days' advance notice of a new sub-processor (Clause 9(a))")},
		{"objection window longer than notice", func(d *Deal) { d.Subprocessors.ObjectionDays = 45 },
			p("subprocessors.objection_days", RuleObjectionWindow, "45 days is longer than the 30-day advance notice (scc.subprocessor_notice_days); a new sub-processor could start before the objection window closes")},
		{"Option 1 without Annex III", func(d *Deal) {
			d.SCC.SubprocessorOption = SpecificAuthorisation
			d.Subprocessors.List = nil
		}, p("subprocessors.list", RuleAnnexIII, `must list the sub-processors when scc.subprocessor_option is "specific": Clause 9(a) Option 1 authorises those listed in Annex III`)},
		{"Option 1 objection field named by its meaning", func(d *Deal) {
			d.SCC.SubprocessorOption = SpecificAuthorisation
			d.Subprocessors.List = []Subprocessor{optionOneEntry()}
			d.Subprocessors.ObjectionDays = 0
		}, p("subprocessors.objection_days", "min", "is required: how many days the customer has to give or refuse its specific authorisation of a new sub-processor (Clause 9(a) Option 1)")},
		{"Option 1 decision period longer than notice", func(d *Deal) {
			d.SCC.SubprocessorOption = SpecificAuthorisation
			d.Subprocessors.List = []Subprocessor{optionOneEntry()}
			d.Subprocessors.ObjectionDays = 45
		}, p("subprocessors.objection_days", RuleObjectionWindow, "45 days to give or refuse authorisation is longer than the 30 days in advance in which the provider must ask for it (scc.subprocessor_notice_days); the decision would fall due after the proposed sub-processor was to start")},
		{"Option 1 Annex III details", func(d *Deal) {
			d.SCC.SubprocessorOption = SpecificAuthorisation
			d.Subprocessors.List = d.Subprocessors.List[:1]
		}, []Problem{
			{Path: "subprocessors.list[0].address", Rule: RuleAnnexIIIDetails, Message: `is required when scc.subprocessor_option is "specific": Annex III under Clause 9(a) Option 1 gives, for each sub-processor, its address`},
			{Path: "subprocessors.list[0].contact", Rule: RuleAnnexIIIDetails, Message: `is required when scc.subprocessor_option is "specific": Annex III under Clause 9(a) Option 1 gives, for each sub-processor, a contact person's name and contact details`},
			{Path: "subprocessors.list[0].contact_title", Rule: RuleAnnexIIIDetails, Message: `is required when scc.subprocessor_option is "specific": Annex III under Clause 9(a) Option 1 gives, for each sub-processor, the contact person's position`},
			{Path: "subprocessors.list[0].responsibilities", Rule: RuleAnnexIIIDetails, Message: `is required when scc.subprocessor_option is "specific": Annex III under Clause 9(a) Option 1 gives, for each sub-processor, the delimitation of its responsibilities`},
		}},
		{"controller described for a controller customer", func(d *Deal) {
			d.SCC.Modules = []int{2}
			d.Customer.Controller = "Its clients"
		}, p("customer.controller", RuleController, "must be empty: it describes the controller on whose behalf a processor customer acts, and this customer is a controller (customer.role) without module 3")},
		{"redress body named without the option", func(d *Deal) {
			d.SCC.RedressBodyName, d.SCC.RedressBodyAddress = "Board", "1 Main Street"
		}, p("scc.redress_body_name", RuleRedressBody, "must be empty unless scc.redress_body is true (the optional provision of Clause 11(a))")},
		{"redress body without its address", func(d *Deal) {
			d.SCC.RedressBody, d.SCC.RedressBodyName = true, "Board"
		}, p("scc.redress_body_address", RuleRedressBody, "is required when scc.redress_body_name names the dispute resolution body: data subjects need to know where to complain")},
		{"authority for an exporter outside the EEA", func(d *Deal) {
			d.Customer.Country = "US"
			d.SCC.SupervisoryAuthority = ""
		}, p("scc.supervisory_authority", RuleSupervisoryAuthority, "is required when the customer (data exporter) is established outside the EEA (Clause 13(a)): the authority of the Member State where its Article 27 representative is established, or where the data subjects are; with customer.representative (Article 27 GDPR) given, it defaults to the authority of the representative's Member State")},
		{"the FDPIC named as the GDPR authority", func(d *Deal) {
			d.SCC.SupervisoryAuthority = "Federal Data Protection and Information Commissioner"
		}, p("scc.supervisory_authority", RuleSupervisoryAuthority, `"Federal Data Protection and Information Commissioner" names the FDPIC, which is not a supervisory authority under the GDPR: the Swiss terms (swiss.enabled) name it for transfers governed by the FADP. Leave scc.supervisory_authority empty for a Swiss exporter that the GDPR does not reach, or name the EU authority of the Member State where its Article 27 representative is established`)},
		// Regression: "IE" was accepted and printed in Annex I.C as "the IE".
		{"a country code for the authority", func(d *Deal) { d.SCC.SupervisoryAuthority = "IE" },
			p("scc.supervisory_authority", RuleSupervisoryAuthority, `"IE" is a country code, not an authority: Clause 13 and Annex I.C name the competent supervisory authority, so give its name and seat, such as "Data Protection Commission (Ireland)" for Ireland`)},
		{"a country code in lower case, of a country without a listed authority", func(d *Deal) { d.SCC.SupervisoryAuthority = "us" },
			p("scc.supervisory_authority", RuleSupervisoryAuthority, `"us" is a country code, not an authority: Clause 13 and Annex I.C name the competent supervisory authority, so give its name and seat`)},
		{"the FDPIC by its German abbreviation", func(d *Deal) { d.SCC.SupervisoryAuthority = "EDÖB" },
			p("scc.supervisory_authority", RuleSupervisoryAuthority, `"EDÖB" names the FDPIC, which is not a supervisory authority under the GDPR: the Swiss terms (swiss.enabled) name it for transfers governed by the FADP. Leave scc.supervisory_authority empty for a Swiss exporter that the GDPR does not reach, or name the EU authority of the Member State where its Article 27 representative is established`)},
		{"authority missing inside the EEA", func(d *Deal) { d.SCC.SupervisoryAuthority = "" },
			p("scc.supervisory_authority", RuleSupervisoryAuthority, "is required for modules 1-3 (Clause 13 and Annex I.C)")},
		{"UK ending party missing", func(d *Deal) { d.UKAddendum.EndingParty = "" },
			p("uk_addendum.ending_party", RuleUKEndingParty, "is required when the UK Addendum is enabled (Table 4): importer, exporter or neither")},
		{"special categories without safeguards", func(d *Deal) { d.Processing.SpecialCategories = []string{"Health data"} },
			p("processing.special_safeguards", RuleSpecialSafeguards, "is required when processing.special_categories lists sensitive data: Annex I.B must state the restrictions or safeguards applied to it")},
		{"sub-processor listed twice", func(d *Deal) {
			d.Subprocessors.List = append(d.Subprocessors.List, d.Subprocessors.List[1], d.Subprocessors.List[0])
			d.Subprocessors.List[3].Name = "amazon web  services EMEA SARL"
		}, []Problem{
			{Path: "subprocessors.list[2].name", Rule: RuleDuplicateSubprocessor, Message: `"Papertrail (SolarWinds Worldwide, LLC)" is listed twice (also at subprocessors.list[1])`},
			{Path: "subprocessors.list[3].name", Rule: RuleDuplicateSubprocessor, Message: `"amazon web  services EMEA SARL" is listed twice (also at subprocessors.list[0])`},
		}},
		{"no transfer mechanism for the US", func(d *Deal) { d.Subprocessors.List[1].TransferMechanism = "none" },
			p("subprocessors.list[1].transfer_mechanism", RuleTransferMechanism, `"none" is only for a country in the EEA or with an EU adequacy decision, and the United States (US) is neither; use "scc", or "dpf" if it is certified under the EU-US Data Privacy Framework`)},
		{"no transfer mechanism for India", func(d *Deal) {
			d.Subprocessors.List[1].Country = "IN"
			d.Subprocessors.List[1].TransferMechanism = "none"
		}, p("subprocessors.list[1].transfer_mechanism", RuleTransferMechanism, `"none" is only for a country in the EEA or with an EU adequacy decision, and India (IN) is neither; use "scc"`)},
		{"adequacy for China", func(d *Deal) {
			d.Subprocessors.List[1].Country = "CN"
			d.Subprocessors.List[1].TransferMechanism = "adequacy"
		}, p("subprocessors.list[1].transfer_mechanism", RuleTransferMechanism, `"adequacy" needs a country with an EU adequacy decision, and China (CN) has none; use "scc"`)},
		{"DPF outside the US", func(d *Deal) { d.Subprocessors.List[0].TransferMechanism = "dpf" },
			p("subprocessors.list[0].transfer_mechanism", RuleTransferMechanism, `"dpf" (the EU-US Data Privacy Framework) applies only to sub-processors in the United States, not in Ireland (IE)`)},
		{"measures missing", func(d *Deal) { d.Security.Measures = Measures{} },
			p("security.measures", RuleMeasures, `is required: "all", or a list of measure ids`)},
		{"measure id", func(d *Deal) { d.Security.Measures = Measures{IDs: []string{"enc-at-rest", "access control"}} },
			p("security.measures[1]", RuleMeasureID, `contains " " (U+0020) at position 7; a measure id may use only the letters A-Z and a-z, digits and - _ . /`)},
		{"measure listed twice", func(d *Deal) { d.Security.Measures = Measures{IDs: []string{"enc", "mfa", "enc"}} },
			p("security.measures[2]", RuleDuplicateMeasure, `"enc" is listed twice (also at security.measures[0])`)},

		// Valid variations.
		{"modules 1 and 2", func(d *Deal) { d.SCC.Modules = []int{1, 2}; d.ControllerTransfer = &d.Processing }, nil},
		{"modules 1 and 2 with Option 2 for module 2", func(d *Deal) {
			d.SCC.Modules = []int{1, 2}
			d.ControllerTransfer = &d.Processing
			d.SCC.GoverningLawOption = 2
		}, nil},
		{"German Land", func(d *Deal) { d.Customer.State = "DE-BY" }, nil},
		{"Swiss exporter, FADP only, Swiss law", func(d *Deal) {
			d.Customer.Country = "CH"
			d.Swiss.Enabled = true
			d.SCC.SupervisoryAuthority = ""
			d.SCC.GoverningLaw, d.SCC.Forum = "CH", "CH"
		}, nil},
		{"Norwegian exporter, Norwegian law and courts", func(d *Deal) {
			d.Customer.Country = "NO"
			d.SCC.GoverningLaw, d.SCC.Forum = "NO", "NO"
		}, nil},
		{"Norwegian exporter, Option 2 falling back on Danish law", func(d *Deal) {
			d.Customer.Country = "NO"
			d.SCC.GoverningLaw, d.SCC.Forum = "DK", "NO"
			d.SCC.GoverningLawOption = 2
		}, nil},
		{"no nexus: US business, US provider, CCPA", func(d *Deal) {
			f := false
			d.GDPR.Applies = &f
			d.Customer.Country, d.Provider.Country = "US", "US"
			d.SCC = SCC{GoverningLawOption: 1, SubprocessorNoticeDays: 30}
			d.UKAddendum = UKAddendum{}
			d.Swiss.Enabled = false
			d.CCPA.Enabled = true
			d.Subprocessors.List[1].TransferMechanism = "none"
		}, nil},
		{"Option 2 with modules 2 and 3", func(d *Deal) { d.SCC.GoverningLawOption = 2 }, nil},
		{"objection window equal to notice", func(d *Deal) { d.Subprocessors.ObjectionDays = 30 }, nil},
		{"Option 1 with Annex III details", func(d *Deal) {
			d.SCC.SubprocessorOption = SpecificAuthorisation
			d.Subprocessors.List = []Subprocessor{optionOneEntry()}
		}, nil},
		{"controller described with module 3", func(d *Deal) { d.Customer.Controller = "Its clients" }, nil},
		{"redress body named", func(d *Deal) {
			d.SCC.RedressBody, d.SCC.RedressBodyName, d.SCC.RedressBodyAddress = true, "Board", "1 Main Street"
		}, nil},
		{"no transfer mechanism for Switzerland", func(d *Deal) {
			d.Subprocessors.List[1].Country = "CH"
			d.Subprocessors.List[1].TransferMechanism = "none"
		}, nil},
		{"DPF for the US", func(d *Deal) { d.Subprocessors.List[1].TransferMechanism = "dpf" }, nil},
		{"SCCs inside the EEA", func(d *Deal) { d.Subprocessors.List[0].TransferMechanism = "scc" }, nil},
		{"provider anywhere", func(d *Deal) { d.Provider.Country = "KP" }, nil},
		{"special categories with safeguards", func(d *Deal) {
			d.Processing.SpecialCategories = []string{"Health data"}
			d.Processing.SpecialSafeguards = "Encrypted, access limited to two named engineers"
		}, nil},
		{"UK Addendum disabled", func(d *Deal) { d.UKAddendum = UKAddendum{} }, nil},
		{"measure ids", func(d *Deal) { d.Security.Measures = Measures{IDs: []string{"enc-at-rest", "mfa"}} }, nil},
		{"customer outside the EEA names an authority", func(d *Deal) {
			d.Customer.Country = "US"
			d.SCC.SupervisoryAuthority = "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)"
		}, nil},
	}
	v := NewValidator(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := exampleDeal(t)
			tt.mutate(d)
			diffProblems(t, tt.want, problems(t, v.Validate(d)))
		})
	}
}

func TestValidateOrderAndError(t *testing.T) {
	d := exampleDeal(t)
	d.Subprocessors.ObjectionDays = 45   // cross-field
	d.SCC.GoverningLaw = "US"            // cross-field, earlier rule
	d.Audit.NoticeDays = 500             // last field
	d.Customer.Name = "Bad\x00"          // early field
	d.Subprocessors.List[1].Country = "" // middle field
	err := NewValidator(Options{}).Validate(d)
	want := strings.Join([]string{
		"customer.name: contains a control character (U+0000) at position 4",
		"subprocessors.list[1].country: is required",
		"audit.notice_days: must be at most 180",
		`scc.governing_law: "US" is not an EU Member State; Clause 17 requires one for modules 1-3: write its ISO code, such as "DE" (Germany, the customer's country)`,
		"subprocessors.objection_days: 45 days is longer than the 30-day advance notice (scc.subprocessor_notice_days); a new sub-processor could start before the objection window closes",
	}, "\n")
	if err == nil {
		t.Fatal("Validate = nil, want problems")
	}
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("Error() (-want +got):\n%s", diff)
	}
	// The same input gives the same problems every time.
	for range 20 {
		if got := NewValidator(Options{}).Validate(d).Error(); got != want {
			t.Fatalf("problems not deterministic:\n%s", got)
		}
	}
}

func TestValidateNil(t *testing.T) {
	diffProblems(t, []Problem{{Rule: "required", Message: "no deal given"}}, problems(t, NewValidator(Options{}).Validate(nil)))
}

func TestPrintable(t *testing.T) {
	latin1 := func(r rune) bool { return r < 0x250 }
	d := exampleDeal(t)
	d.Customer.Name = "Snow ☃ GmbH"
	d.Processing.Purposes[1] = "Support ✓"
	d.Processing.Retention = "30 days ŋ" // printable in this test
	d.Provider.Address = "Tab\there ☃"   // the line rule reports the tab; printable reports the snowman
	got := problems(t, NewValidator(Options{Printable: latin1}).Validate(d))
	want := []Problem{
		{Path: "customer.name", Rule: RulePrintable, Message: `character "☃" (U+2603) cannot be printed in the PDF fonts`},
		{Path: "provider.address", Rule: "line", Message: "contains a tab (U+0009) at position 4"},
		{Path: "provider.address", Rule: RulePrintable, Message: `character "☃" (U+2603) cannot be printed in the PDF fonts`},
		{Path: "processing.purposes[1]", Rule: RulePrintable, Message: `character "✓" (U+2713) cannot be printed in the PDF fonts`},
	}
	diffProblems(t, want, got)

	// Without the option, only the tab is a problem.
	diffProblems(t, want[1:2], problems(t, NewValidator(Options{}).Validate(d)))
}

// TestEveryTagHasAMessage checks that each validate tag used in Deal has a
// message of its own, not the fallback.
func TestEveryTagHasAMessage(t *testing.T) {
	known := map[string]bool{
		"omitempty": true, "dive": true, // not rules
		"required": true, "required_date": true, "max": true, "min": true, "oneof": true,
		"unique": true, "email": true, "http_url": true, "country": true, "eea": true, "docref": true, "line": true, "subdivision": true,
		"keys": true, "endkeys": true, // map keys: not rules
		"text": true, "ident": true,
		"excludes": true, // a sub-processor's data category: subproc.Rules words it
	}
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			for _, rule := range strings.Split(f.Tag.Get("validate"), ",") {
				name, _, _ := strings.Cut(rule, "=")
				if name != "" && !known[name] {
					t.Errorf("%s.%s: tag %q has no message of its own", typ.Name(), f.Name, name)
				}
			}
			walk(f.Type)
		}
	}
	walk(dealType)
}

func TestValidateConcurrent(t *testing.T) {
	v := NewValidator(Options{Printable: func(r rune) bool { return r != '☃' }})
	good := exampleDeal(t)
	bad := exampleDeal(t)
	bad.Customer.Name = "☃"
	bad.SCC.Forum = "US"
	wantBad := v.Validate(bad).Error()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for range 50 {
				if i%2 == 0 {
					if err := v.Validate(good); err != nil {
						t.Errorf("Validate(good) = %v", err)
						return
					}
				} else if err := v.Validate(bad); err == nil || err.Error() != wantBad {
					t.Errorf("Validate(bad) = %v, want %s", err, wantBad)
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkValidate(b *testing.B) {
	v := NewValidator(Options{})
	d := exampleDeal(b)
	for b.Loop() {
		if err := v.Validate(d); err != nil {
			b.Fatal(err)
		}
	}
}

func TestValidateList(t *testing.T) {
	list := exampleDeal(t).Subprocessors.List
	v := NewValidator(Options{})
	if err := v.ValidateList(nil, list, "list.yaml", "list"); err != nil {
		t.Fatalf("example list: %v", err)
	}
	bad := append([]Subprocessor{}, list...)
	bad[0].Country = "Mars"
	bad = append(bad, list[1])
	err := v.ValidateList(nil, bad, "list.yaml", "list")
	ve, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("err = %v, want a *ValidationError", err)
	}
	var got []string
	for _, p := range ve.Problems {
		got = append(got, p.File+": "+p.Path+": "+p.Rule)
	}
	want := []string{
		"list.yaml: list[0].country: country",
		"list.yaml: list[2].name: " + RuleDuplicateSubprocessor,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestValidateListForUSOnlyDeal: a list serving a customer with no EEA, UK
// or Swiss nexus (gdpr.applies: false) is judged as that deal judges its own
// list: "none" fits a US sub-processor, "dpf" fits none outside the United
// States; without a deal, as under the GDPR;
// for a Swiss exporter under the FADP alone, by the Swiss list.
func TestValidateListForUSOnlyDeal(t *testing.T) {
	list := []Subprocessor{{Name: "Sentry", Purpose: "Error monitoring", Location: "United States",
		Country: "US", Category: "service", TransferMechanism: "none"}}
	v := NewValidator(Options{})
	off := false
	us := &Deal{GDPR: GDPR{Applies: &off}}
	if err := v.ValidateList(us, list, "list.yaml", "list"); err != nil {
		t.Errorf("US-only deal: %v", err)
	}
	for name, d := range map[string]*Deal{"no deal": nil, "EU deal": {}} {
		err := v.ValidateList(d, list, "list.yaml", "list")
		if err == nil || !strings.Contains(err.Error(), `list[0].transfer_mechanism: "none" is only for a country in the EEA`) {
			t.Errorf("%s: err = %v, want the transfer rule", name, err)
		}
	}
	if r := v.ListRules(us); r.Origin != subproc.NoRestrictedTransfer {
		t.Error("ListRules(US-only deal) judges transfer mechanisms")
	}
	// No mechanism is needed, but "dpf" still claims a certification that
	// only an organisation in the United States can hold.
	in := []Subprocessor{{Name: "Pune Pvt Ltd", Purpose: "Support", Location: "Pune", Country: "IN",
		Category: "service", TransferMechanism: "dpf"}}
	if err := v.ValidateList(us, in, "list.yaml", "list"); err == nil || !strings.Contains(err.Error(), `list[0].transfer_mechanism: "dpf" (a Data Privacy Framework certification) applies only to sub-processors in the United States, not in India (IN)`) {
		t.Errorf("US-only deal, dpf in India: err = %v, want the dpf rule", err)
	}
	// A Swiss exporter under the FADP alone: the Swiss Federal Council's
	// list, which does not list Japan, judges the list as the deal's own.
	jp := []Subprocessor{{Name: "Tokyo KK", Purpose: "Support", Location: "Tokyo", Country: "JP",
		Category: "service", TransferMechanism: "none"}}
	swiss := &Deal{Customer: Customer{Country: "CH"}}
	if err := v.ValidateList(swiss, jp, "list.yaml", "list"); err == nil || !strings.Contains(err.Error(), "Swiss Federal Council") {
		t.Errorf("Swiss FADP-only deal: err = %v, want the Swiss rule", err)
	}
	if err := v.ValidateList(nil, jp, "list.yaml", "list"); err != nil {
		t.Errorf("no deal (EU adequacy covers Japan): %v", err)
	}
}

// optionOneEntry is a sub-processor with every detail Annex III needs under
// Clause 9 Option 1.
func optionOneEntry() Subprocessor {
	return Subprocessor{
		Name: "Hosting B.V.", Purpose: "Hosting", Location: "Amsterdam", Country: "NL",
		Category: "infrastructure", TransferMechanism: "none",
		Address: "Keizersgracht 1, Amsterdam", Contact: "Anna de Vries, privacy@hosting.example",
		ContactTitle: "Data Protection Officer", Responsibilities: "Hosting only",
	}
}
