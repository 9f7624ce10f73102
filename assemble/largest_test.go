package assemble_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"testing"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/fixtures"
)

// TestLargestDealWithinLimits: a deal file close to the 1 MiB limit, with
// 1,900 sub-processors, renders every document under the default template
// limits, so that no valid deal fails on them.
func TestLargestDealWithinLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a 1 MiB deal")
	}
	src, err := fs.ReadFile(fixtures.FS, fixtures.ExampleDeal)
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(src, []byte("  list:\n"))
	end := bytes.Index(src[start:], []byte("\n\n"))
	if start < 0 || end < 0 {
		t.Fatal("the example deal's sub-processor list is not where this test expects it")
	}
	var list bytes.Buffer
	list.WriteString("  list:\n")
	for i := 0; i < 2000 && list.Len() < deal.MaxSize-len(src)-2048; i++ {
		fmt.Fprintf(&list, "    - name: \"Sub-processor number %04d with a rather long legal entity name GmbH & Co. KG\"\n"+
			"      purpose: \"Hosting, storage, backup and disaster recovery of the platform and its databases, number %d\"\n"+
			"      location: \"EU (Germany), Frankfurt am Main data centre %d\"\n"+
			"      country: DE\n      data: [Account data, Usage logs]\n      category: infrastructure\n      transfer_mechanism: none\n", i, i, i)
	}
	big := append(append(append([]byte{}, src[:start]...), list.Bytes()...), src[start+end:]...)
	d, err := deal.NewValidator(deal.Options{}).Load(big, "big.yaml", nil, "")
	if err != nil {
		t.Fatalf("the large deal (%d bytes) is invalid: %v", len(big), err)
	}
	if n := len(d.Subprocessors.List); n < 1500 {
		t.Fatalf("only %d sub-processors", n)
	}
	eng := engine(t)
	for _, kind := range eng.Documents() {
		if _, err := eng.Assemble(d, kind); err != nil {
			t.Errorf("%s: %v", kind, err)
		}
	}
}
