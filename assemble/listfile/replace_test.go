package listfile

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dpakit/dpakit/assemble/deal"
)

func newTwo() []deal.Subprocessor {
	return []deal.Subprocessor{
		{Name: "Hetzner Online GmbH", Purpose: "Hosting", Location: "Falkenstein", Country: "DE",
			Data: []string{"Name", "IP address"}, Category: "infrastructure", TransferMechanism: "none"},
		{Name: "Zendesk, Inc.", Purpose: "Support tickets", Location: "United States", Country: "US",
			Category: "service", TransferMechanism: "dpf", Website: "https://www.zendesk.com"},
	}
}

// TestReplaceListInProfile: the profile's list is replaced; every other
// line, comments and blank lines included, is unchanged.
func TestReplaceListInProfile(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out, err := ReplaceList(data, "profile.yaml", newTwo())
	if err != nil {
		t.Fatal(err)
	}
	back, err := Load(out, "profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(newTwo(), back, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("list read back (-want +got):\n%s", diff)
	}
	// Outside the list, the file is as it was.
	before, after := outsideList(t, string(data)), outsideList(t, string(out))
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("lines outside the list changed (-before +after):\n%s", diff)
	}
	for _, keep := range []string{"# The example vendor profile", "  objection_days: 15", "processing:"} {
		if !strings.Contains(string(out), keep) {
			t.Errorf("the result lost %q", keep)
		}
	}
}

// outsideList returns the file's lines without those between the line
// "  list:" and the next line indented less than its items.
func outsideList(t *testing.T, s string) []string {
	t.Helper()
	var out []string
	in := false
	for _, l := range strings.Split(s, "\n") {
		switch {
		case strings.TrimSpace(l) == "list:":
			in = true
			continue
		case in && (strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "  - ")):
			continue
		}
		in = false
		out = append(out, l)
	}
	return out
}

// TestReplaceListKeepsCRLF: a profile with CRLF line ends (saved on
// Windows) keeps them on every line, the list's included (its lines had
// been put in with LF, mixing the two); an LF file gets no CR.
func TestReplaceListKeepsCRLF(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	crlf := []byte(strings.ReplaceAll(string(data), "\n", "\r\n"))
	out, err := ReplaceList(crlf, "profile.yaml", newTwo())
	if err != nil {
		t.Fatal(err)
	}
	if n, lf := strings.Count(string(out), "\r\n"), strings.Count(string(out), "\n"); n != lf || !strings.Contains(string(out), "Zendesk") {
		t.Errorf("%d of %d lines end in CRLF", n, lf)
	}
	if out, _ := ReplaceList(data, "profile.yaml", newTwo()); strings.Contains(string(out), "\r") {
		t.Error("an LF profile got CRs")
	}
}

func TestReplaceListShapes(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the result, or the error's start
		fails    bool
	}{
		{"list file", "# November's list\nlist:\n  - {name: Old, purpose: P, location: L, country: IE, category: service, transfer_mechanism: none}\n# end\n",
			"# November's list\nlist:\n  - name: Hetzner Online GmbH\n", false},
		{"deal without a list", "subprocessors:\n  objection_days: 15 # days\nbreach: {notice_hours: 48}\n",
			"subprocessors:\n  objection_days: 15 # days\n  list:\n    - name: Hetzner Online GmbH\n", false},
		{"deal without subprocessors", "breach: {notice_hours: 48}",
			"breach: {notice_hours: 48}\nsubprocessors:\n  list:\n    - name: Hetzner Online GmbH\n", false},
		{"empty list on the key's line", "subprocessors:\n  list: []   # none yet\n  objection_days: 15\n",
			"subprocessors:\n  list: # none yet\n    - name: Hetzner Online GmbH\n", false},
		{"inline section", "subprocessors: {objection_days: 15, list: []}\n", "subprocessors.yaml:1: the list is written inline", true},
		{"json", `{"subprocessors": {"list": []}}`, "x.json: only a YAML profile", true},
		{"not a mapping", "- a\n- b\n", "subprocessors.yaml: not a profile, deal or list file", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "subprocessors.yaml"
			if strings.HasPrefix(tt.in, "{") {
				name = "x.json"
			}
			out, err := ReplaceList([]byte(tt.in), name, newTwo())
			if tt.fails {
				if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
					t.Errorf("err = %v, want one starting %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(out), tt.want) {
				t.Errorf("result:\n%s\nwant it to start:\n%s", out, tt.want)
			}
			back, err := Load(out, name)
			if err != nil || len(back) != 2 {
				t.Errorf("read back: %v, %v", back, err)
			}
		})
	}
}

// BenchmarkReplaceList puts a 40-entry list into the example profile, as
// import --into does (the read-back check included).
func BenchmarkReplaceList(b *testing.B) {
	data, err := os.ReadFile("../../fixtures/profile.yaml")
	if err != nil {
		b.Fatal(err)
	}
	bench, err := os.ReadFile("../../fixtures/deals/bench-40.yaml")
	if err != nil {
		b.Fatal(err)
	}
	list, err := Load(bench, "bench-40.yaml")
	if err != nil {
		b.Fatal(err)
	}
	rd := NewReader(nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rd.ReplaceList(data, "profile.yaml", list); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReplaceListKeepsUnchangedEntries: an entry the new list has as the
// old one had it keeps its lines as written (inline lists, comments), so
// that the file's diff shows only the entries added, changed or removed.
func TestReplaceListKeepsUnchangedEntries(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	old, err := Load(data, "profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	zendesk := newTwo()[1]
	changed := old[1]
	changed.Purpose = "Storage, search and alerting on system logs"
	tests := []struct {
		name       string
		list       []deal.Subprocessor
		kept, gone []string
	}{
		{"one added", append(append([]deal.Subprocessor(nil), old...), zendesk),
			[]string{"      data: [Account data, Usage logs, Customer content]\n", "      data: [IP address, Browser information, Logging data]\n"}, nil},
		{"one changed, one removed", []deal.Subprocessor{changed},
			nil, []string{"      data: [Account data, Usage logs, Customer content]\n", "      data: [IP address, Browser information, Logging data]\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := ReplaceList(data, "profile.yaml", tt.list)
			if err != nil {
				t.Fatal(err)
			}
			back, err := Load(out, "profile.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.list, back, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("list read back (-want +got):\n%s", diff)
			}
			for _, k := range tt.kept {
				if !strings.Contains(string(out), k) {
					t.Errorf("the unchanged entry's line %q was rewritten", k)
				}
			}
			for _, g := range tt.gone {
				if strings.Contains(string(out), g) {
					t.Errorf("the line %q of a changed or removed entry is still there", g)
				}
			}
		})
	}
}
