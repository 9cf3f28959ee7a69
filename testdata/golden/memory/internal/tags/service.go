package tags

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
)

// NewService returns the in-process implementation of Service: it validates
// input, assigns IDs (UUIDv7, so they sort by creation time) and timestamps,
// and leaves persistence to store.
func NewService(store Store) Service {
	return &service{store: store}
}

type service struct {
	store Store
}

func (s *service) List(ctx context.Context, p ListParams) (Page, error) {
	limit := p.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	if limit < 1 || limit > MaxLimit {
		return Page{}, &ValidationError{Field: "limit", Message: fmt.Sprintf("must be between 1 and %d, got %d", MaxLimit, p.Limit)}
	}
	items, err := s.store.List(ctx, p.Cursor, limit+1)
	if err != nil {
		return Page{}, fmt.Errorf("list tags after %s: %w", p.Cursor, err)
	}
	page := Page{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		page.NextCursor = page.Items[limit-1].ID
	}
	if page.Items == nil {
		page.Items = []Tag{}
	}
	return page, nil
}

func (s *service) Get(ctx context.Context, id uuid.UUID) (Tag, error) {
	tagItem, err := s.store.Get(ctx, id)
	if err != nil {
		return Tag{}, fmt.Errorf("get tag %s: %w", id, err)
	}
	return tagItem, nil
}

func (s *service) Create(ctx context.Context, in Input) (Tag, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return Tag{}, fmt.Errorf("new tag id: %w", err)
	}
	tagItem, err := NewTag(id, in, time.Now())
	if err != nil {
		return Tag{}, err
	}
	if err := s.store.Create(ctx, tagItem); err != nil {
		return Tag{}, fmt.Errorf("create tag %s: %w", id, err)
	}
	return tagItem, nil
}

func (s *service) Update(ctx context.Context, id uuid.UUID, in Input, version int64) (Tag, error) {
	if err := in.Validate(); err != nil {
		return Tag{}, err
	}
	if version < 1 {
		return Tag{}, &ValidationError{Field: "version", Message: fmt.Sprintf("must be the version last read, at least 1, got %d", version)}
	}
	tagItem, err := s.store.Update(ctx, id, normalize(in), version, storedTime(time.Now()))
	if err != nil {
		return Tag{}, fmt.Errorf("update tag %s at version %d: %w", id, version, err)
	}
	return tagItem, nil
}

func (s *service) Delete(ctx context.Context, id uuid.UUID) error {
	if err := s.store.Delete(ctx, id); err != nil {
		return fmt.Errorf("delete tag %s: %w", id, err)
	}
	return nil
}

// NewTag validates in and returns the tagItem that Create stores for it
// under id at time now: its input normalized, CreatedAt and UpdatedAt now in
// the form stores keep, and version 1. Batch jobs use it to prepare items
// for Store.Upsert exactly as the service would.
func NewTag(id uuid.UUID, in Input, now time.Time) (Tag, error) {
	if err := in.Validate(); err != nil {
		return Tag{}, err
	}
	now = storedTime(now)
	return Tag{ID: id, Input: normalize(in), CreatedAt: now, UpdatedAt: now, Version: 1}, nil
}

// Validate checks every field of in and returns a *ValidationError naming
// the first field that breaks its rule.
func (in Input) Validate() error {
	for _, err := range []error{
		checkText("label", in.Label),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// normalize returns in in the form every store keeps, so that what Create
// and Update return equals what Get returns later.
func normalize(in Input) Input {
	return in
}

// storedTime returns t in UTC, truncated to the microsecond that stores keep.
func storedTime(t time.Time) time.Time {
	return t.UTC().Truncate(time.Microsecond)
}

// maxTextLen is the longest value, in characters, of a field of type text.
const maxTextLen = 10000

// checkText checks a field of type text: up to maxTextLen characters, where
// newlines and tabs are the only control characters allowed.
func checkText(field, v string) error {
	switch {
	case !utf8.ValidString(v):
		return &ValidationError{Field: field, Message: "must be valid UTF-8"}
	case utf8.RuneCountInString(v) > maxTextLen:
		return &ValidationError{Field: field, Message: fmt.Sprintf("must be at most %d characters", maxTextLen)}
	case strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }):
		return &ValidationError{Field: field, Message: "must not contain control characters other than newlines and tabs"}
	}
	return nil
}
