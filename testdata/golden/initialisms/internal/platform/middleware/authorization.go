package middleware

import (
	"context"
	"net/http"
)

type authorizationKey struct{}

// Authorization stores the request's Authorization header in the context,
// so that the service clients pass the caller's credentials on to the
// services they call.
func Authorization(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if auth := r.Header.Get("Authorization"); auth != "" {
			r = r.WithContext(WithAuthorization(r.Context(), auth))
		}
		next.ServeHTTP(w, r)
	})
}

// WithAuthorization returns a copy of ctx that carries the Authorization
// header value auth, as Authorization stores it.
func WithAuthorization(ctx context.Context, auth string) context.Context {
	return context.WithValue(ctx, authorizationKey{}, auth)
}

// AuthorizationFrom returns the Authorization header value stored by
// Authorization, or "" if there is none.
func AuthorizationFrom(ctx context.Context) string {
	auth, _ := ctx.Value(authorizationKey{}).(string)
	return auth
}
