package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestRun(t *testing.T) {
	file := filepath.Join(t.TempDir(), "records.csv")
	if err := os.WriteFile(file, []byte("id,title\na,first\nb,second\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		stdin   string
		wantErr string
		wantLog string
	}{
		{name: "stdin", stdin: "{\"id\":\"a\"}\n", wantLog: `"records":1`},
		{name: "file from flag", args: []string{"-file", file}, wantLog: `"records":2`},
		{name: "file from env", env: map[string]string{"NIGHTLY_LOAD_FILE": file}, wantLog: `"records":2`},
		{name: "dry run", args: []string{"-file", file, "-dry-run"}, wantLog: `"dry_run":true`},
		{name: "missing file", args: []string{"-file", "nope.ndjson"}, wantErr: "open input"},
		{name: "bad batch size", env: map[string]string{"NIGHTLY_LOAD_BATCH_SIZE": "many"}, wantErr: "NIGHTLY_LOAD_BATCH_SIZE"},
		{name: "stray argument", args: []string{"extra"}, wantErr: "unexpected arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), tt.args, env(tt.env), strings.NewReader(tt.stdin), &stdout, &stderr)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("run = %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("run = %v\n%s", err, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantLog) || !strings.Contains(stdout.String(), `"job":"nightly-load"`) {
				t.Errorf("logs lack %s:\n%s", tt.wantLog, stdout.String())
			}
		})
	}
}
