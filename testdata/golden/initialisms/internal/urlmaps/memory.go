package urlmaps

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// MemoryStore is a Store that keeps urlmaps in memory, safe for concurrent use:
// the store for local development and the fake for tests. Its urlmaps are lost
// when the process ends.
type MemoryStore struct {
	mu   sync.RWMutex
	byID map[uuid.UUID]URLMap
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{byID: make(map[uuid.UUID]URLMap)}
}

var _ Store = (*MemoryStore)(nil)

// List returns up to limit urlmaps whose IDs sort after after, sorted by ID.
func (m *MemoryStore) List(_ context.Context, after uuid.UUID, limit int) ([]URLMap, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var items []URLMap
	for id, urlMap := range m.byID {
		if bytes.Compare(id[:], after[:]) > 0 {
			items = append(items, clone(urlMap))
		}
	}
	slices.SortFunc(items, func(a, b URLMap) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	return items[:min(limit, len(items))], nil
}

// Get returns the urlMap id, or ErrNotFound.
func (m *MemoryStore) Get(_ context.Context, id uuid.UUID) (URLMap, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	urlMap, ok := m.byID[id]
	if !ok {
		return URLMap{}, ErrNotFound
	}
	return clone(urlMap), nil
}

// Create stores urlMap, which is new.
func (m *MemoryStore) Create(_ context.Context, urlMap URLMap) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.byID[urlMap.ID]; ok {
		return fmt.Errorf("urlMap %s already exists", urlMap.ID)
	}
	m.byID[urlMap.ID] = clone(urlMap)
	return nil
}

// Update replaces the fields of urlMap id with in if it is at version.
func (m *MemoryStore) Update(_ context.Context, id uuid.UUID, in Input, version int64, now time.Time) (URLMap, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	urlMap, ok := m.byID[id]
	switch {
	case !ok:
		return URLMap{}, ErrNotFound
	case urlMap.Version != version:
		return URLMap{}, ErrConflict
	}
	urlMap.Input = in
	urlMap.UpdatedAt = now
	urlMap.Version++
	m.byID[id] = clone(urlMap)
	return clone(urlMap), nil
}

// Delete removes urlMap id, or returns ErrNotFound.
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
func (m *MemoryStore) Upsert(_ context.Context, items []URLMap) error {
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

// clone returns a copy of urlMap that shares no memory with it, so that callers
// cannot change stored urlmaps.
func clone(urlMap URLMap) URLMap {
	return urlMap
}
