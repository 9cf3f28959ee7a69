// Package importtags is the import-tags batch job: it reads records
// (NDJSON or CSV) and writes them in batches to the tags store,
// logging its progress. It stops between batches when its context is
// cancelled and says how far it got.
package importtags

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"example.com/shop/internal/tags"
)

// Deps is everything Run needs, given by main or by a test.
type Deps struct {
	Log       *slog.Logger
	Input     io.Reader
	Format    string // NDJSON or CSV
	BatchSize int    // records per batch; 0 means 500
	DryRun    bool   // read and check every record, write nothing
	// Store receives the records, one Upsert per batch: an item whose ID is
	// already stored is replaced, so a rerun after a crash duplicates nothing.
	Store tags.Store
	// Now stamps the records' CreatedAt and UpdatedAt; nil means time.Now.
	Now func() time.Time
}

// stats says how far a run got.
type stats struct {
	Records int
	Batches int
}

// Run reads every record of d.Input and writes them in batches. A
// record that the tags service would refuse stops the run before its
// batch is written, with an error that names the record and the field.
func Run(ctx context.Context, d Deps) error {
	size := d.BatchSize
	if size <= 0 {
		size = 500
	}
	now := time.Now
	if d.Now != nil {
		now = d.Now
	}
	r, err := newRecordReader(d.Input, d.Format)
	if err != nil {
		return err
	}
	var (
		stats stats
		read  int
		start = time.Now()
		batch = make([]tags.Tag, 0, size)
	)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			d.Log.WarnContext(ctx, "stopped before the next batch", slog.Int("records", stats.Records), slog.Int("batches", stats.Batches))
			return fmt.Errorf("stopped after %d records: %w", stats.Records, err)
		}
		// A batch that has begun is written to the end, even if ctx is
		// cancelled meanwhile: the job stops between batches, and reports
		// exactly what it wrote.
		wctx := context.WithoutCancel(ctx)
		if !d.DryRun {
			if err := d.Store.Upsert(wctx, batch); err != nil {
				return fmt.Errorf("write batch %d (records %d to %d): %w", stats.Batches+1, stats.Records+1, stats.Records+len(batch), err)
			}
		}
		stats.Records += len(batch)
		stats.Batches++
		d.Log.InfoContext(ctx, "batch done", slog.Int("records", stats.Records), slog.Float64("records_per_second", rate(stats.Records, time.Since(start))))
		batch = batch[:0]
		return nil
	}
	for {
		rec, err := r.next()
		if errors.Is(err, io.EOF) {
			break
		}
		read++
		if err != nil {
			return fmt.Errorf("record %d: %w", read, err)
		}
		item, err := rec.item(now())
		if err != nil {
			return fmt.Errorf("record %d: %w", read, err)
		}
		batch = append(batch, item)
		if len(batch) == size {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	d.Log.InfoContext(ctx, "done", slog.Int("records", stats.Records), slog.Int("batches", stats.Batches),
		slog.Bool("dry_run", d.DryRun), slog.Duration("took", time.Since(start)))
	return nil
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}
