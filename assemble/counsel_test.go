package assemble_test

import (
	"github.com/dpakit/dpakit/assemble"
	"io/fs"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/fixtures"
)

// renderMD assembles document kind of the named fixture deal and returns
// its Markdown, as a reader of the document sees the words.
func renderMD(t *testing.T, fixture, kind string) string {
	t.Helper()
	return dealMD(t, fixtureDeal(t, fixture), kind)
}

// checkText fails for each phrase of want missing from txt and each phrase
// of not present in it.
func checkText(t *testing.T, txt string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(txt, w) {
			t.Errorf("missing %q", w)
		}
	}
	for _, n := range not {
		if i := strings.Index(txt, n); i >= 0 {
			t.Errorf("has %q in …%s…", n, txt[max(0, i-80):min(len(txt), i+len(n)+80)])
		}
	}
}

// TestCounselModulesOneAndTwo reads the DPA of a controller customer with
// Module One beside Module Two: Module One has its own Annex I.B part, a
// controller-to-controller clause and a carve-out limited to that data;
// Clause 17 Option 2 applies to Module Two only; the customer's Land names
// the authority.
func TestCounselModulesOneAndTwo(t *testing.T) {
	dpa := renderMD(t, "modules-1-2-bavaria", "dpa")
	checkText(t, dpa, []string{
		"**Part 1: Processing on Customer’s behalf (Module Two)**",
		"**Part 2: Provider Controller Data (Module One)**",
		"## 12\\. Provider Controller Data",
		"For Provider Controller Data, Customer and Provider are each a separate and independent controller",
		"Provider shall inform Customer without undue delay of a personal data breach affecting Provider Controller Data that is likely to result in a risk to the rights and freedoms of natural persons",
		"Module One (controller to controller) applies to the transfer of Provider Controller Data described in Part 2 of [Annex I.B](#annex-i-b), and to no other personal data",
		"Provider’s obligations as processor under this DPA do not apply to that data, and apply to all Customer Personal Data.",
		"Option 2 applies to Module Two: the Standard Contractual Clauses are governed by the law of the EU Member State in which Customer is established",
		"For Module One, which has no such option, Option 1 applies",
		"is the Bavarian State Office for Data Protection Supervision (BayLDA).",
		"Managing Provider’s contractual relationship with Customer",
		"- **Role:** controller (Modules One and Two)\n",
		"- **Role:** controller (Module One); processor (Module Two)\n",
		"in the course of which Customer transfers Customer Personal Data to Provider for processing on its behalf, and transfers the Provider Controller Data to Provider as a separate controller (Part 2 of [Annex I.B](#annex-i-b))",
		// Provider keeps Provider Controller Data after it has deleted
		// Customer Personal Data: the controller clause and the Module One
		// transfer outlive the processing, and the processor's transfer
		// duty does not reach the data Provider controls.
		"[Clause 12](#controller-data), and [Clause 13](#transfers) as it applies to the transfer of Provider Controller Data, together with the provisions of this DPA on which they depend (including the definitions, Part 2 of [Annex I.B](#annex-i-b) and [Annex II](#annex-ii)), remain in force for as long as Provider holds Provider Controller Data.",
		"[Clause 10](#deletion), [Clause 12](#controller-data), [Clause 15](#liability)",
		"Provider shall not make or permit any Restricted Transfer of Customer Personal Data except on Customer’s documented instructions",
		"Provider shall make any onward transfer of Provider Controller Data only as Clause 8.7 of the Standard Contractual Clauses (Module One) allows.",
		"With regard to the processing of Customer Personal Data and of Provider Controller Data, if there is any conflict",
	}, []string{
		"controller (Module One); controller (Module Two)",
		"where Customer and Provider each act as controller",
		"Module Four",
		"authority of the Land",
		"federal state (Land)",
	})
}

// TestCounselSwissExporter reads the DPA of a Swiss controller whose
// transfers the FADP alone governs: the SCCs are incorporated for
// transfers from Switzerland, the FDPIC is the authority and never for the
// GDPR, and Swiss law and courts govern; the UK Addendum ends with the
// exporter.
func TestCounselSwissExporter(t *testing.T) {
	dpa := renderMD(t, "swiss-exporter", "dpa")
	checkText(t, dpa, []string{
		"is a Restricted Transfer from Switzerland, or from the United Kingdom (to which the UK Addendum applies as well, as [Clause 13](#uk-addendum) of this DPA provides), the Standard Contractual Clauses are incorporated into this DPA by reference and apply to that transfer (to a transfer from Switzerland, with the adaptations set out in",
		"the supervisory authority competent under Clause 13 of the Standard Contractual Clauses is the Federal Data Protection and Information Commissioner (FDPIC)",
		"The parties proceed on the basis that the GDPR does not apply to Customer’s transfers under the Data Processing Agreement, so no supervisory authority of an EU Member State is designated under Clause 13",
		"Option 1 applies: the Standard Contractual Clauses are governed by the law of Switzerland.",
		"the Standard Contractual Clauses are governed by Swiss law and subject to the jurisdiction of the Swiss courts",
		"the exporter (Customer) may end the UK Addendum",
		"| Clause 13 (supervision) | The FDPIC insofar as the FADP applies",
	}, []string{
		"with the GDPR as regards the transfer is the Federal Data Protection",
		"Option 2 applies",
	})
}

