package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aymanbagabas/go-udiff"
)

var update = flag.Bool("update", false, "rewrite the golden trees and examples from the current templates")

// scenario is a list of lilith command lines. The first creates the project
// with --dir out; the others run inside it.
type scenario struct {
	name string
	cmds []string
}

var scenarios = []scenario{
	{name: "new", cmds: []string{"new shop --module example.com/shop"}},
	{name: "new-ci-all", cmds: []string{"new shop --module example.com/shop --ci travis,github,circleci"}},
}

// examples are checked-in projects under examples/, each the output of a
// scenario plus the go.sum that 'go mod tidy' writes.
var examples = map[string]string{
	"shop": "new",
}

var (
	goldenDir   = filepath.Join("..", "..", "testdata", "golden")
	examplesDir = filepath.Join("..", "..", "examples")
)

// generate runs a scenario's commands and returns the project directory.
func generate(t *testing.T, sc scenario) string {
	t.Helper()
	work := t.TempDir()
	out := filepath.Join(work, "out")
	for i, line := range sc.cmds {
		args := strings.Fields(line)
		dir := out
		if i == 0 {
			args = append(args, "--dir", out, "--skip-tidy")
			dir = work
		}
		args = append(args, "--no-input")
		var stdout, stderr bytes.Buffer
		e := &env{dir: dir, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
		if code := run(context.Background(), args, e); code != 0 {
			t.Fatalf("lilith %s: exit %d\n%s%s", line, code, stdout.String(), stderr.String())
		}
	}
	return out
}

// TestGolden renders every scenario and compares it, byte for byte, with
// testdata/golden/<scenario>; -update rewrites the golden trees.
func TestGolden(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			got := generate(t, sc)
			want := filepath.Join(goldenDir, sc.name)
			if *update {
				replaceTree(t, want, got)
				return
			}
			compareTrees(t, want, got, nil)
		})
	}
}

// TestExamples fails when a checked-in example is not what lilith writes
// today; -update (or make examples) regenerates them.
func TestExamples(t *testing.T) {
	for dir, name := range examples {
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			i := slices.IndexFunc(scenarios, func(s scenario) bool { return s.name == name })
			if i < 0 {
				t.Fatalf("example %s names unknown scenario %q", dir, name)
			}
			got := generate(t, scenarios[i])
			want := filepath.Join(examplesDir, dir)
			if *update {
				goCmd(t, got, "mod", "tidy")
				replaceTree(t, want, got)
				return
			}
			compareTrees(t, want, got, []string{"go.sum"})
		})
	}
}

// TestGoldenCompiles holds every golden tree to what a user does first:
// go mod tidy (which must leave go.mod as lilith wrote it), go vet, go
// build and go test, with the host's module and build caches.
func TestGoldenCompiles(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(filepath.Join(goldenDir, sc.name))); err != nil {
				t.Fatalf("copy golden tree: %v (run go test ./cmd/lilith -update first?)", err)
			}
			goMod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
			if err != nil {
				t.Fatal(err)
			}
			goCmd(t, dir, "mod", "tidy")
			tidied, err := os.ReadFile(filepath.Join(dir, "go.mod"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(goMod, tidied) {
				t.Errorf("go mod tidy changed go.mod: pin the missing modules in generator.Deps\n%s", udiff.Unified("generated", "tidied", string(goMod), string(tidied)))
			}
			if out, err := exec.Command("gofmt", "-l", dir).CombinedOutput(); err != nil || len(out) > 0 {
				t.Errorf("gofmt -l: %v\n%s", err, out)
			}
			goCmd(t, dir, "vet", "./...")
			goCmd(t, dir, "build", "./...")
			goCmd(t, dir, "test", "-race", "-count=1", "./...")
		})
	}
}

// goCmd runs the go command in dir and returns its standard output.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = os.Environ()
	for k, v := range goEnv(t) {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("go %s in %s: %v\n%s%s", strings.Join(args, " "), dir, err, stdout.String(), stderr.String())
	}
	t.Logf("go %s: %s", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
	return stdout.String()
}

// compareTrees reports every file that differs between the want and got
// trees, except the paths in ignore.
func compareTrees(t *testing.T, want, got string, ignore []string) {
	t.Helper()
	w, g := readTree(t, want), readTree(t, got)
	for _, p := range ignore {
		delete(w, p)
		delete(g, p)
	}
	for _, p := range sortedUnion(w, g) {
		wv, inW := w[p]
		gv, inG := g[p]
		switch {
		case !inW:
			t.Errorf("%s: lilith writes it, but %s has no such file (run go test ./cmd/lilith -update)", p, want)
		case !inG:
			t.Errorf("%s: in %s, but lilith no longer writes it (run go test ./cmd/lilith -update)", p, want)
		case wv != gv:
			t.Errorf("%s differs from %s (run go test ./cmd/lilith -update and read the diff):\n%s", p, want, udiff.Unified("want", "got", wv, gv))
		}
	}
}

// replaceTree makes dst an exact copy of src.
func replaceTree(t *testing.T, dst, src string) {
	t.Helper()
	if err := os.RemoveAll(dst); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// readTree returns every file below root, slash path to contents; a
// missing root is an empty tree.
func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if os.IsNotExist(err) && p == root {
			return filepath.SkipAll
		}
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(fmt.Errorf("read tree %s: %w", root, err))
	}
	return out
}

func sortedUnion(a, b map[string]string) []string {
	keys := slices.Collect(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
