package config_test

import (
	"slices"
	"testing"
	"time"

	"example.com/shop/internal/platform/config"
)

func env(kv map[string]string) func(string) string {
	return func(key string) string { return kv[key] }
}

func TestGetters(t *testing.T) {
	tests := []struct {
		name    string
		value   string
		get     func(l *config.Loader) any
		want    any
		wantErr string
	}{
		{"string set", "hi", func(l *config.Loader) any { return l.String("K", "def") }, "hi", ""},
		{"string trimmed", "  hi ", func(l *config.Loader) any { return l.String("K", "def") }, "hi", ""},
		{"string default", "", func(l *config.Loader) any { return l.String("K", "def") }, "def", ""},
		{"required set", "x", func(l *config.Loader) any { return l.Required("K") }, "x", ""},
		{"required missing", "", func(l *config.Loader) any { return l.Required("K") }, "", `config: K: required but not set`},
		{"int", "42", func(l *config.Loader) any { return l.Int("K", 7) }, 42, ""},
		{"int default", "", func(l *config.Loader) any { return l.Int("K", 7) }, 7, ""},
		{"int malformed", "abc", func(l *config.Loader) any { return l.Int("K", 7) }, 7, `config: K: not an integer: "abc"`},
		{"bool", "true", func(l *config.Loader) any { return l.Bool("K", false) }, true, ""},
		{"bool default", "", func(l *config.Loader) any { return l.Bool("K", true) }, true, ""},
		{"bool malformed", "yes", func(l *config.Loader) any { return l.Bool("K", false) }, false, `config: K: not a boolean: "yes"`},
		{"duration", "2m", func(l *config.Loader) any { return l.Duration("K", time.Second) }, 2 * time.Minute, ""},
		{"duration default", "", func(l *config.Loader) any { return l.Duration("K", time.Second) }, time.Second, ""},
		{"duration malformed", "10", func(l *config.Loader) any { return l.Duration("K", time.Second) }, time.Second, `config: K: not a duration such as 15s or 1m: "10"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := config.New(env(map[string]string{"K": tt.value}))
			if got := tt.get(l); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			checkErr(t, l.Err(), tt.wantErr)
		})
	}
}

func TestList(t *testing.T) {
	def := []string{"d"}
	tests := []struct {
		value string
		want  []string
	}{
		{"", def},
		{"a", []string{"a"}},
		{" a , b,,c ", []string{"a", "b", "c"}},
		{" , ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			l := config.New(env(map[string]string{"K": tt.value}))
			if got := l.List("K", def); !slices.Equal(got, tt.want) {
				t.Errorf("List(%q) = %q, want %q", tt.value, got, tt.want)
			}
			checkErr(t, l.Err(), "")
		})
	}
}

func TestErrNamesEveryVariableSorted(t *testing.T) {
	l := config.New(env(map[string]string{"PORT": "abc", "DEBUG": "maybe"}))
	l.Int("PORT", 8080)
	l.Bool("DEBUG", false)
	l.Required("TOKEN")
	l.Invalidf("LEVEL", "must be one of %s", "a, b")

	want := `config: DEBUG: not a boolean: "maybe"; LEVEL: must be one of a, b; PORT: not an integer: "abc"; TOKEN: required but not set`
	checkErr(t, l.Err(), want)
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Fatalf("got no error, want %q", want)
	case want != "" && err.Error() != want:
		t.Fatalf("error = %q, want %q", err.Error(), want)
	}
}