// TestCounselUSOnly reads the DPA of a US-only deal (gdpr.applies: false):
// no SCC section, no Schedule 1, no Annex I.C or Annex III; the legal
// exceptions and breach wording name US law; the CCPA business purposes
// are the deal's own; a US sub-processor needs no transfer mechanism.
func TestCounselUSOnly(t *testing.T) {
	dpa := renderMD(t, "us-ccpa", "dpa")
	checkText(t, dpa, []string{
		"to set out the terms on which Provider acts as Customer’s service provider under the CCPA",
		"unless Provider is required to process it by the law of the United States or of a State of the United States to which Provider is subject",
		"the security breach notification laws of the States of the United States (such as Cal. Civ. Code § 1798.82)",
		"Detecting security incidents and protecting Customer’s network against malicious, deceptive, fraudulent or illegal activity",
		"### Business", "business under the CCPA", "service provider under the CCPA",
		"Amazon Web Services, Inc. (United States)",
		"giving consumers the notices, and honouring the requests to opt out, to limit and to delete, that Data Protection Laws require",
		"- (a) Detecting security incidents",
	}, []string{
		"legal basis", "- – ",
		"Standard Contractual Clauses", "Schedule 1", "Annex I.C", "Annex III", "supervisory authority responsible",
		"Union or Member State law", "Articles 33 and 34 of the GDPR", "Chapter III of the GDPR", "Article 28 of the GDPR",
		"California Privacy Protection Agency as", "data exporter", "data importer", "Provision of the Services under the Agreement",
	})
}

// TestCounselStandaloneAnnexesPointToDefinitions: an annex sent on its own
// says that its capitalised terms are the DPA's.
func TestCounselStandaloneAnnexesPointToDefinitions(t *testing.T) {
	for _, kind := range []string{"annex-i", "annex-ii", "annex-iii"} {
		t.Run(kind, func(t *testing.T) {
			checkText(t, renderMD(t, "seed-001", kind), []string{
				"(the “DPA”). This Annex forms part of the DPA and is read with it: capitalised terms used in it",
				"have the meanings given to them in the definitions of the DPA.",
			}, nil)
		})
	}
}

// germanCustomer loads the Bavarian fixture deal with customer.state
// removed and customer.address replaced, as a German customer that gives
// only its address would write it, and returns the deal's Annex I
// (Markdown) and its warnings.
func germanCustomer(t *testing.T, address string) (annex string, warnings []deal.Problem) {
	t.Helper()
	src, err := fs.ReadFile(fixtures.FS, "deals/modules-1-2-bavaria.yaml")
	if err != nil {
		t.Fatal(err)
	}
	profile, err := fs.ReadFile(fixtures.FS, fixtures.Profile)
	if err != nil {
		t.Fatal(err)
	}
	y := strings.Replace(string(src), "  state: DE-BY\n", "", 1)
	y = strings.Replace(y, "Leopoldstraße 77, 80802 München", address, 1)
	d, ws, err := deal.NewValidator(deal.Options{}).LoadWithWarnings([]byte(y), "deal.yaml", profile, fixtures.Profile)
	if err != nil {
		t.Fatalf("%s: %v", address, err)
	}
	return dealMD(t, d, "annex-i"), ws
}

