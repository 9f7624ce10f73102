// Package country names the ISO 3166-1 countries in English and knows which
// of them are in the EU and the EEA and who their data protection supervisory
// authorities are.
package country

import (
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Name returns the English short name of the country with the ISO 3166-1
// alpha-2 code (upper case), such as "Netherlands" for "NL", or "" when the
// code is not an assigned ISO 3166-1 code.
func Name(code string) string {
	return names[code]
}

// WithArticle returns the country's name preceded by "the" where English
// uses the article ("the Netherlands", "the United States"), otherwise the
// name alone ("Germany"). It returns "" for an unknown code.
func WithArticle(code string) string {
	n := names[code]
	if n != "" && withThe[code] {
		return "the " + n
	}
	return n
}

// Valid reports whether code is an assigned ISO 3166-1 alpha-2 code written
// in upper case ("DE" is valid, "de" and "XK" are not).
func Valid(code string) bool {
	_, ok := names[code]
	return ok
}

// IsEU reports whether code is one of the 27 EU Member States.
func IsEU(code string) bool {
	return eu[code]
}

// IsEEA reports whether code is in the European Economic Area: the EU
// Member States plus Iceland, Liechtenstein and Norway.
func IsEEA(code string) bool {
	return eu[code] || code == "IS" || code == "LI" || code == "NO"
}

// SupervisoryAuthority returns the English name of the data protection
// supervisory authority of the country, for Clause 13 of the SCCs and
// Annex I.C, for the EEA countries, Switzerland and the United Kingdom; ""
// for any other country. Germany has one authority per federal state, so
// for "DE" it returns a description rather than a name.
func SupervisoryAuthority(code string) string {
	return authorities[code]
}

// eu lists the 27 EU Member States.
var eu = map[string]bool{
	"AT": true, "BE": true, "BG": true, "HR": true, "CY": true, "CZ": true,
	"DK": true, "EE": true, "FI": true, "FR": true, "DE": true, "GR": true,
	"IE": true, "IT": true, "LV": true, "LT": true, "LU": true, "MT": true,
	"NL": true, "PL": true, "PT": true, "RO": true, "SK": true, "SI": true,
	"ES": true, "SE": true, "HU": true,
}

// authorities are the supervisory authorities' names as they use them in
// English (shared/DOMAIN.md section 7).
var authorities = map[string]string{
	"AT": "Austrian Data Protection Authority (Datenschutzbehörde)",
	"BE": "Belgian Data Protection Authority",
	"BG": "Commission for Personal Data Protection (Bulgaria)",
	"HR": "Croatian Personal Data Protection Agency (AZOP)",
	"CY": "Commissioner for Personal Data Protection (Cyprus)",
	"CZ": "Office for Personal Data Protection (ÚOOÚ, Czech Republic)",
	"DK": "Danish Data Protection Agency (Datatilsynet)",
	"EE": "Estonian Data Protection Inspectorate",
	"FI": "Office of the Data Protection Ombudsman (Finland)",
	"FR": "Commission Nationale de l'Informatique et des Libertés (CNIL)",
	"DE": "the data protection supervisory authority competent under section 40 of the Federal Data Protection Act (BDSG): that of the German federal state (Land) in which the data exporter is established or, if it has establishments in more than one Land, has its main establishment",
	"GR": "Hellenic Data Protection Authority",
	"HU": "National Authority for Data Protection and Freedom of Information (NAIH)",
	"IE": "Data Protection Commission (Ireland)",
	"IT": "Italian Data Protection Authority (Garante per la protezione dei dati personali)",
	"LV": "Data State Inspectorate of Latvia",
	"LT": "State Data Protection Inspectorate (Lithuania)",
	"LU": "National Commission for Data Protection (CNPD, Luxembourg)",
	"MT": "Information and Data Protection Commissioner (Malta)",
	"NL": "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)",
	"PL": "President of the Personal Data Protection Office (Prezes Urzędu Ochrony Danych Osobowych, UODO)",
	"PT": "National Data Protection Commission (CNPD, Portugal)",
	"RO": "National Supervisory Authority for Personal Data Processing (ANSPDCP, Romania)",
	"SK": "Office for Personal Data Protection of the Slovak Republic",
	"SI": "Information Commissioner (Slovenia)",
	"ES": "Spanish Data Protection Agency (AEPD)",
	"SE": "Swedish Authority for Privacy Protection (IMY)",
	"IS": "Data Protection Authority (Persónuvernd)",
	"LI": "Data Protection Authority (Liechtenstein)",
	"NO": "Norwegian Data Protection Authority (Datatilsynet)",
	"CH": "Federal Data Protection and Information Commissioner (FDPIC)",
	"GB": "Information Commissioner's Office (ICO)",
}

// withThe lists the countries whose English name takes the definite article.
var withThe = map[string]bool{
	"AE": true, "AX": true, "BS": true, "CC": true, "CD": true, "CF": true,
	"CG": true, "CK": true, "DO": true, "FK": true, "FO": true, "GB": true,
	"GM": true, "IM": true, "IO": true, "KM": true, "KY": true, "MH": true,
	"MP": true, "MV": true, "NL": true, "PH": true, "PN": true, "SB": true,
	"TC": true, "TF": true, "UM": true, "US": true, "VG": true, "VI": true,
}

// names maps every assigned ISO 3166-1 alpha-2 code to its English short
// name, in the form used in running English text (no "(the)", no inverted
// "Korea, Republic of").
var names = map[string]string{
	"AD": "Andorra",
	"AE": "United Arab Emirates",
	"AF": "Afghanistan",
	"AG": "Antigua and Barbuda",
	"AI": "Anguilla",
	"AL": "Albania",
	"AM": "Armenia",
	"AO": "Angola",
	"AQ": "Antarctica",
	"AR": "Argentina",
	"AS": "American Samoa",
	"AT": "Austria",
	"AU": "Australia",
	"AW": "Aruba",
	"AX": "Åland Islands",
	"AZ": "Azerbaijan",
	"BA": "Bosnia and Herzegovina",
	"BB": "Barbados",
	"BD": "Bangladesh",
	"BE": "Belgium",
	"BF": "Burkina Faso",
	"BG": "Bulgaria",
	"BH": "Bahrain",
	"BI": "Burundi",
	"BJ": "Benin",
	"BL": "Saint Barthélemy",
	"BM": "Bermuda",
	"BN": "Brunei",
	"BO": "Bolivia",
	"BQ": "Bonaire, Sint Eustatius and Saba",
	"BR": "Brazil",
	"BS": "Bahamas",
	"BT": "Bhutan",
	"BV": "Bouvet Island",
	"BW": "Botswana",
	"BY": "Belarus",
	"BZ": "Belize",
	"CA": "Canada",
	"CC": "Cocos (Keeling) Islands",
	"CD": "Democratic Republic of the Congo",
	"CF": "Central African Republic",
	"CG": "Republic of the Congo",
	"CH": "Switzerland",
	"CI": "Côte d'Ivoire",
	"CK": "Cook Islands",
	"CL": "Chile",
	"CM": "Cameroon",
	"CN": "China",
	"CO": "Colombia",
	"CR": "Costa Rica",
	"CU": "Cuba",
	"CV": "Cabo Verde",
	"CW": "Curaçao",
	"CX": "Christmas Island",
	"CY": "Cyprus",
	"CZ": "Czechia",
	"DE": "Germany",
	"DJ": "Djibouti",
	"DK": "Denmark",
	"DM": "Dominica",
	"DO": "Dominican Republic",
	"DZ": "Algeria",
	"EC": "Ecuador",
	"EE": "Estonia",
	"EG": "Egypt",
	"EH": "Western Sahara",
	"ER": "Eritrea",
	"ES": "Spain",
	"ET": "Ethiopia",
	"FI": "Finland",
	"FJ": "Fiji",
	"FK": "Falkland Islands",
	"FM": "Micronesia",
	"FO": "Faroe Islands",
	"FR": "France",
	"GA": "Gabon",
	"GB": "United Kingdom",
	"GD": "Grenada",
	"GE": "Georgia",
	"GF": "French Guiana",
	"GG": "Guernsey",
	"GH": "Ghana",
	"GI": "Gibraltar",
	"GL": "Greenland",
	"GM": "Gambia",
	"GN": "Guinea",
	"GP": "Guadeloupe",
	"GQ": "Equatorial Guinea",
	"GR": "Greece",
	"GS": "South Georgia and the South Sandwich Islands",
	"GT": "Guatemala",
	"GU": "Guam",
	"GW": "Guinea-Bissau",
	"GY": "Guyana",
	"HK": "Hong Kong",
	"HM": "Heard Island and McDonald Islands",
	"HN": "Honduras",
	"HR": "Croatia",
	"HT": "Haiti",
	"HU": "Hungary",
	"ID": "Indonesia",
	"IE": "Ireland",
	"IL": "Israel",
	"IM": "Isle of Man",
	"IN": "India",
	"IO": "British Indian Ocean Territory",
	"IQ": "Iraq",
	"IR": "Iran",
	"IS": "Iceland",
	"IT": "Italy",
	"JE": "Jersey",
	"JM": "Jamaica",
	"JO": "Jordan",
	"JP": "Japan",
	"KE": "Kenya",
	"KG": "Kyrgyzstan",
	"KH": "Cambodia",
	"KI": "Kiribati",
	"KM": "Comoros",
	"KN": "Saint Kitts and Nevis",
	"KP": "North Korea",
	"KR": "South Korea",
	"KW": "Kuwait",
	"KY": "Cayman Islands",
	"KZ": "Kazakhstan",
	"LA": "Laos",
	"LB": "Lebanon",
	"LC": "Saint Lucia",
	"LI": "Liechtenstein",
	"LK": "Sri Lanka",
	"LR": "Liberia",
	"LS": "Lesotho",
	"LT": "Lithuania",
	"LU": "Luxembourg",
	"LV": "Latvia",
	"LY": "Libya",
	"MA": "Morocco",
	"MC": "Monaco",
	"MD": "Moldova",
	"ME": "Montenegro",
	"MF": "Saint Martin",
	"MG": "Madagascar",
	"MH": "Marshall Islands",
	"MK": "North Macedonia",
	"ML": "Mali",
	"MM": "Myanmar",
	"MN": "Mongolia",
	"MO": "Macao",
	"MP": "Northern Mariana Islands",
	"MQ": "Martinique",
	"MR": "Mauritania",
	"MS": "Montserrat",
	"MT": "Malta",
	"MU": "Mauritius",
	"MV": "Maldives",
	"MW": "Malawi",
	"MX": "Mexico",
	"MY": "Malaysia",
	"MZ": "Mozambique",
	"NA": "Namibia",
	"NC": "New Caledonia",
	"NE": "Niger",
	"NF": "Norfolk Island",
	"NG": "Nigeria",
	"NI": "Nicaragua",
	"NL": "Netherlands",
	"NO": "Norway",
	"NP": "Nepal",
	"NR": "Nauru",
	"NU": "Niue",
	"NZ": "New Zealand",
	"OM": "Oman",
	"PA": "Panama",
	"PE": "Peru",
	"PF": "French Polynesia",
	"PG": "Papua New Guinea",
	"PH": "Philippines",
	"PK": "Pakistan",
	"PL": "Poland",
	"PM": "Saint Pierre and Miquelon",
	"PN": "Pitcairn Islands",
	"PR": "Puerto Rico",
	"PS": "Palestine",
	"PT": "Portugal",
	"PW": "Palau",
	"PY": "Paraguay",
	"QA": "Qatar",
	"RE": "Réunion",
	"RO": "Romania",
	"RS": "Serbia",
	"RU": "Russia",
	"RW": "Rwanda",
	"SA": "Saudi Arabia",
	"SB": "Solomon Islands",
	"SC": "Seychelles",
	"SD": "Sudan",
	"SE": "Sweden",
	"SG": "Singapore",
	"SH": "Saint Helena, Ascension and Tristan da Cunha",
	"SI": "Slovenia",
	"SJ": "Svalbard and Jan Mayen",
	"SK": "Slovakia",
	"SL": "Sierra Leone",
	"SM": "San Marino",
	"SN": "Senegal",
	"SO": "Somalia",
	"SR": "Suriname",
	"SS": "South Sudan",
	"ST": "São Tomé and Príncipe",
	"SV": "El Salvador",
	"SX": "Sint Maarten",
	"SY": "Syria",
	"SZ": "Eswatini",
	"TC": "Turks and Caicos Islands",
	"TD": "Chad",
	"TF": "French Southern Territories",
	"TG": "Togo",
	"TH": "Thailand",
	"TJ": "Tajikistan",
	"TK": "Tokelau",
	"TL": "Timor-Leste",
	"TM": "Turkmenistan",
	"TN": "Tunisia",
	"TO": "Tonga",
	"TR": "Türkiye",
	"TT": "Trinidad and Tobago",
	"TV": "Tuvalu",
	"TW": "Taiwan",
	"TZ": "Tanzania",
	"UA": "Ukraine",
	"UG": "Uganda",
	"UM": "United States Minor Outlying Islands",
	"US": "United States",
	"UY": "Uruguay",
	"UZ": "Uzbekistan",
	"VA": "Vatican City",
	"VC": "Saint Vincent and the Grenadines",
	"VE": "Venezuela",
	"VG": "British Virgin Islands",
	"VI": "United States Virgin Islands",
	"VN": "Vietnam",
	"VU": "Vanuatu",
	"WF": "Wallis and Futuna",
	"WS": "Samoa",
	"YE": "Yemen",
	"YT": "Mayotte",
	"ZA": "South Africa",
	"ZM": "Zambia",
	"ZW": "Zimbabwe",
}

// LandAuthority returns the English name of the data protection supervisory
// authority for private bodies in the German Land with the ISO 3166-2 code
// subdivision ("DE-BY" → the Bavarian State Office for Data Protection
// Supervision), or "" for any other code. Under § 40 of the Federal Data
// Protection Act (BDSG) a company is supervised by the authority of the
// Land in which it is established.
func LandAuthority(subdivision string) string {
	return landAuthorities[subdivision]
}

// IsGermanLand reports whether code is the ISO 3166-2 code of one of the
// sixteen German Länder.
func IsGermanLand(code string) bool {
	_, ok := landAuthorities[code]
	return ok
}

// IsEFTAEEA reports whether code is one of the EEA EFTA States (Iceland,
// Liechtenstein, Norway): in the EEA but not in the EU.
func IsEFTAEEA(code string) bool {
	return code == "IS" || code == "LI" || code == "NO"
}

// landAuthorities are the Land authorities competent for private bodies,
// by ISO 3166-2 code, as they name themselves in English. In Bavaria the
// BayLDA supervises private bodies (the BayLfD public ones).
var landAuthorities = map[string]string{
	"DE-BW": "State Commissioner for Data Protection and Freedom of Information Baden-Württemberg (LfDI BW)",
	"DE-BY": "Bavarian State Office for Data Protection Supervision (BayLDA)",
	"DE-BE": "Berlin Commissioner for Data Protection and Freedom of Information (BlnBDI)",
	"DE-BB": "Brandenburg Commissioner for Data Protection and Access to Information (LDA Brandenburg)",
	"DE-HB": "State Commissioner for Data Protection and Freedom of Information of the Free Hanseatic City of Bremen (LfDI Bremen)",
	"DE-HH": "Hamburg Commissioner for Data Protection and Freedom of Information (HmbBfDI)",
	"DE-HE": "Hessian Commissioner for Data Protection and Freedom of Information (HBDI)",
	"DE-MV": "State Commissioner for Data Protection and Freedom of Information Mecklenburg-Western Pomerania (LfDI MV)",
	"DE-NI": "State Commissioner for Data Protection Lower Saxony (LfD Niedersachsen)",
	"DE-NW": "State Commissioner for Data Protection and Freedom of Information North Rhine-Westphalia (LDI NRW)",
	"DE-RP": "State Commissioner for Data Protection and Freedom of Information Rhineland-Palatinate (LfDI RLP)",
	"DE-SL": "Independent Data Protection Centre Saarland (UDZ)",
	"DE-SN": "Saxon Data Protection and Transparency Commissioner (SDTB)",
	"DE-ST": "State Commissioner for Data Protection Saxony-Anhalt (LfD Sachsen-Anhalt)",
	"DE-SH": "Independent Centre for Privacy Protection Schleswig-Holstein (ULD)",
	"DE-TH": "Thuringian State Commissioner for Data Protection and Freedom of Information (TLfDI)",
}

// Codes returns every assigned ISO 3166-1 alpha-2 code, ordered by the
// countries' English names (for a select list of countries).
func Codes() []string {
	codes := make([]string, 0, len(names))
	for c := range names {
		codes = append(codes, c)
	}
	c := collate.New(language.English)
	slices.SortFunc(codes, func(a, b string) int { return c.CompareString(names[a], names[b]) })
	return codes
}
