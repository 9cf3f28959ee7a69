package idspg_test

import (
	"os"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"example.com/shop/internal/ids"
	"example.com/shop/internal/ids/idspg"
	"example.com/shop/internal/ids/idstest"
	"example.com/shop/internal/platform/postgres"
	"example.com/shop/internal/platform/postgres/postgrestest"
)

// databaseURL returns DATABASE_URL, or skips t when it is not set.
func databaseURL(t *testing.T) string {
	t.Helper()
	url := os.Getenv("DATABASE_URL")
	if url == "" {
		t.Skip("DATABASE_URL not set: skipping the Postgres contract tests")
	}
	return url
}

// newPool returns a pool on an empty schema of its own in the database at databaseURL.
func newPool(t *testing.T, databaseURL string) *pgxpool.Pool {
	t.Helper()
	pool, err := postgres.Open(t.Context(), postgrestest.Schema(t, databaseURL))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

func TestStore(t *testing.T) {
	url := databaseURL(t)
	idstest.TestStore(t, func(t *testing.T) ids.Store {
		t.Helper()
		pool := newPool(t, url)
		if err := idspg.Migrate(t.Context(), pool); err != nil {
			t.Fatal(err)
		}
		return idspg.NewStore(pool)
	})
}

func TestMigrateIsRepeatableAndConcurrent(t *testing.T) {
	pool := newPool(t, databaseURL(t))
	const instances = 3
	errs := make([]error, instances)
	var wg sync.WaitGroup
	for i := range instances {
		wg.Go(func() { errs[i] = idspg.Migrate(t.Context(), pool) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
	if err := idspg.Migrate(t.Context(), pool); err != nil {
		t.Errorf("migrating an up-to-date database: %v", err)
	}
}
