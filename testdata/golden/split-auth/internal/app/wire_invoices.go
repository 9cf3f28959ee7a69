package app

import (
	"cmp"
	"context"
	"errors"

	"example.com/shop/internal/invoices"
	"example.com/shop/internal/invoices/invoicespg"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/platform/postgres"
)

// wireInvoices builds the invoices service. It stores invoices in PostgreSQL at
// INVOICES_DATABASE_URL, else DATABASE_URL, after applying its migrations;
// without either it fails in production and keeps invoices in memory
// otherwise. This is where you customise how the service is constructed:
// register readiness checks with a.addReadiness and cleanup with a.onClose.
func wireInvoices(ctx context.Context, a *App, orders orders.Service) (invoices.Service, error) {
	url := cmp.Or(a.getenv("INVOICES_DATABASE_URL"), a.getenv("DATABASE_URL"))
	if url == "" {
		if a.cfg.Env == "production" {
			return nil, errors.New("DATABASE_URL is not set: invoices needs PostgreSQL in production (INVOICES_DATABASE_URL overrides it for invoices alone)")
		}
		a.log.WarnContext(ctx, "DATABASE_URL is not set: invoices are kept in memory and lost on restart")
		return invoices.NewService(invoices.NewMemoryStore(), orders), nil
	}
	pool, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	a.onClose(func() error { pool.Close(); return nil })
	a.addReadiness("invoices-postgres", pool.Ping)
	if err := invoicespg.Migrate(ctx, pool); err != nil {
		return nil, err
	}
	return invoices.NewService(invoicespg.NewStore(pool), orders), nil
}
