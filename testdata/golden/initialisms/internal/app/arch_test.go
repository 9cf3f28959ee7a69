package app

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// goPackage is the part of `go list -json` output that the architecture rules read.
type goPackage struct {
	ImportPath   string
	Imports      []string
	TestImports  []string
	XTestImports []string
}

// notServices are the directories under internal/ that hold no service.
var notServices = []string{"app", "platform", "jobs"}

// TestArchitecture checks the import rules that keep services apart, so that
// any service can later move behind a binary of its own. Services are the
// directories under internal/ other than app, platform and jobs, so adding a
// service needs no change here; which services use which comes from
// serviceUses, which lilith keeps in services_gen.go.
func TestArchitecture(t *testing.T) {
	module, pkgs := listPackages(t)
	for _, v := range importViolations(module, pkgs, serviceUses) {
		t.Error(v)
	}
}

// listPackages returns the main module's path and every package in it.
func listPackages(t *testing.T) (string, []goPackage) {
	t.Helper()
	out, err := exec.Command("go", "list", "-m").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	module := strings.TrimSpace(string(out))
	out, err = exec.Command("go", "list", "-json=ImportPath,Imports,TestImports,XTestImports", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list %s/...: %v", module, err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("decode go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) == 0 {
		t.Fatal("go list found no packages")
	}
	return module, pkgs
}

// importViolations returns one message for each import that breaks a rule:
//   - a service's root package (internal/orders) imports nothing of the module
//     but the root packages of the services it uses, as uses lists them;
//   - the packages below a service (internal/orders/orderspg, ordershttp,
//     orderstest...) are imported only by that service, internal/app and cmd/;
//   - internal/platform imports no service and not internal/app.
//
// Test imports count too, except for the first rule: a service's own tests
// may use its test suite.
func importViolations(module string, pkgs []goPackage, uses map[string][]string) []string {
	var violations []string
	for _, p := range pkgs {
		top, rest, _ := underInternal(module, p.ImportPath)
		if isService(top) && rest == "" {
			for _, imp := range p.Imports {
				impTop, impRest, _ := underInternal(module, imp)
				if impRest == "" && slices.Contains(uses[top], impTop) {
					continue // the contract of a service it uses
				}
				if imp == module || strings.HasPrefix(imp, module+"/") {
					violations = append(violations, "service root package "+p.ImportPath+" imports "+imp+" of the project")
				}
			}
		}
		for _, imp := range slices.Concat(p.Imports, p.TestImports, p.XTestImports) {
			impTop, impRest, ok := underInternal(module, imp)
			switch {
			case !ok:
				// The standard library, other modules and cmd/ are fine to import.
			case top == "platform" && (impTop == "app" || isService(impTop)):
				violations = append(violations, "platform package "+p.ImportPath+" imports "+imp)
			case isService(impTop) && impRest != "" && top != impTop && top != "app" && !strings.HasPrefix(p.ImportPath, module+"/cmd/"):
				violations = append(violations, p.ImportPath+" imports "+imp+", which only "+impTop+", internal/app and cmd/ may import")
			}
		}
	}
	return violations
}

// isService reports whether the directory dir under internal/ holds a service.
func isService(dir string) bool {
	return dir != "" && !slices.Contains(notServices, dir)
}

// underInternal splits path as module/internal/top/rest; ok reports whether
// path is under module/internal at all.
func underInternal(module, path string) (top, rest string, ok bool) {
	after, ok := strings.CutPrefix(path, module+"/internal/")
	if !ok {
		return "", "", false
	}
	top, rest, _ = strings.Cut(after, "/")
	return top, rest, true
}

func TestImportViolations(t *testing.T) {
	const m = "example.com/shop"
	clean := []goPackage{
		{ImportPath: m + "/cmd/shop", Imports: []string{m + "/internal/app"}, TestImports: []string{m + "/internal/orders/ordershttp"}},
		{ImportPath: m + "/internal/app", Imports: []string{m + "/internal/orders/orderspg", m + "/internal/orders/ordershttp", m + "/internal/platform/httpx"}},
		{ImportPath: m + "/internal/orders", Imports: []string{"context", "github.com/google/uuid"}, XTestImports: []string{m + "/internal/orders/orderstest"}},
		{ImportPath: m + "/internal/orders/orderspg", Imports: []string{m + "/internal/orders", m + "/internal/platform/postgres"}, XTestImports: []string{m + "/internal/orders/orderstest"}},
		{ImportPath: m + "/internal/users/usershttp", Imports: []string{m + "/internal/users", m + "/internal/orders"}},
		{ImportPath: m + "/internal/invoices", Imports: []string{"context", m + "/internal/orders"}},
		{ImportPath: m + "/internal/platform/httpx", Imports: []string{"net/http"}},
	}
	uses := map[string][]string{"invoices": {"orders"}}
	tests := []struct {
		name string
		pkgs []goPackage
		want []string
	}{
		{"clean", clean, nil},
		{"root imports platform", []goPackage{
			{ImportPath: m + "/internal/orders", Imports: []string{m + "/internal/platform/httpx"}},
		}, []string{"service root package example.com/shop/internal/orders imports example.com/shop/internal/platform/httpx of the project"}},
		{"root imports a service it does not use", []goPackage{
			{ImportPath: m + "/internal/orders", Imports: []string{m + "/internal/invoices"}},
		}, []string{"service root package example.com/shop/internal/orders imports example.com/shop/internal/invoices of the project"}},
		{"root imports an adapter of a service it uses", []goPackage{
			{ImportPath: m + "/internal/invoices", Imports: []string{m + "/internal/orders/ordershttp"}},
		}, []string{
			"service root package example.com/shop/internal/invoices imports example.com/shop/internal/orders/ordershttp of the project",
			"example.com/shop/internal/invoices imports example.com/shop/internal/orders/ordershttp, which only orders, internal/app and cmd/ may import",
		}},
		{"service imports another service's adapter", []goPackage{
			{ImportPath: m + "/internal/users/usershttp", Imports: []string{m + "/internal/orders/ordershttp"}},
		}, []string{"example.com/shop/internal/users/usershttp imports example.com/shop/internal/orders/ordershttp, which only orders, internal/app and cmd/ may import"}},
		{"test imports another service's suite", []goPackage{
			{ImportPath: m + "/internal/users/usersds", XTestImports: []string{m + "/internal/orders/orderstest"}},
		}, []string{"example.com/shop/internal/users/usersds imports example.com/shop/internal/orders/orderstest, which only orders, internal/app and cmd/ may import"}},
		{"jobs imports an adapter", []goPackage{
			{ImportPath: m + "/internal/jobs/nightly", Imports: []string{m + "/internal/orders/orderspg"}},
		}, []string{"example.com/shop/internal/jobs/nightly imports example.com/shop/internal/orders/orderspg, which only orders, internal/app and cmd/ may import"}},
		{"platform imports a service", []goPackage{
			{ImportPath: m + "/internal/platform/httpx", Imports: []string{m + "/internal/orders"}},
		}, []string{"platform package example.com/shop/internal/platform/httpx imports example.com/shop/internal/orders"}},
		{"platform imports app", []goPackage{
			{ImportPath: m + "/internal/platform/httpx", TestImports: []string{m + "/internal/app"}},
		}, []string{"platform package example.com/shop/internal/platform/httpx imports example.com/shop/internal/app"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := importViolations(m, tt.pkgs, uses); !slices.Equal(got, tt.want) {
				t.Errorf("violations:\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
