package app

import (
	"cmp"
	"context"
	"errors"

	"example.com/shop/internal/apikeys"
	"example.com/shop/internal/ids"
	"example.com/shop/internal/ids/idspg"
	"example.com/shop/internal/platform/postgres"
)

// wireIDs builds the ids service. It stores ids in PostgreSQL at
// IDS_DATABASE_URL, else DATABASE_URL, after applying its migrations;
// without either it fails in production and keeps ids in memory
// otherwise. This is where you customise how the service is constructed:
// register readiness checks with a.addReadiness and cleanup with a.onClose.
func wireIDs(ctx context.Context, a *App, apiKeys apikeys.Service) (ids.Service, error) {
	url := cmp.Or(a.getenv("IDS_DATABASE_URL"), a.getenv("DATABASE_URL"))
	if url == "" {
		if a.cfg.Env == "production" {
			return nil, errors.New("DATABASE_URL is not set: ids needs PostgreSQL in production (IDS_DATABASE_URL overrides it for ids alone)")
		}
		a.log.WarnContext(ctx, "DATABASE_URL is not set: ids are kept in memory and lost on restart")
		return ids.NewService(ids.NewMemoryStore(), apiKeys), nil
	}
	pool, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	a.onClose(func() error { pool.Close(); return nil })
	a.addReadiness("ids-postgres", pool.Ping)
	if err := idspg.Migrate(ctx, pool); err != nil {
		return nil, err
	}
	return ids.NewService(idspg.NewStore(pool), apiKeys), nil
}
