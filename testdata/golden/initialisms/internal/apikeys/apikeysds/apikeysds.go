// Package apikeysds stores apikeys in Cloud Datastore, as entities of kind
// ApiKey whose key names are the apikeys' IDs.
package apikeysds

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"cloud.google.com/go/datastore"
	"github.com/google/uuid"

	"example.com/shop/internal/apikeys"
)

// kind is the Datastore kind of apikeys.
const kind = "ApiKey"

// Store implements apikeys.Store in Datastore, safe for concurrent use.
type Store struct {
	client    *datastore.Client
	namespace string
}

// NewStore returns a Store that keeps apikeys in namespace through client;
// namespace is usually "", the default namespace.
func NewStore(client *datastore.Client, namespace string) *Store {
	return &Store{client: client, namespace: namespace}
}

var _ apikeys.Store = (*Store)(nil)

// entity holds the properties that Datastore stores for each apiKey, named
// like the JSON fields. Text and JSON properties are not indexed, as
// Datastore indexes at most 1500 bytes of a value.
type entity struct {
	RefURL    string    `datastore:"ref_url"`
	ServerIP  string    `datastore:"server_ip"`
	RawJSON   []byte    `datastore:"raw_json,noindex"`
	UID       int       `datastore:"uid"`
	CreatedAt time.Time `datastore:"created_at"`
	UpdatedAt time.Time `datastore:"updated_at"`
	Version   int64     `datastore:"version"`
}

// toEntity returns the properties of apiKey.
func toEntity(apiKey apikeys.APIKey) *entity {
	return &entity{
		RefURL:    apiKey.RefURL,
		ServerIP:  apiKey.ServerIP,
		RawJSON:   apiKey.RawJSON,
		UID:       apiKey.UID,
		CreatedAt: apiKey.CreatedAt,
		UpdatedAt: apiKey.UpdatedAt,
		Version:   apiKey.Version,
	}
}

// fromEntity returns the apiKey stored under key with properties e.
func fromEntity(key *datastore.Key, e *entity) (apikeys.APIKey, error) {
	id, err := uuid.Parse(key.Name)
	if err != nil {
		return apikeys.APIKey{}, fmt.Errorf("apiKey key %q: %w", key.Name, err)
	}
	apiKey := apikeys.APIKey{
		ID: id,
		Input: apikeys.Input{
			RefURL:   e.RefURL,
			ServerIP: e.ServerIP,
			RawJSON:  storedJSON(e.RawJSON),
			UID:      e.UID,
		},
		CreatedAt: e.CreatedAt.UTC(),
		UpdatedAt: e.UpdatedAt.UTC(),
		Version:   e.Version,
	}
	return apiKey, nil
}

// storedJSON returns the JSON value v, or nil for an empty v, which is how
// Datastore loads a nil value.
func storedJSON(v []byte) json.RawMessage {
	if len(v) == 0 {
		return nil
	}
	return v
}

// key returns the key of apiKey id.
func (s *Store) key(id uuid.UUID) *datastore.Key {
	k := datastore.NameKey(kind, id.String(), nil)
	k.Namespace = s.namespace
	return k
}

