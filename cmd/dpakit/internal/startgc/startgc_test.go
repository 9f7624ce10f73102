package startgc

import (
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"
)

// childEnv makes the test binary print the collector's pace as package
// initialisation left it, and exit.
const childEnv = "STARTGC_TEST_PRINT_PACE"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		fmt.Print(debug.SetGCPercent(defaultPercent))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestInitPace starts the test binary afresh and reads the pace its init
// set: five times the live heap, unless the user chose one with GOGC.
func TestInitPace(t *testing.T) {
	tests := []struct {
		gogc string
		want string
	}{
		{"", "400"},
		{"50", "50"},
		{"off", "-1"},
	}
	for _, tt := range tests {
		t.Run("GOGC="+tt.gogc, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), childEnv+"=1", "GOGC="+tt.gogc)
			out, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(string(out)); got != tt.want {
				t.Errorf("pace after init with GOGC=%q: %s, want %s", tt.gogc, got, tt.want)
			}
		})
	}
}

// TestDone: Done puts Go's default pace back, and leaves a pace the user
// chose with GOGC alone.
func TestDone(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(defaultPercent))
	t.Setenv("GOGC", "")
	debug.SetGCPercent(startPercent)
	Done()
	if got := debug.SetGCPercent(defaultPercent); got != defaultPercent {
		t.Errorf("after Done the pace is %d, want %d", got, defaultPercent)
	}

	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50)
	Done()
	if got := debug.SetGCPercent(defaultPercent); got != 50 {
		t.Errorf("with GOGC=50, after Done the pace is %d, want the user's 50", got)
	}
}
