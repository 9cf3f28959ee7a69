package generator

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
)

const owned = "// " + GeneratedHeader + "\npackage app\n"

func TestPlanChanges(t *testing.T) {
	tests := []struct {
		name       string
		disk       string // contents on disk; "" means no file
		recorded   string // contents lilith last wrote; "" means none recorded
		desired    string // contents wanted; "" means not wanted
		force      bool
		want       Action // "" means no change
		wantHashOf string // contents whose hash the manifest records; "" means none
	}{
		{name: "new file", desired: "a", want: Create, wantHashOf: "a"},
		{name: "already there", disk: "a", recorded: "a", desired: "a", wantHashOf: "a"},
		{name: "same bytes, not recorded", disk: "a", desired: "a", wantHashOf: "a"},
		{name: "lilith's output changes", disk: "a", recorded: "a", desired: "b", want: Update, wantHashOf: "b"},
		{name: "foreign file", disk: "x", desired: "a", want: Conflict},
		{name: "foreign file forced", disk: "x", desired: "a", force: true, want: Update, wantHashOf: "a"},
		{name: "owned file edited", disk: owned + "//x\n", recorded: owned, desired: owned + "//y\n", want: Conflict},
		{name: "owned file edited forced", disk: owned + "//x\n", recorded: owned, desired: owned + "//y\n", force: true, want: Update, wantHashOf: owned + "//y\n"},
		{name: "scaffolded file edited", disk: "mine", recorded: "a", desired: "b", want: Keep, wantHashOf: "a"},
		{name: "no longer wanted", disk: "a", recorded: "a", want: Delete},
		{name: "no longer wanted, edited", disk: "mine", recorded: "a", want: Keep},
		{name: "no longer wanted, edited, forced", disk: "mine", recorded: "a", force: true, want: Delete},
		{name: "no longer wanted, gone", recorded: "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			const p = "dir/file.go"
			if tt.disk != "" {
				writeTestFile(t, root, p, tt.disk)
			}
			recorded := map[string]string{}
			if tt.recorded != "" {
				recorded[p] = Hash([]byte(tt.recorded))
			}
			desired := map[string][]byte{}
			if tt.desired != "" {
				desired[p] = []byte(tt.desired)
			}
			plan, err := PlanChanges(root, desired, recorded, tt.force)
			if err != nil {
				t.Fatal(err)
			}
			var got Action
			if len(plan.Changes) == 1 {
				got = plan.Changes[0].Action
			} else if len(plan.Changes) > 1 {
				t.Fatalf("got %d changes, want at most 1", len(plan.Changes))
			}
			if got != tt.want {
				t.Errorf("action = %q, want %q", got, tt.want)
			}
			gotHash, recordedAfter := plan.Hashes[p]
			switch {
			case tt.wantHashOf == "" && recordedAfter:
				t.Errorf("manifest records %s, want no record", gotHash)
			case tt.wantHashOf != "" && gotHash != Hash([]byte(tt.wantHashOf)):
				t.Errorf("manifest records %q, want the hash of %q", gotHash, tt.wantHashOf)
			}
		})
	}
}

func TestPlanRejectsPathsOutsideRoot(t *testing.T) {
	_, err := PlanChanges(t.TempDir(), nil, map[string]string{"../evil": "x"}, false)
	if err == nil {
		t.Fatal("PlanChanges accepted a recorded path outside the project")
	}
}

func TestApplyNewTree(t *testing.T) {
	root := filepath.Join(t.TempDir(), "a", "shop")
	changes := []Change{
		{Path: "go.mod", Action: Create, New: []byte("module x\n")},
		{Path: "cmd/shop/main.go", Action: Create, New: []byte("package main\n")},
	}
	if err := Apply(root, changes); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"go.mod": "module x\n", "cmd/shop/main.go": "package main\n"}
	if got := readTree(t, root); !maps.Equal(got, want) {
		t.Errorf("tree = %v, want %v", got, want)
	}
	info, err := os.Stat(root)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o755 {
		t.Errorf("root mode = %v, want 0755", info.Mode().Perm())
	}
	if entries, _ := os.ReadDir(filepath.Dir(root)); len(entries) != 1 {
		t.Errorf("parent holds %d entries, want only the project: staging left behind?", len(entries))
	}
}

