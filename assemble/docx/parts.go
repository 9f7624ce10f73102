package docx

import (
	"bytes"
	"strconv"
	"time"

	"github.com/dpakit/dpakit/assemble/document"
)

// bodyFont is named in the styles, not embedded: Word has it, and
// LibreOffice maps it to the metric-compatible Liberation Serif.
const bodyFont = "Times New Roman"

// The content types of every part the writer makes.
const contentTypesXML = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>` +
	`</Types>`

func contentTypes(b *bytes.Buffer) { b.WriteString(contentTypesXML) }

// Relationship types.
const (
	relOfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relCore           = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	relExtended       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
	relCustom         = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
	relStyles         = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
	relNumbering      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
	relSettings       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
	relHeader         = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
	relFooter         = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
	relHyperlink      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
)

func packageRels(b *bytes.Buffer) {
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	rel(b, "rId1", relOfficeDocument, "word/document.xml", false)
	rel(b, "rId2", relCore, "docProps/core.xml", false)
	rel(b, "rId3", relExtended, "docProps/app.xml", false)
	rel(b, "rId4", relCustom, "docProps/custom.xml", false)
	b.WriteString(`</Relationships>`)
}

// documentRels writes word/_rels/document.xml.rels. The ids are fixed for
// the fixed parts (documentXML refers to rId4-rId7); hyperlinks follow from
// firstLinkRel.
func documentRels(b *bytes.Buffer, links []string) {
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	rel(b, "rId1", relStyles, "styles.xml", false)
	rel(b, "rId2", relNumbering, "numbering.xml", false)
	rel(b, "rId3", relSettings, "settings.xml", false)
	rel(b, "rId4", relHeader, "header1.xml", false)
	rel(b, "rId5", relHeader, "header2.xml", false)
	rel(b, "rId6", relFooter, "footer1.xml", false)
	rel(b, "rId7", relFooter, "footer2.xml", false)
	for i, u := range links {
		rel(b, "rId"+strconv.Itoa(firstLinkRel+i), relHyperlink, u, true)
	}
	b.WriteString(`</Relationships>`)
}

func rel(b *bytes.Buffer, id, typ, target string, external bool) {
	b.WriteString(`<Relationship Id="` + id + `" Type="` + typ + `" Target="`)
	escapeAttr(b, target)
	b.WriteString(`"`)
	if external {
		b.WriteString(` TargetMode="External"`)
	}
	b.WriteString(`/>`)
}

// coreProps writes the title, subject, author and dates.
func (w *Writer) coreProps(b *bytes.Buffer, d *document.Document) {
	date := w.date
	switch {
	case !d.Meta.Dated.IsZero():
		date = d.Meta.Dated // a letter: the day it is dated
	case date.IsZero():
		date = d.Meta.EffectiveDate
	}
	stamp := date.UTC().Format(time.RFC3339)
	b.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	element(b, "dc:title", d.Meta.Title)
	element(b, "dc:subject", d.Meta.Subject)
	element(b, "dc:creator", d.Meta.Author)
	element(b, "cp:keywords", d.Meta.Reference)
	element(b, "cp:lastModifiedBy", "dpakit")
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified>`)
	b.WriteString(`</cp:coreProperties>`)
}

func element(b *bytes.Buffer, name, text string) {
	b.WriteString("<" + name + ">")
	escapeText(b, text)
	b.WriteString("</" + name + ">")
}

func appProps(b *bytes.Buffer) {
	b.WriteString(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>dpakit</Application></Properties>`)
}

