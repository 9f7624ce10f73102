package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/templates"
)

// negotiatedDeal is the example deal with two fallbacks and a rider, as a
// legal team writes it after a negotiation.
const negotiatedDeal = `
negotiated:
  breach: phone-notice
  audits: remote-first
riders:
  - after: breach
    title: Cyber Insurance
    text: |
      Provider shall maintain cyber liability insurance of at least EUR 5,000,000 per claim.

      Provider shall provide a certificate of that insurance on request.
`

func writeNegotiated(t *testing.T, extra string) string {
	t.Helper()
	example, err := os.ReadFile(exampleDealPath)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "negotiated.yaml")
	if err := os.WriteFile(p, append(example, []byte(extra)...), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var space = regexp.MustCompile(`\s+`)

// TestNegotiatedRender renders a deal with fallbacks and a rider in every
// format: the fallback wording replaces the standard, the rider is a
// numbered clause after the breach clause, the clauses after it are
// renumbered and the references follow.
func TestNegotiatedRender(t *testing.T) {
	deal := writeNegotiated(t, negotiatedDeal)
	code, std, errs := dpakit(t, "", "render", exampleDealPath, "--format", "md")
	if code != 0 {
		t.Fatalf("standard render: exit %d: %s", code, errs)
	}
	breachNo := regexp.MustCompile(`## (\d+)\\?\. Personal Data Breaches`).FindStringSubmatch(std)
	if breachNo == nil {
		t.Fatalf("no breach clause in the standard DPA")
	}
	want := []string{
		"both by telephone and in writing",                              // breach.phone-notice
		"may require a remote audit",                                    // audits.remote-first
		"Cyber Insurance",                                               // the rider's heading
		"cyber liability insurance of at least EUR 5,000,000 per claim", // its text, as typed
	}
	for _, format := range []string{"md", "html", "pdf", "docx"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "dpa."+format)
			code, _, errs := dpakit(t, "", "render", deal, "--format", format, "-o", out)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			text := renderedText(t, format, out)
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("lacks %q", w)
				}
			}
			if strings.Contains(text, "Provider shall send the notice to Jana Müller") {
				t.Error("the standard breach wording is still there")
			}
		})
	}
	code, md, errs := dpakit(t, "", "render", deal, "--format", "md")
	if code != 0 {
		t.Fatal(errs)
	}
	// The rider is numbered right after the breach clause, whose number is
	// unchanged; the next clause moves one on.
	n, err := strconv.Atoi(breachNo[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		"## " + strconv.Itoa(n) + "\\. Personal Data Breaches",
		"## " + strconv.Itoa(n+1) + "\\. Cyber Insurance",
		strconv.Itoa(n+1) + ".1 Provider shall maintain cyber liability insurance",
		strconv.Itoa(n+1) + ".2 Provider shall provide a certificate",
		"## " + strconv.Itoa(n+2) + "\\. Assistance with Impact Assessments",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("Markdown lacks %q", w)
		}
	}
}

