package deal

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDefaults(t *testing.T) {
	date := Date{}
	date, _ = ParseDate("2026-12-01")
	base := func() *Deal {
		return &Deal{
			EffectiveDate: date,
			Customer:      Customer{Name: "Müller Logistik GmbH", Country: "DE", Role: Controller},
			SCC:           SCC{GoverningLaw: "NL"},
		}
	}
	tests := []struct {
		name   string
		mutate func(d *Deal) // before Defaults
		check  func(d *Deal) (got, want any)
	}{
		{"language", nil, func(d *Deal) (any, any) { return d.Language, "en" }},
		{"modules for a controller", nil, func(d *Deal) (any, any) { return d.SCC.Modules, []int{2} }},
		{"modules for a processor", func(d *Deal) { d.Customer.Role = Processor },
			func(d *Deal) (any, any) { return d.SCC.Modules, []int{3} }},
		{"modules given", func(d *Deal) { d.SCC.Modules = []int{1} },
			func(d *Deal) (any, any) { return d.SCC.Modules, []int{1} }},
		{"modules without a role", func(d *Deal) { d.Customer.Role = "" },
			func(d *Deal) (any, any) { return d.SCC.Modules, []int(nil) }},
		{"governing law option", nil, func(d *Deal) (any, any) { return d.SCC.GoverningLawOption, 1 }},
		{"governing law option given", func(d *Deal) { d.SCC.GoverningLawOption = 2 },
			func(d *Deal) (any, any) { return d.SCC.GoverningLawOption, 2 }},
		{"forum", nil, func(d *Deal) (any, any) { return d.SCC.Forum, "NL" }},
		{"forum given", func(d *Deal) { d.SCC.Forum = "IE" }, func(d *Deal) (any, any) { return d.SCC.Forum, "IE" }},
		{"authority in Germany, Land unknown", nil, func(d *Deal) (any, any) {
			return d.SCC.SupervisoryAuthority, "the data protection supervisory authority competent under section 40 of the Federal Data Protection Act (BDSG): that of the German federal state (Land) in which the data exporter is established or, if it has establishments in more than one Land, has its main establishment"
		}},
		{"authority of the Land of customer.state", func(d *Deal) { d.Customer.State = "DE-HE"; d.Customer.Address = "Hafenstraße 12, 20457 Hamburg" },
			func(d *Deal) (any, any) {
				return d.SCC.SupervisoryAuthority, "Hessian Commissioner for Data Protection and Freedom of Information (HBDI)"
			}},
		{"authority of the Land of the postal code", func(d *Deal) { d.Customer.Address = "Hafenstraße 12, 20457 Hamburg" },
			func(d *Deal) (any, any) {
				return d.SCC.SupervisoryAuthority, "Hamburg Commissioner for Data Protection and Freedom of Information (HmbBfDI)"
			}},
		{"no Land from a postal code in two Länder", func(d *Deal) { d.Customer.Address = "Am Gehölz 1, 22113 Oststeinbek" },
			func(d *Deal) (any, any) {
				return strings.HasPrefix(d.SCC.SupervisoryAuthority, "the data protection supervisory authority competent under section 40"), true
			}},
		{"authority in Norway", func(d *Deal) { d.Customer.Country = "NO" },
			func(d *Deal) (any, any) {
				return d.SCC.SupervisoryAuthority, "Norwegian Data Protection Authority (Datatilsynet)"
			}},
		{"no authority outside the EEA", func(d *Deal) { d.Customer.Country = "CH" },
			func(d *Deal) (any, any) { return d.SCC.SupervisoryAuthority, "" }},
		{"no authority for module 4 alone", func(d *Deal) { d.SCC.Modules = []int{4} },
			func(d *Deal) (any, any) { return d.SCC.SupervisoryAuthority, "" }},
		{"authority given", func(d *Deal) {
			d.SCC.SupervisoryAuthority = "The Hamburg Commissioner for Data Protection and Freedom of Information"
		},
			func(d *Deal) (any, any) {
				return d.SCC.SupervisoryAuthority, "The Hamburg Commissioner for Data Protection and Freedom of Information"
			}},
		{"resolution days", nil, func(d *Deal) (any, any) { return d.Subprocessors.ResolutionDays, 30 }},
		{"resolution days given", func(d *Deal) { d.Subprocessors.ResolutionDays = 45 },
			func(d *Deal) (any, any) { return d.Subprocessors.ResolutionDays, 45 }},
		{"Clause 9 option", nil, func(d *Deal) (any, any) { return d.SCC.SubprocessorOption, GeneralAuthorisation }},
		{"no Clause 9 option for module 1", func(d *Deal) { d.SCC.Modules = []int{1} },
			func(d *Deal) (any, any) { return d.SCC.SubprocessorOption, SubprocessorOption("") }},
		{"Clause 9 option given", func(d *Deal) { d.SCC.SubprocessorOption = SpecificAuthorisation },
			func(d *Deal) (any, any) { return d.SCC.SubprocessorOption, SpecificAuthorisation }},
		{"ending party", func(d *Deal) { d.UKAddendum.Enabled = true },
			func(d *Deal) (any, any) { return d.UKAddendum.EndingParty, "neither" }},
		{"no ending party when disabled", nil, func(d *Deal) (any, any) { return d.UKAddendum.EndingParty, "" }},
		{"ending party given", func(d *Deal) { d.UKAddendum = UKAddendum{Enabled: true, EndingParty: "importer"} },
			func(d *Deal) (any, any) { return d.UKAddendum.EndingParty, "importer" }},
		{"measures", nil, func(d *Deal) (any, any) { return d.Security.Measures, Measures{All: true} }},
		{"measures empty list", func(d *Deal) { d.Security.Measures = Measures{IDs: []string{}} },
			func(d *Deal) (any, any) { return d.Security.Measures, Measures{All: true} }},
		{"measures given", func(d *Deal) { d.Security.Measures = Measures{IDs: []string{"enc"}} },
			func(d *Deal) (any, any) { return d.Security.Measures, Measures{IDs: []string{"enc"}} }},
		{"reference", nil, func(d *Deal) (any, any) { return d.Reference, "DPA-20261201-MULLER-LOGISTIK" }},
		{"reference given", func(d *Deal) { d.Reference = "X-1" }, func(d *Deal) (any, any) { return d.Reference, "X-1" }},
		{"audit", nil, func(d *Deal) (any, any) { return d.Audit, Audit{FrequencyMonths: 12, NoticeDays: 30} }},
		{"audit given", func(d *Deal) { d.Audit = Audit{FrequencyMonths: 24, NoticeDays: 10} },
			func(d *Deal) (any, any) { return d.Audit, Audit{FrequencyMonths: 24, NoticeDays: 10} }},
		{"no breach notice default", nil, func(d *Deal) (any, any) { return d.Breach.NoticeHours, 0 }},
		{"no objection days default", nil, func(d *Deal) (any, any) { return d.Subprocessors.ObjectionDays, 0 }},
		{"no notice days default", nil, func(d *Deal) (any, any) { return d.SCC.SubprocessorNoticeDays, 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := base()
			if tt.mutate != nil {
				tt.mutate(d)
			}
			Defaults(d)
			got, want := tt.check(d)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			// Idempotent.
			once := *d
			once.SCC.Modules = append([]int(nil), d.SCC.Modules...)
			Defaults(d)
			if diff := cmp.Diff(&once, d); diff != "" {
				t.Errorf("second Defaults changed the deal (-once +twice):\n%s", diff)
			}
		})
	}
}

