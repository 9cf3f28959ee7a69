package tagshttp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"

	"example.com/shop/internal/platform/httpx"
	"example.com/shop/internal/platform/middleware"
	"example.com/shop/internal/tags"
	"example.com/shop/internal/tags/tagshttp"
	"example.com/shop/internal/tags/tagstest"
)

// newServer serves svc the way internal/app does, under /v1/tags with the
// request ID and body limit middleware, and returns the server's base URL.
func newServer(t *testing.T, svc tags.Service, log *slog.Logger, maxBody int64) string {
	t.Helper()
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.MaxBodyBytes(maxBody))
	r.Mount("/v1/tags", tagshttp.Routes(svc, log))
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestService runs the same behaviour checks in-process and through the
// Client over HTTP: the proof that serving the service remotely changes
// nothing for its callers.
func TestService(t *testing.T) {
	tests := []struct {
		name       string
		newService func(t *testing.T) tags.Service
	}{
		{"in-process", func(*testing.T) tags.Service {
			return tags.NewService(tags.NewMemoryStore())
		}},
		{"client over HTTP", func(t *testing.T) tags.Service {
			base := newServer(t, tags.NewService(tags.NewMemoryStore()), slog.New(slog.DiscardHandler), 1<<20)
			return tagshttp.NewClient(base, &http.Client{Timeout: 10 * time.Second})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tagstest.TestService(t, tt.newService)
		})
	}
}

// failingStore fails every call with an error that must not reach clients.
type failingStore struct{}

var errSecret = errors.New("dial 10.0.0.5: password hunter2 rejected")

func (failingStore) List(context.Context, uuid.UUID, int) ([]tags.Tag, error) {
	return nil, errSecret
}

func (failingStore) Get(context.Context, uuid.UUID) (tags.Tag, error) {
	return tags.Tag{}, errSecret
}

func (failingStore) Create(context.Context, tags.Tag) error { return errSecret }

func (failingStore) Update(context.Context, uuid.UUID, tags.Input, int64, time.Time) (tags.Tag, error) {
	return tags.Tag{}, errSecret
}

func (failingStore) Delete(context.Context, uuid.UUID) error { return errSecret }