// renderedText returns the text of a rendered file, white space folded.
func renderedText(t *testing.T, format, path string) string {
	t.Helper()
	var raw []byte
	var err error
	switch format {
	case "pdf":
		raw, err = exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			if os.Getenv("DPAKIT_REQUIRE_TOOLS") == "" {
				t.Skip("pdftotext not available")
			}
			t.Fatal(err)
		}
	case "docx":
		raw = docxText(t, path)
	default:
		raw, err = os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		raw = bytes.ReplaceAll(raw, []byte(`\`), nil)
	}
	return space.ReplaceAllString(string(raw), " ")
}

// TestNegotiatedManifest checks that the PDF's attached manifest records
// the fallbacks and the rider.
func TestNegotiatedManifest(t *testing.T) {
	if _, err := exec.LookPath("pdfdetach"); err != nil {
		if os.Getenv("DPAKIT_REQUIRE_TOOLS") != "" {
			t.Fatal("pdfdetach not found")
		}
		t.Skip("pdfdetach not found")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "dpa.pdf")
	if code, _, errs := dpakit(t, "", "render", writeNegotiated(t, negotiatedDeal), "-o", out); code != 0 {
		t.Fatal(errs)
	}
	if err := exec.Command("pdfdetach", "-saveall", "-o", dir, out).Run(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Clauses []struct{ ID, Version, Fallback string }
		Riders  []struct{ ID, After, Title string }
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	fallbacks := map[string]string{}
	for _, c := range m.Clauses {
		if c.Fallback != "" {
			fallbacks[c.ID] = c.Fallback
		}
	}
	if fallbacks["breach"] != "phone-notice" || fallbacks["audits"] != "remote-first" || len(fallbacks) != 2 {
		t.Errorf("manifest fallbacks = %v", fallbacks)
	}
	if len(m.Riders) != 1 || m.Riders[0].After != "breach" || m.Riders[0].Title != "Cyber Insurance" {
		t.Errorf("manifest riders = %+v", m.Riders)
	}
	// The counterparty's copy: how it was made, nothing of the
	// negotiation.
	clean := filepath.Join(dir, "clean")
	os.Mkdir(clean, 0o755)
	out = filepath.Join(clean, "dpa.pdf")
	if code, _, errs := dpakit(t, "", "render", writeNegotiated(t, negotiatedDeal), "--manifest", "versions", "-o", out); code != 0 {
		t.Fatal(errs)
	}
	if err := exec.Command("pdfdetach", "-saveall", "-o", clean, out).Run(); err != nil {
		t.Fatal(err)
	}
	data, err = os.ReadFile(filepath.Join(clean, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"phone-notice", "remote-first", "Cyber Insurance", "standard", "deviations"} {
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("--manifest versions: the manifest has %q:\n%s", secret, data)
		}
	}
	if !bytes.Contains(data, []byte(`"deal_hash"`)) || !bytes.Contains(data, []byte(`"id": "breach"`)) {
		t.Errorf("--manifest versions: the manifest lacks the versions:\n%s", data)
	}
}

// TestNegotiationRefused checks the refusals: exit 2, naming the field and
// what the library offers.
func TestNegotiationRefused(t *testing.T) {
	for _, tc := range []struct{ name, extra, want string }{
		{"unknown fallback", "negotiated: {breach: fax-notice}\n",
			`negotiated.breach: "fax-notice" is not an approved fallback of the clause "breach" (want phone-notice)`},
		{"unknown clause", "negotiated: {brech: phone-notice}\n",
			`negotiated.brech: "brech" is not a clause of the library (dpakit clauses lists them); did you mean "breach"?`},
		{"rider after an unknown clause", "riders: [{after: insurance, title: X, text: Y}]\n",
			`riders[0].after: "insurance" is not a clause of the library`},
		{"rider with a bidi control", "riders: [{after: breach, title: Cyber, text: \"Provider \\u202Eshall\"}]\n",
			`riders[0].text: line 1 contains an invisible bidirectional text control (U+202E)`},
		{"rider without text", "riders: [{after: breach, title: Cyber}]\n",
			`riders[0].text: is required`},
		{"rider after an annex part", "riders: [{after: annex-i-parties, title: X, text: Y}]\n",
			`riders[0].after: "annex-i-parties" is not one of the DPA's numbered clauses but part of its schedules or annexes`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeNegotiated(t, tc.extra)
			code, _, errs := dpakit(t, "", "render", path, "--format", "md", "-o", filepath.Join(t.TempDir(), "x.md"))
			if code != 2 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant %q", code, errs, tc.want)
			}
			// The library's problems are located in the deal file, on the
			// line of the key they name, as the loader's own are.
			src, _ := os.ReadFile(path)
			at := fmt.Sprintf("negotiated.yaml:%d: ", bytes.Count(src, []byte("\n")))
			if !strings.Contains(errs, "dpakit: the deal negotiated.yaml is invalid") || !strings.Contains(errs, at+tc.want) {
				t.Errorf("stderr:\n%s\nwant the problem at %q", errs, at)
			}
		})
	}
}

