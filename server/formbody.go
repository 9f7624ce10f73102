package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"strings"

	"github.com/dpakit/dpakit/assemble/suggest"
	"github.com/gin-gonic/gin"
)

// Form data is read here rather than by net/url, which refuses a body of
// more than 10,000 fields (GODEBUG urlmaxqueryparams): the form of a deal
// with 2,000 sub-processors, the most a deal may have, has about 28,500.
// The body itself is bounded by --max-body; maxFormFields bounds the
// fields, so that a body of only separators cannot make a map of millions.

// subprocessorRowFields is how many fields a sub-processor's row of the
// form sends (name, address, website, contact, contact_title, purpose,
// description, data, location, country, category, transfer_mechanism,
// added, responsibilities); largeform_test.go holds the form to it.
const subprocessorRowFields = 14

// maxFormFields is the most fields form data may have: twice the largest
// list's rows (2,000 sub-processors of subprocessorRowFields each), which
// leaves room for the rest of the form (about 500 fields with every other
// list full and every measure ticked) and for rows that grow.
const maxFormFields = 2 * 2000 * subprocessorRowFields

// multipartMemory is how much of a multipart body is held in memory
// rather than in temporary files, as net/http's own default.
const multipartMemory = 32 << 20

// errFormFields is form data with more fields than maxFormFields.
type errFormFields struct {
	fields int
}

func (e errFormFields) Error() string {
	return fmt.Sprintf("the form data has %d fields, more than the %d the server reads (the form of a deal with 2,000 sub-processors, the most a deal may have, has about 28,500): "+
		"check the deal file with dpakit validate, or send it to the API as YAML or JSON (Content-Type: application/yaml or application/json)", e.fields, maxFormFields)
}

// errFormEncoding is form data that does not decode: a field with a
// semicolon in it, or a bad %-escape. Browsers never send such data.
type errFormEncoding struct {
	field string // the field as sent, name=value
	err   error  // why it does not decode
}

func (e errFormEncoding) Error() string {
	return fmt.Sprintf("the form data cannot be read: its field %s %v; send the form as a browser does (application/x-www-form-urlencoded, each name and value %%-escaped)", suggest.Quote(e.field), e.err)
}

func (e errFormEncoding) Unwrap() error { return e.err }

// parseForm decodes application/x-www-form-urlencoded data as
// url.ParseQuery does, but for up to maxFormFields fields: more is an
// errFormFields, a field that does not decode an errFormEncoding naming
// it.
func parseForm(data []byte) (url.Values, error) {
	if n := bytes.Count(data, []byte("&")) + 1; n > maxFormFields {
		return nil, errFormFields{fields: n}
	}
	form := url.Values{}
	for field := range strings.SplitSeq(string(data), "&") {
		if field == "" {
			continue
		}
		if strings.Contains(field, ";") {
			return nil, errFormEncoding{field: field, err: errors.New("has a semicolon, which does not separate fields (write one in a value as %3B)")}
		}
		rawName, rawValue, _ := strings.Cut(field, "=")
		name, err := url.QueryUnescape(rawName)
		if err != nil {
			return nil, errFormEncoding{field: field, err: fmt.Errorf("has a name that does not decode: %w", err)}
		}
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			return nil, errFormEncoding{field: field, err: fmt.Errorf("has a value that does not decode: %w", err)}
		}
		form[name] = append(form[name], value)
	}
	return form, nil
}

// formData reads the form data of a request to one of the form's routes:
// an urlencoded body by parseForm, a multipart one (a form posted with
// enctype="multipart/form-data") as net/http reads it, its files aside.
// A body over --max-body fails with the body limit's error.
func formData(c *gin.Context) (url.Values, error) {
	mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if mt == "multipart/form-data" {
		// ParseForm leaves a multipart body unread: the form would be
		// empty. The body is bounded by --max-body.
		if err := c.Request.ParseMultipartForm(multipartMemory); err != nil {
			return nil, fmt.Errorf("read form data: %w", err)
		}
		return c.Request.PostForm, nil
	}
	if mt != "application/x-www-form-urlencoded" {
		if err := c.Request.ParseForm(); err != nil {
			return nil, fmt.Errorf("read form data: %w", err)
		}
		return c.Request.PostForm, nil
	}
	data, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return nil, fmt.Errorf("read form data: %w", err)
	}
	return parseForm(data)
}
