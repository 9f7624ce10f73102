package wording

import (
	"fmt"
	"testing"
	"time"
)

func TestWords(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "zero"}, {1, "one"}, {13, "thirteen"}, {20, "twenty"}, {24, "twenty-four"},
		{48, "forty-eight"}, {72, "seventy-two"}, {100, "one hundred"},
		{365, "three hundred and sixty-five"}, {1000, "one thousand"},
		{1005, "one thousand and five"}, {2500, "two thousand five hundred"},
		{-3, "-3"}, {1000000, "1000000"},
	}
	for _, tt := range tests {
		if got := Words(tt.n); got != tt.want {
			t.Errorf("Words(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestCount(t *testing.T) {
	if got := Count(1, "day"); got != "one (1) day" {
		t.Errorf("Count(1) = %q", got)
	}
	if got := Count(30, "day"); got != "thirty (30) days" {
		t.Errorf("Count(30) = %q", got)
	}
}

func TestJoin(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a and b"},
		{[]string{"a", "b", "c"}, "a, b and c"},
	}
	for _, tt := range tests {
		if got := Join(tt.in); got != tt.want {
			t.Errorf("Join(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := JoinOr([]string{"a", "b", "c"}); got != "a, b or c" {
		t.Errorf("JoinOr = %q", got)
	}
}

func TestDate(t *testing.T) {
	type wrapped struct{ time.Time }
	d := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, v := range []any{d, &d, wrapped{d}} {
		got, err := Date(v)
		if err != nil || got != "1 December 2026" {
			t.Errorf("Date(%T) = %q, %v", v, got, err)
		}
	}
	if got, err := Date(time.Time{}); err != nil || got != "" {
		t.Errorf("Date(zero) = %q, %v", got, err)
	}
	if _, err := Date("2026-12-01"); err == nil {
		t.Error("Date(string) succeeded, want error")
	}
}

func TestModule(t *testing.T) {
	if got, _ := Modules([]int{2, 3}); got != "Module Two and Module Three" {
		t.Errorf("Modules = %q", got)
	}
	if _, err := Module(5); err == nil {
		t.Error("Module(5) succeeded")
	}
}

func TestLabels(t *testing.T) {
	for n, want := range map[int]string{1: "A", 3: "C", 26: "Z", 27: "AA"} {
		if got := Letter(n); got != want {
			t.Errorf("Letter(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{1: "i", 4: "iv", 9: "ix", 14: "xiv", 40: "xl"} {
		if got := Roman(n); got != want {
			t.Errorf("Roman(%d) = %q, want %q", n, got, want)
		}
	}
}

func ExampleSpell() {
	fmt.Println(Spell(48))
	// Output: forty-eight (48)
}

func ExampleJoin() {
	fmt.Println(Join([]string{"Name", "Email address", "IP address"}))
	// Output: Name, Email address and IP address
}

func ExampleDate() {
	s, _ := Date(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(s)
	// Output: 1 December 2026
}

func ExampleCount() {
	fmt.Println(Count(30, "day"))
	fmt.Println(Count(1, "hour"))
	// Output:
	// thirty (30) days
	// one (1) hour
}

func ExampleModules() {
	s, _ := Modules([]int{2, 3})
	m, _ := Module(4)
	fmt.Println(s)
	fmt.Println(m)
	// Output:
	// Module Two and Module Three
	// Module Four (processor to controller)
}

func ExampleMechanism() {
	s, _ := Mechanism("dpf")
	fmt.Println(s)
	// Output: EU-US Data Privacy Framework
}

func TestJoinInline(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"Account data"}, "Account data"},
		{[]string{"Account data", "Usage logs", "Customer content"}, "Account data, usage logs and Customer content"},
		{[]string{"IP address", "Browser information", "Logging data"}, "IP address, browser information and logging data"},
		{[]string{"Name", "AWS account ID", "iOS device ID", "S3 object keys", "E-mail address"}, "Name, AWS account ID, iOS device ID, S3 object keys and e-mail address"},
		{[]string{"Name", "Customers' orders", "Provider’s invoices", "Data Subject requests", "Services usage"}, "Name, customers' orders, Provider’s invoices, Data Subject requests and Services usage"},
		{[]string{"Name", "Élan scores", "  spaced"}, "Name, élan scores and   spaced"},
		// A source list in title case reads in sentence case; acronyms and
		// defined terms keep their capitals.
		{[]string{"First Name", "Last Name", "Employee ID", "UPN", "Profile Photo", "IP Address", "Customer Personal Data Volume"},
			"First name, last name, employee ID, UPN, profile photo, IP address and Customer Personal Data volume"},
		{[]string{"Browser Information", "Logging Data"}, "Browser information and logging data"},
		{[]string{"Services Usage Data", "Data Subject Requests"}, "Services usage data and Data Subject requests"},
		{[]string{"Date of Birth", "One-Time Passcodes", "Customer's Account Data", "Orders of Controllers"}, "Date of birth, one-time passcodes, Customer's account data and orders of Controllers"},
		{[]string{"Name", "Data Relating To The Services", "Data Subjects' Contact Details", "Payment Service Providers"}, "Name, data relating to the Services, Data Subjects' contact details and payment service providers"},
	}
	for _, tt := range tests {
		if got := JoinInline(tt.in); got != tt.want {
			t.Errorf("JoinInline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSentence(t *testing.T) {
	for in, want := range map[string]string{
		"Hosting":             "Hosting.",
		"Hosting.":            "Hosting.",
		"Hosting. ":           "Hosting.",
		"Is it hosting?":      "Is it hosting?",
		"Hosting!":            "Hosting!",
		"See Annex II…":       "See Annex II…",
		"":                    "",
		"Hosting (Ireland)":   "Hosting (Ireland).",
		"Term of the Agmt.\n": "Term of the Agmt.",
	} {
		if got := Sentence(in); got != want {
			t.Errorf("Sentence(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRoles(t *testing.T) {
	tests := []struct {
		party   string
		modules []int
		want    string
	}{
		{"exporter", []int{2}, "controller (Module Two)"},
		{"exporter", []int{1, 2}, "controller (Modules One and Two)"},
		{"importer", []int{1, 2}, "controller (Module One); processor (Module Two)"},
		{"exporter", []int{2, 3}, "controller (Module Two); processor (Module Three)"},
		{"importer", []int{2, 3}, "processor (Module Two); processor acting as sub-processor (Module Three)"},
		{"importer", []int{1, 2, 4}, "controller (Modules One and Four); processor (Module Two)"},
		{"exporter", []int{4}, "processor (Module Four)"},
	}
	for _, tt := range tests {
		if got, err := Roles(tt.party, tt.modules); err != nil || got != tt.want {
			t.Errorf("Roles(%s, %v) = %q, %v; want %q", tt.party, tt.modules, got, err, tt.want)
		}
	}
	for _, bad := range []struct {
		party   string
		modules []int
	}{{"customer", []int{2}}, {"exporter", []int{5}}} {
		if _, err := Roles(bad.party, bad.modules); err == nil {
			t.Errorf("Roles(%s, %v) gave no error", bad.party, bad.modules)
		}
	}
}

// TestAddressee: a contact named inside a sentence takes the article when
// it is a team, office or position, never when it is a person.
func TestAddressee(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Privacy Team", "the Privacy Team"},
		{"Data Protection Officer", "the Data Protection Officer"},
		{"Legal Department", "the Legal Department"},
		{"DPO", "the DPO"},
		{"General Counsel", "the General Counsel"},
		{"Privacy Office (EU)", "the Privacy Office (EU)"},
		{"The Privacy Team", "the Privacy Team"},
		{"The Privacy Office", "the Privacy Office"},
		{"THE Privacy Office", "the Privacy Office"},
		{"tHe  Legal Department", "the Legal Department"},
		{"The Smiths", "the Smiths"},
		{"the privacy desk", "the privacy desk"},
		{"Theodora Office", "the Theodora Office"},
		{"Theo Officer", "the Theo Officer"},
		{"Thea Brandt", "Thea Brandt"},
		{"The", "The"},
		{"Head of Legal", "the Head of Legal"},
		{"Director of Privacy", "the Director of Privacy"},
		{"Head of Data Protection", "the Head of Data Protection"},
		{"Vice President of Legal", "the Vice President of Legal"},
		{"Privacy Team EMEA", "the Privacy Team EMEA"},
		{"Legal Team EU/UK", "the Legal Team EU/UK"},
		{"Privacy Team of Müller Logistik", "the Privacy Team of Müller Logistik"},
		{"Office for Data Protection", "the Office for Data Protection"},
		{"Morgan Head", "Morgan Head"},
		{"Alex Director", "Alex Director"},
		{"Teamo Smith", "Teamo Smith"},
		{"Morgan Reyes", "Morgan Reyes"},
		{"Jana Müller", "Jana Müller"},
		{"Pieter de Wit", "Pieter de Wit"},
		{"  Privacy Team ", "the Privacy Team"},
		{"", ""},
	} {
		if got := Addressee(tt.name); got != tt.want {
			t.Errorf("Addressee(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestSalutation is the regression test for the notice letter greeting a
// contact named with its article as "Dear The Privacy Office": the greeting
// drops a leading "the" in any case, and keeps a person's name, a team's
// name and a name that merely begins with the letters as they are.
func TestSalutation(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Morgan Reyes", "Dear Morgan Reyes"},
		{"Privacy Team", "Dear Privacy Team"},
		{"The Privacy Office", "Dear Privacy Office"},
		{"the Privacy Office", "Dear Privacy Office"},
		{"THE PRIVACY OFFICE", "Dear PRIVACY OFFICE"},
		{" The\tLegal Department ", "Dear Legal Department"},
		{"Theodora Meyer", "Dear Theodora Meyer"},
		{"Thea Brandt", "Dear Thea Brandt"},
		{"The", "Dear The"},
		{"", "Dear Customer"},
		{"   ", "Dear Customer"},
	} {
		if got := Salutation(tt.name); got != tt.want {
			t.Errorf("Salutation(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestJoinData: categories with "and" or a comma in them are separated by
// semicolons, so that "Employee names and identifiers" and "Salary and
// bank details" stay two categories; others are joined as prose.
func TestJoinData(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{[]string{"Employee names and identifiers", "Salary and bank details"}, "Employee names and identifiers; salary and bank details"},
		{[]string{"Name", "Email address", "IP address"}, "Name, email address and IP address"},
		{[]string{"Device logs, statuses", "Name"}, "Device logs, statuses; name"},
		{[]string{"Names"}, "Names"},
		{nil, ""},
	} {
		if got := JoinData(tt.in); got != tt.want {
			t.Errorf("JoinData(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLowerInitial: an ordinary first word is lowered inside a list; an
// acronym, a defined term of the DPA and a name of several capitalised
// words keep their capitals.
func TestLowerInitial(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Hosting of the platform", "hosting of the platform"},
		{"Account data", "account data"},
		{"IP address", "IP address"},
		{"AWS account IDs", "AWS account IDs"},
		{"Customer content", "Customer content"},
		{"Personal Data of employees", "Personal Data of employees"},
		{"Google Workspace user IDs", "Google Workspace user IDs"},
		{"Microsoft Teams messages", "Microsoft Teams messages"},
		{"Usage logs (Kestrel Analytics)", "usage logs (Kestrel Analytics)"},
		{"", ""},
	} {
		if got := LowerInitial(tc.in); got != tc.want {
			t.Errorf("LowerInitial(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
