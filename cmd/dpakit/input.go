package main

import (
	"fmt"
	"os"

	"github.com/dpakit/dpakit/assemble/deal"
	"github.com/dpakit/dpakit/assemble/listfile"
	"github.com/dpakit/dpakit/assemble/sublist"
)

// inputKind is what an input file that a command reads whole should hold:
// it names the file in messages and bounds how much of it is read.
type inputKind int

const (
	dealInput    inputKind = iota // a deal (or a profile given where a deal goes)
	profileInput                  // --profile
	listInput                     // --into: a profile, deal or list file
	sheetInput                    // a workbook or CSV file to import
	anyListInput                  // a list to compare: a list, profile, deal, workbook or CSV file
	authInput                     // serve --auth
	dealsInput                    // batch --input: a file of deals, streamed
)

// noun names what the file should be, for "adir is a directory, not a
// deal file".
func (k inputKind) noun() string {
	switch k {
	case profileInput:
		return "a profile file"
	case listInput:
		return "a profile, deal or list file"
	case sheetInput:
		return "a workbook or CSV file"
	case anyListInput:
		return "a list, profile, deal, workbook or CSV file"
	case authInput:
		return "an --auth file"
	case dealsInput:
		return "a .csv, .yaml or .jsonl file of deals"
	}
	return "a deal file"
}

// limit is the largest file of the kind that is read, in bytes: the
// limits README.md lists.
func (k inputKind) limit() int64 {
	if k == sheetInput {
		return sublist.MaxFileSize
	}
	return deal.MaxSize
}

// maxInput is how much of a deal or profile file is read: 4 times its
// limit, so that the validator reports a file a little over the limit as
// a problem of the file, with its size (validate --json lists it), while
// /dev/zero or a 5 GB file costs no more than 4 MiB.
const maxInput = 4 * deal.MaxSize

// readBound is how much of a file of the kind is read before it is
// refused as too large (see tooLarge): maxInput for a deal or profile,
// which the validator then checks against its limit, else the limit.
func (k inputKind) readBound() int64 {
	if k == dealInput || k == profileInput {
		return maxInput
	}
	return k.limit()
}

// limitName names the files the limit is set for, as README.md's table of
// limits does.
func (k inputKind) limitName() string {
	switch k {
	case sheetInput:
		return "an imported workbook or CSV file"
	case authInput:
		return "an --auth file"
	}
	return "a deal or profile file"
}

// openInput opens the input file at path, which should hold k: a path that
// cannot be opened, or that is a directory, is a usage error (exit 2)
// naming it.
func openInput(path string, k inputKind) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("read %s: %v", path, unwrapPathError(err))
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, directoryError(path, k)
	}
	return f, nil
}

// directoryError is the usage error of path, a directory given where a
// file of kind k is read: "adir is a directory, not a deal file".
func directoryError(path string, k inputKind) error {
	return usagef("%s is a directory, not %s", path, k.noun())
}

// refuseDirectory returns directoryError when path is a directory, for an
// input judged before it is opened (by its name, or by another reader).
func refuseDirectory(path string, k inputKind) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return directoryError(path, k)
	}
	return nil
}

// loadListFile reads the sub-processor list in the file at path with
// lists (see listfile.Reader.LoadFile), refusing a directory as openInput
// does.
func loadListFile(lists *listfile.Reader, path string) ([]deal.Subprocessor, error) {
	if err := refuseDirectory(path, anyListInput); err != nil {
		return nil, err
	}
	return lists.LoadFile(path)
}

// readError reports a failed read of the input at path, naming the path
// once (err may be an *fs.PathError naming it too).
func readError(path string, err error) error {
	return fmt.Errorf("read %s: %w", path, unwrapPathError(err))
}

// tooLarge is the usage error of an input at path larger than k's
// readBound: it states k's limit, the one README.md documents, as the
// validator does for a deal between the limit and the bound.
func tooLarge(path string, k inputKind) error {
	if path == "-" {
		path = "standard input"
	}
	return usagef("%s: is larger than %d MiB (%d bytes), the limit for %s", path, k.limit()>>20, k.limit(), k.limitName())
}
