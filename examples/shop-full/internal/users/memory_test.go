package users_test

import (
	"testing"

	"example.com/shop/internal/users"
	"example.com/shop/internal/users/userstest"
)

func TestMemoryStore(t *testing.T) {
	userstest.TestStore(t, func(*testing.T) users.Store { return users.NewMemoryStore() })
}
