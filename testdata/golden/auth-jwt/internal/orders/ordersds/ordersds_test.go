package ordersds_test

import (
	"cmp"
	"os"
	"testing"

	"github.com/google/uuid"

	"example.com/shop/internal/orders"
	"example.com/shop/internal/orders/ordersds"
	"example.com/shop/internal/orders/orderstest"
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
	orderstest.TestStore(t, func(*testing.T) orders.Store {
		return ordersds.NewStore(client, "test-"+uuid.NewString())
	})
}
