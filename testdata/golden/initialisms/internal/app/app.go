// Package app assembles the binary: configuration, middleware, health
// endpoints and every service. Edit this file freely; services_gen.go is generated.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"example.com/shop/internal/platform/config"
	"example.com/shop/internal/platform/httpx"
	"example.com/shop/internal/platform/logging"
	"example.com/shop/internal/platform/middleware"
)

// Config is the runtime configuration of the binary, read from the environment.
type Config struct {
	Port              int                   // PORT: 0 picks any free port, named by the "listening" log line
	Env               string                // APP_ENV: development or production
	LogLevel          string                // LOG_LEVEL: debug, info, warn or error
	ShutdownTimeout   time.Duration         // SHUTDOWN_TIMEOUT: how long in-flight requests may drain
	ReadHeaderTimeout time.Duration         // READ_HEADER_TIMEOUT
	ReadTimeout       time.Duration         // READ_TIMEOUT
	WriteTimeout      time.Duration         // WRITE_TIMEOUT
	IdleTimeout       time.Duration         // IDLE_TIMEOUT
	MaxBodyBytes      int64                 // MAX_BODY_BYTES
	TrustProxyHeaders bool                  // TRUST_PROXY_HEADERS: take the client IP from X-Forwarded-For
	CORS              middleware.CORSConfig // CORS_*

	// getenv is the environment that LoadConfig read, kept for the settings
	// that wire files read for their own service, such as DATABASE_URL.
	getenv func(string) string
}

// LoadConfig reads Config through getenv and reports every invalid variable in one error.
func LoadConfig(getenv func(string) string) (Config, error) {
	l := config.New(getenv)
	cfg := Config{
		Port:              l.Int("PORT", 8080),
		Env:               l.String("APP_ENV", "production"),
		LogLevel:          l.String("LOG_LEVEL", "info"),
		ShutdownTimeout:   l.Duration("SHUTDOWN_TIMEOUT", 15*time.Second),
		ReadHeaderTimeout: l.Duration("READ_HEADER_TIMEOUT", 5*time.Second),
		ReadTimeout:       l.Duration("READ_TIMEOUT", 15*time.Second),
		WriteTimeout:      l.Duration("WRITE_TIMEOUT", 15*time.Second),
		IdleTimeout:       l.Duration("IDLE_TIMEOUT", 60*time.Second),
		MaxBodyBytes:      int64(l.Int("MAX_BODY_BYTES", 1<<20)),
		TrustProxyHeaders: l.Bool("TRUST_PROXY_HEADERS", false),
		CORS: middleware.CORSConfig{
			AllowedOrigins:   l.List("CORS_ALLOWED_ORIGINS", nil),
			AllowedMethods:   l.List("CORS_ALLOWED_METHODS", []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}),
			AllowedHeaders:   l.List("CORS_ALLOWED_HEADERS", []string{"Accept", "Authorization", "Content-Type", "X-Request-ID"}),
			AllowCredentials: l.Bool("CORS_ALLOW_CREDENTIALS", false),
			MaxAge:           l.Duration("CORS_MAX_AGE", 10*time.Minute),
		},
		getenv: getenv,
	}
	if cfg.Port < 0 || cfg.Port > 65535 {
		l.Invalidf("PORT", "must be between 0 and 65535, got %d", cfg.Port)
	}
	if cfg.Env != "development" && cfg.Env != "production" {
		l.Invalidf("APP_ENV", "must be development or production, got %q", cfg.Env)
	}
	if _, err := logging.ParseLevel(cfg.LogLevel); err != nil {
		l.Invalidf("LOG_LEVEL", "%v", err)
	}
	for key, d := range map[string]time.Duration{
		"SHUTDOWN_TIMEOUT":    cfg.ShutdownTimeout,
		"READ_HEADER_TIMEOUT": cfg.ReadHeaderTimeout,
		"READ_TIMEOUT":        cfg.ReadTimeout,
		"WRITE_TIMEOUT":       cfg.WriteTimeout,
		"IDLE_TIMEOUT":        cfg.IdleTimeout,
	} {
		if d <= 0 {
			l.Invalidf(key, "must be positive, got %s", d)
		}
	}
	if cfg.MaxBodyBytes < 1 {
		l.Invalidf("MAX_BODY_BYTES", "must be positive, got %d", cfg.MaxBodyBytes)
	}
	if err := cfg.CORS.Validate(); err != nil {
		l.Invalidf("CORS_ALLOWED_ORIGINS", "%v", err)
	}
	if err := l.Err(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// readinessTimeout bounds how long /readyz waits for its checks.
const readinessTimeout = 2 * time.Second

// statusOK is the body of a passing /healthz and /readyz: {"status":"ok"}.
// A struct encodes without the sorting and reflection that a map needs, and
// a pointer to it converts to the any of WriteJSON without an allocation.
var statusOK = &struct {
	Status string `json:"status"`
}{Status: "ok"}

// App is the HTTP application: a router with every service mounted on it,
// plus the readiness checks and cleanup those services registered.
type App struct {
	cfg     Config
	log     *slog.Logger
	router  *chi.Mux
	checks  []readinessCheck
	closers []func() error
}

type readinessCheck struct {
	name  string
	check func(context.Context) error
}

// New builds the router, its middleware and health endpoints, and wires every service.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	cors, err := middleware.CORS(cfg.CORS)
	if err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, log: log, router: chi.NewRouter()}

	r := a.router
	r.Use(middleware.RequestID)
	if cfg.TrustProxyHeaders {
		r.Use(middleware.RealIP)
	}
	r.Use(
		middleware.Authorization,
		middleware.Logger(log),
		middleware.Recover(log),
		middleware.MaxBodyBytes(cfg.MaxBodyBytes),
		cors,
	)
	r.NotFound(httpx.NotFound)
	r.MethodNotAllowed(httpx.MethodNotAllowedFor(r))
	r.Get("/healthz", a.healthz)
	r.Get("/readyz", a.readyz)

	if err := a.wireServices(ctx); err != nil {
		return nil, errors.Join(err, a.Close())
	}
	return a, nil
}

