package main

import (
	"fmt"
	"io"

	"github.com/aymanbagabas/go-udiff"

	"github.com/lilithgo/lilith/generator"
)

// printPlan writes one line per change ("create cmd/shop/main.go"); with
// dryRun the lines say what would happen, and with diffs every update and
// delete is followed by a unified diff.
func printPlan(w io.Writer, p *generator.Plan, dryRun, diffs bool) {
	for _, c := range p.Changes {
		verb := string(c.Action)
		if dryRun && (c.Action == generator.Create || c.Action == generator.Update || c.Action == generator.Delete) {
			verb = "would " + verb
		}
		if c.Reason != "" {
			fmt.Fprintf(w, "%-14s %s: %s\n", verb, c.Path, c.Reason)
		} else {
			fmt.Fprintf(w, "%-14s %s\n", verb, c.Path)
		}
		if diffs && (c.Action == generator.Update || c.Action == generator.Delete) {
			fmt.Fprint(w, udiff.Unified("a/"+c.Path, "b/"+c.Path, string(c.Old), string(c.New)))
		}
	}
}
