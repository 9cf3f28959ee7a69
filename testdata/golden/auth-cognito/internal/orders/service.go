package orders

import (
	"context"
	"fmt"
	"math"
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
		return Page{}, fmt.Errorf("list orders after %s: %w", p.Cursor, err)
	}
	page := Page{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		page.NextCursor = page.Items[limit-1].ID
	}
	if page.Items == nil {
		page.Items = []Order{}
	}
	return page, nil
}

func (s *service) Get(ctx context.Context, id uuid.UUID) (Order, error) {
	order, err := s.store.Get(ctx, id)
	if err != nil {
		return Order{}, fmt.Errorf("get order %s: %w", id, err)
	}
	return order, nil
}

func (s *service) Create(ctx context.Context, in Input) (Order, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return Order{}, fmt.Errorf("new order id: %w", err)
	}
	order, err := NewOrder(id, in, time.Now())
	if err != nil {
		return Order{}, err
	}
	if err := s.store.Create(ctx, order); err != nil {
		return Order{}, fmt.Errorf("create order %s: %w", id, err)
	}
	return order, nil
}

func (s *service) Update(ctx context.Context, id uuid.UUID, in Input, version int64) (Order, error) {
	if err := in.Validate(); err != nil {
		return Order{}, err
	}
	if version < 1 {
		return Order{}, &ValidationError{Field: "version", Message: fmt.Sprintf("must be the version last read, at least 1, got %d", version)}
	}
	order, err := s.store.Update(ctx, id, normalize(in), version, storedTime(time.Now()))
	if err != nil {
		return Order{}, fmt.Errorf("update order %s at version %d: %w", id, version, err)
	}
	return order, nil
}

func (s *service) Delete(ctx context.Context, id uuid.UUID) error {
	if err := s.store.Delete(ctx, id); err != nil {
		return fmt.Errorf("delete order %s: %w", id, err)
	}
	return nil
}

// NewOrder validates in and returns the order that Create stores for it
// under id at time now: its input normalized, CreatedAt and UpdatedAt now in
// the form stores keep, and version 1. Batch jobs use it to prepare items
// for Store.Upsert exactly as the service would.
func NewOrder(id uuid.UUID, in Input, now time.Time) (Order, error) {
	if err := in.Validate(); err != nil {
		return Order{}, err
	}
	now = storedTime(now)
	return Order{ID: id, Input: normalize(in), CreatedAt: now, UpdatedAt: now, Version: 1}, nil
}

// Validate checks every field of in and returns a *ValidationError naming
// the first field that breaks its rule.
func (in Input) Validate() error {
	for _, err := range []error{
		checkString("title", in.Title),
		checkFloat("price", in.Price),
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

// checkFloat checks a field of type float64: a finite number, as JSON has no NaN or infinity.
func checkFloat(field string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return &ValidationError{Field: field, Message: "must be a finite number"}
	}
	return nil
}
