package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"

	"example.com/shop/internal/ids"
	"example.com/shop/internal/ids/idstest"
	"example.com/shop/internal/jobs/urlsync"
	"example.com/shop/internal/platform/postgres/postgrestest"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

// fixture returns n valid ids as NDJSON, without IDs.
func fixture(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	for i := range n {
		if err := enc.Encode(idstest.Sample(i)); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// writeFixture writes fixture(t, n) to a file and returns its path.
func writeFixture(t *testing.T, n int) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "fixtures.ndjson")
	if err := os.WriteFile(file, []byte(fixture(t, n)), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestRun(t *testing.T) {
	file := writeFixture(t, 3)
	dev := map[string]string{"APP_ENV": "development"}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		stdin   string
		wantErr string
		wantLog string
	}{
		{name: "stdin", env: dev, stdin: fixture(t, 1), wantLog: `"records":1`},
		{name: "file from flag", args: []string{"-file", file}, env: dev, wantLog: `"records":3`},
		{name: "file from env", env: map[string]string{"APP_ENV": "development", "URL_SYNC_FILE": file}, wantLog: `"records":3`},
		{name: "dry run", args: []string{"-file", file, "-dry-run"}, env: dev, wantLog: `"dry_run":true`},
		{name: "invalid record", env: dev, stdin: "{\"id\":\"not-a-uuid\"}\n", wantErr: "record 1: "},
		{name: "missing file", args: []string{"-file", "nope.ndjson"}, env: dev, wantErr: "open input"},
		{name: "bad batch size", env: map[string]string{"URL_SYNC_BATCH_SIZE": "many"}, wantErr: "URL_SYNC_BATCH_SIZE"},
		{name: "bad APP_ENV", env: map[string]string{"APP_ENV": "staging"}, wantErr: "APP_ENV"},
		{name: "stray argument", args: []string{"extra"}, env: dev, wantErr: "unexpected arguments"},
		{name: "production needs PostgreSQL", args: []string{"-file", file}, wantErr: "DATABASE_URL is not set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), tt.args, env(tt.env), strings.NewReader(tt.stdin), &stdout, &stderr)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("run = %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("run = %v\n%s", err, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantLog) || !strings.Contains(stdout.String(), `"job":"url-sync"`) {
				t.Errorf("logs lack %s:\n%s", tt.wantLog, stdout.String())
			}
		})
	}
}

// realStore returns the environment of a run against a real ids store of
// its own, empty, or skips t when there is none to reach.
func realStore(t *testing.T) func(string) string {
	t.Helper()
	url := os.Getenv("DATABASE_URL")
	if url == "" {
		t.Skip("DATABASE_URL not set: skipping the loads into PostgreSQL")
	}
	return env(map[string]string{"APP_ENV": "production", "IDS_DATABASE_URL": postgrestest.Schema(t, url)})
}

// storedIn returns everything in the store that getenv names.
func storedIn(t *testing.T, getenv func(string) string) []ids.ID {
	t.Helper()
	store, closeStore, err := openStore(t.Context(), getenv, true, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	items, err := store.List(t.Context(), uuid.Nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// TestLoadTwice loads a file into the real store twice, as a rerun after a
// crash does: the second run must replace every record, never add one.
func TestLoadTwice(t *testing.T) {
	const n = 10
	getenv := realStore(t)
	file := writeFixture(t, n)
	for attempt := 1; attempt <= 2; attempt++ {
		var stdout, stderr bytes.Buffer
		if err := run(t.Context(), []string{"-file", file, "-batch-size", "3"}, getenv, strings.NewReader(""), &stdout, &stderr); err != nil {
			t.Fatalf("run %d: %v\n%s", attempt, err, stdout.String())
		}
		items := storedIn(t, getenv)
		if len(items) != n {
			t.Fatalf("after run %d: %d records stored, want %d", attempt, len(items), n)
		}
		for _, item := range items {
			if item.Version != int64(attempt) {
				t.Errorf("after run %d: %s at version %d, want %d", attempt, item.ID, item.Version, attempt)
			}
		}
	}
}

// cancelAfterFirstBatch cancels its context once the first batch is written.
type cancelAfterFirstBatch struct {
	ids.Store
	cancel context.CancelFunc
}

func (s cancelAfterFirstBatch) Upsert(ctx context.Context, items []ids.ID) error {
	defer s.cancel()
	return s.Store.Upsert(ctx, items)
}

func TestCancelledLoadStopsBetweenBatches(t *testing.T) {
	getenv := realStore(t)
	store, closeStore, err := openStore(t.Context(), getenv, true, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	err = urlsync.Run(ctx, urlsync.Deps{
		Log: slog.New(slog.DiscardHandler), Store: cancelAfterFirstBatch{store, cancel},
		Input: strings.NewReader(fixture(t, 10)), Format: urlsync.NDJSON, BatchSize: 3,
	})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "stopped after 3 records") {
		t.Fatalf("Run = %v, want context.Canceled after 3 records", err)
	}
	if got := len(storedIn(t, getenv)); got != 3 {
		t.Errorf("%d records stored, want the first batch of 3 only", got)
	}
}
