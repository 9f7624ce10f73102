package listfile

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/sublist"
	"github.com/dpakit/dpakit/assemble/workbook"
)

// loadFixture loads a list file of the importer's testdata.
func loadFixture(t testing.TB, name string) []deal.Subprocessor {
	t.Helper()
	list, err := LoadFile("../sublist/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// exportList writes list as the workbook package exports it.
func exportList(t testing.TB, list []deal.Subprocessor) []byte {
	t.Helper()
	asOf, err := deal.ParseDate("2026-12-01")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = workbook.Export(&buf, workbook.Input{
		Provider:      deal.Provider{Name: "Kestrel Cloud, Inc.", Contact: deal.Contact{Name: "Privacy Team", Email: "privacy@kestrel.example"}},
		List:          list,
		Version:       "7",
		AsOf:          asOf,
		ObjectionDays: 30,
		NoticeDays:    30,
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestLoadFileRefusesDevice: the extension is checked before a file is
// opened, so a device (/dev/zero) is never read.
func TestLoadFileRefusesDevice(t *testing.T) {
	if _, err := LoadFile("/dev/zero"); !errors.Is(err, sublist.ErrFormat) {
		t.Errorf("LoadFile(/dev/zero) = %v, want ErrFormat before reading", err)
	}
}

// TestReaderUsesItsValidator checks that a Reader refuses, on import and
// on load, the characters its Validator's fonts cannot print (emoji, CJK),
// as render does, while the default rules accept them.
func TestReaderUsesItsValidator(t *testing.T) {
	latin := func(r rune) bool { return r < 0x2000 }
	rd := NewReader(deal.NewValidator(deal.Options{Printable: latin}))
	y := []byte("list:\n  - {name: AWS, purpose: \"Storage \U0001F600\", location: Dublin, country: IE, category: service, transfer_mechanism: none}\n")
	if _, err := Load(y, "list.yaml"); err != nil {
		t.Fatalf("default rules: %v", err)
	}
	if _, err := rd.Load(y, "list.yaml"); err == nil || !strings.Contains(err.Error(), "list[0].purpose: character") {
		t.Errorf("Reader.Load err = %v; want the purpose's unprintable character", err)
	}
	csv := []byte("Name,Purpose,Location,Country,Category\nAWS,Storage \U0001F600,Dublin,IE,Service\n")
	if _, _, err := rd.ImportNotes(context.Background(), csv, "x.csv"); err == nil || !strings.Contains(err.Error(), `row 2, column "Purpose" (B): purpose: character`) {
		t.Errorf("Reader.ImportNotes err = %v; want the purpose's unprintable character", err)
	}
}

// TestImportedListLoads checks that what import writes, diff and notice
// read back: the list file of an import passes Load.
func TestImportedListLoads(t *testing.T) {
	csv := "Vendor;Function;Country;Safeguard\nAWS;Hosting;USA;SCCs\nBunny;CDN;Slovenia;\n"
	list, err := sublist.Import([]byte(csv), "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	y, err := Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Load(y, "list.yaml")
	if err != nil {
		t.Fatalf("Load(Marshal(Import)) = %v", err)
	}
	if diff := cmp.Diff(list, back, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("list changed on the way (-import +load):\n%s", diff)
	}
}
