package main

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/lilithgo/lilith/generator"
)

func newAddCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "add",
		Short: "Add a service, a job, TLS or auth to the project",
		Example: `  lilith add service orders --db postgres --fields "title:string,price:float64"
  lilith add tls --domain api.example.com
  lilith add auth --provider firebase --project my-project`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return usagef("add what? run 'lilith add service NAME', 'lilith add job NAME', 'lilith add tls --domain NAME' or 'lilith add auth --provider NAME'")
		},
	}
	c.AddCommand(newAddServiceCmd(e), newAddJobCmd(e), newAddTLSCmd(e), newAddAuthCmd(e))
	return c
}

func newRemoveCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "remove",
		Short: "Remove a service, a job, TLS or auth from the project",
		Example: `  lilith remove service orders
  lilith remove job nightly-load
  lilith remove tls
  lilith remove auth`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return usagef("remove what? run 'lilith remove service NAME', 'lilith remove job NAME', 'lilith remove tls' or 'lilith remove auth'")
		},
	}
	c.AddCommand(newRemoveServiceCmd(e), newRemoveJobCmd(e), newRemoveTLSCmd(e), newRemoveAuthCmd(e))
	return c
}

func addChangeFlags(c *cobra.Command, o *changeOptions) {
	c.Flags().BoolVar(&o.dryRun, "dry-run", false, "print the plan, with a diff of every changed file, and write nothing")
	c.Flags().BoolVar(&o.force, "force", false, "overwrite (or delete) files that you changed")
	c.Flags().BoolVar(&o.skipTidy, "skip-tidy", false, "do not run 'go mod tidy' when go.mod changes")
}

// oneName is an Args check for commands that take exactly one NAME.
func oneName(what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usagef("%s takes one %s name, got %d arguments; run '%s --help'", c.CommandPath(), what, len(args), c.CommandPath())
		}
		return nil
	}
}

func newAddServiceCmd(e *env) *cobra.Command {
	var (
		o      changeOptions
		store  string
		fields string
		uses   []string
		sa     generator.ServiceAuth
		auth   bool
	)
	c := &cobra.Command{
		Use:   "service NAME",
		Short: "Add a CRUD service: model, store, REST routes, client and tests",
		Long: `add service writes a CRUD service into internal/NAME: the model and Service
interface, a store (memory, postgres or datastore), REST routes under
/v1/NAME with an HTTP client, and their tests; and wires it into the
monolith. Run it anywhere inside a project.

--fields gives the model's attributes as name:type pairs. Types: ` + strings.Join(generator.FieldTypeNames, ", ") + `.
Without --fields the model has a name. Every model also has id (a UUIDv7),
created_at, updated_at and version.

--uses names services this one depends on. It receives each one's Service
through its constructor (in the monolith, the in-process service), and its
model gets a uuid field such as order_id for --uses orders (unless --fields
gives it): when set, Create refuses an id that names no existing order.

--auth makes every route require a valid bearer token from the project's
issuer (run 'lilith add auth' first); --public-read lets GET and HEAD
through without one; --policy also checks (subject, path, method) against
the access policy in policy/ (casbin), denying what no rule allows.`,
		Example: `  lilith add service orders --db postgres --fields "title:string,price:float64,due:time,done:bool"
  lilith add service users --db datastore
  lilith add service invoices --db postgres --uses orders
  lilith add service notes --dry-run
  lilith add service orders --auth --public-read --policy`,
		Args: oneName("service"),
		RunE: func(c *cobra.Command, args []string) error {
			name := args[0]
			if err := generator.ValidateName("service", name); err != nil {
				return usageError{err}
			}
			model := generator.DefaultFields
			if c.Flags().Changed("fields") {
				var err error
				if model, err = generator.ParseFields(fields); err != nil {
					return usageError{err}
				}
			}
			if !c.Flags().Changed("db") {
				store = generator.StoreMemory
				noInput, _ := c.Flags().GetBool("no-input")
				if e.interactive && !noInput {
					var err error
					if store, err = e.prompter.Select("Where does "+name+" keep its data?", generator.StoreNames, generator.StoreMemory); err != nil {
						return err
					}
				}
			}
			if !slices.Contains(generator.StoreNames, store) {
				return usagef("unknown --db %q; accepted: %s", store, strings.Join(generator.StoreNames, ", "))
			}
			var svcAuth *generator.ServiceAuth
			switch {
			case auth:
				svcAuth = &sa
			case sa.PublicRead || sa.Policy:
				return usagef("--public-read and --policy refine --auth; add --auth")
			}
			return changeProject(c.Context(), e, o, func(m *generator.Manifest) error {
				return m.AddService(generator.Service{Name: name, Kind: generator.KindCRUD, Store: store,
					Fields: generator.WithRefFields(model, uses), Uses: uses, Auth: svcAuth})
			})
		},
	}
	addChangeFlags(c, &o)
	c.Flags().StringVar(&store, "db", generator.StoreMemory, "where the service keeps its data: "+strings.Join(generator.StoreNames, ", "))
	c.Flags().StringVar(&fields, "fields", "", `the model's fields as name:type pairs, e.g. "title:string,price:float64"`)
	c.Flags().StringSliceVar(&uses, "uses", nil, "services this one depends on, comma-separated, e.g. orders")
	c.Flags().BoolVar(&auth, "auth", false, "require a valid bearer token on every route (needs 'lilith add auth')")
	c.Flags().BoolVar(&sa.PublicRead, "public-read", false, "with --auth: let GET and HEAD through without a token")
	c.Flags().BoolVar(&sa.Policy, "policy", false, "with --auth: check every request against the access policy in policy/")
	return c
}

