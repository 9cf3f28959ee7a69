package app

import (
	"errors"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"

	"example.com/shop/internal/invoices"
	"example.com/shop/internal/invoices/invoicestest"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/orders/ordershttp"
	"example.com/shop/internal/orders/orderstest"
)

// TestInvoicesCheckOrderID checks that invoices.Create accepts the ID of an
// existing order as order_id and refuses an unknown one, with orders
// in-process and served over HTTP to the ordershttp.Client: moving
// orders into its own deployment changes nothing that invoices can see.
func TestInvoicesCheckOrderID(t *testing.T) {
	tests := []struct {
		name   string
		remote bool
	}{
		{"in-process", false},
		{"over HTTP", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := t.Context()
			ordersSvc := orders.NewService(orders.NewMemoryStore())
			var dep orders.Service = ordersSvc
			if tt.remote {
				r := chi.NewRouter()
				r.Mount("/v1/orders", ordershttp.Routes(ordersSvc, slog.New(slog.DiscardHandler)))
				srv := httptest.NewServer(r)
				t.Cleanup(srv.Close)
				dep = ordershttp.NewClient(srv.URL, srv.Client())
			}
			svc := invoices.NewService(invoices.NewMemoryStore(), dep)

			order, err := ordersSvc.Create(ctx, orderstest.Sample(1))
			if err != nil {
				t.Fatalf("create order: %v", err)
			}
			in := invoicestest.Sample(1)
			in.OrderID = order.ID
			if _, err := svc.Create(ctx, in); err != nil {
				t.Fatalf("Create with an existing order_id: %v", err)
			}

			in.OrderID = uuid.Must(uuid.NewV7())
			_, err = svc.Create(ctx, in)
			var invalid *invoices.ValidationError
			if !errors.As(err, &invalid) || invalid.Field != "order_id" {
				t.Fatalf("Create with an unknown order_id: err = %v, want a *ValidationError for order_id", err)
			}
		})
	}
}
