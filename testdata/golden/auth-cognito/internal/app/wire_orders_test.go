package app

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"example.com/shop/internal/orders"
	"example.com/shop/internal/orders/orderstest"
	"example.com/shop/internal/platform/postgres/postgrestest"
)

func TestWireOrders(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string // "" means the service must work
		wantLog string
	}{
		{"production without a database", map[string]string{"APP_ENV": "production"}, "DATABASE_URL is not set", ""},
		{"development without a database", map[string]string{"APP_ENV": "development"}, "", "orders are kept in memory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			svc, err := wireOrders(t.Context(), bareApp(t, tt.env, &logs))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(logs.String(), tt.wantLog) {
				t.Errorf("logs %q lack %q", logs.String(), tt.wantLog)
			}
			checkOrdersWork(t, svc)
		})
	}

	t.Run("postgres, ORDERS_DATABASE_URL first", func(t *testing.T) {
		databaseURL := os.Getenv("DATABASE_URL")
		if databaseURL == "" {
			t.Skip("DATABASE_URL not set: skipping wiring orders to Postgres")
		}
		a := bareApp(t, map[string]string{
			"APP_ENV":             "production",
			"DATABASE_URL":        "postgres://nobody@127.0.0.1:1/unused",
			"ORDERS_DATABASE_URL": postgrestest.Schema(t, databaseURL),
		}, io.Discard)
		svc, err := wireOrders(t.Context(), a)
		if err != nil {
			t.Fatal(err)
		}
		checkReadiness(t, a, "orders-postgres")
		checkOrdersWork(t, svc)
	})
}

func TestOrdersAreMounted(t *testing.T) {
	rec := serve(newTestApp(t, nil), httptest.NewRequest(http.MethodGet, "/v1/orders", nil))
	assertJSON(t, rec, http.StatusOK, `{"items":[]}`)
}

// checkOrdersWork creates an order through svc and reads it back.
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
