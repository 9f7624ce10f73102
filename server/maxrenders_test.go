package server

import (
	"strings"
	"testing"
)

// TestNewRefusesNegativeMaxRenders is the regression test for
// --max-renders -1 being taken silently (as the default): New refuses a
// negative number of renders at once, naming the flag and the rule, and
// takes 0 as the default and any positive number as it is.
func TestNewRefusesNegativeMaxRenders(t *testing.T) {
	for _, tc := range []struct {
		renders int
		want    string // the error, "" for none
		slots   int    // the render slots of a server built
	}{
		{-1, "--max-renders: must be at least 1 (the documents rendered at once), not -1; leave it out", 0},
		{-8, "--max-renders: must be at least 1 (the documents rendered at once), not -8", 0},
		{0, "", -1},
		{1, "", 1},
		{3, "", 3},
	} {
		cfg := testConfig(t)
		cfg.MaxRenders = tc.renders
		s, err := New(cfg)
		switch {
		case tc.want != "":
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New with MaxRenders %d = %v, want an error with %q", tc.renders, err, tc.want)
			}
		case err != nil:
			t.Errorf("New with MaxRenders %d: %v", tc.renders, err)
		case tc.slots > 0 && cap(s.limiter.slots) != tc.slots:
			t.Errorf("New with MaxRenders %d has %d render slots", tc.renders, cap(s.limiter.slots))
		case tc.slots < 0 && cap(s.limiter.slots) < 2:
			t.Errorf("New with MaxRenders 0 (the default) has %d render slots, want at least 2", cap(s.limiter.slots))
		}
	}
}
