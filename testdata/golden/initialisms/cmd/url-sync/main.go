// Command url-sync runs the url-sync batch job once and exits. A
// Kubernetes CronJob runs it on its schedule (@daily); run it by
// hand with `make run-job JOB=url-sync`. It loads records into the
// ids store: PostgreSQL at IDS_DATABASE_URL, else DATABASE_URL.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"example.com/shop/internal/ids"
	"example.com/shop/internal/ids/idspg"
	"example.com/shop/internal/jobs/urlsync"
	"example.com/shop/internal/platform/config"
	"example.com/shop/internal/platform/logging"
	"example.com/shop/internal/platform/postgres"
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
	file := l.String("URL_SYNC_FILE", "-")
	format := l.String("URL_SYNC_FORMAT", "")
	batchSize := l.Int("URL_SYNC_BATCH_SIZE", 500)
	level := l.String("LOG_LEVEL", "info")
	appEnv := l.String("APP_ENV", "production")
	if appEnv != "development" && appEnv != "production" {
		l.Invalidf("APP_ENV", "must be development or production, got %q", appEnv)
	}
	if err := l.Err(); err != nil {
		return err
	}

	fs := flag.NewFlagSet("url-sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&file, "file", file, "records to load, NDJSON or CSV; - reads stdin ($URL_SYNC_FILE)")
	fs.StringVar(&format, "format", format, "ndjson or csv; empty guesses from the file name ($URL_SYNC_FORMAT)")
	fs.IntVar(&batchSize, "batch-size", batchSize, "records per batch ($URL_SYNC_BATCH_SIZE)")
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
		format = urlsync.FormatFromName(file)
	}
	deps := urlsync.Deps{Log: log, Input: in, Format: format, BatchSize: batchSize, DryRun: *dryRun}
	store, closeStore, err := openStore(ctx, getenv, appEnv == "production", log)
	if err != nil {
		return err
	}
	defer closeStore()
	deps.Store = store
	return urlsync.Run(ctx, deps)
}

// openStore returns the ids store that the job writes to, as
// internal/app/wire_ids.go does for the service, and a function that
// releases it.
func openStore(ctx context.Context, getenv func(string) string, production bool, log *slog.Logger) (ids.Store, func(), error) {
	url := cmp.Or(getenv("IDS_DATABASE_URL"), getenv("DATABASE_URL"))
	if url == "" {
		if production {
			return nil, nil, errors.New("DATABASE_URL is not set: url-sync loads ids into PostgreSQL in production (IDS_DATABASE_URL overrides it for ids alone)")
		}
		log.WarnContext(ctx, "DATABASE_URL is not set: ids are loaded into memory and lost when the job ends")
		return ids.NewMemoryStore(), func() {}, nil
	}
	pool, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, nil, err
	}
	if err := idspg.Migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, nil, err
	}
	return idspg.NewStore(pool), pool.Close, nil
}
