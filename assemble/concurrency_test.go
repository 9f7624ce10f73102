package assemble_test

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/dpakit/dpakit/assemble/document"
	"github.com/dpakit/dpakit/assemble/docx"
	"github.com/dpakit/dpakit/assemble/htmldoc"
	"github.com/dpakit/dpakit/assemble/mddoc"
)

// documentWriter is what every writer provides.
type documentWriter interface {
	Write(w io.Writer, d *document.Document) error
}

// TestWritersConcurrent writes the example DPA with one Writer of each
// format from several goroutines at once: each writer claims to be safe for
// concurrent use, so every result must equal a lone write. .ci/run runs it
// with the race detector.
func TestWritersConcurrent(t *testing.T) {
	eng := engine(t)
	doc, err := eng.Assemble(fixtureDeal(t, "example"), "dpa")
	if err != nil {
		t.Fatal(err)
	}
	dw, err := docx.New(docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, w := range map[string]documentWriter{"html": htmldoc.New(), "md": mddoc.New(), "docx": dw} {
		t.Run(name, func(t *testing.T) {
			var want bytes.Buffer
			if err := w.Write(&want, doc); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var got bytes.Buffer
					if err := w.Write(&got, doc); err != nil {
						errs[i] = err
					} else if !bytes.Equal(got.Bytes(), want.Bytes()) {
						errs[i] = fmt.Errorf("goroutine %d wrote different bytes", i)
					}
				}()
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
}
