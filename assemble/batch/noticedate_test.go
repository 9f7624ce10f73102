package batch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dpakit/dpakit/assemble"
	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/sublist"
)

// TestNoticeFilesAreDatedTheDayTheyAreSent is the regression test for
// batch notices stamped with the time of the run (/CreationDate
// (D:20261203145232)) where dpakit notice dates the letter the day it is
// sent: two runs make the same bytes, each PDF created on the notice date.
func TestNoticeFilesAreDatedTheDayTheyAreSent(t *testing.T) {
	date, _ := deal.ParseDate("2026-12-01")
	runOnce := func() (pdfData, docxData []byte) {
		cfg := testConfig(t, "customers.csv", customersCSV(1, noRef, hours48))
		cfg.Docs = []string{DocNotice}
		cfg.Formats = []string{"pdf", "docx"}
		cfg.NoticeKey = "2026-12-01"
		cfg.Notice = func(d *deal.Deal) assemble.Notice {
			return assemble.Notice{Date: date, Changes: sublist.Changes{Removed: d.Subprocessors.List[:1]}}
		}
		if sum := run(t, context.Background(), cfg); sum.Made != 1 {
			t.Fatalf("summary %+v", sum)
		}
		ref := readManifest(t, cfg.Out)[0].Reference
		read := func(name string) []byte {
			b, err := os.ReadFile(filepath.Join(cfg.Out, ref, name))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		return read("notice.pdf"), read("notice.docx")
	}
	pdf1, docx1 := runOnce()
	pdf2, docx2 := runOnce()
	if !bytes.Contains(pdf1, []byte("/CreationDate (D:20261201000000")) {
		t.Errorf("the notice PDF is not created on the notice date")
	}
	if !bytes.Equal(pdf1, pdf2) {
		t.Errorf("two runs made different notice PDFs")
	}
	if !bytes.Equal(docx1, docx2) {
		t.Errorf("two runs made different notice DOCX files")
	}
}