func TestDefaultsIdempotentOnExample(t *testing.T) {
	d := exampleDeal(t) // already defaulted by Load
	before := Hash(d)
	Defaults(d)
	if after := Hash(d); after != before {
		t.Errorf("Defaults changed a defaulted deal: %s -> %s", before, after)
	}
}

func TestDefaultReference(t *testing.T) {
	date, _ := ParseDate("2026-12-01")
	tests := []struct {
		name string
		date Date
		want string
	}{
		{"Müller Logistik GmbH", date, "DPA-20261201-MULLER-LOGISTIK"},
		{"Kestrel Cloud, Inc.", date, "DPA-20261201-KESTREL-CLOUD"},
		{"Łódź Logistics Sp. z o.o.", date, "DPA-20261201-LODZ-LOGISTICS"},
		{"Straße & Söhne GmbH & Co. KG", date, "DPA-20261201-STRASSE-AND-SOHNE"},
		{"Ørsted A/S", date, "DPA-20261201-ORSTED"},
		{"Société Générale S.A.", date, "DPA-20261201-SOCIETE-GENERALE"},
		{"O'Brien & Partners Ltd", date, "DPA-20261201-OBRIEN-AND-PARTNERS"},
		{"Ævar Þórsson ehf", date, "DPA-20261201-AEVAR-THORSSON-EHF"},
		{"ﬁnance ﬁrst", date, "DPA-20261201-FINANCE-FIRST"},
		{"GmbH", date, "DPA-20261201-GMBH"},
		{"株式会社", date, "DPA-20261201"},
		{"", date, "DPA-20261201"},
		{"Müller Logistik GmbH", Date{}, "DPA-MULLER-LOGISTIK"},
		{"", Date{}, ""},
		{"The Very Long Name Of An International Logistics And Warehousing Group Holding", date,
			"DPA-20261201-THE-VERY-LONG-NAME-OF-AN-INTERNATIONAL-LOGISTICS"},
		{strings.Repeat("X", 100), date, "DPA-20261201-" + strings.Repeat("X", 51)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DefaultReference(tt.name, tt.date)
			if got != tt.want {
				t.Errorf("DefaultReference(%q) = %q, want %q", tt.name, got, tt.want)
			}
			if len(got) > maxReference || docrefProblem(got) != "" {
				t.Errorf("%q is not a valid reference", got)
			}
		})
	}
}

