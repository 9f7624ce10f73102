package assemble

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/google/go-cmp/cmp"
)

// phoneFallback is a fallback of the test library's breach clause.
const phoneFallback = "---\nclause: breach\nname: phone\ntitle: Breaches\nversion: 1.0.1\nchanges: Provider also telephones Customer.\napproved_by: Head of Legal\napproved: 2026-11-20\nbased_on: 1.0.0\n---\n## Breaches\n\n1. Notify within {{count .Breach.NoticeHours \"hour\"}} and by telephone, see {{.Ref \"uk\"}}.\n"

func negotiationLibrary(t *testing.T) *Engine {
	t.Helper()
	return testLibrary(t, map[string]string{"fallbacks/breach.phone.md": phoneFallback})
}

// TestFallbackAndRider renders a deal with a fallback and two riders: the
// fallback's text stands in the standard clause's place with its number and
// anchor, the riders are numbered clauses after the clause they name, the
// clauses after them are renumbered, references follow, and the manifest
// records both.
func TestFallbackAndRider(t *testing.T) {
	eng := negotiationLibrary(t)
	d := testDeal()
	d.Negotiated = map[string]string{"breach": "phone"}
	d.Riders = []deal.Rider{
		{After: "breach", Title: "Insurance *cover*", Text: "Provider shall keep cyber insurance.\n\nIt covers {{.}} at least\nEUR 5 million."},
		{After: "intro", Title: "Language", Text: "English governs."},
	}
	doc, err := eng.Assemble(d, "dpa")
	if err != nil {
		t.Fatal(err)
	}
	got := outline(doc)
	want := []string{
		"## [1|Clause 1|rider-2] Language",
		"  1.1 English governs.",
		"## [2|Clause 2|breach] Breaches",
		"  2.1 Notify within forty-eight (48) hours and by telephone, see <Clause 4>.",
		"## [3|Clause 3|rider-1] Insurance *cover*",
		"  3.1 Provider shall keep cyber insurance.",
		"  3.2 It covers {{.}} at least EUR 5 million.",
		"## [4|Clause 4|uk] UK Addendum",
		" See <Clause 2>.",
	}
	for _, w := range want {
		if !contains(got, w) {
			t.Errorf("missing %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
	var uses []document.ClauseUse
	for _, c := range doc.Meta.Clauses {
		if c.ID == "breach" {
			uses = append(uses, c)
		}
	}
	if diff := cmp.Diff([]document.ClauseUse{{ID: "breach", Version: "1.0.1", Title: "Breaches", Fallback: "phone"}}, uses); diff != "" {
		t.Errorf("manifest clause (-want +got):\n%s", diff)
	}
	wantRiders := []document.RiderUse{{ID: "rider-1", After: "breach", Title: "Insurance *cover*"}, {ID: "rider-2", After: "intro", Title: "Language"}}
	if diff := cmp.Diff(wantRiders, doc.Meta.Riders); diff != "" {
		t.Errorf("manifest riders (-want +got):\n%s", diff)
	}
	// The standard text, without negotiation.
	std, err := eng.Assemble(testDeal(), "dpa")
	if err != nil {
		t.Fatal(err)
	}
	if !contains(outline(std), "  1.1 Notify within forty-eight (48) hours, see <Clause 2>.") {
		t.Errorf("standard text changed:\n%s", strings.Join(outline(std), "\n"))
	}
	if std.Meta.LibraryVersion != doc.Meta.LibraryVersion {
		t.Error("library version differs between renders")
	}
}

// TestNegotiationProblems checks the refusals a user sees, with the path of
// the field and what to write instead.
func TestNegotiationProblems(t *testing.T) {
	eng := negotiationLibrary(t)
	for _, tc := range []struct {
		name string
		edit func(d *deal.Deal)
		want []string
	}{
		{"unknown fallback", func(d *deal.Deal) { d.Negotiated = map[string]string{"breach": "fax"} },
			[]string{`negotiated.breach: "fax" is not an approved fallback of the clause "breach" (want phone)`}},
		{"clause without fallbacks", func(d *deal.Deal) { d.Negotiated = map[string]string{"intro": "short"} },
			[]string{`negotiated.intro: the clause "intro" has no approved fallbacks (clauses with fallbacks: breach)`}},
		{"unknown clause", func(d *deal.Deal) { d.Negotiated = map[string]string{"brach": "phone"} },
			[]string{`negotiated.brach: "brach" is not a clause of the library (dpakit clauses lists them); did you mean "breach"?`}},
		{"rider after an unknown clause", func(d *deal.Deal) { d.Riders = []deal.Rider{{After: "audits", Title: "X", Text: "Y"}} },
			[]string{`riders[0].after: "audits" is not a clause of the library (dpakit clauses lists them)`}},
		{"rider after a clause the deal does not use", func(d *deal.Deal) {
			d.UKAddendum.Enabled = false
			d.Riders = []deal.Rider{{After: "uk", Title: "X", Text: "Y"}}
		}, []string{`riders[0].after: the clause "uk" is not part of this deal's documents (its condition .UKAddendum.Enabled is false); place the rider after another clause`}},
		// An annex part: the rider would take the annex's lettering and
		// push its parts down ("B. Insurance", "C. Description ...").
		{"rider after an annex part", func(d *deal.Deal) { d.Riders = []deal.Rider{{After: "annex", Title: "X", Text: "Y"}} },
			[]string{`riders[0].after: "annex" is not one of the DPA's numbered clauses but part of its schedules or annexes, whose parts follow the Appendix of the Standard Contractual Clauses; a rider is printed as a numbered clause of its own, so place it after one of the DPA's clauses (intro, breach, uk)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := testDeal()
			tc.edit(d)
			_, err := eng.Assemble(d, "dpa")
			var ve *deal.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, deal.ErrInvalid) {
				t.Fatalf("err = %v, want a validation error", err)
			}
			var got []string
			for _, p := range ve.Problems {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFallbackLoadErrors checks that a malformed fallback file is a library
// error naming the file and what to fix.
func TestFallbackLoadErrors(t *testing.T) {
	for _, tc := range []struct{ name, file, src, want string }{
		{"no such clause", "fallbacks/audits.remote.md", strings.Replace(phoneFallback, "clause: breach", "clause: audits", 1), `clause "audits" is not a clause of the library`},
		{"file name", "fallbacks/breach.fax.md", phoneFallback, "the file name must be breach.phone.md"},
		{"no changes", "fallbacks/breach.phone.md", strings.Replace(phoneFallback, "changes: Provider also telephones Customer.\n", "", 1), "changes is required"},
		{"no approver", "fallbacks/breach.phone.md", strings.Replace(phoneFallback, "approved_by: Head of Legal\n", "", 1), "approved_by is required"},
		{"no base version", "fallbacks/breach.phone.md", strings.Replace(phoneFallback, "based_on: 1.0.0\n", "", 1), `based_on "" must be the version (MAJOR.MINOR.PATCH) of clause breach that this fallback was written against (it is 1.0.0 now)`},
		{"bad date", "fallbacks/breach.phone.md", strings.Replace(phoneFallback, "2026-11-20", "20 Nov", 1), `approved "20 Nov" must be a date`},
		{"bad approved version", "fallbacks/breach.phone.md", strings.Replace(phoneFallback, "approved: 2026-11-20\n", "approved: 2026-11-20\napproved_version: one\n", 1), `approved_version "one" must be the version (MAJOR.MINOR.PATCH) of this fallback that the approval covers`},
		{"template error", "fallbacks/breach.phone.md", strings.Replace(phoneFallback, "{{count", "{{cont", 1), `function "cont" not defined`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tryLoad(t, map[string]string{tc.file: tc.src,
				"breach.md": "---\nid: breach\ntitle: Breaches\nversion: 1.0.0\n---\n## Breaches\n"})
			if err == nil || !errors.Is(err, ErrLibrary) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "clauses/"+tc.file) {
				t.Errorf("err = %v, want %q naming clauses/%s", err, tc.want, tc.file)
			}
		})
	}
}

// TestBodyClauses: the DPA's numbered clauses are those its template
// places before its first top-level heading, inside {{if}} and {{with}}
// too ($.Clause there); a Markdown heading of level two does not end the body.
func TestBodyClauses(t *testing.T) {
	src := "{{.Clause \"a\"}}\n{{if .EU}}{{.Clause \"b\"}}{{else}}{{.Clause \"c\"}}{{end}}\n" +
		"## Not a schedule\n{{with .Customer}}{{$.Clause \"in-with\"}}{{end}}{{.Clause \"d\"}}\n" +
		"```dpakit:signatures\nSigned.\n```\n\n# Annex I {#annex}\n{{.Clause \"annex\"}}\n"
	tmpl, err := template.New("dpa").Funcs(template.FuncMap{}).Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a", "b", "c", "in-with", "d"}
	if got := bodyClauses(tmpl.Tree.Root); !slices.Equal(got, want) {
		t.Errorf("bodyClauses = %q, want %q", got, want)
	}
}

// TestFallbackApproval checks that a fallback whose text moved on since its
// approval (version past approved_version) still renders, and that every
// deal negotiating it is warned at negotiated.CLAUSE, naming the approval
// and both versions; that one approved as it is, or whose front matter does
// not say which version was approved, is not; and that recording an
// approval does not change the text's hash (it is not a new text).
func TestFallbackApproval(t *testing.T) {
	d := testDeal()
	d.Negotiated = map[string]string{"breach": "phone"}
	for _, tc := range []struct {
		name, approved string
		warned         bool
		// approval is the fallback's ApprovalText, deviation the text of
		// the deviation that lists it.
		approval, deviation string
	}{
		{"approved as it is", "approved_version: 1.0.1\n", false,
			"version 1.0.1, approved by Head of Legal on 2026-11-20",
			"clause breach: approved fallback phone (Provider also telephones Customer) (standard text otherwise)"},
		{"approval not versioned", "", false,
			"version 1.0.1, approved by Head of Legal on 2026-11-20",
			"clause breach: approved fallback phone (Provider also telephones Customer) (standard text otherwise)"},
		{"changed since", "approved_version: 1.0.0\n", true,
			"version 1.0.1, not approved: the approval by Head of Legal on 2026-11-20 covers version 1.0.0",
			"clause breach: fallback phone, version 1.0.1, not approved: the approval by Head of Legal on 2026-11-20 covers version 1.0.0 (Provider also telephones Customer) (standard text otherwise)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(phoneFallback, "based_on: 1.0.0\n", "based_on: 1.0.0\n"+tc.approved, 1)
			eng := testLibrary(t, map[string]string{"fallbacks/breach.phone.md": src})
			if _, err := eng.Assemble(d, "dpa"); err != nil {
				t.Fatal(err)
			}
			fb, ok := eng.Library().Fallback("breach", "phone")
			if !ok {
				t.Fatal("no fallback breach.phone")
			}
			if got := fb.ApprovalText(); got != tc.approval {
				t.Errorf("ApprovalText() = %q, want %q", got, tc.approval)
			}
			var deviation string
			for _, dv := range Deviations(nil, d, eng.Library()) {
				if dv.Path == "negotiated.breach" {
					deviation = dv.Text
				}
			}
			if deviation != tc.deviation {
				t.Errorf("deviation %q, want %q", deviation, tc.deviation)
			}
			ws := eng.DealWarnings(d)
			if !tc.warned {
				if len(ws) != 0 {
					t.Errorf("warned: %v", ws)
				}
				return
			}
			want := deal.Problem{Path: "negotiated.breach", Rule: WarnFallbackUnapproved,
				Message: `the fallback "phone" of the clause "breach" is at version 1.0.1, but its approval (Head of Legal, 2026-11-20) covers version 1.0.0: its text has changed since and needs approving again`}
			if diff := cmp.Diff([]deal.Problem{want}, ws); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
	if eng := negotiationLibrary(t); len(eng.DealWarnings(nil)) != 0 || len(eng.DealWarnings(testDeal())) != 0 {
		t.Error("a deal without fallbacks warned")
	}
	plain := textHash([]byte(phoneFallback))
	approved := textHash([]byte(strings.Replace(phoneFallback, "approved: 2026-11-20\n", "approved: 2026-12-02\napproved_version: 1.0.1\n", 1)))
	if plain != approved {
		t.Error("recording an approval changed the text's hash")
	}
	// Checking a fallback against a newer standard clause to which none of
	// the changes apply moves based_on alone: no new text, no new approval.
	if !strings.Contains(phoneFallback, "based_on: ") {
		t.Fatal("the test fallback has no based_on")
	}
	rebased := regexp.MustCompile(`based_on: \S+`).ReplaceAllString(phoneFallback, "based_on: 9.9.9")
	if textHash([]byte(rebased)) != plain {
		t.Error("moving based_on changed the text's hash")
	}
	if textHash([]byte(phoneFallback+"approved: in the body\n")) == plain {
		t.Error("a body line that starts like an approval is not part of the text's hash")
	}
}
