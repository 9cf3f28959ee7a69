// Package config reads typed settings from environment variables and
// collects every problem so that they can be reported at once.
package config

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Loader reads variables through a getenv function and records each
// malformed or missing value instead of failing on the first one.
type Loader struct {
	getenv   func(string) string
	problems []problem
}

type problem struct {
	key, reason string
}

// New returns a Loader that reads variables with getenv, usually os.Getenv.
func New(getenv func(string) string) *Loader {
	return &Loader{getenv: getenv}
}

// lookup returns the trimmed value of key and whether it is set and non-empty.
func (l *Loader) lookup(key string) (string, bool) {
	v := strings.TrimSpace(l.getenv(key))
	return v, v != ""
}

// String returns the value of key, or def when it is unset or empty.
func (l *Loader) String(key, def string) string {
	if v, ok := l.lookup(key); ok {
		return v
	}
	return def
}

// Required returns the value of key and records a problem when it is unset or empty.
func (l *Loader) Required(key string) string {
	v, ok := l.lookup(key)
	if !ok {
		l.Invalidf(key, "required but not set")
	}
	return v
}

// Int returns the value of key as an int, or def when it is unset or malformed.
func (l *Loader) Int(key string, def int) int {
	v, ok := l.lookup(key)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		l.Invalidf(key, "not an integer: %q", v)
		return def
	}
	return n
}

// Bool returns the value of key as a bool, or def when it is unset or malformed.
func (l *Loader) Bool(key string, def bool) bool {
	v, ok := l.lookup(key)
	if !ok {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		l.Invalidf(key, "not a boolean: %q", v)
		return def
	}
	return b
}

// Duration returns the value of key as a time.Duration, or def when it is unset or malformed.
func (l *Loader) Duration(key string, def time.Duration) time.Duration {
	v, ok := l.lookup(key)
	if !ok {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		l.Invalidf(key, "not a duration such as 15s or 1m: %q", v)
		return def
	}
	return d
}

// List returns the comma-separated items of key, trimmed and without empty
// items, or def when it is unset or empty.
func (l *Loader) List(key string, def []string) []string {
	v, ok := l.lookup(key)
	if !ok {
		return def
	}
	var items []string
	for item := range strings.SplitSeq(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return items
}

// Invalidf records a problem with key, for checks the typed getters cannot make.
func (l *Loader) Invalidf(key, format string, args ...any) {
	l.problems = append(l.problems, problem{key: key, reason: fmt.Sprintf(format, args...)})
}

// Err returns one error naming every recorded problem, sorted by variable, or nil.
func (l *Loader) Err() error {
	if len(l.problems) == 0 {
		return nil
	}
	ps := slices.Clone(l.problems)
	slices.SortStableFunc(ps, func(a, b problem) int { return strings.Compare(a.key, b.key) })
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.key + ": " + p.reason
	}
	return errors.New("config: " + strings.Join(msgs, "; "))
}