func TestApplyInPlace(t *testing.T) {
	root := t.TempDir()
	writeTestFile(t, root, "keep.txt", "keep")
	writeTestFile(t, root, "old/deep/gone.txt", "gone")
	writeTestFile(t, root, "upd.txt", "v1")
	changes := []Change{
		{Path: "new/file.txt", Action: Create, New: []byte("new")},
		{Path: "old/deep/gone.txt", Action: Delete},
		{Path: "upd.txt", Action: Update, New: []byte("v2")},
		{Path: "keep.txt", Action: Keep, Reason: "edited"},
	}
	if err := Apply(root, changes); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"keep.txt": "keep", "new/file.txt": "new", "upd.txt": "v2"}
	if got := readTree(t, root); !maps.Equal(got, want) {
		t.Errorf("tree = %v, want %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(root, "old")); !os.IsNotExist(err) {
		t.Errorf("emptied directory old/ still exists (err=%v)", err)
	}
}

func TestApplyFailureLeavesDiskAsItWas(t *testing.T) {
	root := t.TempDir()
	writeTestFile(t, root, "a.txt", "v1")
	writeTestFile(t, root, "b.txt", "b")
	writeTestFile(t, root, "blocker", "a file where a directory is needed")
	before := readTree(t, root)
	changes := []Change{
		{Path: "a.txt", Action: Update, New: []byte("v2")},
		{Path: "b.txt", Action: Delete},
		{Path: "c/new.txt", Action: Create, New: []byte("c")},
		{Path: "blocker/x.txt", Action: Create, New: []byte("x")},
	}
	if err := Apply(root, changes); err == nil {
		t.Fatal("Apply succeeded, want an error")
	}
	if got := readTree(t, root); !maps.Equal(got, before) {
		t.Errorf("after a failed apply the tree is %v, want %v", got, before)
	}
}

func TestApplyNewFailureWritesNothing(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, dir, "file", "x")
	err := Apply(filepath.Join(dir, "file", "shop"), []Change{{Path: "go.mod", Action: Create, New: []byte("m")}})
	if err == nil {
		t.Fatal("Apply below a file succeeded, want an error")
	}
	if got := readTree(t, dir); !maps.Equal(got, map[string]string{"file": "x"}) {
		t.Errorf("tree = %v, want only the original file", got)
	}
}

func writeTestFile(t *testing.T, root, p, data string) {
	t.Helper()
	full := filepath.Join(root, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readTree returns every file below root, slash path to contents.
func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
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
		t.Fatal(err)
	}
	return out
}

func TestPlanMergesEditedGoMod(t *testing.T) {
	root := t.TempDir()
	const rendered = "module example.com/shop\n\ngo 1.26\n\nrequire github.com/go-chi/chi/v5 v5.2.3\n"
	const theirs = "module example.com/shop\n\ngo 1.26\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.2.3\n\tgithub.com/you/lib v1.0.0 // mine\n)\n"
	const want = "module example.com/shop\n\ngo 1.26\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.2.3\n\tgithub.com/jackc/pgx/v5 v5.7.5\n)\n"
	writeTestFile(t, root, "go.mod", theirs)
	plan, err := PlanChanges(root, map[string][]byte{"go.mod": []byte(want)}, map[string]string{"go.mod": Hash([]byte(rendered))}, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Changes) != 1 || plan.Changes[0].Action != Update {
		t.Fatalf("changes = %+v, want one update", plan.Changes)
	}
	got := string(plan.Changes[0].New)
	wantMerged := "module example.com/shop\n\ngo 1.26\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.2.3\n\tgithub.com/you/lib v1.0.0 // mine\n\tgithub.com/jackc/pgx/v5 v5.7.5\n)\n"
	if got != wantMerged {
		t.Errorf("merged go.mod =\n%s\nwant\n%s", got, wantMerged)
	}
	if plan.Hashes["go.mod"] != Hash([]byte(want)) {
		t.Error("the manifest should record lilith's go.mod, so the file stays the user's")
	}
}
