package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/lilithgo/lilith/generator"
)

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "lilith",
		Short: "Write Go projects: a monolith whose services can later run on their own",
		Long: `lilith writes Go projects: one binary that is easy to start with, organised so
that each service can later become its own deployment without a rewrite,
with tests, a Makefile, a Dockerfile and deployment files from day one.

Every project has a manifest, lilith.yaml, at its root. Every command changes
the manifest and regenerates what follows from it, and never overwrites a
change you made without --force.`,
		Example: `  lilith new shop --module github.com/you/shop
  cd shop && make run`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// Whatever fails before this runs is a mistake in the command line.
		PersistentPreRun: func(*cobra.Command, []string) { e.started = true },
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usagef("%v; see '%s --help'", err, c.CommandPath())
	})
	root.PersistentFlags().Bool("no-input", false, "never prompt; a missing value is an error")
	root.AddCommand(newNewCmd(e), newAddCmd(e), newRemoveCmd(e), newSplitCmd(e), newJoinCmd(e), newListCmd(e), newVersionCmd(e))
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Example = `  source <(lilith completion bash)
  lilith completion zsh > "${fpath[1]}/_lilith"
  lilith completion fish > ~/.config/fish/completions/lilith.fish`
		}
	}
	return root
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version of lilith",
		Example: "  lilith version",
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(e.stdout, "lilith %s %s/%s %s%s\n", generator.Version, runtime.GOOS, runtime.GOARCH, runtime.Version(), revision())
			return nil
		},
	}
}

// revision is the VCS revision lilith was built from, when the build knows.
func revision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return " " + s.Value[:12]
		}
	}
	return ""
}

// noArgs rejects positional arguments as a usage error.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", c.CommandPath(), args)
	}
	return nil
}
