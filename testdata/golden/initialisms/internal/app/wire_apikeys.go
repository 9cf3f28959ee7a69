package app

import (
	"cmp"
	"context"
	"errors"

	"example.com/shop/internal/apikeys"
	"example.com/shop/internal/apikeys/apikeysds"
	"example.com/shop/internal/platform/datastore"
)

// wireAPIKeys builds the apikeys service. It stores apikeys in the Datastore of the
// Google Cloud project API_KEYS_DATASTORE_PROJECT_ID, else DATASTORE_PROJECT_ID
// (the emulator at DATASTORE_EMULATOR_HOST when that is set); without either
// it fails in production and keeps apikeys in memory otherwise. This is where
// you customise how the service is constructed: register readiness checks
// with a.addReadiness and cleanup with a.onClose.
func wireAPIKeys(ctx context.Context, a *App) (apikeys.Service, error) {
	projectID := cmp.Or(a.getenv("API_KEYS_DATASTORE_PROJECT_ID"), a.getenv("DATASTORE_PROJECT_ID"))
	if projectID == "" {
		if a.cfg.Env == "production" {
			return nil, errors.New("DATASTORE_PROJECT_ID is not set: apikeys needs Datastore in production (API_KEYS_DATASTORE_PROJECT_ID overrides it for apikeys alone)")
		}
		a.log.WarnContext(ctx, "DATASTORE_PROJECT_ID is not set: apikeys are kept in memory and lost on restart")
		return apikeys.NewService(apikeys.NewMemoryStore()), nil
	}
	client, err := datastore.Open(ctx, projectID)
	if err != nil {
		return nil, err
	}
	a.onClose(client.Close)
	a.addReadiness("api-keys-datastore", func(ctx context.Context) error { return datastore.Ping(ctx, client) })
	return apikeys.NewService(apikeysds.NewStore(client, "")), nil
}
