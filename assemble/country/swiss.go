package country

// SwissAdequate reports whether a Swiss exporter may disclose personal data
// to any recipient in the country with the ISO 3166-1 code without further
// safeguards: Switzerland itself, or a State that the Swiss Federal Council
// lists as providing an adequate level of protection (Article 16(1) of the
// Federal Act on Data Protection of 25 September 2020, SR 235.1; Article 8
// of and Annex 1 to the Data Protection Ordinance of 31 August 2022,
// SR 235.11, in force since 1 September 2023).
//
// The Federal Council's list is its own and differs from the European
// Commission's: Gibraltar and Monaco are on it; Japan and the Republic of
// Korea are not. The United States is listed only for organisations
// certified under the Swiss-US Data Privacy Framework (in force
// 15 September 2024), so it is not adequate here: a certified US recipient
// takes the transfer mechanism "dpf". Canada is listed for recipients
// subject to its federal private-sector law (PIPEDA), as the EU's decision
// is read here too.
//
// The list is Annex 1 as dpakit knows it in 2026; the Federal Council
// amends it by ordinance, so counsel should confirm it against the
// current SR 235.11 before relying on a country not in the EEA.
func SwissAdequate(code string) bool {
	return code == "CH" || IsEEA(code) || swissAdequate[code]
}

// swissAdequate lists the States outside the EEA in Annex 1 to the Swiss
// Data Protection Ordinance (the EEA States are all listed there too).
var swissAdequate = map[string]bool{
	"AD": true, // Andorra
	"AR": true, // Argentina
	"CA": true, // Canada (PIPEDA)
	"FO": true, // Faroe Islands
	"GB": true, // United Kingdom
	"GG": true, // Guernsey
	"GI": true, // Gibraltar
	"IL": true, // Israel
	"IM": true, // Isle of Man
	"JE": true, // Jersey
	"MC": true, // Monaco
	"NZ": true, // New Zealand
	"UY": true, // Uruguay
}
