// Package hostile builds the hostile inputs of dpakit's tests: workbooks,
// CSV files and deal files made to exhaust memory or time, damaged files,
// and text that once slipped through validation. The large ones are built
// here, in memory, rather than stored in the repository. Only tests import
// this package.
package hostile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"sort"
	"strings"
)

const (
	mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	relNS  = "http://schemas.openxmlformats.org/package/2006/relationships"
	docRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// skeleton is every part of a one-sheet workbook but the sheet and the
// shared strings.
var skeleton = map[string]string{
	"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`</Types>`,
	"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="` + relNS + `"><Relationship Id="rId1" Type="` + docRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
	"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<workbook xmlns="` + mainNS + `" xmlns:r="` + docRel + `"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
	"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="` + relNS + `">` +
		`<Relationship Id="rId1" Type="` + docRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="` + docRel + `/sharedStrings" Target="sharedStrings.xml"/>` +
		`</Relationships>`,
}

// Sheet is the XML of a worksheet being built.
type Sheet struct {
	b    strings.Builder
	rows int
}

// Row adds a row; a cell "#N" refers to shared string N, any other cell is
// an inline string.
func (s *Sheet) Row(cells ...string) *Sheet {
	s.rows++
	fmt.Fprintf(&s.b, `<row r="%d">`, s.rows)
	for i, c := range cells {
		ref := fmt.Sprintf("%c%d", 'A'+i, s.rows)
		if n, ok := strings.CutPrefix(c, "#"); ok {
			fmt.Fprintf(&s.b, `<c r="%s" t="s"><v>%s</v></c>`, ref, n)
			continue
		}
		var esc bytes.Buffer
		_ = xmlEscape(&esc, c)
		fmt.Fprintf(&s.b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, esc.String())
	}
	s.b.WriteString(`</row>`)
	return s
}

// XML returns the worksheet part, with prolog before the root element (a
// DTD, say).
func (s *Sheet) XML(prolog string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + prolog +
		`<worksheet xmlns="` + mainNS + `"><sheetData>` + s.b.String() + `</sheetData></worksheet>`
}

// SharedStrings returns a shared-strings part holding strs.
func SharedStrings(strs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="%s" count="%d" uniqueCount="%d">`, mainNS, len(strs), len(strs))
	for _, s := range strs {
		var esc bytes.Buffer
		_ = xmlEscape(&esc, s)
		b.WriteString("<si><t>" + esc.String() + "</t></si>")
	}
	b.WriteString("</sst>")
	return b.String()
}

// Workbook zips a one-sheet workbook from the sheet and shared-strings
// parts, compressed.
func Workbook(sheet, sst string) []byte {
	parts := map[string]string{"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst}
	for k, v := range skeleton {
		parts[k] = v
	}
	return Zip(parts, zip.Deflate)
}

// Zip writes parts in name order with the given method (zip.Store or
// zip.Deflate).
func Zip(parts map[string]string, method uint16) []byte {
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: method})
		if err != nil {
			panic(err) // writing to memory
		}
		_, _ = w.Write([]byte(parts[n]))
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// ValidSheet is a small, correct list: a header and three rows.
func ValidSheet() *Sheet {
	s := &Sheet{}
	s.Row("Name", "Purpose", "Country", "Transfer mechanism")
	s.Row("Amazon Web Services EMEA SARL", "Hosting", "IE", "none")
	s.Row("Better Stack, Inc.", "Log management", "US", "scc")
	s.Row("Sentry", "Error tracking", "US", "scc")
	return s
}

// ValidWorkbook is ValidSheet as a workbook.
func ValidWorkbook() []byte {
	return Workbook(ValidSheet().XML(""), SharedStrings())
}

// SharedStringBomb is a small file whose rows all refer to one shared
// string of textLen bytes: read cell by cell, it is rows × textLen bytes
// of text.
func SharedStringBomb(textLen, rows int) []byte {
	s := &Sheet{}
	s.Row("Name", "Purpose", "Country")
	for i := range rows {
		s.Row(fmt.Sprintf("Sub-processor %d", i), "#0", "DE")
	}
	return Workbook(s.XML(""), SharedStrings(strings.Repeat("x", textLen)))
}

// CutSheet is ValidWorkbook with its sheet cut in half: the zip is sound
// (sizes and checksums match the shortened part), the XML is not.
func CutSheet() []byte {
	sheet := ValidSheet().XML("")
	return Workbook(sheet[:len(sheet)/2], SharedStrings())
}

// EntityAttack is a workbook whose sheet declares an external entity and
// uses it in a cell.
func EntityAttack() []byte {
	s := &Sheet{}
	s.Row("Name", "Purpose", "Country")
	sheet := s.XML(`<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`)
	sheet = strings.Replace(sheet, "</sheetData>", `<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c><c r="B2" t="inlineStr"><is><t>Hosting</t></is></c><c r="C2" t="inlineStr"><is><t>DE</t></is></c></row></sheetData>`, 1)
	return Workbook(sheet, SharedStrings())
}

// BadChecksum is a workbook stored without compression in which one byte
// of a name was changed after the checksums were written: it reads as a
// different, plausible list.
func BadChecksum() []byte {
	parts := map[string]string{"xl/worksheets/sheet1.xml": ValidSheet().XML(""), "xl/sharedStrings.xml": SharedStrings()}
	for k, v := range skeleton {
		parts[k] = v
	}
	data := Zip(parts, zip.Store)
	i := bytes.Index(data, []byte("Sentry"))
	if i < 0 {
		panic("hostile: no Sentry in the stored workbook")
	}
	data[i] = 'Z' // "Zentry": the CRC-32 in the headers no longer matches
	return data
}

// WideCSV is one line of n commas after a header: n+1 columns.
func WideCSV(n int) []byte {
	var b bytes.Buffer
	b.Grow(n + 64)
	b.WriteString("Name,Purpose,Country\n")
	b.Write(bytes.Repeat([]byte{','}, n))
	b.WriteByte('\n')
	return b.Bytes()
}

// CROnlyCSV is a CSV file with the CR-only line ends of Excel for Mac.
func CROnlyCSV() []byte {
	return []byte("Name,Purpose,Country,Transfer mechanism\rAmazon Web Services EMEA SARL,Hosting,IE,none\rSentry,Error tracking,US,scc\r")
}

// xmlEscape escapes s for XML character data, byte by byte, so that
// invalid UTF-8 in a hostile input passes through unchanged. (A
// strings.Replacer built per call cost a fifth of building the 20,000-row
// workbooks.)
func xmlEscape(b *bytes.Buffer, s string) error {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
	return nil
}
