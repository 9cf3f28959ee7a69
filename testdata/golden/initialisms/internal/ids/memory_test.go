package ids_test

import (
	"testing"

	"example.com/shop/internal/ids"
	"example.com/shop/internal/ids/idstest"
)

func TestMemoryStore(t *testing.T) {
	idstest.TestStore(t, func(*testing.T) ids.Store { return ids.NewMemoryStore() })
}
