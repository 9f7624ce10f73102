package deal

import (
	"bytes"
	"encoding/json"
	"testing"
)

// exampleHash is Hash of the example deal. It changes only when the deal's
// fields, their JSON names or the example change: update it then, knowing
// that every deal hash recorded in a generated document changes with it.
const exampleHash = "32051f7b35ed8023aae6c0ab8c2b404c4cbf624109e187fd539355682d5e0118"

func TestHashStable(t *testing.T) {
	d := exampleDeal(t)
	if got := Hash(d); got != exampleHash {
		t.Errorf("Hash(example) = %s, want %s\ncanonical: %s", got, exampleHash, Canonical(d))
	}
	for range 10 {
		if got := Hash(exampleDeal(t)); got != exampleHash {
			t.Fatalf("Hash not stable: %s", got)
		}
	}
}

func TestCanonical(t *testing.T) {
	d := exampleDeal(t)
	c := Canonical(d)
	if !json.Valid(c) {
		t.Fatalf("Canonical is not JSON: %s", c)
	}
	// Field order is the struct's.
	for _, pair := range [][2]string{{`"reference"`, `"effective_date"`}, {`"customer"`, `"provider"`}, {`"security"`, `"audit"`}} {
		if bytes.Index(c, []byte(pair[0])) > bytes.Index(c, []byte(pair[1])) {
			t.Errorf("%s comes after %s in %s", pair[0], pair[1], c)
		}
	}
	// Empty and missing lists are the same deal.
	e := exampleDeal(t)
	e.Processing.SpecialCategories = []string{}
	e.Security.Certifications = append([]string{}, e.Security.Certifications...)
	n := exampleDeal(t)
	n.Processing.SpecialCategories = nil
	if Hash(e) != Hash(n) {
		t.Errorf("empty and nil lists hash differently:\n%s\n%s", Canonical(e), Canonical(n))
	}
	// Canonical does not modify the deal.
	if e.Processing.SpecialCategories == nil {
		t.Error("Canonical replaced an empty list in its argument")
	}
	// Any change changes the hash.
	changed := exampleDeal(t)
	changed.Subprocessors.List[1].Data[0] = "IP addresses"
	if Hash(changed) == Hash(d) {
		t.Error("a changed deal has the same hash")
	}
}
