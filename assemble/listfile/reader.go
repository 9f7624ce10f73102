package listfile

import (
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/sublist"
)

// Reader reads sub-processor lists from any kind of file: list files,
// deals and profiles (Load), workbooks and CSV files (the embedded
// importer's Import). It checks every list by one deal.Validator's list
// rules, and the importer by the same rules (deal.Validator.ListRules), so
// that a list that imports is a list that diff, the notice and a DPA
// accept. A Reader is safe for concurrent use.
type Reader struct {
	*sublist.Reader
	validator *deal.Validator
	// deal is the deal whose customer the lists serve (see For), or nil.
	deal *deal.Deal
}

// NewReader returns a Reader that checks lists by v's rules; a nil v stands
// for deal.NewValidator(deal.Options{}). Give it the Validator deals are
// checked with (say, one that knows the PDF fonts' characters) so that the
// two never disagree.
func NewReader(v *deal.Validator) *Reader {
	if v == nil {
		v = deal.NewValidator(deal.Options{})
	}
	return &Reader{Reader: sublist.NewReader(v.ListRules(nil)), validator: v}
}

// For returns a Reader that checks lists as lists serving the customer of
// deal d: d decides whether transfers are restricted, and so whether a
// sub-processor's transfer mechanism must fit its country (a deal with
// gdpr.applies: false has no restricted transfers). A nil d gives a Reader
// like rd, which judges mechanisms as for a deal under the GDPR unless a
// deal or profile file says otherwise of its own list.
func (rd *Reader) For(d *deal.Deal) *Reader {
	return &Reader{Reader: sublist.NewReader(rd.validator.ListRules(d)), validator: rd.validator, deal: d}
}

// ForFile returns a Reader for lists that replace the one in the deal or
// profile data (named name): that file's own gdpr setting decides, as For
// does. A list file, or a file whose list cannot be read, gives rd.
func (rd *Reader) ForFile(data []byte, name string) *Reader {
	h, ok := loadHeld(data, name)
	if !ok || h.owner == nil {
		return rd
	}
	return rd.For(h.owner)
}
