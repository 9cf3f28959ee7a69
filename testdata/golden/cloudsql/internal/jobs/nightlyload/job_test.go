package nightlyload

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// sink collects what Run writes.
type sink struct {
	mu      sync.Mutex
	batches [][]Record
}

func (s *sink) write(ctx context.Context, batch []Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.batches = append(s.batches, append([]Record(nil), batch...))
	return nil
}

func (s *sink) records() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, b := range s.batches {
		n += len(b)
	}
	return n
}

const fixtureNDJSON = `{"id":"a","title":"first"}
{"id":"b","title":"second"}
{"id":"c","title":"third"}
{"id":"d","title":"fourth"}
{"id":"e","title":"fifth"}
`

const fixtureCSV = `id,title
a,first
b,second
c,third
`

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
		{name: "ndjson in batches", input: fixtureNDJSON, format: NDJSON, batchSize: 2, wantRecords: 5, wantBatches: 3},
		{name: "csv", input: fixtureCSV, format: CSV, batchSize: 10, wantRecords: 3, wantBatches: 1},
		{name: "empty input", input: "", format: NDJSON, wantRecords: 0, wantBatches: 0},
		{name: "dry run writes nothing", input: fixtureNDJSON, format: NDJSON, dryRun: true},
		{name: "not an object", input: "{\"id\":\"a\"}\n[1,2]\n", format: NDJSON, wantErr: "record 2: not a JSON object"},
		{name: "unknown format", input: fixtureNDJSON, format: "xml", wantErr: `unknown input format "xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s sink
			err := Run(t.Context(), Deps{
				Log: slog.New(slog.DiscardHandler), Input: strings.NewReader(tt.input), Format: tt.format,
				BatchSize: tt.batchSize, DryRun: tt.dryRun, Write: s.write,
			})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Run = %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.records(); got != tt.wantRecords {
				t.Errorf("wrote %d records, want %d", got, tt.wantRecords)
			}
			if got := len(s.batches); got != tt.wantBatches {
				t.Errorf("wrote %d batches, want %d", got, tt.wantBatches)
			}
		})
	}
}

func TestRunStopsBetweenBatchesWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var s sink
	write := func(ctx context.Context, batch []Record) error {
		cancel() // as if SIGTERM arrived while the first batch was written
		return s.write(ctx, batch)
	}
	err := Run(ctx, Deps{Log: slog.New(slog.DiscardHandler), Input: strings.NewReader(fixtureNDJSON), Format: NDJSON, BatchSize: 2, Write: write})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	if !strings.Contains(err.Error(), "stopped after 2 records") {
		t.Errorf("error %q does not say how far the job got", err)
	}
	if got := s.records(); got != 2 {
		t.Errorf("wrote %d records, want the first batch of 2 only", got)
	}
}

func TestFormatFromName(t *testing.T) {
	for name, want := range map[string]string{"in.csv": CSV, "IN.CSV": CSV, "in.ndjson": NDJSON, "-": NDJSON} {
		if got := FormatFromName(name); got != want {
			t.Errorf("FormatFromName(%q) = %q, want %q", name, got, want)
		}
	}
}
