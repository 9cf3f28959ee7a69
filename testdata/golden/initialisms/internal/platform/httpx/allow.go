package httpx

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
)

// methods are the request methods that an Allow header may list, in the
// order it lists them.
var methods = []string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace,
}

// MethodNotAllowedFor returns the 405 handler of routes, for
// routes.MethodNotAllowed: MethodNotAllowed's answer, with the Allow header
// that RFC 9110 requires, listing the methods routes serves at the request's
// path. chi sets no Allow header once a custom 405 handler is installed.
func MethodNotAllowedFor(routes chi.Routes) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", strings.Join(allowed(routes, r), ", "))
		MethodNotAllowed(w, r)
	}
}

// allowed lists the methods that routes serves at r's path, the path as
// routes sees it: below its mount point when it is mounted.
func allowed(routes chi.Routes, r *http.Request) []string {
	path := r.URL.Path
	if r.URL.RawPath != "" {
		path = r.URL.RawPath
	}
	if rctx := chi.RouteContext(r.Context()); rctx != nil && rctx.RoutePath != "" {
		path = rctx.RoutePath
	}
	var list []string
	for _, m := range methods {
		if routes.Match(chi.NewRouteContext(), m, path) {
			list = append(list, m)
		}
	}
	return list
}