// Handler returns the root HTTP handler.
func (a *App) Handler() http.Handler {
	return a.router
}

// Close runs the registered cleanup functions in reverse order and joins their errors.
func (a *App) Close() error {
	var errs []error
	for i := len(a.closers) - 1; i >= 0; i-- {
		if err := a.closers[i](); err != nil {
			errs = append(errs, err)
		}
	}
	a.closers = nil
	return errors.Join(errs...)
}

// mount serves h under pattern, for example "/v1/hello".
func (a *App) mount(pattern string, h http.Handler) {
	a.router.Mount(pattern, h)
}

// addReadiness registers a check that /readyz runs; name is shown when it fails.
func (a *App) addReadiness(name string, check func(context.Context) error) {
	a.checks = append(a.checks, readinessCheck{name: name, check: check})
}

// getenv returns the trimmed value of the environment variable key, from the
// environment that LoadConfig read: wire files read their settings with it.
func (a *App) getenv(key string) string {
	if a.cfg.getenv == nil {
		return ""
	}
	return strings.TrimSpace(a.cfg.getenv(key))
}

// onClose registers cleanup for Close, which runs it after everything registered later.
func (a *App) onClose(fn func() error) {
	a.closers = append(a.closers, fn)
}

func (a *App) healthz(w http.ResponseWriter, r *http.Request) {
	httpx.WriteJSON(w, http.StatusOK, statusOK)
}

func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readinessTimeout)
	defer cancel()

	errs := make([]error, len(a.checks))
	var wg sync.WaitGroup
	for i, c := range a.checks {
		wg.Go(func() { errs[i] = c.check(ctx) })
	}
	wg.Wait()

	var failing []string
	for i, err := range errs {
		if err != nil {
			failing = append(failing, a.checks[i].name)
			a.log.WarnContext(ctx, "readiness check failed",
				slog.String("check", a.checks[i].name),
				slog.Any("error", err),
				slog.String("request_id", middleware.RequestIDFrom(ctx)),
			)
		}
	}
	if len(failing) > 0 {
		httpx.WriteError(w, r, http.StatusServiceUnavailable, "not_ready",
			fmt.Sprintf("failing checks: %s", strings.Join(failing, ", ")))
		return
	}
	httpx.WriteJSON(w, http.StatusOK, statusOK)
}
