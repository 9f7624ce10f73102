package country

import "slices"

// PostcodeLands returns the ISO 3166-2 codes of the German Länder to which
// Deutsche Post allocates the five-digit postal code (Postleitzahl), in
// alphabetical order of code: one code for most postal codes ("80331" →
// ["DE-BY"]), two or more for a postal code whose delivery area crosses a
// Land boundary ("22145" → ["DE-HH" "DE-SH"]), and none for a code that is
// not five digits, that is allocated to no Land, or that serves a place
// outside Germany (87491 Jungholz and 87567-87569 Kleinwalsertal, in
// Austria).
func PostcodeLands(postcode string) []string {
	n, ok := postcodeNumber(postcode)
	if !ok {
		return nil
	}
	var lands []string
	for _, r := range postcodeRanges {
		if n >= r.from && n <= r.to && !slices.Contains(lands, r.land) {
			lands = append(lands, r.land)
		}
	}
	slices.Sort(lands)
	return lands
}

// postcodeNumber reads a five-digit postal code.
func postcodeNumber(s string) (int, bool) {
	if len(s) != 5 {
		return 0, false
	}
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// LandName returns the English name of the German Land with the ISO 3166-2
// code ("DE-BY" → "Bavaria"), or "" for any other code.
func LandName(code string) string {
	return landNames[code]
}

// landNames are the Länder's English names by ISO 3166-2 code.
var landNames = map[string]string{
	"DE-BW": "Baden-Württemberg", "DE-BY": "Bavaria", "DE-BE": "Berlin", "DE-BB": "Brandenburg",
	"DE-HB": "Bremen", "DE-HH": "Hamburg", "DE-HE": "Hesse", "DE-MV": "Mecklenburg-Western Pomerania",
	"DE-NI": "Lower Saxony", "DE-NW": "North Rhine-Westphalia", "DE-RP": "Rhineland-Palatinate",
	"DE-SL": "Saarland", "DE-SN": "Saxony", "DE-ST": "Saxony-Anhalt", "DE-SH": "Schleswig-Holstein",
	"DE-TH": "Thuringia",
}

// postcodeRange is a run of postal codes, from and to inclusive, that
// Deutsche Post allocates within one Land.
type postcodeRange struct {
	from, to int
	land     string
}

// postcodeRanges allocate the German postal codes to the Länder, in order
// of the first code. The ranges are those of Deutsche Post's directory of
// postal codes as commonly tabulated by Land; ranges of two Länder overlap
// where a postal code's delivery area crosses a Land boundary (for example
// 07919, 14715, 22145, 63776, 89081), and PostcodeLands then returns both.
// Codes in no range (such as 00xxx, 05xxx, 62xxx) are allocated to no Land;
// 87491 and 87567-87569 serve Austrian places and are left out.
var postcodeRanges = []postcodeRange{
	{1001, 1936, "DE-SN"}, {1941, 1998, "DE-BB"}, {2601, 2999, "DE-SN"}, {3001, 3253, "DE-BB"},
	{4001, 4579, "DE-SN"}, {4581, 4639, "DE-TH"}, {4641, 4889, "DE-SN"}, {4891, 4938, "DE-BB"},
	{6001, 6548, "DE-ST"}, {6551, 6578, "DE-TH"}, {6601, 6928, "DE-ST"},
	{7301, 7950, "DE-TH"}, {7919, 7919, "DE-SN"}, {7951, 7952, "DE-SN"}, {7952, 7980, "DE-TH"},
	{7982, 7982, "DE-SN"}, {7985, 7985, "DE-SN"}, {7985, 7989, "DE-TH"},
	{8001, 9669, "DE-SN"},
	{10001, 14330, "DE-BE"},
	{14401, 14715, "DE-BB"}, {14715, 14715, "DE-ST"}, {14723, 16949, "DE-BB"},
	{17001, 17256, "DE-MV"}, {17258, 17258, "DE-BB"}, {17258, 17259, "DE-MV"}, {17261, 17291, "DE-BB"},
	{17301, 17322, "DE-MV"}, {17309, 17309, "DE-BB"}, {17321, 17321, "DE-BB"}, {17326, 17326, "DE-BB"},
	{17328, 17331, "DE-MV"}, {17335, 17335, "DE-BB"}, {17335, 17335, "DE-MV"}, {17337, 17337, "DE-BB"},
	{17337, 19260, "DE-MV"}, {19271, 19273, "DE-NI"}, {19273, 19306, "DE-MV"}, {19307, 19357, "DE-BB"},
	{19357, 19417, "DE-MV"},
	{20001, 21037, "DE-HH"}, {21039, 21039, "DE-SH"}, {21039, 21170, "DE-HH"}, {21202, 21449, "DE-NI"},
	{21451, 21521, "DE-SH"}, {21522, 21522, "DE-NI"}, {21524, 21529, "DE-SH"}, {21601, 21789, "DE-NI"},
	{22001, 22113, "DE-HH"}, {22113, 22113, "DE-SH"}, {22115, 22143, "DE-HH"}, {22145, 22145, "DE-HH"}, {22145, 22145, "DE-SH"},
	{22147, 22786, "DE-HH"}, {22801, 23919, "DE-SH"}, {23921, 23999, "DE-MV"}, {24001, 25999, "DE-SH"},
	{26001, 27478, "DE-NI"}, {27483, 27498, "DE-SH"}, {27499, 27499, "DE-HH"}, {27501, 27580, "DE-HB"},
	{27607, 27809, "DE-NI"}, {28001, 28779, "DE-HB"}, {28784, 29399, "DE-NI"}, {29401, 29416, "DE-ST"},
	{29431, 31868, "DE-NI"},
	{32001, 33829, "DE-NW"}, {34001, 34329, "DE-HE"}, {34331, 34353, "DE-NI"}, {34355, 34355, "DE-NI"}, {34355, 34399, "DE-HE"},
	{34401, 34439, "DE-NW"}, {34441, 36399, "DE-HE"}, {36401, 36469, "DE-TH"},
	{37001, 37194, "DE-NI"}, {37194, 37195, "DE-HE"}, {37197, 37199, "DE-NI"}, {37201, 37299, "DE-HE"},
	{37301, 37359, "DE-TH"}, {37401, 37649, "DE-NI"}, {37651, 37688, "DE-NW"}, {37689, 37691, "DE-NI"},
	{37692, 37696, "DE-NW"}, {37697, 38479, "DE-NI"}, {38481, 38489, "DE-ST"}, {38501, 38729, "DE-NI"},
	{38801, 39649, "DE-ST"},
	{40001, 48432, "DE-NW"}, {48442, 48465, "DE-NI"}, {48466, 48477, "DE-NW"}, {48478, 48480, "DE-NI"},
	{48481, 48485, "DE-NW"}, {48486, 48488, "DE-NI"}, {48489, 48496, "DE-NW"}, {48497, 48531, "DE-NI"},
	{48541, 48739, "DE-NW"}, {49001, 49459, "DE-NI"}, {49461, 49549, "DE-NW"}, {49551, 49849, "DE-NI"},
	{50101, 51597, "DE-NW"}, {51598, 51598, "DE-RP"}, {51601, 53359, "DE-NW"}, {53401, 53579, "DE-RP"},
	{53581, 53604, "DE-NW"}, {53614, 53619, "DE-RP"}, {53621, 53949, "DE-NW"}, {54181, 55239, "DE-RP"},
	{55240, 55252, "DE-HE"}, {55253, 56869, "DE-RP"}, {57001, 57489, "DE-NW"}, {57501, 57648, "DE-RP"},
	{58001, 59966, "DE-NW"}, {59969, 59969, "DE-HE"}, {59969, 59969, "DE-NW"},
	{60001, 63699, "DE-HE"}, {63701, 63774, "DE-BY"}, {63776, 63928, "DE-BY"}, {63930, 63939, "DE-BY"}, {63776, 63776, "DE-HE"}, {63928, 63928, "DE-BW"},
	{64201, 65556, "DE-HE"}, {64754, 64754, "DE-BW"}, {65326, 65326, "DE-RP"}, {65391, 65391, "DE-RP"},
	{65558, 65582, "DE-RP"}, {65583, 65620, "DE-HE"}, {65621, 65626, "DE-RP"}, {65627, 65627, "DE-HE"},
	{65629, 65629, "DE-RP"}, {65701, 65936, "DE-HE"},
	{66001, 66459, "DE-SL"}, {66461, 66509, "DE-RP"}, {66511, 66839, "DE-SL"}, {66841, 67829, "DE-RP"},
	{68001, 68312, "DE-BW"}, {68501, 68519, "DE-HE"}, {68520, 68549, "DE-BW"}, {68601, 68649, "DE-HE"},
	{68701, 69234, "DE-BW"}, {69235, 69239, "DE-HE"}, {69240, 69429, "DE-BW"}, {69430, 69431, "DE-HE"},
	{69434, 69434, "DE-HE"}, {69434, 69469, "DE-BW"}, {69479, 69488, "DE-HE"}, {69489, 69502, "DE-BW"},
	{69503, 69509, "DE-HE"}, {69510, 69514, "DE-BW"}, {69515, 69518, "DE-HE"},
	{70001, 74592, "DE-BW"}, {74594, 76709, "DE-BW"}, {74594, 74594, "DE-BY"}, {76711, 76891, "DE-RP"}, {77601, 79879, "DE-BW"},
	{80001, 87490, "DE-BY"}, {87493, 87561, "DE-BY"}, {87571, 87789, "DE-BY"},
	{88001, 88099, "DE-BW"}, {88101, 88179, "DE-BY"}, {88147, 88147, "DE-BW"}, {88181, 89079, "DE-BW"},
	{89081, 89081, "DE-BY"}, {89081, 89085, "DE-BW"}, {89087, 89087, "DE-BY"}, {89090, 89198, "DE-BW"},
	{89201, 89449, "DE-BY"}, {89501, 89619, "DE-BW"},
	{90001, 96489, "DE-BY"}, {96501, 96529, "DE-TH"}, {97001, 97859, "DE-BY"}, {97861, 97877, "DE-BW"},
	{97888, 97892, "DE-BY"}, {97893, 97900, "DE-BW"}, {97896, 97896, "DE-BY"}, {97901, 97909, "DE-BY"},
	{97911, 97999, "DE-BW"},
	{98501, 99998, "DE-TH"},
}
