package generator

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// whyNotSplit says which services can be split, for errors.
const whyNotSplit = "only services added with 'lilith add service' have the HTTP client through which the monolith calls a service that runs on its own"

// Split marks the service called name to run on its own as well: its own
// binary in cmd/NAME and Deployment, called by the monolith at NAME_URL.
func (m *Manifest) Split(name string) error {
	s := m.Service(name)
	switch {
	case s == nil:
		return fmt.Errorf("no service %q in this project; run 'lilith list' to see the services", name)
	case s.Split:
		return fmt.Errorf("service %q is already split: it runs as cmd/%s; 'lilith join %s' brings it back into the monolith", name, name, name)
	case s.Kind != KindCRUD:
		return fmt.Errorf("service %q of kind %s cannot be split: %s", name, s.Kind, whyNotSplit)
	}
	s.Split = true
	return m.Validate()
}

// Join is the inverse of Split: the service runs in the monolith only.
func (m *Manifest) Join(name string) error {
	s := m.Service(name)
	switch {
	case s == nil:
		return fmt.Errorf("no service %q in this project; run 'lilith list' to see the services", name)
	case !s.Split:
		return fmt.Errorf("service %q is not split: it runs in the monolith only; 'lilith split %s' gives it a binary of its own", name, name)
	}
	s.Split = false
	return m.Validate()
}

// notServiceDirs are the directories under internal/ that hold no service,
// as internal/app/arch_test.go has them.
var notServiceDirs = []string{"app", "platform", "jobs"}

// goImport is one import of one Go file of a project.
type goImport struct {
	file     string // slash path relative to the project root
	importer string // import path of the file's package
	path     string // what it imports
	test     bool   // the file is a _test.go file
}

// CheckSplit reports, as an error of one line, why the service called name
// of the project at root cannot run on its own yet: an import that breaks
// the architecture rules of internal/app/arch_test.go into or out of the
// service's package tree (a dependent reaching into its adapters, say),
// another service's SQL that names its table, or files in cmd/NAME that
// lilith did not write. It reads the Go and SQL files; it runs nothing.
func CheckSplit(root string, m *Manifest, name string) error {
	s := m.Service(name)
	if s == nil {
		return fmt.Errorf("no service %q in this project; run 'lilith list' to see the services", name)
	}
	fail := func(first string, more int) error {
		msg := "cannot split " + name + ": " + first
		if more > 0 {
			msg += fmt.Sprintf(" (and %d more)", more)
		}
		return errors.New(msg)
	}
	if stray, err := strayFiles(root, "cmd/"+name, m.Files); err != nil {
		return err
	} else if len(stray) > 0 {
		return fail(fmt.Sprintf("%s exists and lilith did not write it, but the binary of %s goes into cmd/%s; move it away first", stray[0], name, name), len(stray)-1)
	}
	imports, sqlFiles, err := scanProject(root, m.Module)
	if err != nil {
		return err
	}
	pkg := PackageName(name)
	uses := map[string][]string{}
	for _, svc := range m.Services {
		for _, dep := range svc.Uses {
			uses[PackageName(svc.Name)] = append(uses[PackageName(svc.Name)], PackageName(dep))
		}
	}
	var found []string
	for _, imp := range imports {
		if v := importViolation(m.Module, imp, uses); v != "" && (inService(m.Module, imp.importer, pkg) || inService(m.Module, imp.path, pkg)) {
			found = append(found, v)
		}
	}
	if len(found) > 0 {
		return fail(found[0]+" (the rules of internal/app/arch_test.go); a service that runs on its own is reached only through its Service interface", len(found)-1)
	}
	if s.Store == StorePostgres {
		table := strings.ReplaceAll(name, "-", "_")
		shared, err := tableUsers(root, m.Module, pkg, table, sqlFiles)
		if err != nil {
			return err
		}
		if len(shared) > 0 {
			return fail(fmt.Sprintf("%s names the table %s, which belongs to %s; a service that runs on its own keeps its tables to itself, so read them through %s.Service instead", shared[0], table, name, pkg), len(shared)-1)
		}
	}
	return nil
}

