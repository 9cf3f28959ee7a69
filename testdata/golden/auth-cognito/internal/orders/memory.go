package orders

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// MemoryStore is a Store that keeps orders in memory, safe for concurrent use:
// the store for local development and the fake for tests. Its orders are lost
// when the process ends.
type MemoryStore struct {
	mu   sync.RWMutex
	byID map[uuid.UUID]Order
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{byID: make(map[uuid.UUID]Order)}
}

var _ Store = (*MemoryStore)(nil)

// List returns up to limit orders whose IDs sort after after, sorted by ID.
func (m *MemoryStore) List(_ context.Context, after uuid.UUID, limit int) ([]Order, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var items []Order
	for id, order := range m.byID {
		if bytes.Compare(id[:], after[:]) > 0 {
			items = append(items, clone(order))
		}
	}
	slices.SortFunc(items, func(a, b Order) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	return items[:min(limit, len(items))], nil
}

// Get returns the order id, or ErrNotFound.
func (m *MemoryStore) Get(_ context.Context, id uuid.UUID) (Order, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	order, ok := m.byID[id]
	if !ok {
		return Order{}, ErrNotFound
	}
	return clone(order), nil
}

// Create stores order, which is new.
func (m *MemoryStore) Create(_ context.Context, order Order) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.byID[order.ID]; ok {
		return fmt.Errorf("order %s already exists", order.ID)
	}
	m.byID[order.ID] = clone(order)
	return nil
}

// Update replaces the fields of order id with in if it is at version.
func (m *MemoryStore) Update(_ context.Context, id uuid.UUID, in Input, version int64, now time.Time) (Order, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	order, ok := m.byID[id]
	switch {
	case !ok:
		return Order{}, ErrNotFound
	case order.Version != version:
		return Order{}, ErrConflict
	}
	order.Input = in
	order.UpdatedAt = now
	order.Version++
	m.byID[id] = clone(order)
	return clone(order), nil
}

// Delete removes order id, or returns ErrNotFound.
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
func (m *MemoryStore) Upsert(_ context.Context, items []Order) error {
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

// clone returns a copy of order that shares no memory with it, so that callers
// cannot change stored orders.
func clone(order Order) Order {
	return order
}