func newRemoveServiceCmd(e *env) *cobra.Command {
	var o changeOptions
	c := &cobra.Command{
		Use:   "service NAME",
		Short: "Remove a service: the exact inverse of add service",
		Long: `remove service deletes the service's files and its wiring. A file you changed
since lilith wrote it is kept and listed, unless --force.`,
		Example: `  lilith remove service orders
  lilith remove service orders --dry-run`,
		Args: oneName("service"),
		RunE: func(c *cobra.Command, args []string) error {
			return changeProject(c.Context(), e, o, func(m *generator.Manifest) error {
				return m.RemoveService(args[0])
			})
		},
	}
	addChangeFlags(c, &o)
	return c
}

func newListCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "list",
		Short:   "List the services, jobs and deploy settings of the project",
		Example: "  lilith list",
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			_, m, err := generator.FindProject(e.dir)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "project %s (%s)\n\n", m.Name, m.Module)
			w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "SERVICE\tKIND\tSTORE\tROUTE\tSPLIT")
			for _, s := range m.Services {
				st := s.Store
				if st == "" {
					st = "-"
				}
				split := "-"
				if s.Split {
					split = "cmd/" + s.Name + " at " + generator.EnvName(s.Name) + "_URL"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t/v1/%s\t%s\n", s.Name, s.Kind, st, s.Name, split)
			}
			if err := w.Flush(); err != nil {
				return err
			}
			if len(m.Jobs) > 0 {
				fmt.Fprintln(e.stdout)
				w = tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(w, "JOB\tSCHEDULE\tSERVICE\tBINARY")
				for _, j := range m.Jobs {
					svc := j.Service
					if svc == "" {
						svc = "-"
					}
					fmt.Fprintf(w, "%s\t%s\t%s\tcmd/%s\n", j.Name, j.Schedule, svc, j.Name)
				}
				if err := w.Flush(); err != nil {
					return err
				}
			}
			if a := m.Auth; a != nil {
				iss, aud, _ := a.Defaults()
				fmt.Fprintf(e.stdout, "\nauth      %s: issuer %s, audience %s\n", a.Provider, iss, aud)
				for _, s := range m.Services {
					if s.Auth == nil {
						continue
					}
					line := "/v1/" + s.Name + " requires a token"
					if s.Auth.PublicRead {
						line += ", except GET and HEAD"
					}
					if s.Auth.Policy {
						line += "; policy checked"
					}
					fmt.Fprintf(e.stdout, "          %s\n", line)
				}
			}
			if d := m.Deploy; !d.IsZero() {
				fmt.Fprintln(e.stdout)
				if d.TLS != nil {
					fmt.Fprintf(e.stdout, "tls       https://%s/ (%s)\n", d.TLS.Domain, d.TLS.Issuer)
				}
				if d.CloudSQL != "" {
					fmt.Fprintf(e.stdout, "cloudsql  %s\n", d.CloudSQL)
				}
			}
			return nil
		},
	}
}
