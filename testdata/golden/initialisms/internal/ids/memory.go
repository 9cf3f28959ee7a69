package ids

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// MemoryStore is a Store that keeps ids in memory, safe for concurrent use:
// the store for local development and the fake for tests. Its ids are lost
// when the process ends.
type MemoryStore struct {
	mu   sync.RWMutex
	byID map[uuid.UUID]ID
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{byID: make(map[uuid.UUID]ID)}
}

var _ Store = (*MemoryStore)(nil)

// List returns up to limit ids whose IDs sort after after, sorted by ID.
func (m *MemoryStore) List(_ context.Context, after uuid.UUID, limit int) ([]ID, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var items []ID
	for id, idItem := range m.byID {
		if bytes.Compare(id[:], after[:]) > 0 {
			items = append(items, clone(idItem))
		}
	}
	slices.SortFunc(items, func(a, b ID) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	return items[:min(limit, len(items))], nil
}

// Get returns the idItem id, or ErrNotFound.
func (m *MemoryStore) Get(_ context.Context, id uuid.UUID) (ID, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	idItem, ok := m.byID[id]
	if !ok {
		return ID{}, ErrNotFound
	}
	return clone(idItem), nil
}

// Create stores idItem, which is new.
func (m *MemoryStore) Create(_ context.Context, idItem ID) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.byID[idItem.ID]; ok {
		return fmt.Errorf("id %s already exists", idItem.ID)
	}
	m.byID[idItem.ID] = clone(idItem)
	return nil
}

// Update replaces the fields of idItem id with in if it is at version.
func (m *MemoryStore) Update(_ context.Context, id uuid.UUID, in Input, version int64, now time.Time) (ID, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	idItem, ok := m.byID[id]
	switch {
	case !ok:
		return ID{}, ErrNotFound
	case idItem.Version != version:
		return ID{}, ErrConflict
	}
	idItem.Input = in
	idItem.UpdatedAt = now
	idItem.Version++
	m.byID[id] = clone(idItem)
	return clone(idItem), nil
}

// Delete removes idItem id, or returns ErrNotFound.
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
func (m *MemoryStore) Upsert(_ context.Context, items []ID) error {
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

// clone returns a copy of idItem that shares no memory with it, so that callers
// cannot change stored ids.
func clone(idItem ID) ID {
	return idItem
}
