package app

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkHandler serves GET /healthz through the full middleware chain
// (request ID, logger, recover, body limit, CORS) and the router, with
// request logs off and with JSON request logs at info, to catch regressions
// in the path every request takes. Compare runs with benchstat; see README.md.
func BenchmarkHandler(b *testing.B) {
	for _, bc := range []struct {
		name string
		log  *slog.Logger
	}{
		{"log=off", slog.New(slog.DiscardHandler)},
		{"log=info", slog.New(slog.NewJSONHandler(io.Discard, nil))},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cfg, err := LoadConfig(env(map[string]string{"APP_ENV": "development"}))
			if err != nil {
				b.Fatal(err)
			}
			a, err := New(b.Context(), cfg, bc.log)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() {
				if err := a.Close(); err != nil {
					b.Error(err)
				}
			})
			h := a.Handler()
			req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d, want 200", rec.Code)
				}
			}
		})
	}
}
