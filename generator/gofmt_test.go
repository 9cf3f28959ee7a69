package generator

import "testing"

func TestFormatGo(t *testing.T) {
	src := `package x
import (
	"fmt"
	"os"

	"github.com/go-chi/chi/v5"
	"gopkg.in/yaml.v3"
	unused "example.com/thing"
	_ "embed"
)
func F()  { fmt.Println(chi.NewRouter(), yaml.Marshal) }
`
	want := `package x

import (
	"fmt"

	_ "embed"
	"github.com/go-chi/chi/v5"
	"gopkg.in/yaml.v3"
)

func F() { fmt.Println(chi.NewRouter(), yaml.Marshal) }
`
	got, err := formatGo("x.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("formatGo =\n%s\nwant\n%s", got, want)
	}
	if _, err := formatGo("bad.go", []byte("package x\nfunc {")); err == nil {
		t.Error("formatGo accepted invalid Go")
	}
}

func TestAssumedName(t *testing.T) {
	for in, want := range map[string]string{
		"fmt":                              "fmt",
		"net/http":                         "http",
		"github.com/go-chi/chi/v5":         "chi",
		"github.com/jackc/pgx/v5/pgxpool":  "pgxpool",
		"gopkg.in/yaml.v3":                 "yaml",
		"github.com/aymanbagabas/go-udiff": "udiff",
	} {
		if got := assumedName(in); got != want {
			t.Errorf("assumedName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAllImportsUsed(t *testing.T) {
	tests := []struct {
		name, src string
		want      bool
	}{
		{"no imports", "package x\nfunc F() {}\n", true},
		{"all used", "package x\nimport (\n\t\"fmt\"\n\t\"github.com/go-chi/chi/v5\"\n)\nfunc F() { fmt.Println(chi.NewRouter()) }\n", true},
		{"single import", "package x\nimport \"fmt\"\nvar _ = fmt.Sprint\n", true},
		{"two declarations", "package x\nimport \"fmt\"\nimport \"os\"\nvar _ = fmt.Sprint\n", false},
		{"named", "package x\nimport y \"gopkg.in/yaml.v3\"\nvar _ = y.Marshal\n", true},
		{"unused", "package x\nimport (\n\t\"fmt\"\n\t\"os\"\n)\nvar _ = fmt.Sprint\n", false},
		{"only as a field", "package x\nimport \"os\"\nvar _ = a.os.b\n", false},
		{"only in a comment", "package x\nimport \"os\"\n// os.Exit\nvar _ = 1\n", false},
		{"only in a string", "package x\nimport \"os\"\nvar _ = \"os.Exit\"\n", false},
		{"blank import", "package x\nimport _ \"embed\"\n", false},
		{"dot import", "package x\nimport . \"fmt\"\nvar _ = Sprint\n", false},
		{"dot import in a group", "package x\nimport (\n\t. \"fmt\"\n)\nvar _ = Sprint\n", false},
		{"not Go", "package x\nimport (\n\t\"fmt\"\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := allImportsUsed([]byte(tt.src)); got != tt.want {
				t.Errorf("allImportsUsed = %v, want %v", got, tt.want)
			}
		})
	}
}
