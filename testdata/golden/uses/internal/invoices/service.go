package invoices

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"example.com/shop/internal/orders"
)

// NewService returns the in-process implementation of Service: it validates
// input, assigns IDs (UUIDv7, so they sort by creation time) and timestamps,
// and leaves persistence to store.
// Create checks order_id against orders: the in-process service in the
// monolith, the ordershttp.Client once orders runs on its own.
func NewService(store Store, orders orders.Service) Service {
	return &service{store: store, orders: orders}
}

type service struct {
	store  Store
	orders orders.Service
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
		return Page{}, fmt.Errorf("list invoices after %s: %w", p.Cursor, err)
	}
	page := Page{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		page.NextCursor = page.Items[limit-1].ID
	}
	if page.Items == nil {
		page.Items = []Invoice{}
	}
	return page, nil
}

func (s *service) Get(ctx context.Context, id uuid.UUID) (Invoice, error) {
	invoice, err := s.store.Get(ctx, id)
	if err != nil {
		return Invoice{}, fmt.Errorf("get invoice %s: %w", id, err)
	}
	return invoice, nil
}

func (s *service) Create(ctx context.Context, in Input) (Invoice, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return Invoice{}, fmt.Errorf("new invoice id: %w", err)
	}
	invoice, err := NewInvoice(id, in, time.Now())
	if err != nil {
		return Invoice{}, err
	}
	if err := s.checkOrderID(ctx, in.OrderID); err != nil {
		return Invoice{}, err
	}
	if err := s.store.Create(ctx, invoice); err != nil {
		return Invoice{}, fmt.Errorf("create invoice %s: %w", id, err)
	}
	return invoice, nil
}

// checkOrderID checks that id, unless empty, names an existing order of the
// orders service, and otherwise returns a *ValidationError for order_id.
func (s *service) checkOrderID(ctx context.Context, id uuid.UUID) error {
	if id == uuid.Nil {
		return nil
	}
	_, err := s.orders.Get(ctx, id)
	switch {
	case errors.Is(err, orders.ErrNotFound):
		return &ValidationError{Field: "order_id", Message: fmt.Sprintf("no order %s", id)}
	case err != nil:
		return fmt.Errorf("check order_id %s: %w", id, err)
	}
	return nil
}

func (s *service) Update(ctx context.Context, id uuid.UUID, in Input, version int64) (Invoice, error) {
	if err := in.Validate(); err != nil {
		return Invoice{}, err
	}
	if version < 1 {
		return Invoice{}, &ValidationError{Field: "version", Message: fmt.Sprintf("must be the version last read, at least 1, got %d", version)}
	}
	invoice, err := s.store.Update(ctx, id, normalize(in), version, storedTime(time.Now()))
	if err != nil {
		return Invoice{}, fmt.Errorf("update invoice %s at version %d: %w", id, version, err)
	}
	return invoice, nil
}

func (s *service) Delete(ctx context.Context, id uuid.UUID) error {
	if err := s.store.Delete(ctx, id); err != nil {
		return fmt.Errorf("delete invoice %s: %w", id, err)
	}
	return nil
}

// NewInvoice validates in and returns the invoice that Create stores for it
// under id at time now: its input normalized, CreatedAt and UpdatedAt now in
// the form stores keep, and version 1. Batch jobs use it to prepare items
// for Store.Upsert exactly as the service would.
func NewInvoice(id uuid.UUID, in Input, now time.Time) (Invoice, error) {
	if err := in.Validate(); err != nil {
		return Invoice{}, err
	}
	now = storedTime(now)
	return Invoice{ID: id, Input: normalize(in), CreatedAt: now, UpdatedAt: now, Version: 1}, nil
}

// Validate checks every field of in and returns a *ValidationError naming
// the first field that breaks its rule.
func (in Input) Validate() error {
	for _, err := range []error{
		checkString("number", in.Number),
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