// TestLintRendersFallbacks checks that lint renders each fallback like the
// standard text, and fails on a broken one with one problem naming it.
func TestLintRendersFallbacks(t *testing.T) {
	cl, tm := copyLibrary(t)
	// The edit below is a fault, not a new version: the lock (tested in
	// TestLintLock) would report it too.
	os.Remove(filepath.Join(cl, "versions.lock"))
	fb := filepath.Join(cl, "fallbacks", "breach.phone-notice.md")
	src, err := os.ReadFile(fb)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(fb, bytes.Replace(src, []byte("{{.Customer.Contact.Email}}"), []byte("{{.Customer.Contact.Emial}}"), 1), 0o644)
	code, out, _ := dpakitLint(t, "--clauses", cl, "--templates", tm)
	if code != 1 || !strings.Contains(out, "fallback breach.phone-notice") || !strings.Contains(out, "Emial") || !strings.Contains(out, ", 1 problem\n") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

// TestLintEmptyOptionalValue checks that lint fails where an optional
// field that is empty prints as nothing inside a sentence.
func TestLintEmptyOptionalValue(t *testing.T) {
	cl, tm := copyLibrary(t)
	p := filepath.Join(cl, "breach.md")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(src, []byte("at {{.Customer.Contact.Email}}, or"), []byte("at {{.Customer.Contact.Phone}}, or"), 1), 0o644)
	code, out, _ := dpakitLint(t, "--clauses", cl, "--templates", tm)
	if code != 1 || !strings.Contains(out, "a value prints as nothing inside a sentence") || !strings.Contains(out, "Jana Müller at , or") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

// TestClausesExportAndFields exports the library, lints the copy, refuses
// to export over it, and lists the fields a clause can use.
func TestClausesExportAndFields(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := dpakit(t, "", "clauses", "export", dir); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	for _, f := range []string{"clauses/breach.md", "clauses/measures.yaml", "clauses/fallbacks/breach.phone-notice.md", "templates/dpa.tmpl"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("export lacks %s", f)
		}
	}
	// The export is the built-in library, file for file and byte for byte,
	// which TestLintBuiltIn lints in full; the copy lints from disk.
	sameFiles(t, clauses.FS, filepath.Join(dir, "clauses"))
	sameFiles(t, templates.FS, filepath.Join(dir, "templates"))
	if code, out, _ := dpakitLint(t, "--clauses", filepath.Join(dir, "clauses"), "--templates", filepath.Join(dir, "templates")); code != 0 {
		t.Errorf("lint of the exported library: exit %d\n%s", code, out)
	}
	if code, _, errs := dpakit(t, "", "clauses", "export", dir); code != 2 || !strings.Contains(errs, "already exists") {
		t.Errorf("second export: exit %d: %s", code, errs)
	}
	code, out, _ := dpakit(t, "", "clauses", "fields")
	for _, w := range []string{".Customer.Name", "Müller Logistik GmbH", ".Breach.NoticeHours", ".ProcessorCustomer", `{{spell 48}}`, "forty-eight (48)", `.Ref "breach"`} {
		if code != 0 || !strings.Contains(out, w) {
			t.Errorf("clauses fields lacks %q (exit %d)", w, code)
		}
	}
	code, out, _ = dpakit(t, "", "clauses", "show", "breach.phone-notice")
	if code != 0 || !strings.Contains(out, "approved_by: Head of Legal") || !regexp.MustCompile(`(?m)^based_on: \d+\.\d+\.\d+$`).MatchString(out) || !strings.Contains(out, "both by telephone and in writing") {
		t.Errorf("clauses show breach.phone-notice: exit %d\n%s", code, out)
	}
}