// strayFiles lists the files below dir (slash, relative to root) that
// recorded does not list: files lilith did not write.
func strayFiles(root, dir string, recorded map[string]string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(filepath.Join(root, filepath.FromSlash(dir)), func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return filepath.SkipAll
		}
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		if _, ok := recorded[filepath.ToSlash(rel)]; !ok {
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	return out, nil
}

// scanProject reads the imports of every Go file of the module at root and
// lists its SQL files, both in path order. It skips what the go command
// skips: testdata, vendor, directories starting with . or _, and nested
// modules.
func scanProject(root, module string) ([]goImport, []string, error) {
	var imports []goImport
	var sqlFiles []string
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			base := d.Name()
			if rel != "." && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") || base == "testdata" || base == "vendor") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); rel != "." && err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasSuffix(rel, ".sql"):
			sqlFiles = append(sqlFiles, rel)
		case strings.HasSuffix(rel, ".go"):
			f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
			if err != nil {
				return fmt.Errorf("read the imports of %s: %w", rel, err)
			}
			importer := module
			if dir := path.Dir(rel); dir != "." {
				importer += "/" + dir
			}
			for _, spec := range f.Imports {
				ip, err := strconv.Unquote(spec.Path.Value)
				if err != nil {
					return fmt.Errorf("%s: import %s: %w", rel, spec.Path.Value, err)
				}
				imports = append(imports, goImport{file: rel, importer: importer, path: ip, test: strings.HasSuffix(rel, "_test.go")})
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read the project's code: %w", err)
	}
	return imports, sqlFiles, nil
}

// importViolation applies the rules of the generated architecture test
// (internal/app/arch_test.go) to one import, and describes a breach:
//   - a service's root package imports nothing of the module but the root
//     packages of the services it uses (its tests may import more);
//   - the packages below a service are imported only by that service,
//     internal/app and cmd/;
//   - internal/platform imports no service and not internal/app.
func importViolation(module string, imp goImport, uses map[string][]string) string {
	top, rest, _ := underInternal(module, imp.importer)
	impTop, impRest, ok := underInternal(module, imp.path)
	isService := func(dir string) bool { return dir != "" && !slices.Contains(notServiceDirs, dir) }
	switch {
	case ok && isService(impTop) && impRest != "" && top != impTop && top != "app" && !strings.HasPrefix(imp.importer, module+"/cmd/"):
		return fmt.Sprintf("%s imports %s, which only %s, internal/app and cmd/ may import", imp.file, imp.path, impTop)
	case ok && top == "platform" && (impTop == "app" || isService(impTop)):
		return fmt.Sprintf("%s imports %s, but internal/platform imports no service and not internal/app", imp.file, imp.path)
	case isService(top) && rest == "" && !imp.test && (imp.path == module || strings.HasPrefix(imp.path, module+"/")) &&
		!(ok && impRest == "" && slices.Contains(uses[top], impTop)):
		return fmt.Sprintf("%s imports %s, but the root package of a service imports of the project only the services it uses", imp.file, imp.path)
	}
	return ""
}

// underInternal splits p as module/internal/top/rest; ok reports whether p
// is under module/internal at all.
func underInternal(module, p string) (top, rest string, ok bool) {
	after, ok := strings.CutPrefix(p, module+"/internal/")
	if !ok {
		return "", "", false
	}
	top, rest, _ = strings.Cut(after, "/")
	return top, rest, true
}

// inService reports whether the import path p is the service package pkg
// or below it.
func inService(module, p, pkg string) bool {
	top, _, ok := underInternal(module, p)
	return ok && top == pkg
}

// sqlStatement is how a Go string literal that holds SQL starts, and
// sqlClause a word that such a statement has and prose seldom does.
var (
	sqlStatement = regexp.MustCompile(`(?i)^\s*(select|insert|update|delete|with|create|alter|drop|truncate|merge)\s`)
	sqlClause    = regexp.MustCompile(`(?i)\b(from|set|into|values|table|where|join|view|index|returning)\b`)
)

// tableUsers lists the files of services other than pkg that name table in
// SQL: their .sql files (migrations) and the Go string literals that hold
// SQL statements.
func tableUsers(root, module, pkg, table string, sqlFiles []string) ([]string, error) {
	names := regexp.MustCompile(`(?i)\b(from|join|into|update|references|table|exists)\s+(only\s+)?("?\w+"?\.)?"?` + regexp.QuoteMeta(table) + `"?(\W|$)`)
	other := func(rel string) bool {
		top, _, ok := strings.Cut(strings.TrimPrefix(rel, "internal/"), "/")
		return strings.HasPrefix(rel, "internal/") && ok && top != pkg && !slices.Contains(notServiceDirs, top)
	}
	var out []string
	for _, rel := range sqlFiles {
		if !other(rel) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", rel, err)
		}
		if names.Match(data) {
			out = append(out, rel)
		}
	}
	fset := token.NewFileSet()
	err := filepath.WalkDir(filepath.Join(root, "internal"), func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return filepath.SkipAll
		}
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil || !other(filepath.ToSlash(rel)) {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return fmt.Errorf("read %s: %w", filepath.ToSlash(rel), err)
		}
		hit := false
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING || hit {
				return !hit
			}
			if s, err := strconv.Unquote(lit.Value); err == nil && sqlStatement.MatchString(s) && sqlClause.MatchString(s) && names.MatchString(s) {
				hit = true
			}
			return false
		})
		if hit {
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the project's code: %w", err)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