// TestDerivedPaths: a defaulted deal's reference, modules, courts and
// supervisory authority count as derived exactly when they are what
// Defaults would work out from the other fields.
func TestDerivedPaths(t *testing.T) {
	bavaria := func(d *Deal) {
		d.Customer.State, d.Customer.Address = "DE-BY", "Marienplatz 1, 80331 München"
		d.Reference, d.SCC.Forum = "DPA-1", "FR"
	}
	tests := []struct {
		name   string
		before func(d *Deal) // before Defaults
		after  func(d *Deal) // after Defaults, if not nil
		want   []string
	}{
		{"all worked out", func(d *Deal) {
			d.Reference, d.SCC.Modules, d.SCC.Forum, d.SCC.SupervisoryAuthority = "", nil, "", ""
		}, nil, []string{"reference", "scc.modules", "scc.forum", "scc.supervisory_authority"}},
		{"given other values", func(d *Deal) {
			d.Reference, d.SCC.Modules, d.SCC.Forum, d.SCC.SupervisoryAuthority = "DPA-1", []int{2, 3}, "FR", "Some Authority"
		}, nil, nil},
		{"a German Land's authority", func(d *Deal) {
			bavaria(d)
			d.SCC.SupervisoryAuthority = ""
		}, nil, []string{"scc.supervisory_authority"}},
		{"another Land's authority for a Bavarian customer", bavaria, func(d *Deal) {
			d.SCC.SupervisoryAuthority = "Hamburg Commissioner for Data Protection and Freedom of Information (HmbBfDI)"
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := exampleDeal(t)
			tt.before(d)
			Defaults(d)
			if tt.after != nil {
				tt.after(d)
			}
			if got := DerivedPaths(d); !slices.Equal(got, tt.want) {
				t.Errorf("DerivedPaths = %q, want %q", got, tt.want)
			}
		})
	}
}
