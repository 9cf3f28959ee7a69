// Package middleware holds the HTTP middleware that wraps every request.
package middleware

import (
	"context"
	"math/rand/v2"
	"net/http"
)

// RequestIDHeader is the header that carries the request ID in both directions.
const RequestIDHeader = "X-Request-ID"

// requestIDKey is RequestIDHeader in the canonical form that http.Header
// stores, so that reading and writing it index the map directly instead of
// canonicalising (and allocating) the key on every request.
const requestIDKey = "X-Request-Id"

const maxRequestIDLen = 64

type requestIDCtxKey struct{}

// requestID is what RequestID stores in the context: the id, and the
// storage of the response header's value, in one allocation. (A string
// stored in a context directly is boxed in an allocation of its own, and
// the header's one-element slice is another.)
type requestID struct {
	id     string
	header [1]string
}

// RequestID reuses a short, visible-ASCII X-Request-ID from the client or
// generates a random one, echoes it in the response and stores it in the context.
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var id string
		if v := r.Header[requestIDKey]; len(v) > 0 {
			id = v[0]
		}
		if !validRequestID(id) {
			id = newRequestID()
		}
		v := &requestID{id: id, header: [1]string{id}}
		w.Header()[requestIDKey] = v.header[:]
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDCtxKey{}, v)))
	})
}

// WithRequestID returns a copy of ctx that carries the request ID id, as
// RequestID stores it: for calls that start outside a request, and tests.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDCtxKey{}, &requestID{id: id})
}

// RequestIDFrom returns the request ID stored by RequestID, or "" if there is none.
func RequestIDFrom(ctx context.Context) string {
	if v, ok := ctx.Value(requestIDCtxKey{}).(*requestID); ok {
		return v.id
	}
	return ""
}

// requestIDAlphabet is the base32 alphabet of crypto/rand.Text.
const requestIDAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// newRequestID returns 26 base32 characters (130 random bits), the shape of
// crypto/rand.Text. The bits come from math/rand/v2's global generator: a
// ChaCha8 stream per thread, seeded by the runtime from the operating system,
// so ids cannot be guessed from earlier ones, which is all that log
// correlation needs, and no getrandom system call is made per request. Do not
// use these ids as secrets or tokens: use crypto/rand for those.
func newRequestID() string {
	var b [26]byte
	var bits uint64
	for i := range b {
		if i%12 == 0 { // 12 characters use 60 of the 64 bits
			bits = rand.Uint64()
		}
		b[i] = requestIDAlphabet[bits&31]
		bits >>= 5
	}
	return string(b[:])
}

func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for i := range len(id) {
		if id[i] < '!' || id[i] > '~' {
			return false
		}
	}
	return true
}
