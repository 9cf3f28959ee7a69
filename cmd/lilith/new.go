package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/lilithgo/lilith/generator"
)

type newOptions struct {
	module   string
	dir      string
	dryRun   bool
	force    bool
	skipTidy bool
	ci       []string
	tls      string
	domain   string
	cloudsql string
}

func newNewCmd(e *env) *cobra.Command {
	var o newOptions
	c := &cobra.Command{
		Use:   "new NAME",
		Short: "Create a new project: a monolith with a seed service, tests and a Makefile",
		Long: `new creates a project in ./NAME (or --dir): a monolith in cmd/NAME, the seed
service hello, its tests, a Makefile, a Dockerfile, and lilith.yaml, the
manifest every later command works from. Then it runs 'go mod tidy' so the
project builds at once.

NAME is a lower-case DNS label (a-z, 0-9, '-'; it starts with a letter).
Without NAME or --module on a terminal, new asks for them.`,
		Example: `  lilith new shop --module github.com/you/shop
  lilith new shop --module example.com/shop --dir ~/src/shop
  lilith new shop --module example.com/shop --dry-run
  lilith new shop --module example.com/shop --ci circleci,github,travis
  lilith new shop --module example.com/shop --tls letsencrypt --domain api.example.com
  lilith new shop --module example.com/shop --cloudsql my-project:europe-west1:main`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("new takes one project name, got %d arguments %q: run 'lilith new NAME', NAME a lower-case DNS label such as shop", len(args), args)
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			noInput, _ := c.Flags().GetBool("no-input")
			interactive := e.interactive && !noInput
			if len(args) == 1 {
				if err := generator.ValidateName("project", args[0]); err != nil {
					return usageError{err}
				}
				return runNew(c.Context(), e, args[0], o, interactive)
			}
			return runNew(c.Context(), e, "", o, interactive)
		},
	}
	f := c.Flags()
	f.StringVar(&o.module, "module", "", "Go module path of the project, e.g. github.com/you/shop")
	f.StringVar(&o.dir, "dir", "", "directory to create the project in (default ./NAME)")
	f.BoolVar(&o.dryRun, "dry-run", false, "list the files that would be written, and write nothing")
	f.BoolVar(&o.force, "force", false, "write into a directory that is not empty, overwriting files lilith writes")
	f.BoolVar(&o.skipTidy, "skip-tidy", false, "do not run 'go mod tidy' after writing")
	f.StringSliceVar(&o.ci, "ci", []string{generator.CIGitHub}, "CI configurations to write, any of circleci, github, travis (comma-separated), or none")
	f.StringVar(&o.tls, "tls", "", "serve --domain over TLS with a certificate from cert-manager: letsencrypt or letsencrypt-staging")
	f.StringVar(&o.domain, "domain", "", "the public host name the Ingress serves over TLS, e.g. api.example.com (with --tls)")
	f.StringVar(&o.cloudsql, "cloudsql", "", "Cloud SQL instance (project:region:instance) that Postgres services reach through the Cloud SQL Auth Proxy")
	return c
}

