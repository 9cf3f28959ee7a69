package importtags

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"example.com/shop/internal/tags"
)

// sample returns valid input whose fields depend on n.
func sample(n int) tags.Input {
	return tags.Input{
		Label: fmt.Sprintf("label %d\nsecond line", n),
		Ref:   uuid.NewSHA1(uuid.NameSpaceURL, fmt.Appendf(nil, "ref %d", n)),
	}
}

// fixtureID is the ID that the fixtures give record n when they give one:
// every other record has an ID, the others get one derived from their fields.
func fixtureID(n int) uuid.UUID {
	if n%2 == 1 {
		return uuid.Nil
	}
	return uuid.NewSHA1(uuid.NameSpaceURL, fmt.Appendf(nil, "record %d", n))
}

// fixtureNDJSON returns n records as NDJSON.
func fixtureNDJSON(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	for i := range n {
		if err := enc.Encode(Record{ID: fixtureID(i), Input: sample(i)}); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// fixtureCSV returns the same n records as fixtureNDJSON, as CSV.
func fixtureCSV(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	rows := [][]string{append([]string{"id"}, columns...)}
	for i := range n {
		id := ""
		if fixtureID(i) != uuid.Nil {
			id = fixtureID(i).String()
		}
		in := sample(i)
		rows = append(rows, []string{id, in.Label, in.Ref.String()})
	}
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// countingStore is a memory store that counts the batches written to it
// and calls afterBatch, if set, after each.
type countingStore struct {
	*tags.MemoryStore
	batches    int
	afterBatch func()
}

func (s *countingStore) Upsert(ctx context.Context, items []tags.Tag) error {
	err := s.MemoryStore.Upsert(ctx, items)
	s.batches++
	if s.afterBatch != nil {
		s.afterBatch()
	}
	return err
}

func newStore() *countingStore {
	return &countingStore{MemoryStore: tags.NewMemoryStore()}
}

// stored returns everything in store.
func stored(t *testing.T, store tags.Store) []tags.Tag {
	t.Helper()
	items, err := store.List(t.Context(), uuid.Nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func deps(store tags.Store, input, format string, batchSize int) Deps {
	return Deps{Log: slog.New(slog.DiscardHandler), Store: store, Input: strings.NewReader(input), Format: format, BatchSize: batchSize}
}

func TestRun(t *testing.T) {
	tests := []struct {
		name        string
		input       string
		format      string
		batchSize   int
		dryRun      bool
		wantRecords int
		wantBatches int
		wantErr     string
	}{
		{name: "ndjson in batches", input: fixtureNDJSON(t, 5), format: NDJSON, batchSize: 2, wantRecords: 5, wantBatches: 3},
		{name: "csv", input: fixtureCSV(t, 3), format: CSV, batchSize: 10, wantRecords: 3, wantBatches: 1},
		{name: "empty ndjson", input: "", format: NDJSON},
		{name: "empty csv", input: "", format: CSV},
		{name: "dry run writes nothing", input: fixtureNDJSON(t, 5), format: NDJSON, dryRun: true},
		{name: "unknown field", input: `{"nope":1}`, format: NDJSON, wantErr: `record 1: decode JSON: json: unknown field "nope"`},
		{name: "not JSON", input: fixtureNDJSON(t, 1) + "{\n", format: NDJSON, wantErr: "record 2: decode JSON"},
		{name: "id not a UUID", input: `{"id":"a"}`, format: NDJSON, wantErr: "record 1: decode JSON"},
		{name: "unknown column", input: "id,nope\n", format: CSV, wantErr: `unknown column "nope"`},
		{name: "column twice", input: "id,id\n", format: CSV, wantErr: `column "id" appears twice`},
		{name: "csv id not a UUID", input: "id\nnot-a-uuid\n", format: CSV, wantErr: "record 1: column id: invalid UUID"},
		{name: "unknown format", input: "", format: "xml", wantErr: `unknown input format "xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newStore()
			d := deps(store, tt.input, tt.format, tt.batchSize)
			d.DryRun = tt.dryRun
			err := Run(t.Context(), d)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Run = %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := len(stored(t, store)); got != tt.wantRecords {
				t.Errorf("stored %d records, want %d", got, tt.wantRecords)
			}
			if store.batches != tt.wantBatches {
				t.Errorf("wrote %d batches, want %d", store.batches, tt.wantBatches)
			}
		})
	}
}

// TestRunAgainDuplicatesNothing loads the same records twice, as a rerun
// after a crash does, in either format: the second run replaces every
// record, keeping its ID and CreatedAt.
func TestRunAgainDuplicatesNothing(t *testing.T) {
	const n = 7
	input := map[string]string{NDJSON: fixtureNDJSON(t, n), CSV: fixtureCSV(t, n)}
	loads := []time.Time{time.Date(2030, 3, 1, 2, 0, 0, 0, time.UTC), time.Date(2030, 3, 2, 2, 0, 0, 0, time.UTC)}
	for _, formats := range [][2]string{{NDJSON, NDJSON}, {CSV, CSV}, {CSV, NDJSON}} {
		t.Run(formats[0]+" then "+formats[1], func(t *testing.T) {
			store := newStore()
			var first []tags.Tag
			for i, format := range formats {
				d := deps(store, input[format], format, 3)
				d.Now = func() time.Time { return loads[i] }
				if err := Run(t.Context(), d); err != nil {
					t.Fatalf("run %d: %v", i+1, err)
				}
				items := stored(t, store)
				if len(items) != n {
					t.Fatalf("after run %d: %d records stored, want %d", i+1, len(items), n)
				}
				if i == 0 {
					first = items
					continue
				}
				for j, item := range items {
					want := first[j]
					if item.ID != want.ID || item.Version != 2 || !item.CreatedAt.Equal(loads[0]) || !item.UpdatedAt.Equal(loads[1]) {
						t.Errorf("after the rerun: %+v\nwant ID %s, version 2, created %v, updated %v", item, want.ID, loads[0], loads[1])
					}
				}
			}
		})
	}
}

func TestRunStopsBetweenBatchesWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	store := newStore()
	store.afterBatch = cancel // as if SIGTERM arrived while the first batch was written
	err := Run(ctx, deps(store, fixtureNDJSON(t, 5), NDJSON, 2))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	if !strings.Contains(err.Error(), "stopped after 2 records") {
		t.Errorf("error %q does not say how far the job got", err)
	}
	if got := len(stored(t, store)); got != 2 {
		t.Errorf("stored %d records, want the first batch of 2 only", got)
	}
}

func TestRecordItem(t *testing.T) {
	now := time.Date(2030, 3, 1, 2, 0, 0, 0, time.UTC)
	item := func(rec Record) tags.Tag {
		t.Helper()
		it, err := rec.item(now)
		if err != nil {
			t.Fatal(err)
		}
		return it
	}
	given := uuid.Must(uuid.NewV7())
	if got := item(Record{ID: given, Input: sample(1)}).ID; got != given {
		t.Errorf("a record with an ID got ID %s, want %s", got, given)
	}
	derived := item(Record{Input: sample(1)})
	if derived.ID == uuid.Nil || derived.ID != item(Record{Input: sample(1)}).ID {
		t.Errorf("equal records got IDs %s and %s, want one derived ID", derived.ID, item(Record{Input: sample(1)}).ID)
	}
	if other := item(Record{Input: sample(2)}); other.ID == derived.ID {
		t.Errorf("different records share the derived ID %s", derived.ID)
	}
	if derived.Version != 1 || !derived.CreatedAt.Equal(now) || !derived.UpdatedAt.Equal(now) {
		t.Errorf("item %+v: want version 1, created and updated at %v", derived, now)
	}

	rec := Record{Input: sample(1)}
	in := &rec.Input
	in.Label = strings.Repeat("é", 10001) // label too long
	_, err := rec.item(now)
	if ve, ok := errors.AsType[*tags.ValidationError](err); !ok || ve.Field != "label" {
		t.Errorf("item of an invalid record: %v, want a *tags.ValidationError for label", err)
	}
}

func TestFormatFromName(t *testing.T) {
	for name, want := range map[string]string{"in.csv": CSV, "IN.CSV": CSV, "in.ndjson": NDJSON, "-": NDJSON} {
		if got := FormatFromName(name); got != want {
			t.Errorf("FormatFromName(%q) = %q, want %q", name, got, want)
		}
	}
}
