package notes

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// MemoryStore is a Store that keeps notes in memory, safe for concurrent use:
// the store for local development and the fake for tests. Its notes are lost
// when the process ends.
type MemoryStore struct {
	mu   sync.RWMutex
	byID map[uuid.UUID]Note
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{byID: make(map[uuid.UUID]Note)}
}

var _ Store = (*MemoryStore)(nil)

// List returns up to limit notes whose IDs sort after after, sorted by ID.
func (m *MemoryStore) List(_ context.Context, after uuid.UUID, limit int) ([]Note, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var items []Note
	for id, note := range m.byID {
		if bytes.Compare(id[:], after[:]) > 0 {
			items = append(items, clone(note))
		}
	}
	slices.SortFunc(items, func(a, b Note) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	return items[:min(limit, len(items))], nil
}

// Get returns the note id, or ErrNotFound.
func (m *MemoryStore) Get(_ context.Context, id uuid.UUID) (Note, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	note, ok := m.byID[id]
	if !ok {
		return Note{}, ErrNotFound
	}
	return clone(note), nil
}

// Create stores note, which is new.
func (m *MemoryStore) Create(_ context.Context, note Note) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.byID[note.ID]; ok {
		return fmt.Errorf("note %s already exists", note.ID)
	}
	m.byID[note.ID] = clone(note)
	return nil
}

// Update replaces the fields of note id with in if it is at version.
func (m *MemoryStore) Update(_ context.Context, id uuid.UUID, in Input, version int64, now time.Time) (Note, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	note, ok := m.byID[id]
	switch {
	case !ok:
		return Note{}, ErrNotFound
	case note.Version != version:
		return Note{}, ErrConflict
	}
	note.Input = in
	note.UpdatedAt = now
	note.Version++
	m.byID[id] = clone(note)
	return clone(note), nil
}

// Delete removes note id, or returns ErrNotFound.
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
func (m *MemoryStore) Upsert(_ context.Context, items []Note) error {
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

// clone returns a copy of note that shares no memory with it, so that callers
// cannot change stored notes.
func clone(note Note) Note {
	return note
}
