// Package paymentsds stores payments in Cloud Datastore, as entities of kind
// Payment whose key names are the payments' IDs.
package paymentsds

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"cloud.google.com/go/datastore"
	"github.com/google/uuid"

	"example.com/shop/internal/payments"
)

// kind is the Datastore kind of payments.
const kind = "Payment"

// Store implements payments.Store in Datastore, safe for concurrent use.
type Store struct {
	client    *datastore.Client
	namespace string
}

// NewStore returns a Store that keeps payments in namespace through client;
// namespace is usually "", the default namespace.
func NewStore(client *datastore.Client, namespace string) *Store {
	return &Store{client: client, namespace: namespace}
}

var _ payments.Store = (*Store)(nil)

// entity holds the properties that Datastore stores for each payment, named
// like the JSON fields. Text and JSON properties are not indexed, as
// Datastore indexes at most 1500 bytes of a value.
type entity struct {
	Name      string    `datastore:"name"`
	InvoiceID string    `datastore:"invoice_id"`
	OrderID   string    `datastore:"order_id"`
	CreatedAt time.Time `datastore:"created_at"`
	UpdatedAt time.Time `datastore:"updated_at"`
	Version   int64     `datastore:"version"`
}

// toEntity returns the properties of payment.
func toEntity(payment payments.Payment) *entity {
	return &entity{
		Name:      payment.Name,
		InvoiceID: payment.InvoiceID.String(),
		OrderID:   payment.OrderID.String(),
		CreatedAt: payment.CreatedAt,
		UpdatedAt: payment.UpdatedAt,
		Version:   payment.Version,
	}
}

// fromEntity returns the payment stored under key with properties e.
func fromEntity(key *datastore.Key, e *entity) (payments.Payment, error) {
	id, err := uuid.Parse(key.Name)
	if err != nil {
		return payments.Payment{}, fmt.Errorf("payment key %q: %w", key.Name, err)
	}
	payment := payments.Payment{
		ID: id,
		Input: payments.Input{
			Name: e.Name,
		},
		CreatedAt: e.CreatedAt.UTC(),
		UpdatedAt: e.UpdatedAt.UTC(),
		Version:   e.Version,
	}
	if payment.InvoiceID, err = uuid.Parse(e.InvoiceID); err != nil {
		return payments.Payment{}, fmt.Errorf("property invoice_id of payment %s: %w", id, err)
	}
	if payment.OrderID, err = uuid.Parse(e.OrderID); err != nil {
		return payments.Payment{}, fmt.Errorf("property order_id of payment %s: %w", id, err)
	}
	return payment, nil
}

// key returns the key of payment id.
func (s *Store) key(id uuid.UUID) *datastore.Key {
	k := datastore.NameKey(kind, id.String(), nil)
	k.Namespace = s.namespace
	return k
}

