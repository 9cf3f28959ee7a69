// Package paymentspg stores payments in PostgreSQL, in the table payments that its
// embedded migrations create.
package paymentspg

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

	"example.com/shop/internal/payments"
	"example.com/shop/internal/platform/postgres"
)

//go:embed migrations/*.sql
var migrations embed.FS

// versionTable records which of this package's migrations have been applied.
const versionTable = "goose_payments"

// Migrate creates or upgrades the payments table in pool's database; it is safe
// to run from several instances at once.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("payments migrations: %w", err)
	}
	return postgres.Migrate(ctx, pool, fsys, versionTable)
}

// Store implements payments.Store in PostgreSQL, safe for concurrent use.
type Store struct {
	pool *pgxpool.Pool
}

// NewStore returns a Store over pool, whose database Migrate has prepared.
func NewStore(pool *pgxpool.Pool) *Store {
	return &Store{pool: pool}
}

var _ payments.Store = (*Store)(nil)

// fieldColumns are the columns of the fields of payments.Input, fieldValues
// the named arguments that args gives them, one for one, and fieldExcluded
// the values an upsert proposed for them.
const (
	fieldColumns  = `name, invoice_id, order_id`
	fieldValues   = `@name, @invoice_id, @order_id`
	fieldExcluded = `EXCLUDED.name, EXCLUDED.invoice_id, EXCLUDED.order_id`
)

// columns are all the columns of payments, as scan reads them.
const columns = `id, ` + fieldColumns + `, created_at, updated_at, version`

// The statements that read or delete by key take positional parameters ($1),
// which pgx sends as written; the ones that write a whole row take the named
// arguments of args, which pgx rewrites into positional ones on every call
// (about a microsecond and ten allocations), a fair price for naming every field.
const (
	listSQL   = `SELECT ` + columns + ` FROM payments WHERE id > $1 ORDER BY id LIMIT $2`
	getSQL    = `SELECT ` + columns + ` FROM payments WHERE id = $1`
	insertSQL = `INSERT INTO payments (` + columns + `) VALUES (@id, ` + fieldValues + `, @created_at, @updated_at, @version)`
	updateSQL = `UPDATE payments SET (` + fieldColumns + `, updated_at, version) = (` + fieldValues + `, @updated_at, version + 1)
		WHERE id = @id AND version = @version RETURNING ` + columns
	existsSQL = `SELECT EXISTS (SELECT 1 FROM payments WHERE id = $1)`
	deleteSQL = `DELETE FROM payments WHERE id = $1`
	upsertSQL = insertSQL + ` ON CONFLICT (id) DO UPDATE SET (` + fieldColumns + `, updated_at, version) = (` + fieldExcluded + `, EXCLUDED.updated_at, payments.version + 1)`
)

// args returns the named arguments of payment for the statements above.
// Here, in scan and in every statement by key, UUIDs go to pgx as [16]byte,
// the type uuid.UUID is defined as: pgx encodes and scans that in binary
// directly, where uuid.UUID, a driver.Valuer and sql.Scanner, would go
// through its 36-character text form (18 of the 38 allocations of a Get).
func args(payment payments.Payment) pgx.NamedArgs {
	return pgx.NamedArgs{
		"id":         [16]byte(payment.ID),
		"name":       payment.Name,
		"invoice_id": [16]byte(payment.InvoiceID),
		"order_id":   [16]byte(payment.OrderID),
		"created_at": payment.CreatedAt,
		"updated_at": payment.UpdatedAt,
		"version":    payment.Version,
	}
}

// scan reads a row of columns.
func scan(row pgx.Row) (payments.Payment, error) {
	var payment payments.Payment
	err := row.Scan(
		(*[16]byte)(&payment.ID),
		&payment.Name,
		(*[16]byte)(&payment.InvoiceID),
		(*[16]byte)(&payment.OrderID),
		&payment.CreatedAt,
		&payment.UpdatedAt,
		&payment.Version,
	)
	return payment, err
}

// List returns up to limit payments whose IDs sort after after, sorted by ID.
func (s *Store) List(ctx context.Context, after uuid.UUID, limit int) ([]payments.Payment, error) {
	rows, err := s.pool.Query(ctx, listSQL, [16]byte(after), limit)
	if err != nil {
		return nil, fmt.Errorf("select payments: %w", err)
	}
	items, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (payments.Payment, error) { return scan(row) })
	if err != nil {
		return nil, fmt.Errorf("read payments: %w", err)
	}
	return items, nil
}

// Get returns the payment id, or payments.ErrNotFound.
func (s *Store) Get(ctx context.Context, id uuid.UUID) (payments.Payment, error) {
	payment, err := scan(s.pool.QueryRow(ctx, getSQL, [16]byte(id)))
	if errors.Is(err, pgx.ErrNoRows) {
		return payments.Payment{}, payments.ErrNotFound
	}
	if err != nil {
		return payments.Payment{}, fmt.Errorf("select payment: %w", err)
	}
	return payment, nil
}

// Create inserts payment, which is new.
func (s *Store) Create(ctx context.Context, payment payments.Payment) error {
	if _, err := s.pool.Exec(ctx, insertSQL, args(payment)); err != nil {
		return fmt.Errorf("insert payment: %w", err)
	}
	return nil
}

// Update replaces the fields of payment id with in in one statement that
// matches only while the payment is at version, so that of two concurrent
// updates at the same version the second matches nothing.
func (s *Store) Update(ctx context.Context, id uuid.UUID, in payments.Input, version int64, now time.Time) (payments.Payment, error) {
	payment, err := scan(s.pool.QueryRow(ctx, updateSQL, args(payments.Payment{ID: id, Input: in, UpdatedAt: now, Version: version})))
	if err == nil {
		return payment, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return payments.Payment{}, fmt.Errorf("update payment: %w", err)
	}
	var exists bool
	if err := s.pool.QueryRow(ctx, existsSQL, [16]byte(id)).Scan(&exists); err != nil {
		return payments.Payment{}, fmt.Errorf("check payment exists: %w", err)
	}
	if !exists {
		return payments.Payment{}, payments.ErrNotFound
	}
	return payments.Payment{}, payments.ErrConflict
}

// Delete removes payment id, or returns payments.ErrNotFound.
func (s *Store) Delete(ctx context.Context, id uuid.UUID) error {
	tag, err := s.pool.Exec(ctx, deleteSQL, [16]byte(id))
	if err != nil {
		return fmt.Errorf("delete payment: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return payments.ErrNotFound
	}
	return nil
}

// Upsert writes items in one transaction, as INSERT ... ON CONFLICT (id) DO
// UPDATE statements sent together in one round trip.
func (s *Store) Upsert(ctx context.Context, items []payments.Payment) error {
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
		return fmt.Errorf("upsert payments: %w", err)
	}
	return nil
}
