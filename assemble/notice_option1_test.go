package assemble_test

import (
	"slices"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
)

// option1List returns the Option 1 processor customer's deal and a copy of
// its own list (its Annex III), with the Zendesk entry's index.
func option1List(t *testing.T) (*deal.Deal, []deal.Subprocessor, int) {
	t.Helper()
	d := fixtureDeal(t, "processor-option1-eea")
	if d.SCC.SubprocessorOption != deal.SpecificAuthorisation {
		t.Fatal("processor-option1-eea no longer chooses Option 1")
	}
	cur := slices.Clone(d.Subprocessors.List)
	for i := range cur {
		cur[i].Data = slices.Clone(cur[i].Data)
		if cur[i].Name == "Zendesk, Inc." {
			return d, cur, i
		}
	}
	t.Fatal("processor-option1-eea's list has no Zendesk, Inc.")
	return nil, nil, 0
}

// TestNoticeOption1WiderDataIsRequested is the regression test for an
// Option 1 customer's notice of a change that only widens the data an
// authorised sub-processor receives: it was a "Notice of changes" saying
// the Controller "may object" and that the changes were "notified for your
// information", though the specific authorisation covers the processing
// Annex III describes and the DPA's Option 1 clause gives no right to
// object. It is now a request, with the period and consequences of the
// DPA's clause 6, citing that clause and Art. 28 GDPR, not SCC Clause 9
// (the SCCs do not apply to this customer: its provider is in the EEA).
// The categories are lower-cased and kept distinct.
func TestNoticeOption1WiderDataIsRequested(t *testing.T) {
	d, cur, z := option1List(t)
	cur[z].Data = append(cur[z].Data, "Salary and bank details")
	txt := noticeMD(t, d, cur)
	checkText(t, txt, []string{
		"Request for specific authorisation · ",
		"under the sub-processor terms (Clause 6) of the Data Processing Agreement between Lumen Payroll Services B.V. and Provider (reference DPA-20261201-LUMEN-PAYROLL-SERVICES) and under Article 28(2) and (4) of the GDPR, for the extensions of the processing of authorised Sub-processors set out below.",
		"## 1\\. Wider processing by authorised Sub-processors, for which authorisation is requested",
		"| **Zendesk, Inc.**, 989 Market Street, San Francisco, CA 94103, United States | Data categories | Employee names and identifiers | Employee names and identifiers; salary and bank details |",
		"The Controller’s authorisation of a Sub-processor covers the processing that the list of Sub-processors in your Data Processing Agreement (its Annex III) describes.",
		"giving or refusing its authorisation for each extension listed above",
		"Provider will not extend the processing of an authorised Sub-processor as described above unless and until you have communicated the Controller’s authorisation in writing.",
		"no extension of processing will take effect before **31 December 2026**",
		"without the extension of the processing concerned or, if it cannot reasonably do so, tell you; you may then terminate",
		"that list authorises no Sub-processor for the personal data you process for the Controller",
	}, []string{
		"Notice of changes", "may object", "right to object", "notified for your information",
		"Clause 9(a)", "Salary and bank details", "identifiers and salary",
		"The complete, current list",
	})
}

// TestNoticeOption1InformationOnly: a change that widens nothing (the
// contact person's position) is notified to an Option 1 customer for
// information, without any "may object" wording, and the published list
// is described as the request describes it: one that authorises nothing.
func TestNoticeOption1InformationOnly(t *testing.T) {
	d, cur, z := option1List(t)
	cur[z].ContactTitle = "General Counsel"
	cur[z].Website = "https://zendesk.example"
	txt := noticeMD(t, d, cur)
	checkText(t, txt, []string{
		"Notice of changes · ",
		"please pass this notice on to the Controller without delay. It asks for no decision: the changes it sets out are notified for information.",
		"| **Zendesk, Inc.** | Contact person’s position | Data Protection Officer | General Counsel |",
		"they neither add a Sub-processor nor widen the processing that your Data Processing Agreement authorises, and need no authorisation.",
		"for information only: that list authorises no Sub-processor for the personal data you process for the Controller",
	}, []string{
		"may object", "right to object", "The complete, current list", "Request for specific authorisation",
	})
}

