package ids

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"example.com/shop/internal/apikeys"
)

// NewService returns the in-process implementation of Service: it validates
// input, assigns IDs (UUIDv7, so they sort by creation time) and timestamps,
// and leaves persistence to store.
// Create checks api_key_id against apiKeys: the in-process service in the
// monolith, the apikeyshttp.Client once api-keys runs on its own.
func NewService(store Store, apiKeys apikeys.Service) Service {
	return &service{store: store, apiKeys: apiKeys}
}

type service struct {
	store   Store
	apiKeys apikeys.Service
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
		return Page{}, fmt.Errorf("list ids after %s: %w", p.Cursor, err)
	}
	page := Page{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		page.NextCursor = page.Items[limit-1].ID
	}
	if page.Items == nil {
		page.Items = []ID{}
	}
	return page, nil
}

func (s *service) Get(ctx context.Context, id uuid.UUID) (ID, error) {
	idItem, err := s.store.Get(ctx, id)
	if err != nil {
		return ID{}, fmt.Errorf("get id %s: %w", id, err)
	}
	return idItem, nil
}

func (s *service) Create(ctx context.Context, in Input) (ID, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return ID{}, fmt.Errorf("new id id: %w", err)
	}
	idItem, err := NewID(id, in, time.Now())
	if err != nil {
		return ID{}, err
	}
	if err := s.checkAPIKeyID(ctx, in.APIKeyID); err != nil {
		return ID{}, err
	}
	if err := s.store.Create(ctx, idItem); err != nil {
		return ID{}, fmt.Errorf("create id %s: %w", id, err)
	}
	return idItem, nil
}

// checkAPIKeyID checks that id, unless empty, names an existing apiKey of the
// api-keys service, and otherwise returns a *ValidationError for api_key_id.
func (s *service) checkAPIKeyID(ctx context.Context, id uuid.UUID) error {
	if id == uuid.Nil {
		return nil
	}
	_, err := s.apiKeys.Get(ctx, id)
	switch {
	case errors.Is(err, apikeys.ErrNotFound):
		return &ValidationError{Field: "api_key_id", Message: fmt.Sprintf("no apiKey %s", id)}
	case err != nil:
		return fmt.Errorf("check api_key_id %s: %w", id, err)
	}
	return nil
}

func (s *service) Update(ctx context.Context, id uuid.UUID, in Input, version int64) (ID, error) {
	if err := in.Validate(); err != nil {
		return ID{}, err
	}
	if version < 1 {
		return ID{}, &ValidationError{Field: "version", Message: fmt.Sprintf("must be the version last read, at least 1, got %d", version)}
	}
	idItem, err := s.store.Update(ctx, id, normalize(in), version, storedTime(time.Now()))
	if err != nil {
		return ID{}, fmt.Errorf("update id %s at version %d: %w", id, version, err)
	}
	return idItem, nil
}

func (s *service) Delete(ctx context.Context, id uuid.UUID) error {
	if err := s.store.Delete(ctx, id); err != nil {
		return fmt.Errorf("delete id %s: %w", id, err)
	}
	return nil
}

// NewID validates in and returns the idItem that Create stores for it
// under id at time now: its input normalized, CreatedAt and UpdatedAt now in
// the form stores keep, and version 1. Batch jobs use it to prepare items
// for Store.Upsert exactly as the service would.
func NewID(id uuid.UUID, in Input, now time.Time) (ID, error) {
	if err := in.Validate(); err != nil {
		return ID{}, err
	}
	now = storedTime(now)
	return ID{ID: id, Input: normalize(in), CreatedAt: now, UpdatedAt: now, Version: 1}, nil
}

// Validate checks every field of in and returns a *ValidationError naming
// the first field that breaks its rule.
func (in Input) Validate() error {
	for _, err := range []error{
		checkText("user_ids", in.UserIDs),
		checkString("ip", in.IP),
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

// maxStringLen is the longest value, in characters, of a field of type string.
const maxStringLen = 200

// checkString checks a field of type string: one line of 1 to maxStringLen characters.
func checkString(field, v string) error {
	switch {
	case v == "":
		return &ValidationError{Field: field, Message: "must not be empty"}
	case !utf8.ValidString(v):
		return &ValidationError{Field: field, Message: "must be valid UTF-8"}
	case utf8.RuneCountInString(v) > maxStringLen:
		return &ValidationError{Field: field, Message: fmt.Sprintf("must be at most %d characters", maxStringLen)}
	case strings.ContainsFunc(v, unicode.IsControl):
		return &ValidationError{Field: field, Message: "must not contain control characters"}
	}
	return nil
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
