// Command lilith writes Go projects: a monolith organised so that each of
// its services can later run on its own, with tests, a Makefile, a
// Dockerfile and deployment files from day one.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"golang.org/x/term"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// lilith runs for a fraction of a second and allocates a few MB:
		// collecting at the default 100% spends a fifth of its CPU time on
		// garbage it would never need to reclaim.
		debug.SetGCPercent(400)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(os.Stderr, "lilith: %v\n", err)
		os.Exit(exitFailure)
	}
	code := run(ctx, os.Args[1:], &env{
		dir:         wd,
		stdin:       os.Stdin,
		stdout:      os.Stdout,
		stderr:      os.Stderr,
		getenv:      os.Getenv,
		interactive: term.IsTerminal(int(os.Stdin.Fd())),
		prompter:    surveyPrompter{},
	})
	stop()
	os.Exit(code)
}

// env is everything a command may touch outside its arguments, so tests
// drive commands without a terminal.
type env struct {
	dir         string // working directory: relative paths start here
	stdin       io.Reader
	stdout      io.Writer
	stderr      io.Writer
	getenv      func(string) string
	interactive bool // stdin is a terminal: prompts are allowed
	prompter    Prompter
	started     bool // a command's own code ran: an error is no longer a usage error
}

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError is an error in what the user typed: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// run executes lilith with args and returns the exit status.
// abs resolves path against the working directory.
func (e *env) abs(path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	return filepath.Join(e.dir, path)
}

func run(ctx context.Context, args []string, e *env) int {
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(e.stderr, "lilith: %v\n", err)
	if !e.started || errors.As(err, new(usageError)) {
		return exitUsage
	}
	return exitFailure
}
