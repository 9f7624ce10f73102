// Package listfile reads and writes sub-processor lists in files: list
// files (YAML, JSON), the subprocessors.list of a deal or profile, and
// through the importer (package sublist) workbooks and CSV files. Every
// list it reads is checked by the deal's list rules
// (deal.Validator.ValidateList).
//
// It holds what the importer must not depend on: the YAML library and the
// deal's validator.
package listfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/sublist"
	"github.com/dpakit/dpakit/assemble/suggest"
)

// ListFile is the list file format, the one `dpakit subprocessors import -o
// list.yaml` writes (see Marshal): a mapping whose "list" key holds the
// sub-processors with the keys of the deal file's subprocessors.list.
//
//	list:
//	  - name: Amazon Web Services EMEA SARL
//	    purpose: Hosting of the platform and its databases
//	    ...
//
// A mapping rather than a bare sequence: the same "list" key as in a deal,
// and room for more keys (a version, a date) without breaking old files.
type ListFile struct {
	List []deal.Subprocessor `yaml:"list" json:"list"`
}

// Marshal returns list as a list file in YAML.
func Marshal(list []deal.Subprocessor) ([]byte, error) {
	if list == nil {
		list = []deal.Subprocessor{}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(ListFile{List: list}); err != nil {
		return nil, fmt.Errorf("marshal sub-processor list: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("marshal sub-processor list: %w", err)
	}
	return buf.Bytes(), nil
}

// Load reads the sub-processor list held by data, the content of a file
// called name, whatever kind of file it is:
//
//   - .yaml, .yml, .json: a list file (see ListFile), or a deal or profile,
//     whose subprocessors.list is returned (the rest of a deal is not
//     checked: deal.Load does that);
//   - .xlsx, .csv: a workbook or CSV file, read by sublist.Import.
//
// A YAML or JSON file is parsed and its keys decoded as strictly as a
// deal file's (deal.ParseDocument, deal.Document.Decode): an unknown key, a key
// given twice or a value of the wrong kind is a problem at its path and
// line. The entries of a list or deal file are then checked by the rules
// of a deal's list (deal.Validator.ValidateList). Either way a
// *deal.ValidationError names each bad field; sublist.Import checks the
// cells of a spreadsheet.
//
// Transfer mechanisms are judged from where the data comes from: as for the
// deal a Reader is for (see Reader.For); else, for a deal or profile file,
// as its own gdpr.applies says; else as for a deal under the GDPR.
//
// Load checks by the rules of deal.NewValidator(deal.Options{}); a Reader
// checks by the rules of the Validator it is given.
func Load(data []byte, name string) ([]deal.Subprocessor, error) {
	return NewReader(nil).Load(data, name)
}

// Load reads the sub-processor list held by data like the package's Load,
// checking it by the Reader's list rules.
func (rd *Reader) Load(data []byte, name string) ([]deal.Subprocessor, error) {
	if len(data) > sublist.MaxFileSize {
		return nil, sublist.Errorf(sublist.ErrTooLarge, "%s: the file is %.1f MiB, more than the %d MiB limit", name, float64(len(data))/(1<<20), sublist.MaxFileSize>>20)
	}
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".xlsx", ".csv":
		return rd.Import(data, name)
	case ".yaml", ".yml", ".json":
	default:
		return nil, sublist.Errorf(sublist.ErrFormat, "%s: unknown format %q (want .yaml, .yml, .json, .xlsx or .csv)", name, ext)
	}
	root, err := deal.ParseDocument(data, filepath.Base(name))
	if err != nil {
		return nil, err
	}
	return rd.load(root, name)
}

// LoadDocument reads the sub-processor list held by doc, a YAML or JSON
// document already parsed (a list file, deal or profile, as Load reads
// them), as the file called name: its problems name that file and the
// lines doc carries. It checks the list by the Reader's list rules.
func (rd *Reader) LoadDocument(doc *deal.Document, name string) ([]deal.Subprocessor, error) {
	return rd.load(doc, name)
}

// load reads and checks the list that the document root, of the file
// called name, holds.
func (rd *Reader) load(root *deal.Document, name string) ([]deal.Subprocessor, error) {
	h, err := heldIn(root, name)
	if err != nil {
		return nil, err
	}
	if h.fromProfile {
		return nil, &NoListError{Name: name}
	}
	// The entries obey the rules of a deal's list: a list that could not
	// stand in a DPA cannot stand in a diff or a notice either.
	owner := rd.deal
	if owner == nil {
		owner = h.owner
	}
	if err := rd.validator.ValidateList(owner, h.list, filepath.Base(name), h.prefix); err != nil {
		var ve *deal.ValidationError
		if errors.As(err, &ve) {
			root.Locate(ve.Problems) // the line of each entry's key
		}
		return nil, err
	}
	return h.list, nil
}

// held is what a list file, deal or profile holds: its list, the path of
// the list ("list" or "subprocessors.list"), and for a deal or profile that
// sets gdpr, a deal with that setting, whose customer the list serves.
type held struct {
	list   []deal.Subprocessor
	prefix string
	owner  *deal.Deal
	// fromProfile: a deal or profile whose subprocessors section has no
	// list key, as a deal that takes its list from its profile: it holds
	// no list (an explicit "list: []" is an empty one).
	fromProfile bool
}

// NoListError is the error of a deal or profile file whose subprocessors
// section has no list, as a deal that takes its list from its profile
// has none: its list is not empty, it is the profile's. It is an
// sublist.ErrInvalid, as a file with no subprocessors section is.
type NoListError struct {
	// Name is the file's name, as the caller gave it.
	Name string
}

func (e *NoListError) Error() string {
	return fmt.Sprintf(`%s: no sub-processor list: its subprocessors section has no list, so the deal takes its list from its profile; give the profile (or a list file) instead (a deal without any sub-processor writes "list: []")`, e.Name)
}

// Is makes a NoListError a sublist.ErrInvalid.
func (e *NoListError) Is(target error) bool { return target == sublist.ErrInvalid }

// ownerOf returns a deal with gdpr g, or nil when the file does not set it.
func ownerOf(g *deal.GDPR) *deal.Deal {
	if g == nil {
		return nil
	}
	return &deal.Deal{GDPR: *g}
}

// LoadFile reads the file at path, refusing one over MaxFileSize before
// reading it, and loads its list like Load.
func LoadFile(path string) ([]deal.Subprocessor, error) {
	return NewReader(nil).LoadFile(path)
}

// LoadFile reads the file at path like the package's LoadFile, checking its
// list by the Reader's list rules.
func (rd *Reader) LoadFile(path string) ([]deal.Subprocessor, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".xlsx", ".csv", ".yaml", ".yml", ".json":
	default:
		// Refused before opening: a device or FIFO is never read.
		return nil, sublist.Errorf(sublist.ErrFormat, "%s: unknown format %q (want .yaml, .yml, .json, .xlsx or .csv)", path, ext)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load sub-processor list: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > sublist.MaxFileSize {
		return nil, sublist.Errorf(sublist.ErrTooLarge, "%s: the file is %.1f MiB, more than the %d MiB limit", path, float64(fi.Size())/(1<<20), sublist.MaxFileSize>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, sublist.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("load sub-processor list: %w", err)
	}
	return rd.Load(data, path)
}

// dealFile is what a deal or profile holds of a list: its subprocessors
// and, deciding how the list's transfers are judged, its gdpr.
type dealFile struct {
	Subprocessors deal.Subprocessors `yaml:"subprocessors"`
	GDPR          *deal.GDPR         `yaml:"gdpr"`
}

// listKeys are the top-level keys that hold a list: a list file's, a
// deal's or profile's.
var listKeys = []string{"list", "subprocessors"}

// heldIn reads the list that root, the top level of the file called name,
// holds. The keys are decoded as strictly as a deal's (see
// deal.Document.Decode): every problem names its path and line in the file, an
// unknown key the field it likely misspells, a key given twice the line
// of the first.
func heldIn(root *deal.Document, name string) (held, error) {
	file := filepath.Base(name)
	isJSON := strings.EqualFold(filepath.Ext(name), ".json")
	switch {
	case root.IsList() && isJSON:
		return held{}, sublist.Errorf(sublist.ErrInvalid, `%s: a list file is an object with a "list" key, not a bare array`, name)
	case root.IsList():
		return held{}, sublist.Errorf(sublist.ErrInvalid, `%s: a list file is a mapping with a "list" key, not a bare sequence`, name)
	case !root.IsMapping():
		return held{}, noList(name)
	}
	switch {
	case hasKey(root, "list"):
		var lf ListFile
		if err := root.Decode(&lf, file, ""); err != nil {
			return held{}, err
		}
		return held{list: lf.List, prefix: "list"}, nil
	case hasKey(root, "subprocessors"):
		// The rest of a deal is not checked here: deal.Load does that.
		var df dealFile
		if err := root.Select("subprocessors", "gdpr").Decode(&df, file, ""); err != nil {
			return held{}, err
		}
		sub, _ := root.Get("subprocessors")
		fromProfile := sub.IsNull() || sub.IsMapping() && !hasKey(sub, "list")
		return held{list: df.Subprocessors.List, prefix: "subprocessors.list", owner: ownerOf(df.GDPR), fromProfile: fromProfile}, nil
	}
	if err := mistypedListKey(root, file); err != nil {
		return held{}, err
	}
	return held{}, noList(name)
}

// hasKey reports whether the mapping document m has the key.
func hasKey(m *deal.Document, key string) bool {
	_, ok := m.Get(key)
	return ok
}

// mistypedListKey returns the problem of a top-level key of the file that
// is likely a misspelling of "list" or "subprocessors" (lsit:), at its
// line; nil when there is none.
func mistypedListKey(root *deal.Document, file string) error {
	var ps []deal.Problem
	for _, k := range root.Keys() {
		if s := suggest.Closest(k.Name, listKeys); s != "" {
			ps = append(ps, deal.Problem{File: file, Line: k.Line, Path: k.Name, Rule: "unknown_field",
				Message: fmt.Sprintf("unknown field (%s): a list file holds its sub-processors under \"list\", a deal or profile under subprocessors.list", suggest.Hint(k.Name, s, "a key"))})
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return &deal.ValidationError{File: file, Problems: ps}
}

func noList(name string) error {
	return sublist.Errorf(sublist.ErrInvalid, `%s: no sub-processor list (want a list file with a "list" key, or a deal or profile with subprocessors.list)`, name)
}

// ListPath returns the path of the sub-processor list in the file called
// name holding data, as Load's problems name it: "list" for a list file,
// "subprocessors.list" for a deal or profile; "" for a workbook or CSV file,
// whose rows have no such path, and for a file Load cannot read.
func ListPath(data []byte, name string) string {
	h, ok := loadHeld(data, name)
	if !ok {
		return ""
	}
	return h.prefix
}

// PathIn returns the path of the sub-processor list in doc, a document
// already parsed as the file called name, as ListPath does.
func PathIn(doc *deal.Document, name string) string {
	h, err := heldIn(doc, name)
	if err != nil {
		return ""
	}
	return h.prefix
}

// loadHeld reads the list that a YAML or JSON file called name holds, by
// its extension; ok is false for another kind of file and for one that
// cannot be read.
func loadHeld(data []byte, name string) (h held, ok bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
	default:
		return held{}, false
	}
	root, err := deal.ParseDocument(data, filepath.Base(name))
	if err != nil {
		return held{}, false
	}
	h, err = heldIn(root, name)
	return h, err == nil
}
