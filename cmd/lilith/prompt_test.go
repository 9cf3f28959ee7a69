package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scriptedPrompter answers prompts from a list, and fails the test when
// asked more than it was told to expect.
type scriptedPrompter struct {
	t       *testing.T
	answers []string
	asked   []string
}

func (p *scriptedPrompter) next(message string) string {
	p.t.Helper()
	p.asked = append(p.asked, message)
	if len(p.answers) == 0 {
		p.t.Fatalf("unexpected prompt %q", message)
	}
	a := p.answers[0]
	p.answers = p.answers[1:]
	return a
}

func (p *scriptedPrompter) Input(message, def string, validate func(string) error) (string, error) {
	a := p.next(message)
	if a == "" {
		a = def
	}
	if validate != nil {
		if err := validate(a); err != nil {
			return "", err
		}
	}
	return a, nil
}

func (p *scriptedPrompter) Select(message string, options []string, def string) (string, error) {
	if a := p.next(message); a != "" {
		return a, nil
	}
	return def, nil
}

func TestNewPrompts(t *testing.T) {
	tests := []struct {
		name        string
		args        []string
		interactive bool
		answers     []string
		wantAsked   []string
		wantModule  string
		wantCode    int
		wantErr     string
	}{
		{
			name: "asks for name and module", interactive: true,
			answers: []string{"shop", "example.com/shop"}, wantAsked: []string{"Project name", "Go module path"},
			wantModule: "example.com/shop",
		},
		{
			name: "module defaults from the name", args: []string{"shop"}, interactive: true,
			answers: []string{""}, wantAsked: []string{"Go module path"}, wantModule: "github.com/you/shop",
		},
		{
			name: "flags need no prompt", args: []string{"shop", "--module", "example.com/x"}, interactive: true,
			wantModule: "example.com/x",
		},
		{
			name: "no-input never prompts", args: []string{"shop", "--no-input"}, interactive: true,
			wantCode: exitUsage, wantErr: "missing module path",
		},
		{
			name: "no terminal never prompts", args: []string{"shop"},
			wantCode: exitUsage, wantErr: "missing module path",
		},
		{
			name: "a bad answer is an error", interactive: true,
			answers: []string{"Bad Name"}, wantAsked: []string{"Project name"},
			wantCode: exitFailure, wantErr: "invalid project name",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := &scriptedPrompter{t: t, answers: tt.answers}
			var stdout, stderr bytes.Buffer
			e := &env{dir: dir, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
				getenv: func(string) string { return "" }, interactive: tt.interactive, prompter: p}
			args := append([]string{"new", "--skip-tidy"}, tt.args...)
			code := run(context.Background(), args, e)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.wantCode, stderr.String())
			}
			if strings.Join(p.asked, "|") != strings.Join(tt.wantAsked, "|") {
				t.Errorf("asked %q, want %q", p.asked, tt.wantAsked)
			}
			if tt.wantErr != "" {
				if !strings.Contains(stderr.String(), tt.wantErr) {
					t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tt.wantErr)
				}
				return
			}
			data, err := os.ReadFile(filepath.Join(dir, "shop", "lilith.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), "module: "+tt.wantModule+"\n") {
				t.Errorf("lilith.yaml lacks module %s:\n%s", tt.wantModule, data)
			}
		})
	}
}
