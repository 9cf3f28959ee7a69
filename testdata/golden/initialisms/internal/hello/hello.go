// Package hello is the seed service: it greets people by name. It defines the
// service contract and its in-process implementation and imports nothing else
// from the project, so it can later move behind its own binary.
package hello

import (
	"context"
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// MaxNameLen is the longest name, in characters, that Greet accepts.
const MaxNameLen = 64

// ErrInvalidName is returned, wrapped with the reason, for a name Greet refuses.
var ErrInvalidName = errors.New("invalid name")

// Greeting is what the service says to someone.
type Greeting struct {
	Message string `json:"message"`
}

// Service is the contract of the hello service.
type Service interface {
	// Greet returns a greeting for name, or an error wrapping ErrInvalidName.
	Greet(ctx context.Context, name string) (Greeting, error)
}

// New returns the in-process implementation of Service.
func New() Service {
	return service{}
}

type service struct{}

func (service) Greet(_ context.Context, name string) (Greeting, error) {
	if err := validateName(name); err != nil {
		return Greeting{}, err
	}
	return Greeting{Message: "Hello, " + name + "!"}, nil
}

func validateName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("%w: must not be empty", ErrInvalidName)
	case !utf8.ValidString(name):
		return fmt.Errorf("%w: must be valid UTF-8", ErrInvalidName)
	case utf8.RuneCountInString(name) > MaxNameLen:
		return fmt.Errorf("%w: must be at most %d characters", ErrInvalidName, MaxNameLen)
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return fmt.Errorf("%w: must not contain control characters", ErrInvalidName)
		}
	}
	return nil
}
