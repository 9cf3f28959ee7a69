package tags_test

import (
	"testing"

	"example.com/shop/internal/tags"
	"example.com/shop/internal/tags/tagstest"
)

func TestMemoryStore(t *testing.T) {
	tagstest.TestStore(t, func(*testing.T) tags.Store { return tags.NewMemoryStore() })
}
