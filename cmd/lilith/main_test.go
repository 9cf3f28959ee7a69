package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"lilith": main})
}

// TestScripts runs the command-line scripts in testdata/script: help text,
// errors, exit statuses, and that bad input writes nothing.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			// Share the host's module and build caches, or every script that
			// runs the go command downloads and compiles everything again.
			for k, v := range goEnv(t) {
				e.Setenv(k, v)
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"tree":  cmdTree,
			"exits": cmdExits,
		},
	})
}

// cmdTree prints every file below a directory with a hash of its contents,
// so a script can prove that a failed command changed nothing:
//
//	tree .
//	cp stdout before.txt
//	! lilith new ...
//	tree .
//	cmp stdout before.txt
func cmdTree(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: tree DIR")
	}
	root := ts.MkAbs(args[0])
	var b strings.Builder
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if rel == "stdout" || rel == "stderr" || strings.HasSuffix(rel, ".txt") {
			return nil // the script's own bookkeeping
		}
		if d.IsDir() {
			fmt.Fprintf(&b, "%s/\n", filepath.ToSlash(rel))
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %x\n", filepath.ToSlash(rel), sha256.Sum256(data))
		return nil
	})
	ts.Check(err)
	fmt.Fprint(ts.Stdout(), b.String())
}

// cmdExits runs a program and checks its exit status:
//
//	exits 2 lilith new Shop
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits STATUS PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	if ee, ok := errors.AsType[*exec.ExitError](err); ok {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("run %s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

var (
	goEnvOnce sync.Once
	goEnvVals map[string]string
)

// goEnv returns the host's go command settings that tests pass on to the go
// commands they run, so that all of them share one module and build cache.
func goEnv(t *testing.T) map[string]string {
	t.Helper()
	goEnvOnce.Do(func() {
		keys := []string{"GOMODCACHE", "GOCACHE", "GOPROXY", "GOSUMDB", "GOFLAGS", "GOPATH", "GOTOOLCHAIN"}
		out, err := exec.Command("go", append([]string{"env"}, keys...)...).Output()
		if err != nil {
			return
		}
		goEnvVals = map[string]string{}
		for i, v := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
			if i < len(keys) && v != "" {
				goEnvVals[keys[i]] = v
			}
		}
	})
	if goEnvVals == nil {
		t.Fatal("go env failed: is the go command on PATH?")
	}
	return goEnvVals
}
