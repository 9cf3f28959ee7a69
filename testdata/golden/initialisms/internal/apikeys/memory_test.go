package apikeys_test

import (
	"testing"

	"example.com/shop/internal/apikeys"
	"example.com/shop/internal/apikeys/apikeystest"
)

func TestMemoryStore(t *testing.T) {
	apikeystest.TestStore(t, func(*testing.T) apikeys.Store { return apikeys.NewMemoryStore() })
}