// TestCounselLandFromPostcode reads Annex I.C of a German customer without
// customer.state: the postal code in its address names its Land's
// authority; where the postal code does not tell the Land, the Annex
// describes the authority (section 40 BDSG) and a warning names
// customer.state.
func TestCounselLandFromPostcode(t *testing.T) {
	const generic = "is the data protection supervisory authority competent under section 40 of the Federal Data Protection Act (BDSG): that of the German federal state (Land) in which the data exporter is established or, if it has establishments in more than one Land, has its main establishment. Customer is established in Germany."
	tests := []struct {
		address string
		says    string // the Annex I.C wording
		warns   string // a phrase of the customer.state warning; "" for none
	}{
		{"Marienplatz 8, 80331 München", "is the Bavarian State Office for Data Protection Supervision (BayLDA). Customer is established in Germany.", ""},
		{"Invalidenstraße 117, 10115 Berlin", "is the Berlin Commissioner for Data Protection and Freedom of Information (BlnBDI).", ""},
		{"Ballindamm 1, 20095 Hamburg", "is the Hamburg Commissioner for Data Protection and Freedom of Information (HmbBfDI).", ""},
		{"Königstraße 1, 70173 Stuttgart", "is the State Commissioner for Data Protection and Freedom of Information Baden-Württemberg (LfDI BW).", ""},
		{"Prager Straße 2, D-01067 Dresden", "is the Saxon Data Protection and Transparency Commissioner (SDTB).", ""},
		{"Zeil 10, 60311 Frankfurt am Main", "is the Hessian Commissioner for Data Protection and Freedom of Information (HBDI).", ""},
		{"Rahlstedter Straße 1, 22145 Hamburg", generic, "the postal code 22145 in customer.address serves places in more than one Land (Hamburg (DE-HH) and Schleswig-Holstein (DE-SH))"},
		{"Hauptstraße 1, München", generic, "customer.address has no German postal code"},
		{"Postfach 80331, 80802 München", generic, "several five-digit numbers (80331, 80802)"},
	}
	for _, tt := range tests {
		t.Run(tt.address, func(t *testing.T) {
			annex, ws := germanCustomer(t, tt.address)
			checkText(t, annex, []string{tt.says}, []string{"authority of the Land where"})
			var got []string
			for _, w := range ws {
				if w.Path == "customer.state" {
					got = append(got, w.Message)
				}
			}
			switch {
			case tt.warns == "" && len(got) > 0:
				t.Errorf("unexpected warning: %q", got)
			case tt.warns != "" && (len(got) != 1 || !strings.Contains(got[0], tt.warns) || !strings.Contains(got[0], "set customer.state to the customer's Land")):
				t.Errorf("customer.state warnings = %q, want one saying %q and naming customer.state", got, tt.warns)
			}
		})
	}
}

// TestCounselListsInRunningText: data categories and a purpose that
// continue a table cell's text start in lower case in Annex III, except
// names, abbreviations and defined terms ("Customer content").
func TestCounselListsInRunningText(t *testing.T) {
	dpa := renderMD(t, "modules-1-2-bavaria", "dpa")
	checkText(t, dpa, []string{
		"| Account data, usage logs and Customer content |",
		"| IP address, browser information and logging data |",
		"Infrastructure service provider: hosting of the platform and its databases",
	}, []string{
		"Account data, Usage logs and Customer content",
		"IP address, Browser information and Logging data",
		"provider: Hosting",
	})
}

// TestCounselCCPAPrecedence: in a conflict over personal information
// subject to the CCPA, the more protective provision prevails (the sixth
// reading: with "this Clause prevails", the CCPA's permissions, "or as
// otherwise permitted by the CCPA", overrode the DPA's ban on processing
// for Provider's own purposes), and never over the Standard Contractual
// Clauses where a DPA has them.
func TestCounselCCPAPrecedence(t *testing.T) {
	const prevails = "if this Clause conflicts with another provision of this DPA as regards that personal information, the provision that protects that personal information more (in particular, the one that restricts Provider’s processing of it more) prevails, but neither prevents Provider from retaining or using personal information to the extent that a law to which Provider is subject requires it, within the limits of [Clause 3](#instructions)"
	for fixture, tail := range map[string]string{"example": prevails + ", and the Standard Contractual Clauses prevail over both.", "us-ccpa": prevails + "."} {
		t.Run(fixture, func(t *testing.T) {
			checkText(t, renderMD(t, fixture, "dpa"), []string{tail}, []string{"prevails over any other provision", "this Clause prevails"})
		})
	}
}

