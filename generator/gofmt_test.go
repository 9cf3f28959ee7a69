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
