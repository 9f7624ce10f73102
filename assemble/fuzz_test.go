package assemble_test

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/htmldoc"
	"github.com/dpakit/dpakit/assemble/mddoc"
	"github.com/dpakit/dpakit/assemble/pdf"
	"github.com/dpakit/dpakit/fixtures"
)

// FuzzAssemble feeds arbitrary deal files, laid over the example profile,
// through decoding, defaults, validation, assembly and every writer. Invalid
// input must give a *deal.ValidationError; a deal that passes validation
// must assemble and write without error. Nothing may panic.
//
//	go test ./assemble -run '^$' -fuzz FuzzAssemble -fuzztime 60s
func FuzzAssemble(f *testing.F) {
	profile, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		f.Fatal(err)
	}
	names, err := fs.Glob(fixtures.FS, "deals/*.yaml")
	if err != nil || len(names) == 0 {
		f.Fatalf("no fixture deals: %v", err)
	}
	for _, n := range names {
		if n == "deals/bench-40.yaml" {
			continue
		}
		b, _ := fs.ReadFile(fixtures.FS, n)
		f.Add(b)
	}
	// Text that once validated and then failed to render or printed
	// wrongly: Markdown syntax at the start of a value (four spaces make a
	// code block), white space at either end, invisible characters.
	example, _ := fs.ReadFile(fixtures.FS, fixtures.ExampleDeal)
	for _, field := range []string{"  name: Müller Logistik GmbH", "  nature: Hosting, storage and analysis of network traffic logs to provide the Services"} {
		key, _, _ := strings.Cut(strings.TrimSpace(field), ":")
		for _, value := range []string{"    Acme", "\tAcme", "Acme GmbH ", "\u00a0Acme", "Acme\u200bGmbH", "Ser\u00advices",
			"# Acme", "> Acme", "1. Acme", "- Acme", "```Acme", "<div>Acme</div>", "***", "---", "=====", "[x]: http://a", "Acme  \\", "{{.}}"} {
			f.Add(bytes.Replace(example, []byte(field), []byte("  "+key+": \""+value+"\""), 1))
		}
	}
	eng := engine(f)
	v := deal.NewValidator(deal.Options{Printable: pdf.Covers})
	pw, err := pdf.New(pdf.Options{ToolVersion: "fuzz"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := v.Load(data, "deal.yaml", profile, "profile.yaml")
		if err != nil {
			var ve *deal.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("invalid deal gave %T %v, want a *deal.ValidationError with problems", err, err)
			}
			return
		}
		for _, kind := range eng.Documents() {
			doc, err := eng.Assemble(d, kind)
			if errors.Is(err, assemble.ErrNotApplicable) {
				continue
			}
			if err != nil {
				var ve *deal.ValidationError
				if errors.As(err, &ve) {
					return // a measure id the catalogue lacks
				}
				t.Fatalf("valid deal fails to assemble %s: %v", kind, err)
			}
			var buf bytes.Buffer
			if err := htmldoc.New().Write(&buf, doc); err != nil {
				t.Fatalf("html: %v", err)
			}
			if err := mddoc.New().Write(&buf, doc); err != nil {
				t.Fatalf("md: %v", err)
			}
			if kind == "dpa" {
				if err := pw.Write(&buf, doc); err != nil {
					t.Fatalf("pdf: %v", err)
				}
			}
		}
	})
}
