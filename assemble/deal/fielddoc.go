// Code generated from docs/deal-format.md by go test ./assemble/deal -run TestFieldDocsGenerated -update-fielddocs; DO NOT EDIT.

package deal

// FieldMeaning returns what the deal field at path ("customer.name",
// "subprocessors.list[].country") means for the DPA, as
// docs/deal-format.md says, or "" for a path it does not document.
func FieldMeaning(path string) string {
	switch path {
	case "agreement":
		return "the principal agreement this DPA supplements, as the DPA should name it"
	case "audit":
		return "how often, and on what notice, the customer may audit"
	case "audit.frequency_months":
		return "at most one audit per this many months (except after a breach or at a regulator's request)"
	case "audit.notice_days":
		return "the advance written notice the customer gives for an audit"
	case "breach":
		return "the breach notification terms"
	case "breach.notice_hours":
		return "the vendor notifies the customer of a personal data breach within this many hours of becoming aware of it (more than 72 would leave the controller no time for its own 72-hour notice)"
	case "ccpa":
		return "whether the DPA includes the terms a service provider must accept under the CCPA as amended by the CPRA"
	case "ccpa.business_purposes":
		return "the specific business purposes for which the customer discloses personal information (Cal. Code Regs. tit. 11, § 7051(a)(2)); `dpakit validate` warns when they are empty or as generic as \"Provision of the Services\""
	case "ccpa.enabled":
		return "includes the CCPA clause and definitions"
	case "controller_transfer":
		return "Annex I.B, Part 2: the Module One transfer"
	case "controller_transfer.data_categories":
		return "the categories of that data"
	case "controller_transfer.data_subjects":
		return "whose data the vendor receives as controller"
	case "controller_transfer.frequency":
		return "how often it is transferred"
	case "controller_transfer.nature":
		return "what the vendor does with it"
	case "controller_transfer.purposes":
		return "the vendor's own purposes, and the only ones it may use the data for"
	case "controller_transfer.retention":
		return "how long the vendor keeps it"
	case "controller_transfer.special_categories":
		return "sensitive data in it"
	case "controller_transfer.special_safeguards":
		return "the safeguards for that sensitive data"
	case "controller_transfer.special_undertaking":
		return "as `processing.special_undertaking`, for this data"
	case "customer":
		return "the vendor's customer: a controller (or a processor acting for its own clients) and the data exporter under the SCCs"
	case "customer.activities":
		return "the customer's activities relevant to the transfer (Annex I.A)"
	case "customer.address":
		return "registered address, without the country"
	case "customer.contact":
		return "whom the vendor writes to about data protection (breach notices, sub-processor notices)"
	case "customer.contact.email":
		return "where notices are sent"
	case "customer.contact.name":
		return "the contact person or team"
	case "customer.contact.phone":
		return "the contact's telephone number"
	case "customer.contact.title":
		return "the contact's position (Annex I.A, UK Addendum Table 1)"
	case "customer.controller":
		return "who the controller or controllers are on whose behalf the customer processes the data; the DPA defines them as “Controller” and writes the processor customer's terms with it (instructions, authorisations, direct notices); empty gives a generic definition"
	case "customer.country":
		return "country of establishment; sets the default supervisory authority"
	case "customer.dpo":
		return "the customer's data protection officer (Annex I.A); a deal without `customer.representative` that names the representative here is printed as \"Data protection officer or representative\" and warned"
	case "customer.dpo.email":
		return "their e-mail address"
	case "customer.dpo.name":
		return "the DPO's name"
	case "customer.dpo.phone":
		return "their telephone number"
	case "customer.dpo.title":
		return "their position"
	case "customer.name":
		return "full legal name of the customer"
	case "customer.registration_number":
		return "company registration number (parties clause, UK Addendum Table 1)"
	case "customer.representative":
		return "the customer's representative in the Union (Art. 27 GDPR): Annex I.A names it, and Annex I.C names the supervisory authority of its Member State as the one Clause 13(a) makes competent"
	case "customer.representative.address":
		return "the representative's address, without the country"
	case "customer.representative.country":
		return "the Member State in which the representative is established; sets the default supervisory authority (not for Germany, whose authorities are the Länder's)"
	case "customer.representative.email":
		return "the representative's e-mail address"
	case "customer.representative.name":
		return "the representative's name (a person or a company)"
	case "customer.representative.phone":
		return "the representative's telephone number"
	case "customer.role":
		return "the customer's GDPR role for the data it gives the vendor; sets the default SCC module (2 or 3)"
	case "customer.signatory":
		return "the person with authority to sign for the customer, such as a managing director (signature block)"
	case "customer.signatory.name":
		return "the signatory's name"
	case "customer.signatory.title":
		return "the signatory's position"
	case "customer.state":
		return "the customer's state, province or Land; for a German customer it names the supervisory authority of its Land (without it, the postal code in customer.address does where it lies in one Land)"
	case "deletion":
		return "the deadlines for returning and deleting the data after the services end (GDPR Art. 28(3)(g), SCC Clause 8.5)"
	case "deletion.backup_days":
		return "copies in backups are deleted within this many days after that deletion"
	case "deletion.days":
		return "the provider deletes the data within this many days after the customer's choice, or after the 30 days for making it end"
	case "effective_date":
		return "the date the DPA takes effect; also the date printed in the documents and used for their file metadata"
	case "gdpr":
		return "whether the deal has an EEA, UK or Swiss nexus"
	case "gdpr.applies":
		return "`false` only for a US-only deal (a US business, a US provider, no EEA, UK or Swiss data): the DPA then has no SCC section, no Schedule 1, no Annex I.C and no Annex III, and implements the CCPA service-provider terms"
	case "language":
		return "the language of the documents; only English for now"
	case "negotiated":
		return "approved fallback positions negotiated for this deal: each named clause is printed in its fallback wording instead of the standard text (see \"Negotiating a deal\" in the README)"
	case "processing":
		return "Annex I.B, the description of the processing and transfer"
	case "processing.data_categories":
		return "the categories of personal data"
	case "processing.data_subjects":
		return "the categories of people whose data is processed"
	case "processing.frequency":
		return "how often data is transferred"
	case "processing.nature":
		return "what the vendor does with the data"
	case "processing.purposes":
		return "why the data is processed, specifically (Annex I.B; a purpose as generic as \"Provision of the Services under the Agreement\" restates the contract)"
	case "processing.retention":
		return "how long the data is kept while the Services run, or the criteria that decide it (the deadlines after the end are `deletion`'s; a deadline of its own draws the `retention_deadline` warning)"
	case "processing.special_categories":
		return "sensitive data (GDPR Art. 9: health, biometric, religious beliefs ...)"
	case "processing.special_safeguards":
		return "the restrictions or safeguards applied to the sensitive data"
	case "processing.special_undertaking":
		return "with no special categories, what Annex I.B says the customer undertakes: `intentional`, not to provide them intentionally (the usual promise, since users may type anything); `absolute`, not to provide them at all"
	case "provider":
		return "the vendor: the processor, and the data importer under the SCCs"
	case "provider.activities":
		return "the vendor's activities relevant to the transfer (Annex I.A)"
	case "provider.address":
		return "registered address, without the country"
	case "provider.contact":
		return "where the customer writes about data protection; objections to sub-processors go here"
	case "provider.contact.email":
		return "the privacy contact address, printed in the DPA and notices"
	case "provider.contact.name":
		return "the contact person or team"
	case "provider.contact.phone":
		return "the contact's telephone number"
	case "provider.contact.title":
		return "the contact's position"
	case "provider.country":
		return "country of establishment"
	case "provider.dpo":
		return "the vendor's data protection officer or EU representative (Annex I.A)"
	case "provider.dpo.email":
		return "their e-mail address"
	case "provider.dpo.name":
		return "the DPO's or representative's name"
	case "provider.dpo.phone":
		return "their telephone number"
	case "provider.dpo.title":
		return "their position"
	case "provider.name":
		return "full legal name of the vendor"
	case "provider.registration_number":
		return "company registration number"
	case "provider.signatory":
		return "the person who signs for the vendor"
	case "provider.signatory.name":
		return "the signatory's name"
	case "provider.signatory.title":
		return "the signatory's position"
	case "provider.subprocessor_list_url":
		return "where the vendor publishes its current sub-processor list; cited in the DPA and notices"
	case "reference":
		return "the DPA's reference, printed in every page footer and in notices"
	case "riders":
		return "special terms agreed for this deal alone, for what no fallback covers; each is printed as a numbered clause of its own after the clause it names, and listed as a deviation"
	case "riders[].after":
		return "the clause the rider follows"
	case "riders[].text":
		return "the rider's wording; each paragraph is printed as a numbered paragraph of the clause"
	case "riders[].title":
		return "the rider's clause heading"
	case "scc":
		return "the SCC options"
	case "scc.docking_clause":
		return "whether the optional Clause 7 applies, letting other entities accede to the SCCs later"
	case "scc.forum":
		return "Clause 18: the courts that settle disputes under the SCCs (and under the DPA too, for processing under the GDPR, where the Agreement is not under an EEA State's law)"
	case "scc.governing_law":
		return "Clause 17: the law governing the SCCs (and the DPA too, for processing under the GDPR, where the Agreement is not under an EEA State's law)"
	case "scc.governing_law_option":
		return "Clause 17 option: 1 the law of the named country; 2 (modules 2 and 3 only) the law of the exporter's Member State, falling back to the named country"
	case "scc.modules":
		return "the SCC modules that apply: 2 controller to processor, 3 processor to processor, 1 controller to controller (only for `controller_transfer`)"
	case "scc.redress_body":
		return "whether the optional wording in Clause 11(a) applies: data subjects may also complain to an independent dispute resolution body at no cost"
	case "scc.redress_body_address":
		return "the body's address, printed in the DPA"
	case "scc.redress_body_name":
		return "the independent dispute resolution body of Clause 11(a); without it the DPA says Provider designates one and tells the customer and data subjects its name and address"
	case "scc.subprocessor_notice_days":
		return "Clause 9(a) time period: how many days in advance the vendor tells the customer of a new sub-processor (Option 2) or asks for authorisation (Option 1)"
	case "scc.subprocessor_option":
		return "Clause 9(a): `specific` (Option 1) means each new sub-processor needs the customer's prior authorisation and the list is Annex III; `general` (Option 2) means a general authorisation, with notice of changes and a right to object"
	case "scc.supervisory_authority":
		return "Clause 13 and Annex I.C: the competent supervisory authority"
	case "security":
		return "the security measures of Annex II"
	case "security.certifications":
		return "the vendor's certifications and audit reports (Annex II, audit clause)"
	case "security.extra":
		return "measures specific to this deal, added to Annex II"
	case "security.extra[].category":
		return "the Annex II heading it joins (matched without regard to case; a new heading otherwise)"
	case "security.extra[].text":
		return "the measure, one sentence stating what the vendor does"
	case "security.measures":
		return "which catalogue measures Annex II commits to"
	case "subprocessors":
		return "the sub-processor terms and the vendor's list"
	case "subprocessors.list":
		return "the sub-processors the vendor engages; printed in Annex III and the workbook, compared by notices"
	case "subprocessors.list[].added":
		return "when the sub-processor joined the list (workbook)"
	case "subprocessors.list[].address":
		return "the sub-processor's address (Annex III)"
	case "subprocessors.list[].category":
		return "infrastructure: hosts or stores the service's data; service: provides one feature or function"
	case "subprocessors.list[].contact":
		return "a contact for the sub-processor (Annex III)"
	case "subprocessors.list[].contact_title":
		return "the contact person's position (Annex III under Clause 9 Option 1)"
	case "subprocessors.list[].country":
		return "the country where the data is processed; decides whether a transfer mechanism is needed"
	case "subprocessors.list[].data":
		return "the categories of personal data it processes"
	case "subprocessors.list[].description":
		return "what kind of service it provides"
	case "subprocessors.list[].location":
		return "where it processes the data, as the vendor's list says it (region, city)"
	case "subprocessors.list[].name":
		return "the sub-processor's legal entity name"
	case "subprocessors.list[].purpose":
		return "what it does with the personal data for the vendor"
	case "subprocessors.list[].responsibilities":
		return "what this sub-processor is responsible for, delimited from the others (Annex III under Clause 9 Option 1)"
	case "subprocessors.list[].transfer_mechanism":
		return "the safeguard for a transfer outside the EEA: `none` (inside the EEA or an adequate country), `adequacy` (an EU adequacy decision; for a Swiss customer under the FADP alone, a country on the Swiss Federal Council's list instead), `scc` (standard contractual clauses between Provider and the sub-processor, Module Three, named with the UK Addendum and the Swiss adaptations where the deal's transfers are under those laws), `dpf` (the Data Privacy Framework, US only: a sub-processor certified under the framework or frameworks that cover the deal's transfers, which Annex III, the notice and the workbook name: the EU-US one under the GDPR, with its UK Extension where the UK Addendum is on, and the Swiss-US one where the FADP governs), `bcr` (Binding Corporate Rules approved for the sub-processor's group, GDPR Art. 47)"
	case "subprocessors.list[].website":
		return "the sub-processor's website (a link in the workbook)"
	case "subprocessors.objection_days":
		return "its meaning follows the Clause 9(a) option: under Option 2 (`general`), how many days the customer (for a processor customer, its controller) has after notice of a new sub-processor to object; under Option 1 (`specific`), how many days it has after the provider's request to give or refuse authorisation — there is no objection right, and without an authorisation in that time the provider may not engage the sub-processor"
	case "subprocessors.resolution_days":
		return "how many days the parties have to resolve an objection (Option 2), or a refusal or missing authorisation (Option 1), before the provider must do without the sub-processor or the customer may terminate; the DPA's sub-processor clause and every change notice state this one value"
	case "swiss":
		return "whether the DPA adapts the SCCs for transfers from Switzerland under the Federal Act on Data Protection"
	case "swiss.enabled":
		return "includes the Swiss clause (the FDPIC as authority, GDPR references read as FADP references, Swiss data subjects may sue at home)"
	case "uk_addendum":
		return "whether the DPA includes the UK Information Commissioner's Addendum to the SCCs, for transfers from the United Kingdom; write `{ enabled: false }` to switch it off"
	case "uk_addendum.enabled":
		return "includes the Addendum and its Tables 1 to 4"
	case "uk_addendum.ending_party":
		return "Table 4: which party may end the Addendum when the Commissioner issues a revised Addendum (`both`: either of them, both boxes ticked)"
	}
	return ""
}
