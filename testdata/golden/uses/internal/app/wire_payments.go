package app

import (
	"cmp"
	"context"
	"errors"

	"example.com/shop/internal/invoices"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/payments"
	"example.com/shop/internal/payments/paymentsds"
	"example.com/shop/internal/platform/datastore"
)

// wirePayments builds the payments service. It stores payments in the Datastore of the
// Google Cloud project PAYMENTS_DATASTORE_PROJECT_ID, else DATASTORE_PROJECT_ID
// (the emulator at DATASTORE_EMULATOR_HOST when that is set); without either
// it fails in production and keeps payments in memory otherwise. This is where
// you customise how the service is constructed: register readiness checks
// with a.addReadiness and cleanup with a.onClose.
func wirePayments(ctx context.Context, a *App, invoices invoices.Service, orders orders.Service) (payments.Service, error) {
	projectID := cmp.Or(a.getenv("PAYMENTS_DATASTORE_PROJECT_ID"), a.getenv("DATASTORE_PROJECT_ID"))
	if projectID == "" {
		if a.cfg.Env == "production" {
			return nil, errors.New("DATASTORE_PROJECT_ID is not set: payments needs Datastore in production (PAYMENTS_DATASTORE_PROJECT_ID overrides it for payments alone)")
		}
		a.log.WarnContext(ctx, "DATASTORE_PROJECT_ID is not set: payments are kept in memory and lost on restart")
		return payments.NewService(payments.NewMemoryStore(), invoices, orders), nil
	}
	client, err := datastore.Open(ctx, projectID)
	if err != nil {
		return nil, err
	}
	a.onClose(client.Close)
	a.addReadiness("payments-datastore", func(ctx context.Context) error { return datastore.Ping(ctx, client) })
	return payments.NewService(paymentsds.NewStore(client, ""), invoices, orders), nil
}
