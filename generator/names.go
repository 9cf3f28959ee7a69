package generator

import (
	"errors"
	"fmt"
	"go/token"
	"strings"
	"unicode"

	"golang.org/x/mod/module"
)

// maxNameLen is the longest name lilith accepts: a DNS label, so that every
// name can become a Kubernetes object, a Helm release and a host name.
const maxNameLen = 63

// nameRule is the accepted form, said once so every error repeats it.
const nameRule = "use a lower-case DNS label: letters a-z, digits and '-', starting with a letter, at most 63 characters"

// ValidateName checks that name can be a project, service or job name: a
// DNS label that is also usable as a directory and, without its dashes, as a
// Go package name. kind ("project", "service", "job") goes into the error.
func ValidateName(kind, name string) error {
	bad := func(why string) error {
		return fmt.Errorf("invalid %s name %q: %s; %s (for example %q)", kind, name, why, nameRule, example(kind))
	}
	switch {
	case name == "":
		return fmt.Errorf("%s name is empty; %s (for example %q)", kind, nameRule, example(kind))
	case strings.ContainsAny(name, " \t\r\n"):
		return bad("it contains white space")
	case strings.ContainsAny(name, `/\`):
		return bad("it contains a path separator")
	case strings.Contains(name, ".."):
		return bad(`it contains ".."`)
	case name[0] == '-':
		return bad("it starts with a dash")
	case name[0] >= '0' && name[0] <= '9':
		return bad("it starts with a digit")
	case len(name) > maxNameLen:
		return bad(fmt.Sprintf("it is %d characters long", len(name)))
	case strings.ToLower(name) != name:
		return bad("it contains upper-case letters")
	case token.IsKeyword(name) || token.IsKeyword(PackageName(name)):
		return bad("it is a Go keyword")
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return bad(fmt.Sprintf("it contains %q", r))
		}
	}
	if name[len(name)-1] == '-' {
		return bad("it ends with a dash")
	}
	if strings.Contains(name, "--") {
		return bad("it contains two dashes in a row")
	}
	return nil
}

func example(kind string) string {
	switch kind {
	case "service":
		return "orders"
	case "job":
		return "nightly-load"
	}
	return "shop"
}

// ValidateModule checks a Go module path the way the go command does for a
// module that others can fetch.
func ValidateModule(path string) error {
	if path == "" {
		return fmt.Errorf("module path is empty; pass --module with a path such as github.com/you/shop")
	}
	if err := module.CheckPath(path); err != nil {
		msg := err.Error()
		if ipe, ok := errors.AsType[*module.InvalidPathError](err); ok {
			msg = ipe.Err.Error()
		}
		return fmt.Errorf("invalid module path %q: %s; use a path such as github.com/you/shop or example.com/shop", path, msg)
	}
	return nil
}

// PackageName is the Go package name for a DNS-label name: "nightly-load"
// becomes "nightlyload".
func PackageName(name string) string {
	return strings.ReplaceAll(name, "-", "")
}

// ExportedName is the exported Go identifier for a name: "nightly-load"
// becomes "NightlyLoad".
func ExportedName(name string) string {
	var b strings.Builder
	upper := true
	for _, r := range name {
		if r == '-' {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// LocalName is the unexported Go identifier for a name: "nightly-load"
// becomes "nightlyLoad".
func LocalName(name string) string {
	e := ExportedName(name)
	if e == "" {
		return e
	}
	return strings.ToLower(e[:1]) + e[1:]
}

// EnvName is the environment variable prefix for a name: "nightly-load"
// becomes "NIGHTLY_LOAD".
func EnvName(name string) string {
	return strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}
