package assemble_test

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/dpakit/dpakit/"

// goPackage is what `go list -json` says of one package.
type goPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

// listPackages runs go list over the module: each package with its direct
// imports and all its dependencies (test files excluded).
func listPackages(t *testing.T) map[string]goPackage {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH")
	}
	cmd := exec.Command(goTool, "list", "-json=ImportPath,Imports,Deps", "./...")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]goPackage{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[strings.TrimPrefix(p.ImportPath, module)] = p
	}
	if len(pkgs) == 0 {
		t.Fatal("go list found no packages")
	}
	return pkgs
}

// notWriters are the packages of assemble/ that read the Document without
// being a writer: the engine that builds it, and the linter and batch runner
// that drive the engine. Every other package of assemble/ that imports the
// Document is a writer, present or future, and obeys the writers' rule. The
// doors (cmd/, server/) drive everything and are outside assemble/.
var notWriters = []string{"assemble", "assemble/lint", "assemble/batch"}

// forbiddenInWriters are the dependencies a writer must not have: the
// engine and what only the engine and the deal need (templates, Markdown,
// validation, YAML).
var forbiddenInWriters = []string{
	module + "assemble", module + "assemble/deal",
	"github.com/Masterminds/sprig", "github.com/yuin/goldmark",
	"github.com/go-playground/validator", "go.yaml.in/yaml", "gopkg.in/yaml.v3",
}

// dependsOn reports whether dep is pkg or a package below it; the engine,
// whose writers live below it, only itself.
func dependsOn(dep, pkg string) bool {
	return dep == pkg || pkg != module+"assemble" && strings.HasPrefix(dep, pkg+"/")
}

// TestLayering proves over `go list` that dependencies point one way: the
// writers (HTML, Markdown, PDF, DOCX and any later package that imports the
// Document) read only the Document, and the importer reaches no engine, no
// writer (the workbook's included) and no sprig, goldmark, validator or
// YAML package.
func TestLayering(t *testing.T) {
	pkgs := listPackages(t)
	var writers []string
	for path, p := range pkgs {
		if strings.HasPrefix(path, "assemble/") && path != "assemble/document" && !slices.Contains(notWriters, path) &&
			slices.Contains(p.Imports, module+"assemble/document") {
			writers = append(writers, path)
		}
	}
	slices.Sort(writers)
	for _, w := range []string{"assemble/htmldoc", "assemble/mddoc", "assemble/pdf", "assemble/docx"} {
		if !slices.Contains(writers, w) {
			t.Errorf("%s is not found as a writer of the Document", w)
		}
	}
	for _, w := range writers {
		for _, dep := range pkgs[w].Deps {
			for _, bad := range forbiddenInWriters {
				if dependsOn(dep, bad) {
					t.Errorf("writer %s depends on %s", w, dep)
				}
			}
		}
	}
	// The importer runs the deal's own list rules (package subproc), which
	// need no validation or YAML library: it reaches no engine, no deal
	// package, no template, Markdown, validation or YAML library, no
	// writer, not the Document and not the workbook writer.
	importerForbidden := slices.Concat(forbiddenInWriters,
		[]string{module + "assemble/workbook", module + "assemble/document", module + "assemble/listfile"})
	for _, w := range writers {
		importerForbidden = append(importerForbidden, module+w)
	}
	sub, ok := pkgs["assemble/sublist"]
	if !ok {
		t.Fatal("go list did not list the importer, assemble/sublist")
	}
	for _, dep := range sub.Deps {
		for _, bad := range importerForbidden {
			if dependsOn(dep, bad) {
				t.Errorf("the importer (assemble/sublist) depends on %s", dep)
			}
		}
	}
	// The test binaries' collector pace stays in the tests: no package of
	// the program depends on it.
	if _, ok := pkgs["fixtures/testgc"]; !ok {
		t.Fatal("go list did not list fixtures/testgc")
	}
	for path, p := range pkgs {
		if slices.Contains(p.Deps, module+"fixtures/testgc") {
			t.Errorf("%s depends on fixtures/testgc, which only test files may import", path)
		}
	}
}
