package orders_test

import (
	"testing"

	"example.com/shop/internal/orders"
	"example.com/shop/internal/orders/orderstest"
)

func TestMemoryStore(t *testing.T) {
	orderstest.TestStore(t, func(*testing.T) orders.Store { return orders.NewMemoryStore() })
}
