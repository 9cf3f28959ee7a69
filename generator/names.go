package generator

import (
	"errors"
	"fmt"
	"go/token"
	"slices"
	"strings"

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

// initialisms are the words that Go spells in one case throughout, as
// staticcheck's ST1003 (and golint before it) expects: "ID", not "Id".
var initialisms = map[string]bool{
	"ACL": true, "AMQP": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "DB": true, "DNS": true,
	"EOF": true, "GID": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true, "IP": true,
	"JSON": true, "QPS": true, "RAM": true, "RPC": true, "RTP": true, "SIP": true, "SLA": true, "SMTP": true,
	"SQL": true, "SSH": true, "TCP": true, "TLS": true, "TS": true, "TTL": true, "UDP": true, "UI": true,
	"UID": true, "URI": true, "URL": true, "UTF8": true, "UUID": true, "VM": true, "XML": true, "XMPP": true,
	"XSRF": true, "XSS": true,
}

// goWord spells one lower-case word of a name inside a Go identifier: an
// initialism in upper case ("url" becomes "URL", its plural "urls"
// "URLs", "http2" "HTTP2"), any other word with its first letter in upper
// case ("order" becomes "Order").
func goWord(w string) string {
	up := strings.ToUpper(w)
	switch {
	case initialisms[up]:
		return up
	case strings.HasSuffix(w, "s") && initialisms[up[:len(up)-1]]:
		return up[:len(up)-1] + "s"
	}
	if letters := strings.TrimRight(up, "0123456789"); letters != up && initialisms[letters] {
		return up
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// words splits a name at its dashes and underscores, dropping empty words.
func words(name string) []string {
	return strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' })
}

// ExportedName is the exported Go identifier for a name whose words are
// separated by dashes or underscores, with Go's initialisms in upper case:
// "nightly-load" becomes "NightlyLoad", "order_id" "OrderID" and "api-keys"
// "APIKeys".
func ExportedName(name string) string {
	var b strings.Builder
	for _, w := range words(name) {
		b.WriteString(goWord(w))
	}
	return b.String()
}

// LocalName is the unexported Go identifier for a name: like ExportedName,
// but its first word is in lower case, whole if it is an initialism:
// "nightly-load" becomes "nightlyLoad", "order_id" "orderID", "api-keys"
// "apiKeys" and "id" "id".
func LocalName(name string) string {
	ws := words(name)
	if len(ws) == 0 {
		return ""
	}
	first := strings.ToLower(ws[0])
	return first + ExportedName(strings.Join(ws[1:], "-"))
}

// templateLocals are the one-word identifiers that generated CRUD code
// declares or imports where a model's local name is in scope: variables,
// parameters and packages such as "id", "item", "key" and "uuid".
// TestTemplateLocals keeps the list complete.
var templateLocals = []string{
	"a", "added", "addr", "after", "all", "app", "applied", "args", "at", "attempt", "attempts", "auth",
	"authorization", "b", "backoff", "bad", "base", "batch", "batches", "bc", "bin", "bits", "body", "buf",
	"bytes", "c", "call", "called", "cancel", "canonical", "cause", "cc", "cfg", "check", "checks", "chunk",
	"chunked", "clean", "client", "closers", "cmd", "cmp", "code", "column", "columns", "cond", "config", "configured",
	"conn", "context", "cors", "cr", "crc32", "created", "csv", "ct", "ctx", "cur", "cursor", "d",
	"datastore", "db", "deadline", "debug", "dec", "def", "deleted", "dep", "derived", "dir", "down", "dst",
	"e", "edit", "edits", "embed", "empty", "enc", "encoders", "env", "err", "errors", "errs", "es",
	"exec", "exists", "exited", "failing", "field", "filepath", "first", "flag", "flush", "fmt", "fn", "format",
	"formats", "fs", "fstest", "fsys", "g", "get", "getenv", "given", "got", "h", "handler", "hc",
	"header", "http", "httptest", "httpx", "i", "id", "ids", "imp", "in", "incoming", "index", "input",
	"invalid", "io", "it", "item", "items", "j", "json", "k", "keep", "kept", "key", "keys",
	"kv", "l", "last", "level", "limit", "line", "lines", "list", "ln", "loads", "lock", "locker",
	"log", "logging", "logs", "lvl", "m", "maps", "math", "message", "method", "methods", "middleware", "migrations",
	"mime", "module", "msgs", "mt", "mu", "mw", "n", "name", "names", "namespace", "net", "netip",
	"next", "now", "o", "ok", "origin", "os", "other", "out", "p", "page", "pages", "parent",
	"path", "pattern", "payload", "pgtype", "pgxpool", "pkgs", "pool", "port", "postgres", "postgrestest", "pr", "problems",
	"props", "provider", "ps", "pw", "q", "r", "rand", "raw", "rctx", "rd", "read", "reason",
	"rec", "ref", "remote", "req", "resp", "rest", "results", "root", "router", "routes", "row", "rows",
	"run", "s", "schema", "se", "second", "seen", "signal", "size", "slices", "slog", "slow", "sorted",
	"split", "srv", "stack", "start", "stats", "status", "statuses", "stderr", "stdlib", "stdout", "step", "steps",
	"stop", "store", "stored", "strconv", "strings", "svc", "sync", "syscall", "t", "tag", "target", "te",
	"testing", "tests", "time", "top", "tt", "tx", "u", "unicode", "unknown", "update", "updated", "url",
	"urls", "uses", "utf8", "uuid", "v", "v1", "v2", "v3", "v5", "valid", "value", "values",
	"vars", "ve", "version", "versions", "violations", "w", "want", "wctx", "wg", "what", "winner", "write",
	"xff",
}

// ModelLocalName is the unexported Go name of a model, from the singular of
// its service's name: LocalName, unless that is one of the templateLocals,
// which it would shadow or be shadowed by; then "Item" follows it, so that
// "id" becomes "idItem" and "key" "keyItem".
func ModelLocalName(singular string) string {
	if l := LocalName(singular); !slices.Contains(templateLocals, l) {
		return l
	}
	return LocalName(singular) + "Item"
}

// legacyName is the name's words joined with only their first letters in
// upper case, initialisms included: "api-key" becomes "ApiKey". It is what
// ExportedName was before it spelled initialisms, kept where a generated
// name is stored data rather than a Go identifier, such as a Datastore
// kind, so that existing entities keep their kind.
func legacyName(name string) string {
	var b strings.Builder
	for _, w := range words(name) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// EnvName is the environment variable prefix for a name: "nightly-load"
// becomes "NIGHTLY_LOAD".
func EnvName(name string) string {
	return strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}
