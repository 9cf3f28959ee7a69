package hello_test

import (
	"errors"
	"strings"
	"testing"

	"example.com/shop/internal/hello"
)

func TestGreet(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr string
	}{
		{"world", "world", "Hello, world!", ""},
		{"unicode", "Zoë 世界", "Hello, Zoë 世界!", ""},
		{"max length in runes", strings.Repeat("é", 64), "Hello, " + strings.Repeat("é", 64) + "!", ""},
		{"empty", "", "", "invalid name: must not be empty"},
		{"too long", strings.Repeat("a", 65), "", "invalid name: must be at most 64 characters"},
		{"newline", "bob\nalice", "", "invalid name: must not contain control characters"},
		{"nul", "bob\x00", "", "invalid name: must not contain control characters"},
		{"invalid utf8", "bob\xff", "", "invalid name: must be valid UTF-8"},
	}
	svc := hello.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := svc.Greet(t.Context(), tt.in)
			if tt.wantErr != "" {
				if !errors.Is(err, hello.ErrInvalidName) || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q wrapping ErrInvalidName", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if got.Message != tt.want {
				t.Errorf("Message = %q, want %q", got.Message, tt.want)
			}
		})
	}
}
