package postgres_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"example.com/shop/internal/platform/postgres"
	"example.com/shop/internal/platform/postgres/postgrestest"
)

func TestOpenRejectsBadURLs(t *testing.T) {
	tests := []struct {
		name    string
		url     string
		wantErr string
	}{
		{"not a url", "postgres://user:hunter2@host:notaport/db", "parse postgres url"},
		{"nobody listening", "postgres://user:hunter2@127.0.0.1:1/db?connect_timeout=2", "ping postgres at 127.0.0.1:1/db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pool, err := postgres.Open(t.Context(), tt.url)
			if err == nil {
				pool.Close()
				t.Fatal("want an error")
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not contain %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q leaks the password", err)
			}
		})
	}
}

func TestOpenAndMigrate(t *testing.T) {
	databaseURL := os.Getenv("DATABASE_URL")
	if databaseURL == "" {
		t.Skip("DATABASE_URL not set: skipping the Postgres tests")
	}
	ctx := t.Context()
	pool, err := postgres.Open(ctx, postgrestest.Schema(t, databaseURL))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()

	var now time.Time
	if err := pool.QueryRow(ctx, "SELECT now()").Scan(&now); err != nil {
		t.Fatal(err)
	}
	if now.Location() != time.UTC {
		t.Errorf("timestamptz scanned in %v, want UTC", now.Location())
	}

	v1 := fstest.MapFS{
		"00001_create_things.sql": {Data: []byte("-- +goose Up\nCREATE TABLE things (id int PRIMARY KEY);\n-- +goose Down\nDROP TABLE things;\n")},
	}
	v2 := fstest.MapFS{
		"00001_create_things.sql": v1["00001_create_things.sql"],
		"00002_add_name.sql":      {Data: []byte("-- +goose Up\nALTER TABLE things ADD COLUMN name text;\n-- +goose Down\nALTER TABLE things DROP COLUMN name;\n")},
	}
	steps := []struct {
		name string
		fsys fstest.MapFS
	}{
		{"first run", v1},
		{"again, nothing to do", v1},
		{"a new migration", v2},
	}
	for _, step := range steps {
		if err := postgres.Migrate(ctx, pool, step.fsys, "goose_things"); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
	}
	if _, err := pool.Exec(ctx, "INSERT INTO things (id, name) VALUES (1, 'a')"); err != nil {
		t.Errorf("migrated table unusable: %v", err)
	}
	var applied int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM goose_things WHERE version_id > 0").Scan(&applied); err != nil {
		t.Fatal(err)
	}
	if applied != 2 {
		t.Errorf("goose_things records %d migrations, want 2", applied)
	}

	bad := fstest.MapFS{"00001_broken.sql": {Data: []byte("-- +goose Up\nCREATE TABLE;\n")}}
	if err := postgres.Migrate(ctx, pool, bad, "goose_broken"); err == nil || !strings.Contains(err.Error(), "goose_broken") {
		t.Errorf("broken migration: err = %v, want one naming goose_broken", err)
	}
}
