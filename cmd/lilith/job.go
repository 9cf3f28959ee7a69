package main

import (
	"github.com/spf13/cobra"

	"github.com/lilithgo/lilith/generator"
)

func newAddJobCmd(e *env) *cobra.Command {
	var (
		o        changeOptions
		schedule string
		service  string
	)
	c := &cobra.Command{
		Use:   "job NAME",
		Short: "Add a scheduled batch job: its own binary in cmd/, run by a Kubernetes CronJob",
		Long: `add job writes a batch job: cmd/NAME/main.go, a thin main, and
internal/jobs/PKG/ with Run(ctx, deps) and its tests. With --service it
loads records (NDJSON or CSV, from a file or stdin) into that service's
store in batches, idempotently: a rerun after a crash loses and duplicates
nothing. Without --service it is a skeleton of the same shape.

--schedule is when Kubernetes runs it: five cron fields ("0 2 * * *") or
@yearly, @monthly, @weekly, @daily or @hourly; default @daily.`,
		Example: `  lilith add job nightly-load --schedule "0 2 * * *" --service orders
  lilith add job cleanup --schedule @hourly`,
		Args: oneName("job"),
		RunE: func(c *cobra.Command, args []string) error {
			name := args[0]
			if err := generator.ValidateName("job", name); err != nil {
				return usageError{err}
			}
			if !c.Flags().Changed("schedule") {
				schedule = generator.DefaultSchedule
				noInput, _ := c.Flags().GetBool("no-input")
				if e.interactive && !noInput {
					var err error
					if schedule, err = e.prompter.Input("When does "+name+" run? (cron, e.g. 0 2 * * *)", generator.DefaultSchedule, generator.ValidateSchedule); err != nil {
						return err
					}
				}
			}
			if err := generator.ValidateSchedule(schedule); err != nil {
				return usageError{err}
			}
			return changeProject(c.Context(), e, o, func(m *generator.Manifest) error {
				return m.AddJob(generator.Job{Name: name, Schedule: schedule, Service: service})
			})
		},
	}
	addChangeFlags(c, &o)
	c.Flags().StringVar(&schedule, "schedule", generator.DefaultSchedule, `when the job runs: cron fields such as "0 2 * * *", or @daily, @hourly, ...`)
	c.Flags().StringVar(&service, "service", "", "the service whose store the job loads records into")
	return c
}

func newRemoveJobCmd(e *env) *cobra.Command {
	var o changeOptions
	c := &cobra.Command{
		Use:   "job NAME",
		Short: "Remove a job: the exact inverse of add job",
		Long: `remove job deletes the job's files. A file you changed since lilith wrote it
is kept and listed, unless --force.`,
		Example: `  lilith remove job nightly-load`,
		Args:    oneName("job"),
		RunE: func(c *cobra.Command, args []string) error {
			return changeProject(c.Context(), e, o, func(m *generator.Manifest) error {
				return m.RemoveJob(args[0])
			})
		},
	}
	addChangeFlags(c, &o)
	return c
}
