package app

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/shop/internal/notes"
	"example.com/shop/internal/notes/notestest"
)

func TestWireNotes(t *testing.T) {
	a := bareApp(t, map[string]string{"APP_ENV": "production"}, io.Discard)
	svc, err := wireNotes(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	checkNotesWork(t, svc)
}

func TestNotesAreMounted(t *testing.T) {
	rec := serve(newTestApp(t, nil), httptest.NewRequest(http.MethodGet, "/v1/notes", nil))
	assertJSON(t, rec, http.StatusOK, `{"items":[]}`)
}

// checkNotesWork creates a note through svc and reads it back.
func checkNotesWork(t *testing.T, svc notes.Service) {
	t.Helper()
	created, err := svc.Create(t.Context(), notestest.Sample(1))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if _, err := svc.Get(t.Context(), created.ID); err != nil {
		t.Fatalf("Get: %v", err)
	}
}
