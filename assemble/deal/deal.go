// Package deal defines the deal file, dpakit's input contract: what one DPA
// for one customer needs, how it is decoded strictly from YAML or JSON, laid
// over a vendor profile, completed with defaults and validated.
package deal

import "strings"

// Deal is everything needed to generate one DPA for one customer. A profile
// (the vendor's defaults) has the same shape; a deal is laid over a profile
// key by key, the deal winning. Field names follow the YAML keys of
// shared/spec/deal.example.yaml and must not be renamed.
type Deal struct {
	Reference     string `yaml:"reference" json:"reference" validate:"omitempty,max=64,docref"`
	EffectiveDate Date   `yaml:"effective_date" json:"effective_date" validate:"required_date"`
	Agreement     string `yaml:"agreement" json:"agreement" validate:"required,max=300,line"`
	Language      string `yaml:"language" json:"language" validate:"oneof=en"`

	Customer Customer `yaml:"customer" json:"customer"`
	Provider Provider `yaml:"provider" json:"provider"`

	// GDPR says whether the deal has an EEA, UK or Swiss nexus at all; a
	// deal without one (a US business and a US provider, under the CCPA
	// only) has no SCC section.
	GDPR          GDPR          `yaml:"gdpr,omitempty" json:"gdpr,omitzero"`
	SCC           SCC           `yaml:"scc" json:"scc"`
	UKAddendum    UKAddendum    `yaml:"uk_addendum" json:"uk_addendum"`
	Swiss         Toggle        `yaml:"swiss" json:"swiss"`
	CCPA          CCPA          `yaml:"ccpa" json:"ccpa"`
	Breach        Breach        `yaml:"breach" json:"breach"`
	Subprocessors Subprocessors `yaml:"subprocessors" json:"subprocessors"`
	Processing    Processing    `yaml:"processing" json:"processing"`
	// ControllerTransfer describes the personal data that Provider receives
	// from Customer as a controller in its own right (SCC Module One): its
	// own block of Annex I.B. Required exactly when module 1 is selected.
	ControllerTransfer *Processing `yaml:"controller_transfer,omitempty" json:"controller_transfer,omitempty"`
	Security           Security    `yaml:"security" json:"security"`
	Audit              Audit       `yaml:"audit" json:"audit"`
	Deletion           Deletion    `yaml:"deletion,omitempty" json:"deletion,omitzero"`

	// Negotiated selects, by clause id, an approved fallback of that clause
	// from the library instead of the standard text: {breach: phone-notice}
	// (dpakit clauses lists each clause's fallbacks).
	Negotiated map[string]string `yaml:"negotiated,omitempty" json:"negotiated,omitempty" validate:"max=50,dive,keys,ident,endkeys,ident"`
	// Riders are special terms agreed for this deal alone, for what no
	// fallback covers; each is printed as a numbered clause after the
	// clause it names.
	Riders []Rider `yaml:"riders,omitempty" json:"riders,omitempty" validate:"max=20,dive"`
}

// Rider is a special term agreed for one deal.
type Rider struct {
	// After is the id of the clause the rider follows.
	After string `yaml:"after" json:"after" validate:"required,max=64,ident"`
	// Title is the rider's clause heading.
	Title string `yaml:"title" json:"title" validate:"required,max=200,line"`
	// Text is the rider's wording: one or more paragraphs separated by
	// blank lines, each printed as a numbered paragraph of the clause.
	Text string `yaml:"text" json:"text" validate:"required,max=4000,text"`
}

