package generator

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/tools/go/ast/astutil"
)

// formatGo formats a rendered Go file the way gofmt does and drops the
// imports it does not use, so a template may import a package that only
// some of its branches need. (golang.org/x/tools/imports would do the same,
// but creates a cache directory in the user's home as soon as lilith
// starts, and may search the module cache: neither belongs in a pure
// render.)
func formatGo(filename string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	used := usedNames(f)
	removed := false
	for _, imp := range slices.Clone(f.Imports) {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return nil, err
		}
		name := assumedName(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "_" || name == "." || used[name] {
			continue
		}
		if imp.Name != nil {
			astutil.DeleteNamedImport(fset, f, imp.Name.Name, p)
		} else {
			astutil.DeleteImport(fset, f, p)
		}
		removed = true
	}
	if !removed {
		// format.Source parses src again, but prints it once; format.Node
		// would print f, parse that and print it again to sort the imports.
		return format.Source(src)
	}
	// Print what is left, then format that: format.Source sorts the imports
	// and folds the blank line a removed import leaves in its group.
	var buf bytes.Buffer
	if err := (&printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}).Fprint(&buf, fset, f); err != nil {
		return nil, err
	}
	out, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("reformat: %w", err)
	}
	return out, nil
}

// usedNames returns the identifiers that appear as X in a selector X.Sel:
// the package names the file refers to (and, harmlessly, some variables).
func usedNames(f *ast.File) map[string]bool {
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	return used
}

// assumedName is the package name an import path conventionally has:
// the last element, skipping a major version suffix and a "go-" prefix,
// up to the first character that cannot be in an identifier.
func assumedName(importPath string) string {
	base := path.Base(importPath)
	if strings.HasPrefix(base, "v") {
		if _, err := strconv.Atoi(base[1:]); err == nil && path.Dir(importPath) != "." {
			base = path.Base(path.Dir(importPath))
		}
	}
	base = strings.TrimPrefix(base, "go-")
	if i := strings.IndexFunc(base, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' }); i >= 0 {
		base = base[:i]
	}
	return base
}
