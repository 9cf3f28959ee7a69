package middleware

import (
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"

	"example.com/shop/internal/platform/httpx"
)

// Recover turns a panic into a logged error and a 500 JSON response; it
// re-panics http.ErrAbortHandler, and aborts the connection if the response
// had already started.
func Recover(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec, ok := w.(*recorder) // Logger's, when it runs just before
			if !ok {
				rec = &recorder{ResponseWriter: w}
			}
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(v)
				}
				log.LogAttrs(r.Context(), slog.LevelError, "panic",
					slog.Any("panic", v),
					slog.String("stack", string(debug.Stack())),
					slog.String("request_id", RequestIDFrom(r.Context())),
				)
				if rec.status != 0 {
					panic(http.ErrAbortHandler)
				}
				httpx.WriteError(rec, r, http.StatusInternalServerError, "internal", "internal server error")
			}()
			next.ServeHTTP(rec, r)
		})
	}
}
