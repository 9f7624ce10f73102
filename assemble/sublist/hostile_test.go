package sublist

import (
	"errors"
	"strings"
	"testing"

	"github.com/dpakit/dpakit/assemble/hostile"
)

// TestImportHostile: damaged and hostile files are refused with a message
// naming the file and saying what is wrong, never imported as a shorter or
// different list.
func TestImportHostile(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		is         error
		want       string
	}{
		// Defect 1: 200 rows that each read a 1 MiB shared string.
		{"shared string bomb", "bomb.xlsx", hostile.SharedStringBomb(1<<20, 200), ErrTooLarge, "bomb.xlsx: the cells hold more than 64 MiB of text"},
		// Defect 6: damage of every kind is "corrupt".
		{"sheet cut short", "cut.xlsx", hostile.CutSheet(), ErrFormat, "cut.xlsx is corrupt: xl/worksheets/sheet1.xml: XML syntax error"},
		{"entity attack", "xxe.xlsx", hostile.EntityAttack(), ErrFormat, "xxe.xlsx is corrupt: xl/worksheets/sheet1.xml: a document type declaration (DTD)"},
		{"bad checksum", "crc.xlsx", hostile.BadChecksum(), ErrFormat, "crc.xlsx is corrupt: xl/worksheets/sheet1.xml: zip: checksum error"},
		// Defect 15: one line of 20 MiB of commas.
		{"wide CSV", "wide.csv", hostile.WideCSV(20<<20 - 64), ErrTooLarge, "wide.csv: row 2 has more than 1000 columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := Import(tt.data, tt.file)
			if !errors.Is(err, tt.is) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("Import = %d rows, %v; want %v starting %q", len(list), err, tt.is, tt.want)
			}
		})
	}
	if list, err := Import(hostile.ValidWorkbook(), "valid.xlsx"); err != nil || len(list) != 3 {
		t.Fatalf("the undamaged workbook: %d rows, %v", len(list), err)
	}
}

// TestImportLongCell: a cell far longer than any field is reported by its
// start, and the message stays short.
func TestImportLongCell(t *testing.T) {
	csv := "Name,Purpose,Country\nAcme," + strings.Repeat("y", 1<<20) + ",DE\n"
	_, err := Import([]byte(csv), "long.csv")
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 {
		t.Fatalf("err = %v, want one cell problem", err)
	}
	if msg := ie.Error(); len(msg) > 200 || !strings.Contains(msg, "row 2, column \"Purpose\" (B): purpose is longer than 128 KiB (starts \"yyyy") {
		t.Errorf("message (%d bytes) = %.300q", len(msg), msg)
	}
}

// TestImportCROnlyCSV: Excel for Mac ends lines with CR alone (defect 14).
func TestImportCROnlyCSV(t *testing.T) {
	list, err := Import(hostile.CROnlyCSV(), "mac.csv")
	if err != nil || len(list) != 2 || list[1].Name != "Sentry" {
		t.Fatalf("Import = %+v, %v; want the 2 rows", list, err)
	}
}

// TestCheckName: the extension is checked before a file is opened, so a
// device (/dev/zero) is never read (defect 2).
func TestCheckName(t *testing.T) {
	for name, ok := range map[string]bool{"/dev/zero": false, "list.CSV": true, "list.xlsx": true, "list.xls": false, "fifo": false} {
		if err := CheckName(name); (err == nil) != ok || (err != nil && !errors.Is(err, ErrFormat)) {
			t.Errorf("CheckName(%q) = %v", name, err)
		}
	}
}
