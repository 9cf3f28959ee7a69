package app

import (
	"context"

	"example.com/shop/internal/tags"
)

// wireTags builds the tags service on its in-memory store, so tags are
// lost on restart. This is where you customise how the service is
// constructed: register readiness checks with a.addReadiness and cleanup
// with a.onClose.
func wireTags(ctx context.Context, a *App) (tags.Service, error) {
	return tags.NewService(tags.NewMemoryStore()), nil
}