// List returns up to limit apikeys whose IDs sort after after, sorted by ID:
// key names are IDs in their canonical form, which sorts like the IDs.
func (s *Store) List(ctx context.Context, after uuid.UUID, limit int) ([]apikeys.APIKey, error) {
	q := datastore.NewQuery(kind).Namespace(s.namespace).Order("__key__").Limit(limit)
	if after != uuid.Nil {
		q = q.FilterField("__key__", ">", s.key(after))
	}
	var es []*entity
	keys, err := s.client.GetAll(ctx, q, &es)
	if err != nil {
		return nil, fmt.Errorf("query apikeys: %w", err)
	}
	items := make([]apikeys.APIKey, len(keys))
	for i, key := range keys {
		if items[i], err = fromEntity(key, es[i]); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// Get returns the apiKey id, or apikeys.ErrNotFound.
func (s *Store) Get(ctx context.Context, id uuid.UUID) (apikeys.APIKey, error) {
	key := s.key(id)
	var e entity
	if err := s.client.Get(ctx, key, &e); err != nil {
		if errors.Is(err, datastore.ErrNoSuchEntity) {
			return apikeys.APIKey{}, apikeys.ErrNotFound
		}
		return apikeys.APIKey{}, fmt.Errorf("get apiKey: %w", err)
	}
	return fromEntity(key, &e)
}

// Create inserts apiKey, which is new.
func (s *Store) Create(ctx context.Context, apiKey apikeys.APIKey) error {
	if _, err := s.client.Mutate(ctx, datastore.NewInsert(s.key(apiKey.ID), toEntity(apiKey))); err != nil {
		return fmt.Errorf("insert apiKey: %w", err)
	}
	return nil
}

// Update replaces the fields of apiKey id with in, in a transaction that
// reads the apiKey and writes it only if it is still at version.
func (s *Store) Update(ctx context.Context, id uuid.UUID, in apikeys.Input, version int64, now time.Time) (apikeys.APIKey, error) {
	key := s.key(id)
	var updated apikeys.APIKey
	_, err := s.client.RunInTransaction(ctx, func(tx *datastore.Transaction) error {
		var e entity
		if err := tx.Get(key, &e); err != nil {
			if errors.Is(err, datastore.ErrNoSuchEntity) {
				return apikeys.ErrNotFound
			}
			return fmt.Errorf("get apiKey: %w", err)
		}
		if e.Version != version {
			return apikeys.ErrConflict
		}
		apiKey, err := fromEntity(key, &e)
		if err != nil {
			return err
		}
		apiKey.Input = in
		apiKey.UpdatedAt = now
		apiKey.Version++
		if _, err := tx.Put(key, toEntity(apiKey)); err != nil {
			return fmt.Errorf("put apiKey: %w", err)
		}
		updated = apiKey
		return nil
	})
	switch {
	case err == nil:
		return updated, nil
	case errors.Is(err, datastore.ErrConcurrentTransaction):
		return apikeys.APIKey{}, apikeys.ErrConflict // another update kept winning: read again
	case errors.Is(err, apikeys.ErrNotFound), errors.Is(err, apikeys.ErrConflict):
		return apikeys.APIKey{}, err
	}
	return apikeys.APIKey{}, fmt.Errorf("update apiKey: %w", err)
}

// Delete removes apiKey id, or returns apikeys.ErrNotFound, in a transaction
// so that it can tell whether the apiKey existed.
func (s *Store) Delete(ctx context.Context, id uuid.UUID) error {
	key := s.key(id)
	_, err := s.client.RunInTransaction(ctx, func(tx *datastore.Transaction) error {
		var props datastore.PropertyList
		if err := tx.Get(key, &props); err != nil {
			if errors.Is(err, datastore.ErrNoSuchEntity) {
				return apikeys.ErrNotFound
			}
			return fmt.Errorf("get apiKey: %w", err)
		}
		return tx.Delete(key)
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, apikeys.ErrNotFound):
		return err
	}
	return fmt.Errorf("delete apiKey: %w", err)
}

// maxBatch is the most entities Upsert writes in one transaction: each
// entity is its own entity group, and Datastore (the emulator, and databases
// not yet in Firestore mode) allows 25 entity groups per transaction.
const maxBatch = 25

// Upsert writes items in transactions of at most maxBatch items, each of
// which reads the entities it touches and writes them back.
func (s *Store) Upsert(ctx context.Context, items []apikeys.APIKey) error {
	for chunk := range slices.Chunk(items, maxBatch) {
		if err := s.upsert(ctx, chunk); err != nil {
			return err
		}
	}
	return nil
}

// upsert writes at most maxBatch items in one transaction. An ID given
// twice is one key, to which its items apply in order.
func (s *Store) upsert(ctx context.Context, items []apikeys.APIKey) error {
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
		return fmt.Errorf("upsert apikeys: %w", err)
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
		return nil, fmt.Errorf("get apikeys: %w", err)
	}
	for i, err := range errs {
		switch {
		case err == nil:
			exists[i] = true
		case !errors.Is(err, datastore.ErrNoSuchEntity):
			return nil, fmt.Errorf("get apiKey %s: %w", keys[i].Name, err)
		}
	}
	return exists, nil
}
