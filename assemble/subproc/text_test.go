package subproc

import "testing"

// TestTextRules: the messages of the text rules a deal and a list share.
func TestTextRules(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"line ok", LineProblem("Amazon Web Services"), ""},
		{"line empty", LineProblem(""), ""},
		{"line break", LineProblem("a\u2028b"), "contains a line break (U+2028) at position 2; it must be a single line"},
		{"tab", LineProblem("a\tb"), "contains a tab (U+0009) at position 2"},
		{"control", LineProblem("a\x07"), "contains a control character (U+0007) at position 2"},
		{"bidi", LineProblem("a\u202eb"), "contains an invisible bidirectional text control (U+202E) at position 2"},
		{"zero width", LineProblem("a\u200bb"), "contains an invisible formatting character (U+200B) at position 2"},
		{"private use", LineProblem("a\ue000"), "contains a private-use character (U+E000) at position 2"},
		{"replacement", LineProblem("a\ufffd"), "contains the replacement character U+FFFD (was the text decoded with the wrong encoding?) at position 2"},
		{"bad utf-8", LineProblem("ab\xfe"), "is not valid UTF-8 text (bad byte 0xFE at byte 3)"},
		{"blank", LineProblem("\u00a0 "), "is blank (only white space)"},
		{"leading", LineProblem(" a"), "starts with white space (U+0020); remove it"},
		{"trailing", LineProblem("a\u00a0"), "ends with white space (U+00A0); remove it"},
		{"UK", CountryProblem("UK"), `"UK" is not an ISO 3166-1 country code; the United Kingdom is "GB"`},
		{"EL", CountryProblem("el"), `"el" is not an ISO 3166-1 country code; Greece is "GR"`},
		{"lower", CountryProblem("fr"), `"fr" is not a country code: write it in upper case ("FR")`},
		{"name", CountryProblem("Deutschland"), `"Deutschland" is not a country code; did you mean "DE" (Germany)?`},
		{"German name of the United States", CountryProblem("Amerika"), `"Amerika" is not a country code; did you mean "US" (the United States)?`},
		{"Dutch name of the United States", CountryProblem("Verenigde Staten"), `"Verenigde Staten" is not a country code; did you mean "US" (the United States)?`},
		{"Privacy Shield, United States", Rules{}.PrivacyShieldProblem("Privacy Shield", "US"),
			`"Privacy Shield" is not a transfer mechanism any more: the EU-US Privacy Shield was invalidated by the Court of Justice of the EU in July 2020 (Schrems II, Case C-311/18); write "dpf" if the sub-processor is certified under the EU-US Data Privacy Framework, its successor, otherwise "scc" (standard contractual clauses)`},
		{"EU-US Privacy Shield, India", Rules{}.PrivacyShieldProblem("EU-U.S. Privacy Shield", "IN"),
			`"EU-U.S. Privacy Shield" is not a transfer mechanism any more: the EU-US Privacy Shield was invalidated by the Court of Justice of the EU in July 2020 (Schrems II, Case C-311/18); write "scc" (standard contractual clauses)`},
		{"Swiss-US Privacy Shield, United States", Rules{}.PrivacyShieldProblem("Swiss-US Privacy Shield", "US"),
			`"Swiss-US Privacy Shield" is not a transfer mechanism any more: the Swiss FDPIC found in September 2020 that the Swiss-US Privacy Shield does not provide adequate protection; write "dpf" if the sub-processor is certified under the Swiss-US Data Privacy Framework, its successor, otherwise "scc" (standard contractual clauses)`},
		{"Privacy Shield, no country", Rules{}.PrivacyShieldProblem("privacyshield", ""),
			`"privacyshield" is not a transfer mechanism any more: the EU-US Privacy Shield was invalidated by the Court of Justice of the EU in July 2020 (Schrems II, Case C-311/18); write "dpf" for a sub-processor in the United States certified under the EU-US Data Privacy Framework, its successor, otherwise "scc" (standard contractual clauses)`},
		{"Swiss-US Privacy Shield, Germany", Rules{}.PrivacyShieldProblem("Swiss-US Privacy Shield", "DE"),
			`"Swiss-US Privacy Shield" is not a transfer mechanism any more: the Swiss FDPIC found in September 2020 that the Swiss-US Privacy Shield does not provide adequate protection; write "none": a sub-processor in the EEA needs no transfer mechanism`},
		{"not Privacy Shield", Rules{}.PrivacyShieldProblem("Data Privacy Framework", "US"), ""},
		{"unknown", CountryProblem("ZZ"), `"ZZ" is not an ISO 3166-1 alpha-2 country code (such as "DE" or "US")`},
		{"unprintable", UnprintableProblem("ok \u2603", func(r rune) bool { return r < 0x2000 }), `character "☃" (U+2603) cannot be printed in the PDF fonts`},
		{"unprintable left to line", UnprintableProblem("a\u200b", func(r rune) bool { return r < 0x80 }), ""},
		{"or list", orList([]string{"a", "b", "c"}), "a, b or c"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

// TestWebAddress: the http_url rule as validator/v10 has it.
func TestWebAddress(t *testing.T) {
	for s, want := range map[string]bool{
		"https://aws.amazon.com": true, "HTTP://EXAMPLE.COM/x": true, "aws.amazon.com": false,
		"ftp://example.com": false, "https://": false, "https//x": false, "mailto:a@b.c": false,
	} {
		if got := isWebAddress(s); got != want {
			t.Errorf("isWebAddress(%q) = %v, want %v", s, got, want)
		}
	}
}
