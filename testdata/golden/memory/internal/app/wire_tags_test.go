package app

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/shop/internal/tags"
	"example.com/shop/internal/tags/tagstest"
)

func TestWireTags(t *testing.T) {
	a := bareApp(t, map[string]string{"APP_ENV": "production"}, io.Discard)
	svc, err := wireTags(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	checkTagsWork(t, svc)
}

func TestTagsAreMounted(t *testing.T) {
	rec := serve(newTestApp(t, nil), httptest.NewRequest(http.MethodGet, "/v1/tags", nil))
	assertJSON(t, rec, http.StatusOK, `{"items":[]}`)
}

// checkTagsWork creates a tagItem through svc and reads it back.
func checkTagsWork(t *testing.T, svc tags.Service) {
	t.Helper()
	created, err := svc.Create(t.Context(), tagstest.Sample(1))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if _, err := svc.Get(t.Context(), created.ID); err != nil {
		t.Fatalf("Get: %v", err)
	}
}
