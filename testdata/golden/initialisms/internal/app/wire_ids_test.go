package app

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"example.com/shop/internal/apikeys"
	"example.com/shop/internal/ids"
	"example.com/shop/internal/ids/idstest"
	"example.com/shop/internal/platform/postgres/postgrestest"
)

func TestWireIDs(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string // "" means the service must work
		wantLog string
	}{
		{"production without a database", map[string]string{"APP_ENV": "production"}, "DATABASE_URL is not set", ""},
		{"development without a database", map[string]string{"APP_ENV": "development"}, "", "ids are kept in memory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			svc, err := wireIDs(t.Context(), bareApp(t, tt.env, &logs), apikeys.NewService(apikeys.NewMemoryStore()))
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
			checkIDsWork(t, svc)
		})
	}

	t.Run("postgres, IDS_DATABASE_URL first", func(t *testing.T) {
		databaseURL := os.Getenv("DATABASE_URL")
		if databaseURL == "" {
			t.Skip("DATABASE_URL not set: skipping wiring ids to Postgres")
		}
		a := bareApp(t, map[string]string{
			"APP_ENV":          "production",
			"DATABASE_URL":     "postgres://nobody@127.0.0.1:1/unused",
			"IDS_DATABASE_URL": postgrestest.Schema(t, databaseURL),
		}, io.Discard)
		svc, err := wireIDs(t.Context(), a, apikeys.NewService(apikeys.NewMemoryStore()))
		if err != nil {
			t.Fatal(err)
		}
		checkReadiness(t, a, "ids-postgres")
		checkIDsWork(t, svc)
	})
}

func TestIDsAreMounted(t *testing.T) {
	rec := serve(newTestApp(t, nil), httptest.NewRequest(http.MethodGet, "/v1/ids", nil))
	assertJSON(t, rec, http.StatusOK, `{"items":[]}`)
}

// checkIDsWork creates an idItem through svc and reads it back.
func checkIDsWork(t *testing.T, svc ids.Service) {
	t.Helper()
	created, err := svc.Create(t.Context(), idstest.Sample(1))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if _, err := svc.Get(t.Context(), created.ID); err != nil {
		t.Fatalf("Get: %v", err)
	}
}
