package deal

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var updateFieldDocs = flag.Bool("update-fielddocs", false, "rewrite fielddoc.go from docs/deal-format.md")

// TestFieldDocsGenerated keeps fielddoc.go, which `dpakit clauses fields`
// reads, in step with the Meaning column of docs/deal-format.md: the
// reference is written once, for people, and the program reads it.
func TestFieldDocsGenerated(t *testing.T) {
	docs, err := readFormatDoc(formatDocPath)
	if err != nil {
		t.Fatal(err)
	}
	paths := make([]string, 0, len(docs))
	for p := range docs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b bytes.Buffer
	b.WriteString("// Code generated from docs/deal-format.md by go test ./assemble/deal -run TestFieldDocsGenerated -update-fielddocs; DO NOT EDIT.\n\n")
	b.WriteString("package deal\n\n")
	b.WriteString("// FieldMeaning returns what the deal field at path (\"customer.name\",\n// \"subprocessors.list[].country\") means for the DPA, as\n// docs/deal-format.md says, or \"\" for a path it does not document.\n")
	b.WriteString("func FieldMeaning(path string) string {\n\tswitch path {\n")
	for _, p := range paths {
		meaning := strings.TrimSpace(docs[p].cells[4])
		fmt.Fprintf(&b, "\tcase %s:\n\t\treturn %s\n", strconv.Quote(p), strconv.Quote(meaning))
	}
	b.WriteString("\t}\n\treturn \"\"\n}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if *updateFieldDocs {
		if err := os.WriteFile("fielddoc.go", src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile("fielddoc.go")
	if err != nil || !bytes.Equal(got, src) {
		t.Errorf("assemble/deal/fielddoc.go is not up to date with %s: run go test ./assemble/deal -run TestFieldDocsGenerated -update-fielddocs", formatDoc)
	}
}
