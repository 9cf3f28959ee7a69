package app

import (
	"cmp"
	"context"
	"errors"

	"example.com/shop/internal/orders"
	"example.com/shop/internal/orders/orderspg"
	"example.com/shop/internal/platform/postgres"
)

// wireOrders builds the orders service. It stores orders in PostgreSQL at
// ORDERS_DATABASE_URL, else DATABASE_URL, after applying its migrations;
// without either it fails in production and keeps orders in memory
// otherwise. This is where you customise how the service is constructed:
// register readiness checks with a.addReadiness and cleanup with a.onClose.
func wireOrders(ctx context.Context, a *App) (orders.Service, error) {
	url := cmp.Or(a.getenv("ORDERS_DATABASE_URL"), a.getenv("DATABASE_URL"))
	if url == "" {
		if a.cfg.Env == "production" {
			return nil, errors.New("DATABASE_URL is not set: orders needs PostgreSQL in production (ORDERS_DATABASE_URL overrides it for orders alone)")
		}
		a.log.WarnContext(ctx, "DATABASE_URL is not set: orders are kept in memory and lost on restart")
		return orders.NewService(orders.NewMemoryStore()), nil
	}
	pool, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	a.onClose(func() error { pool.Close(); return nil })
	a.addReadiness("orders-postgres", pool.Ping)
	if err := orderspg.Migrate(ctx, pool); err != nil {
		return nil, err
	}
	return orders.NewService(orderspg.NewStore(pool)), nil
}
