// Package datastore opens Cloud Datastore clients and checks that Datastore
// answers. It knows nothing of any service.
package datastore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cloud.google.com/go/datastore"
)

// pingTimeout bounds the check that Open makes before it returns.
const pingTimeout = 10 * time.Second

// Open returns a client for the Google Cloud project projectID after checking
// that Datastore answers, so that a wrong project or missing credentials stop
// the binary at startup. When the process environment has
// DATASTORE_EMULATOR_HOST, the client talks to that emulator instead.
func Open(ctx context.Context, projectID string) (*datastore.Client, error) {
	client, err := datastore.NewClient(ctx, projectID)
	if err != nil {
		return nil, fmt.Errorf("open datastore client for project %q: %w", projectID, err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	if err := Ping(pingCtx, client); err != nil {
		return nil, errors.Join(fmt.Errorf("datastore of project %q: %w", projectID, err), client.Close())
	}
	return client, nil
}

// Ping reads an entity that does not exist, to check that Datastore answers;
// it costs one read.
func Ping(ctx context.Context, client *datastore.Client) error {
	var props datastore.PropertyList
	err := client.Get(ctx, datastore.NameKey("ReadinessCheck", "ping", nil), &props)
	if err != nil && !errors.Is(err, datastore.ErrNoSuchEntity) {
		return fmt.Errorf("ping datastore: %w", err)
	}
	return nil
}