// TestNoticeOption1ResponsibilitiesAndPurposeAreRequested: a new
// delimitation of responsibilities or a new purpose is requested, beside
// an addition and a move, and each sentence of the request covers all
// three; a change of address only stays information.
func TestNoticeOption1ResponsibilitiesAndPurposeAreRequested(t *testing.T) {
	d, cur, z := option1List(t)
	cur[z].Responsibilities = "Stores support tickets and reads payroll records to resolve them"
	cur[z].Purpose = "Handling of support tickets and payroll corrections"
	cur = append(cur, forAnnexIII(d, zendesk))
	cur[len(cur)-1].Name = "Okta, Inc."
	for i := range cur {
		if cur[i].Country == "DE" {
			cur[i].Location, cur[i].Country, cur[i].TransferMechanism = "United States", "US", "scc"
		}
	}
	txt := noticeMD(t, d, cur)
	checkText(t, txt, []string{
		"for the engagement of the Sub-processors, the changes of location and the extensions of the processing of authorised Sub-processors set out below",
		"| **Zendesk, Inc.**, 989 Market Street, San Francisco, CA 94103, United States | Responsibilities | ",
		"| **Zendesk, Inc.**, 989 Market Street, San Francisco, CA 94103, United States | Purpose | ",
		"for each Sub-processor, each move and each extension listed above",
		"Provider will not allow a Sub-processor listed above to process the personal data you process for the Controller, nor move the processing of an existing Sub-processor to its new place, nor extend the processing of an authorised Sub-processor as described above, unless and until",
		"Provider will not engage that Sub-processor for that personal data, make that move or extend that processing.",
		// F5: the moves table gives the additions' Annex III columns.
		"| Sub-processor and address | Contact person (position) | Processing and responsibilities | From | To | Personal data it will process | Transfer mechanism |",
		"Responsibilities: Provides the computing and storage infrastructure",
	}, []string{"may object", "Other changes to existing Sub-processors"})
}

// TestNoticeOption2WiderDataIsNotified: an Option 2 customer's general
// authorisation covers each Sub-processor for the processing its Annex III
// describes ("Each Sub-processor performs only the processing described
// against its name"), so a change that widens the data an existing one
// receives is notified like an addition, with the notice period, the
// standstill and the Controller's right to object, and not "for
// information" (the mirror of the Option 1 request).
func TestNoticeOption2WiderDataIsNotified(t *testing.T) {
	d := fixtureDeal(t, "processor-option2")
	cur := slices.Clone(d.Subprocessors.List)
	cur[0].Data = append(slices.Clone(cur[0].Data), "Salary and bank details")
	txt := noticeMD(t, d, cur)
	checkText(t, txt, []string{
		"Notice of changes, with the right to object · ",
		"it is the Controller that may object to the extensions of processing set out below, through you",
		"Wider processing by existing Sub-processors",
		"| Data categories | ",
		"; salary and bank details |",
		"so it is notified to you as an addition is, with the same notice period and the same right of the Controller to object",
		"The Controller may object to an extension of processing listed above, on reasonable grounds",
		"Provider will not extend the processing of an existing Sub-processor as described above before ",
		"continue to provide the Services without the extension of the processing concerned or, if it cannot reasonably do so, tell you",
	}, []string{"may object to these changes", "Request for specific authorisation", "Salary and bank details",
		"notified for information", "It asks for no decision", "allow an added Sub-processor"})

	// A change that does not widen the processing (a new website) stays
	// information only, and says what the right to object covers.
	cur = slices.Clone(d.Subprocessors.List)
	cur[0].Website = "https://other.example"
	txt = noticeMD(t, d, cur)
	checkText(t, txt, []string{
		"It asks for no decision: the changes it sets out are notified for information.",
		"your Data Processing Agreement gives the Controller a right to object to the addition or replacement of a Sub-processor, to a move of a Sub-processor’s processing to a country outside the EEA and to an extension of its processing beyond what the list of Sub-processors in your Data Processing Agreement (its Annex III) describes, not to such changes.",
	}, []string{"Wider processing"})
}

