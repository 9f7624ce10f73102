package main

import (
	"github.com/dpakit/dpakit/assemble/deal"
	"strconv"
	"time"

	"github.com/dpakit/dpakit/assemble/pdf"
)

// pdfWriter returns a PDF writer for the options. pdf.New fails only on
// bad options (an unknown paper size or e-signature provider), which are
// the user's to fix.
func (a *app) pdfWriter(o renderOptions) (docWriter, error) {
	w, err := pdf.New(pdf.Options{Paper: o.paper, ESign: o.esign, ToolVersion: version(), Date: o.date, Manifest: o.manifest})
	if err != nil {
		return nil, usagef("%v", err)
	}
	return w, nil
}

// manifestFlagHelp describes --manifest.
const manifestFlagHelp = "what the PDF carries as its attached manifest.json: full (versions, clauses, fallbacks, riders and the deviations from the vendor's standard terms, which name the standard values), versions (how it was made, nothing of the negotiation: for the counterparty's copy) or none (default full)"

// sourceDateEpoch is the reproducible-builds variable that fixes the date
// recorded in generated files (https://reproducible-builds.org/specs/source-date-epoch/).
const sourceDateEpoch = "SOURCE_DATE_EPOCH"

// fileDate returns the date a PDF records as its creation and modification
// date: flag (--date: YYYY-MM-DD, midnight UTC, or an RFC 3339 time) when
// given, else SOURCE_DATE_EPOCH (seconds since 1970-01-01 UTC) when set,
// else the zero time, which the writer replaces with the time of the
// render. It is not the agreement's date, which the deal gives.
func fileDate(flag string, getenv func(string) string) (time.Time, error) {
	if flag != "" {
		t, err := time.Parse(time.DateOnly, flag)
		if err != nil {
			if t, err = time.Parse(time.RFC3339, flag); err != nil {
				return time.Time{}, usagef("--date: %q is neither a date (YYYY-MM-DD) nor an RFC 3339 time (2026-12-01T09:30:00Z)", flag)
			}
		}
		if d, err := deal.ParseDate(t.UTC().Format(time.DateOnly)); err != nil || !deal.DateInRange(d) {
			return time.Time{}, usagef("--date: %s is outside the accepted range %s", flag, deal.DateRange)
		}
		return t, nil
	}
	s := getenv(sourceDateEpoch)
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > maxEpoch {
		return time.Time{}, usagef("%s: %q is not a number of seconds since 1970-01-01 UTC (0 to %d)", sourceDateEpoch, s, int64(maxEpoch))
	}
	t := time.Unix(n, 0).UTC()
	if d, err := deal.ParseDate(t.Format(time.DateOnly)); err != nil || !deal.DateInRange(d) {
		return time.Time{}, usagef("%s: %s is %s, outside the accepted range %s", sourceDateEpoch, s, t.Format(time.DateOnly), deal.DateRange)
	}
	return t, nil
}

// maxEpoch is 9999-12-31T23:59:59Z, the last time a PDF date can hold.
const maxEpoch = 253402300799
