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
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/sublist"
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
// Keys are decoded strictly: an unknown key in a list entry is an error. The
// entries of a list or deal file are checked by the rules of a deal's list
// (deal.Validator.ValidateList) and a *deal.ValidationError names each bad
// field; sublist.Import checks the cells of a spreadsheet.
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
	var (
		h   held
		err error
	)
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".xlsx", ".csv":
		return rd.Import(data, name)
	case ".yaml", ".yml":
		h, err = loadYAML(data, name)
	case ".json":
		h, err = loadJSON(data, name)
	default:
		return nil, sublist.Errorf(sublist.ErrFormat, "%s: unknown format %q (want .yaml, .yml, .json, .xlsx or .csv)", name, ext)
	}
	if err != nil {
		return nil, err
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
			deal.LocateIn(data, ve.Problems) // the line of each entry's key
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
}

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

// dealFile picks subprocessors out of a deal or profile, letting the other
// keys be.
type dealFile struct {
	Subprocessors deal.Subprocessors   `yaml:"subprocessors"`
	GDPR          *deal.GDPR           `yaml:"gdpr"`
	Rest          map[string]yaml.Node `yaml:",inline"`
}

// decodeError reports a YAML decoding error in file name. The decoder names
// the Go type of a list entry in its messages ("field purpos not found in
// type ..."): the entry is named as the deal package's API names it,
// deal.Subprocessor, whichever package defines it.
func decodeError(name string, err error) error {
	msg := strings.ReplaceAll(err.Error(), "type subproc.Subprocessor", "type deal.Subprocessor")
	return sublist.Errorf(sublist.ErrInvalid, "%s: %s", name, msg)
}

func noList(name string) error {
	return sublist.Errorf(sublist.ErrInvalid, `%s: no sub-processor list (want a list file with a "list" key, or a deal or profile with subprocessors.list)`, name)
}

func loadYAML(data []byte, name string) (held, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return held{}, sublist.Errorf(sublist.ErrInvalid, "%s: %v", name, err)
	}
	if len(doc.Content) == 0 {
		return held{}, sublist.Errorf(sublist.ErrInvalid, "%s: the file is empty", name)
	}
	root := doc.Content[0]
	if root.Kind == yaml.SequenceNode {
		return held{}, sublist.Errorf(sublist.ErrInvalid, `%s: a list file is a mapping with a "list" key, not a bare sequence`, name)
	}
	if root.Kind != yaml.MappingNode {
		return held{}, noList(name)
	}
	keys := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		keys[root.Content[i].Value] = true
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	switch {
	case keys["list"]:
		var lf ListFile
		if err := dec.Decode(&lf); err != nil {
			return held{}, decodeError(name, err)
		}
		return held{list: lf.List, prefix: "list"}, nil
	case keys["subprocessors"]:
		var df dealFile
		if err := dec.Decode(&df); err != nil {
			return held{}, decodeError(name, err)
		}
		return held{list: df.Subprocessors.List, prefix: "subprocessors.list", owner: ownerOf(df.GDPR)}, nil
	}
	return held{}, noList(name)
}

func loadJSON(data []byte, name string) (held, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) && ute.Value == "array" {
			return held{}, sublist.Errorf(sublist.ErrInvalid, `%s: a list file is an object with a "list" key, not a bare array`, name)
		}
		return held{}, sublist.Errorf(sublist.ErrInvalid, "%s: %v", name, err)
	}
	strict := func(raw json.RawMessage, v any) error {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			return sublist.Errorf(sublist.ErrInvalid, "%s: %v", name, err)
		}
		return nil
	}
	if raw, ok := top["list"]; ok {
		var list []deal.Subprocessor
		if err := strict(raw, &list); err != nil {
			return held{}, err
		}
		if len(top) > 1 {
			return held{}, sublist.Errorf(sublist.ErrInvalid, `%s: a list file has only a "list" key`, name)
		}
		return held{list: list, prefix: "list"}, nil
	}
	if raw, ok := top["subprocessors"]; ok {
		var sp deal.Subprocessors
		if err := strict(raw, &sp); err != nil {
			return held{}, err
		}
		var g *deal.GDPR
		if raw, ok := top["gdpr"]; ok {
			if err := strict(raw, &g); err != nil {
				return held{}, err
			}
		}
		return held{list: sp.List, prefix: "subprocessors.list", owner: ownerOf(g)}, nil
	}
	return held{}, noList(name)
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

// loadHeld reads the list that a YAML or JSON file called name holds, by
// its extension; ok is false for another kind of file and for one that
// cannot be read.
func loadHeld(data []byte, name string) (h held, ok bool) {
	var err error
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		h, err = loadYAML(data, name)
	case ".json":
		h, err = loadJSON(data, name)
	default:
		return held{}, false
	}
	return h, err == nil
}
