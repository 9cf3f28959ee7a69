package main

import (
	"errors"
	"fmt"

	"github.com/AlecAivazis/survey/v2"
)

// Prompter asks the user for a missing value. survey is archived upstream,
// so lilith sees it only through this interface: tests use a scripted fake,
// and a later swap is this one file.
type Prompter interface {
	// Input asks for a line of text; validate, if not nil, rejects answers.
	Input(message, def string, validate func(string) error) (string, error)
	// Select asks for one of options.
	Select(message string, options []string, def string) (string, error)
}

// surveyPrompter asks on the terminal with survey.
type surveyPrompter struct{}

func (surveyPrompter) Input(message, def string, validate func(string) error) (string, error) {
	var answer string
	opts := []survey.AskOpt{}
	if validate != nil {
		opts = append(opts, survey.WithValidator(func(v any) error {
			s, ok := v.(string)
			if !ok {
				return errors.New("expected text")
			}
			return validate(s)
		}))
	}
	if err := survey.AskOne(&survey.Input{Message: message, Default: def}, &answer, opts...); err != nil {
		return "", fmt.Errorf("prompt %q: %w", message, err)
	}
	return answer, nil
}

func (surveyPrompter) Select(message string, options []string, def string) (string, error) {
	var answer string
	if err := survey.AskOne(&survey.Select{Message: message, Options: options, Default: def}, &answer); err != nil {
		return "", fmt.Errorf("prompt %q: %w", message, err)
	}
	return answer, nil
}
