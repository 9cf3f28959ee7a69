package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/shop/internal/tags/tagstest"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

// fixture returns n valid tags as NDJSON, without IDs.
func fixture(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	for i := range n {
		if err := enc.Encode(tagstest.Sample(i)); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// writeFixture writes fixture(t, n) to a file and returns its path.
func writeFixture(t *testing.T, n int) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "fixtures.ndjson")
	if err := os.WriteFile(file, []byte(fixture(t, n)), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestRun(t *testing.T) {
	file := writeFixture(t, 3)
	dev := map[string]string{"APP_ENV": "development"}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		stdin   string
		wantErr string
		wantLog string
	}{
		{name: "stdin", env: dev, stdin: fixture(t, 1), wantLog: `"records":1`},
		{name: "file from flag", args: []string{"-file", file}, env: dev, wantLog: `"records":3`},
		{name: "file from env", env: map[string]string{"APP_ENV": "development", "IMPORT_TAGS_FILE": file}, wantLog: `"records":3`},
		{name: "dry run", args: []string{"-file", file, "-dry-run"}, env: dev, wantLog: `"dry_run":true`},
		{name: "invalid record", env: dev, stdin: "{\"id\":\"not-a-uuid\"}\n", wantErr: "record 1: "},
		{name: "missing file", args: []string{"-file", "nope.ndjson"}, env: dev, wantErr: "open input"},
		{name: "bad batch size", env: map[string]string{"IMPORT_TAGS_BATCH_SIZE": "many"}, wantErr: "IMPORT_TAGS_BATCH_SIZE"},
		{name: "bad APP_ENV", env: map[string]string{"APP_ENV": "staging"}, wantErr: "APP_ENV"},
		{name: "stray argument", args: []string{"extra"}, env: dev, wantErr: "unexpected arguments"},
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
			if !strings.Contains(stdout.String(), tt.wantLog) || !strings.Contains(stdout.String(), `"job":"import-tags"`) {
				t.Errorf("logs lack %s:\n%s", tt.wantLog, stdout.String())
			}
		})
	}
}