// TestCounselValuesEndedOnce: a purpose, nature or retention period that
// the deal ends with a full stop is printed with one, not two.
func TestCounselValuesEndedOnce(t *testing.T) {
	for _, specific := range []bool{false, true} {
		d := fixtureDeal(t, "example")
		d.Processing.Nature = "Storage and retrieval."
		d.Processing.Retention = "The term of the Agreement."
		list := append([]deal.Subprocessor(nil), d.Subprocessors.List...)
		list[0].Description = "Infrastructure service provider"
		list[0].Purpose = "Hosting of the platform."
		list[1].Description = ""
		list[1].Purpose = "Log management"
		if specific {
			d.SCC.SubprocessorOption = deal.SpecificAuthorisation
			for i := range list {
				list[i].Contact, list[i].ContactTitle, list[i].Address = "A. Person", "DPO", "1 Main Street, Dublin"
				list[i].Responsibilities = "Its own systems"
			}
		} else {
			list[0].Responsibilities, list[1].Responsibilities = "", ""
		}
		d.Subprocessors.List = list
		txt := dealMD(t, d, "dpa")
		want := []string{"Storage and retrieval.", "The term of the Agreement."}
		if specific {
			want = append(want, "Infrastructure service provider: hosting of the platform. Responsibilities:", "Log management. Responsibilities:")
		} else {
			want = append(want, "Infrastructure service provider: hosting of the platform. |", "| Log management |")
		}
		checkText(t, txt, want, []string{".."})
	}
}

// TestCounselImporterActivitiesModuleOne: without activities of its own in
// the profile, Provider's Annex I.A activities of a Modules 1+2 deal name
// both parts of Annex I.B.
func TestCounselImporterActivitiesModuleOne(t *testing.T) {
	d := fixtureDeal(t, "modules-1-2-bavaria")
	d.Provider.Activities = ""
	checkText(t, dealMD(t, d, "dpa"), []string{
		"Provision of the Services to Customer under the Agreement, including the processing of Customer Personal Data on Customer’s behalf described in Part 1 of [Annex I.B](#annex-i-b), and the processing of the Provider Controller Data as a separate controller described in Part 2",
	}, nil)
}

// TestCounselAnnexIIDefersToDPA is the regression test for two measures
// that contradicted the DPA they are annexed to: backups "kept for no more
// than thirty-five (35) days unless Customer has agreed a longer period"
// beside the deal's own backup deadline (ninety days in the fixtures) and
// the Controller's choice in a processor customer's DPA, and transfers to
// Sub-processors "for the purposes stated in Provider's list of
// Sub-processors", a list Provider changes alone and which, under Option 1,
// authorises nothing. Annex II now defers to the DPA on both.
func TestCounselAnnexIIDefersToDPA(t *testing.T) {
	for _, fixture := range []string{"processor-option1-eea", "processor-option2", "example", "us-ccpa"} {
		t.Run(fixture, func(t *testing.T) {
			checkText(t, renderMD(t, fixture, "annex-ii"), []string{
				"backups expire in a rolling cycle, so that copies of deleted Customer Personal Data are removed from backups within the period that this DPA allows for copies held in backups.",
				"only to Sub-processors engaged in accordance with this DPA, under written contracts that confine each to the services for which it is engaged",
				// Logs naming Customer's users are Customer Personal Data: no
				// minimum retention outlives the deletion terms (twelfth
				// counsel's reading).
				"they are kept for at least twelve (12) months, except that logs containing Customer Personal Data are kept only as long as Annex I.B and the deletion terms agreed with Customer allow.",
			}, []string{"thirty-five (35) days", "unless Customer has agreed", "Provider’s list of Sub-processors", "kept for at least twelve (12) months, and"})
		})
	}
}

// TestLateObjectionQualifiesTheStop: the late-objection position lets
// Provider keep a started Sub-processor running while a late objection is
// unresolved; the next paragraph, which stops a Sub-processor while an
// objection is unresolved, says so, and does not contradict it.
func TestLateObjectionQualifiesTheStop(t *testing.T) {
	checkText(t, renderMD(t, "negotiated", "dpa"), []string{
		"except that Provider need not stop the Sub-processor’s processing while the objection is unresolved",
		"Provider shall not allow the new Sub-processor to process Customer Personal Data, or the move or extension to take effect, while the objection is unresolved (save as the previous paragraph provides for a late objection), and the parties shall discuss",
	}, nil)
}

// TestCounselSCCsPrevailAsAdapted is the regression test for the Swiss
// adaptations ranking below the SCCs they adapt: the SCCs prevailed over
// "this DPA", of which the adaptations (the FDPIC as authority, Swiss
// law) are part, so the unadapted SCCs won the very conflict the FDPIC's
// recognition resolves. The SCCs now prevail as adapted for Swiss
// transfers and as the UK Addendum amends them for UK ones; a deal with
// neither keeps the plain rule.
func TestCounselSCCsPrevailAsAdapted(t *testing.T) {
	checkText(t, renderMD(t, "example", "dpa"), []string{
		"If there is any conflict between the Standard Contractual Clauses and this DPA or the Agreement, the Standard Contractual Clauses prevail, read, for a transfer subject to the FADP, with the adaptations set out in [Clause 14](#swiss) and, for a transfer subject to UK Data Protection Laws, as the UK Addendum amends them.",
		"in line with the FDPIC’s recognition, of 27 August 2021, of the Standard Contractual Clauses:",
	}, []string{"Standard Contractual Clauses of 27 August 2021"})
	checkText(t, renderMD(t, "processor-option2", "dpa"), []string{
		"If there is any conflict between the Standard Contractual Clauses and this DPA or the Agreement, the Standard Contractual Clauses prevail.\n",
	}, []string{"with the adaptations set out in"})
}

