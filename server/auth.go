package server

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"golang.org/x/crypto/bcrypt"
)

// Auth checks the credentials of requests to a server shared inside a
// company: API tokens (Authorization: Bearer TOKEN) and users with bcrypt
// password hashes (HTTP basic authentication, which browsers ask for).
// Credentials travel in clear text: run such a server behind TLS.
type Auth struct {
	tokens [][sha256.Size]byte
	users  map[string][]byte // user -> bcrypt hash

	// verified remembers basic-auth credentials that matched, by their
	// SHA-256, so bcrypt's deliberate slowness is paid once per user and
	// password rather than on every request.
	mu       sync.Mutex
	verified map[[sha256.Size]byte]bool

	// dummy is a bcrypt hash compared for unknown users, so a missing user
	// costs the same time as a wrong password: it has the highest cost of
	// the users' hashes.
	dummy []byte
}

// minTokenLength is the shortest API token accepted.
const minTokenLength = 24

// ParseAuth reads an auth file: one credential a line, without white
// space, blank lines and lines starting with # ignored. A line USER:HASH
// with a bcrypt hash ($2a$, $2b$ or $2y$, as `htpasswd -nB USER` prints)
// adds a basic-auth user; any other line is an API token of at least 24
// characters without a colon.
func ParseAuth(data []byte, name string) (*Auth, error) {
	a := &Auth{users: map[string][]byte{}, verified: map[[sha256.Size]byte]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.ContainsAny(line, " \t") {
			return nil, fmt.Errorf("%s:%d: a credential has no spaces in it (a comment goes on a line of its own, starting with #)", name, n)
		}
		if user, hash, ok := strings.Cut(line, ":"); ok {
			if err := a.addUser(user, hash, name, n); err != nil {
				return nil, err
			}
			continue
		}
		if len(line) < minTokenLength {
			return nil, fmt.Errorf("%s:%d: an API token must be at least %d characters long (or write USER:BCRYPT-HASH for a user)", name, n, minTokenLength)
		}
		a.tokens = append(a.tokens, sha256.Sum256([]byte(line)))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(a.tokens) == 0 && len(a.users) == 0 {
		return nil, fmt.Errorf("%s: no tokens or users in the file", name)
	}
	if len(a.users) > 0 {
		dummyCost := bcrypt.MinCost
		for _, hash := range a.users {
			cost, _ := bcrypt.Cost(hash) // checked by addUser: at most maxCost
			dummyCost = max(dummyCost, cost)
		}
		var secret [16]byte
		_, _ = rand.Read(secret[:])
		var err error
		if a.dummy, err = bcrypt.GenerateFromPassword(secret[:], dummyCost); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return a, nil
}

// addUser adds the basic-auth user of line n of the auth file name,
// USER:HASH. Any line with a colon is a user (an API token has none): a
// password written in clear, or a hash of another kind, is refused rather
// than taken for a token that would let in whoever sends the whole line.
func (a *Auth) addUser(user, hash, name string, n int) error {
	if user == "" {
		return fmt.Errorf("%s:%d: a user name is missing before the colon (an API token has no colon in it)", name, n)
	}
	if !strings.HasPrefix(hash, "$2") {
		return fmt.Errorf("%s:%d: the password hash of the user %q is not a bcrypt hash: write USER:HASH with the $2a$, $2b$ or $2y$ hash that `htpasswd -nB %s` prints, never the password itself (an API token has no colon in it)", name, n, user, user)
	}
	cost, err := bcrypt.Cost([]byte(hash))
	if err != nil {
		return fmt.Errorf("%s:%d: the password hash of %q is not a bcrypt hash: %v", name, n, user, err)
	}
	if err := checkCost(cost, user); err != nil {
		return fmt.Errorf("%s:%d: %w", name, n, err)
	}
	if _, twice := a.users[user]; twice {
		return fmt.Errorf("%s:%d: the user %q is given twice", name, n, user)
	}
	a.users[user] = []byte(hash)
	return nil
}

// maxCost is the highest bcrypt cost an auth file may use: a check at
// cost 14 takes about a second, and each step up doubles it, so a higher
// cost would hold every sign-in (and the server's start, which builds a
// hash of that cost for unknown users) for minutes or days.
const maxCost = 14

// checkCost refuses a user's bcrypt cost above maxCost, saying how to make
// a hash with a lower one. It reads the cost only: it never hashes.
func checkCost(cost int, user string) error {
	if cost <= maxCost {
		return nil
	}
	return fmt.Errorf("the password hash of %q has bcrypt cost %d, above the highest allowed, %d (about a second a check; each step up doubles it): make a hash with a lower cost, such as `htpasswd -nB -C 10 %s` (htpasswd -B uses 5 by default)", user, cost, maxCost, user)
}

// errUnauthorized is the answer to a request without valid credentials.
var errUnauthorized = errors.New("authentication required: send Authorization: Bearer TOKEN, or sign in with your user name and password")

// check reports whether the request carries valid credentials.
func (a *Auth) check(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	if tok, ok := strings.CutPrefix(h, "Bearer "); ok {
		sum := sha256.Sum256([]byte(strings.TrimSpace(tok)))
		found := 0
		for _, t := range a.tokens {
			found |= subtle.ConstantTimeCompare(sum[:], t[:])
		}
		return found == 1
	}
	user, pass, ok := r.BasicAuth()
	if !ok {
		return false
	}
	hash, known := a.users[user]
	if !known {
		_ = bcrypt.CompareHashAndPassword(a.dummy, []byte(pass))
		return false
	}
	key := sha256.Sum256([]byte(user + "\x00" + pass + "\x00" + string(hash)))
	a.mu.Lock()
	ok = a.verified[key]
	a.mu.Unlock()
	if ok {
		return true
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(pass)) != nil {
		return false
	}
	a.mu.Lock()
	if len(a.verified) >= 1024 {
		clear(a.verified)
	}
	a.verified[key] = true
	a.mu.Unlock()
	return true
}

// middleware refuses requests without valid credentials with 401 and a
// WWW-Authenticate challenge.
func (a *Auth) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.check(r) {
			if len(a.users) > 0 {
				w.Header().Set("WWW-Authenticate", `Basic realm="dpakit", charset="UTF-8"`)
			} else {
				w.Header().Set("WWW-Authenticate", `Bearer realm="dpakit"`)
			}
			writeError(w, r, http.StatusUnauthorized, errUnauthorized.Error())
			return
		}
		next.ServeHTTP(w, r)
	})
}
