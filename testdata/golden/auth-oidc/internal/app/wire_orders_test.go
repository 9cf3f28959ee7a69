package app

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/shop/internal/orders"
	"example.com/shop/internal/orders/orderstest"
)

func TestWireOrders(t *testing.T) {
	a := bareApp(t, map[string]string{"APP_ENV": "production"}, io.Discard)
	svc, err := wireOrders(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	checkOrdersWork(t, svc)
}

func TestOrdersAreMounted(t *testing.T) {
	rec := serve(newTestApp(t, nil), httptest.NewRequest(http.MethodGet, "/v1/orders", nil))
	// orders requires a token: mounted, it refuses a request without one.
	assertJSON(t, rec, http.StatusUnauthorized, `{"error":{"code":"unauthenticated","message":"this request needs a bearer token"}}`)
}

// checkOrdersWork creates a order through svc and reads it back.
func checkOrdersWork(t *testing.T, svc orders.Service) {
	t.Helper()
	created, err := svc.Create(t.Context(), orderstest.Sample(1))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if _, err := svc.Get(t.Context(), created.ID); err != nil {
		t.Fatalf("Get: %v", err)
	}
}
