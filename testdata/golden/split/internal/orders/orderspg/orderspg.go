// Package orderspg stores orders in PostgreSQL, in the table orders that its
// embedded migrations create.
package orderspg

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

	"example.com/shop/internal/orders"
	"example.com/shop/internal/platform/postgres"
)

//go:embed migrations/*.sql
var migrations embed.FS

// versionTable records which of this package's migrations have been applied.
const versionTable = "goose_orders"

// Migrate creates or upgrades the orders table in pool's database; it is safe
// to run from several instances at once.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("orders migrations: %w", err)
	}
	return postgres.Migrate(ctx, pool, fsys, versionTable)
}

// Store implements orders.Store in PostgreSQL, safe for concurrent use.
type Store struct {
	pool *pgxpool.Pool
}

// NewStore returns a Store over pool, whose database Migrate has prepared.
func NewStore(pool *pgxpool.Pool) *Store {
	return &Store{pool: pool}
}

var _ orders.Store = (*Store)(nil)

// fieldColumns are the columns of the fields of orders.Input, fieldValues
// the named arguments that args gives them, one for one, and fieldExcluded
// the values an upsert proposed for them.
const (
	fieldColumns  = `name`
	fieldValues   = `@name`
	fieldExcluded = `EXCLUDED.name`
)

// columns are all the columns of orders, as scan reads them.
const columns = `id, ` + fieldColumns + `, created_at, updated_at, version`

// The statements that read or delete by key take positional parameters ($1),
// which pgx sends as written; the ones that write a whole row take the named
// arguments of args, which pgx rewrites into positional ones on every call
// (about a microsecond and ten allocations), a fair price for naming every field.
const (
	listSQL   = `SELECT ` + columns + ` FROM orders WHERE id > $1 ORDER BY id LIMIT $2`
	getSQL    = `SELECT ` + columns + ` FROM orders WHERE id = $1`
	insertSQL = `INSERT INTO orders (` + columns + `) VALUES (@id, ` + fieldValues + `, @created_at, @updated_at, @version)`
	updateSQL = `UPDATE orders SET (` + fieldColumns + `, updated_at, version) = (` + fieldValues + `, @updated_at, version + 1)
		WHERE id = @id AND version = @version RETURNING ` + columns
	existsSQL = `SELECT EXISTS (SELECT 1 FROM orders WHERE id = $1)`
	deleteSQL = `DELETE FROM orders WHERE id = $1`
	upsertSQL = insertSQL + ` ON CONFLICT (id) DO UPDATE SET (` + fieldColumns + `, updated_at, version) = (` + fieldExcluded + `, EXCLUDED.updated_at, orders.version + 1)`
)

// args returns the named arguments of order for the statements above.
// Here, in scan and in every statement by key, UUIDs go to pgx as [16]byte,
// the type uuid.UUID is defined as: pgx encodes and scans that in binary
// directly, where uuid.UUID, a driver.Valuer and sql.Scanner, would go
// through its 36-character text form (18 of the 38 allocations of a Get).
func args(order orders.Order) pgx.NamedArgs {
	return pgx.NamedArgs{
		"id":         [16]byte(order.ID),
		"name":       order.Name,
		"created_at": order.CreatedAt,
		"updated_at": order.UpdatedAt,
		"version":    order.Version,
	}
}

// scan reads a row of columns.
func scan(row pgx.Row) (orders.Order, error) {
	var order orders.Order
	err := row.Scan(
		(*[16]byte)(&order.ID),
		&order.Name,
		&order.CreatedAt,
		&order.UpdatedAt,
		&order.Version,
	)
	return order, err
}

// List returns up to limit orders whose IDs sort after after, sorted by ID.
func (s *Store) List(ctx context.Context, after uuid.UUID, limit int) ([]orders.Order, error) {
	rows, err := s.pool.Query(ctx, listSQL, [16]byte(after), limit)
	if err != nil {
		return nil, fmt.Errorf("select orders: %w", err)
	}
	items, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (orders.Order, error) { return scan(row) })
	if err != nil {
		return nil, fmt.Errorf("read orders: %w", err)
	}
	return items, nil
}

// Get returns the order id, or orders.ErrNotFound.
func (s *Store) Get(ctx context.Context, id uuid.UUID) (orders.Order, error) {
	order, err := scan(s.pool.QueryRow(ctx, getSQL, [16]byte(id)))
	if errors.Is(err, pgx.ErrNoRows) {
		return orders.Order{}, orders.ErrNotFound
	}
	if err != nil {
		return orders.Order{}, fmt.Errorf("select order: %w", err)
	}
	return order, nil
}

// Create inserts order, which is new.
func (s *Store) Create(ctx context.Context, order orders.Order) error {
	if _, err := s.pool.Exec(ctx, insertSQL, args(order)); err != nil {
		return fmt.Errorf("insert order: %w", err)
	}
	return nil
}

// Update replaces the fields of order id with in in one statement that
// matches only while the order is at version, so that of two concurrent
// updates at the same version the second matches nothing.
func (s *Store) Update(ctx context.Context, id uuid.UUID, in orders.Input, version int64, now time.Time) (orders.Order, error) {
	order, err := scan(s.pool.QueryRow(ctx, updateSQL, args(orders.Order{ID: id, Input: in, UpdatedAt: now, Version: version})))
	if err == nil {
		return order, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return orders.Order{}, fmt.Errorf("update order: %w", err)
	}
	var exists bool
	if err := s.pool.QueryRow(ctx, existsSQL, [16]byte(id)).Scan(&exists); err != nil {
		return orders.Order{}, fmt.Errorf("check order exists: %w", err)
	}
	if !exists {
		return orders.Order{}, orders.ErrNotFound
	}
	return orders.Order{}, orders.ErrConflict
}

// Delete removes order id, or returns orders.ErrNotFound.
func (s *Store) Delete(ctx context.Context, id uuid.UUID) error {
	tag, err := s.pool.Exec(ctx, deleteSQL, [16]byte(id))
	if err != nil {
		return fmt.Errorf("delete order: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return orders.ErrNotFound
	}
	return nil
}

// Upsert writes items in one transaction, as INSERT ... ON CONFLICT (id) DO
// UPDATE statements sent together in one round trip.
func (s *Store) Upsert(ctx context.Context, items []orders.Order) error {
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
		return fmt.Errorf("upsert orders: %w", err)
	}
	return nil
}
