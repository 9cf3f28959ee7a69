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

// allFields uses every --fields type once.
const allFields = "title:string,notes:text,qty:int,total:int64,price:float64,done:bool,due:time,ref:uuid,meta:json"

var scenarios = []scenario{
	{name: "new", cmds: []string{"new shop --module example.com/shop"}},
	{name: "no-services", cmds: []string{"new shop --module example.com/shop", "remove service hello"}},
	{name: "job", cmds: []string{"new shop --module example.com/shop", "add job nightly-load --schedule @hourly"}},
	{name: "postgres", cmds: []string{"new shop --module example.com/shop", "add service orders --db postgres --fields " + allFields}},
	{name: "datastore", cmds: []string{"new shop --module example.com/shop", "add service users --db datastore"}},
	{name: "memory", cmds: []string{"new shop --module example.com/shop", "add service notes --fields title:string,body:text",
		"add service tags --fields label:text,ref:uuid", "add job import-tags --service tags"}}, // a job for a service that refuses no record
	{name: "uses", cmds: []string{"new shop --module example.com/shop", "add service orders --fields total:float64",
		"add service invoices --db postgres --uses orders --fields number:string", "add service payments --db datastore --uses invoices,orders"}},
	{name: "split", cmds: []string{"new shop --module example.com/shop", "add service orders --db postgres",
		"add service invoices --db postgres --uses orders", "split orders"}},
	// A split service that uses another split service and one that is not.
	{name: "split-chain", cmds: []string{"new shop --module example.com/shop", "add service orders --db datastore",
		"add service invoices --uses orders", "add service payments --db postgres --uses invoices,orders", "split orders", "split payments"}},
	{name: "all", cmds: []string{
		"new shop --module example.com/shop",
		"add service orders --db postgres --fields title:string,price:float64,due:time,done:bool",
		"add service users --db datastore --fields name:string,email:string,meta:json,ref:uuid",
		"add service notes",
		"add job nightly-load --schedule @daily --service orders",
	}},
	{name: "job-postgres", cmds: []string{
		"new shop --module example.com/shop",
		"add service orders --db postgres --fields title:string,price:float64",
		"add job nightly-load --service orders",
	}},
	{name: "new-ci-all", cmds: []string{"new shop --module example.com/shop --ci travis,github,circleci"}},
	{name: "tls", cmds: []string{"new shop --module example.com/shop --tls letsencrypt --domain api.example.com"}},
	{name: "cloudsql", cmds: []string{
		"new shop --module example.com/shop --cloudsql my-project:europe-west1:main --ci github,circleci,travis",
		"add service orders --db postgres --fields title:string,price:float64",
		"add service users --db datastore --fields name:string",
		"add job nightly-load --schedule @daily --service orders",
		"add tls --domain shop.example.com --issuer letsencrypt-staging",
	}},
	{name: "auth-firebase", cmds: []string{
		"new shop --module example.com/shop",
		"add auth --provider firebase --project demo",
		"add service orders --db memory --auth",
	}},
	{name: "auth-cognito", cmds: []string{
		"new shop --module example.com/shop",
		"add auth --provider cognito --region eu-west-1 --user-pool eu-west-1_AbC123 --audience 1example23456789",
		"add service orders --db postgres --auth --public-read --fields title:string,price:float64",
	}},
	{name: "auth-oidc", cmds: []string{
		"new shop --module example.com/shop",
		"add auth --provider oidc --issuer https://accounts.example.com --audience shop-api",
		"add service orders --auth --policy",
		"add service notes --fields title:string",
	}},
	{name: "split-auth", cmds: []string{
		"new shop --module example.com/shop",
		"add auth --provider oidc --issuer https://accounts.example.com --audience shop-api",
		"add service orders --db postgres --auth --policy",
		"add service invoices --db postgres --uses orders --auth --public-read",
		"split orders",
	}},
	// Names made of Go initialisms, alone or among other words: api-keys
	// is APIKeys in Go (a Datastore kind ApiKey), ids IDs with a model ID,
	// and url-maps refers to both through id_id (IDID) and api_key_id.
	{name: "initialisms", cmds: []string{
		"new shop --module example.com/shop",
		"add service api-keys --db datastore --fields ref_url:string,server_ip:string,raw_json:json,uid:int",
		"add service ids --db postgres --uses api-keys --fields user_ids:text,ip:string",
		"add service url-maps --uses ids,api-keys --fields http_url:string",
		"split api-keys",
		"add job url-sync --schedule @daily --service ids",
	}},
	{name: "auth-jwt", cmds: []string{
		"new shop --module example.com/shop",
		"add auth --provider jwt --issuer https://auth.example.com --audience shop --jwks-url https://auth.example.com/keys.json",
		"add service orders --db datastore --auth --public-read --policy",
		"add service invoices --auth --uses orders",
	}},
}

// examples are checked-in projects under examples/, each the output of a
// scenario plus the go.sum that 'go mod tidy' writes.
var examples = map[string]string{
	"shop":      "new",
	"shop-full": "all",
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
		if i == 0 {
			lilith(t, work, line+" --dir "+out)
			continue
		}
		lilith(t, out, line)
	}
	return out
}

