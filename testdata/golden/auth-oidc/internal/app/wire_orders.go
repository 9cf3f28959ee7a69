package app

import (
	"context"

	"example.com/shop/internal/orders"
)

// wireOrders builds the orders service on its in-memory store, so orders are
// lost on restart. This is where you customise how the service is
// constructed: register readiness checks with a.addReadiness and cleanup
// with a.onClose.
func wireOrders(ctx context.Context, a *App) (orders.Service, error) {
	return orders.NewService(orders.NewMemoryStore()), nil
}
