// Package invoicespg stores invoices in PostgreSQL, in the table invoices that its
// embedded migrations create.
package invoicespg

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

	"example.com/shop/internal/invoices"
	"example.com/shop/internal/platform/postgres"
)

//go:embed migrations/*.sql
var migrations embed.FS

// versionTable records which of this package's migrations have been applied.
const versionTable = "goose_invoices"

// Migrate creates or upgrades the invoices table in pool's database; it is safe
// to run from several instances at once.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("invoices migrations: %w", err)
	}
	return postgres.Migrate(ctx, pool, fsys, versionTable)
}

// Store implements invoices.Store in PostgreSQL, safe for concurrent use.
type Store struct {
	pool *pgxpool.Pool
}

// NewStore returns a Store over pool, whose database Migrate has prepared.
func NewStore(pool *pgxpool.Pool) *Store {
	return &Store{pool: pool}
}

var _ invoices.Store = (*Store)(nil)

// fieldColumns are the columns of the fields of invoices.Input, fieldValues
// the named arguments that args gives them, one for one, and fieldExcluded
// the values an upsert proposed for them.
const (
	fieldColumns  = `name, order_id`
	fieldValues   = `@name, @order_id`
	fieldExcluded = `EXCLUDED.name, EXCLUDED.order_id`
)

// columns are all the columns of invoices, as scan reads them.
const columns = `id, ` + fieldColumns + `, created_at, updated_at, version`

// The statements that read or delete by key take positional parameters ($1),
// which pgx sends as written; the ones that write a whole row take the named
// arguments of args, which pgx rewrites into positional ones on every call
// (about a microsecond and ten allocations), a fair price for naming every field.
const (
	listSQL   = `SELECT ` + columns + ` FROM invoices WHERE id > $1 ORDER BY id LIMIT $2`
	getSQL    = `SELECT ` + columns + ` FROM invoices WHERE id = $1`
	insertSQL = `INSERT INTO invoices (` + columns + `) VALUES (@id, ` + fieldValues + `, @created_at, @updated_at, @version)`
	updateSQL = `UPDATE invoices SET (` + fieldColumns + `, updated_at, version) = (` + fieldValues + `, @updated_at, version + 1)
		WHERE id = @id AND version = @version RETURNING ` + columns
	existsSQL = `SELECT EXISTS (SELECT 1 FROM invoices WHERE id = $1)`
	deleteSQL = `DELETE FROM invoices WHERE id = $1`
	upsertSQL = insertSQL + ` ON CONFLICT (id) DO UPDATE SET (` + fieldColumns + `, updated_at, version) = (` + fieldExcluded + `, EXCLUDED.updated_at, invoices.version + 1)`
)

// args returns the named arguments of invoice for the statements above.
// Here, in scan and in every statement by key, UUIDs go to pgx as [16]byte,
// the type uuid.UUID is defined as: pgx encodes and scans that in binary
// directly, where uuid.UUID, a driver.Valuer and sql.Scanner, would go
// through its 36-character text form (18 of the 38 allocations of a Get).
func args(invoice invoices.Invoice) pgx.NamedArgs {
	return pgx.NamedArgs{
		"id":         [16]byte(invoice.ID),
		"name":       invoice.Name,
		"order_id":   [16]byte(invoice.OrderID),
		"created_at": invoice.CreatedAt,
		"updated_at": invoice.UpdatedAt,
		"version":    invoice.Version,
	}
}

// scan reads a row of columns.
func scan(row pgx.Row) (invoices.Invoice, error) {
	var invoice invoices.Invoice
	err := row.Scan(
		(*[16]byte)(&invoice.ID),
		&invoice.Name,
		(*[16]byte)(&invoice.OrderID),
		&invoice.CreatedAt,
		&invoice.UpdatedAt,
		&invoice.Version,
	)
	return invoice, err
}

// List returns up to limit invoices whose IDs sort after after, sorted by ID.
func (s *Store) List(ctx context.Context, after uuid.UUID, limit int) ([]invoices.Invoice, error) {
	rows, err := s.pool.Query(ctx, listSQL, [16]byte(after), limit)
	if err != nil {
		return nil, fmt.Errorf("select invoices: %w", err)
	}
	items, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (invoices.Invoice, error) { return scan(row) })
	if err != nil {
		return nil, fmt.Errorf("read invoices: %w", err)
	}
	return items, nil
}

// Get returns the invoice id, or invoices.ErrNotFound.
func (s *Store) Get(ctx context.Context, id uuid.UUID) (invoices.Invoice, error) {
	invoice, err := scan(s.pool.QueryRow(ctx, getSQL, [16]byte(id)))
	if errors.Is(err, pgx.ErrNoRows) {
		return invoices.Invoice{}, invoices.ErrNotFound
	}
	if err != nil {
		return invoices.Invoice{}, fmt.Errorf("select invoice: %w", err)
	}
	return invoice, nil
}

// Create inserts invoice, which is new.
func (s *Store) Create(ctx context.Context, invoice invoices.Invoice) error {
	if _, err := s.pool.Exec(ctx, insertSQL, args(invoice)); err != nil {
		return fmt.Errorf("insert invoice: %w", err)
	}
	return nil
}

// Update replaces the fields of invoice id with in in one statement that
// matches only while the invoice is at version, so that of two concurrent
// updates at the same version the second matches nothing.
func (s *Store) Update(ctx context.Context, id uuid.UUID, in invoices.Input, version int64, now time.Time) (invoices.Invoice, error) {
	invoice, err := scan(s.pool.QueryRow(ctx, updateSQL, args(invoices.Invoice{ID: id, Input: in, UpdatedAt: now, Version: version})))
	if err == nil {
		return invoice, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return invoices.Invoice{}, fmt.Errorf("update invoice: %w", err)
	}
	var exists bool
	if err := s.pool.QueryRow(ctx, existsSQL, [16]byte(id)).Scan(&exists); err != nil {
		return invoices.Invoice{}, fmt.Errorf("check invoice exists: %w", err)
	}
	if !exists {
		return invoices.Invoice{}, invoices.ErrNotFound
	}
	return invoices.Invoice{}, invoices.ErrConflict
}

// Delete removes invoice id, or returns invoices.ErrNotFound.
func (s *Store) Delete(ctx context.Context, id uuid.UUID) error {
	tag, err := s.pool.Exec(ctx, deleteSQL, [16]byte(id))
	if err != nil {
		return fmt.Errorf("delete invoice: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return invoices.ErrNotFound
	}
	return nil
}

// Upsert writes items in one transaction, as INSERT ... ON CONFLICT (id) DO
// UPDATE statements sent together in one round trip.
func (s *Store) Upsert(ctx context.Context, items []invoices.Invoice) error {
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
		return fmt.Errorf("upsert invoices: %w", err)
	}
	return nil
}
