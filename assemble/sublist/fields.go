package sublist

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// field is a column an imported list may have.
type field int

const (
	fName field = iota
	fDescription
	fPurpose
	fCategory
	fLocation
	fCountry
	fCountryCode
	fData
	fTransfer
	fWebsite
	fAdded
	fAddress
	fContact
	fContactTitle
	fResponsibilities
	numFields
)

// fieldNames name the fields in messages.
var fieldNames = [numFields]string{
	"name", "description", "purpose", "category", "location", "country", "ISO code",
	"data categories", "transfer mechanism", "website", "date added", "address", "contact",
	"contact position", "responsibilities",
}

// synonyms maps a normalised header (see norm) to its field. Headers are
// matched whole: "Country of the parent company" is not a country column.
var synonyms = map[string]field{
	"name": fName, "entity": fName, "entity name": fName, "legal entity": fName, "vendor": fName,
	"vendor name": fName, "sub processor": fName, "subprocessor": fName, "sub processor name": fName,
	"subprocessor name": fName, "company": fName, "company name": fName, "supplier": fName,
	"third party": fName, "processor": fName,

	"description": fDescription, "general description": fDescription, "service description": fDescription,

	"purpose": fPurpose, "purposes": fPurpose, "purpose of processing": fPurpose, "function": fPurpose,
	"service": fPurpose, "services": fPurpose, "nature of processing": fPurpose,
	"processing activities": fPurpose, "purpose of the processing": fPurpose,

	"category": fCategory, "type": fCategory, "sub processor type": fCategory,
	"subprocessor type": fCategory, "sub processor category": fCategory,

	"location": fLocation, "hosting location": fLocation, "region": fLocation, "hosting region": fLocation,
	"processing location": fLocation, "data location": fLocation, "location of processing": fLocation,

	"country": fCountry, "country name": fCountry, "country of processing": fCountry,
	"country code": fCountryCode, "iso code": fCountryCode, "iso country code": fCountryCode,

	"data": fData, "data categories": fData, "personal data": fData, "data processed": fData,
	"categories of data": fData, "categories of personal data": fData, "personal data processed": fData,
	"types of personal data": fData, "data types": fData,

	"transfer mechanism": fTransfer, "transfer mechanisms": fTransfer, "safeguard": fTransfer,
	"safeguards": fTransfer, "transfer": fTransfer, "transfer safeguard": fTransfer,
	"transfer safeguards": fTransfer,

	"website": fWebsite, "web site": fWebsite, "url": fWebsite, "web": fWebsite, "homepage": fWebsite,

	"date added": fAdded, "added": fAdded, "added on": fAdded,

	"address": fAddress, "registered address": fAddress,

	"contact": fContact, "contact person": fContact, "contact details": fContact,

	"contact title": fContactTitle, "contact position": fContactTitle, "contact person position": fContactTitle,
	"contact person title": fContactTitle, "position of the contact person": fContactTitle,

	"responsibilities": fResponsibilities, "delimitation of responsibilities": fResponsibilities,
	"responsibility": fResponsibilities,
}

// clean trims s, drops control characters and joins its lines and runs of
// spaces into single spaces: every field but data is one line.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// splitData splits a data categories cell into categories. Semicolons
// and line breaks separate categories; so do commas, unless the cell has a
// semicolon or a line break, which then are the only separators. So
// "Name, Email, IP address" (the way a spreadsheet user types a list in a
// ";"-separated CSV file) is three categories, and a category that itself
// contains a comma is kept whole by separating the categories with
// semicolons: "Device logs, statuses and progress; IP address", or
// "Device logs, statuses and progress;" when it is the only one.
func splitData(s string) []string {
	seps := ";\n\r"
	if !strings.ContainsAny(s, seps) {
		seps = ","
	}
	var out []string
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if item = clean(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// dateLayouts are the text dates accepted besides Excel date cells.
var dateLayouts = []string{"2006-01-02", "2006/01/02", "2 January 2006", "2 Jan 2006", "January 2, 2006", "Jan 2, 2006"}

// parseDate reads an Excel date serial (a date cell read raw) or a text date.
func parseDate(s string) (time.Time, bool) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if v < 1 || v > 2958465 { // 1900-01-01 .. 9999-12-31
			return time.Time{}, false
		}
		t, err := excelize.ExcelDateToTime(v, false)
		if err != nil {
			return time.Time{}, false
		}
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

// parseWebsite accepts an http or https address, or a bare host name
// ("example.com", given https://).
func parseWebsite(s string) (string, bool) {
	if strings.ContainsAny(s, " \t") {
		return "", false
	}
	if !strings.Contains(s, "://") {
		if !strings.Contains(s, ".") || strings.ContainsAny(s, ":@") {
			return "", false
		}
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return "", false
	}
	return s, true
}
