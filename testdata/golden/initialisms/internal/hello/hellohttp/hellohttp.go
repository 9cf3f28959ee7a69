// Package hellohttp exposes the hello service over HTTP.
package hellohttp

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"

	"example.com/shop/internal/hello"
	"example.com/shop/internal/platform/httpx"
	"example.com/shop/internal/platform/middleware"
)

// Routes returns the hello endpoints, with paths relative to where they are mounted.
func Routes(svc hello.Service, log *slog.Logger) http.Handler {
	h := handler{svc: svc, log: log}
	r := chi.NewRouter()
	r.NotFound(httpx.NotFound)
	r.MethodNotAllowed(httpx.MethodNotAllowedFor(r))
	r.Get("/", h.greet)
	r.Get("/{name}", h.greet)
	return r
}

type handler struct {
	svc hello.Service
	log *slog.Logger
}

func (h handler) greet(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	if name == "" {
		name = "world"
	}
	g, err := h.svc.Greet(r.Context(), name)
	switch {
	case errors.Is(err, hello.ErrInvalidName):
		httpx.WriteError(w, r, http.StatusBadRequest, "invalid_name", err.Error())
	case err != nil:
		h.log.ErrorContext(r.Context(), "greet failed",
			slog.Any("error", err),
			slog.String("request_id", middleware.RequestIDFrom(r.Context())),
		)
		httpx.WriteError(w, r, http.StatusInternalServerError, "internal", "internal server error")
	default:
		httpx.WriteJSON(w, http.StatusOK, g)
	}
}
