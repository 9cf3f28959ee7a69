package app

import (
	"cmp"
	"context"
	"errors"

	"example.com/shop/internal/platform/datastore"
	"example.com/shop/internal/users"
	"example.com/shop/internal/users/usersds"
)

// wireUsers builds the users service. It stores users in the Datastore of the
// Google Cloud project USERS_DATASTORE_PROJECT_ID, else DATASTORE_PROJECT_ID
// (the emulator at DATASTORE_EMULATOR_HOST when that is set); without either
// it fails in production and keeps users in memory otherwise. This is where
// you customise how the service is constructed: register readiness checks
// with a.addReadiness and cleanup with a.onClose.
func wireUsers(ctx context.Context, a *App) (users.Service, error) {
	projectID := cmp.Or(a.getenv("USERS_DATASTORE_PROJECT_ID"), a.getenv("DATASTORE_PROJECT_ID"))
	if projectID == "" {
		if a.cfg.Env == "production" {
			return nil, errors.New("DATASTORE_PROJECT_ID is not set: users needs Datastore in production (USERS_DATASTORE_PROJECT_ID overrides it for users alone)")
		}
		a.log.WarnContext(ctx, "DATASTORE_PROJECT_ID is not set: users are kept in memory and lost on restart")
		return users.NewService(users.NewMemoryStore()), nil
	}
	client, err := datastore.Open(ctx, projectID)
	if err != nil {
		return nil, err
	}
	a.onClose(client.Close)
	a.addReadiness("users-datastore", func(ctx context.Context) error { return datastore.Ping(ctx, client) })
	return users.NewService(usersds.NewStore(client, "")), nil
}