func (failingStore) Upsert(context.Context, []tags.Tag) error { return errSecret }

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRoutes(t *testing.T) {
	const maxBody = 4096
	valid := mustJSON(t, tagstest.Sample(1))
	update := func(version int64) string {
		return mustJSON(t, struct {
			tags.Input
			Version int64 `json:"version"`
		}{tagstest.Sample(2), version})
	}
	unknown := uuid.Must(uuid.NewV7()).String()
	tests := []struct {
		name        string
		store       tags.Store // nil means a memory store holding one tagItem, {id}
		method      string
		path        string // {id} is replaced by the ID of the stored tagItem
		contentType string // defaults to application/json
		body        string
		wantStatus  int
		wantCode    string // error code; "" for a success
		wantField   string
		wantAllow   string // the Allow header of a 405
	}{
		{name: "list", method: "GET", path: "/v1/tags", wantStatus: 200},
		{name: "list with a trailing slash", method: "GET", path: "/v1/tags/?limit=1", wantStatus: 200},
		{name: "list limit not a number", method: "GET", path: "/v1/tags?limit=ten", wantStatus: 400, wantCode: "invalid_field", wantField: "limit"},
		{name: "list limit too large", method: "GET", path: "/v1/tags?limit=201", wantStatus: 400, wantCode: "invalid_field", wantField: "limit"},
		{name: "list cursor malformed", method: "GET", path: "/v1/tags?cursor=abc", wantStatus: 400, wantCode: "invalid_field", wantField: "cursor"},
		{name: "get", method: "GET", path: "/v1/tags/{id}", wantStatus: 200},
		{name: "get malformed id", method: "GET", path: "/v1/tags/not-a-uuid", wantStatus: 400, wantCode: "invalid_id"},
		{name: "get unknown id", method: "GET", path: "/v1/tags/" + unknown, wantStatus: 404, wantCode: "not_found"},
		{name: "create", method: "POST", path: "/v1/tags", body: valid, wantStatus: 201},
		{name: "create malformed JSON", method: "POST", path: "/v1/tags", body: `{"title":`, wantStatus: 400, wantCode: "invalid_json"},
		{name: "create unknown field", method: "POST", path: "/v1/tags", body: `{"admin":true}`, wantStatus: 400, wantCode: "invalid_json"},
		{name: "create not an object", method: "POST", path: "/v1/tags", body: `[1]`, wantStatus: 400, wantCode: "invalid_json"},
		{name: "create without JSON content type", method: "POST", path: "/v1/tags", contentType: "text/plain", body: valid, wantStatus: 415, wantCode: "unsupported_media_type"},
		{name: "create body too large", method: "POST", path: "/v1/tags", body: `{"padding":"` + strings.Repeat("a", maxBody) + `"}`, wantStatus: 413, wantCode: "request_too_large"},
		{name: "update", method: "PUT", path: "/v1/tags/{id}", body: update(1), wantStatus: 200},
		{name: "update stale version", method: "PUT", path: "/v1/tags/{id}", body: update(7), wantStatus: 409, wantCode: "conflict"},
		{name: "update without version", method: "PUT", path: "/v1/tags/{id}", body: valid, wantStatus: 400, wantCode: "invalid_field", wantField: "version"},
		{name: "update unknown id", method: "PUT", path: "/v1/tags/" + unknown, body: update(1), wantStatus: 404, wantCode: "not_found"},
		{name: "update malformed id", method: "PUT", path: "/v1/tags/42", body: update(1), wantStatus: 400, wantCode: "invalid_id"},
		{name: "delete", method: "DELETE", path: "/v1/tags/{id}", wantStatus: 204},
		{name: "delete unknown id", method: "DELETE", path: "/v1/tags/" + unknown, wantStatus: 404, wantCode: "not_found"},
		{name: "method not allowed", method: "PATCH", path: "/v1/tags/{id}", wantStatus: 405, wantCode: "method_not_allowed", wantAllow: "GET, PUT, DELETE"},
		{name: "method not allowed on the list", method: "DELETE", path: "/v1/tags", wantStatus: 405, wantCode: "method_not_allowed", wantAllow: "GET, POST"},
		{name: "store failure", store: failingStore{}, method: "GET", path: "/v1/tags/" + unknown, wantStatus: 500, wantCode: "internal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := tt.store
			var stored tags.Tag
			if store == nil {
				store = tags.NewMemoryStore()
				var err error
				if stored, err = tags.NewService(store).Create(t.Context(), tagstest.Sample(1)); err != nil {
					t.Fatal(err)
				}
			}
			base := newServer(t, tags.NewService(store), slog.New(slog.DiscardHandler), maxBody)
			req, err := http.NewRequest(tt.method, base+strings.ReplaceAll(tt.path, "{id}", stored.ID.String()), strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct {
				ID    uuid.UUID `json:"id"`
				Error struct {
					Code    string `json:"code"`
					Message string `json:"message"`
					Field   string `json:"field"`
				} `json:"error"`
			}
			if resp.StatusCode != http.StatusNoContent {
				if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
					t.Fatalf("status %d, body not JSON: %v", resp.StatusCode, err)
				}
			}
			if resp.StatusCode != tt.wantStatus || body.Error.Code != tt.wantCode || body.Error.Field != tt.wantField {
				t.Errorf("got %d %+v, want %d code %q field %q", resp.StatusCode, body.Error, tt.wantStatus, tt.wantCode, tt.wantField)
			}
			if got := resp.Header.Get("Allow"); got != tt.wantAllow {
				t.Errorf("Allow = %q, want %q", got, tt.wantAllow)
			}
			if tt.wantField != "" && !strings.Contains(body.Error.Message, tt.wantField) {
				t.Errorf("message %q does not name the field %q", body.Error.Message, tt.wantField)
			}
			if strings.Contains(body.Error.Message, "hunter2") {
				t.Errorf("response leaks the cause: %q", body.Error.Message)
			}
			if tt.wantStatus == http.StatusCreated {
				if want := "/v1/tags/" + body.ID.String(); resp.Header.Get("Location") != want {
					t.Errorf("Location = %q, want %q", resp.Header.Get("Location"), want)
				}
			}
		})
	}
}

