package app

import (
	"bytes"
	"crypto/rand"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"example.com/shop/internal/apikeys"
	"example.com/shop/internal/apikeys/apikeystest"
)

func TestWireAPIKeys(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string // "" means the service must work
		wantLog string
	}{
		{"production without a project", map[string]string{"APP_ENV": "production"}, "DATASTORE_PROJECT_ID is not set", ""},
		{"development without a project", map[string]string{"APP_ENV": "development"}, "", "apikeys are kept in memory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			svc, err := wireAPIKeys(t.Context(), bareApp(t, tt.env, &logs))
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
			checkAPIKeysWork(t, svc)
		})
	}

	t.Run("datastore emulator, API_KEYS_DATASTORE_PROJECT_ID", func(t *testing.T) {
		if os.Getenv("DATASTORE_EMULATOR_HOST") == "" {
			t.Skip("DATASTORE_EMULATOR_HOST not set: skipping wiring apikeys to the Datastore emulator")
		}
		a := bareApp(t, map[string]string{
			"APP_ENV":                       "production",
			"API_KEYS_DATASTORE_PROJECT_ID": "test-" + strings.ToLower(rand.Text()), // a project of its own keeps tests apart
		}, io.Discard)
		svc, err := wireAPIKeys(t.Context(), a)
		if err != nil {
			t.Fatal(err)
		}
		checkReadiness(t, a, "api-keys-datastore")
		checkAPIKeysWork(t, svc)
	})
}

func TestAPIKeysAreMounted(t *testing.T) {
	rec := serve(newTestApp(t, nil), httptest.NewRequest(http.MethodGet, "/v1/api-keys", nil))
	assertJSON(t, rec, http.StatusOK, `{"items":[]}`)
}

// checkAPIKeysWork creates a apiKey through svc and reads it back.
func checkAPIKeysWork(t *testing.T, svc apikeys.Service) {
	t.Helper()
	created, err := svc.Create(t.Context(), apikeystest.Sample(1))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if _, err := svc.Get(t.Context(), created.ID); err != nil {
		t.Fatalf("Get: %v", err)
	}
}
