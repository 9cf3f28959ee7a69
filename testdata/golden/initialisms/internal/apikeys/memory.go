package apikeys

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// MemoryStore is a Store that keeps apikeys in memory, safe for concurrent use:
// the store for local development and the fake for tests. Its apikeys are lost
// when the process ends.
type MemoryStore struct {
	mu   sync.RWMutex
	byID map[uuid.UUID]APIKey
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{byID: make(map[uuid.UUID]APIKey)}
}

var _ Store = (*MemoryStore)(nil)

// List returns up to limit apikeys whose IDs sort after after, sorted by ID.
func (m *MemoryStore) List(_ context.Context, after uuid.UUID, limit int) ([]APIKey, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var items []APIKey
	for id, apiKey := range m.byID {
		if bytes.Compare(id[:], after[:]) > 0 {
			items = append(items, clone(apiKey))
		}
	}
	slices.SortFunc(items, func(a, b APIKey) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	return items[:min(limit, len(items))], nil
}

// Get returns the apiKey id, or ErrNotFound.
func (m *MemoryStore) Get(_ context.Context, id uuid.UUID) (APIKey, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	apiKey, ok := m.byID[id]
	if !ok {
		return APIKey{}, ErrNotFound
	}
	return clone(apiKey), nil
}

// Create stores apiKey, which is new.
func (m *MemoryStore) Create(_ context.Context, apiKey APIKey) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.byID[apiKey.ID]; ok {
		return fmt.Errorf("apiKey %s already exists", apiKey.ID)
	}
	m.byID[apiKey.ID] = clone(apiKey)
	return nil
}

// Update replaces the fields of apiKey id with in if it is at version.
func (m *MemoryStore) Update(_ context.Context, id uuid.UUID, in Input, version int64, now time.Time) (APIKey, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	apiKey, ok := m.byID[id]
	switch {
	case !ok:
		return APIKey{}, ErrNotFound
	case apiKey.Version != version:
		return APIKey{}, ErrConflict
	}
	apiKey.Input = in
	apiKey.UpdatedAt = now
	apiKey.Version++
	m.byID[id] = clone(apiKey)
	return clone(apiKey), nil
}

// Delete removes apiKey id, or returns ErrNotFound.
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
func (m *MemoryStore) Upsert(_ context.Context, items []APIKey) error {
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

// clone returns a copy of apiKey that shares no memory with it, so that callers
// cannot change stored apikeys.
func clone(apiKey APIKey) APIKey {
	apiKey.RawJSON = bytes.Clone(apiKey.RawJSON)
	return apiKey
}