// TestRoutesValidate sends every invalid input that JSON can carry past the
// Client's own checks, so that the server's validation answers it.
func TestRoutesValidate(t *testing.T) {
	base := newServer(t, tags.NewService(tags.NewMemoryStore()), slog.New(slog.DiscardHandler), 1<<20)
	for _, tt := range tagstest.InvalidInputs() {
		body, err := json.Marshal(tt.Input)
		if err != nil {
			continue // JSON cannot carry NaN, infinities or broken JSON values; the Client refuses them itself
		}
		t.Run(tt.Name, func(t *testing.T) {
			resp, err := http.Post(base+"/v1/tags", "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var got struct {
				Error struct {
					Code    string `json:"code"`
					Message string `json:"message"`
					Field   string `json:"field"`
				} `json:"error"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusBadRequest || got.Error.Code != "invalid_field" || got.Error.Field != tt.Field ||
				!strings.HasPrefix(got.Error.Message, "invalid "+tt.Field+": ") {
				t.Errorf("got %d %+v, want 400 invalid_field naming %q", resp.StatusCode, got.Error, tt.Field)
			}
		})
	}
}

func TestStoreFailureIsLoggedWithRequestID(t *testing.T) {
	var buf bytes.Buffer
	base := newServer(t, tags.NewService(failingStore{}), slog.New(slog.NewJSONHandler(&buf, nil)), 1<<20)
	req, err := http.NewRequest(http.MethodGet, base+"/v1/tags", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Request-ID", "req-42")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("want one JSON log line, got %q: %v", buf.String(), err)
	}
	cause, _ := line["error"].(string)
	if resp.StatusCode != http.StatusInternalServerError || line["request_id"] != "req-42" || !strings.Contains(cause, "hunter2") {
		t.Errorf("status %d, log line %v: want 500 and a line with the request id and the cause", resp.StatusCode, line)
	}
}

func TestClientMapsErrorResponses(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		body      string
		wantIs    error
		wantField string
		wantText  string
	}{
		{"not found", 404, `{"error":{"code":"not_found","message":"tag not found"}}`, tags.ErrNotFound, "", ""},
		{"conflict", 409, `{"error":{"code":"conflict","message":"changed"}}`, tags.ErrConflict, "", ""},
		{"invalid field", 400, `{"error":{"code":"invalid_field","message":"invalid title: must not be empty","field":"title"}}`, nil, "title", "invalid title: must not be empty"},
		{"internal", 500, `{"error":{"code":"internal","message":"internal server error"}}`, nil, "", "status 500: internal server error"},
		{"proxy page", 502, `<html>bad gateway</html>`, nil, "", "status 502: Bad Gateway"},
		{"route missing", 404, `404 page not found`, nil, "", "status 404: Not Found"},
		{"success that is not JSON", 200, `<html>`, nil, "", "decode response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			_, err := tagshttp.NewClient(srv.URL, srv.Client()).Get(t.Context(), uuid.Must(uuid.NewV7()))
			if err == nil {
				t.Fatal("want an error")
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("err = %v, want %v", err, tt.wantIs)
			}
			if tt.wantIs == nil && (errors.Is(err, tags.ErrNotFound) || errors.Is(err, tags.ErrConflict)) {
				t.Errorf("err = %v, want neither ErrNotFound nor ErrConflict", err)
			}
			if ve, ok := errors.AsType[*tags.ValidationError](err); (tt.wantField != "") != ok || (ok && ve.Field != tt.wantField) {
				t.Errorf("err = %#v, want a *ValidationError for %q: %v", err, tt.wantField, ok)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("err = %q, want it to contain %q", err, tt.wantText)
			}
		})
	}
}

// TestClientOnAServerWithoutTheRoutes points the Client at a server that does
// not mount /v1/tags, as a monolith that has split tags off: every call
// fails with an error that names the URL and the variable to check, and none
// looks like a missing tagItem.
func TestClientOnAServerWithoutTheRoutes(t *testing.T) {
	r := chi.NewRouter()
	r.NotFound(httpx.NotFound)
	r.MethodNotAllowed(httpx.MethodNotAllowedFor(r))
	srv := httptest.NewServer(r)
	defer srv.Close()
	c := tagshttp.NewClient(srv.URL, srv.Client())
	tests := []struct {
		name string
		call func(ctx context.Context, c *tagshttp.Client) error
	}{
		{"list", func(ctx context.Context, c *tagshttp.Client) error {
			_, err := c.List(ctx, tags.ListParams{})
			return err
		}},
		{"get", get},
		{"create", create},
		{"update", func(ctx context.Context, c *tagshttp.Client) error {
			_, err := c.Update(ctx, uuid.Must(uuid.NewV7()), tagstest.Sample(1), 1)
			return err
		}},
		{"delete", del},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call(t.Context(), c)
			if err == nil {
				t.Fatal("want an error")
			}
			if errors.Is(err, tags.ErrNotFound) {
				t.Errorf("err = %v, want an error that is not tags.ErrNotFound", err)
			}
			for _, want := range []string{srv.URL + "/v1/tags", "route_not_found", "TAGS_URL"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("err = %q, want it to name %q", err, want)
				}
			}
		})
	}
}

func TestClientForwardsRequestIDAndAuthorization(t *testing.T) {
	tests := []struct {
		name, requestID, auth string
	}{
		{"neither", "", ""},
		{"both", "req-42", "Bearer s3cret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gotID, gotAuth string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				gotID, gotAuth = r.Header.Get(middleware.RequestIDHeader), r.Header.Get("Authorization")
				w.WriteHeader(http.StatusNoContent)
			}))
			defer srv.Close()
			ctx := t.Context()
			if tt.requestID != "" {
				ctx = middleware.WithRequestID(ctx, tt.requestID)
			}
			if tt.auth != "" {
				ctx = middleware.WithAuthorization(ctx, tt.auth)
			}
			if err := tagshttp.NewClient(srv.URL, srv.Client()).Delete(ctx, uuid.Must(uuid.NewV7())); err != nil {
				t.Fatal(err)
			}
			if gotID != tt.requestID || gotAuth != tt.auth {
				t.Errorf("server saw request ID %q and Authorization %q, want %q and %q", gotID, gotAuth, tt.requestID, tt.auth)
			}
		})
	}
}

func TestClientRetries(t *testing.T) {
	const hangUp = 0 // a status of 0 closes the connection without a response
	tests := []struct {
		name         string
		call         func(ctx context.Context, c *tagshttp.Client) error
		statuses     []int // the server's answers, in turn; the last one repeats
		wantAttempts int
		wantErr      bool
	}{
		{"GET after 503 and 502", get, []int{503, 502, 200}, 3, false},
		{"GET after a dropped connection", get, []int{hangUp, 200}, 2, false},
		{"GET gives up after the last attempt", get, []int{504}, 3, true},
		{"GET not after 500", get, []int{500, 200}, 1, true},
		{"GET not after 404", get, []int{404, 200}, 1, true},
		{"DELETE after 503", del, []int{503, 204}, 2, false},
		{"POST never", create, []int{503, 201}, 1, true},
		{"POST not after a dropped connection", create, []int{hangUp, 201}, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			attempts := 0
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				status := tt.statuses[min(attempts, len(tt.statuses)-1)]
				attempts++
				mu.Unlock()
				if status == hangUp {
					conn, _, err := http.NewResponseController(w).Hijack()
					if err == nil {
						conn.Close()
					}
					return
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(status)
				if status < 300 && status != http.StatusNoContent {
					json.NewEncoder(w).Encode(tags.Tag{ID: uuid.Must(uuid.NewV7()), Version: 1})
				}
			}))
			defer srv.Close()
			c := tagshttp.NewClient(srv.URL, srv.Client())
			c.Backoff = time.Millisecond
			err := tt.call(t.Context(), c)
			if (err != nil) != tt.wantErr {
				t.Errorf("err = %v, want an error: %t", err, tt.wantErr)
			}
			mu.Lock()
			defer mu.Unlock()
			if attempts != tt.wantAttempts {
				t.Errorf("server saw %d attempts, want %d", attempts, tt.wantAttempts)
			}
		})
	}
}

func TestClientTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers
	}))
	defer srv.Close()
	c := tagshttp.NewClient(srv.URL, srv.Client())
	c.Timeout, c.Attempts = 20*time.Millisecond, 1
	_, err := c.Get(t.Context(), uuid.Must(uuid.NewV7()))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
}

func get(ctx context.Context, c *tagshttp.Client) error {
	_, err := c.Get(ctx, uuid.Must(uuid.NewV7()))
	return err
}

func del(ctx context.Context, c *tagshttp.Client) error {
	return c.Delete(ctx, uuid.Must(uuid.NewV7()))
}

func create(ctx context.Context, c *tagshttp.Client) error {
	_, err := c.Create(ctx, tagstest.Sample(1))
	return err
}
