package urlmaps_test

import (
	"testing"

	"example.com/shop/internal/urlmaps"
	"example.com/shop/internal/urlmaps/urlmapstest"
)

func TestMemoryStore(t *testing.T) {
	urlmapstest.TestStore(t, func(*testing.T) urlmaps.Store { return urlmaps.NewMemoryStore() })
}
