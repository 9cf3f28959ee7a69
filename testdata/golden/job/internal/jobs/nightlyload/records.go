package nightlyload

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Input formats.
const (
	NDJSON = "ndjson"
	CSV    = "csv"
)

// Record is one input record: a JSON object, or a CSV row keyed by its
// header.
type Record map[string]any

// FormatFromName guesses the input format from a file name: .csv is CSV,
// anything else (stdin included) NDJSON.
func FormatFromName(name string) string {
	if strings.EqualFold(filepath.Ext(name), ".csv") {
		return CSV
	}
	return NDJSON
}

// recordReader yields the records of an input one at a time, so a large
// input never sits in memory whole.
type recordReader interface {
	// next returns the next record, or io.EOF after the last.
	next() (Record, error)
}

func newRecordReader(r io.Reader, format string) (recordReader, error) {
	switch format {
	case NDJSON:
		return &ndjsonReader{dec: json.NewDecoder(r)}, nil
	case CSV:
		cr := csv.NewReader(r)
		cr.ReuseRecord = false
		header, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return &csvReader{}, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read CSV header: %w", err)
		}
		return &csvReader{r: cr, header: header}, nil
	}
	return nil, fmt.Errorf("unknown input format %q: use %s or %s", format, NDJSON, CSV)
}

type ndjsonReader struct {
	dec *json.Decoder
}

func (r *ndjsonReader) next() (Record, error) {
	var rec Record
	if err := r.dec.Decode(&rec); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("not a JSON object: %w", err)
	}
	if rec == nil {
		return nil, errors.New("null is not a JSON object")
	}
	return rec, nil
}

type csvReader struct {
	r      *csv.Reader
	header []string
}

func (r *csvReader) next() (Record, error) {
	if r.r == nil {
		return nil, io.EOF
	}
	row, err := r.r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("read CSV: %w", err)
	}
	rec := make(Record, len(row))
	for i, v := range row {
		rec[r.header[i]] = v
	}
	return rec, nil
}
