package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"example.com/shop/internal/platform/httpx"
)

func env(kv map[string]string) func(string) string {
	return func(key string) string { return kv[key] }
}

// newTestApp builds an App from the given environment with a silent logger.
// APP_ENV defaults to development, where services whose database is not
// configured keep their data in memory.
func newTestApp(t *testing.T, kv map[string]string) *App {
	t.Helper()
	withDefaults := map[string]string{"APP_ENV": "development"}
	maps.Copy(withDefaults, kv)
	cfg, err := LoadConfig(env(withDefaults))
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(t.Context(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := a.Close(); err != nil {
			t.Error(err)
		}
	})
	return a
}

// bareApp returns an App for the given environment with no service wired,
// to test one wire function; it writes its logs to logs as JSON lines.
func bareApp(t *testing.T, kv map[string]string, logs io.Writer) *App {
	t.Helper()
	cfg, err := LoadConfig(env(kv))
	if err != nil {
		t.Fatal(err)
	}
	a := &App{cfg: cfg, log: slog.New(slog.NewJSONHandler(logs, nil)), router: chi.NewRouter()}
	t.Cleanup(func() {
		if err := a.Close(); err != nil {
			t.Error(err)
		}
	})
	return a
}

// checkReadiness runs the readiness checks of a and fails t unless their
// names are want and they all pass.
func checkReadiness(t *testing.T, a *App, want ...string) {
	t.Helper()
	var names []string
	for _, c := range a.checks {
		names = append(names, c.name)
		if err := c.check(t.Context()); err != nil {
			t.Errorf("readiness check %s: %v", c.name, err)
		}
	}
	if !slices.Equal(names, want) {
		t.Errorf("readiness checks %q, want %q", names, want)
	}
}

func serve(a *App, r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, r)
	return rec
}

