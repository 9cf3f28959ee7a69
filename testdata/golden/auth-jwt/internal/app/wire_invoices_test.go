package app

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/shop/internal/invoices"
	"example.com/shop/internal/invoices/invoicestest"
	"example.com/shop/internal/orders"
)

func TestWireInvoices(t *testing.T) {
	a := bareApp(t, map[string]string{"APP_ENV": "production"}, io.Discard)
	svc, err := wireInvoices(t.Context(), a, orders.NewService(orders.NewMemoryStore()))
	if err != nil {
		t.Fatal(err)
	}
	checkInvoicesWork(t, svc)
}

func TestInvoicesAreMounted(t *testing.T) {
	rec := serve(newTestApp(t, nil), httptest.NewRequest(http.MethodGet, "/v1/invoices", nil))
	// invoices requires a token: mounted, it refuses a request without one.
	assertJSON(t, rec, http.StatusUnauthorized, `{"error":{"code":"unauthenticated","message":"this request needs a bearer token"}}`)
}

// checkInvoicesWork creates a invoice through svc and reads it back.
func checkInvoicesWork(t *testing.T, svc invoices.Service) {
	t.Helper()
	created, err := svc.Create(t.Context(), invoicestest.Sample(1))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if _, err := svc.Get(t.Context(), created.ID); err != nil {
		t.Fatalf("Get: %v", err)
	}
}