// Paragraphs returns the rider's paragraphs: its text split at blank
// lines, each paragraph's lines joined by a space.
func (r Rider) Paragraphs() []string {
	var out []string
	for _, block := range strings.Split(strings.ReplaceAll(r.Text, "\r\n", "\n"), "\n\n") {
		if p := strings.Join(strings.Fields(block), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Role is the customer's role under the GDPR.
type Role string

// The customer roles.
const (
	Controller Role = "controller"
	Processor  Role = "processor"
)

// Customer is the data exporter under the SCCs.
type Customer struct {
	Name    string `yaml:"name" json:"name" validate:"required,max=200,line"`
	Address string `yaml:"address" json:"address" validate:"required,max=300,line"`
	Country string `yaml:"country" json:"country" validate:"required,country"`
	// State is the customer's state, province or Land as an ISO 3166-2
	// code ("DE-BY"); for a German customer it names the supervisory
	// authority of its Land.
	State     string    `yaml:"state,omitempty" json:"state,omitempty" validate:"omitempty,subdivision"`
	Role      Role      `yaml:"role" json:"role" validate:"required,oneof=controller processor"`
	Contact   Contact   `yaml:"contact" json:"contact"`
	Signatory Signatory `yaml:"signatory" json:"signatory"`
	// DPO is the customer's data protection officer, where it has one
	// (Annex I.A). A deal that gives no Representative may name the
	// customer's representative in the Union here, as deals did before
	// Representative existed: Annex I.A then calls it "data protection
	// officer or representative".
	DPO *Contact `yaml:"dpo,omitempty" json:"dpo,omitempty"`
	// Representative is the representative in the Union that a customer
	// established outside the EEA designates under Article 27 GDPR
	// (Annex I.A); its Member State's supervisory authority is the one
	// Clause 13(a) of the SCCs makes competent (Annex I.C).
	Representative *Representative `yaml:"representative,omitempty" json:"representative,omitempty"`
	// Activities are the customer's activities relevant to the transfer
	// (Annex I.A); a default sentence is used when empty.
	Activities string `yaml:"activities,omitempty" json:"activities,omitempty" validate:"omitempty,max=500,line"`
	// RegistrationNumber is the company registration number (UK Addendum Table 1).
	RegistrationNumber string `yaml:"registration_number,omitempty" json:"registration_number,omitempty" validate:"omitempty,max=64,line"`
	// Controller describes the controller or controllers on whose behalf a
	// processor customer acts (the DPA's defined term "Controller"), such
	// as "the employers that use Customer's payroll service". Only for a
	// customer that acts as processor; when empty, the DPA defines the
	// Controller generically.
	Controller string `yaml:"controller,omitempty" json:"controller,omitempty" validate:"omitempty,max=500,line"`
}

// Provider is the vendor: the processor, and the data importer under the SCCs.
type Provider struct {
	Name               string    `yaml:"name" json:"name" validate:"required,max=200,line"`
	Address            string    `yaml:"address" json:"address" validate:"required,max=300,line"`
	Country            string    `yaml:"country" json:"country" validate:"required,country"`
	Contact            Contact   `yaml:"contact" json:"contact"`
	Signatory          Signatory `yaml:"signatory" json:"signatory"`
	DPO                *Contact  `yaml:"dpo,omitempty" json:"dpo,omitempty"`
	Activities         string    `yaml:"activities,omitempty" json:"activities,omitempty" validate:"omitempty,max=500,line"`
	RegistrationNumber string    `yaml:"registration_number,omitempty" json:"registration_number,omitempty" validate:"omitempty,max=64,line"`
	// SubprocessorListURL is where the current sub-processor list is published.
	SubprocessorListURL string `yaml:"subprocessor_list_url,omitempty" json:"subprocessor_list_url,omitempty" validate:"omitempty,max=500,http_url"`
}

// Contact is a person or team to write to.
type Contact struct {
	Name string `yaml:"name" json:"name" validate:"required,max=200,line"`
	// Title is the contact person's position (Annex I.A, UK Addendum Table 1).
	Title string `yaml:"title,omitempty" json:"title,omitempty" validate:"omitempty,max=200,line"`
	Email string `yaml:"email" json:"email" validate:"required,max=254,email"`
	Phone string `yaml:"phone,omitempty" json:"phone,omitempty" validate:"omitempty,max=40,line"`
}

// Representative is a customer's representative in the Union under
// Article 27 GDPR: a natural or legal person established in one of the
// Member States where the data subjects are (Article 27(3) GDPR; an EEA
// State, through the EEA Agreement).
type Representative struct {
	Name    string `yaml:"name" json:"name" validate:"required,max=200,line"`
	Address string `yaml:"address" json:"address" validate:"required,max=300,line"`
	// Country is the EEA State in which the representative is established,
	// as an ISO 3166-1 alpha-2 code.
	Country string `yaml:"country" json:"country" validate:"required,country,eea"`
	Email   string `yaml:"email" json:"email" validate:"required,max=254,email"`
	Phone   string `yaml:"phone,omitempty" json:"phone,omitempty" validate:"omitempty,max=40,line"`
}

// Signatory is the person who signs for a party.
type Signatory struct {
	Name  string `yaml:"name" json:"name" validate:"required,max=200,line"`
	Title string `yaml:"title" json:"title" validate:"required,max=200,line"`
}

// SubprocessorOption is the Clause 9(a) option.
type SubprocessorOption string

// The Clause 9(a) options.
const (
	// SpecificAuthorisation is Option 1: specific prior authorisation.
	SpecificAuthorisation SubprocessorOption = "specific"
	// GeneralAuthorisation is Option 2: general written authorisation.
	GeneralAuthorisation SubprocessorOption = "general"
)

// SCC holds the selections made under the EU Standard Contractual Clauses,
// Commission Implementing Decision (EU) 2021/914.
type SCC struct {
	Modules                []int              `yaml:"modules" json:"modules" validate:"max=4,unique,dive,min=1,max=4"`
	DockingClause          bool               `yaml:"docking_clause" json:"docking_clause"`
	SubprocessorOption     SubprocessorOption `yaml:"subprocessor_option" json:"subprocessor_option" validate:"omitempty,oneof=specific general"`
	SubprocessorNoticeDays int                `yaml:"subprocessor_notice_days" json:"subprocessor_notice_days" validate:"min=0,max=365"`
	RedressBody            bool               `yaml:"redress_body" json:"redress_body"`
	// RedressBodyName and RedressBodyAddress name the independent dispute
	// resolution body of Clause 11(a); without them the DPA says how
	// Provider designates it.
	RedressBodyName      string `yaml:"redress_body_name,omitempty" json:"redress_body_name,omitempty" validate:"omitempty,max=200,line"`
	RedressBodyAddress   string `yaml:"redress_body_address,omitempty" json:"redress_body_address,omitempty" validate:"omitempty,max=300,line"`
	GoverningLaw         string `yaml:"governing_law" json:"governing_law" validate:"omitempty,country"`
	GoverningLawOption   int    `yaml:"governing_law_option" json:"governing_law_option" validate:"omitempty,oneof=1 2"`
	Forum                string `yaml:"forum" json:"forum" validate:"omitempty,country"`
	SupervisoryAuthority string `yaml:"supervisory_authority" json:"supervisory_authority" validate:"omitempty,max=300,line"`
}

// HasModule reports whether SCC module m is selected.
func (s SCC) HasModule(m int) bool {
	for _, x := range s.Modules {
		if x == m {
			return true
		}
	}
	return false
}

// UKAddendum holds the ICO International Data Transfer Addendum selections.
type UKAddendum struct {
	Enabled bool `yaml:"enabled" json:"enabled"`
	// EndingParty is Table 4: who may end the Addendum when the approved
	// Addendum changes: importer, exporter, both (either of them) or
	// neither.
	EndingParty string `yaml:"ending_party" json:"ending_party" validate:"omitempty,oneof=importer exporter both neither"`
}

// GDPR says whether EU, UK or Swiss data protection law applies to the
// deal at all. Applies is true unless the deal says false: only a deal with
// no EEA, UK or Swiss nexus (a US business, a US provider, data of US
// consumers) sets it false, and then it has no SCC section, no Schedule 1
// and no Annex I.C.
type GDPR struct {
	Applies *bool `yaml:"applies,omitempty" json:"applies,omitempty"`
}

// On reports whether the GDPR (or the UK or Swiss law built on it) applies:
// true unless Applies is set to false.
func (g GDPR) On() bool { return g.Applies == nil || *g.Applies }

// CCPA holds the CCPA/CPRA service-provider terms.
type CCPA struct {
	Enabled bool `yaml:"enabled" json:"enabled"`
	// BusinessPurposes are the specific business purposes for which the
	// customer discloses personal information to the provider (Cal. Code
	// Regs. tit. 11, § 7051(a)(2)); processing.purposes when empty.
	BusinessPurposes []string `yaml:"business_purposes,omitempty" json:"business_purposes,omitempty" validate:"max=50,dive,required,max=300,line"`
}

// Toggle switches an optional set of terms on or off.
type Toggle struct {
	Enabled bool `yaml:"enabled" json:"enabled"`
}

// Breach holds the personal data breach terms.
type Breach struct {
	NoticeHours int `yaml:"notice_hours" json:"notice_hours" validate:"min=1,max=72"`
}

// Subprocessors holds the sub-processor terms and list.
type Subprocessors struct {
	ObjectionDays int `yaml:"objection_days" json:"objection_days" validate:"min=1,max=365"`
	// ResolutionDays is how long the parties seek a solution after an
	// objection (Option 2), or after a refusal or the end of the period to
	// authorise (Option 1), before Provider must do without the
	// sub-processor or the customer may terminate. The DPA's sub-processor
	// clause and every change notice state this one value.
	ResolutionDays int `yaml:"resolution_days,omitempty" json:"resolution_days,omitempty" validate:"min=0,max=365"`
	// List is Annex III. Its entries are checked by the list rules of
	// package subproc (see Validator.Validate), not by validate tags here.
	List []Subprocessor `yaml:"list" json:"list" validate:"max=2000"`
}

// Processing is the description of the processing and transfer (Annex I.B).
type Processing struct {
	DataSubjects      []string `yaml:"data_subjects" json:"data_subjects" validate:"required,min=1,max=50,dive,required,max=300,line"`
	DataCategories    []string `yaml:"data_categories" json:"data_categories" validate:"required,min=1,max=100,dive,required,max=300,line"`
	SpecialCategories []string `yaml:"special_categories" json:"special_categories" validate:"max=20,dive,required,max=300,line"`
	// SpecialSafeguards are the restrictions or safeguards applied to special
	// categories of data; required when there are any.
	SpecialSafeguards string `yaml:"special_safeguards,omitempty" json:"special_safeguards,omitempty" validate:"omitempty,max=1000,line"`
	// SpecialUndertaking is Customer's undertaking when there are no
	// special categories: "intentional" (the default: Customer shall not
	// intentionally provide them) or "absolute" (Customer shall not provide
	// them).
	SpecialUndertaking string   `yaml:"special_undertaking,omitempty" json:"special_undertaking,omitempty" validate:"omitempty,oneof=intentional absolute"`
	Frequency          string   `yaml:"frequency" json:"frequency" validate:"required,oneof=continuous one-off"`
	Nature             string   `yaml:"nature" json:"nature" validate:"required,max=1000,line"`
	Purposes           []string `yaml:"purposes" json:"purposes" validate:"required,min=1,max=50,dive,required,max=300,line"`
	Retention          string   `yaml:"retention" json:"retention" validate:"required,max=1000,line"`
}

// Security holds the Annex II selections.
type Security struct {
	// Measures is "all" or a list of measure ids from the catalogue.
	Measures       Measures  `yaml:"measures" json:"measures"`
	Certifications []string  `yaml:"certifications" json:"certifications" validate:"max=30,dive,required,max=200,line"`
	Extra          []Measure `yaml:"extra" json:"extra" validate:"max=100,dive"`
}

// Measure is a deal-specific security measure added to Annex II.
type Measure struct {
	Category string `yaml:"category" json:"category" validate:"required,max=100,line"`
	Text     string `yaml:"text" json:"text" validate:"required,max=1000,line"`
}

// Audit holds the audit terms.
type Audit struct {
	FrequencyMonths int `yaml:"frequency_months" json:"frequency_months" validate:"min=1,max=60"`
	NoticeDays      int `yaml:"notice_days" json:"notice_days" validate:"min=1,max=180"`
}

// Deletion holds the deadlines for deleting Customer Personal Data after
// the end of the services (GDPR Art. 28(3)(g); SCC Clause 8.5).
type Deletion struct {
	// Days is how many days after Customer's choice (or after the period
	// for making it ends) Provider completes the deletion.
	Days int `yaml:"days,omitempty" json:"days,omitempty" validate:"min=0,max=365"`
	// BackupDays bounds how long copies in backups may remain after that.
	BackupDays int `yaml:"backup_days,omitempty" json:"backup_days,omitempty" validate:"min=0,max=400"`
}
