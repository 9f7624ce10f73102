package assemble_test

import (
	"slices"
	"testing"
)

// The seventeenth counsel's reading (3 December 2026): a second reader on
// the sub-processor list as it appears in Annex III, the workbook and the
// change notices. Each test rejects the wording that reading found wrong.

// TestCounsel17Option2ExtensionIsNotified: under Clause 9(a) Option 2 the
// DPA's Annex III says that each Sub-processor "performs only the
// processing described against its name", so the general authorisation
// covers no more. A change that widens an existing Sub-processor's
// processing (a new data category, another purpose) was notified "for
// information", with no right to object. Clause 6 now requires notice of
// such an extension, with the same period, standstill and right to object
// as an addition (the late-objection fallback alike), and the letter
// notifies it so.
func TestCounsel17Option2ExtensionIsNotified(t *testing.T) {
	extension := "of any intended extension of an existing Sub-processor’s processing beyond the processing that [Annex III](#annex-iii) describes for it (other categories of personal data, or another purpose, description or responsibilities), at least "
	for _, fixture := range []string{"modules-1-2-bavaria", "negotiated"} {
		checkText(t, renderMD(t, fixture, "dpa"), []string{
			extension,
			"(or the move or extension takes effect)",
			"Provider shall not allow a new Sub-processor to begin to process Customer Personal Data, or a move or extension to take effect, before that period has ended.",
			"(or without the move or extension)",
		}, nil)
	}

	d := fixtureDeal(t, "modules-1-2-bavaria")
	cur := slices.Clone(d.Subprocessors.List)
	last := len(cur) - 1
	cur[last].Purpose = "Storage, search and analysis of system logs"
	checkText(t, noticeMD(t, d, cur), []string{
		"Notice of changes, with the right to object · ",
		"## 1\\. Wider processing by existing Sub-processors",
		// The notice states where the Sub-processor processes the data and
		// its safeguard, as Clause 6.2 requires of every notice.
		"| Sub-processor and address | Location | Transfer mechanism | Detail | As now listed | As intended |",
		"| United States | Standard contractual clauses between Provider and the Sub-processor (Module Three) | Purpose | Storage and search of system logs | Storage, search and analysis of system logs |",
		"The general authorisation in your Data Processing Agreement covers each Sub-processor for the processing that the list of Sub-processors in your Data Processing Agreement (its Annex III) describes. Each of these changes alters what that list describes for the Sub-processor concerned, so it is notified to you as an addition is, with the same notice period and the same right to object; until the change takes effect, the Sub-processor continues to process your personal data only as that list describes.",
		"You may object to an extension of processing listed above, on reasonable grounds relating to the protection of personal data",
		"Provider will not extend the processing of an existing Sub-processor as described above before ",
	}, []string{"not to such changes", "notified for your information", "allow an added Sub-processor", "authorisation is requested", "widens"})

	// A notice without a customer, to the customers of the vendor's
	// profile, whose DPAs have Annex III, notifies the extension so too.
	p := fixtureDeal(t, "modules-1-2-bavaria")
	p.SCC.Modules, p.Customer.Role = nil, ""
	if !p.AnnexIII() {
		t.Fatal("a deal without modules or a customer role is read as having no Annex III")
	}
	checkText(t, noticeMD(t, p, cur), []string{"## 1\\. Wider processing by existing Sub-processors"}, []string{"not to such changes"})
}