func assertJSON(t *testing.T, rec *httptest.ResponseRecorder, wantStatus int, wantBody string) {
	t.Helper()
	if rec.Code != wantStatus {
		t.Errorf("status = %d, want %d", rec.Code, wantStatus)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if got := strings.TrimSpace(rec.Body.String()); got != wantBody {
		t.Errorf("body = %s, want %s", got, wantBody)
	}
}

func TestLoadConfigDefaults(t *testing.T) {
	cfg, err := LoadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Port != 8080 || cfg.Env != "production" || cfg.LogLevel != "info" ||
		cfg.MaxBodyBytes != 1<<20 || cfg.TrustProxyHeaders || cfg.ShutdownTimeout != 15*time.Second ||
		cfg.ReadHeaderTimeout <= 0 || cfg.ReadTimeout <= 0 || cfg.WriteTimeout <= 0 || cfg.IdleTimeout <= 0 {
		t.Errorf("unexpected defaults %+v", cfg)
	}
	if len(cfg.CORS.AllowedOrigins) != 0 || cfg.CORS.AllowCredentials {
		t.Errorf("CORS must allow nobody by default: %+v", cfg.CORS)
	}
}

func TestLoadConfigOverrides(t *testing.T) {
	cfg, err := LoadConfig(env(map[string]string{
		"PORT": "9000", "APP_ENV": "development", "LOG_LEVEL": "debug", "SHUTDOWN_TIMEOUT": "3s",
		"MAX_BODY_BYTES": "10", "TRUST_PROXY_HEADERS": "true",
		"CORS_ALLOWED_ORIGINS": "https://a.example, https://b.example", "CORS_ALLOW_CREDENTIALS": "true",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Port != 9000 || cfg.Env != "development" || cfg.LogLevel != "debug" || cfg.ShutdownTimeout != 3*time.Second ||
		cfg.MaxBodyBytes != 10 || !cfg.TrustProxyHeaders || !cfg.CORS.AllowCredentials ||
		!slices.Equal(cfg.CORS.AllowedOrigins, []string{"https://a.example", "https://b.example"}) {
		t.Errorf("overrides not applied: %+v", cfg)
	}
}

// TestLoadConfigPortBounds checks the ends of the PORT range: 0 asks the
// kernel for any free port, which tests use to start servers without a race.
func TestLoadConfigPortBounds(t *testing.T) {
	for _, port := range []int{0, 1, 65535} {
		t.Run(strconv.Itoa(port), func(t *testing.T) {
			cfg, err := LoadConfig(env(map[string]string{"PORT": strconv.Itoa(port)}))
			if err != nil || cfg.Port != port {
				t.Errorf("LoadConfig(PORT=%d) = %d, %v; want %d, nil", port, cfg.Port, err, port)
			}
		})
	}
}

func TestLoadConfigInvalid(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"port not a number and level unknown", map[string]string{"PORT": "abc", "LOG_LEVEL": "loud"}, []string{`PORT: not an integer: "abc"`, `LOG_LEVEL: unknown log level "loud"`}},
		{"port out of range", map[string]string{"PORT": "70000"}, []string{"PORT: must be between 0 and 65535, got 70000"}},
		{"negative port", map[string]string{"PORT": "-1"}, []string{"PORT: must be between 0 and 65535, got -1"}},
		{"unknown env", map[string]string{"APP_ENV": "staging"}, []string{`APP_ENV: must be development or production, got "staging"`}},
		{"zero timeouts", map[string]string{"READ_TIMEOUT": "0s", "SHUTDOWN_TIMEOUT": "-1s"}, []string{"READ_TIMEOUT: must be positive", "SHUTDOWN_TIMEOUT: must be positive"}},
		{"body limit", map[string]string{"MAX_BODY_BYTES": "0"}, []string{"MAX_BODY_BYTES: must be positive"}},
		{"any origin with credentials", map[string]string{"CORS_ALLOWED_ORIGINS": "*", "CORS_ALLOW_CREDENTIALS": "true"}, []string{`CORS_ALLOWED_ORIGINS: origin "*" cannot be combined with credentials`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadConfig(env(tt.env))
			if err == nil {
				t.Fatal("want error")
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
		})
	}
}

func TestGetenv(t *testing.T) {
	a := bareApp(t, map[string]string{"DATABASE_URL": "  postgres://db  "}, io.Discard)
	if got := a.getenv("DATABASE_URL"); got != "postgres://db" {
		t.Errorf("getenv(DATABASE_URL) = %q, want it trimmed", got)
	}
	if got := a.getenv("UNSET"); got != "" {
		t.Errorf("getenv(UNSET) = %q, want empty", got)
	}
	if got := (&App{}).getenv("DATABASE_URL"); got != "" {
		t.Errorf("getenv on a Config not from LoadConfig = %q, want empty", got)
	}
}

func TestHealthz(t *testing.T) {
	a := newTestApp(t, nil)
	a.addReadiness("broken", func(context.Context) error { return errors.New("down") })
	rec := serve(a, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	assertJSON(t, rec, http.StatusOK, `{"status":"ok"}`)
}

func TestReadyz(t *testing.T) {
	ok := func(context.Context) error { return nil }
	down := func(context.Context) error { return errors.New("connection refused") }
	slow := func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }
	tests := []struct {
		name       string
		checks     map[string]func(context.Context) error
		wantStatus int
		wantBody   string
	}{
		{"no checks", nil, 200, `{"status":"ok"}`},
		{"all pass", map[string]func(context.Context) error{"db": ok, "cache": ok}, 200, `{"status":"ok"}`},
		{"one fails", map[string]func(context.Context) error{"db": ok, "cache": down}, 503,
			`{"error":{"code":"not_ready","message":"failing checks: cache"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestApp(t, nil)
			for name, check := range tt.checks {
				a.addReadiness(name, check)
			}
			assertJSON(t, serve(a, httptest.NewRequest(http.MethodGet, "/readyz", nil)), tt.wantStatus, tt.wantBody)
		})
	}

	t.Run("timeout", func(t *testing.T) {
		a := newTestApp(t, nil)
		a.addReadiness("slow", slow)
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		rec := serve(a, httptest.NewRequestWithContext(ctx, http.MethodGet, "/readyz", nil))
		assertJSON(t, rec, http.StatusServiceUnavailable, `{"error":{"code":"not_ready","message":"failing checks: slow"}}`)
	})
}

func TestUnknownRoutesUseErrorShape(t *testing.T) {
	tests := []struct {
		method, path string
		wantStatus   int
		wantBody     string
		wantAllow    string
	}{
		{http.MethodGet, "/nope", 404, `{"error":{"code":"route_not_found","message":"no such route"}}`, ""},
		{http.MethodPost, "/healthz", 405, `{"error":{"code":"method_not_allowed","message":"method not allowed"}}`, "GET"},
		{http.MethodDelete, "/readyz", 405, `{"error":{"code":"method_not_allowed","message":"method not allowed"}}`, "GET"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			a := newTestApp(t, nil)
			rec := serve(a, httptest.NewRequest(tt.method, tt.path, nil))
			assertJSON(t, rec, tt.wantStatus, tt.wantBody)
			if got := rec.Header().Get("Allow"); got != tt.wantAllow {
				t.Errorf("Allow = %q, want %q", got, tt.wantAllow)
			}
		})
	}
}

func TestCORSPreflightThroughStack(t *testing.T) {
	tests := []struct {
		name       string
		origin     string
		wantOrigin string
	}{
		{"configured origin", "https://app.example", "https://app.example"},
		{"other origin", "https://evil.example", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestApp(t, map[string]string{"CORS_ALLOWED_ORIGINS": "https://app.example"})
			r := httptest.NewRequest(http.MethodOptions, "/healthz", nil)
			r.Header.Set("Origin", tt.origin)
			r.Header.Set("Access-Control-Request-Method", "GET")
			rec := serve(a, r)

			if rec.Code != http.StatusNoContent {
				t.Errorf("status = %d, want 204", rec.Code)
			}
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.wantOrigin {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.wantOrigin)
			}
			if got := rec.Header().Get("Access-Control-Max-Age"); tt.wantOrigin != "" && got != "600" {
				t.Errorf("Access-Control-Max-Age = %q, want 600", got)
			}
			if rec.Header().Get("X-Request-ID") == "" {
				t.Error("preflight skipped the RequestID middleware")
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		chunked    bool
		wantStatus int
	}{
		{"within limit", `{"name":"ada"}`, false, http.StatusNoContent},
		{"declared too large", `{"name":"ada lovelace"}`, false, http.StatusRequestEntityTooLarge},
		{"streamed too large", `{"name":"ada lovelace"}`, true, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestApp(t, map[string]string{"MAX_BODY_BYTES": "16"})
			a.mount("/test", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var in struct{ Name string }
				if err := httpx.DecodeJSON(w, r, &in); err != nil {
					httpx.Fail(w, r, err)
					return
				}
				w.WriteHeader(http.StatusNoContent)
			}))
			r := httptest.NewRequest(http.MethodPost, "/test", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", "application/json")
			if tt.chunked {
				r.ContentLength = -1
			}
			rec := serve(a, r)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d: %s", rec.Code, tt.wantStatus, rec.Body)
			}
			if tt.wantStatus == http.StatusRequestEntityTooLarge {
				assertJSON(t, rec, tt.wantStatus, `{"error":{"code":"request_too_large","message":"request body must not exceed 16 bytes"}}`)
			}
		})
	}
}

func TestPanicBecomesJSON500(t *testing.T) {
	a := newTestApp(t, nil)
	a.mount("/panic", http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := serve(a, httptest.NewRequest(http.MethodGet, "/panic", nil))
	assertJSON(t, rec, http.StatusInternalServerError, `{"error":{"code":"internal","message":"internal server error"}}`)
}

func TestCloseRunsClosersInReverse(t *testing.T) {
	a := newTestApp(t, nil)
	var order []string
	a.onClose(func() error { order = append(order, "first"); return errors.New("first failed") })
	a.onClose(func() error { order = append(order, "second"); return nil })
	a.onClose(func() error { order = append(order, "third"); return errors.New("third failed") })

	err := a.Close()
	if !slices.Equal(order, []string{"third", "second", "first"}) {
		t.Errorf("order = %v", order)
	}
	if err == nil || !strings.Contains(err.Error(), "first failed") || !strings.Contains(err.Error(), "third failed") {
		t.Errorf("err = %v, want both failures", err)
	}
	if err := a.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
}
