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

func TestAddAuthPrompts(t *testing.T) {
	tests := []struct {
		name        string
		args        []string
		interactive bool
		answers     []string
		wantAsked   []string
		wantYAML    []string
		wantCode    int
		wantErr     string
	}{
		{
			name: "asks for the provider and what it needs", interactive: true,
			answers:   []string{"cognito", "eu-west-1", "eu-west-1_AbC123", "app-client"},
			wantAsked: []string{"Who issues your callers' tokens?", "AWS region of the user pool", "Cognito user pool ID", "App client ID (the client_id of access tokens)"},
			wantYAML:  []string{"  provider: cognito\n", "  region: eu-west-1\n", "  user_pool: eu-west-1_AbC123\n", "  audience: app-client\n"},
		},
		{
			name: "asks only for what flags lack", args: []string{"--provider", "oidc", "--issuer", "https://id.example.com"}, interactive: true,
			answers: []string{"api"}, wantAsked: []string{"Audience (the aud claim your API accepts)"},
			wantYAML: []string{"  issuer: https://id.example.com\n", "  audience: api\n"},
		},
		{
			name: "no terminal never prompts", args: []string{"--provider", "firebase"},
			wantCode: exitUsage, wantErr: "missing --project",
		},
		{
			name: "a bad answer is an error", args: []string{"--provider", "firebase"}, interactive: true,
			answers: []string{"Bad Project"}, wantAsked: []string{"Firebase project ID"},
			wantCode: exitFailure, wantErr: "is not a Google Cloud project ID",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var stdout, stderr bytes.Buffer
			e := &env{dir: dir, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
				getenv: func(string) string { return "" }, prompter: &scriptedPrompter{t: t}}
			if code := run(context.Background(), []string{"new", "shop", "--module", "example.com/shop", "--skip-tidy"}, e); code != 0 {
				t.Fatalf("new: exit %d: %s", code, stderr.String())
			}
			p := &scriptedPrompter{t: t, answers: tt.answers}
			e.dir, e.interactive, e.prompter = filepath.Join(dir, "shop"), tt.interactive, p
			code := run(context.Background(), append([]string{"add", "auth", "--skip-tidy"}, tt.args...), e)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.wantCode, stderr.String())
			}
			if strings.Join(p.asked, "|") != strings.Join(tt.wantAsked, "|") {
				t.Errorf("asked %q, want %q", p.asked, tt.wantAsked)
			}
			data, err := os.ReadFile(filepath.Join(dir, "shop", "lilith.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantErr != "" {
				if !strings.Contains(stderr.String(), tt.wantErr) {
					t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tt.wantErr)
				}
				if strings.Contains(string(data), "\nauth:") {
					t.Errorf("lilith.yaml has auth after a failed add auth:\n%s", data)
				}
				return
			}
			for _, want := range tt.wantYAML {
				if !strings.Contains(string(data), want) {
					t.Errorf("lilith.yaml lacks %q:\n%s", want, data)
				}
			}
		})
	}
}
