package listfile

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/sublist"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestLoad(t *testing.T) {
	seed := loadFixture(t, "seed004.yaml")
	listJSON, err := json.Marshal(ListFile{List: seed})
	if err != nil {
		t.Fatal(err)
	}
	yml, err := Marshal(seed)
	if err != nil {
		t.Fatal(err)
	}
	dealJSON, _ := json.Marshal(map[string]any{"reference": "X", "subprocessors": map[string]any{"objection_days": 15, "list": seed}})
	for _, tc := range []struct {
		name string
		data []byte
		want int
	}{
		{"list.yaml", yml, 3},
		{"list.json", listJSON, 3},
		{"deal.json", dealJSON, 3},
		{"list.xlsx", exportList(t, seed), 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Load(tc.data, tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(seed, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	d, err := LoadFile("testdata/deal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(d) != 2 || d[1].Name != "Papertrail (SolarWinds Worldwide, LLC)" || d[1].TransferMechanism != "scc" {
		t.Errorf("deal list = %+v", d)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"bare.yaml", "- name: AWS\n", `bare.yaml: a list file is a mapping with a "list" key, not a bare sequence`},
		{"bare.json", `[{"name":"AWS"}]`, `bare.json: a list file is an object with a "list" key, not a bare array`},
		{"other.yaml", "customer: {name: X}\n", `other.yaml: no sub-processor list (want a list file with a "list" key, or a deal or profile with subprocessors.list)`},
		{"list.txt", "x", `list.txt: unknown format ".txt" (want .yaml, .yml, .json, .xlsx or .csv)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load([]byte(tc.data), tc.name)
			if err == nil || err.Error() != tc.want {
				t.Errorf("err = %v\nwant  %s", err, tc.want)
			}
			if !errors.Is(err, sublist.ErrInvalid) && !errors.Is(err, sublist.ErrFormat) {
				t.Errorf("err %v has no category", err)
			}
		})
	}
}

// TestLoadDecodesAsStrictlyAsADeal is the regression test for list files
// whose mistakes were reported in the YAML and JSON decoders' words ("field
// contry not found in type deal.Subprocessor", "mapping key \"name\"
// already defined"), without a path: each is a problem at its path and
// line, in the words of a deal file's.
func TestLoadDecodesAsStrictlyAsADeal(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"typo.yaml", "list:\n  - name: AWS\n    contry: US\n", `typo.yaml:3: list[0].contry: unknown field (did you mean "country"?)`},
		{"typo.json", "{\"list\": [\n  {\"name\": \"AWS\", \"purpos\": \"x\"}]}", `typo.json:2: list[0].purpos: unknown field (did you mean "purpose"?)`},
		{"twice.yaml", "list:\n  - name: X\n    name: Y\n", "twice.yaml:3: list[0].name: is given twice (first at line 2)"},
		{"twice.json", "{\"list\": [],\n \"list\": []}", "twice.json:2: list: is given twice (first at line 1)"},
		{"extra.json", `{"list": [], "version": 1}`, "extra.json:1: version: unknown field; the only top-level key is list"},
		{"kind.yaml", "list:\n  - name: X\n    data: Names, Emails\n", "kind.yaml:3: list[0].data: want a list: write [Names, Emails], or one \"- \" item per line"},
		{"lsit.yaml", "lsit:\n  - name: X\n", `lsit.yaml:1: lsit: unknown field (did you mean "list"?): a list file holds its sub-processors under "list", a deal or profile under subprocessors.list`},
		{"deal.yaml", "customer: {anything: 1}\nsubprocessors:\n  objection_days: 30\n  lsit: []\n", `deal.yaml:4: subprocessors.lsit: unknown field (did you mean "list"?)`},
		{"syntax.yaml", "list:\n  - name: X\n   purpose: P\n", "syntax.yaml:3: "},
		{"empty.yaml", "", "empty.yaml: empty document"},
		{"comma.json", "{\"list\": [],}", "comma.json:1: comma.json: is not valid JSON: a comma before } (JSON allows no comma after the last item) (line 1, column 13)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load([]byte(tc.data), tc.name)
			var ve *deal.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 {
				t.Fatalf("err = %v, want one problem", err)
			}
			p := ve.Problems[0]
			got := p.File + ":" + strconv.Itoa(p.Line) + ": " + p.String()
			if p.Line == 0 {
				got = p.String()
			}
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("problem %s\nwant      %s", got, tc.want)
			}
			if strings.Contains(got, "type ") || strings.Contains(got, "unmarshal") || strings.Contains(got, "already defined") || strings.Contains(got, ": json: ") {
				t.Errorf("the problem names the decoder: %s", got)
			}
		})
	}
}

func TestMarshal(t *testing.T) {
	got, err := Marshal(loadFixture(t, "seed004.yaml")[2:])
	if err != nil {
		t.Fatal(err)
	}
	want := `list:
  - name: Microsoft Azure
    description: Cloud computing platform
    purpose: Deliver core functionality of Hosted Mender, operate and maintain the service, provide customer support, determine service usage and charges.
    location: EU (Netherlands), West Europe
    country: NL
    data:
      - IP addresses of users and devices
      - Update files for devices
      - Inventory data reported by devices
      - Device upgrade logs and statuses
      - Application usage data
      - Data backups
    category: infrastructure
    transfer_mechanism: none
    website: https://azure.microsoft.com
    added: "2022-12-15"
`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("Marshal (-want +got):\n%s", diff)
	}
	empty, _ := Marshal(nil)
	if string(empty) != "list: []\n" {
		t.Errorf("Marshal(nil) = %q", empty)
	}
}

// TestLoadValidatesEntries: a list file or deal is checked by the rules of a
// deal's list, with paths into that file.
func TestLoadValidatesEntries(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"list.yaml", "list:\n  - {name: X, purpose: P, location: Mars, country: MA2, category: service, transfer_mechanism: scc}\n", "list[0].country"},
		{"profile.yaml", "subprocessors:\n  list:\n    - {name: X, purpose: P, location: US, country: US, category: service, transfer_mechanism: none}\n", "subprocessors.list[0].transfer_mechanism"},
		{"list.json", `{"list": [{"name": "X", "purpose": "", "location": "L", "country": "DE", "category": "service", "transfer_mechanism": "none"}]}`, "list[0].purpose"},
	} {
		_, err := Load([]byte(tt.src), tt.name)
		var ve *deal.ValidationError
		if !errors.As(err, &ve) || len(ve.Problems) == 0 || ve.Problems[0].Path != tt.want {
			t.Errorf("%s: err = %v, want a problem at %s", tt.name, err, tt.want)
		}
	}
}

// TestLoadJudgesTransfersFromWhereTheDataComesFrom: a US sub-processor with
// transfer mechanism "none" is refused in a list for a customer under the
// GDPR, and accepted for a customer with no EEA, UK or Swiss nexus: the
// deal a Reader is for, or a deal file's own gdpr.applies, says which.
func TestLoadJudgesTransfersFromWhereTheDataComesFrom(t *testing.T) {
	entry := `{name: Sentry, purpose: Error monitoring, location: United States, country: US, category: service, transfer_mechanism: none}`
	listFile := []byte("list:\n  - " + entry + "\n")
	usDeal := []byte("gdpr: {applies: false}\nsubprocessors:\n  list:\n    - " + entry + "\n")
	usJSON := []byte(`{"gdpr": {"applies": false}, "subprocessors": {"list": [{"name": "Sentry", "purpose": "Error monitoring", "location": "United States", "country": "US", "category": "service", "transfer_mechanism": "none"}]}}`)
	euDeal := []byte("customer: {name: X}\nsubprocessors:\n  list:\n    - " + entry + "\n")
	off := false
	us := &deal.Deal{GDPR: deal.GDPR{Applies: &off}}
	for _, tc := range []struct {
		name string
		rd   *Reader
		file string
		data []byte
		ok   bool
	}{
		{"list file, no deal", NewReader(nil), "list.yaml", listFile, false},
		{"list file, EU deal", NewReader(nil).For(&deal.Deal{}), "list.yaml", listFile, false},
		{"list file, US-only deal", NewReader(nil).For(us), "list.yaml", listFile, true},
		{"US-only deal file", NewReader(nil), "deal.yaml", usDeal, true},
		{"US-only deal file as JSON", NewReader(nil), "deal.json", usJSON, true},
		{"deal file without gdpr", NewReader(nil), "deal.yaml", euDeal, false},
		{"deal file without gdpr, US-only deal", NewReader(nil).For(us), "deal.yaml", euDeal, true},
	} {
		_, err := tc.rd.Load(tc.data, tc.file)
		if tc.ok && err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		if !tc.ok && (err == nil || !strings.Contains(err.Error(), `transfer_mechanism: "none" is only for a country in the EEA`)) {
			t.Errorf("%s: err = %v, want the transfer rule", tc.name, err)
		}
	}
	csv := []byte("Name,Purpose,Location,Country,Category,Transfer mechanism\nSentry,Error monitoring,United States,US,Service,None required\n")
	if _, err := NewReader(nil).Import(csv, "x.csv"); err == nil {
		t.Error("import for no deal accepted \"none\" for a US sub-processor")
	}
	if _, err := NewReader(nil).For(us).Import(csv, "x.csv"); err != nil {
		t.Errorf("import for a US-only deal: %v", err)
	}
}
