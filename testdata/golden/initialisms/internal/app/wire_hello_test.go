package app

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestHelloIsMounted(t *testing.T) {
	a := newTestApp(t, nil)
	rec := serve(a, httptest.NewRequest(http.MethodGet, "/v1/hello/world", nil))
	assertJSON(t, rec, http.StatusOK, `{"message":"Hello, world!"}`)
	if rec.Header().Get("X-Request-ID") == "" {
		t.Error("response lacks X-Request-ID")
	}
}
