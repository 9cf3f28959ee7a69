package invoices

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// MemoryStore is a Store that keeps invoices in memory, safe for concurrent use:
// the store for local development and the fake for tests. Its invoices are lost
// when the process ends.
type MemoryStore struct {
	mu   sync.RWMutex
	byID map[uuid.UUID]Invoice
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{byID: make(map[uuid.UUID]Invoice)}
}

var _ Store = (*MemoryStore)(nil)

// List returns up to limit invoices whose IDs sort after after, sorted by ID.
func (m *MemoryStore) List(_ context.Context, after uuid.UUID, limit int) ([]Invoice, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var items []Invoice
	for id, invoice := range m.byID {
		if bytes.Compare(id[:], after[:]) > 0 {
			items = append(items, clone(invoice))
		}
	}
	slices.SortFunc(items, func(a, b Invoice) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	return items[:min(limit, len(items))], nil
}

// Get returns the invoice id, or ErrNotFound.
func (m *MemoryStore) Get(_ context.Context, id uuid.UUID) (Invoice, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	invoice, ok := m.byID[id]
	if !ok {
		return Invoice{}, ErrNotFound
	}
	return clone(invoice), nil
}

// Create stores invoice, which is new.
func (m *MemoryStore) Create(_ context.Context, invoice Invoice) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.byID[invoice.ID]; ok {
		return fmt.Errorf("invoice %s already exists", invoice.ID)
	}
	m.byID[invoice.ID] = clone(invoice)
	return nil
}

// Update replaces the fields of invoice id with in if it is at version.
func (m *MemoryStore) Update(_ context.Context, id uuid.UUID, in Input, version int64, now time.Time) (Invoice, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	invoice, ok := m.byID[id]
	switch {
	case !ok:
		return Invoice{}, ErrNotFound
	case invoice.Version != version:
		return Invoice{}, ErrConflict
	}
	invoice.Input = in
	invoice.UpdatedAt = now
	invoice.Version++
	m.byID[id] = clone(invoice)
	return clone(invoice), nil
}

// Delete removes invoice id, or returns ErrNotFound.
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
func (m *MemoryStore) Upsert(_ context.Context, items []Invoice) error {
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

// clone returns a copy of invoice that shares no memory with it, so that callers
// cannot change stored invoices.
func clone(invoice Invoice) Invoice {
	return invoice
}
