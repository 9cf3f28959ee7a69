// Package httpx holds the JSON response and error conventions shared by every
// HTTP handler: errors always look like {"error":{"code":"...","message":"..."}}.
package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
)

// Error is a client-facing failure that carries its HTTP status and error code.
type Error struct {
	Status  int
	Code    string
	Message string
	Field   string // the request field at fault, if any; sent to the client as "field"
	Err     error  // underlying cause, logged but never sent to the client
}

// Error returns the client-facing message.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// WriteJSON writes v as JSON with the given status; it panics if v cannot be
// encoded, a programming error that the Recover middleware reports as a 500.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	// Encode into a pooled buffer, before anything is written: json.Marshal
	// would copy its result into a new slice, and appending the newline
	// would copy it again.
	e := encoders.Get().(*encoder)
	defer e.put()
	if err := e.enc.Encode(v); err != nil { // Encode adds the newline
		panic(fmt.Errorf("httpx: encode %T: %w", v, err))
	}
	// The keys are already canonical, so index the map instead of calling
	// Header.Set, which canonicalises the key on every response; both values
	// share one allocation, each capped so an append cannot reach the other.
	values := []string{"application/json", "nosniff"}
	h := w.Header()
	h["Content-Type"] = values[0:1:1]
	h["X-Content-Type-Options"] = values[1:2:2]
	w.WriteHeader(status)
	_, _ = w.Write(e.buf.Bytes())
}

// encoder is a JSON encoder with the buffer it writes to, reused through
// encoders.
type encoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var encoders = sync.Pool{New: func() any {
	e := new(encoder)
	e.enc = json.NewEncoder(&e.buf)
	return e
}}

// put empties e and returns it to encoders, unless its buffer grew past
// 64 KiB: a rare large response should not pin its memory for good.
func (e *encoder) put() {
	if e.buf.Cap() > 64<<10 {
		return
	}
	e.buf.Reset()
	encoders.Put(e)
}

// WriteError writes the shared JSON error shape with the given status, code and message.
func WriteError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	WriteJSON(w, status, errorBody{Error: errorDetail{Code: code, Message: message}})
}

// Fail writes err in the JSON error shape: an *Error with its own status,
// code, message and field, anything else as an opaque 500 so that internal
// details never leak.
func Fail(w http.ResponseWriter, r *http.Request, err error) {
	if e, ok := errors.AsType[*Error](err); ok {
		WriteJSON(w, e.Status, errorBody{Error: errorDetail{Code: e.Code, Message: e.Message, Field: e.Field}})
		return
	}
	WriteError(w, r, http.StatusInternalServerError, "internal", "internal server error")
}

// NotFound answers 404 in the JSON error shape for a path that no route
// matches. Its code, route_not_found, differs from the not_found of a
// missing item, so that a client pointed at the wrong server can tell the two
// apart.
func NotFound(w http.ResponseWriter, r *http.Request) {
	WriteError(w, r, http.StatusNotFound, "route_not_found", "no such route")
}

// MethodNotAllowed answers 405 in the JSON error shape.
func MethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	WriteError(w, r, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed")
}

// DecodeJSON decodes a single JSON value from the request body into dst,
// rejecting unknown fields and trailing data; any error it returns is an *Error.
func DecodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return &Error{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type", Message: "Content-Type must be application/json"}
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		if e := decodeError(err); e.Status == http.StatusRequestEntityTooLarge {
			return e
		}
		return badRequest("request body must contain a single JSON value", err)
	}
	return nil
}

func decodeError(err error) *Error {
	if maxErr, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return &Error{
			Status:  http.StatusRequestEntityTooLarge,
			Code:    "request_too_large",
			Message: fmt.Sprintf("request body must not exceed %d bytes", maxErr.Limit),
			Err:     err,
		}
	}
	if syntaxErr, ok := errors.AsType[*json.SyntaxError](err); ok {
		return badRequest(fmt.Sprintf("malformed JSON at byte %d", syntaxErr.Offset), err)
	}
	if typeErr, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		if typeErr.Field != "" {
			return badRequest(fmt.Sprintf("field %q must be of type %s", typeErr.Field, typeErr.Type), err)
		}
		return badRequest(fmt.Sprintf("wrong JSON type at byte %d", typeErr.Offset), err)
	}
	if _, ok := errors.AsType[*json.InvalidUnmarshalError](err); ok {
		panic(fmt.Errorf("httpx: DecodeJSON needs a non-nil pointer: %w", err))
	}
	switch {
	case errors.Is(err, io.EOF):
		return badRequest("request body must not be empty", err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("malformed JSON", err)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return badRequest("unknown field "+strings.TrimPrefix(err.Error(), "json: unknown field "), err)
	}
	return badRequest("invalid request body", err)
}

func badRequest(message string, err error) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "invalid_json", Message: message, Err: err}
}
