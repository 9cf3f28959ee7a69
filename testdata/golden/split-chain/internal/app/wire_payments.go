package app

import (
	"cmp"
	"context"
	"errors"

	"example.com/shop/internal/invoices"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/payments"
	"example.com/shop/internal/payments/paymentspg"
	"example.com/shop/internal/platform/postgres"
)

// wirePayments builds the payments service. It stores payments in PostgreSQL at
// PAYMENTS_DATABASE_URL, else DATABASE_URL, after applying its migrations;
// without either it fails in production and keeps payments in memory
// otherwise. This is where you customise how the service is constructed:
// register readiness checks with a.addReadiness and cleanup with a.onClose.
func wirePayments(ctx context.Context, a *App, invoices invoices.Service, orders orders.Service) (payments.Service, error) {
	url := cmp.Or(a.getenv("PAYMENTS_DATABASE_URL"), a.getenv("DATABASE_URL"))
	if url == "" {
		if a.cfg.Env == "production" {
			return nil, errors.New("DATABASE_URL is not set: payments needs PostgreSQL in production (PAYMENTS_DATABASE_URL overrides it for payments alone)")
		}
		a.log.WarnContext(ctx, "DATABASE_URL is not set: payments are kept in memory and lost on restart")
		return payments.NewService(payments.NewMemoryStore(), invoices, orders), nil
	}
	pool, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	a.onClose(func() error { pool.Close(); return nil })
	a.addReadiness("payments-postgres", pool.Ping)
	if err := paymentspg.Migrate(ctx, pool); err != nil {
		return nil, err
	}
	return payments.NewService(paymentspg.NewStore(pool), invoices, orders), nil
}
