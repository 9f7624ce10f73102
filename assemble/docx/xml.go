package docx

import (
	"bytes"
	"unicode/utf8"
)

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// escapeText appends s as XML character data. Characters XML 1.0 cannot
// hold (C0 controls but tab, newline and CR; U+FFFE, U+FFFF; invalid UTF-8)
// become U+FFFD: a deal never carries them (validation refuses control
// characters), but the package must stay well formed whatever it is given.
func escapeText(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '"' {
			i++
			continue
		}
		size := 1
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if (r != utf8.RuneError || size == 3) && r != 0xFFFE && r != 0xFFFF {
				i += size
				continue
			}
		}
		b.WriteString(s[last:i])
		switch {
		case c == '&':
			b.WriteString("&amp;")
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case c == '"':
			b.WriteString("&quot;")
		case c == '\t' || c == '\n' || c == '\r':
			b.WriteByte(' ')
		default:
			b.WriteString("\uFFFD")
		}
		i += size
		last = i
	}
	b.WriteString(s[last:])
}

// escapeAttr appends s as an attribute value (quoted with ").
func escapeAttr(b *bytes.Buffer, s string) { escapeText(b, s) }
