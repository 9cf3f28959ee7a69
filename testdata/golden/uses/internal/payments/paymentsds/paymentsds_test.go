package paymentsds_test

import (
	"cmp"
	"os"
	"testing"

	"github.com/google/uuid"

	"example.com/shop/internal/payments"
	"example.com/shop/internal/payments/paymentsds"
	"example.com/shop/internal/payments/paymentstest"
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
	paymentstest.TestStore(t, func(*testing.T) payments.Store {
		return paymentsds.NewStore(client, "test-"+uuid.NewString())
	})
}
