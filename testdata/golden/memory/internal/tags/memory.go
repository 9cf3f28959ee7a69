package tags

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// MemoryStore is a Store that keeps tags in memory, safe for concurrent use:
// the store for local development and the fake for tests. Its tags are lost
// when the process ends.
type MemoryStore struct {
	mu   sync.RWMutex
	byID map[uuid.UUID]Tag
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{byID: make(map[uuid.UUID]Tag)}
}

var _ Store = (*MemoryStore)(nil)

// List returns up to limit tags whose IDs sort after after, sorted by ID.
func (m *MemoryStore) List(_ context.Context, after uuid.UUID, limit int) ([]Tag, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var items []Tag
	for id, tagItem := range m.byID {
		if bytes.Compare(id[:], after[:]) > 0 {
			items = append(items, clone(tagItem))
		}
	}
	slices.SortFunc(items, func(a, b Tag) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	return items[:min(limit, len(items))], nil
}

// Get returns the tagItem id, or ErrNotFound.
func (m *MemoryStore) Get(_ context.Context, id uuid.UUID) (Tag, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	tagItem, ok := m.byID[id]
	if !ok {
		return Tag{}, ErrNotFound
	}
	return clone(tagItem), nil
}

// Create stores tagItem, which is new.
func (m *MemoryStore) Create(_ context.Context, tagItem Tag) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.byID[tagItem.ID]; ok {
		return fmt.Errorf("tag %s already exists", tagItem.ID)
	}
	m.byID[tagItem.ID] = clone(tagItem)
	return nil
}

// Update replaces the fields of tagItem id with in if it is at version.
func (m *MemoryStore) Update(_ context.Context, id uuid.UUID, in Input, version int64, now time.Time) (Tag, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	tagItem, ok := m.byID[id]
	switch {
	case !ok:
		return Tag{}, ErrNotFound
	case tagItem.Version != version:
		return Tag{}, ErrConflict
	}
	tagItem.Input = in
	tagItem.UpdatedAt = now
	tagItem.Version++
	m.byID[id] = clone(tagItem)
	return clone(tagItem), nil
}

// Delete removes tagItem id, or returns ErrNotFound.
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
func (m *MemoryStore) Upsert(_ context.Context, items []Tag) error {
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

// clone returns a copy of tagItem that shares no memory with it, so that callers
// cannot change stored tags.
func clone(tagItem Tag) Tag {
	return tagItem
}
