package server

import (
	"strings"
	"testing"
	"time"
)

// TestParseAuthRefusesHighCost is the regression test for an auth file
// whose bcrypt hash has a cost so high that building the unknown users'
// hash at that cost kept the server from ever listening (cost 31 takes
// days): a cost above 14 is refused at once, naming the line, the highest
// cost allowed and how to make a hash with a lower one.
func TestParseAuthRefusesHighCost(t *testing.T) {
	const salted = "$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
	for _, tc := range []struct{ name, file, want string }{
		{"cost 31", "legal:$2a$31" + salted + "\n",
			`auth.txt:1: the password hash of "legal" has bcrypt cost 31, above the highest allowed, 14`},
		{"cost 15, second line", "# people\nsales:$2b$15" + salted + "\n",
			`auth.txt:2: the password hash of "sales" has bcrypt cost 15, above the highest allowed, 14`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := ParseAuth([]byte(tc.file), "auth.txt")
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("ParseAuth is still hashing after 5 seconds")
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("ParseAuth(%q) = %v, want an error with %q", tc.file, err, tc.want)
			}
			user, _, _ := strings.Cut(strings.TrimPrefix(tc.file, "# people\n"), ":")
			if how := "htpasswd -nB -C 10 " + user; !strings.Contains(err.Error(), how) {
				t.Errorf("the error %q does not say how to make a hash with a lower cost (%s)", err, how)
			}
		})
	}
}
