package invoices_test

import (
	"testing"

	"example.com/shop/internal/invoices"
	"example.com/shop/internal/invoices/invoicestest"
)

func TestMemoryStore(t *testing.T) {
	invoicestest.TestStore(t, func(*testing.T) invoices.Store { return invoices.NewMemoryStore() })
}