// lilith runs one lilith command line in dir, never prompting and never
// running go mod tidy, and fails the test if it fails.
func lilith(t testing.TB, dir, line string) {
	t.Helper()
	args := append(strings.Fields(line), "--no-input", "--skip-tidy")
	var stdout, stderr bytes.Buffer
	e := &env{dir: dir, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	if code := run(context.Background(), args, e); code != 0 {
		t.Fatalf("lilith %s: exit %d\n%s%s", line, code, stdout.String(), stderr.String())
	}
}

// TestRoundTrip holds every command to its inverse: adding something and
// removing it again (or splitting a service and joining it) gives back the
// byte-identical tree, directories included.
func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name        string
		add, remove string
		setup       []string // commands run after new, before add
	}{
		{name: "job", add: "add job nightly-load --schedule @hourly", remove: "remove job nightly-load"},
		{name: "job with a service", add: "add job nightly-load --service orders", remove: "remove job nightly-load",
			setup: []string{"add service orders --db postgres --fields " + allFields}},
		{name: "memory service", add: "add service notes", remove: "remove service notes"},
		{name: "postgres service", add: "add service orders --db postgres --fields " + allFields, remove: "remove service orders"},
		{name: "datastore service", add: "add service users --db datastore --fields name:string,meta:json", remove: "remove service users"},
		{name: "service that uses another", add: "add service invoices --db postgres --uses orders", remove: "remove service invoices",
			setup: []string{"add service orders --db datastore"}},
		{name: "tls", add: "add tls --domain api.example.com", remove: "remove tls"},
		{name: "split", add: "split orders", remove: "join orders",
			setup: []string{"add service orders --db postgres", "add service invoices --db postgres --uses orders"}},
		{name: "split of a service that uses a split one", add: "split invoices", remove: "join invoices",
			setup: []string{"add service orders --db datastore", "add service invoices --uses orders", "split orders"}},
		{name: "auth", add: "add auth --provider firebase --project demo", remove: "remove auth"},
		{name: "cognito auth", add: "add auth --provider cognito --region eu-west-1 --user-pool eu-west-1_AbC123 --audience app", remove: "remove auth",
			setup: []string{"add service notes"}},
		{name: "protected service with policy", add: "add service orders --db postgres --auth --public-read --policy", remove: "remove service orders",
			setup: []string{"add auth --provider oidc --issuer https://accounts.example.com --audience shop-api"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := generate(t, scenario{cmds: append([]string{"new shop --module example.com/shop"}, tt.setup...)})
			before, dirsBefore := readTree(t, dir), readDirs(t, dir)
			lilith(t, dir, tt.add)
			if maps.Equal(before, readTree(t, dir)) {
				t.Fatalf("%s changed nothing", tt.add)
			}
			lilith(t, dir, tt.remove)
			after := readTree(t, dir)
			for _, p := range sortedUnion(before, after) {
				if before[p] != after[p] {
					t.Errorf("%s: differs after %s then %s:\n%s", p, tt.add, tt.remove, udiff.Unified("before", "after", before[p], after[p]))
				}
			}
			if got, want := readDirs(t, dir), dirsBefore; !slices.Equal(got, want) {
				t.Errorf("directories after the round trip = %q, want %q", got, want)
			}
		})
	}
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
			// An example is what a user has after lilith new: tidied, with go.sum.
			// Tidy is deterministic: generator.Deps pins every direct requirement.
			goCmd(t, got, "mod", "tidy")
			want := filepath.Join(examplesDir, dir)
			if *update {
				replaceTree(t, want, got)
				return
			}
			compareTrees(t, want, got, nil)
		})
	}
}

// TestGoldenCompiles holds every golden tree to what a user does first:
// go mod tidy, gofmt, go vet, go build and go test, with the host's module
// and build caches.
func TestGoldenCompiles(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(filepath.Join(goldenDir, sc.name))); err != nil {
				t.Fatalf("copy golden tree: %v (run go test ./cmd/lilith -update first?)", err)
			}
			goCmd(t, dir, "mod", "tidy")
			if out, err := exec.Command("gofmt", "-l", dir).CombinedOutput(); err != nil || len(out) > 0 {
				t.Errorf("gofmt -l: %v\n%s", err, out)
			}
			goCmd(t, dir, "vet", "./...")
			goCmd(t, dir, "build", "./...")
			out := goCmd(t, dir, "test", "-race", "-count=1", "-v", "./...")
			// CI starts PostgreSQL and the Datastore emulator, so there every
			// test of a generated project runs: a skip there is a failure.
			if os.Getenv("CI") != "" {
				for line := range strings.Lines(out) {
					if strings.Contains(line, "--- SKIP") {
						t.Errorf("in CI every generated test must run, but: %s", strings.TrimSpace(line))
					}
				}
			}
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

// readDirs lists every directory below root, so a test sees an empty one
// that readTree would miss.
func readDirs(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
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
