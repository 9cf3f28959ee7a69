package app

import (
	"context"

	"example.com/shop/internal/invoices"
	"example.com/shop/internal/orders"
)

// wireInvoices builds the invoices service on its in-memory store, so invoices are
// lost on restart. This is where you customise how the service is
// constructed: register readiness checks with a.addReadiness and cleanup
// with a.onClose.
func wireInvoices(ctx context.Context, a *App, orders orders.Service) (invoices.Service, error) {
	return invoices.NewService(invoices.NewMemoryStore(), orders), nil
}
