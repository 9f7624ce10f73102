package sublist

import (
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/google/go-cmp/cmp"
)

func TestApplyTo(t *testing.T) {
	aws := deal.Subprocessor{Name: "AWS", Purpose: "Hosting", Location: "eu-west-1", Country: "IE", TransferMechanism: "none", Category: "infrastructure"}
	pt := deal.Subprocessor{Name: "Papertrail", Purpose: "Logs", Location: "United States", Country: "US", TransferMechanism: "scc", Category: "service"}
	heroku := deal.Subprocessor{Name: "Heroku", Purpose: "Apps", Location: "United States", Country: "US", TransferMechanism: "scc", Category: "service"}
	okta := deal.Subprocessor{Name: "Okta", Purpose: "Login", Location: "United States", Country: "US", TransferMechanism: "dpf", Category: "service"}

	vendorOld := []deal.Subprocessor{aws, pt, heroku}
	awsUS := aws
	awsUS.Location, awsUS.Country, awsUS.TransferMechanism = "us-east-1", "US", "dpf"
	vendorNew := []deal.Subprocessor{awsUS, pt, okta}
	c := Diff(vendorOld, vendorNew)

	// The customer agreed AWS (with its own address) and Heroku, not
	// Papertrail.
	awsOwn := aws
	awsOwn.Address = "38 Avenue John F. Kennedy, Luxembourg"
	customer := []deal.Subprocessor{awsOwn, heroku}
	got := ApplyTo(customer, c)
	awsOwnUS := awsOwn
	awsOwnUS.Location, awsOwnUS.Country, awsOwnUS.TransferMechanism = "us-east-1", "US", "dpf"
	want := []deal.Subprocessor{awsOwnUS, okta}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ApplyTo (-want +got):\n%s", diff)
	}
	if customer[0].Country != "IE" {
		t.Error("ApplyTo modified its input")
	}

	mine := Diff(customer, got)
	if len(mine.Added) != 1 || mine.Added[0].Name != "Okta" || len(mine.Removed) != 1 || mine.Removed[0].Name != "Heroku" {
		t.Errorf("customer's changes: %+v", mine)
	}
	if len(mine.Changed) != 1 || cmp.Diff([]string{"location", "country", "transfer_mechanism"}, mine.Changed[0].FieldNames()) != "" {
		t.Errorf("customer's changed entries: %+v (the address is the customer's and must not change)", mine.Changed)
	}
}

// TestApplyToEveryComparedField: every field Diff compares is carried over
// by ApplyTo, so a new field in Diff cannot be forgotten here.
func TestApplyToEveryComparedField(t *testing.T) {
	before := deal.Subprocessor{Name: "X"}
	after := deal.Subprocessor{Name: "X", Description: "d", Purpose: "p", Category: "service", Location: "l", Country: "US",
		Data: []string{"a"}, TransferMechanism: "scc", Website: "https://x.example", Address: "a", Contact: "c",
		ContactTitle: "t", Responsibilities: "r"}
	after.Added, _ = deal.ParseDate("2026-01-02")
	c := Diff([]deal.Subprocessor{before}, []deal.Subprocessor{after})
	if len(c.Changed) != 1 || len(c.Changed[0].Fields) != len(comparedFields())-1 {
		t.Fatalf("test entry does not change every compared field but the name: %+v", c.Changed)
	}
	got := ApplyTo([]deal.Subprocessor{before}, c)
	if rest := Diff(got, []deal.Subprocessor{after}); !rest.Empty() {
		t.Errorf("ApplyTo left fields unchanged: %+v", rest.Changed)
	}
}
