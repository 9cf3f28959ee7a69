package hellohttp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/shop/internal/hello"
	"example.com/shop/internal/hello/hellohttp"
	"example.com/shop/internal/platform/middleware"
)

// failingService fails every call with an error that must not reach clients.
type failingService struct{}

func (failingService) Greet(context.Context, string) (hello.Greeting, error) {
	return hello.Greeting{}, errors.New("database password hunter2 rejected")
}

func TestRoutes(t *testing.T) {
	tests := []struct {
		name       string
		svc        hello.Service
		method     string
		path       string
		wantStatus int
		wantBody   string
	}{
		{"default name", hello.New(), http.MethodGet, "/", 200, `{"message":"Hello, world!"}`},
		{"given name", hello.New(), http.MethodGet, "/ada", 200, `{"message":"Hello, ada!"}`},
		{"escaped name", hello.New(), http.MethodGet, "/Zo%C3%AB", 200, `{"message":"Hello, Zoë!"}`},
		{"invalid name", hello.New(), http.MethodGet, "/" + strings.Repeat("a", 65), 400,
			`{"error":{"code":"invalid_name","message":"invalid name: must be at most 64 characters"}}`},
		{"control character", hello.New(), http.MethodGet, "/a%01b", 400,
			`{"error":{"code":"invalid_name","message":"invalid name: must not contain control characters"}}`},
		{"service failure", failingService{}, http.MethodGet, "/ada", 500,
			`{"error":{"code":"internal","message":"internal server error"}}`},
		{"unknown path", hello.New(), http.MethodGet, "/a/b", 404,
			`{"error":{"code":"route_not_found","message":"no such route"}}`},
		{"wrong method", hello.New(), http.MethodPost, "/ada", 405,
			`{"error":{"code":"method_not_allowed","message":"method not allowed"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := hellohttp.Routes(tt.svc, slog.New(slog.DiscardHandler))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))

			if rec.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
			if got := strings.TrimSpace(rec.Body.String()); got != tt.wantBody {
				t.Errorf("body = %s, want %s", got, tt.wantBody)
			}
			wantAllow := ""
			if tt.wantStatus == http.StatusMethodNotAllowed {
				wantAllow = "GET" // every route of hello
			}
			if got := rec.Header().Get("Allow"); got != wantAllow {
				t.Errorf("Allow = %q, want %q", got, wantAllow)
			}
		})
	}
}

func TestServiceFailureIsLoggedWithRequestID(t *testing.T) {
	var buf bytes.Buffer
	h := middleware.RequestID(hellohttp.Routes(failingService{}, slog.New(slog.NewJSONHandler(&buf, nil))))
	r := httptest.NewRequest(http.MethodGet, "/ada", nil)
	r.Header.Set("X-Request-ID", "req-42")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)

	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("want one JSON log line, got %q: %v", buf.String(), err)
	}
	cause, _ := line["error"].(string)
	if line["request_id"] != "req-42" || !strings.Contains(cause, "hunter2") {
		t.Errorf("log line %v lacks the request id or the cause", line)
	}
	if strings.Contains(rec.Body.String(), "hunter2") {
		t.Errorf("response leaks the cause: %s", rec.Body.String())
	}
}
