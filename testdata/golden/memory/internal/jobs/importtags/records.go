package importtags

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"example.com/shop/internal/tags"
)

// Input formats.
const (
	NDJSON = "ndjson"
	CSV    = "csv"
)

// Record is one input record: the fields of a tagItem, as the tags
// service takes them, and optionally its ID. As NDJSON it is one object per
// line with the service's JSON names; as CSV, a header of those names and a
// row per record, times in RFC 3339, an empty cell leaving a field unset.
type Record struct {
	ID uuid.UUID `json:"id,omitzero"` // uuid.Nil derives the ID from the fields
	tags.Input
}

// idSpace is the name space of the IDs derived from records without one.
var idSpace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("example.com/shop/internal/tags"))

// item checks rec as the tags service would and returns the tagItem to store,
// stamped with now. A record without an ID gets the SHA-1 UUID of its
// normalized fields as JSON, so that loading it again replaces it.
func (rec Record) item(now time.Time) (tags.Tag, error) {
	item, err := tags.NewTag(rec.ID, rec.Input, now)
	if err != nil {
		return tags.Tag{}, err
	}
	if item.ID == uuid.Nil {
		canonical, err := json.Marshal(item.Input)
		if err != nil {
			return tags.Tag{}, fmt.Errorf("derive id: %w", err)
		}
		item.ID = uuid.NewSHA1(idSpace, canonical)
	}
	return item, nil
}

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
		dec := json.NewDecoder(r)
		dec.DisallowUnknownFields()
		return &ndjsonReader{dec: dec}, nil
	case CSV:
		cr := csv.NewReader(r)
		header, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return &csvReader{}, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read CSV header: %w", err)
		}
		for i, column := range header {
			if column != "id" && !slices.Contains(columns, column) {
				return nil, fmt.Errorf("CSV header: unknown column %q: want id or one of %s", column, strings.Join(columns, ", "))
			}
			if slices.Contains(header[:i], column) {
				return nil, fmt.Errorf("CSV header: column %q appears twice", column)
			}
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
			return Record{}, io.EOF
		}
		return Record{}, fmt.Errorf("decode JSON: %w", err)
	}
	return rec, nil
}

type csvReader struct {
	r      *csv.Reader
	header []string
}

func (r *csvReader) next() (Record, error) {
	if r.r == nil {
		return Record{}, io.EOF
	}
	row, err := r.r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return Record{}, io.EOF
		}
		return Record{}, fmt.Errorf("read CSV: %w", err)
	}
	var rec Record
	for i, v := range row {
		if err := rec.set(r.header[i], v); err != nil {
			return Record{}, fmt.Errorf("column %s: %w", r.header[i], err)
		}
	}
	return rec, nil
}

// columns are the CSV columns of the fields of tags.Input.
var columns = []string{"label", "ref"}

// set sets the field named column from its CSV text v; an empty v leaves
// the field unset.
func (rec *Record) set(column, v string) (err error) {
	if v == "" {
		return nil
	}
	in := &rec.Input
	switch column {
	case "id":
		rec.ID, err = uuid.Parse(v)
	case "label":
		in.Label = v
	case "ref":
		in.Ref, err = uuid.Parse(v)
	}
	return err
}
