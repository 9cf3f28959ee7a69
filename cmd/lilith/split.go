package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/lilithgo/lilith/generator"
)

func newSplitCmd(e *env) *cobra.Command {
	var o changeOptions
	c := &cobra.Command{
		Use:   "split SERVICE",
		Short: "Run a service on its own as well: its own binary and Deployment, called over HTTP",
		Long: `split gives a service added with 'lilith add service' a binary of its own,
cmd/SERVICE, that serves only its routes (with the same middleware, health
endpoints and store configuration as the monolith), and a Deployment and
Service of its own in the Helm chart. It records split: true in lilith.yaml.

The monolith keeps serving the service in-process until SERVICE_URL (such
as ORDERS_URL) is set: then the services that use it call it there through
its HTTP client, and the monolith neither serves its routes nor opens its
store. The chart sets that variable; locally, 'make run' stays one process.

split first checks the project's code against the rules of
internal/app/arch_test.go, and refuses, naming the file, when another
package reaches into the service's adapters or another service's SQL names
its tables: a service that runs on its own is reached only through its
Service interface. 'lilith join SERVICE' is the exact inverse.`,
		Example: `  lilith split orders
  lilith split orders --dry-run`,
		Args: oneName("service"),
		RunE: func(c *cobra.Command, args []string) error {
			name := args[0]
			root, m, err := generator.FindProject(e.dir)
			if err != nil {
				return err
			}
			// The manifest's own errors first: an unknown service or one
			// already split is a mistake on the command line.
			if err := cloneManifest(m).Split(name); err != nil {
				return usageError{err}
			}
			if err := generator.CheckSplit(root, m, name); err != nil {
				return err
			}
			if err := changeProject(c.Context(), e, o, func(m *generator.Manifest) error {
				return m.Split(name)
			}); err != nil || o.dryRun {
				return err
			}
			fmt.Fprintf(e.stdout, "\n%s runs on its own as cmd/%s where %s_URL is set (the Helm chart sets it); unset, the monolith serves it as before. See \"Split a service\" in README.md.\n",
				name, name, generator.EnvName(name))
			return nil
		},
	}
	addChangeFlags(c, &o)
	return c
}

func newJoinCmd(e *env) *cobra.Command {
	var o changeOptions
	c := &cobra.Command{
		Use:   "join SERVICE",
		Short: "Bring a split service back into the monolith: the exact inverse of split",
		Long: `join removes what 'lilith split SERVICE' added: the binary in cmd/SERVICE,
its Deployment and Service in the chart, and the wiring that calls it at
SERVICE_URL. The tree is then byte for byte what it was before the split.
A file you changed since lilith wrote it is kept and listed, unless --force.`,
		Example: `  lilith join orders
  lilith join orders --dry-run`,
		Args: oneName("service"),
		RunE: func(c *cobra.Command, args []string) error {
			return changeProject(c.Context(), e, o, func(m *generator.Manifest) error {
				return m.Join(args[0])
			})
		},
	}
	addChangeFlags(c, &o)
	return c
}