// TestNoticeOption1CitesSCCOnlyWhereTheyApply: a request to an Option 1
// customer whose transfer to Provider is a restricted transfer (Provider
// in the United States) cites SCC Clause 9(a) Option 1 beside its DPA's
// clause and Art. 28 GDPR; the EEA-provider customer's request does not
// (TestNoticeOption1WiderDataIsRequested).
func TestNoticeOption1CitesSCCOnlyWhereTheyApply(t *testing.T) {
	d := fixtureDeal(t, "seed-004")
	if d.SCC.SubprocessorOption != deal.SpecificAuthorisation || d.Provider.Country != "US" {
		t.Fatal("seed-004 is no longer an Option 1 deal with a US provider")
	}
	txt := noticeMD(t, d, withAddition(d))
	checkText(t, txt, []string{
		"Article 28(2) and (4) of the GDPR and Clause 9(a), Option 1, of the Standard Contractual Clauses, for the engagement of the Sub-processors set out below.",
		"the sub-processor terms (Clause ",
	}, nil)
}

// TestAnnexIIIDataCategoriesDistinct: Annex III, which an Option 1 request
// says it describes each Sub-processor as, keeps data categories distinct
// as the request does: "Employee names and identifiers and salary and
// bank details" read as three or four categories.
func TestAnnexIIIDataCategoriesDistinct(t *testing.T) {
	checkText(t, renderMD(t, "processor-option1-eea", "annex-iii"),
		[]string{"| Employee names and identifiers; salary and bank details |"},
		[]string{"identifiers and salary"})
}

// TestNoticeMatchesDPATerms is the regression test for a UK counsel's
// reading of the change notices: they defined a Sub-processor as "a third
// party", though the DPA's definition includes Provider's affiliates;
// they did not name the DPA by its reference nor an Option 2 customer's
// sub-processor clause; and they sent answers to Provider's contact
// without the copy to its data protection officer that the DPA's notices
// clause provides; and a mixed-roles customer read that its silence
// authorised the change under "your general authorisation", though for
// data it processes for a Controller the authorisation is the
// Controller's. The DPA's own Option 1 clause now says that a wider
// processing by an authorised Sub-processor is authorised like a new one,
// as the request letters already asked.
func TestNoticeMatchesDPATerms(t *testing.T) {
	d := fixtureDeal(t, "example")
	cur := slices.Clone(d.Subprocessors.List)
	added := cur[0]
	added.Name, added.Purpose = "Example Mail Relay GmbH", "Relay of notification emails"
	cur = append(cur, added)
	checkText(t, noticeMD(t, d, cur), []string{
		"gives you notice, under the sub-processor terms (Clause 6) of the Data Processing Agreement between Müller Logistik GmbH and Provider (reference DPA-2026-0042), of the changes",
		"A “Sub-processor” is any processor, including any affiliate of Provider, that Provider engages to process your personal data in providing the Services",
		"by notice in writing to the Privacy Team at privacy@kestrel.example, with a copy to Provider’s data protection officer, Tomás Ortega, at dpo@kestrel.example. Please state those grounds, so that Provider can address them.",
		// Modules 2 and 3: the authorisation for data processed for a
		// Controller is the Controller's (the DPA's mixed-roles paragraph).
		"If you do not object by then, the change is authorised under your general authorisation (for the personal data you process on behalf of a Controller, under the Controller’s general authorisation, given through you), as your Data Processing Agreement provides.",
	}, []string{"is a third party", "privacy@kestrel.example stating"})

	for _, fixture := range []string{"processor-option1-eea", "seed-004"} {
		checkText(t, renderMD(t, fixture, "dpa"), []string{
			"specific prior written authorisation, in the same way, before an authorised Sub-processor processes Customer Personal Data beyond the processing that [Annex III](#annex-iii) describes for it (other categories of personal data, another purpose or other responsibilities), and before it processes Customer Personal Data in a country outside the EEA that [Annex III](#annex-iii) does not list for it, by a move or otherwise; until that authorisation is given, the Sub-processor processes Customer Personal Data only as already authorised.",
		}, nil)
	}
}
