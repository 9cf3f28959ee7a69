package payments

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// MemoryStore is a Store that keeps payments in memory, safe for concurrent use:
// the store for local development and the fake for tests. Its payments are lost
// when the process ends.
type MemoryStore struct {
	mu   sync.RWMutex
	byID map[uuid.UUID]Payment
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{byID: make(map[uuid.UUID]Payment)}
}

var _ Store = (*MemoryStore)(nil)

// List returns up to limit payments whose IDs sort after after, sorted by ID.
func (m *MemoryStore) List(_ context.Context, after uuid.UUID, limit int) ([]Payment, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var items []Payment
	for id, payment := range m.byID {
		if bytes.Compare(id[:], after[:]) > 0 {
			items = append(items, clone(payment))
		}
	}
	slices.SortFunc(items, func(a, b Payment) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	return items[:min(limit, len(items))], nil
}

// Get returns the payment id, or ErrNotFound.
func (m *MemoryStore) Get(_ context.Context, id uuid.UUID) (Payment, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	payment, ok := m.byID[id]
	if !ok {
		return Payment{}, ErrNotFound
	}
	return clone(payment), nil
}

// Create stores payment, which is new.
func (m *MemoryStore) Create(_ context.Context, payment Payment) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.byID[payment.ID]; ok {
		return fmt.Errorf("payment %s already exists", payment.ID)
	}
	m.byID[payment.ID] = clone(payment)
	return nil
}

// Update replaces the fields of payment id with in if it is at version.
func (m *MemoryStore) Update(_ context.Context, id uuid.UUID, in Input, version int64, now time.Time) (Payment, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	payment, ok := m.byID[id]
	switch {
	case !ok:
		return Payment{}, ErrNotFound
	case payment.Version != version:
		return Payment{}, ErrConflict
	}
	payment.Input = in
	payment.UpdatedAt = now
	payment.Version++
	m.byID[id] = clone(payment)
	return clone(payment), nil
}

// Delete removes payment id, or returns ErrNotFound.
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
func (m *MemoryStore) Upsert(_ context.Context, items []Payment) error {
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

// clone returns a copy of payment that shares no memory with it, so that callers
// cannot change stored payments.
func clone(payment Payment) Payment {
	return payment
}
