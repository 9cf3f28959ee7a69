package app

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/shop/internal/apikeys"
	"example.com/shop/internal/ids"
	"example.com/shop/internal/urlmaps"
	"example.com/shop/internal/urlmaps/urlmapstest"
)

func TestWireURLMaps(t *testing.T) {
	a := bareApp(t, map[string]string{"APP_ENV": "production"}, io.Discard)
	svc, err := wireURLMaps(t.Context(), a, ids.NewService(ids.NewMemoryStore(), apikeys.NewService(apikeys.NewMemoryStore())), apikeys.NewService(apikeys.NewMemoryStore()))
	if err != nil {
		t.Fatal(err)
	}
	checkURLMapsWork(t, svc)
}

func TestURLMapsAreMounted(t *testing.T) {
	rec := serve(newTestApp(t, nil), httptest.NewRequest(http.MethodGet, "/v1/url-maps", nil))
	assertJSON(t, rec, http.StatusOK, `{"items":[]}`)
}

// checkURLMapsWork creates a urlMap through svc and reads it back.
func checkURLMapsWork(t *testing.T, svc urlmaps.Service) {
	t.Helper()
	created, err := svc.Create(t.Context(), urlmapstest.Sample(1))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if _, err := svc.Get(t.Context(), created.ID); err != nil {
		t.Fatalf("Get: %v", err)
	}
}
