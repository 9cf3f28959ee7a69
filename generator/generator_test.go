package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGenerateFormatsEditedFiles holds Generate's shortcut to its
// condition: a Go file is taken unformatted from its template only when the
// disk holds exactly those bytes and they are what lilith recorded writing.
// A user's file with the raw, unformatted render is formatted like any other.
func TestGenerateFormatsEditedFiles(t *testing.T) {
	m := &Manifest{Name: "shop", Module: "example.com/shop", Services: []Service{{Name: "hello", Kind: KindHello}}}
	want, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	raw := map[string][]byte{}
	if err := renderTree(raw, "project", newProjectData(m)); err != nil {
		t.Fatal(err)
	}
	const target = "internal/app/services_gen.go" // its template does not render formatted Go
	if bytes.Equal(raw[target], want[target]) {
		t.Fatalf("%s renders formatted: pick a file whose raw render differs", target)
	}

	root := filepath.Join(t.TempDir(), "shop")
	plan, err := Generate(root, m, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := Apply(root, plan.Changes); err != nil {
		t.Fatal(err)
	}
	recorded := plan.Hashes

	tests := []struct {
		name    string
		disk    []byte // what target holds before Generate runs again
		changes int    // how many changes Generate plans
	}{
		{name: "unchanged", disk: want[target], changes: 0},
		{name: "raw render written by the user", disk: raw[target], changes: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(target)), tt.disk, 0o644); err != nil {
				t.Fatal(err)
			}
			plan, err := Generate(root, m, recorded, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.Changes) != tt.changes {
				t.Fatalf("%d changes, want %d: %+v", len(plan.Changes), tt.changes, plan.Changes)
			}
			for _, c := range plan.Changes {
				if c.Path != target || !bytes.Equal(c.New, want[target]) {
					t.Errorf("change to %s writes %q, want the formatted render of %s", c.Path, c.New, target)
				}
			}
		})
	}
}
