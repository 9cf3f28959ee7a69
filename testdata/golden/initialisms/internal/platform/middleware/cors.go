package middleware

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/rs/cors"
)

// CORSConfig lists who may call the API from a browser on another origin.
type CORSConfig struct {
	AllowedOrigins   []string
	AllowedMethods   []string
	AllowedHeaders   []string
	AllowCredentials bool
	MaxAge           time.Duration
}

// Validate rejects settings that would expose the API to every site.
func (c CORSConfig) Validate() error {
	for _, o := range c.AllowedOrigins {
		switch {
		case o == "*" && c.AllowCredentials:
			return errors.New(`origin "*" cannot be combined with credentials`)
		case strings.EqualFold(o, "null"):
			return errors.New(`origin "null" is not allowed: sandboxed and file pages send it`)
		}
	}
	return nil
}

// CORS answers preflight requests and sets Access-Control-* headers for the
// configured origins; with no origins configured it allows no cross-origin caller.
func CORS(cfg CORSConfig) (func(http.Handler) http.Handler, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("cors: %w", err)
	}
	if len(cfg.AllowedOrigins) == 0 {
		return func(next http.Handler) http.Handler { return next }, nil
	}
	c := cors.New(cors.Options{
		AllowedOrigins:   cfg.AllowedOrigins,
		AllowedMethods:   cfg.AllowedMethods,
		AllowedHeaders:   cfg.AllowedHeaders,
		AllowCredentials: cfg.AllowCredentials,
		MaxAge:           int(cfg.MaxAge / time.Second),
	})
	return c.Handler, nil
}