// TestCounselUKCarveOutFromEULawAndForum is the regression test for an EU
// deal with the UK Addendum choosing the law and courts of a Member State
// for "the Standard Contractual Clauses" without a word on the UK
// transfers, which the Addendum (Part 2, Section 15(m) and (n)) puts under
// the laws and courts of England and Wales: the Swiss exporter's selections
// said so, an EU exporter's did not. Both the clause and Schedule 1.A now
// do; a UK-only deal states English law once.
func TestCounselUKCarveOutFromEULawAndForum(t *testing.T) {
	checkText(t, renderMD(t, "seed-001", "dpa"), []string{
		"Option 1 applies: the Standard Contractual Clauses are governed by the law of the Netherlands. As the UK Addendum amends them for transfers that UK Data Protection Laws govern, the Standard Contractual Clauses are governed by the laws of England and Wales, as [Clause 13](#uk-addendum) of this DPA provides.",
		"shall be resolved by the courts of the Netherlands; disputes arising from the Standard Contractual Clauses as the UK Addendum amends them, for transfers that UK Data Protection Laws govern, are resolved by the courts of England and Wales, as [Clause 13](#uk-addendum) of this DPA provides.",
		"| Clause 17 (governing law) | Option 1: the law of the Netherlands; as the UK Addendum amends them for transfers that UK Data Protection Laws govern, the laws of England and Wales, as [Clause 13](#uk-addendum) of this DPA provides |",
		"; as the UK Addendum amends them for transfers that UK Data Protection Laws govern, the courts of England and Wales, as [Clause 13](#uk-addendum) of this DPA provides |",
	}, nil)
	checkText(t, renderMD(t, "uk-only", "dpa"), []string{
		"| Clause 17 (governing law) | The laws of England and Wales (Section 15(m) of the UK Addendum) |",
	}, []string{"for transfers that UK Data Protection Laws govern, the laws of England and Wales, as"})
	checkText(t, renderMD(t, "processor-option2", "dpa"), nil, []string{"England and Wales"})
}

// TestCounselAnnexIIIUpdateNeedsNoAmendment: under specific authorisation
// Annex III "is updated accordingly" once an authorised Sub-processor is
// engaged, while the general clause allows amendments only in writing
// signed by both parties; the clause says which record stands for the
// update.
func TestCounselAnnexIIIUpdateNeedsNoAmendment(t *testing.T) {
	checkText(t, renderMD(t, "processor-option1-eea", "dpa"), []string{
		"[Annex III](#annex-iii) is updated accordingly; the authorisation and that confirmation are the written record of the update, which needs no amendment under [Clause 17](#general).",
		"This DPA may be amended only in writing signed by both parties.",
	}, nil)
}

// TestNoticeDateWarnings: a notice dated before the customer's DPA takes
// effect rests on sub-processor terms not yet in force (counsel's reading
// of a request dated 1 December under a DPA effective 4 January); it is
// warned of, not refused (a signed DPA with a later effective date may
// still warrant an early letter). A profile's notice has no DPA date.
func TestNoticeDateWarnings(t *testing.T) {
	d := fixtureDeal(t, "seed-004") // effective 2027-01-04
	for date, want := range map[string]int{"2026-12-01": 1, "2027-01-04": 0, "2027-02-01": 0} {
		when, _ := deal.ParseDate(date)
		ws := assemble.NoticeDateWarnings(d, when)
		if len(ws) != want {
			t.Errorf("%s: %v, want %d warnings", date, ws, want)
			continue
		}
		if want == 1 && (ws[0].Path != "effective_date" || ws[0].Rule != assemble.WarnNoticeDate ||
			!strings.Contains(ws[0].Message, "is 2027-01-04, after the notice date 2026-12-01")) {
			t.Errorf("%s: %+v", date, ws[0])
		}
	}
	when, _ := deal.ParseDate("2026-12-01")
	if ws := assemble.NoticeDateWarnings(&deal.Deal{}, when); ws != nil {
		t.Errorf("a deal without an effective date: %v", ws)
	}
}
