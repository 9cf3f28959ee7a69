package usersds_test

import (
	"cmp"
	"os"
	"testing"

	"github.com/google/uuid"

	"example.com/shop/internal/platform/datastore"
	"example.com/shop/internal/users"
	"example.com/shop/internal/users/usersds"
	"example.com/shop/internal/users/userstest"
)

func TestStore(t *testing.T) {
	if os.Getenv("DATASTORE_EMULATOR_HOST") == "" {
		t.Skip("DATASTORE_EMULATOR_HOST not set: skipping the Datastore contract tests")
	}
	client, err := datastore.Open(t.Context(), cmp.Or(os.Getenv("DATASTORE_PROJECT_ID"), "test-project"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	userstest.TestStore(t, func(*testing.T) users.Store {
		return usersds.NewStore(client, "test-"+uuid.NewString())
	})
}