// customProps records what the document was made from, as the PDF's
// manifest does: the reference, the deal hash, the template and the library.
func customProps(b *bytes.Buffer, d *document.Document) {
	b.WriteString(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	props := []struct{ name, value string }{
		{"DPA Reference", d.Meta.Reference},
		{"Deal Hash", d.Meta.DealHash},
		{"Template", d.Meta.Template},
		{"Clause Library", d.Meta.LibraryVersion},
	}
	pid := 2 // ids 0 and 1 are reserved
	for _, p := range props {
		if p.value == "" {
			continue
		}
		b.WriteString(`<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="` + strconv.Itoa(pid) + `" name="` + p.name + `"><vt:lpwstr>`)
		escapeText(b, p.value)
		b.WriteString(`</vt:lpwstr></property>`)
		pid++
	}
	b.WriteString(`</Properties>`)
}

func settingsXML(b *bytes.Buffer) {
	b.WriteString(xmlHeader + `<w:settings xmlns:w="` + nsW + `"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`)
}

// headerXML writes the running header of pages 2 onwards: the short title
// and the customer, as the PDF prints them.
func headerXML(b *bytes.Buffer, d *document.Document, width int) {
	customer := ""
	if len(d.Meta.Parties) > 0 {
		customer = d.Meta.Parties[0].Name
	}
	b.WriteString(xmlHeader + `<w:hdr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="Header"/><w:tabs><w:tab w:val="clear" w:pos="9070"/><w:tab w:val="right" w:pos="` + strconv.Itoa(width) + `"/></w:tabs></w:pPr>`)
	plainRun(b, d.Meta.ShortTitle)
	b.WriteString(`<w:r><w:tab/></w:r>`)
	plainRun(b, customer)
	b.WriteString(`</w:p></w:hdr>`)
}

// emptyHeaderXML is the first page's header: the title block needs none.
func emptyHeaderXML(b *bytes.Buffer) {
	b.WriteString(xmlHeader + `<w:hdr xmlns:w="` + nsW + `"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p></w:hdr>`)
}

// footerXML writes the footer of every page: the reference and "Page X of
// Y", with X and Y as PAGE and NUMPAGES fields that Word keeps current.
func footerXML(b *bytes.Buffer, d *document.Document, width int) {
	b.WriteString(xmlHeader + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:tabs><w:tab w:val="clear" w:pos="4513"/><w:tab w:val="clear" w:pos="9026"/><w:tab w:val="right" w:pos="` + strconv.Itoa(width) + `"/></w:tabs></w:pPr>`)
	if d.Meta.Reference != "" {
		plainRun(b, "Reference "+d.Meta.Reference)
	}
	b.WriteString(`<w:r><w:tab/></w:r>`)
	plainRun(b, "Page ")
	b.WriteString(`<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>`)
	plainRun(b, " of ")
	b.WriteString(`<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>`)
	b.WriteString(`</w:p></w:ftr>`)
}

func plainRun(b *bytes.Buffer, s string) {
	b.WriteString(`<w:r><w:t xml:space="preserve">`)
	escapeText(b, s)
	b.WriteString(`</w:t></w:r>`)
}

// stylesXML writes the styles a lawyer restyles the whole document with:
// Normal, Title, Heading 1-3, the clause levels linked to Word numbering,
// list, table, signature, header and footer styles.
func stylesXML(b *bytes.Buffer) {
	b.WriteString(stylesDoc)
}

const stylesDoc = xmlHeader + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + bodyFont + `" w:hAnsi="` + bodyFont + `" w:eastAsia="` + bodyFont + `" w:cs="` + bodyFont + `"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl/><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="PartiesLine"><w:name w:val="Parties Line"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="60"/><w:jc w:val="center"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="ClauseText"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:spacing w:before="320" w:after="120"/><w:ind w:left="720" w:hanging="720"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="100"/><w:jc w:val="left"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="AnnexHeading"><w:name w:val="Annex Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="320" w:after="120"/><w:ind w:left="720" w:hanging="720"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Subheading"><w:name w:val="Subheading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/><w:jc w:val="left"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TitleRule"><w:name w:val="Title Rule"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="808080"/></w:pBdr><w:spacing w:before="0" w:after="480" w:line="120" w:lineRule="exact"/><w:ind w:left="3600" w:right="3600"/></w:pPr><w:rPr><w:sz w:val="8"/><w:szCs w:val="8"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="ClauseText"><w:name w:val="Clause Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:ind w:left="720" w:hanging="720"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="ClauseItem"><w:name w:val="Clause Item"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr><w:ind w:left="1440" w:hanging="720"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="ClauseSubitem"><w:name w:val="Clause Subitem"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="3"/><w:numId w:val="1"/></w:numPr><w:ind w:left="2160" w:hanging="720"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="BodyIndent"><w:name w:val="Body Text Indent"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720" w:hanging="720"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="720" w:hanging="360"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="ListBullet2"><w:name w:val="List Bullet 2"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableHeading"><w:name w:val="Table Heading"/><w:basedOn w:val="TableText"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableGap"><w:name w:val="Table Gap"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="8"/><w:szCs w:val="8"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="60"/><w:jc w:val="left"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="SignatureLine"><w:name w:val="Signature Line"/><w:basedOn w:val="Signature"/><w:qFormat/><w:pPr><w:spacing w:before="480" w:after="60"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="A0A0A0"/></w:pBdr><w:tabs><w:tab w:val="right" w:pos="9070"/></w:tabs><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>` +
	`<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="1F4E79"/><w:u w:val="single"/></w:rPr></w:style>` +
	`<w:style w:type="character" w:styleId="CrossReference"><w:name w:val="Cross Reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/></w:style>` +
	`<w:style w:type="table" w:styleId="DPATable"><w:name w:val="DPA Table"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="B8B8B8"/><w:left w:val="single" w:sz="4" w:space="0" w:color="B8B8B8"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="B8B8B8"/><w:right w:val="single" w:sz="4" w:space="0" w:color="B8B8B8"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="B8B8B8"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="B8B8B8"/></w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="table" w:styleId="SignatureTable"><w:name w:val="Signature Table"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr></w:style>` +
	`</w:styles>`
