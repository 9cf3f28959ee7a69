package app

import (
	"context"

	"example.com/shop/internal/notes"
)

// wireNotes builds the notes service on its in-memory store, so notes are
// lost on restart. This is where you customise how the service is
// constructed: register readiness checks with a.addReadiness and cleanup
// with a.onClose.
func wireNotes(ctx context.Context, a *App) (notes.Service, error) {
	return notes.NewService(notes.NewMemoryStore()), nil
}
