package users

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// MemoryStore is a Store that keeps users in memory, safe for concurrent use:
// the store for local development and the fake for tests. Its users are lost
// when the process ends.
type MemoryStore struct {
	mu   sync.RWMutex
	byID map[uuid.UUID]User
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{byID: make(map[uuid.UUID]User)}
}

var _ Store = (*MemoryStore)(nil)

// List returns up to limit users whose IDs sort after after, sorted by ID.
func (m *MemoryStore) List(_ context.Context, after uuid.UUID, limit int) ([]User, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var items []User
	for id, user := range m.byID {
		if bytes.Compare(id[:], after[:]) > 0 {
			items = append(items, clone(user))
		}
	}
	slices.SortFunc(items, func(a, b User) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	return items[:min(limit, len(items))], nil
}

// Get returns the user id, or ErrNotFound.
func (m *MemoryStore) Get(_ context.Context, id uuid.UUID) (User, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	user, ok := m.byID[id]
	if !ok {
		return User{}, ErrNotFound
	}
	return clone(user), nil
}

// Create stores user, which is new.
func (m *MemoryStore) Create(_ context.Context, user User) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.byID[user.ID]; ok {
		return fmt.Errorf("user %s already exists", user.ID)
	}
	m.byID[user.ID] = clone(user)
	return nil
}

// Update replaces the fields of user id with in if it is at version.
func (m *MemoryStore) Update(_ context.Context, id uuid.UUID, in Input, version int64, now time.Time) (User, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	user, ok := m.byID[id]
	switch {
	case !ok:
		return User{}, ErrNotFound
	case user.Version != version:
		return User{}, ErrConflict
	}
	user.Input = in
	user.UpdatedAt = now
	user.Version++
	m.byID[id] = clone(user)
	return clone(user), nil
}

// Delete removes user id, or returns ErrNotFound.
func (m *MemoryStore) Delete(_ context.Context, id uuid.UUID) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.byID[id]; !ok {
		return ErrNotFound
	}
	delete(m.byID, id)
	return nil
}

// Upsert inserts the items whose IDs are new and replaces the fields and
// UpdatedAt of the others, incrementing their versions, all at once.
func (m *MemoryStore) Upsert(_ context.Context, items []User) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, item := range items {
		stored, ok := m.byID[item.ID]
		if !ok {
			m.byID[item.ID] = clone(item)
			continue
		}
		stored.Input = item.Input
		stored.UpdatedAt = item.UpdatedAt
		stored.Version++
		m.byID[item.ID] = clone(stored)
	}
	return nil
}

// clone returns a copy of user that shares no memory with it, so that callers
// cannot change stored users.
func clone(user User) User {
	return user
}
