package assemble_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/mddoc"
	"github.com/dpakit/dpakit/assemble/sublist"
	"github.com/dpakit/dpakit/assemble/wording"
)

// moved returns d's list with its first sub-processor moved to country
// (named location), under the transfer mechanism tm.
func moved(d *deal.Deal, country, location, tm string) []deal.Subprocessor {
	cur := slices.Clone(d.Subprocessors.List)
	cur[0].Country, cur[0].Location, cur[0].TransferMechanism = country, location, tm
	return cur
}

// TestCounsel9Notices is the regression test for the ninth counsel's
// reading of the change notices: a customer told of its late objection is
// also told that processing goes on meanwhile unless it states a serious
// risk; a Swiss-only customer's move is one outside Switzerland and the
// EEA, the area its DPA's sub-processor clause names; and a letter that
// asks for no decision does not point to a "below" that it does not have.
func TestCounsel9Notices(t *testing.T) {
	t.Run("late objection, controller customer", func(t *testing.T) {
		d := fixtureDeal(t, "negotiated")
		checkText(t, noticeMD(t, d, withAddition(d)), []string{
			"While such a later objection is unresolved, the Sub-processor may go on processing your personal data unless the objection states your reasonable view that the processing puts your personal data at serious risk.",
		}, nil)
	})
	t.Run("late objection, processor customer", func(t *testing.T) {
		d := fixtureDeal(t, "processor-option2")
		d.Negotiated = map[string]string{"subprocessors": "late-objection"}
		checkText(t, noticeMD(t, d, withAddition(d)), []string{
			"unless the objection states the Controller’s reasonable view that the processing puts the personal data you process for the Controller at serious risk.",
		}, nil)
	})
	t.Run("Swiss move", func(t *testing.T) {
		d := fixtureDeal(t, "swiss-exporter")
		checkText(t, noticeMD(t, d, moved(d, "IN", "India", "scc")), []string{
			"creates or changes a transfer of your personal data to a country outside Switzerland and the EEA.",
		}, []string{"to a country outside the EEA."})
	})
	t.Run("for information only", func(t *testing.T) {
		d := fixtureDeal(t, "us-ccpa")
		date, _ := deal.ParseDate("2026-12-01")
		n := assemble.Notice{Date: date, Changes: sublist.Diff(d.Subprocessors.List, moved(d, "IN", "India", "none")), OwnList: true}
		md := noticeOf(t, d, n)
		checkText(t, md, []string{"notified for your information and need no decision."}, []string{"take effect only as described below"})
	})
}

// TestCounsel9LateObjectionDeletion checks that a Sub-processor dropped
// after a late objection deletes the data within the DPA's periods, backups
// included, and that Provider confirms it in writing.
func TestCounsel9LateObjectionDeletion(t *testing.T) {
	d := fixtureDeal(t, "negotiated")
	checkText(t, renderMD(t, "negotiated", "dpa"), []string{
		"Provider shall ensure that it deletes the Customer Personal Data it holds within " + wording.Count(d.Deletion.Days, "day") + " after it stops processing it, and copies held in its backups within a further " + wording.Count(d.Deletion.BackupDays, "day") + " (keeping them secure and unused until then), and shall confirm the deletion to Customer in writing once it is complete.",
	}, nil)
}

// noticeOf renders the notice n to the customer of d as Markdown.
func noticeOf(t *testing.T, d *deal.Deal, n assemble.Notice) string {
	t.Helper()
	doc, err := engine(t).AssembleNotice(d, n)
	if err != nil {
		t.Fatalf("AssembleNotice: %v", err)
	}
	var b bytes.Buffer
	if err := mddoc.New().Write(&b, doc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestMeasureCategoryNamed: a category's id given as a measure is named as
// a category, with the ids of its measures to choose from.
func TestMeasureCategoryNamed(t *testing.T) {
	d := fixtureDeal(t, "example")
	d.Security.Measures = deal.Measures{IDs: []string{"encryption", "no-such-measure"}}
	err := engine(t).CheckDeal(d)
	for _, want := range []string{
		`security.measures[0]: "encryption" is a category of the Annex II catalogue, not a measure: list the measures of that category you want (enc-transit-tls, enc-rest-aes`,
		`security.measures[1]: "no-such-measure" is not a measure of the Annex II catalogue (see dpakit clauses measures)`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckDeal: %v\nwant %q", err, want)
		}
	}
}
