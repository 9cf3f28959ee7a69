package payments_test

import (
	"testing"

	"example.com/shop/internal/payments"
	"example.com/shop/internal/payments/paymentstest"
)

func TestMemoryStore(t *testing.T) {
	paymentstest.TestStore(t, func(*testing.T) payments.Store { return payments.NewMemoryStore() })
}
