package apikeysds_test

import (
	"cmp"
	"os"
	"testing"

	"github.com/google/uuid"

	"example.com/shop/internal/apikeys"
	"example.com/shop/internal/apikeys/apikeysds"
	"example.com/shop/internal/apikeys/apikeystest"
	"example.com/shop/internal/platform/datastore"
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
	apikeystest.TestStore(t, func(*testing.T) apikeys.Store {
		return apikeysds.NewStore(client, "test-"+uuid.NewString())
	})
}
