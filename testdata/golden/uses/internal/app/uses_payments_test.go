package app

import (
	"errors"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"

	"example.com/shop/internal/invoices"
	"example.com/shop/internal/invoices/invoiceshttp"
	"example.com/shop/internal/invoices/invoicestest"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/orders/ordershttp"
	"example.com/shop/internal/orders/orderstest"
	"example.com/shop/internal/payments"
	"example.com/shop/internal/payments/paymentstest"
)

// TestPaymentsCheckInvoiceID checks that payments.Create accepts the ID of an
// existing invoice as invoice_id and refuses an unknown one, with invoices
// in-process and served over HTTP to the invoiceshttp.Client: moving
// invoices into its own deployment changes nothing that payments can see.
func TestPaymentsCheckInvoiceID(t *testing.T) {
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
			invoicesSvc := invoices.NewService(invoices.NewMemoryStore(), orders.NewService(orders.NewMemoryStore()))
			var dep invoices.Service = invoicesSvc
			if tt.remote {
				r := chi.NewRouter()
				r.Mount("/v1/invoices", invoiceshttp.Routes(invoicesSvc, slog.New(slog.DiscardHandler)))
				srv := httptest.NewServer(r)
				t.Cleanup(srv.Close)
				dep = invoiceshttp.NewClient(srv.URL, srv.Client())
			}
			svc := payments.NewService(payments.NewMemoryStore(), dep, orders.NewService(orders.NewMemoryStore()))

			invoice, err := invoicesSvc.Create(ctx, invoicestest.Sample(1))
			if err != nil {
				t.Fatalf("create invoice: %v", err)
			}
			in := paymentstest.Sample(1)
			in.InvoiceID = invoice.ID
			if _, err := svc.Create(ctx, in); err != nil {
				t.Fatalf("Create with an existing invoice_id: %v", err)
			}

			in.InvoiceID = uuid.Must(uuid.NewV7())
			_, err = svc.Create(ctx, in)
			var invalid *payments.ValidationError
			if !errors.As(err, &invalid) || invalid.Field != "invoice_id" {
				t.Fatalf("Create with an unknown invoice_id: err = %v, want a *ValidationError for invoice_id", err)
			}
		})
	}
}

// TestPaymentsCheckOrderID checks that payments.Create accepts the ID of an
// existing order as order_id and refuses an unknown one, with orders
// in-process and served over HTTP to the ordershttp.Client: moving
// orders into its own deployment changes nothing that payments can see.
func TestPaymentsCheckOrderID(t *testing.T) {
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
			svc := payments.NewService(payments.NewMemoryStore(), invoices.NewService(invoices.NewMemoryStore(), orders.NewService(orders.NewMemoryStore())), dep)

			order, err := ordersSvc.Create(ctx, orderstest.Sample(1))
			if err != nil {
				t.Fatalf("create order: %v", err)
			}
			in := paymentstest.Sample(1)
			in.OrderID = order.ID
			if _, err := svc.Create(ctx, in); err != nil {
				t.Fatalf("Create with an existing order_id: %v", err)
			}

			in.OrderID = uuid.Must(uuid.NewV7())
			_, err = svc.Create(ctx, in)
			var invalid *payments.ValidationError
			if !errors.As(err, &invalid) || invalid.Field != "order_id" {
				t.Fatalf("Create with an unknown order_id: err = %v, want a *ValidationError for order_id", err)
			}
		})
	}
}