// sameFiles fails unless dir holds exactly the files of fsys, with the
// same bytes.
func sameFiles(t *testing.T, fsys fs.FS, dir string) {
	t.Helper()
	want := map[string]bool{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		want[p] = true
		a, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return err
		}
		if !bytes.Equal(a, b) {
			t.Errorf("exported %s differs from the built-in one", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if !want[filepath.ToSlash(rel)] {
			t.Errorf("export holds %s, which the built-in library lacks", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// docxText returns the text of a .docx file's runs, one paragraph a line.
func docxText(t *testing.T, path string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		var b bytes.Buffer
		dec := xml.NewDecoder(rc)
		inText := false
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				inText = tok.Name.Local == "t"
			case xml.EndElement:
				inText = false
				if tok.Name.Local == "p" {
					b.WriteByte('\n')
				}
			case xml.CharData:
				if inText {
					b.Write(tok)
				}
			}
		}
		return b.Bytes()
	}
	t.Fatal("no word/document.xml")
	return nil
}

// TestLintLock walks the lock workflow: record the versions, change a
// clause's text without a new version (lint fails and says to bump it),
// bump it (lint says to record it), record it (lint passes). The clause
// has no fallback: one that has is also reported until its fallbacks are
// reviewed (TestLintFailsOnStaleFallback).
func TestLintLock(t *testing.T) {
	cl, tm := copyLibrary(t)
	os.Remove(filepath.Join(cl, "versions.lock"))
	lint := func(extra ...string) (int, string, string) {
		return dpakitLint(t, append([]string{"--clauses", cl, "--templates", tm}, extra...)...)
	}
	code, out, errs := lint("--update-lock")
	if code != 0 || !strings.Contains(errs, "versions.lock") || !strings.Contains(out, " 0 problems") {
		t.Fatalf("--update-lock: exit %d\n%s%s", code, out, errs)
	}
	p := filepath.Join(cl, "confidentiality.md")
	src, _ := os.ReadFile(p)
	m := regexp.MustCompile(`(?m)^version: (\d+)\.(\d+)\.(\d+)$`).FindSubmatch(src)
	if m == nil {
		t.Fatal("confidentiality.md has no version line")
	}
	old := fmt.Sprintf("%s.%s.%s", m[1], m[2], m[3])
	patch, _ := strconv.Atoi(string(m[3]))
	bumped := fmt.Sprintf("%s.%s.%d", m[1], m[2], patch+1)
	edited := bytes.Replace(src, []byte("appropriate training on data protection"), []byte("suitable training on data protection"), 1)
	os.WriteFile(p, edited, 0o644)
	if code, out, _ := lint(); code != 1 || !strings.Contains(out, "the text changed but its version ("+old+") did not: bump the version") || !strings.Contains(out, "in clauses/confidentiality.md") {
		t.Errorf("edited without a new version: exit %d\n%s", code, out)
	}
	os.WriteFile(p, bytes.Replace(edited, []byte("version: "+old), []byte("version: "+bumped), 1), 0o644)
	if code, out, _ := lint(); code != 1 || !strings.Contains(out, "version "+bumped+" is not recorded in versions.lock (it records "+old+")") || !strings.Contains(out, "in clauses/confidentiality.md") {
		t.Errorf("bumped but not recorded: exit %d\n%s", code, out)
	}
	if code, out, errs := lint("--update-lock"); code != 0 {
		t.Errorf("recorded: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := dpakit(t, "", "lint", "--update-lock"); code != 2 || !strings.Contains(errs, "--clauses") {
		t.Errorf("--update-lock without --clauses: exit %d: %s", code, errs)
	}
}

const (
	negotiatedFixture = "../../fixtures/deals/negotiated.yaml"
)

// TestExplain checks the effective deal of the negotiated fixture: the
// deviations first, with their sources, then every term with where it came
// from.
func TestExplain(t *testing.T) {
	code, out, errs := dpakit(t, "", "explain", negotiatedFixture, "--profile", exampleProfilePath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	deviations, terms, ok := strings.Cut(out, "Terms, with where each value came from:")
	if !ok {
		t.Fatalf("no terms section:\n%s", out)
	}
	for _, w := range []string{
		"breach notice 24 hours (standard 48) [deal]",
		// France's law and courts are the DPA's too, in its Clause 19 (the
		// rider before it makes up for the Swiss terms left out).
		"governing law of the SCCs (Clause 17) and, where the Agreement is not under an EEA State's law, of this DPA (Clause 19) for processing under the GDPR: France (standard the Netherlands) [deal]",
		"courts of the SCCs (Clause 18) and, where the Agreement is not under an EEA State's law, of this DPA (Clause 19) for processing under the GDPR: France (standard the Netherlands) [deal]",
		// "approved fallback" only while Legal's approval covers the text
		// (TestFallbackApprovalShown checks both wordings).
		"clause breach: " + builtinFallbackListed(t, "breach", "phone-notice") + " (Provider notifies a Personal Data Breach by telephone",
		"clause liability: " + builtinFallbackListed(t, "liability", "data-protection-cap"),
		// A rider's reviewer reads every word of it, each paragraph quoted.
		`special term (rider) "Insurance" after clause liability, not in the standard: "Provider shall maintain, for the term of the Agreement`,
		`a reputable insurer, covering claims arising from Personal Data Breaches, with a limit of at least EUR 5,000,000 for each claim." / "Provider shall give Customer a certificate of that insurance on request, and shall inform Customer without undue delay if the insurance is cancelled or its limit reduced." [deal]`,
	} {
		if !strings.Contains(deviations, w) {
			t.Errorf("deviations lack %q:\n%s", w, deviations)
		}
	}
	for _, re := range []string{
		`breach\.notice_hours\s+24\s+deal`,
		`provider\.name\s+Kestrel Cloud, Inc\.\s+profile`,
		`scc\.supervisory_authority\s+Commission Nationale.*derived from customer\.country`,
		`scc\.governing_law_option\s+1\s+profile`,
		`audit\.notice_days\s+30\s+profile`,
		`customer\.state\s+-\s+not set`,
		`negotiated\s+audits: remote-first; breach: phone-notice`,
	} {
		if !regexp.MustCompile(re).MatchString(terms) {
			t.Errorf("terms lack /%s/", re)
		}
	}
	code, js, errs := dpakit(t, "", "explain", negotiatedFixture, "--profile", exampleProfilePath, "--json")
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, errs)
	}
	var e struct {
		Deviations []struct {
			Path, Text string
			Source     struct{ Origin, From string }
		}
		Terms []struct {
			Path, Value string
			Source      struct{ Origin, From string }
		}
	}
	if err := json.Unmarshal([]byte(js), &e); err != nil {
		t.Fatal(err)
	}
	if len(e.Deviations) != 11 || e.Deviations[0].Source.Origin != "deal" {
		t.Errorf("JSON deviations: %+v", e.Deviations)
	}
	found := false
	for _, term := range e.Terms {
		if term.Path == "scc.forum" && term.Value == "FR" && term.Source.Origin == "deal" {
			found = true
		}
	}
	if !found {
		t.Error("JSON terms lack scc.forum FR from the deal")
	}
	// Without a profile there is no standard to measure against.
	code, out, _ = dpakit(t, "", "explain", exampleDealPath)
	if code != 0 || !strings.Contains(out, "Deviations: none measured, as no profile was given") {
		t.Errorf("without --profile: exit %d\n%s", code, out)
	}
}

// TestExplainUSOnly is the regression test for explain listing a US-only
// deal's SCC, UK Addendum and Swiss terms among its terms as if they
// applied ("scc.governing_law_option 0 profile"): they are listed apart as
// not applicable, in the text and in the JSON, while the advance notice of
// a new sub-processor, which its DPA states, stays a term; an EU deal has
// no such list.
func TestExplainUSOnly(t *testing.T) {
	code, out, errs := dpakit(t, "", "explain", usDealPath, "--profile", exampleProfilePath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	terms, inapplicable, ok := strings.Cut(out, "Not applicable (US-only deal: no EEA, UK or Swiss data, so its DPA has no SCCs, UK Addendum or Swiss terms):")
	if !ok {
		t.Fatalf("no list of the terms that do not apply:\n%s", out)
	}
	for _, path := range []string{"scc.modules", "scc.docking_clause", "scc.subprocessor_option", "scc.governing_law_option", "scc.forum", "scc.supervisory_authority", "uk_addendum.enabled", "uk_addendum.ending_party", "swiss.enabled"} {
		if regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(path) + `\s`).MatchString(terms) {
			t.Errorf("the terms list %s as if it applied", path)
		}
		if !regexp.MustCompile(`\b` + regexp.QuoteMeta(path) + `\b`).MatchString(inapplicable) {
			t.Errorf("the terms that do not apply lack %s:\n%s", path, inapplicable)
		}
	}
	for _, re := range []string{`scc\.subprocessor_notice_days\s+30\s+profile`, `ccpa\.enabled\s+yes\s+deal`, `gdpr\.applies\s+no\s+deal`} {
		if !regexp.MustCompile(re).MatchString(terms) {
			t.Errorf("terms lack /%s/", re)
		}
	}

	code, js, errs := dpakit(t, "", "explain", usDealPath, "--profile", exampleProfilePath, "--json")
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, errs)
	}
	var e struct {
		Terms []struct {
			Path          string
			NotApplicable *string `json:"not_applicable"`
		}
	}
	if err := json.Unmarshal([]byte(js), &e); err != nil {
		t.Fatal(err)
	}
	marked := map[string]bool{}
	for _, term := range e.Terms {
		if term.NotApplicable != nil {
			marked[term.Path] = strings.Contains(*term.NotApplicable, "US-only deal")
		}
	}
	for path, want := range map[string]bool{"scc.governing_law": true, "uk_addendum.enabled": true, "swiss.enabled": true, "scc.subprocessor_notice_days": false, "ccpa.enabled": false} {
		if got, ok := marked[path]; ok != want || got != want {
			t.Errorf("JSON term %s: marked not applicable %v (reason given %v), want %v", path, ok, got, want)
		}
	}

	code, out, _ = dpakit(t, "", "explain", negotiatedFixture, "--profile", exampleProfilePath)
	if code != 0 || strings.Contains(out, "Not applicable") {
		t.Errorf("an EU deal's explanation lists terms that do not apply (exit %d):\n%s", code, out)
	}
	code, js, _ = dpakit(t, "", "explain", negotiatedFixture, "--profile", exampleProfilePath, "--json")
	if code != 0 || strings.Contains(js, "not_applicable") {
		t.Errorf("an EU deal's JSON marks terms not applicable (exit %d)", code)
	}
}