func runNew(ctx context.Context, e *env, name string, o newOptions, interactive bool) error {
	var err error
	if name == "" {
		if !interactive {
			return usagef("missing project name: run 'lilith new NAME', NAME a lower-case DNS label such as shop")
		}
		if name, err = e.prompter.Input("Project name", "", func(s string) error { return generator.ValidateName("project", s) }); err != nil {
			return err
		}
	}
	if err := generator.ValidateName("project", name); err != nil {
		return usageError{err}
	}
	if o.module == "" {
		if !interactive {
			return usagef("missing module path: pass --module, for example --module github.com/you/%s", name)
		}
		if o.module, err = e.prompter.Input("Go module path", "github.com/you/"+name, generator.ValidateModule); err != nil {
			return err
		}
	}
	if err := generator.ValidateModule(o.module); err != nil {
		return usageError{err}
	}
	ci, err := parseCI(o.ci)
	if err != nil {
		return usageError{err}
	}
	deploy, err := parseDeploy(o)
	if err != nil {
		return usageError{err}
	}
	dir := o.dir
	if dir == "" {
		dir = name
	}
	root := e.abs(dir)
	if err := checkTarget(root, dir, o.force); err != nil {
		return err
	}

	m := &generator.Manifest{Name: name, Module: o.module, Services: []generator.Service{{Name: "hello", Kind: generator.KindHello}}, CI: ci, Deploy: deploy}
	plan, err := generator.Generate(root, m, nil, o.force)
	if err != nil {
		return err
	}
	if err := plan.Check(); err != nil {
		return err
	}
	if o.dryRun {
		printPlan(e.stdout, plan, true, false)
		fmt.Fprintf(e.stdout, "dry run: nothing was written to %s\n", dir)
		return nil
	}
	if err := generator.Apply(root, plan.Changes); err != nil {
		return fmt.Errorf("create project in %s: %w; nothing was written", dir, err)
	}
	printPlan(e.stdout, plan, false, false)
	if !o.skipTidy {
		if err := goModTidy(ctx, e, root); err != nil {
			return fmt.Errorf("project written to %s, but %w; run 'cd %s && go mod tidy' once the go command can reach the module proxy", dir, err, dir)
		}
	}
	fmt.Fprintf(e.stdout, "\nCreated %s in %s. Next:\n  cd %s\n  make test   # run the tests\n  make run    # serve on http://localhost:8080 (try /v1/hello/world)\n", name, dir, dir)
	return nil
}

// parseCI checks the --ci values and returns them in the canonical order of
// generator.CINames; "none" alone means no CI configuration.
func parseCI(values []string) ([]string, error) {
	if len(values) == 1 && values[0] == "none" {
		return nil, nil
	}
	if err := generator.ValidateCI(values); err != nil {
		return nil, fmt.Errorf("--ci: %w (or none)", err)
	}
	var ci []string
	for _, name := range generator.CINames {
		if slices.Contains(values, name) {
			ci = append(ci, name)
		}
	}
	return ci, nil
}

// parseDeploy checks --tls, --domain and --cloudsql and returns the
// deployment choices they make.
func parseDeploy(o newOptions) (generator.Deploy, error) {
	var d generator.Deploy
	switch {
	case o.tls == "" && o.domain != "":
		return d, fmt.Errorf("--domain names the TLS certificate's host: pass --tls too (%s)", strings.Join(generator.TLSIssuerNames, " or "))
	case o.tls != "" && o.domain == "":
		return d, fmt.Errorf("--tls needs --domain, the host name to certify, such as --domain api.example.com")
	case o.tls != "":
		if err := generator.ValidateIssuer(o.tls); err != nil {
			return d, fmt.Errorf("--tls: %w", err)
		}
		if err := generator.ValidateDomain(o.domain); err != nil {
			return d, fmt.Errorf("--domain: %w", err)
		}
		d.TLS = &generator.TLS{Issuer: o.tls, Domain: o.domain}
	}
	if o.cloudsql != "" {
		if err := generator.ValidateCloudSQLInstance(o.cloudsql); err != nil {
			return d, fmt.Errorf("--cloudsql: %w", err)
		}
		d.CloudSQL = o.cloudsql
	}
	return d, nil
}

// checkTarget refuses a target that is a file, or a directory with files in
// it unless force is set.
func checkTarget(root, shown string, force bool) error {
	info, err := os.Stat(root)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case errors.Is(err, syscall.ENOTDIR):
		return fmt.Errorf("cannot create %s: a parent of it is a file, not a directory; choose another --dir", shown)
	case err != nil:
		return fmt.Errorf("inspect target %s: %w", shown, err)
	case !info.IsDir():
		return fmt.Errorf("target %s exists and is a file; choose another --dir", shown)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return fmt.Errorf("read target %s: %w", shown, err)
	}
	if len(entries) > 0 && !force {
		return fmt.Errorf("directory %s exists and is not empty; choose another --dir, or pass --force to write into it", shown)
	}
	return nil
}

// goModTidy runs 'go mod tidy' in root, its output going to stderr.
func goModTidy(ctx context.Context, e *env, root string) error {
	fmt.Fprintln(e.stdout, "running go mod tidy")
	cmd := exec.CommandContext(ctx, "go", "mod", "tidy")
	cmd.Dir = root
	cmd.Stdout = e.stderr
	cmd.Stderr = e.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("'go mod tidy' failed: %w", err)
	}
	return nil
}
