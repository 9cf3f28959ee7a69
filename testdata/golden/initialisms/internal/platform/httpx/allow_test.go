package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"

	"example.com/shop/internal/platform/httpx"
)

func TestMethodNotAllowedForListsAllowedMethods(t *testing.T) {
	ok := func(w http.ResponseWriter, r *http.Request) {}
	items := chi.NewRouter()
	items.MethodNotAllowed(httpx.MethodNotAllowedFor(items))
	items.Get("/", ok)
	items.Post("/", ok)
	items.Get("/{id}", ok)
	items.Put("/{id}", ok)
	items.Delete("/{id}", ok)
	root := chi.NewRouter()
	root.NotFound(httpx.NotFound)
	root.MethodNotAllowed(httpx.MethodNotAllowedFor(root))
	root.Get("/healthz", ok)
	root.Mount("/v1/items", items)

	tests := []struct {
		method, path string
		wantAllow    string
	}{
		{http.MethodPost, "/healthz", "GET"},
		{http.MethodDelete, "/v1/items", "GET, POST"},
		{http.MethodPatch, "/v1/items/42", "GET, PUT, DELETE"},
		{http.MethodPost, "/v1/items/a%2Fb", "GET, PUT, DELETE"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			root.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			if rec.Code != http.StatusMethodNotAllowed {
				t.Fatalf("status = %d, want 405", rec.Code)
			}
			if got := rec.Header().Values("Allow"); len(got) != 1 || got[0] != tt.wantAllow {
				t.Errorf("Allow = %q, want %q", got, tt.wantAllow)
			}
			if want := `{"error":{"code":"method_not_allowed","message":"method not allowed"}}` + "\n"; rec.Body.String() != want {
				t.Errorf("body = %q, want %q", rec.Body.String(), want)
			}
		})
	}
}
