// Package idspg stores ids in PostgreSQL, in the table ids that its
// embedded migrations create.
package idspg

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"example.com/shop/internal/ids"
	"example.com/shop/internal/platform/postgres"
)

//go:embed migrations/*.sql
var migrations embed.FS

// versionTable records which of this package's migrations have been applied.
const versionTable = "goose_ids"

// Migrate creates or upgrades the ids table in pool's database; it is safe
// to run from several instances at once.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("ids migrations: %w", err)
	}
	return postgres.Migrate(ctx, pool, fsys, versionTable)
}

// Store implements ids.Store in PostgreSQL, safe for concurrent use.
type Store struct {
	pool *pgxpool.Pool
}

// NewStore returns a Store over pool, whose database Migrate has prepared.
func NewStore(pool *pgxpool.Pool) *Store {
	return &Store{pool: pool}
}

var _ ids.Store = (*Store)(nil)

// fieldColumns are the columns of the fields of ids.Input, fieldValues
// the named arguments that args gives them, one for one, and fieldExcluded
// the values an upsert proposed for them.
const (
	fieldColumns  = `user_ids, ip, api_key_id`
	fieldValues   = `@user_ids, @ip, @api_key_id`
	fieldExcluded = `EXCLUDED.user_ids, EXCLUDED.ip, EXCLUDED.api_key_id`
)

// columns are all the columns of ids, as scan reads them.
const columns = `id, ` + fieldColumns + `, created_at, updated_at, version`

// The statements that read or delete by key take positional parameters ($1),
// which pgx sends as written; the ones that write a whole row take the named
// arguments of args, which pgx rewrites into positional ones on every call
// (about a microsecond and ten allocations), a fair price for naming every field.
const (
	listSQL   = `SELECT ` + columns + ` FROM ids WHERE id > $1 ORDER BY id LIMIT $2`
	getSQL    = `SELECT ` + columns + ` FROM ids WHERE id = $1`
	insertSQL = `INSERT INTO ids (` + columns + `) VALUES (@id, ` + fieldValues + `, @created_at, @updated_at, @version)`
	updateSQL = `UPDATE ids SET (` + fieldColumns + `, updated_at, version) = (` + fieldValues + `, @updated_at, version + 1)
		WHERE id = @id AND version = @version RETURNING ` + columns
	existsSQL = `SELECT EXISTS (SELECT 1 FROM ids WHERE id = $1)`
	deleteSQL = `DELETE FROM ids WHERE id = $1`
	upsertSQL = insertSQL + ` ON CONFLICT (id) DO UPDATE SET (` + fieldColumns + `, updated_at, version) = (` + fieldExcluded + `, EXCLUDED.updated_at, ids.version + 1)`
)

// args returns the named arguments of idItem for the statements above.
// Here, in scan and in every statement by key, UUIDs go to pgx as [16]byte,
// the type uuid.UUID is defined as: pgx encodes and scans that in binary
// directly, where uuid.UUID, a driver.Valuer and sql.Scanner, would go
// through its 36-character text form (18 of the 38 allocations of a Get).
func args(idItem ids.ID) pgx.NamedArgs {
	return pgx.NamedArgs{
		"id":         [16]byte(idItem.ID),
		"user_ids":   idItem.UserIDs,
		"ip":         idItem.IP,
		"api_key_id": [16]byte(idItem.APIKeyID),
		"created_at": idItem.CreatedAt,
		"updated_at": idItem.UpdatedAt,
		"version":    idItem.Version,
	}
}

// scan reads a row of columns.
func scan(row pgx.Row) (ids.ID, error) {
	var idItem ids.ID
	err := row.Scan(
		(*[16]byte)(&idItem.ID),
		&idItem.UserIDs,
		&idItem.IP,
		(*[16]byte)(&idItem.APIKeyID),
		&idItem.CreatedAt,
		&idItem.UpdatedAt,
		&idItem.Version,
	)
	return idItem, err
}

// List returns up to limit ids whose IDs sort after after, sorted by ID.
func (s *Store) List(ctx context.Context, after uuid.UUID, limit int) ([]ids.ID, error) {
	rows, err := s.pool.Query(ctx, listSQL, [16]byte(after), limit)
	if err != nil {
		return nil, fmt.Errorf("select ids: %w", err)
	}
	items, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (ids.ID, error) { return scan(row) })
	if err != nil {
		return nil, fmt.Errorf("read ids: %w", err)
	}
	return items, nil
}

// Get returns the idItem id, or ids.ErrNotFound.
func (s *Store) Get(ctx context.Context, id uuid.UUID) (ids.ID, error) {
	idItem, err := scan(s.pool.QueryRow(ctx, getSQL, [16]byte(id)))
	if errors.Is(err, pgx.ErrNoRows) {
		return ids.ID{}, ids.ErrNotFound
	}
	if err != nil {
		return ids.ID{}, fmt.Errorf("select id: %w", err)
	}
	return idItem, nil
}

// Create inserts idItem, which is new.
func (s *Store) Create(ctx context.Context, idItem ids.ID) error {
	if _, err := s.pool.Exec(ctx, insertSQL, args(idItem)); err != nil {
		return fmt.Errorf("insert id: %w", err)
	}
	return nil
}

// Update replaces the fields of idItem id with in in one statement that
// matches only while the idItem is at version, so that of two concurrent
// updates at the same version the second matches nothing.
func (s *Store) Update(ctx context.Context, id uuid.UUID, in ids.Input, version int64, now time.Time) (ids.ID, error) {
	idItem, err := scan(s.pool.QueryRow(ctx, updateSQL, args(ids.ID{ID: id, Input: in, UpdatedAt: now, Version: version})))
	if err == nil {
		return idItem, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return ids.ID{}, fmt.Errorf("update id: %w", err)
	}
	var exists bool
	if err := s.pool.QueryRow(ctx, existsSQL, [16]byte(id)).Scan(&exists); err != nil {
		return ids.ID{}, fmt.Errorf("check id exists: %w", err)
	}
	if !exists {
		return ids.ID{}, ids.ErrNotFound
	}
	return ids.ID{}, ids.ErrConflict
}

// Delete removes idItem id, or returns ids.ErrNotFound.
func (s *Store) Delete(ctx context.Context, id uuid.UUID) error {
	tag, err := s.pool.Exec(ctx, deleteSQL, [16]byte(id))
	if err != nil {
		return fmt.Errorf("delete id: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return ids.ErrNotFound
	}
	return nil
}

// Upsert writes items in one transaction, as INSERT ... ON CONFLICT (id) DO
// UPDATE statements sent together in one round trip.
func (s *Store) Upsert(ctx context.Context, items []ids.ID) error {
	if len(items) == 0 {
		return nil
	}
	var batch pgx.Batch
	for _, item := range items {
		batch.Queue(upsertSQL, args(item))
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		return tx.SendBatch(ctx, &batch).Close()
	})
	if err != nil {
		return fmt.Errorf("upsert ids: %w", err)
	}
	return nil
}
