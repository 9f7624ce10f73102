package deal

import (
	"errors"
	"strings"
	"testing"
)

// FuzzLoad checks that decoding, merging, defaulting and validating any
// deal and profile never panics, that every error is a *ValidationError with
// messages of our own, and that Defaults is idempotent.
func FuzzLoad(f *testing.F) {
	profile, deal := splitExample(f)
	f.Add(readExample(f), []byte(nil))
	f.Add(deal, profile)
	f.Add([]byte(billionLaughs), []byte(nil))
	f.Add([]byte(`{"customer": {"contcat": 1}, "scc": {"modules": [4]}}`), []byte("a: &a [*a]"))
	v := NewValidator(Options{Printable: func(r rune) bool { return r < 0x2000 }})
	f.Fuzz(func(t *testing.T, deal, profile []byte) {
		if len(profile) == 0 {
			profile = nil
		}
		d, err := v.Load(deal, "deal.yaml", profile, "profile.yaml")
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrInvalid) || len(ve.Problems) == 0 {
				t.Fatalf("Load error %v (%T) is not a *ValidationError with problems", err, err)
			}
			for _, p := range ve.Problems {
				if p.Rule == "" || p.Message == "" || strings.HasPrefix(p.Message, "breaks the rule") {
					t.Errorf("problem without a message of its own: %+v", p)
				}
			}
		}
		if d == nil {
			if err == nil {
				t.Fatal("Load returned neither a deal nor an error")
			}
			return
		}
		h := Hash(d)
		Defaults(d)
		if h2 := Hash(d); h2 != h {
			t.Fatalf("Defaults is not idempotent:\n%s\n%s", h, Canonical(d))
		}
		if err == nil {
			if err := v.Validate(d); err != nil {
				t.Fatalf("a loaded deal fails validation: %v", err)
			}
			// The canonical form is itself a deal that loads to the same deal.
			again, err := v.Load(Canonical(d), "canonical.json", nil, "")
			if err != nil {
				t.Fatalf("canonical form does not load: %v\n%s", err, Canonical(d))
			}
			if Hash(again) != h {
				t.Fatalf("canonical round trip changed the deal:\n%s\n%s", Canonical(d), Canonical(again))
			}
		}
	})
}
