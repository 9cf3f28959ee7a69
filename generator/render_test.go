package generator

import (
	"errors"
	"fmt"
	"maps"
	"testing"
)

func TestCollect(t *testing.T) {
	errRender, errFormat := errors.New("render failed"), errors.New("bad Go")
	inService := func(err error) error { return fmt.Errorf("service orders: %w", err) }
	tests := []struct {
		name    string
		jobs    []renderJob
		want    map[string][]byte
		wantErr string
	}{
		{
			name: "files, and an empty render that writes none",
			jobs: []renderJob{
				{name: "project/a.go.tmpl", target: "a.go", body: []byte("package a\n")},
				{name: "project/b.tmpl", target: "b"},
			},
			want: map[string][]byte{"a.go": []byte("package a\n")},
		},
		{
			name: "the first render error in template order",
			jobs: []renderJob{
				{name: "project/a.go.tmpl", target: "a.go", fmtErr: errFormat, body: []byte("x")},
				{name: "crud/b.go.tmpl", err: errRender, wrap: inService},
				{name: "crud/c.go.tmpl", err: errors.New("later")},
			},
			wantErr: "service orders: render failed",
		},
		{
			name: "a path rendered twice",
			jobs: []renderJob{
				{name: "project/a.tmpl", target: "a", body: []byte("1")},
				{name: "crud/a.tmpl", target: "a", body: []byte("2"), wrap: inService},
			},
			wantErr: "service orders: template crud/a.tmpl: a is rendered twice",
		},
		{
			name: "Go that does not format is an error, never a missing file, first in path order",
			jobs: []renderJob{
				{name: "project/z.go.tmpl", target: "z.go", body: []byte("package {"), fmtErr: errors.New("z")},
				{name: "project/b.go.tmpl", target: "b.go", body: []byte("package {"), fmtErr: errFormat},
			},
			wantErr: "format b.go: bad Go",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := collect(tt.jobs)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("collect error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !maps.EqualFunc(got, tt.want, func(a, b []byte) bool { return string(a) == string(b) }) {
				t.Errorf("collect = %q, want %q", got, tt.want)
			}
		})
	}
}