// List returns up to limit payments whose IDs sort after after, sorted by ID:
// key names are IDs in their canonical form, which sorts like the IDs.
func (s *Store) List(ctx context.Context, after uuid.UUID, limit int) ([]payments.Payment, error) {
	q := datastore.NewQuery(kind).Namespace(s.namespace).Order("__key__").Limit(limit)
	if after != uuid.Nil {
		q = q.FilterField("__key__", ">", s.key(after))
	}
	var es []*entity
	keys, err := s.client.GetAll(ctx, q, &es)
	if err != nil {
		return nil, fmt.Errorf("query payments: %w", err)
	}
	items := make([]payments.Payment, len(keys))
	for i, key := range keys {
		if items[i], err = fromEntity(key, es[i]); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// Get returns the payment id, or payments.ErrNotFound.
func (s *Store) Get(ctx context.Context, id uuid.UUID) (payments.Payment, error) {
	key := s.key(id)
	var e entity
	if err := s.client.Get(ctx, key, &e); err != nil {
		if errors.Is(err, datastore.ErrNoSuchEntity) {
			return payments.Payment{}, payments.ErrNotFound
		}
		return payments.Payment{}, fmt.Errorf("get payment: %w", err)
	}
	return fromEntity(key, &e)
}

// Create inserts payment, which is new.
func (s *Store) Create(ctx context.Context, payment payments.Payment) error {
	if _, err := s.client.Mutate(ctx, datastore.NewInsert(s.key(payment.ID), toEntity(payment))); err != nil {
		return fmt.Errorf("insert payment: %w", err)
	}
	return nil
}

// Update replaces the fields of payment id with in, in a transaction that
// reads the payment and writes it only if it is still at version.
func (s *Store) Update(ctx context.Context, id uuid.UUID, in payments.Input, version int64, now time.Time) (payments.Payment, error) {
	key := s.key(id)
	var updated payments.Payment
	_, err := s.client.RunInTransaction(ctx, func(tx *datastore.Transaction) error {
		var e entity
		if err := tx.Get(key, &e); err != nil {
			if errors.Is(err, datastore.ErrNoSuchEntity) {
				return payments.ErrNotFound
			}
			return fmt.Errorf("get payment: %w", err)
		}
		if e.Version != version {
			return payments.ErrConflict
		}
		payment, err := fromEntity(key, &e)
		if err != nil {
			return err
		}
		payment.Input = in
		payment.UpdatedAt = now
		payment.Version++
		if _, err := tx.Put(key, toEntity(payment)); err != nil {
			return fmt.Errorf("put payment: %w", err)
		}
		updated = payment
		return nil
	})
	switch {
	case err == nil:
		return updated, nil
	case errors.Is(err, datastore.ErrConcurrentTransaction):
		return payments.Payment{}, payments.ErrConflict // another update kept winning: read again
	case errors.Is(err, payments.ErrNotFound), errors.Is(err, payments.ErrConflict):
		return payments.Payment{}, err
	}
	return payments.Payment{}, fmt.Errorf("update payment: %w", err)
}

// Delete removes payment id, or returns payments.ErrNotFound, in a transaction
// so that it can tell whether the payment existed.
func (s *Store) Delete(ctx context.Context, id uuid.UUID) error {
	key := s.key(id)
	_, err := s.client.RunInTransaction(ctx, func(tx *datastore.Transaction) error {
		var props datastore.PropertyList
		if err := tx.Get(key, &props); err != nil {
			if errors.Is(err, datastore.ErrNoSuchEntity) {
				return payments.ErrNotFound
			}
			return fmt.Errorf("get payment: %w", err)
		}
		return tx.Delete(key)
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, payments.ErrNotFound):
		return err
	}
	return fmt.Errorf("delete payment: %w", err)
}

// maxBatch is the most entities Upsert writes in one transaction: each
// entity is its own entity group, and Datastore (the emulator, and databases
// not yet in Firestore mode) allows 25 entity groups per transaction.
const maxBatch = 25

// Upsert writes items in transactions of at most maxBatch items, each of
// which reads the entities it touches and writes them back.
func (s *Store) Upsert(ctx context.Context, items []payments.Payment) error {
	for chunk := range slices.Chunk(items, maxBatch) {
		if err := s.upsert(ctx, chunk); err != nil {
			return err
		}
	}
	return nil
}

// upsert writes at most maxBatch items in one transaction. An ID given
// twice is one key, to which its items apply in order.
func (s *Store) upsert(ctx context.Context, items []payments.Payment) error {
	index := make(map[uuid.UUID]int, len(items))
	var keys []*datastore.Key
	for _, item := range items {
		if _, ok := index[item.ID]; !ok {
			index[item.ID] = len(keys)
			keys = append(keys, s.key(item.ID))
		}
	}
	_, err := s.client.RunInTransaction(ctx, func(tx *datastore.Transaction) error {
		stored := make([]entity, len(keys))
		exists, err := getMulti(tx, keys, stored)
		if err != nil {
			return err
		}
		for _, item := range items {
			i := index[item.ID]
			e := toEntity(item)
			if exists[i] {
				e.CreatedAt, e.Version = stored[i].CreatedAt, stored[i].Version+1
			}
			stored[i], exists[i] = *e, true
		}
		_, err = tx.PutMulti(keys, stored)
		return err
	})
	if err != nil {
		return fmt.Errorf("upsert payments: %w", err)
	}
	return nil
}

// getMulti reads the entities of keys into dst and reports which exist.
func getMulti(tx *datastore.Transaction, keys []*datastore.Key, dst []entity) ([]bool, error) {
	exists := make([]bool, len(keys))
	err := tx.GetMulti(keys, dst)
	if err == nil {
		for i := range exists {
			exists[i] = true
		}
		return exists, nil
	}
	errs, ok := errors.AsType[datastore.MultiError](err)
	if !ok {
		return nil, fmt.Errorf("get payments: %w", err)
	}
	for i, err := range errs {
		switch {
		case err == nil:
			exists[i] = true
		case !errors.Is(err, datastore.ErrNoSuchEntity):
			return nil, fmt.Errorf("get payment %s: %w", keys[i].Name, err)
		}
	}
	return exists, nil
}
