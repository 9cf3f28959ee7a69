package generator

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/scanner"
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
	if allImportsUsed(src) {
		// Nothing to remove: format.Source parses and prints once, the way
		// gofmt does. An error falls through, to be reported with the file
		// name by the parse below.
		if out, err := format.Source(src); err == nil {
			return out, nil
		}
	}
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

// allImportsUsed reports, from tokens alone, that every import of src is
// used: each import's name appears as X in a selector X.Sel, which in Go
// source is an identifier not preceded by a period and followed by a
// period and an identifier. It is much cheaper than parsing, and when it
// reports true, usedNames of the parsed file would keep every import; when
// it cannot tell (a dot or blank import, a malformed file) it reports false.
func allImportsUsed(src []byte) bool {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(src)), src, nil, 0)
	next := func() (token.Token, string) {
		_, tok, lit := s.Scan()
		return tok, lit
	}
	var imports []string
	tok, _ := next()
	if tok != token.PACKAGE {
		return false
	}
	next() // the package name
	next() // ;
	tok, lit := next()
	for tok == token.IMPORT {
		group, specs := false, 0
		if tok, lit = next(); tok == token.LPAREN {
			group = true
			tok, lit = next()
		}
		for tok == token.IDENT || tok == token.STRING {
			name := ""
			if tok == token.IDENT {
				name = lit
				if tok, lit = next(); tok != token.STRING {
					return false
				}
			}
			p, err := strconv.Unquote(lit)
			if err != nil {
				return false
			}
			if name == "" {
				name = assumedName(p)
			}
			if name == "_" {
				return false
			}
			imports = append(imports, name)
			specs++
			if tok, _ = next(); tok != token.SEMICOLON {
				break
			}
			if !group {
				break
			}
			tok, lit = next()
		}
		switch {
		case group && tok != token.RPAREN, !group && specs == 0:
			return false // a dot import, or not Go
		case group:
			next() // ;
		}
		tok, lit = next()
	}
	if len(imports) == 0 {
		return true
	}
	// The last three tokens before tok, most recent first, and the
	// literal of the one before the period.
	var t1, t2, t3 token.Token
	var x, lit1 string
	used := map[string]bool{}
	for ; tok != token.EOF; tok, lit = next() {
		if tok == token.ILLEGAL {
			return false
		}
		if tok == token.IDENT && t1 == token.PERIOD && t2 == token.IDENT && t3 != token.PERIOD {
			used[x] = true
		}
		x = lit1
		t3, t2, t1, lit1 = t2, t1, tok, lit
	}
	for _, name := range imports {
		if !used[name] {
			return false
		}
	}
	return true
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
