package main

import (
	"github.com/dpakit/dpakit/assemble/pdf"
)

// pdfWriter returns a PDF writer for the options. pdf.New fails only on
// bad options (an unknown paper size or e-signature provider), which are
// the user's to fix.
func (a *app) pdfWriter(o renderOptions) (docWriter, error) {
	w, err := pdf.New(pdf.Options{Paper: o.paper, ESign: o.esign, ToolVersion: version()})
	if err != nil {
		return nil, usagef("%v", err)
	}
	return w, nil
}
