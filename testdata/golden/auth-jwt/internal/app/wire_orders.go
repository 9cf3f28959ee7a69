package app

import (
	"cmp"
	"context"
	"errors"

	"example.com/shop/internal/orders"
	"example.com/shop/internal/orders/ordersds"
	"example.com/shop/internal/platform/datastore"
)

// wireOrders builds the orders service. It stores orders in the Datastore of the
// Google Cloud project ORDERS_DATASTORE_PROJECT_ID, else DATASTORE_PROJECT_ID
// (the emulator at DATASTORE_EMULATOR_HOST when that is set); without either
// it fails in production and keeps orders in memory otherwise. This is where
// you customise how the service is constructed: register readiness checks
// with a.addReadiness and cleanup with a.onClose.
func wireOrders(ctx context.Context, a *App) (orders.Service, error) {
	projectID := cmp.Or(a.getenv("ORDERS_DATASTORE_PROJECT_ID"), a.getenv("DATASTORE_PROJECT_ID"))
	if projectID == "" {
		if a.cfg.Env == "production" {
			return nil, errors.New("DATASTORE_PROJECT_ID is not set: orders needs Datastore in production (ORDERS_DATASTORE_PROJECT_ID overrides it for orders alone)")
		}
		a.log.WarnContext(ctx, "DATASTORE_PROJECT_ID is not set: orders are kept in memory and lost on restart")
		return orders.NewService(orders.NewMemoryStore()), nil
	}
	client, err := datastore.Open(ctx, projectID)
	if err != nil {
		return nil, err
	}
	a.onClose(client.Close)
	a.addReadiness("orders-datastore", func(ctx context.Context) error { return datastore.Ping(ctx, client) })
	return orders.NewService(ordersds.NewStore(client, "")), nil
}
