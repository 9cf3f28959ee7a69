// Package logging builds the structured JSON logger every component shares.
package logging

import (
	"fmt"
	"io"
	"log/slog"
)

// New returns a logger that writes JSON lines to w at or above level.
func New(w io.Writer, level string) (*slog.Logger, error) {
	lvl, err := ParseLevel(level)
	if err != nil {
		return nil, err
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: lvl})), nil
}

// ParseLevel parses debug, info, warn or error, case-insensitively.
func ParseLevel(s string) (slog.Level, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("unknown log level %q, want debug, info, warn or error", s)
	}
	return lvl, nil
}
