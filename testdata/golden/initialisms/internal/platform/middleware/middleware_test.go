package middleware_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"example.com/shop/internal/platform/middleware"
)

func newLogger(buf *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, nil))
}

// logLines parses every JSON line written to buf.
func logLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for line := range strings.Lines(buf.String()) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		lines = append(lines, m)
	}
	return lines
}

func TestRequestID(t *testing.T) {
	tests := []struct {
		name     string
		incoming string
		keep     bool
	}{
		{"none", "", false},
		{"valid", "abc-123_DEF.456", true},
		{"max length", strings.Repeat("a", 64), true},
		{"too long", strings.Repeat("a", 65), false},
		{"space", "abc 123", false},
		{"control", "abc\x01", false},
		{"non ascii", "abcé", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen string
			h := middleware.RequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen = middleware.RequestIDFrom(r.Context())
			}))
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			if tt.incoming != "" {
				r.Header.Set("X-Request-ID", tt.incoming)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)

			got := rec.Header().Get("X-Request-ID")
			if got != seen {
				t.Errorf("header %q differs from context %q", got, seen)
			}
			if tt.keep && got != tt.incoming {
				t.Errorf("id = %q, want incoming %q", got, tt.incoming)
			}
			if !tt.keep && (got == tt.incoming || len(got) < 16) {
				t.Errorf("id = %q, want a fresh random id", got)
			}
		})
	}
}

func TestAuthorization(t *testing.T) {
	tests := []struct {
		name, header string
	}{
		{"none", ""},
		{"bearer", "Bearer s3cret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen string
			h := middleware.Authorization(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen = middleware.AuthorizationFrom(r.Context())
			}))
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if seen != tt.header {
				t.Errorf("AuthorizationFrom = %q, want %q", seen, tt.header)
			}
		})
	}
}

func TestRequestIDIsRandom(t *testing.T) {
	h := middleware.RequestID(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	seen := map[string]bool{}
	for range 100 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		id := rec.Header().Get("X-Request-ID")
		if seen[id] {
			t.Fatalf("duplicate id %q", id)
		}
		seen[id] = true
	}
}

func TestLogger(t *testing.T) {
	tests := []struct {
		name       string
		handler    http.HandlerFunc
		wantStatus float64
		wantBytes  float64
		wantLevel  string
	}{
		{"implicit 200", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "hello") }, 200, 5, "INFO"},
		{"no body", func(w http.ResponseWriter, r *http.Request) {}, 200, 0, "INFO"},
		{"explicit status", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) }, 418, 0, "INFO"},
		{"server error", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusServiceUnavailable) }, 503, 5, "ERROR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			h := middleware.RequestID(middleware.Logger(newLogger(&buf))(tt.handler))
			r := httptest.NewRequest(http.MethodPost, "/things?token=s3cret", strings.NewReader("body-s3cret"))
			r.Header.Set("Authorization", "Bearer s3cret")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)

			lines := logLines(t, &buf)
			if len(lines) != 1 {
				t.Fatalf("got %d log lines, want 1", len(lines))
			}
			l := lines[0]
			if l["method"] != "POST" || l["path"] != "/things" || l["status"] != tt.wantStatus ||
				l["bytes"] != tt.wantBytes || l["level"] != tt.wantLevel {
				t.Errorf("unexpected log line %v", l)
			}
			if l["request_id"] != rec.Header().Get("X-Request-ID") {
				t.Errorf("request_id = %v, want %q", l["request_id"], rec.Header().Get("X-Request-ID"))
			}
			if _, ok := l["duration"].(float64); !ok {
				t.Errorf("duration missing in %v", l)
			}
			if strings.Contains(buf.String(), "s3cret") {
				t.Errorf("log leaks query, header or body: %s", buf.String())
			}
		})
	}
}

func TestLoggerKeepsFlusher(t *testing.T) {
	h := middleware.Logger(slog.New(slog.DiscardHandler))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Errorf("flush through wrapper: %v", err)
		}
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if !rec.Flushed {
		t.Error("response was not flushed")
	}
}

func TestRecover(t *testing.T) {
	var buf bytes.Buffer
	h := middleware.RequestID(middleware.Recover(newLogger(&buf))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic("kaboom")
	})))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))

	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status = %d, want 500", rec.Code)
	}
	if got := strings.TrimSpace(rec.Body.String()); got != `{"error":{"code":"internal","message":"internal server error"}}` {
		t.Errorf("body = %s", got)
	}
	lines := logLines(t, &buf)
	if len(lines) != 1 {
		t.Fatalf("got %d log lines, want 1", len(lines))
	}
	l := lines[0]
	if l["panic"] != "kaboom" || l["request_id"] != rec.Header().Get("X-Request-ID") || l["level"] != "ERROR" {
		t.Errorf("unexpected log line %v", l)
	}
	if stack, _ := l["stack"].(string); !strings.Contains(stack, "TestRecover") {
		t.Errorf("stack does not show the panicking handler: %q", stack)
	}
}

func TestRecoverRepanics(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"ErrAbortHandler", func(w http.ResponseWriter, r *http.Request) { panic(http.ErrAbortHandler) }},
		{"after response started", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusOK)
			panic("late")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := middleware.Recover(slog.New(slog.DiscardHandler))(tt.handler)
			defer func() {
				err, _ := recover().(error)
				if !errors.Is(err, http.ErrAbortHandler) {
					t.Fatalf("recovered %v, want http.ErrAbortHandler", err)
				}
			}()
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
		})
	}
}

