// Package tags is the tags service: its contract, domain errors,
// validation, in-process implementation and in-memory store. It imports
// nothing else from the project, so it can later move behind its own binary.
package tags

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
)

// Input holds the fields that clients set, on create and on update.
type Input struct {
	Label string    `json:"label"`
	Ref   uuid.UUID `json:"ref"`
}

// Tag is a stored tagItem: its ID, the fields clients set, and bookkeeping.
type Tag struct {
	ID uuid.UUID `json:"id"`
	Input
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int64     `json:"version"` // starts at 1 and grows by 1 on every update
}

// DefaultLimit is the page size List uses when ListParams.Limit is zero.
const DefaultLimit = 50

// MaxLimit is the largest page size List accepts.
const MaxLimit = 200

// ListParams selects a page of tags.
type ListParams struct {
	Limit  int       // page size: 0 means DefaultLimit, at most MaxLimit
	Cursor uuid.UUID // the NextCursor of the previous page; uuid.Nil for the first page
}

// Page is one page of tags, oldest first.
type Page struct {
	Items      []Tag     `json:"items"`
	NextCursor uuid.UUID `json:"next_cursor,omitzero"` // uuid.Nil on the last page
}

// Service is the contract of the tags service.
type Service interface {
	// List returns a page of tags oldest first.
	List(ctx context.Context, p ListParams) (Page, error)
	// Get returns the tagItem id, or an error wrapping ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (Tag, error)
	// Create validates in and stores it as a new tagItem at version 1.
	Create(ctx context.Context, in Input) (Tag, error)
	// Update replaces the fields of tagItem id with in if the tagItem is still at
	// version, the version the caller last read; otherwise it returns an error
	// wrapping ErrConflict, so that concurrent updates never overwrite each other.
	Update(ctx context.Context, id uuid.UUID, in Input, version int64) (Tag, error)
	// Delete removes tagItem id, or returns an error wrapping ErrNotFound.
	Delete(ctx context.Context, id uuid.UUID) error
}

// Store persists tags; it checks nothing but versions. Every implementation
// passes the suite in package tagstest.
type Store interface {
	// List returns up to limit tags whose IDs sort after after (all of them
	// for uuid.Nil), sorted by ID.
	List(ctx context.Context, after uuid.UUID, limit int) ([]Tag, error)
	// Get returns the tagItem id, or an error wrapping ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (Tag, error)
	// Create stores tagItem, which is new.
	Create(ctx context.Context, tagItem Tag) error
	// Update atomically replaces the fields of tagItem id with in, sets its
	// UpdatedAt to now and increments its version, if it is at version; it
	// returns the stored tagItem, or an error wrapping ErrNotFound or ErrConflict.
	Update(ctx context.Context, id uuid.UUID, in Input, version int64, now time.Time) (Tag, error)
	// Delete removes tagItem id, or returns an error wrapping ErrNotFound.
	Delete(ctx context.Context, id uuid.UUID) error
	// Upsert stores items: one whose ID is new is inserted as it is; an
	// existing one gets the item's fields and UpdatedAt, keeps its CreatedAt
	// and increments its version. Items apply in order, so an ID given twice
	// is inserted, then updated. Up to 500 items apply all or nothing (longer
	// slices may be split into several transactions). Writing the same items
	// again duplicates nothing, so batch loads are safe to rerun.
	Upsert(ctx context.Context, items []Tag) error
}

// ErrNotFound means that no tagItem has the requested ID.
var ErrNotFound = errors.New("tag not found")

// ErrConflict means that the tagItem changed since the caller read it: read it
// again, then retry with its current version.
var ErrConflict = errors.New("tag version conflict")

// ValidationError reports a field whose value the service refuses.
type ValidationError struct {
	Field   string // the JSON name of the field, such as "title"
	Message string // what is wrong, such as "must not be empty"
}

// Error returns "invalid FIELD: MESSAGE".
func (e *ValidationError) Error() string {
	return "invalid " + e.Field + ": " + e.Message
}
