package assemble_test

import (
	"fmt"
	"io/fs"
	"log"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/clauses"
	"github.com/dpakit/dpakit/fixtures"
	"github.com/dpakit/dpakit/templates"
)

// ExampleEngine_Assemble assembles the example DPA and prints its clause
// headings with the labels cross-references print: numbers are computed
// from the clauses the deal includes.
func ExampleEngine_Assemble() {
	eng, err := assemble.LoadEngine(clauses.FS, templates.FS)
	if err != nil {
		log.Fatal(err)
	}
	data, _ := fs.ReadFile(fixtures.FS, fixtures.ExampleDeal)
	d, err := deal.Load(data, "example.yaml", nil, "")
	if err != nil {
		log.Fatal(err)
	}
	doc, err := eng.Assemble(d, "dpa")
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range doc.Blocks {
		if h, ok := b.(*document.Heading); ok && h.Number != "" {
			fmt.Printf("%s: %s\n", h.Label, h.Text)
		}
	}
	// Output:
	// Clause 1: Definitions and Interpretation
	// Clause 2: Scope and Roles of the Parties
	// Clause 3: Customer’s Instructions
	// Clause 4: Confidentiality
	// Clause 5: Security of Processing
	// Clause 6: Sub-processors
	// Clause 7: Data Subjects’ Rights
	// Clause 8: Personal Data Breaches
	// Clause 9: Assistance with Impact Assessments and Prior Consultation
	// Clause 10: Return and Deletion of Customer Personal Data
	// Clause 11: Information and Audits
	// Clause 12: International Transfers
	// Clause 13: Transfers from the United Kingdom
	// Clause 14: Transfers from Switzerland
	// Clause 15: Government Requests and Supplementary Measures
	// Clause 16: California Consumer Privacy Act
	// Clause 17: Liability
	// Clause 18: Term and Termination
	// Clause 19: General Provisions
	// Schedule 1.A: EU Standard Contractual Clauses
	// Schedule 1.B: UK Addendum Tables
	// Annex I.A: List of Parties
	// Annex I.B: Description of the Processing and Transfer
	// Annex I.C: Competent Supervisory Authority
}
