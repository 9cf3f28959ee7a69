// Command nightly-load runs the nightly-load batch job once and exits. A
// Kubernetes CronJob runs it on its schedule (@daily); run it by
// hand with `make run-job JOB=nightly-load`.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"example.com/shop/internal/jobs/nightlyload"
	"example.com/shop/internal/platform/config"
	"example.com/shop/internal/platform/logging"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run reads the job's settings from flags and the environment, runs the job
// once and returns its error.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	l := config.New(getenv)
	file := l.String("NIGHTLY_LOAD_FILE", "-")
	format := l.String("NIGHTLY_LOAD_FORMAT", "")
	batchSize := l.Int("NIGHTLY_LOAD_BATCH_SIZE", 500)
	level := l.String("LOG_LEVEL", "info")
	if err := l.Err(); err != nil {
		return err
	}

	fs := flag.NewFlagSet("nightly-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&file, "file", file, "records to load, NDJSON or CSV; - reads stdin ($NIGHTLY_LOAD_FILE)")
	fs.StringVar(&format, "format", format, "ndjson or csv; empty guesses from the file name ($NIGHTLY_LOAD_FORMAT)")
	fs.IntVar(&batchSize, "batch-size", batchSize, "records per batch ($NIGHTLY_LOAD_BATCH_SIZE)")
	dryRun := fs.Bool("dry-run", false, "read and check every record, write nothing")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}

	log, err := logging.New(stdout, level)
	if err != nil {
		return err
	}
	log = log.With(slog.String("job", fs.Name()))

	in := stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return fmt.Errorf("open input: %w", err)
		}
		defer f.Close()
		in = f
	}
	if format == "" {
		format = nightlyload.FormatFromName(file)
	}
	deps := nightlyload.Deps{Log: log, Input: in, Format: format, BatchSize: batchSize, DryRun: *dryRun}
	return nightlyload.Run(ctx, deps)
}
