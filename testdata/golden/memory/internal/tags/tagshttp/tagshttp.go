// Package tagshttp serves the tags service over HTTP, and provides a
// Client that calls those endpoints and implements tags.Service, so that
// callers behave the same whether the service runs in-process or remotely.
package tagshttp

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"

	"example.com/shop/internal/platform/httpx"
	"example.com/shop/internal/platform/middleware"
	"example.com/shop/internal/tags"
)

// basePath is where internal/app mounts Routes; the Location header and the
// Client build their paths on it.
const basePath = "/v1/tags"

// Routes returns the tags endpoints, with paths relative to where they are mounted:
//
//	GET    /      list, oldest first (?limit=1..200, default 50; ?cursor=next_cursor)
//	POST   /      create: 201 with a Location header
//	GET    /{id}  get
//	PUT    /{id}  update: the body holds every field and the version last read; 409 if it changed since
//	DELETE /{id}  delete: 204
func Routes(svc tags.Service, log *slog.Logger) http.Handler {
	h := handler{svc: svc, log: log}
	r := chi.NewRouter()
	r.NotFound(httpx.NotFound)
	r.MethodNotAllowed(httpx.MethodNotAllowedFor(r))
	r.Get("/", h.list)
	r.Post("/", h.create)
	r.Get("/{id}", h.get)
	r.Put("/{id}", h.update)
	r.Delete("/{id}", h.delete)
	return r
}

// updateRequest is the body of PUT /{id}: every field, and the version they replace.
type updateRequest struct {
	tags.Input
	Version int64 `json:"version"`
}

type handler struct {
	svc tags.Service
	log *slog.Logger
}

func (h handler) list(w http.ResponseWriter, r *http.Request) {
	p, err := listParams(r.URL.Query())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.svc.List(r.Context(), p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, page)
}

func (h handler) get(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	tagItem, err := h.svc.Get(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, tagItem)
}

func (h handler) create(w http.ResponseWriter, r *http.Request) {
	var in tags.Input
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	tagItem, err := h.svc.Create(r.Context(), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", basePath+"/"+tagItem.ID.String())
	httpx.WriteJSON(w, http.StatusCreated, tagItem)
}

func (h handler) update(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req updateRequest
	if err := httpx.DecodeJSON(w, r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	tagItem, err := h.svc.Update(r.Context(), id, req.Input, req.Version)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, tagItem)
}

func (h handler) delete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.svc.Delete(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// fail answers err in the shared error shape; it logs, with the request ID,
// only the failures it hides behind a 500.
func (h handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	invalid, isInvalid := errors.AsType[*tags.ValidationError](err)
	_, isHTTP := errors.AsType[*httpx.Error](err)
	switch {
	case isInvalid:
		httpx.Fail(w, r, &httpx.Error{Status: http.StatusBadRequest, Code: "invalid_field", Message: invalid.Error(), Field: invalid.Field})
	case errors.Is(err, tags.ErrNotFound):
		httpx.WriteError(w, r, http.StatusNotFound, "not_found", "tag not found")
	case errors.Is(err, tags.ErrConflict):
		httpx.WriteError(w, r, http.StatusConflict, "conflict", "tag changed since it was read: get it again and retry with its version")
	case isHTTP:
		httpx.Fail(w, r, err)
	default:
		h.log.ErrorContext(r.Context(), "tags request failed",
			slog.Any("error", err),
			slog.String("request_id", middleware.RequestIDFrom(r.Context())),
		)
		httpx.Fail(w, r, err)
	}
}

// pathID returns the {id} of the request path, or a 400 *httpx.Error.
func pathID(r *http.Request) (uuid.UUID, error) {
	id, err := uuid.Parse(chi.URLParam(r, "id"))
	if err != nil {
		return uuid.Nil, &httpx.Error{Status: http.StatusBadRequest, Code: "invalid_id", Message: "id must be a UUID", Err: err}
	}
	return id, nil
}

// listParams reads ?limit= and ?cursor=; the service checks the limit's range.
func listParams(q url.Values) (tags.ListParams, error) {
	var p tags.ListParams
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return p, &tags.ValidationError{Field: "limit", Message: "must be a whole number"}
		}
		p.Limit = n
	}
	if s := q.Get("cursor"); s != "" {
		id, err := uuid.Parse(s)
		if err != nil {
			return p, &tags.ValidationError{Field: "cursor", Message: "must be the next_cursor of a previous page"}
		}
		p.Cursor = id
	}
	return p, nil
}