// TestExplainFallbackWithoutEffect is the regression test for a fallback
// that has no effect in its deal (late-objection under Clause 9 Option 1,
// warned of as fallback_no_effect): explain listed it among the deviations
// and counted it. It is listed apart, after them, uncounted, in the text
// and in the JSON ("without_effect"), with the warning on standard error.
func TestExplainFallbackWithoutEffect(t *testing.T) {
	src, err := os.ReadFile("../../fixtures/deals/processor-option1-eea.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "deal.yaml")
	if err := os.WriteFile(path, append(src, "negotiated: {subprocessors: late-objection}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := dpakit(t, "", "explain", path, "--profile", exampleProfilePath)
	if code != 0 || !strings.Contains(errs, "fallback") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	deviations, rest, ok := strings.Cut(out, "Negotiated but without effect in this deal, so not counted as deviations (1):\n")
	if !ok {
		t.Fatalf("no list of what has no effect:\n%s", out)
	}
	if strings.Contains(deviations, "clause subprocessors") {
		t.Errorf("the fallback without effect is listed as a deviation:\n%s", deviations)
	}
	const want = "  - clause subprocessors: fallback late-objection, negotiated but without effect in this deal: standard text [deal]\n"
	if !strings.HasPrefix(rest, want) {
		t.Errorf("without effect:\n%s\nwant it to start with %q", rest, want)
	}
	code, js, errs := dpakit(t, "", "explain", path, "--profile", exampleProfilePath, "--json")
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, errs)
	}
	var e struct {
		Deviations    []struct{ Path, Text string }
		WithoutEffect []struct{ Path, Text string } `json:"without_effect"`
	}
	if err := json.Unmarshal([]byte(js), &e); err != nil {
		t.Fatal(err)
	}
	if len(e.WithoutEffect) != 1 || e.WithoutEffect[0].Path != "negotiated.subprocessors" {
		t.Errorf("JSON without_effect: %+v", e.WithoutEffect)
	}
	for _, dv := range e.Deviations {
		if dv.Path == "negotiated.subprocessors" {
			t.Errorf("JSON deviation: %+v", dv)
		}
	}
}

// TestManifestRecordsDeviations checks that a PDF rendered over a profile
// records the deal's deviations from it.
func TestManifestRecordsDeviations(t *testing.T) {
	if _, err := exec.LookPath("pdfdetach"); err != nil {
		if os.Getenv("DPAKIT_REQUIRE_TOOLS") != "" {
			t.Fatal("pdfdetach not found")
		}
		t.Skip("pdfdetach not found")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "dpa.pdf")
	if code, _, errs := dpakit(t, "", "render", negotiatedFixture, "--profile", exampleProfilePath, "-o", out); code != 0 {
		t.Fatal(errs)
	}
	if err := exec.Command("pdfdetach", "-saveall", "-o", dir, out).Run(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Deviations []string }
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Deviations) != 11 || !slices.Contains(m.Deviations, "breach notice 24 hours (standard 48)") {
		t.Errorf("manifest deviations = %q", m.Deviations)
	}
}

