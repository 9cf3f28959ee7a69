// Package templates holds the template trees lilith renders projects from.
//
// Each top-level directory is one tree: "project" for what lilith new
// writes, and one tree per service kind. A file's path is a template too.
// A file ending in ".tmpl" is a text/template; one ending in ".raw" (a Helm
// template, say, full of {{ }} of its own) is copied as it is. Rendering
// strips the suffix; Go sources end in ".go.tmpl" so that lilith's own
// build ignores them.
package templates

import (
	"embed"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// FS holds every template tree; "all:" keeps dot-files such as .gitignore.
//
//go:embed all:project all:hello all:crud all:job
var FS embed.FS

// Funcs returns the functions templates may call: sprig's hermetic set,
// which has no clock, randomness or environment, so output is stable.
func Funcs() template.FuncMap {
	return sprig.HermeticTxtFuncMap()
}
