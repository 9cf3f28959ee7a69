package urlmaps

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
	"example.com/shop/internal/ids"
)

// NewService returns the in-process implementation of Service: it validates
// input, assigns IDs (UUIDv7, so they sort by creation time) and timestamps,
// and leaves persistence to store.
// Create checks id_id against ids: the in-process service in the
// monolith, the idshttp.Client once ids runs on its own.
// Create checks api_key_id against apiKeys: the in-process service in the
// monolith, the apikeyshttp.Client once api-keys runs on its own.
func NewService(store Store, ids ids.Service, apiKeys apikeys.Service) Service {
	return &service{store: store, ids: ids, apiKeys: apiKeys}
}

type service struct {
	store   Store
	ids     ids.Service
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
		return Page{}, fmt.Errorf("list urlmaps after %s: %w", p.Cursor, err)
	}
	page := Page{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		page.NextCursor = page.Items[limit-1].ID
	}
	if page.Items == nil {
		page.Items = []URLMap{}
	}
	return page, nil
}

func (s *service) Get(ctx context.Context, id uuid.UUID) (URLMap, error) {
	urlMap, err := s.store.Get(ctx, id)
	if err != nil {
		return URLMap{}, fmt.Errorf("get urlMap %s: %w", id, err)
	}
	return urlMap, nil
}

func (s *service) Create(ctx context.Context, in Input) (URLMap, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return URLMap{}, fmt.Errorf("new urlMap id: %w", err)
	}
	urlMap, err := NewURLMap(id, in, time.Now())
	if err != nil {
		return URLMap{}, err
	}
	if err := s.checkIDID(ctx, in.IDID); err != nil {
		return URLMap{}, err
	}
	if err := s.checkAPIKeyID(ctx, in.APIKeyID); err != nil {
		return URLMap{}, err
	}
	if err := s.store.Create(ctx, urlMap); err != nil {
		return URLMap{}, fmt.Errorf("create urlMap %s: %w", id, err)
	}
	return urlMap, nil
}

// checkIDID checks that id, unless empty, names an existing idItem of the
// ids service, and otherwise returns a *ValidationError for id_id.
func (s *service) checkIDID(ctx context.Context, id uuid.UUID) error {
	if id == uuid.Nil {
		return nil
	}
	_, err := s.ids.Get(ctx, id)
	switch {
	case errors.Is(err, ids.ErrNotFound):
		return &ValidationError{Field: "id_id", Message: fmt.Sprintf("no id %s", id)}
	case err != nil:
		return fmt.Errorf("check id_id %s: %w", id, err)
	}
	return nil
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

func (s *service) Update(ctx context.Context, id uuid.UUID, in Input, version int64) (URLMap, error) {
	if err := in.Validate(); err != nil {
		return URLMap{}, err
	}
	if version < 1 {
		return URLMap{}, &ValidationError{Field: "version", Message: fmt.Sprintf("must be the version last read, at least 1, got %d", version)}
	}
	urlMap, err := s.store.Update(ctx, id, normalize(in), version, storedTime(time.Now()))
	if err != nil {
		return URLMap{}, fmt.Errorf("update urlMap %s at version %d: %w", id, version, err)
	}
	return urlMap, nil
}

func (s *service) Delete(ctx context.Context, id uuid.UUID) error {
	if err := s.store.Delete(ctx, id); err != nil {
		return fmt.Errorf("delete urlMap %s: %w", id, err)
	}
	return nil
}

// NewURLMap validates in and returns the urlMap that Create stores for it
// under id at time now: its input normalized, CreatedAt and UpdatedAt now in
// the form stores keep, and version 1. Batch jobs use it to prepare items
// for Store.Upsert exactly as the service would.
func NewURLMap(id uuid.UUID, in Input, now time.Time) (URLMap, error) {
	if err := in.Validate(); err != nil {
		return URLMap{}, err
	}
	now = storedTime(now)
	return URLMap{ID: id, Input: normalize(in), CreatedAt: now, UpdatedAt: now, Version: 1}, nil
}

// Validate checks every field of in and returns a *ValidationError naming
// the first field that breaks its rule.
func (in Input) Validate() error {
	for _, err := range []error{
		checkString("http_url", in.HTTPURL),
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
