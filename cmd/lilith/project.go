package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/lilithgo/lilith/generator"
)

// changeOptions are the flags of every command that changes a project.
type changeOptions struct {
	dryRun   bool
	force    bool
	skipTidy bool
}

// changeProject is every command after new: find the project, change its
// manifest with edit, render, plan against the disk, and apply.
func changeProject(ctx context.Context, e *env, o changeOptions, edit func(m *generator.Manifest) error) error {
	root, m, err := generator.FindProject(e.dir)
	if err != nil {
		return err
	}
	next := cloneManifest(m)
	if err := edit(next); err != nil {
		return usageError{err}
	}
	plan, err := generator.Generate(root, next, m.Files, o.force)
	if err != nil {
		return err
	}
	if err := plan.Check(); err != nil {
		return err
	}
	if o.dryRun {
		printPlan(e.stdout, plan, true, true)
		fmt.Fprintln(e.stdout, "dry run: nothing was written")
		return nil
	}
	if err := generator.Apply(root, plan.Changes); err != nil {
		return fmt.Errorf("%w; nothing was changed", err)
	}
	printPlan(e.stdout, plan, false, false)
	if !o.skipTidy && goModChanged(plan) {
		if err := goModTidy(ctx, e, root); err != nil {
			return fmt.Errorf("project updated, but %w; run 'go mod tidy' in %s once the go command can reach the module proxy", err, root)
		}
	}
	return nil
}

// goModChanged reports whether the plan may change what the module needs:
// go.mod itself, or any Go file (whose imports may have come or gone).
func goModChanged(p *generator.Plan) bool {
	return slices.ContainsFunc(p.Changes, func(c generator.Change) bool {
		return c.Action != generator.Keep && (c.Path == "go.mod" || strings.HasSuffix(c.Path, ".go"))
	})
}

func cloneManifest(m *generator.Manifest) *generator.Manifest {
	next := *m
	next.Services = slices.Clone(m.Services)
	next.Jobs = slices.Clone(m.Jobs)
	if m.Deploy.TLS != nil {
		tls := *m.Deploy.TLS
		next.Deploy.TLS = &tls
	}
	if m.Auth != nil {
		a := *m.Auth
		next.Auth = &a
	}
	for i := range next.Services {
		if s := m.Services[i].Auth; s != nil {
			sa := *s
			next.Services[i].Auth = &sa
		}
		next.Services[i].Fields = slices.Clone(m.Services[i].Fields)
		next.Services[i].Uses = slices.Clone(m.Services[i].Uses)
	}
	return &next
}