// TestExplainRepresentative checks that explain lists the customer's
// representative in the Union among the terms and says that the
// supervisory authority it names comes from the representative's Member
// State, for the us-representative fixture, which names none itself; the
// fixture draws no warning about the representative.
func TestExplainRepresentative(t *testing.T) {
	code, out, errs := dpakit(t, "", "explain", "../../fixtures/deals/us-representative.yaml", "--profile", exampleProfilePath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, re := range []string{
		`customer\.representative\.name\s+EU Representation Services Ltd\s+deal`,
		`customer\.representative\.country\s+IE\s+deal`,
		`scc\.supervisory_authority\s+Data Protection Commission \(Ireland\)\s+derived from customer\.representative\.country`,
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("explain lacks /%s/:\n%s", re, out)
		}
	}
	if strings.Contains(errs, "customer.representative") || strings.Contains(errs, "scc.supervisory_authority") {
		t.Errorf("warnings about the representative: %s", errs)
	}
}

// TestUnapprovedFallbackWarned checks that rendering or validating a deal
// that negotiates a fallback whose text has changed since its approval
// warns, at the deal's line, naming the approval and both versions, and
// still writes the document: the sender learns that Legal has not
// approved the text it is about to send.
func TestUnapprovedFallbackWarned(t *testing.T) {
	deal := "../../fixtures/deals/negotiated.yaml"
	for _, args := range [][]string{
		{"validate", deal, "--profile", exampleProfilePath},
		{"render", deal, "--profile", exampleProfilePath, "--format", "md"},
	} {
		code, out, errs := dpakit(t, "", args...)
		if code != 0 || out == "" {
			t.Fatalf("%s: exit %d: %s", args[0], code, errs)
		}
		if !regexp.MustCompile(`dpakit: warning: negotiated\.yaml:\d+: negotiated\.subprocessors: the fallback "late-objection" of the clause "subprocessors" is at version \d+\.\d+\.\d+, but its approval \(Head of Legal, Kestrel Cloud, Inc\., 2026-11-20\) covers version 1\.0\.0: its text has changed since and needs approving again`).MatchString(errs) {
			t.Errorf("%s: no warning of the unapproved fallback:\n%s", args[0], errs)
		}
	}
}
