package datastore_test

import (
	"cmp"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/shop/internal/platform/datastore"
)

func TestOpenAndPing(t *testing.T) {
	if os.Getenv("DATASTORE_EMULATOR_HOST") == "" {
		t.Skip("DATASTORE_EMULATOR_HOST not set: skipping the Datastore tests")
	}
	client, err := datastore.Open(t.Context(), cmp.Or(os.Getenv("DATASTORE_PROJECT_ID"), "test-project"))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	if err := datastore.Ping(t.Context(), client); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestOpenFailsWhenDatastoreDoesNotAnswer(t *testing.T) {
	t.Setenv("DATASTORE_EMULATOR_HOST", "127.0.0.1:1")
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	client, err := datastore.Open(ctx, "test-project")
	if err == nil {
		client.Close()
		t.Fatal("want an error")
	}
	if !strings.Contains(err.Error(), `project "test-project"`) {
		t.Errorf("error %q does not name the project", err)
	}
}
