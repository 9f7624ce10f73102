package country

// UKAdequate reports whether a UK exporter may transfer personal data to any
// recipient in the country with the ISO 3166-1 code without further
// safeguards under Chapter V of the UK GDPR: the United Kingdom itself, or a
// country to which transfers are approved by regulations under Article 45A
// of the UK GDPR (the UK's "data bridges"). The Data (Use and Access) Act
// 2025 (s. 85 and Sch. 7, in force 5 February 2026) replaced Article 45 UK
// GDPR and the adequacy regulations of section 17A of the Data Protection Act
// 2018 with Article 45A; regulations made before then (and the decisions
// Schedule 21 treated as such) continue to have effect as if made under
// Article 45A (the transitional provision in Schedule 21 to the Data
// Protection Act 2018, as amended).
//
// The list is the one dpakit is sure of:
//
//   - the EEA States, Gibraltar, and the countries the European Commission
//     had found adequate by 31 December 2020 (Andorra, Argentina, Canada for
//     recipients subject to PIPEDA, the Faroe Islands, Guernsey, Israel, the
//     Isle of Man, Japan for the private sector, Jersey, New Zealand,
//     Switzerland, Uruguay), which paragraphs 4 and 5 of Schedule 21 to the
//     Data Protection Act 2018 treat as adequacy regulations (now as
//     regulations under Article 45A);
//   - the Republic of Korea (the Data Protection (Adequacy) (Republic of
//     Korea) Regulations 2022, SI 2022/1213, in force 19 December 2022).
//
// The United States is covered only for organisations certified under the
// UK Extension to the EU-US Data Privacy Framework (the Data Protection
// (Adequacy) (United States of America) Regulations 2023, SI 2023/1028, in
// force 12 October 2023), so it is not adequate here: a certified US
// recipient takes the transfer mechanism "dpf". Later data bridges (such as
// one for the Dubai International Financial Centre, which is no country) are
// left out on purpose; counsel should confirm the current regulations before
// relying on a country not in the EEA, and a sub-processor there can take
// "scc" meanwhile.
func UKAdequate(code string) bool {
	return code == "GB" || IsEEA(code) || ukAdequate[code]
}

// ukAdequate lists the countries outside the EEA and the United Kingdom
// to which regulations under Article 45A UK GDPR (or adequacy regulations
// having effect as if made under it) approve transfers to every recipient
// there.
var ukAdequate = map[string]bool{
	"AD": true, // Andorra
	"AR": true, // Argentina
	"CA": true, // Canada (PIPEDA)
	"CH": true, // Switzerland
	"FO": true, // Faroe Islands
	"GG": true, // Guernsey
	"GI": true, // Gibraltar
	"IL": true, // Israel
	"IM": true, // Isle of Man
	"JE": true, // Jersey
	"JP": true, // Japan (private sector)
	"KR": true, // Republic of Korea
	"NZ": true, // New Zealand
	"UY": true, // Uruguay
}
