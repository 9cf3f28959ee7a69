package middleware

import (
	"fmt"
	"net/http"

	"example.com/shop/internal/platform/httpx"
)

// MaxBodyBytes limits request bodies to n bytes: a declared larger body is
// refused with 413 at once, and reading past n fails with *http.MaxBytesError.
func MaxBodyBytes(n int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > n {
				httpx.WriteError(w, r, http.StatusRequestEntityTooLarge, "request_too_large",
					fmt.Sprintf("request body must not exceed %d bytes", n))
				return
			}
			if r.Body != nil && r.Body != http.NoBody { // most GETs have no body to limit
				r.Body = http.MaxBytesReader(w, r.Body, n)
			}
			next.ServeHTTP(w, r)
		})
	}
}
