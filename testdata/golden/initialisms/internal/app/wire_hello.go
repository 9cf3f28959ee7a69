package app

import (
	"context"

	"example.com/shop/internal/hello"
)

// wireHello builds the hello service. This is where you customise how it is
// constructed: give it stores, clients or settings from a.cfg, register
// readiness checks with a.addReadiness and cleanup with a.onClose.
func wireHello(ctx context.Context, a *App) (hello.Service, error) {
	return hello.New(), nil
}
