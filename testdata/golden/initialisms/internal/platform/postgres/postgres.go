// Package postgres opens PostgreSQL connection pools and applies the embedded
// migrations of a service. It knows nothing of any service.
package postgres

import (
	"context"
	"fmt"
	"hash/crc32"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// connectTimeout bounds each new connection and the first ping, unless the
// URL sets connect_timeout itself.
const connectTimeout = 5 * time.Second

// Open parses url, opens a pool and pings the database, so that a wrong URL or
// an unreachable server stops the binary at startup. Pool settings come from
// the URL's pool_* parameters (for example pool_max_conns=10), else from
// pgxpool's defaults; timestamptz values are read back in UTC.
func Open(ctx context.Context, url string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse postgres url: %w", err)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = connectTimeout
	}
	cfg.AfterConnect = scanTimesInUTC
	cc := cfg.ConnConfig
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres pool for %s:%d/%s: %w", cc.Host, cc.Port, cc.Database, err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, cc.ConnectTimeout)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("ping postgres at %s:%d/%s: %w", cc.Host, cc.Port, cc.Database, err)
	}
	return pool, nil
}

// scanTimesInUTC makes conn return timestamptz values in UTC rather than in
// the local time zone, so that what a store reads equals what it wrote.
func scanTimesInUTC(_ context.Context, conn *pgx.Conn) error {
	conn.TypeMap().RegisterType(&pgtype.Type{
		Name:  "timestamptz",
		OID:   pgtype.TimestamptzOID,
		Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC},
	})
	return nil
}

// Migrate applies the migrations in fsys (files such as 00001_create_orders.sql
// at its root) that versionTable has not recorded yet. Each service passes
// its own versionTable, so services never share migration history; a
// PostgreSQL advisory lock per versionTable lets concurrent instances take turns.
func Migrate(ctx context.Context, pool *pgxpool.Pool, fsys fs.FS, versionTable string) error {
	locker, err := lock.NewPostgresSessionLocker(
		lock.WithLockID(int64(crc32.ChecksumIEEE([]byte(versionTable)))),
		lock.WithLockTimeout(1, 300), // poll every second, for up to five minutes
	)
	if err != nil {
		return fmt.Errorf("migration lock for %s: %w", versionTable, err)
	}
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close() // closes the *sql.DB view only, not the pool
	provider, err := goose.NewProvider(goose.DialectPostgres, db, fsys,
		goose.WithTableName(versionTable),
		goose.WithSessionLocker(locker),
		goose.WithDisableGlobalRegistry(true),
	)
	if err != nil {
		return fmt.Errorf("load migrations for %s: %w", versionTable, err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("apply migrations for %s: %w", versionTable, err)
	}
	return nil
}
