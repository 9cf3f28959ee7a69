// Command import-tags runs the import-tags batch job once and exits. A
// Kubernetes CronJob runs it on its schedule (@daily); run it by
// hand with `make run-job JOB=import-tags`. It loads records into the
// tags store: memory, as the service keeps its data there.
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

	"example.com/shop/internal/jobs/importtags"
	"example.com/shop/internal/platform/config"
	"example.com/shop/internal/platform/logging"
	"example.com/shop/internal/tags"
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
	file := l.String("IMPORT_TAGS_FILE", "-")
	format := l.String("IMPORT_TAGS_FORMAT", "")
	batchSize := l.Int("IMPORT_TAGS_BATCH_SIZE", 500)
	level := l.String("LOG_LEVEL", "info")
	appEnv := l.String("APP_ENV", "production")
	if appEnv != "development" && appEnv != "production" {
		l.Invalidf("APP_ENV", "must be development or production, got %q", appEnv)
	}
	if err := l.Err(); err != nil {
		return err
	}

	fs := flag.NewFlagSet("import-tags", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&file, "file", file, "records to load, NDJSON or CSV; - reads stdin ($IMPORT_TAGS_FILE)")
	fs.StringVar(&format, "format", format, "ndjson or csv; empty guesses from the file name ($IMPORT_TAGS_FORMAT)")
	fs.IntVar(&batchSize, "batch-size", batchSize, "records per batch ($IMPORT_TAGS_BATCH_SIZE)")
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
		format = importtags.FormatFromName(file)
	}
	deps := importtags.Deps{Log: log, Input: in, Format: format, BatchSize: batchSize, DryRun: *dryRun}
	store, closeStore, err := openStore(ctx, getenv, appEnv == "production", log)
	if err != nil {
		return err
	}
	defer closeStore()
	deps.Store = store
	return importtags.Run(ctx, deps)
}

// openStore returns the tags store that the job writes to, as
// internal/app/wire_tags.go does for the service, and a function that
// releases it.
func openStore(ctx context.Context, getenv func(string) string, production bool, log *slog.Logger) (tags.Store, func(), error) {
	log.WarnContext(ctx, "tags keeps its data in memory: what the job loads is lost when it ends")
	return tags.NewMemoryStore(), func() {}, nil
}
