package app

import (
	"context"

	"example.com/shop/internal/apikeys"
	"example.com/shop/internal/ids"
	"example.com/shop/internal/urlmaps"
)

// wireURLMaps builds the urlmaps service on its in-memory store, so urlmaps are
// lost on restart. This is where you customise how the service is
// constructed: register readiness checks with a.addReadiness and cleanup
// with a.onClose.
func wireURLMaps(ctx context.Context, a *App, ids ids.Service, apiKeys apikeys.Service) (urlmaps.Service, error) {
	return urlmaps.NewService(urlmaps.NewMemoryStore(), ids, apiKeys), nil
}