func TestMaxBodyBytes(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		chunked    bool
		wantStatus int
		wantCalled bool
	}{
		{"within limit", "12345678", false, 200, true},
		{"declared too large", "123456789", false, 413, false},
		{"chunked too large", "123456789", true, 413, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := false
			h := middleware.MaxBodyBytes(8)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				called = true
				if _, err := io.ReadAll(r.Body); err != nil {
					if _, ok := errors.AsType[*http.MaxBytesError](err); !ok {
						t.Errorf("read error %v is not *http.MaxBytesError", err)
					}
					w.WriteHeader(http.StatusRequestEntityTooLarge)
				}
			}))
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.body))
			if tt.chunked {
				r.ContentLength = -1
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if rec.Code != tt.wantStatus || called != tt.wantCalled {
				t.Errorf("status %d called %v, want %d called %v", rec.Code, called, tt.wantStatus, tt.wantCalled)
			}
		})
	}
}

func TestCORS(t *testing.T) {
	configured := middleware.CORSConfig{
		AllowedOrigins:   []string{"https://app.example.com"},
		AllowedMethods:   []string{"GET", "POST"},
		AllowedHeaders:   []string{"Content-Type"},
		AllowCredentials: true,
		MaxAge:           10 * time.Minute,
	}
	tests := []struct {
		name       string
		cfg        middleware.CORSConfig
		method     string
		origin     string
		wantHeader map[string]string // "" means the header must be absent
		wantNext   bool
	}{
		{
			name: "preflight from allowed origin", cfg: configured, method: http.MethodOptions, origin: "https://app.example.com",
			wantHeader: map[string]string{
				"Access-Control-Allow-Origin":      "https://app.example.com",
				"Access-Control-Allow-Methods":     "POST",
				"Access-Control-Allow-Headers":     "content-type",
				"Access-Control-Allow-Credentials": "true",
				"Access-Control-Max-Age":           "600",
			},
		},
		{
			name: "preflight from other origin", cfg: configured, method: http.MethodOptions, origin: "https://evil.example",
			wantHeader: map[string]string{
				"Access-Control-Allow-Origin":      "",
				"Access-Control-Allow-Methods":     "",
				"Access-Control-Allow-Credentials": "",
			},
		},
		{
			name: "actual request from allowed origin", cfg: configured, method: http.MethodGet, origin: "https://app.example.com",
			wantHeader: map[string]string{"Access-Control-Allow-Origin": "https://app.example.com"},
			wantNext:   true,
		},
		{
			name: "default config allows nobody", cfg: middleware.CORSConfig{}, method: http.MethodOptions, origin: "https://app.example.com",
			wantHeader: map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Allow-Methods": ""},
			wantNext:   true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mw, err := middleware.CORS(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			next := false
			h := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { next = true }))
			r := httptest.NewRequest(tt.method, "/v1/things", nil)
			r.Header.Set("Origin", tt.origin)
			if tt.method == http.MethodOptions {
				r.Header.Set("Access-Control-Request-Method", "POST")
				r.Header.Set("Access-Control-Request-Headers", "content-type")
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)

			for k, want := range tt.wantHeader {
				if got := rec.Header().Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if next != tt.wantNext {
				t.Errorf("next handler called = %v, want %v", next, tt.wantNext)
			}
		})
	}
}

func TestCORSRejectsUnsafeConfig(t *testing.T) {
	tests := []struct {
		name    string
		cfg     middleware.CORSConfig
		wantErr string
	}{
		{"wildcard with credentials", middleware.CORSConfig{AllowedOrigins: []string{"https://a.example", "*"}, AllowCredentials: true}, `origin "*" cannot be combined with credentials`},
		{"null origin", middleware.CORSConfig{AllowedOrigins: []string{"null"}}, `origin "null" is not allowed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mw, err := middleware.CORS(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
			}
			if mw != nil {
				t.Error("want no middleware with an error")
			}
		})
	}
	if _, err := middleware.CORS(middleware.CORSConfig{AllowedOrigins: []string{"*"}}); err != nil {
		t.Errorf("wildcard without credentials should be allowed: %v", err)
	}
}

func TestRealIP(t *testing.T) {
	tests := []struct {
		name string
		xff  []string
		want string
	}{
		{"no header keeps peer", nil, "192.0.2.1:1234"},
		{"single", []string{"203.0.113.7"}, "203.0.113.7"},
		{"rightmost wins over spoofed left", []string{"10.0.0.1, 203.0.113.7"}, "203.0.113.7"},
		{"several headers", []string{"10.0.0.1", "203.0.113.8"}, "203.0.113.8"},
		{"ipv6", []string{"2001:db8::1"}, "2001:db8::1"},
		{"garbage keeps peer", []string{"not-an-ip"}, "192.0.2.1:1234"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			h := middleware.RealIP(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.RemoteAddr }))
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = "192.0.2.1:1234"
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if got != tt.want {
				t.Errorf("RemoteAddr = %q, want %q", got, tt.want)
			}
		})
	}
}
