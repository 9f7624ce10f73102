package deal

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestAPIHidesYAML: no exported function, method, type or field of the
// package names a type of the YAML library (a *yaml.Node in a signature),
// so its callers depend on the deal's own types and never on how a file
// is parsed. Parsed documents travel as the opaque Document. A method
// implementing the YAML library's Unmarshaler with the decoder's function
// (func(any) error) names no YAML type and is allowed.
func TestAPIHidesYAML(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files (%v)", err)
	}
	fset := token.NewFileSet()
	var found []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		yamlName := ""
		for _, imp := range f.Imports {
			if strings.Contains(imp.Path.Value, "yaml") {
				yamlName = "yaml"
				if imp.Name != nil {
					yamlName = imp.Name.Name
				}
			}
		}
		if yamlName == "" {
			continue
		}
		names := func(n ast.Node) bool {
			hit := false
			ast.Inspect(n, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok && id.Name == yamlName {
						hit = true
					}
				}
				return !hit
			})
			return hit
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() || (d.Recv != nil && !exportedRecv(d.Recv)) {
					continue
				}
				if names(d.Type) {
					found = append(found, fset.Position(d.Pos()).String()+": func "+d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					ts, ok := spec.(*ast.TypeSpec)
					if !ok || !ts.Name.IsExported() {
						continue
					}
					st, isStruct := ts.Type.(*ast.StructType)
					if !isStruct {
						if names(ts.Type) {
							found = append(found, fset.Position(ts.Pos()).String()+": type "+ts.Name.Name)
						}
						continue
					}
					for _, field := range st.Fields.List {
						for _, fn := range field.Names {
							if fn.IsExported() && names(field.Type) {
								found = append(found, fset.Position(fn.Pos()).String()+": field "+ts.Name.Name+"."+fn.Name)
							}
						}
						if len(field.Names) == 0 && names(field.Type) { // embedded
							found = append(found, fset.Position(field.Pos()).String()+": embedded in "+ts.Name.Name)
						}
					}
				}
			}
		}
	}
	for _, f := range found {
		t.Errorf("%s names a YAML type in the package's API", f)
	}
}

// exportedRecv reports whether a method's receiver type is exported.
func exportedRecv(recv *ast.FieldList) bool {
	if recv == nil || len(recv.List) == 0 {
		return false
	}
	t := recv.List[0].Type
	if star, ok := t.(*ast.StarExpr); ok {
		t = star.X
	}
	id, ok := t.(*ast.Ident)
	return ok && id.IsExported()
}
